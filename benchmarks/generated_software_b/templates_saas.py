"""Web invoice generators and e-invoice viewers: EasyInvoicePDF (Stripe-like and default templates), the
XRechnung viewer stylesheet shipped with Mustang, and the AssoSoftware FatturaPA stylesheet."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data as d
from benchmarks.generated_software_b.draw import Canvas, Col
from benchmarks.generated_software_b.ids import group

Fields = dict[str, str]

STRIPE = {
    "en": dict(
        title="Invoice",
        number="Invoice number",
        issued="Date of issue",
        due="Date due",
        bill="Bill to",
        due_line="{a} due {d}",
        pay="Pay online",
        desc="Description",
        qty="Qty",
        unit="Unit price",
        tax="Tax",
        amount="Amount",
        subtotal="Subtotal",
        excl="Total excluding tax",
        vat="VAT",
        on="on",
        total="Total",
        amount_due="Amount due",
        page="Page {p} of {n}",
        date="short-en",
    ),
    "fr": dict(
        title="Facture",
        number="Numéro de facture",
        issued="Date d'émission",
        due="Date d'échéance",
        bill="Facturer à",
        due_line="{a} dus le {d}",
        pay="Payer en ligne",
        desc="Description",
        qty="Qté",
        unit="Prix unitaire",
        tax="TVA",
        amount="Montant",
        subtotal="Sous-total",
        excl="Total hors taxe",
        vat="TVA",
        on="sur",
        total="Total",
        amount_due="Montant dû",
        page="Page {p} sur {n}",
        date="long",
    ),
    "de": dict(
        title="Rechnung",
        number="Rechnungsnummer",
        issued="Ausstellungsdatum",
        due="Fälligkeitsdatum",
        bill="Rechnung an",
        due_line="{a} fällig am {d}",
        pay="Online bezahlen",
        desc="Beschreibung",
        qty="Menge",
        unit="Stückpreis",
        tax="MwSt.",
        amount="Betrag",
        subtotal="Zwischensumme",
        excl="Gesamtbetrag ohne Steuern",
        vat="MwSt.",
        on="auf",
        total="Gesamt",
        amount_due="Fälliger Betrag",
        page="Seite {p} von {n}",
        date="long",
    ),
}


def stripe_like_invoice(rng: random.Random, out: Path) -> Fields:
    """A Stripe-style SaaS invoice as EasyInvoicePDF's "stripe" template draws it.

    Modelled on VladSez/easy-invoice-pdf, folder
    src/app/(app)/components/invoice-templates/invoice-pdf-stripe-template
    (stripe-invoice-info.tsx, stripe-totals.tsx, stripe-footer.tsx): "Invoice" title, invoice number / date
    of issue / date due, seller and "Bill to" blocks, the big "<amount> due <date>" line, a light table, then
    Subtotal, Total excluding tax, one "VAT (r% on base)" row per line, Total and Amount due; footer with the
    number, the amount due and the page count.
    """
    lang = d.pick_lang(rng, {"fr": 0.7, "en": 0.2, "de": 0.1})
    L = STRIPE[lang]
    country = {"fr": "FR", "en": rng.choice(["GB", "US"]), "de": "DE"}[lang]
    seller = d.party(rng, country)
    buyer = d.party(rng, rng.choice([country, "FR", "DE", "NL"]))
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([0, 7, 14, 30]))
    number = f"{''.join(rng.choice('ABCDEF0123456789') for _ in range(8))}-{rng.randint(1, 40):04d}"
    items = d.lines(
        rng, lang if lang != "de" else "de", country if country != "US" else "GB", rng.choice([1, 1, 2, 3, 4])
    )
    t = d.totals(items)
    currency = {"FR": "EUR", "DE": "EUR", "GB": "GBP", "US": "USD"}[country]
    sym = {"EUR": "€", "GBP": "£", "USD": "$"}[currency]
    style = {"fr": "fr", "de": "de", "en": "en"}[lang]

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, style)} {sym}" if lang != "en" else f"{sym}{d.fmt_amount(v, style)}"

    when = L["date"]
    pdf = Canvas(rng.choice(["sans", "helvetica"]))

    def footer(c: Canvas) -> None:
        c.rule(15, 280, 195, 0.2, 220)
        c.put(
            15,
            282,
            f"{number} · {money(t.gross)} · {L['page'].format(p=c.page_count, n='{nb}')}",
            7.5,
            color=(110, 110, 110),
        )

    pdf.on_page = footer
    pdf.new_page()
    pdf.put(15, 16, L["title"], 17, "B")
    pdf.box(165, 14, 30, 10, fill=235, stroke=False)
    pdf.pairs(
        15,
        30,
        [
            (L["number"], number),
            (L["issued"], d.fmt_date(issued, when, lang)),
            (L["due"], d.fmt_date(due, when, lang)),
        ],
        38,
        60,
        8.5,
        4.8,
        value_align="L",
    )
    y = pdf.lines_at(15, 50, [seller.name], 8.5, style="B")
    pdf.lines_at(15, y, [seller.street, f"{seller.zip} {seller.city}", seller.email, seller.vat], 8.5)
    pdf.put(85, 50, L["bill"], 8.5, "B")
    vat_buyer = buyer.vat if rng.random() < 0.5 else ""
    pdf.lines_at(
        85, 54.5, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}", buyer.email, vat_buyer], 8.5
    )
    pdf.put(15, 84, L["due_line"].format(a=money(t.gross), d=d.fmt_date(due, when, lang)), 14, "B")
    pdf.put(15, 92, L["pay"], 8.5, color=(99, 91, 255))
    cols = [
        Col(L["desc"], 82),
        Col(L["qty"], 16, "R"),
        Col(L["unit"], 28, "R"),
        Col(L["tax"], 18, "R"),
        Col(L["amount"], 36, "R"),
    ]
    rows = [
        [
            i.desc,
            f"{i.qty.normalize():f}",
            money(i.price),
            f"{d.rate_text(i.rate, lang != 'en')}%",
            money(i.net),
        ]
        for i in items
    ]
    y = pdf.grid_table(
        15, 104, cols, rows, size=8, head_fill=None, head_style="", rule_gray=230, top_after_break=20
    )
    tot = [(L["subtotal"], money(t.net)), (L["excl"], money(t.net))]
    for i in reversed(items):
        vat = (i.net * i.rate / 100).quantize(d.CENT)
        tot.append(
            (f"{L['vat']} ({d.rate_text(i.rate, lang != 'en')}% {L['on']} {money(i.net)})", money(vat))
        )
    tot += [(L["total"], money(t.gross)), (L["amount_due"], money(t.gross))]
    y = pdf.pairs(105, y + 8, tot, 60, 30, 8, 5.5, bold_last=True)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller)
    truth.buyer(buyer, vat=bool(vat_buyer))
    # the per-line VAT rows are rounded one by one; the truth is what the Total row shows
    truth.text("currency", currency)
    truth.money("total_excl_tax", t.net)
    truth.money("total_incl_tax", t.gross)
    truth.money("amount_due", t.gross)
    return truth.values


DEFAULT = {
    "fr": dict(
        title="Facture n° {n}",
        original="ORIGINAL",
        issued="Date d'émission",
        sale="Date de vente / de réalisation de la prestation",
        seller="Vendeur",
        buyer="Acheteur",
        vat_no="N° TVA",
        email="E-mail",
        account="Numéro de compte",
        swift="Code SWIFT/BIC",
        no="N°",
        name="Désignation",
        type="Type",
        qty="Qté",
        unit="Unité",
        net_price="Prix unitaire HT",
        net="Montant HT",
        vat="TVA",
        vat_amt="Montant TVA",
        gross="Montant TTC",
        total="Total",
        rate="Taux TVA",
        pay="Mode de paiement",
        transfer="Virement bancaire",
        due="Date de paiement",
        to_pay="À payer",
        paid="Payé",
        left="Reste à payer",
        words="Montant en lettres",
        sign="Signature de la personne autorisée",
        style="fr",
        date="d.m.Y",
    ),
    "es": dict(
        title="Factura n.º {n}",
        original="ORIGINAL",
        issued="Fecha de emisión",
        sale="Fecha de venta / prestación del servicio",
        seller="Vendedor",
        buyer="Comprador",
        vat_no="NIF-IVA",
        email="Correo",
        account="Número de cuenta",
        swift="Código SWIFT/BIC",
        no="N.º",
        name="Concepto",
        type="Tipo",
        qty="Cant.",
        unit="Unidad",
        net_price="Precio neto",
        net="Importe neto",
        vat="IVA",
        vat_amt="Importe IVA",
        gross="Importe bruto",
        total="Total",
        rate="Tipo IVA",
        pay="Forma de pago",
        transfer="Transferencia bancaria",
        due="Fecha de pago",
        to_pay="A pagar",
        paid="Pagado",
        left="Pendiente de pago",
        words="Importe en letras",
        sign="Firma de la persona autorizada",
        style="de",
        date="d/m/Y",
    ),
    "it": dict(
        title="Fattura n. {n}",
        original="ORIGINALE",
        issued="Data di emissione",
        sale="Data di vendita / esecuzione del servizio",
        seller="Venditore",
        buyer="Acquirente",
        vat_no="Partita IVA",
        email="E-mail",
        account="Numero di conto",
        swift="Codice SWIFT/BIC",
        no="N.",
        name="Descrizione",
        type="Tipo",
        qty="Q.tà",
        unit="Unità",
        net_price="Prezzo netto",
        net="Importo netto",
        vat="IVA",
        vat_amt="Importo IVA",
        gross="Importo lordo",
        total="Totale",
        rate="Aliquota IVA",
        pay="Modalità di pagamento",
        transfer="Bonifico bancario",
        due="Data di pagamento",
        to_pay="Da pagare",
        paid="Pagato",
        left="Restante da pagare",
        words="Importo in lettere",
        sign="Firma della persona autorizzata",
        style="de",
        date="d.m.Y",
    ),
}


def easyinvoicepdf_default(rng: random.Random, out: Path) -> Fields:
    """EasyInvoicePDF's default template (a Polish-style layout translated into many languages).

    Modelled on VladSez/easy-invoice-pdf, folder
    src/app/(app)/components/invoice-templates/invoice-pdf-default-template (invoice-header.tsx,
    invoice-seller-buyer-info.tsx, invoice-items-table.tsx, invoice-vat-summary-table.tsx,
    invoice-payment-info.tsx, invoice-payment-totals.tsx): "Invoice No. of:" header with ORIGINAL, issue and
    sale dates, Seller and Buyer columns with VAT number and bank account, a fully ruled items table with
    net/VAT/gross columns, the VAT summary table, payment method and date, "To pay / Paid / Left to pay".
    """
    lang = d.pick_lang(rng, {"fr": 0.7, "es": 0.15, "it": 0.15})
    L = DEFAULT[lang]
    country = {"fr": "FR", "es": "ES", "it": "IT"}[lang]
    seller = d.party(rng, country, bank=True)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice(
        [
            f"{issued.month}/{issued.year}",
            f"{rng.randint(1, 99)}/{issued.month:02d}/{issued.year}",
            f"FV/{issued.year}/{rng.randint(1, 999)}",
        ]
    )
    items = d.lines(rng, lang, country, rng.choice([1, 2, 3, 5, 8]))
    t = d.totals(items)
    d.deposit(rng, t, 0.35)
    style = L["style"]

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, style)} EUR"

    pdf = Canvas(rng.choice(["sans", "helvetica", "cond"]))
    pdf.new_page()
    pdf.put(15, 14, L["title"].format(n=number), 13, "B")
    pdf.put(160, 14, L["original"], 9, align="R", w=35)
    pdf.pairs(
        15,
        22,
        [
            (L["issued"] + ":", d.fmt_date(issued, L["date"])),
            (L["sale"] + ":", d.fmt_date(issued, L["date"])),
        ],
        75,
        30,
        8,
        4.5,
        value_align="L",
    )
    pdf.rule(15, 33, 195, 0.3)
    for x, title, p in ((15, L["seller"], seller), (107, L["buyer"], buyer)):
        pdf.put(x, 36, title, 9, "B")
        block = [p.name, p.street, f"{p.zip} {p.city}", f"{L['vat_no']}: {p.vat}", f"{L['email']}: {p.email}"]
        if p is seller:
            block += [f"{L['account']}: {group(p.iban)}", f"{L['swift']}: {p.bic}"]
        pdf.lines_at(x, 41, block, 8, w=88)
    cols = [
        Col(L["no"], 8, "C"),
        Col(L["name"], 50),
        Col(L["qty"], 12, "R"),
        Col(L["unit"], 13, "C"),
        Col(L["net_price"], 24, "R"),
        Col(L["vat"], 12, "R"),
        Col(L["net"], 20, "R"),
        Col(L["vat_amt"], 19, "R"),
        Col(L["gross"], 22, "R"),
    ]
    rows: list[list[str]] = []
    for n, i in enumerate(items, 1):
        vat = (i.net * i.rate / 100).quantize(d.CENT)
        rows.append(
            [
                str(n),
                i.desc,
                d.fmt_amount(i.qty, style).removesuffix(",00").removesuffix(".00"),
                i.unit,
                d.fmt_amount(i.price, style),
                f"{d.rate_text(i.rate)}%",
                d.fmt_amount(i.net, style),
                d.fmt_amount(vat, style),
                d.fmt_amount(i.net + vat, style),
            ]
        )
    y = pdf.grid_table(15, 84, cols, rows, size=7, row_h=6, head_fill=240, grid=True, top_after_break=20)
    vat_rows = [
        [f"{d.rate_text(r)}%", d.fmt_amount(b, style), d.fmt_amount(tx, style), d.fmt_amount(b + tx, style)]
        for r, (b, tx) in t.taxes.items()
    ]
    vat_rows.append(
        [L["total"], d.fmt_amount(t.net, style), d.fmt_amount(t.tax, style), d.fmt_amount(t.gross, style)]
    )
    y = pdf.grid_table(
        105,
        y + 6,
        [
            Col(L["rate"], 20, "C"),
            Col(L["net"], 24, "R"),
            Col(L["vat_amt"], 22, "R"),
            Col(L["gross"], 24, "R"),
        ],
        vat_rows,
        size=7,
        row_h=6,
        head_fill=240,
        grid=True,
    )
    y += 6
    y = pdf.pairs(
        15,
        y,
        [(L["pay"] + ":", L["transfer"]), (L["due"] + ":", d.fmt_date(due, L["date"]))],
        40,
        60,
        8.5,
        5,
        value_align="L",
    )
    pay = [(L["to_pay"] + ":", money(t.gross))]
    if t.paid:
        pay += [(L["paid"] + ":", money(t.paid)), (L["left"] + ":", money(t.due))]
    y = pdf.pairs(15, y + 3, pay, 40, 60, 10, 6, value_align="L", bold_last=True)
    pdf.rule(120, y + 25, 190, 0.2)
    pdf.put(120, y + 27, L["sign"], 7, align="C", w=70)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, "EUR", due=bool(t.paid))
    return truth.values


def xrechnung_viewer(rng: random.Random, out: Path) -> Fields:
    """The XRechnung/ZUGFeRD visualisation printed from the Mustang project (German labels, BT codes).

    Modelled on ZUGFeRD/mustangproject src/main/resources/stylesheets/xrechnung-html.xsl (the KoSIT viewer):
    an "Übersicht" page with Käufer and Verkäufer boxes, the Rechnungsdaten box (Rechnungsnummer,
    Rechnungsdatum, Rechnungsart, Währung, Leistungszeitraum, Käuferreferenz, Bestellnummer...), the
    Rechnungsbeträge box (Summe der Nettobeträge aller Positionen, Gesamtsumme ohne Umsatzsteuer, Summe
    Umsatzsteuer, Gesamtsumme einschließlich Umsatzsteuer, Gezahlter Betrag, Fälliger Zahlungsbetrag), the
    payment and VAT breakdown boxes, then the positions.
    """
    seller = d.party(rng, "DE", bank=True)
    buyer = d.party(rng, rng.choice(["DE", "DE", "FR"]))
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice([f"RE-{issued.year}-{rng.randint(1, 9999):05d}", f"{rng.randint(100000, 999999)}"])
    items = d.lines(rng, "de", "DE", rng.choice([1, 2, 4, 7]))
    t = d.totals(items)
    d.deposit(rng, t, 0.25)
    leitweg = f"{rng.randint(991, 999)}-{rng.randint(10000, 99999)}-{rng.randint(10, 99)}"
    po = f"{rng.randint(4500000000, 4599999999)}" if rng.random() < 0.6 else ""

    def amt(v: Decimal) -> str:
        return d.fmt_amount(v, "de")

    pdf = Canvas(rng.choice(["sans", "helvetica"]))
    pdf.new_page()
    pdf.put(15, 10, "Übersicht", 12, "B")
    pdf.put(
        15, 16, "Wir übernehmen keine Haftung für die Richtigkeit der Daten.", 7, "I", color=(120, 120, 120)
    )

    def panel(x: float, y: float, w: float, title: str, rows: list[tuple[str, str]], lw: float) -> float:
        pdf.box(x, y, w, 6, fill=225, stroke=False)
        pdf.put(x + 1, y + 1.5, title, 8.5, "B")
        yy = pdf.pairs(x + 1, y + 8, rows, lw, w - lw - 2, 7.5, 4.4, value_align="L")
        pdf.box(x, y, w, yy - y + 1)
        return yy + 4

    buyer_rows = [
        ("Käuferreferenz:", leitweg),
        ("Name:", buyer.name),
        ("Straße:", buyer.street),
        ("PLZ:", buyer.zip),
        ("Ort:", buyer.city),
        ("Land:", buyer.country),
        ("Umsatzsteuer-ID:", buyer.vat),
    ]
    seller_rows = [
        ("Name:", seller.name),
        ("Straße:", seller.street),
        ("PLZ:", seller.zip),
        ("Ort:", seller.city),
        ("Land:", "DE"),
        ("Umsatzsteuer-ID:", seller.vat),
        ("Registernummer:", seller.reg),
        ("Telefon:", seller.phone),
        ("E-Mail:", seller.email),
    ]
    y1 = panel(15, 22, 88, "Käufer", buyer_rows, 30)
    y2 = panel(107, 22, 88, "Verkäufer", seller_rows, 30)
    y = max(y1, y2)
    data_rows = [
        ("Rechnungsnummer:", number),
        ("Rechnungsdatum:", d.fmt_date(issued, "d.m.Y")),
        ("Rechnungsart:", "Handelsrechnung (380)"),
        ("Währung:", "EUR"),
        ("Leistungszeitraum von:", d.fmt_date(issued.replace(day=1), "d.m.Y")),
        ("bis:", d.fmt_date(issued, "d.m.Y")),
    ]
    if po:
        data_rows.append(("Bestellnummer:", po))
    data_rows.append(("Projektnummer:", f"PRJ-{rng.randint(100, 999)}"))
    y3 = panel(15, y, 88, "Rechnungsdaten", data_rows, 38)
    totals_rows = [
        ("Summe Nettobeträge aller Positionen:", amt(t.net)),
        ("Gesamtsumme ohne USt.:", amt(t.net)),
        ("Summe Umsatzsteuer:", amt(t.tax)),
        ("Gesamtsumme einschl. USt.:", amt(t.gross)),
    ]
    if t.paid:
        totals_rows.append(("Gezahlter Betrag:", amt(t.paid)))
    totals_rows.append(("Fälliger Zahlungsbetrag:", amt(t.due)))
    y4 = panel(107, y, 88, "Rechnungsbeträge", totals_rows, 56)
    y = max(y3, y4)
    pay_rows = [
        ("Zahlungsart:", "SEPA-Überweisung (58)"),
        ("Kontoinhaber:", seller.name),
        ("IBAN:", group(seller.iban)),
        ("BIC:", seller.bic),
        ("Verwendungszweck:", number),
        ("Fälligkeitsdatum:", d.fmt_date(due, "d.m.Y")),
    ]
    y5 = panel(15, y, 88, "Zahlungsdaten", pay_rows, 30)
    vat_rows = []
    for r, (b, tx) in t.taxes.items():
        vat_rows += [
            ("Umsatzsteuerkategorie:", "S"),
            ("Steuersatz:", f"{d.rate_text(r)} %"),
            ("Gesamtsumme:", amt(b)),
            ("Steuerbetrag:", amt(tx)),
        ]
    y6 = panel(107, y, 88, "Aufschlüsselung der Umsatzsteuer", vat_rows, 40)
    y = max(y5, y6)
    cols = [
        Col("Pos.", 10),
        Col("Artikelname", 70),
        Col("Menge", 20, "R"),
        Col("Einheit", 15),
        Col("Preis (netto)", 30, "R"),
        Col("USt.", 12, "R"),
        Col("Gesamt (netto)", 23, "R"),
    ]
    rows = [
        [str(n), i.desc, amt(i.qty), i.unit, amt(i.price), f"{d.rate_text(i.rate)} %", amt(i.net)]
        for n, i in enumerate(items, 1)
    ]
    if y > 230:
        pdf.new_page()
        y = 15
    pdf.put(15, y, "Positionen", 10, "B")
    pdf.grid_table(15, y + 6, cols, rows, size=7.5, head_fill=235, rule_gray=210, top_after_break=15)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, "EUR", due=True)
    truth.text("purchase_order", po)
    return truth.values


def fatturapa_assosoftware(rng: random.Random, out: Path) -> Fields:
    """An Italian FatturaPA printed through the AssoSoftware stylesheet.

    Modelled on odoo/odoo addons/l10n_it_edi/data/FoglioStileAssoSoftware.xsl (the sheet Italian accounting
    packages print with): Cedente/prestatore (fornitore) and Cessionario/committente (cliente) boxes with
    "Identificativo fiscale ai fini IVA" and "Codice fiscale", the Tipologia documento / Numero documento /
    Data documento / Codice destinatario strip, the lines table (Cod. articolo, Descrizione, Quantità, Prezzo
    unitario, UM, Sconto o magg., %IVA, Prezzo totale), RIEPILOGHI IVA E TOTALI, and Modalità pagamento with
    IBAN, Data scadenza and Importo. Dates are dd-mm-yyyy, amounts 1.234,56.
    """
    seller = d.party(rng, "IT", bank=True)
    buyer = d.party(rng, "IT")
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice(
        [
            f"{rng.randint(1, 999)}",
            f"{rng.randint(1, 999)}/{issued.year}",
            f"FPR {rng.randint(1, 99)}/{issued.year % 100}",
        ]
    )
    items = d.lines(rng, "it", "IT", rng.choice([1, 2, 3, 5, 9]))
    t = d.totals(items)

    def amt(v: Decimal) -> str:
        return d.fmt_amount(v, "de")

    def fmt(day: object) -> str:
        return d.fmt_date(day, "d-m-Y")  # type: ignore[arg-type]

    pdf = Canvas(rng.choice(["sans", "helvetica", "cond"]))
    pdf.new_page()
    for x, title, p in (
        (12, "Cedente/prestatore (fornitore)", seller),
        (108, "Cessionario/committente (cliente)", buyer),
    ):
        pdf.box(x, 12, 90, 44)
        pdf.put(x + 2, 14, title, 9, "B")
        pdf.lines_at(
            x + 2,
            20,
            [
                f"Identificativo fiscale ai fini IVA: {p.vat}",
                f"Codice fiscale: {p.vat[2:]}",
                f"Denominazione: {p.name}",
                "Regime fiscale: RF01 (ordinario)" if p is seller else "",
                f"Indirizzo: {p.street}",
                f"Comune: {p.city} Provincia: MI",
                f"Cap: {p.zip} Nazione: IT",
                f"Telefono: {p.phone}" if p is seller else "",
            ],
            7.5,
            w=86,
        )
    dest = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(7))
    cols = [
        Col("Tipologia documento", 42),
        Col("Art. 73", 16),
        Col("Numero documento", 40),
        Col("Data documento", 34),
        Col("Codice destinatario", 54),
    ]
    y = pdf.grid_table(
        12, 62, cols, [["TD01 fattura", "", number, fmt(issued), dest]], size=7.5, head_fill=230, grid=True
    )
    cols = [
        Col("Cod. articolo", 22),
        Col("Descrizione", 56),
        Col("Quantità", 16, "R"),
        Col("Prezzo unitario", 24, "R"),
        Col("UM", 10),
        Col("Sconto o magg.", 20),
        Col("%IVA", 12, "R"),
        Col("Prezzo totale", 26, "R"),
    ]
    rows = [[i.ref, i.desc, amt(i.qty), amt(i.price), i.unit, "", amt(i.rate), amt(i.net)] for i in items]
    y = pdf.grid_table(12, y + 5, cols, rows, size=7, head_fill=230, grid=True, top_after_break=15)
    if y > 200:
        pdf.new_page()
        y = 15
    pdf.put(12, y + 4, "RIEPILOGHI IVA E TOTALI", 8.5, "B")
    cols = [
        Col("esigibilità iva / riferimenti normativi", 56),
        Col("%IVA", 14, "R"),
        Col("Spese accessorie", 24, "R"),
        Col("Arr.", 12, "R"),
        Col("Totale imponibile", 30, "R"),
        Col("Totale imposta", 30, "R"),
    ]
    rows = [["I (immediata)", amt(r), "", "", amt(b), amt(tx)] for r, (b, tx) in t.taxes.items()]
    y = pdf.grid_table(12, y + 9, cols, rows, size=7, head_fill=230, grid=True)
    cols = [
        Col("Importo bollo", 30),
        Col("Sconto/Maggiorazione", 40),
        Col("Arr.", 20),
        Col("Totale documento", 76, "R"),
    ]
    y = pdf.grid_table(12, y + 3, cols, [["", "", "", amt(t.gross)]], size=7.5, head_fill=230, grid=True)
    cols = [
        Col("Modalità pagamento", 40),
        Col("IBAN", 56),
        Col("Istituto", 34),
        Col("Data scadenza", 26),
        Col("Importo", 30, "R"),
    ]
    pdf.grid_table(
        12,
        y + 5,
        cols,
        [["MP05 bonifico", seller.iban, "Intesa Sanpaolo", fmt(due), amt(t.gross)]],
        size=7.5,
        head_fill=230,
        grid=True,
    )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True, bic=False)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, "EUR", net=len(t.taxes) == 1, tax=len(t.taxes) == 1)
    del truth.values["currency"]  # the sheet prints bare amounts
    return truth.values
