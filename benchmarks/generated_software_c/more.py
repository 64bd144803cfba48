"""Templates modelled on hosting-billing, small-business and association software, and two more ERPs."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_c.common import qty, sale
from benchmarks.generated_software_c.kit import Col, Doc


def fossbilling_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """FOSSBilling's PDF invoice (FOSSBilling/FOSSBilling src/modules/Invoice/templates/pdf/
    default-invoice.twig): logo and a rule, an info block 'Invoice Number / Invoice Date / Due Date / Invoice
    Status' without any title, 'Company' and 'Client' blocks side by side with 'VAT Number :', a '# / Product
    / Quantity & Price / Total' table closed by '<tax name> <rate>% Tax:' and 'Total:', and a footer with
    payment details (account owner, bank, BIC, account number), email, phone, VAT ID and company registration
    number."""
    s = sale(rng, {"en": 0.4, "fr": 0.45, "de": 0.15}, n=(1, 6), one_rate=True)
    L = {
        "en": (
            "Invoice Number",
            "Invoice Date",
            "Due Date",
            "Invoice Status",
            "Company",
            "Client",
            "VAT Number",
            "Product",
            "Quantity & Price",
            "Total",
            "Tax",
            "Payment Details",
            "Account Owner",
            "Bank",
            "BIC / SWIFT Code",
            "Account Number",
            "Company Registration #:",
            "Unpaid",
            "Paid",
        ),
        "fr": (
            "Numéro de facture",
            "Date de facture",
            "Date d'échéance",
            "Statut de la facture",
            "Société",
            "Client",
            "Numéro de TVA",
            "Produit",
            "Quantité & prix",
            "Total",
            "Taxe",
            "Détails du paiement",
            "Titulaire du compte",
            "Banque",
            "Code BIC / SWIFT",
            "Numéro de compte",
            "N° d'immatriculation :",
            "Impayée",
            "Payée",
        ),
        "de": (
            "Rechnungsnummer",
            "Rechnungsdatum",
            "Fälligkeitsdatum",
            "Rechnungsstatus",
            "Firma",
            "Kunde",
            "USt-IdNr.",
            "Produkt",
            "Menge & Preis",
            "Gesamt",
            "Steuer",
            "Zahlungsdetails",
            "Kontoinhaber",
            "Bank",
            "BIC / SWIFT-Code",
            "Kontonummer",
            "Handelsregister-Nr.:",
            "Unbezahlt",
            "Bezahlt",
        ),
    }[s.lang]
    se, b = s.seller, s.buyer
    number = f"{rng.choice(['FOSS', 'INV', 'FB'])}{rng.randint(1, 9999):05d}"
    d = Doc(path)
    d.text(15, 20, se.name.split()[0].upper(), 18, True, grey=0.4)
    d.rule(15, 28, 195, 1)
    style = "d M Y" if rng.random() < 0.5 else ""
    status = L[18] if rng.random() < 0.3 else L[17]
    d.lines(
        120,
        38,
        [
            f"{L[0]}: {number}",
            f"{L[1]}: {s.day(s.issued, style)}",
            f"{L[2]}: {s.day(s.due, style)}",
            f"{L[3]}: {status}",
        ],
        9,
        5,
    )
    d.text(15, 65, L[4], 11, True)
    d.lines(15, 71, [se.name], 9, bold=True)
    d.lines(15, 75.5, [se.street, f"{se.zip} {se.city}", f"{L[6]} : {se.vat}", se.phone], 9, 4.5)
    d.text(110, 65, L[5], 11, True)
    buyer_vat = bool(b.vat) and rng.random() < 0.5
    d.lines(110, 71, [b.name], 9, bold=True)
    d.lines(110, 75.5, [b.street, f"{b.zip} {b.city}"] + ([f"{L[6]} : {b.vat}"] if buyer_vat else []), 9, 4.5)
    cols = [Col("#", 10, "c"), Col(L[7], 100), Col(L[8], 40, "r"), Col(L[9], 30, "r")]
    rows = [
        [
            str(i),
            f"{it.desc[:40]} ({s.day(s.issued, style)} - {s.day(s.issued + timedelta(days=30), style)})",
            f"{qty(it.qty, False)}x {s.money(it.price, symbol='before')}",
            s.money(it.net, symbol="before"),
        ]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(15, 105, cols, rows, head_fill=None)
    d.rule(15, y - 3, 195)
    t = s.totals
    name = {"fr": "TVA", "de": "MwSt."}.get(s.lang, "VAT")
    if t.tax:  # the template prints the tax row only when there is tax
        d.text(163, y + 3, f"{name} {rate_text(next(iter(t.taxes)), False)}% {L[10]}:", 9, True, align="r")
        d.text(193, y + 3, s.money(t.tax, symbol="before"), 9, True, align="r")
    d.text(163, y + 9, f"{L[9]}:", 9, True, align="r")
    d.text(193, y + 9, s.money(t.gross, symbol="before"), 9, True, align="r")
    d.lines(
        15,
        262,
        [
            f"{L[11]}:",
            f"{L[12]}: {se.name} | {L[13]}: {rng.choice(['Qonto', 'BNP', 'Sparkasse'])} | "
            f"{L[14]}: {se.bic} | {L[15]}: {se.iban}",
            "",
            f"{se.name} {se.street}, {se.zip} {se.city}",
            f"Email: {se.email} | Phone: {se.phone}",
            f"VAT ID: {se.vat} | {L[16]} {se.reg or se.siren} | Website: {se.web}",
        ],
        7,
        3.6,
    )
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=True)
    tr.buyer(b, vat=buyer_vat)
    tr.amounts(t, s.currency, net=False, tax=bool(t.tax))
    return tr.values


def solidinvoice_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """SolidInvoice's invoice PDF (SolidInvoice/SolidInvoice src/InvoiceBundle/Resources/views/Pdf/
    invoice.html.twig): company details top left, 'INVOICE' with '#<id>' top right, a 'Bill To' block with the
    client's contacts, 'Invoice Date / Due Date / Status' in a small grid, an item table 'Item / Description /
    Price / Qty / Tax / Total', a right-hand 'Subtotal / Discount / Tax / Total / Balance' and the terms."""
    s = sale(rng, {"en": 0.4, "fr": 0.45, "nl": 0.15}, n=(1, 9))
    L = {
        "en": (
            "INVOICE",
            "Bill To",
            "Invoice Date",
            "Due Date",
            "Status",
            "Item",
            "Description",
            "Price",
            "Qty",
            "Tax",
            "Total",
            "Subtotal",
            "Discount",
            "Balance",
            "Terms",
            "pending",
            "VAT",
        ),
        "fr": (
            "FACTURE",
            "Facturer à",
            "Date de facture",
            "Date d'échéance",
            "Statut",
            "Article",
            "Description",
            "Prix",
            "Qté",
            "Taxe",
            "Total",
            "Sous-total",
            "Remise",
            "Solde",
            "Conditions",
            "en attente",
            "TVA",
        ),
        "nl": (
            "FACTUUR",
            "Factuur aan",
            "Factuurdatum",
            "Vervaldatum",
            "Status",
            "Artikel",
            "Omschrijving",
            "Prijs",
            "Aantal",
            "Btw",
            "Totaal",
            "Subtotaal",
            "Korting",
            "Saldo",
            "Voorwaarden",
            "openstaand",
            "Btw",
        ),
    }[s.lang]
    se, b = s.seller, s.buyer
    number = str(rng.randint(1, 400))
    d = Doc(path, letter=s.country == "US")
    d.text(15, 22, se.name, 15, True)
    d.lines(
        15,
        28,
        [se.street, f"{se.zip} {se.city}", se.email, f"{L[16]}: {se.vat}" if se.vat else se.reg],
        8.5,
        4,
    )
    d.text(195, 22, L[0], 22, True, align="r", grey=0.45)
    d.text(195, 30, f"#{number}", 12, align="r")
    d.text(15, 55, L[1], 9, True, grey=0.4)
    d.lines(15, 61, [b.name, b.contact, b.email, b.street, f"{b.zip} {b.city}"], 9, 4.3)
    style = "M dd, Y" if s.lang == "en" else ""
    d.pairs(130, 195, 58, [(L[2], s.day(s.issued, style)), (L[3], s.day(s.due, style)), (L[4], L[15])], 9, 5)
    discount = Decimal(rng.choice(["0", "0", "5", "10"]))
    cols = [
        Col(L[5], 30),
        Col(L[6], 62),
        Col(L[7], 25, "r"),
        Col(L[8], 13, "r"),
        Col(L[9], 20, "r"),
        Col(L[10], 30, "r"),
    ]
    rows = [
        [
            it.ref,
            it.desc[:34],
            s.money(it.price, symbol="before"),
            qty(it.qty, s.lang != "en"),
            f"{L[16]} {rate_text(it.rate)}%",
            s.money(it.net, symbol="before"),
        ]
        for it in s.items
    ]
    y = d.table(15, 90, cols, rows, head_fill=0.9, bottom=245)
    if y > 225:
        d.new_page()
        y = 25
    for it in s.items:
        it.discount = discount
    t = data.totals(s.items)
    gross_before = sum(((it.qty * it.price).quantize(Decimal("0.01")) for it in s.items), Decimal(0))
    data.deposit(rng, t, 0.3)
    rows2 = [(L[11], s.money(gross_before, symbol="before"))]
    if discount:
        rows2.append((f"{L[12]} ({discount}%)", s.money(t.net - gross_before, symbol="before")))
    rows2 += [
        (L[9], s.money(t.tax, symbol="before")),
        (L[10], s.money(t.gross, symbol="before")),
        (L[13], s.money(t.due, symbol="before")),
    ]
    y = d.pairs(125, 195, y + 6, rows2, 9.5, 5.5, bold_last=True)
    d.text(15, y + 8, L[14], 9, True)
    d.text(15, y + 13, f"IBAN {ids.group(se.iban)} - BIC {se.bic}" if se.iban else "Payment by card.", 8.5)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=bool(se.iban))
    tr.buyer(b)
    tr.amounts(t, s.currency, net=not discount, due=True)
    return tr.values


def galette_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Galette's contribution invoice / receipt PDF (galette/galette
    galette/lib/Galette/IO/PdfContribution.php with the 'invoice' PDF model in
    galette/lib/Galette/Entity/PdfInvoice.php): the association's header (name, address, logo), 'Facture' with
    'n° <year>-<id>' as title, the member's address right, a body that names the contribution ('Cotisation
    annuelle normale du ... au ...') with its amount, payment type and date, and the association's footer.
    Amounts carry no VAT."""
    s = sale(rng, {"fr": 1.0}, n=(1, 1), person_buyer=1.0)
    se, b = s.seller, s.buyer
    se.name = (
        rng.choice(["Les Amis de ", "Association sportive de ", "Cercle photo de ", "Ludothèque de "])
        + se.city
    )
    number = (
        f"{s.issued.year}-{rng.randint(1, 999):04d}" if rng.random() < 0.5 else str(rng.randint(100, 9999))
    )
    d = Doc(path)
    d.text(105, 20, se.name, 16, True, align="c")
    d.text(105, 27, f"{se.street} - {se.zip} {se.city}", 9, align="c")
    d.rule(15, 32, 195)
    d.lines(115, 45, [b.name, b.street, f"{b.zip} {b.city}"], 10, 5)
    d.text(15, 80, f"Facture n° {number}", 16, True)
    d.text(15, 88, f"{se.city}, le {s.day(s.issued, 'long')}", 10)
    amount = Decimal(rng.choice(["15", "20", "25", "30", "45", "60", "120", "180"])) * Decimal(
        rng.choice([1, 1, 2])
    )
    start = s.issued.replace(day=1)
    end = start.replace(year=start.year + 1) - timedelta(days=1)
    kind = rng.choice(
        [
            "Cotisation annuelle normale",
            "Cotisation annuelle réduite",
            "Cotisation famille",
            "Don en nature",
            "Cotisation bienfaiteur",
        ]
    )
    cols = [Col("Désignation", 120), Col("Période", 40), Col("Montant", 20, "r")]
    rows = [[kind, f"{s.day(start)} - {s.day(end)}", s.money(amount)]]
    y = d.table(15, 100, cols, rows, head_fill=0.9, grid=True)
    d.text(160, y + 6, "Total :", 11, True, align="r")
    d.text(195, y + 6, s.money(amount), 11, True, align="r")
    paid = rng.random() < 0.6
    text = (
        f"Réglé par {rng.choice(['chèque', 'virement', 'espèces', 'carte bancaire'])} le {s.day(s.issued)}."
        if paid
        else f"À régler avant le {s.day(s.due)}."
    )
    d.text(15, y + 18, text, 10)
    d.text(15, y + 24, "TVA non applicable - article 261-7-1° du CGI.", 9)
    d.text(15, y + 38, "Le trésorier", 10)
    d.text(105, 282, f"{se.name} - {se.email} - SIRET {se.siret}", 7.5, align="c")
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    if not paid:
        tr.day("due_date", s.due)
    tr.seller(se, vat=False, siret=True)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_incl_tax", amount)
    return tr.values


def openbravo_factura(rng: random.Random, path: Path) -> dict[str, str]:
    """Openbravo ERP's sales invoice Jasper report (openbravo/openbravo src/org/openbravo/erpReports/
    C_InvoiceJR.jrxml and its es_ES translation): company data left with CIF, the title 'FACTURA' with 'Nº
    factura / Fecha / Cliente / Su pedido' in boxes, the customer's fiscal address and NIF, lines 'Código /
    Descripción / Cantidad / Precio / Dto. / Importe', a tax summary 'Base imponible / % IVA / Cuota IVA',
    'Total factura', 'Forma de pago' and due-date lines ('Vencimientos')."""
    s = sale(rng, {"es": 0.75, "en": 0.25}, n=(1, 15), country="ES")
    es = s.lang == "es"
    se, b = s.seller, s.buyer
    number = f"{rng.choice(['FV', 'F', 'A'])}{s.issued.strftime('%y')}/{rng.randint(1, 9999):05d}"
    po = f"{rng.choice(['PED', 'OC', ''])}{rng.randint(1000, 99999)}" if rng.random() < 0.6 else ""
    d = Doc(path)
    d.text(15, 20, se.name, 13, True)
    d.lines(
        15,
        26,
        [
            se.street,
            f"{se.zip} {se.city}",
            f"CIF: {se.vat[2:]}" if es else f"VAT: {se.vat}",
            f"Tel. {se.phone}",
        ],
        8.5,
        4,
    )
    d.text(195, 20, "FACTURA" if es else "INVOICE", 18, True, align="r")
    labels = (
        ("Nº factura", "Fecha", "Cliente", "Su pedido")
        if es
        else ("Invoice no.", "Date", "Customer", "Your order")
    )
    cols = [Col(lab, 27, "c") for lab in labels]
    d.table(
        87,
        40,
        cols,
        [[number, s.day(s.issued), str(rng.randint(430000, 430999)), po or "-"]],
        size=8,
        grid=True,
    )
    buyer_vat = bool(b.vat)
    d.box(110, 56, 85, 28)
    d.lines(
        113, 62, [b.name, b.street, f"{b.zip} {b.city}"] + ([f"NIF: {b.vat}"] if buyer_vat else []), 9.5, 4.6
    )
    for it in s.items:
        it.discount = Decimal(rng.choice([0, 0, 0, 5]))
    t = data.totals(s.items)
    cols = [
        Col("Código" if es else "Code", 24),
        Col("Descripción" if es else "Description", 70),
        Col("Cantidad" if es else "Qty", 18, "r"),
        Col("Precio" if es else "Price", 24, "r"),
        Col("Dto." if es else "Disc.", 14, "r"),
        Col("Importe" if es else "Amount", 30, "r"),
    ]
    rows = [
        [
            it.ref,
            it.desc[:38],
            qty(it.qty),
            s.money(it.price, symbol=""),
            f"{it.discount}%" if it.discount else "",
            s.money(it.net, symbol=""),
        ]
        for it in s.items
    ]
    y = d.table(15, 92, cols, rows, head_fill=0.85, bottom=225)
    if y > 205:
        d.new_page()
        y = 25
    tcols = [
        Col("Base imponible" if es else "Tax base", 34, "r"),
        Col("% IVA" if es else "VAT %", 18, "r"),
        Col("Cuota IVA" if es else "VAT", 30, "r"),
    ]
    d.table(
        15,
        y + 6,
        tcols,
        [[s.money(base), f"{rate_text(r)}", s.money(v)] for r, (base, v) in t.taxes.items()],
        size=8.5,
    )
    d.box(130, y + 4, 65, 10, fill=0.9)
    d.text(133, y + 10.5, "Total factura" if es else "Invoice total", 10, True)
    d.text(192, y + 10.5, s.money(t.gross), 10, True, align="r")
    y += 32
    d.text(15, y, ("Forma de pago: Transferencia bancaria" if es else "Payment: bank transfer"), 9)
    d.text(15, y + 5, f"IBAN: {ids.group(se.iban)}", 9)
    d.text(15, y + 10, f"{'Vencimientos' if es else 'Due'}: {s.day(s.due)}  {s.money(t.gross)}", 9)
    d.text(105, 286, f"{se.name} - {se.reg} - NIF-IVA {se.vat}", 6.5, align="c")
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=True, bic=False)
    tr.buyer(b, vat=buyer_vat)
    tr.text("currency", s.currency)
    tr.money("total_incl_tax", t.gross)
    if len(t.taxes) == 1:
        tr.money("total_excl_tax", t.net)
        tr.money("total_tax", t.tax)
    tr.text("purchase_order", po)
    return tr.values


def metasfresh_rechnung(rng: random.Random, path: Path) -> dict[str, str]:
    """metasfresh's sales invoice Jasper report (metasfresh/metasfresh backend/de.metas.fresh/
    de.metas.fresh.base/src/main/jasperreports/de/metas/docs/sales/invoice/report.jrxml and its
    report_*.properties): letterhead and window address, a right-hand block 'Rechnung Nr. / Datum / Kunden-Nr.
    / Ihre Bestellung / Lieferschein / Ansprechpartner', lines 'Pos / Artikel-Nr. / Bezeichnung / Menge /
    Einh. / Preis / Betrag', VAT summary 'Netto / MwSt.-Satz / MwSt. / Brutto', 'Rechnungsbetrag' and the
    payment term sentence with the due date, plus a footer with register and bank data."""
    s = sale(rng, {"de": 0.8, "en": 0.2}, n=(3, 24), country=rng.choice(["DE", "DE", "NL"]))
    de = s.lang == "de"
    se, b = s.seller, s.buyer
    number = f"{rng.randint(100000, 999999)}" if rng.random() < 0.5 else f"RE-{rng.randint(10000, 99999)}"
    po = f"{rng.choice(['4500', 'B-', 'PO'])}{rng.randint(10000, 99999)}" if rng.random() < 0.6 else ""
    ship = f"LS-{rng.randint(100000, 999999)}"

    def footer(doc: Doc) -> None:
        doc.rule(20, 272, 190, 0.3)
        doc.lines(20, 276, [se.name, se.street, f"{se.zip} {se.city}"], 6.5, 3)
        doc.lines(
            75,
            276,
            [f"{'Amtsgericht' if se.country == 'DE' else 'Register'} {se.reg}", f"USt-IdNr. {se.vat}"],
            6.5,
            3,
        )
        doc.lines(135, 276, [f"IBAN {ids.group(se.iban)}", f"BIC {se.bic}"], 6.5, 3)
        doc.text(190, 290, f"{'Seite' if de else 'Page'} {doc.page_no}", 6.5, align="r")

    d = Doc(path, footer=footer)
    d.text(190, 20, se.name, 13, True, align="r")
    d.text(20, 46, f"{se.name}, {se.street}, {se.zip} {se.city}", 6.5)
    d.lines(20, 53, [b.name, b.contact, b.street, f"{b.zip} {b.city}"], 10, 4.6)
    labels = (
        ("Rechnung Nr.", "Datum", "Kunden-Nr.", "Ihre Bestellung", "Lieferschein", "Ansprechpartner")
        if de
        else ("Invoice No.", "Date", "Customer No.", "Your order", "Delivery note", "Contact")
    )
    vals = [number, s.day(s.issued), str(rng.randint(2000000, 2999999)), po or "-", ship, se.contact]
    d.pairs(125, 160, 50, list(zip(labels, vals, strict=True)), 8.5, 4.5, align="l")
    d.text(20, 92, "Rechnung" if de else "Invoice", 14, True)
    cols = [
        Col("Pos", 10, "r"),
        Col("Artikel-Nr." if de else "Item no.", 22),
        Col("Bezeichnung" if de else "Description", 62),
        Col("Menge" if de else "Qty", 16, "r"),
        Col("Einh." if de else "UOM", 12),
        Col("Preis" if de else "Price", 24, "r"),
        Col("Betrag" if de else "Amount", 24, "r"),
    ]
    rows = [
        [
            str(i),
            it.ref,
            it.desc[:36],
            qty(it.qty),
            it.unit,
            s.money(it.price, symbol=""),
            s.money(it.net, symbol=""),
        ]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(20, 100, cols, rows, head_fill=None, bottom=240, top_next=30)
    if y > 220:
        d.new_page()
        y = 30
    t = s.totals
    tcols = [
        Col("Netto" if de else "Net", 30, "r"),
        Col("MwSt.-Satz" if de else "VAT rate", 22, "r"),
        Col("MwSt." if de else "VAT", 26, "r"),
        Col("Brutto" if de else "Gross", 30, "r"),
    ]
    d.table(
        20,
        y + 6,
        tcols,
        [
            [
                s.money(base, symbol=""),
                f"{rate_text(r)} %",
                s.money(v, symbol=""),
                s.money(base + v, symbol=""),
            ]
            for r, (base, v) in t.taxes.items()
        ],
        size=8,
    )
    d.text(128, y + 10, "Rechnungsbetrag" if de else "Invoice amount", 10, True)
    d.text(190, y + 10, s.money(t.gross, symbol="code"), 10, True, align="r")
    days = (s.due - s.issued).days
    sentence = (
        f"Zahlbar innerhalb {days} Tagen netto bis {s.day(s.due)}."
        if de
        else f"Payable within {days} days net by {s.day(s.due)}."
    )
    d.text(20, y + 30, sentence, 9)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=True)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_incl_tax", t.gross)
    tr.text("purchase_order", po)
    return tr.values
