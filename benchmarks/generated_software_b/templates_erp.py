"""ERP layouts: Odoo (account + l10n_fr, l10n_din5008, boxed layout with down payments), ERPNext (standard and
DIN 5008 formats), Tryton."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data as d
from benchmarks.generated_software_b.draw import Canvas, Col
from benchmarks.generated_software_b.ids import group

Fields = dict[str, str]


ODOO = {
    "fr": dict(
        inv="Facture",
        refund="Avoir",
        date="Date de facturation",
        rdate="Date de l'avoir",
        due="Date d'échéance",
        origin="Origine",
        code="Code client",
        ref="Référence",
        desc="Description",
        qty="Quantité",
        price="Prix unitaire",
        taxes="Taxes",
        amount="Montant",
        untaxed="Montant hors taxes",
        tax="TVA {r} %",
        total="Total",
        paid="Payé le",
        residual="Montant dû",
        vat="TVA",
        comm="Merci d'utiliser la communication suivante pour votre paiement :",
        acc="sur ce compte :",
        terms="Conditions de paiement : {n} jours",
        reversal="Extourne de :",
        page="Page {p} / {n}",
    ),
    "en": dict(
        inv="Invoice",
        refund="Credit Note",
        date="Invoice Date",
        rdate="Credit Note Date",
        due="Due Date",
        origin="Source",
        code="Customer Code",
        ref="Reference",
        desc="Description",
        qty="Quantity",
        price="Unit Price",
        taxes="Taxes",
        amount="Amount",
        untaxed="Untaxed Amount",
        tax="VAT {r}%",
        total="Total",
        paid="Paid on",
        residual="Amount Due",
        vat="VAT",
        comm="Please use the following communication for your payment:",
        acc="on this account:",
        terms="Payment terms: {n} Days",
        reversal="Reversal of:",
        page="Page: {p} / {n}",
    ),
}


def odoo_invoice(rng: random.Random, out: Path) -> Fields:
    """Odoo 16/17 customer invoice.

    Modelled on odoo/odoo addons/account/views/report_invoice.xml (report_invoice_document and
    document_tax_totals) inside web.external_layout_standard, with the French company details that l10n_fr
    companies fill in: TVA label, SIRET as company registry, capital and RCS in the custom report footer.
    """
    lang = d.pick_lang(rng, {"fr": 0.85, "en": 0.15})
    L = ODOO[lang]
    seller = d.party(rng, "FR", bank=True)
    buyer = d.party(rng, rng.choice(["FR", "FR", "FR", "BE"]))
    refund = rng.random() < 0.15
    issued = d.issue_date(rng)
    year = issued.year
    prefix = rng.choice(["FAC", "INV"]) if lang == "fr" else "INV"
    number = f"{'R' if refund else ''}{prefix}/{year}/{rng.randint(1, 2400):05d}"
    due = d.due_date(rng, issued)
    items = d.lines(rng, lang, "FR", rng.choice([2, 3, 5, 8, 14, 22]))
    t = d.totals(items)
    if not refund:
        d.deposit(rng, t, 0.3)
    fmt = "d/m/Y" if lang == "fr" else rng.choice(["d/m/Y", "m/d/Y"])

    def money(v: Decimal) -> str:
        return (
            f"{d.fmt_amount(v, 'fr' if lang == 'fr' else 'en')} €"
            if lang == "fr"
            else f"€ {d.fmt_amount(v, 'en')}"
        )

    pdf = Canvas(rng.choice(["sans", "helvetica", "cond"]))

    def frame(c: Canvas) -> None:
        c.put(15, 12, seller.name.upper()[:28], 15, "B", color=(113, 75, 103))
        c.rule(15, 24, 195, 0.4, 120)
        y = 272
        c.rule(15, y - 2, 195, 0.2, 150)
        bits = [seller.phone, seller.email, seller.web]
        c.put(15, y, "   ".join(bits), 7.5, align="C", w=180)
        c.put(15, y + 4, f"{L['vat']}: {seller.vat}   SIRET : {seller.siret}", 7.5, align="C", w=180)
        c.put(
            15,
            y + 8,
            f"{seller.name} au capital de {seller.capital} € - {seller.rcs} - NAF {seller.naf}",
            7,
            align="C",
            w=180,
        )
        c.put(170, y + 13, L["page"].format(p=c.page_count, n="{nb}"), 7, align="R", w=25)

    pdf.on_page = frame
    pdf.new_page()
    pdf.lines_at(15, 28, [seller.name, *seller.address(lang, True)], 8.5)
    pdf.lines_at(115, 48, [buyer.name, *buyer.address(lang, True)], 9.5)
    if buyer.vat:
        pdf.put(115, 66, f"{L['vat']}: {buyer.vat}", 9)
    pdf.put(15, 80, f"{L['refund'] if refund else L['inv']} {number}", 17, "B")
    info = [(L["rdate"] if refund else L["date"], d.fmt_date(issued, fmt))]
    if not refund:
        info.append((L["due"], d.fmt_date(due, fmt)))
    if rng.random() < 0.6:
        info.append((L["origin"], f"S{rng.randint(10, 99999):05d}"))
    if rng.random() < 0.5:
        info.append((L["code"], f"C{rng.randint(100, 9999)}"))
    if refund:
        info.append((L["ref"], f"{L['reversal']} {prefix}/{year}/{rng.randint(1, 2400):05d}"))
    x = 15
    for label, value in info:
        pdf.put(x, 93, label + ":", 8.5, "B")
        pdf.put(x, 98, value, 8.5)
        x += 45 if len(value) < 22 else 70
    cols = [
        Col(L["desc"], 78),
        Col(L["qty"], 22, "R"),
        Col(L["price"], 26, "R"),
        Col(L["taxes"], 22, "L"),
        Col(L["amount"], 32, "R"),
    ]
    rows = [
        [
            i.desc,
            f"{d.fmt_amount(i.qty, 'fr' if lang == 'fr' else 'en')} {i.unit}",
            d.fmt_amount(i.price, "fr" if lang == "fr" else "en"),
            L["tax"].format(r=d.rate_text(i.rate, lang == "fr")),
            money(i.net),
        ]
        for i in items
    ]
    y = pdf.grid_table(15, 108, cols, rows, size=8.5, head_fill=None, rule_gray=210, top_after_break=32)
    if y > 205:
        pdf.new_page()
        y = 32
    y += 4
    tot = [(L["untaxed"], money(t.net))]
    tot += [(L["tax"].format(r=d.rate_text(r, lang == "fr")), money(tax)) for r, (_, tax) in t.taxes.items()]
    tot.append((L["total"], money(t.gross)))
    pdf.rule(110, y - 1, 195, 0.3)
    y = pdf.pairs(110, y, tot, 45, 40, 9, 5.5, bold_last=True)
    truth = d.Truth()
    if t.paid:
        paid_on = issued + (due - issued) / 2
        y = pdf.pairs(110, y, [(f"{L['paid']} {d.fmt_date(paid_on, fmt)}", money(t.paid))], 45, 40, 8.5, 5.5)
        pdf.rule(110, y - 0.5, 195, 0.3)
        y = pdf.pairs(110, y + 0.5, [(L["residual"], money(t.due))], 45, 40, 9, 6, bold_last=True)
    y += 6
    if not refund:
        pdf.put(15, y, L["terms"].format(n=(due - issued).days), 8.5)
        pdf.put(15, y + 6, f"{L['comm']} {number}", 8.5)
        pdf.put(15, y + 11, f"{L['acc']} {group(seller.iban)}", 8.5)
    pdf.save(out)
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    if not refund:
        truth.day("due_date", due)
        truth.seller(seller, siret=True, siren=True, bank=True, bic=False)
    else:
        truth.seller(seller, siret=True, siren=True)
    truth.buyer(buyer, vat=bool(buyer.vat))
    truth.amounts(t, "EUR", due=bool(t.paid), tax=len(t.taxes) == 1)
    return truth.values


DIN = {
    "de": dict(
        title="Rechnung",
        refund="Gutschrift",
        number="Rechnungsnr.",
        date="Rechnungsdatum",
        due="Fälligkeitsdatum",
        ref="Referenz",
        origin="Quelle",
        customer="Kundennr.",
        delivery="Lieferdatum",
        pos="Pos.",
        desc="Beschreibung",
        qty="Menge",
        price="Einzelpreis",
        taxes="Steuern",
        amount="Betrag",
        untaxed="Nettobetrag",
        tax="MwSt. {r} %",
        total="Gesamt",
        vat="USt-IdNr.",
        bank="Bank",
        page="Seite {p} / {n}",
        hrb="Amtsgericht",
        ceo="Geschäftsführer",
        comm="Bitte verwenden Sie folgende Zahlungsreferenz:",
        vref="Ihre Bestellung",
    ),
    "en": dict(
        title="Invoice",
        refund="Credit Note",
        number="Invoice No.",
        date="Invoice Date",
        due="Due Date",
        ref="Reference",
        origin="Source",
        customer="Customer ref.",
        delivery="Delivery Date",
        pos="Pos.",
        desc="Description",
        qty="Quantity",
        price="Unit Price",
        taxes="Taxes",
        amount="Amount",
        untaxed="Untaxed Amount",
        tax="VAT {r}%",
        total="Total",
        vat="VAT",
        bank="Bank",
        page="Page {p} / {n}",
        hrb="Register court",
        ceo="Managing director",
        comm="Please use the following communication for your payment:",
        vref="Your order",
    ),
}


def odoo_din5008(rng: random.Random, out: Path) -> Fields:
    """Odoo with the German DIN 5008 layout: odoo/odoo addons/l10n_din5008 (report templates and
    models/account_move.py `l10n_din5008_template_data`: Invoice No., Invoice Date, Due Date, Source,
    Reference in a right-hand information block, address window at the left, four-column company footer)."""
    lang = d.pick_lang(rng, {"de": 0.8, "en": 0.2})
    L = DIN[lang]
    seller = d.party(rng, "DE", bank=True)
    buyer = d.party(rng, rng.choice(["DE", "DE", "NL", "FR"]))
    issued = d.issue_date(rng)
    number = f"{rng.choice(['RE', 'INV'])}/{issued.year}/{rng.randint(1, 999):04d}"
    due = d.due_date(rng, issued)
    items = d.lines(rng, "de" if lang == "de" else "en", "DE", rng.choice([1, 3, 4, 7, 11, 18]))
    t = d.totals(items)

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'de')} €" if lang == "de" else f"€ {d.fmt_amount(v, 'en')}"

    pdf = Canvas(rng.choice(["sans", "helvetica"]))

    def frame(c: Canvas) -> None:
        c.put(125, 10, seller.name, 13, "B", align="R", w=70)
        c.rule(20, 276, 195, 0.2, 120)
        cols = [
            [seller.name, seller.street, f"{seller.zip} {seller.city}"],
            [seller.phone, seller.email, seller.web],
            [f"{L['bank']}: IBAN {group(seller.iban)}", f"BIC: {seller.bic}"],
            [
                f"{L['vat']}: {seller.vat}",
                f"{L['hrb']} {seller.city}, {seller.reg}",
                f"{L['ceo']}: {seller.contact}",
            ],
        ]
        c.lines_at(20, 278, cols[0], 6.5, w=42)
        c.lines_at(62, 278, cols[1], 6.5, w=38)
        c.lines_at(100, 278, cols[2], 6.5, w=52)
        c.lines_at(152, 278, cols[3], 6.5, w=45)
        c.put(160, 292, L["page"].format(p=c.page_count, n="{nb}"), 6.5, align="R", w=35)

    pdf.on_page = frame
    pdf.new_page()
    pdf.put(20, 47, f"{seller.name} · {seller.street} · {seller.zip} {seller.city}", 6.5, color=(90, 90, 90))
    pdf.rule(20, 50.5, 105, 0.1, 150)
    pdf.lines_at(
        20,
        53,
        [
            buyer.name,
            f"z. Hd. {buyer.contact}" if lang == "de" else buyer.contact,
            *buyer.address("en", buyer.country != "DE"),
        ],
        9.5,
    )
    info = [
        (L["number"], number),
        (L["date"], d.fmt_date(issued, "d.m.Y")),
        (L["due"], d.fmt_date(due, "d.m.Y")),
    ]
    if rng.random() < 0.5:
        info.append((L["delivery"], d.fmt_date(issued, "d.m.Y")))
    if rng.random() < 0.6:
        info.append((L["origin"], f"S{rng.randint(10, 99999):05d}"))
    po = ""
    if rng.random() < 0.5:
        po = f"PO-{rng.randint(1000, 99999)}"
        info.append((L["ref"], po))
    if rng.random() < 0.4:
        info.append((L["customer"], f"{rng.randint(10000, 99999)}"))
    pdf.pairs(125, 50, info, 32, 38, 8.5, 4.5, value_align="L")
    pdf.put(20, 100, f"{L['title']} {number}", 15, "B")
    cols = [
        Col(L["pos"], 10),
        Col(L["desc"], 72),
        Col(L["qty"], 20, "R"),
        Col(L["price"], 26, "R"),
        Col(L["taxes"], 20),
        Col(L["amount"], 27, "R"),
    ]
    rows = [
        [
            str(n),
            i.desc,
            d.fmt_amount(i.qty, "de"),
            d.fmt_amount(i.price, "de"),
            L["tax"].format(r=d.rate_text(i.rate)),
            money(i.net),
        ]
        for n, i in enumerate(items, 1)
    ]
    y = pdf.grid_table(20, 110, cols, rows, size=8.5, head_fill=None, rule_gray=200, top_after_break=30)
    if y > 220:
        pdf.new_page()
        y = 30
    tot = [(L["untaxed"], money(t.net))]
    tot += [(L["tax"].format(r=d.rate_text(r)), money(tax)) for r, (_, tax) in t.taxes.items()]
    tot.append((L["total"], money(t.gross)))
    y = pdf.pairs(115, y + 5, tot, 45, 35, 9, 5.5, bold_last=True)
    pdf.put(20, y + 6, f"{L['comm']} {number}", 8.5)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR", tax=len(t.taxes) == 1)
    truth.text("purchase_order", po)
    return truth.values


ERPNEXT = {
    "en": dict(
        title="SALES INVOICE",
        customer="Customer Name",
        date="Date",
        due="Payment Due Date",
        po="Customer's Purchase Order",
        po_date="Customer's Purchase Order Date",
        tax_id="Tax Id",
        sr="Sr",
        item="Item Code",
        desc="Description",
        qty="Quantity",
        rate="Rate",
        amount="Amount",
        total="Total",
        net="Net Total",
        grand="Grand Total",
        words="In Words",
        advance="Total Advance",
        out="Outstanding Amount",
        terms="Terms and Conditions",
        vat="VAT",
        words_tail="only.",
    ),
    "fr": dict(
        title="FACTURE DE VENTE",
        customer="Nom du client",
        date="Date",
        due="Date d'échéance de paiement",
        po="Bon de commande client",
        po_date="Date du bon de commande client",
        tax_id="Numéro de TVA",
        sr="N°",
        item="Code de l'article",
        desc="Description",
        qty="Quantité",
        rate="Prix",
        amount="Montant",
        total="Total",
        net="Total net",
        grand="Total TTC",
        words="En toutes lettres",
        advance="Total Avance",
        out="Montant en suspens",
        terms="Termes et conditions",
        vat="TVA",
        words_tail="seulement.",
    ),
}


def erpnext_standard(rng: random.Random, out: Path) -> Fields:
    """ERPNext "Standard" Sales Invoice print format (frappe/erpnext accounts/doctype/sales_invoice, the
    standard print format generated from the doctype: header with the document name, two-column field grid,
    item grid Sr/Item Code/Description/Quantity/Rate/Amount, taxes table, Grand Total, In Words)."""
    lang = d.pick_lang(rng, {"fr": 0.75, "en": 0.25})
    L = ERPNEXT[lang]
    country = "FR" if lang == "fr" else rng.choice(["GB", "NL"])
    seller = d.party(rng, country, bank=True)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    year = issued.year
    number = rng.choice(
        [f"ACC-SINV-{year}-{rng.randint(1, 999):05d}", f"SINV-{year % 100}-{rng.randint(1, 9999):05d}"]
    )
    due = d.due_date(rng, issued)
    items = d.lines(rng, lang, country, rng.choice([2, 4, 6, 9, 16]), one_rate=True)
    t = d.totals(items)
    d.deposit(rng, t, 0.35)
    cur = {"FR": "EUR", "GB": "GBP", "NL": "EUR"}[country]
    sym = {"EUR": "€", "GBP": "£"}[cur]
    style = "fr" if lang == "fr" else "en"

    def money(v: Decimal) -> str:
        return f"{sym} {d.fmt_amount(v, style)}"

    pdf = Canvas(rng.choice(["sans", "helvetica"]))
    pdf.on_page = lambda c: c.put(15, 285, f"{number}   {c.page_count} / {{nb}}", 7, align="R", w=180)
    pdf.new_page()
    pdf.put(15, 12, seller.name, 16, "B")
    pdf.lines_at(
        15, 20, [f"{seller.street}, {seller.zip} {seller.city}", f"{seller.phone} | {seller.email}"], 8
    )
    pdf.put(15, 35, L["title"], 18, align="R", w=180, color=(60, 60, 60))
    pdf.put(15, 43, number, 11, align="R", w=180)
    pdf.rule(15, 50, 195, 0.3, 180)
    po = f"{rng.choice(['PO', 'BC', 'CMD'])}-{rng.randint(10000, 99999)}" if rng.random() < 0.6 else ""
    left = [(L["customer"], buyer.name), (L["tax_id"], buyer.vat)]
    right = [(L["date"], d.fmt_date(issued, "d-m-Y")), (L["due"], d.fmt_date(due, "d-m-Y"))]
    if po:
        right += [(L["po"], po), (L["po_date"], d.fmt_date(issued - (due - issued) / 3, "d-m-Y"))]
    for i, (label, value) in enumerate(left):
        pdf.put(15, 56 + i * 10, label, 8, color=(110, 110, 110))
        pdf.put(15, 60 + i * 10, value, 9.5)
    pdf.lines_at(15, 76, buyer.address(lang), 8.5)
    for i, (label, value) in enumerate(right):
        pdf.put(110, 56 + i * 7, label, 8, color=(110, 110, 110))
        pdf.put(160, 56 + i * 7, value, 9, align="R", w=35)
    cols = [
        Col(L["sr"], 10),
        Col(L["item"], 25),
        Col(L["desc"], 70),
        Col(L["qty"], 20, "R"),
        Col(L["rate"], 27, "R"),
        Col(L["amount"], 28, "R"),
    ]
    rows = [
        [str(n), i.ref, i.desc, d.fmt_amount(i.qty, style), money(i.price), money(i.net)]
        for n, i in enumerate(items, 1)
    ]
    y = pdf.grid_table(15, 95, cols, rows, size=8, grid=True, head_fill=245, top_after_break=20)
    if y > 215:
        pdf.new_page()
        y = 20
    rate = d.rate_text(items[0].rate, lang == "fr")
    tot = [
        (L["total"], money(t.net)),
        (L["net"], money(t.net)),
        (f"{L['vat']} {rate}% - {seller.name[:3].upper()}", money(t.tax)),
        (L["grand"], money(t.gross)),
    ]
    if t.paid:
        tot += [(L["advance"], money(t.paid)), (L["out"], money(t.due))]
    y = pdf.pairs(110, y + 4, tot, 50, 35, 9, 6)
    pdf.put(15, y + 3, f"{L['words']}: {cur} …{L['words_tail']}", 8)
    pdf.put(15, y + 12, L["terms"], 9, "B")
    pdf.put(15, y + 17, f"IBAN {group(seller.iban)} - BIC {seller.bic}", 8)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, vat=False, bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, cur, due=bool(t.paid))
    truth.text("purchase_order", po)
    pdf.save(out)
    return truth.values


ALYF = {
    "de": dict(
        phone="Telefon",
        email="E-Mail",
        date="Datum",
        due="Zahlungsziel",
        po="Ihre Bestellnr.",
        tax_id="Ihre USt-IdNr.",
        period="Leistungszeitraum",
        invoice="Rechnung",
        sr="Pos.",
        desc="Bezeichnung",
        unit="Einheit",
        qty="Menge",
        price="Preis",
        amount="Betrag",
        net="Nettosumme",
        grand="Gesamtbetrag",
        advance="Anzahlung",
        out="Offener Betrag",
        page="Seite {p} von {n}",
        bank="Bankverbindung",
        vat="USt-IdNr.",
        tax="Umsatzsteuer {r} %",
        ceo="Geschäftsführung",
        intro="Vielen Dank für Ihren Auftrag. Wir berechnen Ihnen folgende Leistungen:",
    ),
    "en": dict(
        phone="Phone",
        email="Email",
        date="Date",
        due="Payment Due Date",
        po="Your PO No.",
        tax_id="Your Tax ID",
        period="Performance Period",
        invoice="Invoice",
        sr="Sr",
        desc="Description",
        unit="Unit",
        qty="Qty",
        price="Price",
        amount="Amount",
        net="Net Total",
        grand="Grand Total",
        advance="Total Advance",
        out="Outstanding Amount",
        page="Page {p} of {n}",
        bank="Bank details",
        vat="VAT ID",
        tax="VAT {r}%",
        ceo="Managing directors",
        intro="Thank you for your order. We invoice the following:",
    ),
}


def erpnext_din5008(rng: random.Random, out: Path) -> Fields:
    """ERPNext DIN 5008 print format.

    Modelled on alyf-de/erpnext_druckformate print_format/sales_invoice.jinja: sender line above the address
    window, contact table on the right (Date, Payment Due Date, Your PO No., Your Tax ID), subject line
    "Invoice <name>", Net Total, tax rows, Grand Total, advance and outstanding amount, bank footer.
    """
    lang = d.pick_lang(rng, {"de": 0.85, "en": 0.15})
    L = ALYF[lang]
    seller = d.party(rng, "DE", bank=True)
    buyer = d.party(rng, rng.choice(["DE", "DE", "FR"]))
    issued = d.issue_date(rng)
    number = f"ACC-SINV-{issued.year}-{rng.randint(1, 9999):05d}"
    due = d.due_date(rng, issued)
    items = d.lines(rng, lang, "DE", rng.choice([1, 2, 4, 6, 10, 20]))
    t = d.totals(items)
    d.deposit(rng, t, 0.3)

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'de')} €"

    pdf = Canvas(rng.choice(["sans", "helvetica", "serif"]))

    def frame(c: Canvas) -> None:
        c.put(25, 12, seller.name, 14, "B")
        c.put(25, 272, L["page"].format(p=c.page_count, n="{nb}"), 7, align="R", w=165)
        c.rule(25, 276, 190, 0.1, 160)
        c.lines_at(25, 278, [seller.name, seller.street, f"{seller.zip} {seller.city}"], 6.5)
        c.lines_at(
            75, 278, [f"{L['ceo']}: {seller.contact}", f"{seller.reg}", f"{L['vat']}: {seller.vat}"], 6.5
        )
        c.lines_at(135, 278, [L["bank"], f"IBAN: {group(seller.iban)}", f"BIC: {seller.bic}"], 6.5)

    pdf.on_page = frame
    pdf.new_page()
    pdf.put(25, 48, f"{seller.name} · {seller.street} · {seller.zip} {seller.city}", 6.5, w=95)
    pdf.lines_at(25, 54, [buyer.name, buyer.contact, *buyer.address("en", buyer.country != "DE")], 10)
    info = [
        (L["phone"], seller.phone),
        (L["email"], seller.email),
        (L["date"], d.fmt_date(issued, "long", lang)),
        (L["due"], d.fmt_date(due, "long", lang)),
    ]
    po = ""
    if rng.random() < 0.55:
        po = f"{rng.randint(4500000000, 4599999999)}"
        info.append((L["po"], po))
    if buyer.vat and rng.random() < 0.7:
        info.append((L["tax_id"], buyer.vat))
    if rng.random() < 0.3:
        info.append((L["period"], f"01.{issued.month:02d}. - {d.fmt_date(issued, 'd.m.Y')}"))
    pdf.pairs(125, 50, info, 30, 45, 8, 4.6)
    pdf.put(25, 103, f"{L['invoice']} {number}", 11, "B")
    pdf.put(25, 110, L["intro"], 9)
    cols = [
        Col(L["sr"], 10),
        Col(L["desc"], 70),
        Col(L["unit"], 16),
        Col(L["qty"], 16, "R"),
        Col(L["price"], 25, "R"),
        Col(L["amount"], 28, "R"),
    ]
    rows = [
        [str(n), i.desc, i.unit, d.fmt_amount(i.qty, "de"), money(i.price), money(i.net)]
        for n, i in enumerate(items, 1)
    ]
    y = pdf.grid_table(25, 117, cols, rows, size=8, head_fill=None, rule_gray=None, top_after_break=30)
    if y > 225:
        pdf.new_page()
        y = 30
    pdf.rule(25, y + 1, 190, 0.4)
    tot = [(L["net"], money(t.net))]
    tot += [(L["tax"].format(r=d.rate_text(r)), money(tax)) for r, (_, tax) in t.taxes.items()]
    tot.append((L["grand"], money(t.gross)))
    if t.paid:
        tot += [(L["advance"], money(t.paid)), (L["out"], money(t.due))]
    pdf.pairs(35, y + 3, tot, 100, 55, 8.5, 5)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer, vat=bool(buyer.vat) and any(label == L["tax_id"] for label, _ in info))
    truth.amounts(t, "EUR", due=bool(t.paid), tax=len(t.taxes) == 1)
    truth.text("purchase_order", po)
    return truth.values


TRYTON = {
    "fr": dict(
        inv="Facture N° :",
        draft="Facture brouillon",
        refund="Note de crédit N° :",
        date="Date :",
        desc="Description",
        qty="Quantité",
        price="Prix unitaire",
        taxes="Taxes",
        amount="Montant",
        untaxed="Total (hors taxes) :",
        tax="Taxes :",
        total="Total :",
        tax_t="Taxe",
        base="Base",
        terms="Conditions de paiement",
        due="Date d'échéance",
        ref="Référence :",
        vat="N° TVA :",
        page="Page {p}/{n}",
        descr="Description :",
    ),
    "es": dict(
        inv="Factura N°:",
        draft="Factura borrador",
        refund="Nota de crédito N°:",
        date="Fecha:",
        desc="Descripción",
        qty="Cantidad",
        price="Precio unitario",
        taxes="Impuestos",
        amount="Importe",
        untaxed="Total (sin impuestos):",
        tax="Impuestos:",
        total="Total:",
        tax_t="Impuesto",
        base="Base",
        terms="Plazo de pago",
        due="Fecha de vencimiento",
        ref="Referencia:",
        vat="NIF:",
        page="Página {p}/{n}",
        descr="Descripción:",
    ),
    "de": dict(
        inv="Rechnung Nr.:",
        draft="Rechnungsentwurf",
        refund="Gutschrift Nr.:",
        date="Datum:",
        desc="Beschreibung",
        qty="Menge",
        price="Einzelpreis",
        taxes="Steuern",
        amount="Betrag",
        untaxed="Gesamt (ohne Steuern):",
        tax="Steuern:",
        total="Gesamt:",
        tax_t="Steuer",
        base="Basis",
        terms="Zahlungsbedingungen",
        due="Fälligkeitsdatum",
        ref="Referenz:",
        vat="USt-IdNr.:",
        page="Seite {p}/{n}",
        descr="Beschreibung:",
    ),
}


def tryton_invoice(rng: random.Random, out: Path) -> Fields:
    """Tryton customer invoice report: tryton/tryton modules/account_invoice/invoice.fodt (company header,
    party address on the right, 'Invoice N°:' and 'Date:' lines, lines table, 'Total (excl. taxes):',
    'Taxes:', 'Total:', a tax summary table and the payment-term lines with their dates)."""
    lang = d.pick_lang(rng, {"fr": 0.7, "es": 0.2, "de": 0.1})
    L = TRYTON[lang]
    country = {"fr": "FR", "es": "ES", "de": "DE"}[lang]
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    number = rng.choice([f"{rng.randint(1, 4999)}", f"{issued.year}/{rng.randint(1, 999):04d}"])
    due = d.due_date(rng, issued)
    items = d.lines(rng, lang, country, rng.choice([1, 2, 3, 6, 12, 24]))
    t = d.totals(items)
    style = "de" if lang in ("de", "es") else "fr"
    date_style = "d/m/Y" if lang != "de" else "d.m.Y"

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, style)} €"

    pdf = Canvas(rng.choice(["serif", "sans", "times"]))

    def frame(c: Canvas) -> None:
        c.put(15, 12, seller.name, 12, "B")
        c.lines_at(15, 18, [f"{seller.street}, {seller.zip} {seller.city}", seller.phone], 8)
        c.rule(15, 27, 195, 0.2)
        c.rule(15, 280, 195, 0.2)
        c.put(15, 282, f"{L['vat']} {seller.vat}    {seller.email}", 7.5)
        c.put(150, 282, L["page"].format(p=c.page_count, n="{nb}"), 7.5, align="R", w=45)

    pdf.on_page = frame
    pdf.new_page()
    pdf.lines_at(120, 40, [buyer.name, *buyer.address(lang), f"{L['vat']} {buyer.vat}"], 10)
    pdf.put(15, 72, f"{L['inv']} {number}", 14, "B")
    pdf.put(15, 80, f"{L['date']} {d.fmt_date(issued, date_style)}", 10)
    if rng.random() < 0.5:
        pdf.put(15, 86, f"{L['ref']} {rng.choice(['SO', 'CMD', 'PED'])}{rng.randint(100, 9999)}", 9)
    cols = [
        Col(L["desc"], 80),
        Col(L["qty"], 22, "R"),
        Col(L["price"], 28, "R"),
        Col(L["taxes"], 22, "C"),
        Col(L["amount"], 28, "R"),
    ]
    rows = [
        [
            i.desc,
            f"{d.fmt_amount(i.qty, style)} {i.unit}",
            money(i.price),
            f"{d.rate_text(i.rate)}%",
            money(i.net),
        ]
        for i in items
    ]
    y = pdf.grid_table(15, 95, cols, rows, size=8.5, head_fill=None, rule_gray=None, top_after_break=34)
    if y > 210:
        pdf.new_page()
        y = 34
    pdf.rule(15, y + 1, 195, 0.2)
    y = pdf.pairs(
        120,
        y + 4,
        [(L["untaxed"], money(t.net)), (L["tax"], money(t.tax)), (L["total"], money(t.gross))],
        45,
        30,
        9.5,
        6,
        bold_last=True,
    )
    tax_cols = [Col(L["tax_t"], 40), Col(L["base"], 30, "R"), Col(L["amount"], 30, "R")]
    tax_rows = [[f"{L['tax_t']} {d.rate_text(r)}%", money(b), money(tx)] for r, (b, tx) in t.taxes.items()]
    y = pdf.grid_table(15, y + 4, tax_cols, tax_rows, size=8, head_fill=None, rule_gray=200)
    pdf.put(15, y + 6, L["terms"], 9, "B")
    pdf.grid_table(
        15,
        y + 11,
        [Col(L["due"], 40), Col(L["amount"], 30, "R")],
        [[d.fmt_date(due, date_style), money(t.gross)]],
        size=8.5,
        head_fill=None,
        rule_gray=None,
    )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, "EUR")
    return truth.values


def odoo_boxed_downpayment(rng: random.Random, out: Path) -> Fields:
    """Odoo (13-16) invoice in the "boxed" document layout, as French sales teams print down payments.

    Modelled on odoo/odoo addons/web/views/report_templates.xml (external_layout_boxed: logo left, company
    tagline and address right, dark table head, boxed totals with a dark Total row, one-line footer with
    phone / e-mail / site / TVA and "Page: x / y") around addons/account/views/report_invoice.xml, with the
    sale module's down-payment lines: either an invoice for "Acompte de 30 %" or the final invoice where the
    earlier down payment is deducted as a negative line under an "Acomptes" section.
    """
    seller = d.party(rng, "FR", bank=True)
    buyer = d.party(rng, "FR")
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    sequence = rng.randint(20, 999)
    number = f"FAC/{issued.year}/{sequence:04d}"
    order = f"S{rng.randint(100, 9999):05d}"
    items = d.lines(rng, "fr", "FR", rng.choice([2, 3, 5, 8]), one_rate=True)
    order_totals = d.totals(items)
    share = Decimal(rng.choice([20, 30, 40, 50]))
    kind = rng.choice(["deposit", "final", "final"])
    down = (order_totals.net * share / 100).quantize(d.CENT)
    rate = items[0].rate
    if kind == "deposit":
        rows_src = [(f"Acompte de {share.normalize():f} %", Decimal(1), down)]
        ref = f"{order} - Acompte"
    else:
        previous = f"FAC/{issued.year}/{sequence - rng.randint(1, 15):04d}"
        rows_src = [(i.desc, i.qty, i.price) for i in items]
        rows_src.append(
            (f"Acompte : {previous} du {d.fmt_date(issued - timedelta(days=30), 'd/m/Y')}", Decimal(-1), down)
        )
        ref = order
    net = sum(((q * p).quantize(d.CENT) for _, q, p in rows_src), Decimal(0))
    tax = (net * rate / 100).quantize(d.CENT)

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'fr')} €"

    pdf = Canvas(rng.choice(["sans", "helvetica", "cond"]))
    tagline = rng.choice(["Votre partenaire depuis 1998", "Solutions professionnelles", " "])

    def frame(c: Canvas) -> None:
        c.box(15, 10, 40, 16, fill=225, stroke=False)
        c.put(
            105,
            10,
            tagline,
            9,
            "B",
            align="R",
            w=90,
        )
        c.lines_at(
            105,
            15,
            [seller.name, seller.street, f"{seller.zip} {seller.city}", "France"],
            8.5,
            align="R",
            w=90,
        )
        c.rule(15, 276, 195, 0.3, 60)
        c.put(
            15,
            278,
            f"{seller.phone}  |  {seller.email}  |  {seller.web}  |  TVA : {seller.vat}",
            7.5,
            align="C",
            w=180,
        )
        c.put(
            15, 282, f"SIRET {seller.siret} - {seller.rcs} - Capital {seller.capital} €", 7, align="C", w=180
        )
        c.put(15, 286, f"Page : {c.page_count} / {{nb}}", 7, align="C", w=180)

    pdf.on_page = frame
    pdf.new_page()
    pdf.lines_at(115, 45, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}", f"TVA : {buyer.vat}"], 10)
    pdf.put(15, 72, f"Facture {number}", 16, "B")
    info = [
        ("Date de facturation:", d.fmt_date(issued, "d/m/Y")),
        ("Date d'échéance:", d.fmt_date(due, "d/m/Y")),
        ("Origine:", ref),
    ]
    if rng.random() < 0.5:
        info.append(("Référence client:", f"CMD-{rng.randint(1000, 9999)}"))
    x = 15
    for label, value in info:
        pdf.put(x, 83, label, 8.5, "B")
        pdf.put(x, 88, value, 8.5)
        x += 44
    cols = [
        Col("Description", 80),
        Col("Quantité", 25, "R"),
        Col("Prix unitaire", 27, "R"),
        Col("Taxes", 20),
        Col("Montant", 28, "R"),
    ]
    rows = [
        [
            desc,
            d.fmt_amount(q, "fr"),
            d.fmt_amount(p, "fr"),
            f"TVA {d.rate_text(rate)}%",
            money((q * p).quantize(d.CENT)),
        ]
        for desc, q, p in rows_src
    ]
    if kind == "final":
        rows.insert(len(rows) - 1, ["Acomptes", "", "", "", ""])
    y = pdf.grid_table(
        15,
        98,
        cols,
        rows,
        size=8.5,
        row_h=6.5,
        head_fill=70,
        head_color=(255, 255, 255),
        rule_gray=200,
        top_after_break=45,
    )
    if y > 220:
        pdf.new_page()
        y = 45
    tot = [("Montant HT", money(net)), (f"TVA {d.rate_text(rate)}%", money(tax))]
    y = pdf.pairs(115, y + 5, tot, 45, 35, 9, 6)
    pdf.box(115, y - 1, 80, 7, fill=70, stroke=False)
    pdf.put(116, y, "Total", 9.5, "B", color=(255, 255, 255))
    pdf.put(160, y, money(net + tax), 9.5, "B", align="R", w=35, color=(255, 255, 255))
    y += 12
    pdf.put(15, y, f"Veuillez utiliser la communication suivante pour votre paiement : {number}", 8.5)
    pdf.put(15, y + 5, f"IBAN : {group(seller.iban)} - BIC : {seller.bic}", 8.5)
    pdf.put(15, y + 10, f"Conditions de paiement : {(due - issued).days} jours", 8.5)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer, vat=True)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", net)
    truth.money("total_tax", tax)
    truth.money("total_incl_tax", net + tax)
    return truth.values
