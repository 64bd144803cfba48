"""Templates modelled on open-source ERP invoice reports (BIRT, Jasper, FOP) and desktop invoicing tools."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_c.common import qty, sale
from benchmarks.generated_software_c.kit import Col, Doc


def axelor_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Axelor Open Suite's invoice report (axelor/axelor-open-suite axelor-account/src/main/resources/reports/
    Invoice.rptdesign): company letterhead left, client address right, the title 'Facture' or 'Avoir' with
    its number, an info grid (date, due date, customer ref., payment condition and mode), lines
    'Référence / Désignation / Qté / Unité / P.U. HT / Remise / Total HT', a VAT table, 'Total HT / Total TVA
    / Total TTC / Montant déjà réglé / Reste à payer', bank details and the legal footer."""
    s = sale(rng, {"fr": 0.85, "en": 0.15}, n=(1, 16))
    fr = s.lang == "fr"
    credit = rng.random() < 0.25
    d = Doc(path)
    se, b = s.seller, s.buyer
    number = f"{'AV' if credit else 'FA'}{s.issued.strftime('%y%m')}{rng.randint(1, 9999):05d}"
    d.text(15, 20, se.name, 13, True)
    d.lines(15, 26, [se.street, f"{se.zip} {se.city}", f"Tél. : {se.phone}", se.email], 8.5, 4)
    d.lines(
        115,
        40,
        [b.name, f"{'A l’attention de' if fr else 'Attn.'} {b.contact}", b.street, f"{b.zip} {b.city}"],
        10,
        4.6,
    )
    title = ("Avoir" if credit else "Facture") if fr else ("Credit note" if credit else "Invoice")
    d.text(15, 70, f"{title} N° {number}", 15, True)
    order = f"CV{rng.randint(1000, 9999)}"
    cust_ref = f"BC-{rng.randint(100, 9999)}" if rng.random() < 0.6 else ""
    labels = (
        ("Date", "Échéance", "Réf. client", "Conditions de paiement", "Mode de paiement", "Commande")
        if fr
        else ("Date", "Due date", "Customer ref.", "Payment condition", "Payment mode", "Order")
    )
    values = [
        s.day(s.issued),
        s.day(s.due),
        cust_ref or "-",
        f"{(s.due - s.issued).days} jours net" if fr else f"Net {(s.due - s.issued).days} days",
        "Virement" if fr else "Transfer",
        order,
    ]
    cols = [Col(lab, 30, "c") for lab in labels]
    d.table(15, 80, cols, [values], size=7.5, head_fill=0.85, grid=True)
    for it in s.items:
        it.discount = Decimal(rng.choice([0, 0, 0, 10, 15]))
    t = data.totals(s.items)
    cols = [
        Col("Référence" if fr else "Reference", 22),
        Col("Désignation" if fr else "Description", 62),
        Col("Qté" if fr else "Qty", 13, "r"),
        Col("Unité" if fr else "Unit", 13),
        Col("P.U. HT" if fr else "Unit price", 24, "r"),
        Col("Remise" if fr else "Disc.", 16, "r"),
        Col("Total HT" if fr else "Total excl.", 30, "r"),
    ]
    rows = [
        [
            it.ref,
            it.desc[:36],
            qty(it.qty),
            it.unit,
            s.money(it.price, symbol=""),
            f"{it.discount} %" if it.discount else "",
            s.money(it.net, symbol=""),
        ]
        for it in s.items
    ]
    y = d.table(15, 96, cols, rows, head_fill=0.85, bottom=232, top_next=20)
    if y > 205:
        d.new_page()
        y = 25
    vat_cols = [
        Col("Base HT" if fr else "Base", 30, "r"),
        Col("Taux" if fr else "Rate", 18, "r"),
        Col("Montant TVA" if fr else "VAT", 30, "r"),
    ]
    d.table(
        15,
        y + 6,
        vat_cols,
        [
            [s.money(base, symbol=""), f"{rate_text(r)} %", s.money(v, symbol="")]
            for r, (base, v) in t.taxes.items()
        ],
        size=8,
    )
    paid = (
        Decimal(0) if credit or rng.random() < 0.6 else (t.gross * Decimal("0.3")).quantize(Decimal("0.01"))
    )
    rows2 = [
        ("Total HT" if fr else "Total excl. tax", s.money(t.net)),
        ("Total TVA" if fr else "Total tax", s.money(t.tax)),
        ("Total TTC" if fr else "Total incl. tax", s.money(t.gross)),
    ]
    if paid:
        rows2 += [
            ("Montant déjà réglé" if fr else "Amount paid", s.money(paid)),
            ("Reste à payer" if fr else "Amount remaining", s.money(t.gross - paid)),
        ]
    d.pairs(125, 195, y + 8, rows2, 9.5, 5.5, bold_last=True)
    d.text(15, 262, f"IBAN : {ids.group(se.iban)}    BIC : {se.bic}", 8)
    d.text(
        105,
        280,
        f"{se.name} - {data.COUNTRY_NAME['fr'].get(se.country, '')} - Capital {se.capital} €"
        if se.capital
        else se.name,
        7,
        align="c",
    )
    d.text(
        105,
        284,
        f"SIRET {se.siret} - APE {se.naf} - TVA intracom. {se.vat}"
        if se.siret
        else f"VAT {se.vat} - {se.reg}",
        7,
        align="c",
    )
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, siret=bool(se.siret), bank=True)
    tr.buyer(b)
    tr.amounts(t, s.currency)
    if paid:
        tr.money("amount_due", t.gross - paid)
    tr.text("purchase_order", cust_ref)
    return tr.values


def idempiere_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """iDempiere / ADempiere's standard invoice print format (idempiere/idempiere print formats
    'Invoice_Header ** TEMPLATE **' and 'Invoice_LineTax ** TEMPLATE **'): organisation address left, a
    header grid with 'Document No', 'Date Invoiced', 'Order Reference', 'Business Partner', 'Payment Term',
    the document type as title ('AR Invoice' / 'Rechnung' / 'Factura'), lines 'Line / Product / Description
    / Quantity / UOM / Price / Line Amount', tax lines and 'Total Lines / Grand Total'."""
    s = sale(rng, {"en": 0.4, "de": 0.3, "es": 0.3}, n=(2, 25))
    L = {
        "en": (
            "AR Invoice",
            "Document No",
            "Date Invoiced",
            "Order Reference",
            "Business Partner",
            "Payment Term",
            "Line",
            "Product",
            "Description",
            "Quantity",
            "UOM",
            "Price",
            "Line Amount",
            "Total Lines",
            "Grand Total",
            "Page",
            "Due Date",
        ),
        "de": (
            "Rechnung",
            "Belegnummer",
            "Rechnungsdatum",
            "Auftragsreferenz",
            "Geschäftspartner",
            "Zahlungsbedingung",
            "Zeile",
            "Produkt",
            "Beschreibung",
            "Menge",
            "ME",
            "Preis",
            "Zeilennetto",
            "Summe Positionen",
            "Gesamtbetrag",
            "Seite",
            "Fälligkeit",
        ),
        "es": (
            "Factura",
            "No. Documento",
            "Fecha Facturación",
            "Referencia de Orden",
            "Socio de Negocio",
            "Término de Pago",
            "Línea",
            "Producto",
            "Descripción",
            "Cantidad",
            "UM",
            "Precio",
            "Importe Línea",
            "Total Líneas",
            "Gran Total",
            "Página",
            "Vencimiento",
        ),
    }[s.lang]
    se, b = s.seller, s.buyer
    number = str(rng.randint(100000, 1999999)) if rng.random() < 0.5 else f"AR-{rng.randint(1000, 99999)}"
    por = f"{rng.randint(800000, 899999)}"  # the seller's own sales order: a decoy

    def footer(doc: Doc) -> None:
        doc.text(195, 287, f"{L[15]} {doc.page_no}", 7, align="r")
        doc.text(15, 287, f"{se.name}  {se.vat}  {se.reg}", 7)

    d = Doc(path, footer=footer)
    d.text(15, 20, se.name, 12, True)
    d.lines(15, 25, [se.street, f"{se.zip} {se.city}", se.phone], 8, 3.8)
    d.text(195, 20, L[0], 16, True, align="r")
    d.lines(15, 50, [b.name, b.street, f"{b.zip} {b.city}"], 10, 4.6)
    bp = f"{b.name[:20]} ({rng.randint(1000, 9999)})"
    grid = [
        (L[1], number),
        (L[2], s.day(s.issued)),
        (L[16], s.day(s.due)),
        (L[3], por),
        (L[4], bp),
        (L[5], f"{(s.due - s.issued).days} days net" if s.lang == "en" else f"{(s.due - s.issued).days} T"),
    ]
    d.pairs(110, 150, 48, grid, 8.5, 4.6, align="l")
    cols = [
        Col(L[6], 12, "r"),
        Col(L[7], 22),
        Col(L[8], 64),
        Col(L[9], 16, "r"),
        Col(L[10], 12),
        Col(L[11], 24, "r"),
        Col(L[12], 30, "r"),
    ]
    rows = [
        [
            str(10 * i),
            it.ref,
            it.desc[:36],
            qty(it.qty, s.lang != "en"),
            it.unit,
            s.money(it.price, symbol=""),
            s.money(it.net, symbol=""),
        ]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(15, 84, cols, rows, head_fill=0.8, bottom=255, top_next=20)
    if y > 245:
        d.new_page()
        y = 25
    t = s.totals
    rows2 = [(L[13], s.money(t.net, symbol="code"))]
    rows2 += [
        (
            f"{'VAT' if s.lang == 'en' else 'MwSt.' if s.lang == 'de' else 'IVA'} {rate_text(r)}% "
            f"({s.money(base, symbol='')})",
            s.money(v, symbol="code"),
        )
        for r, (base, v) in t.taxes.items()
    ]
    rows2.append((L[14], s.money(t.gross, symbol="code")))
    d.pairs(110, 195, y + 6, rows2, 9, 5, bold_last=True)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.text("seller_name", se.name)
    tr.buyer(b)
    tr.amounts(t, s.currency, tax=False)
    return tr.values


def ofbiz_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Apache OFBiz's invoice PDF (apache/ofbiz-framework applications/accounting/template/invoice/
    InvoiceReportHeaderInfo.fo.ftl, InvoiceReportItems.fo.ftl, InvoiceReportContactMechs.fo.ftl and
    AccountingUiLabels.xml): company logo and address from the header, 'Invoice' with a two-column info table
    'Date / Invoice # / Customer Nr / Order #', 'Bill To', the item table 'Item / Product / Description /
    Quantity / Unit Price / Amount', 'Total Amount Exclusive Tax', tax lines by authority, 'Total Amount'."""
    s = sale(rng, {"en": 0.35, "fr": 0.5, "de": 0.15}, n=(1, 18))
    L = {
        "en": (
            "Invoice",
            "Date",
            "Invoice #",
            "Customer Nr",
            "Order #",
            "Bill To",
            "Item",
            "Product",
            "Description",
            "Quantity",
            "Unit Price",
            "Amount",
            "Total Amount Exclusive Tax",
            "Total Amount",
            "Due Date",
            "Sales Tax",
            "Tax ID",
        ),
        "fr": (
            "Facture",
            "Date",
            "Facture n°",
            "N° client",
            "Commande n°",
            "Facturé à",
            "Article",
            "Produit",
            "Description",
            "Quantité",
            "Prix unitaire",
            "Montant",
            "Montant total hors taxes",
            "Montant total",
            "Date d'échéance",
            "TVA",
            "N° TVA",
        ),
        "de": (
            "Rechnung",
            "Datum",
            "Rechnung Nr.",
            "Kunden-Nr.",
            "Auftrag Nr.",
            "Rechnung an",
            "Pos.",
            "Produkt",
            "Beschreibung",
            "Menge",
            "Einzelpreis",
            "Betrag",
            "Gesamtbetrag ohne Steuern",
            "Gesamtbetrag",
            "Fälligkeitsdatum",
            "MwSt.",
            "USt-IdNr.",
        ),
    }[s.lang]
    se, b = s.seller, s.buyer
    number = f"CI{rng.randint(10000, 99999)}" if rng.random() < 0.6 else str(rng.randint(8000, 12000))
    order = f"WS{rng.randint(10000, 99999)}"
    d = Doc(path, letter=s.country == "US")
    d.text(15, 20, se.name, 14, True)
    d.lines(
        15,
        26,
        [se.street, f"{se.zip} {se.city}", se.phone, f"{L[16]}: {se.vat}" if se.vat else se.reg],
        8.5,
        4,
    )
    d.text(120, 22, L[0], 18, True)
    grid = [
        (L[1], s.day(s.issued, "iso" if rng.random() < 0.5 else "")),
        (L[2], number),
        (L[3], str(rng.randint(10000, 10999))),
        (L[4], order),
        (L[14], s.day(s.due)),
    ]
    d.pairs(120, 155, 30, grid, 8.5, 4.6, align="l")
    d.text(15, 60, L[5], 9, True)
    d.lines(15, 65, [b.name, b.street, f"{b.zip} {b.city}"], 9.5, 4.4)
    cols = [
        Col(L[6], 14),
        Col(L[7], 26),
        Col(L[8], 66),
        Col(L[9], 18, "r"),
        Col(L[10], 28, "r"),
        Col(L[11], 28, "r"),
    ]
    rows = [
        [f"{i:05d}", it.ref, it.desc[:38], qty(it.qty, s.lang != "en"), s.money(it.price), s.money(it.net)]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(15, 85, cols, rows, head_fill=None, bottom=245)
    if y > 230:
        d.new_page()
        y = 25
    t = s.totals
    rows2 = [(L[12], s.money(t.net))]
    rows2 += [(f"{L[15]} {rate_text(r)}%", s.money(v)) for r, (_, v) in t.taxes.items()]
    rows2.append((L[13], s.money(t.gross)))
    d.rule(100, y, 195)
    d.pairs(100, 195, y + 6, rows2, 9, 5, bold_last=True)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se)
    tr.buyer(b)
    tr.amounts(t, s.currency, tax=len(t.taxes) == 1)
    return tr.values


def fakturama_rechnung(rng: random.Random, path: Path) -> dict[str, str]:
    """Fakturama's default ODT invoice template (rheydenr/fakturama2 'Rechnung.ott' / 'Invoice.ott' with the
    placeholders DOCUMENT.NAME, DOCUMENT.DATE, DOCUMENT.ADDRESS, YOURCOMPANY.*): sender line and address
    window, a date/number block right, 'Rechnung' title with the document name, 'Pos. / Menge / Art.-Nr. /
    Bezeichnung / Einzelpreis / Gesamt', 'Summe netto / zzgl. MwSt. / Gesamtsumme', a payment sentence
    with the due date and a footer with the company's bank and tax data. Small traders often use the
    Kleinunternehmer variant without VAT."""
    s = sale(rng, {"de": 0.7, "en": 0.3}, n=(1, 10), country="DE")
    de = s.lang == "de"
    small = rng.random() < 0.35
    se, b = s.seller, s.buyer
    if small:
        se.name = rng.choice(data.PEOPLE) + rng.choice([" - Grafikdesign", " Fotografie", " IT-Service"])
    d = Doc(path, font=rng.choice(["Helvetica", "Times-Roman"]))
    d.text(20, 45, f"{se.name} · {se.street} · {se.zip} {se.city}", 7)
    d.lines(20, 52, [b.name, b.street, f"{b.zip} {b.city}"], 10.5, 5)
    d.text(190, 20, se.name, 13, True, align="r")
    number = (
        f"RE{s.issued.year}{rng.randint(1, 999):04d}"
        if rng.random() < 0.5
        else f"{rng.randint(10000, 99999)}"
    )
    cust = f"KD{rng.randint(1000, 9999)}"
    grid = [
        ("Rechnungs-Nr.:" if de else "Invoice no.:", number),
        ("Datum:" if de else "Date:", s.day(s.issued)),
        ("Kunden-Nr.:" if de else "Customer no.:", cust),
        ("Lieferdatum:" if de else "Delivery date:", s.day(s.issued - timedelta(days=rng.randint(0, 5)))),
    ]
    d.pairs(135, 190, 52, grid, 9, 5)
    d.text(20, 90, f"{'Rechnung' if de else 'Invoice'} {number}", 14, True)
    d.text(20, 98, "Sehr geehrte Damen und Herren," if de else "Dear Sir or Madam,", 9.5)
    d.text(20, 103, "wir berechnen Ihnen wie folgt:" if de else "we charge you as follows:", 9.5)
    if small:
        for it in s.items:
            it.rate = Decimal(0)
    t = data.totals(s.items)
    cols = [
        Col("Pos.", 11),
        Col("Menge" if de else "Qty", 15, "r"),
        Col("Art.-Nr." if de else "Item no.", 22),
        Col("Bezeichnung" if de else "Description", 66),
        Col("Einzelpreis" if de else "Unit price", 28, "r"),
        Col("Gesamt" if de else "Total", 28, "r"),
    ]
    rows = [
        [str(i), qty(it.qty), it.ref, it.desc[:38], s.money(it.price), s.money(it.net)]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(20, 112, cols, rows, head_fill=None, bottom=235, top_next=30)
    if y > 215:
        d.new_page()
        y = 30
    d.rule(120, y, 190)
    if small:
        rows2 = [("Gesamtsumme" if de else "Total", s.money(t.gross))]
    else:
        rows2 = [("Summe netto" if de else "Net total", s.money(t.net))]
        rows2 += [
            (f"zzgl. {rate_text(r)}% MwSt." if de else f"plus {rate_text(r)}% VAT", s.money(v))
            for r, (_, v) in t.taxes.items()
        ]
        rows2.append(("Gesamtsumme" if de else "Total", s.money(t.gross)))
    y = d.pairs(120, 190, y + 6, rows2, 9.5, 5.2, bold_last=True)
    if small:
        d.text(
            20,
            y + 6,
            "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
            if de
            else "No VAT charged under section 19 UStG (small business).",
            8.5,
        )
    d.text(
        20,
        y + 12,
        (
            f"Bitte überweisen Sie den Betrag bis zum {s.day(s.due)} auf unser Konto."
            if de
            else f"Please transfer the amount by {s.day(s.due)}."
        ),
        9,
    )
    tax_no = f"Steuernummer {rng.randint(10, 99)}/{rng.randint(100, 999)}/{ids.digits(rng, 5)}"
    d.rule(20, 272, 190, 0.3)
    d.lines(20, 276, [se.name, se.street, f"{se.zip} {se.city}"], 7, 3.2)
    d.lines(80, 276, [f"IBAN: {ids.group(se.iban)}", f"BIC: {se.bic}"], 7, 3.2)
    d.lines(145, 276, [tax_no] if small else [tax_no, f"USt-IdNr.: {se.vat}"], 7, 3.2)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, vat=not small, bank=True)
    tr.buyer(b)
    tr.amounts(t, s.currency, net=not small, tax=not small and len(t.taxes) == 1)
    return tr.values
