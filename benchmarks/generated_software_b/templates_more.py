"""More software layouts: GnuCash's printable invoice, Frappe Books, the invoice-generator.com API, and a Rust
invoice library."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data as d
from benchmarks.generated_software_b.draw import Canvas, Col
from benchmarks.generated_software_b.ids import group

Fields = dict[str, str]

GNUCASH = {
    "en": dict(
        title="Invoice",
        date="Date",
        due="Due Date",
        ref="Reference",
        terms="Terms",
        job="Job number",
        net="Net Price",
        tax="Tax",
        total="Total Price",
        payment="Payment, thank you!",
        amount_due="Amount Due",
        thanks="Thank you for your patronage!",
        taxable="T",
        days="Net {n} days",
        style="en",
        date_style="m/d/Y",
    ),
    "fr": dict(
        title="Facture",
        date="Date",
        due="Date d'échéance",
        ref="Référence",
        terms="Conditions",
        job="Numéro de tâche",
        net="Prix net",
        tax="Taxe",
        total="Prix total",
        payment="Paiement, merci !",
        amount_due="Montant dû",
        thanks="Merci de votre confiance !",
        taxable="T",
        days="{n} jours net",
        style="fr",
        date_style="d/m/Y",
    ),
    "de": dict(
        title="Rechnung",
        date="Datum",
        due="Fälligkeitsdatum",
        ref="Referenz",
        terms="Bedingungen",
        job="Auftragsnummer",
        net="Nettopreis",
        tax="Steuer",
        total="Gesamtpreis",
        payment="Zahlung, danke!",
        amount_due="Offener Betrag",
        thanks="Vielen Dank für Ihren Auftrag!",
        taxable="S",
        days="{n} Tage netto",
        style="de",
        date_style="d.m.Y",
    ),
}


GNUCASH_COLS = {
    "en": ("Date", "Description", "Quantity", "Unit Price", "Taxable", "Tax Amount", "Total"),
    "fr": ("Date", "Description", "Quantité", "Prix unitaire", "Taxable", "Montant de taxe", "Total"),
    "de": ("Datum", "Beschreibung", "Menge", "Einzelpreis", "Steuerbar", "Steuerbetrag", "Gesamt"),
}


def gnucash_invoice(rng: random.Random, out: Path) -> Fields:
    """GnuCash's printable customer invoice report.

    Modelled on Gnucash/gnucash gnucash/report/reports/standard/invoice.scm: "<title> #<6-digit id>", client
    block (name, address, owner id, "REF" order references) and company block (name, address, phone, email,
    url, tax id), the details table (Date, Due Date, Reference, Terms, Job number), entries with Date /
    Description / Quantity / Unit Price / Taxable "T" / Tax Amount / Total, then Net Price, Tax, Total Price,
    "Payment, thank you!" rows and Amount Due, and the default extra note "Thank you for your patronage!".
    """
    lang = d.pick_lang(rng, {"fr": 0.75, "en": 0.15, "de": 0.1})
    L = GNUCASH[lang]
    country = {"fr": "FR", "en": rng.choice(["GB", "US"]), "de": "DE"}[lang]
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = f"{rng.randint(1, 2500):06d}"
    items = d.lines(rng, lang, country, rng.choice([1, 2, 3, 5, 8, 13, 21]), one_rate=True)
    t = d.totals(items)
    d.deposit(rng, t, 0.3)
    currency = {"FR": "EUR", "DE": "EUR", "GB": "GBP", "US": "USD"}[country]
    sym = {"EUR": "€", "GBP": "£", "USD": "$"}[currency]

    def money(v: Decimal) -> str:
        text = d.fmt_amount(v, L["style"])
        return f"{text} {sym}" if lang != "en" else f"{sym}{text}"

    def day(x: object) -> str:
        return d.fmt_date(x, L["date_style"])  # type: ignore[arg-type]

    pdf = Canvas(rng.choice(["serif", "sans", "times"]))
    pdf.new_page()
    pdf.put(15, 14, f"{L['title']} #{number}", 16, "B")
    customer_id = f"{rng.randint(1, 400):06d}"
    lines = [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}", customer_id]
    if rng.random() < 0.4:
        lines.append(f"REF {rng.choice(['CMD', 'PO', 'ORD'])}-{rng.randint(1000, 9999)}")
    pdf.lines_at(15, 28, lines[:1], 11, style="B")
    pdf.lines_at(15, 34, lines[1:], 9.5)
    company = [seller.street, f"{seller.zip} {seller.city}", seller.phone, seller.email, seller.web]
    if seller.vat:
        company.append(seller.vat)
    pdf.put(110, 28, seller.name, 11, "B", align="R", w=85)
    pdf.lines_at(110, 34, company, 9.5, align="R", w=85)
    details = [(L["date"] + ":", day(issued)), (L["due"] + ":", day(due))]
    if rng.random() < 0.5:
        details.append((L["ref"] + ":", f"{rng.choice(['BC', 'PO'])}{rng.randint(10000, 99999)}"))
    details.append((L["terms"] + ":", L["days"].format(n=(due - issued).days)))
    if rng.random() < 0.3:
        details.append((L["job"] + ":", f"{rng.randint(1, 99):06d}"))
    pdf.pairs(15, 68, details, 35, 35, 9.5, 5, value_align="R")
    widths = (20, 62, 18, 24, 14, 20, 22)
    aligns = ("L", "L", "R", "R", "C", "R", "R")
    cols = [Col(h, w, a) for h, w, a in zip(GNUCASH_COLS[lang], widths, aligns, strict=True)]
    rows = []
    for i in items:
        vat = (i.net * i.rate / 100).quantize(d.CENT)
        rows.append(
            [
                day(issued - timedelta(days=rng.randint(0, 20))),
                i.desc,
                d.fmt_amount(i.qty, L["style"]),
                money(i.price),
                L["taxable"],
                money(vat),
                money(i.net),
            ]
        )
    y = pdf.grid_table(
        15, 100, cols, rows, size=8, row_h=6, head_fill=200, zebra=240, rule_gray=None, top_after_break=15
    )
    if y > 240:
        pdf.new_page()
        y = 15
    tot = [(L["net"], money(t.net)), (L["tax"], money(t.tax)), (L["total"], money(t.gross))]
    if t.paid:
        tot.append((L["payment"], money(-t.paid)))
    tot.append((L["amount_due"], money(t.due)))
    y = pdf.pairs(95, y + 2, tot, 58, 32, 9, 6, bold_last=True)
    pdf.put(15, y + 8, L["thanks"], 9.5)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller)
    truth.buyer(buyer)
    truth.amounts(t, currency, due=True)
    return truth.values


BOOKS = {
    "fr": dict(
        invoice="Facture",
        customer="Client",
        item="Article",
        qty="Quantité",
        rate="Prix",
        amount="Montant",
        subtotal="Sous-total",
        grand="Total général",
        notes="Notes",
        tax="TVA {r} %",
        style="fr",
        date="d/m/Y",
    ),
    "en": dict(
        invoice="Invoice",
        customer="Customer",
        item="Item",
        qty="Quantity",
        rate="Rate",
        amount="Amount",
        subtotal="Subtotal",
        grand="Grand Total",
        notes="Notes",
        tax="VAT {r}%",
        style="en",
        date="short-en",
    ),
}


def frappe_books_business(rng: random.Random, out: Path) -> Fields:
    """Frappe Books (desktop accounting) "Business" print template.

    Modelled on frappe/books templates/Business.template.html: a grey header band with the company name in the
    accent colour and its address, then "Invoice" beside the document name and date, "Customer" beside the
    party name and address; Item / Quantity / Rate / Amount rows; a grey totals band with Subtotal, one block
    per tax account and the Grand Total in a coloured box; Notes. No due date is printed.
    """
    lang = d.pick_lang(rng, {"fr": 0.8, "en": 0.2})
    L = BOOKS[lang]
    country = "FR" if lang == "fr" else rng.choice(["GB", "NL"])
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    number = f"SINV-{rng.randint(1001, 1999)}"
    items = d.lines(rng, lang, country, rng.choice([1, 2, 3, 4, 6, 9]))
    t = d.totals(items)
    currency = "GBP" if country == "GB" else "EUR"
    sym = "£" if currency == "GBP" else "€"

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'fr')} {sym}" if lang == "fr" else f"{sym}{d.fmt_amount(v, 'en')}"

    color = rng.choice([(37, 99, 235), (16, 185, 129), (124, 58, 237)])
    pdf = Canvas(rng.choice(["sans", "helvetica"]))
    pdf.new_page()
    pdf.box(0, 0, 210, 78, fill=243, stroke=False)
    pdf.box(20, 14, 14, 14, fill=210, stroke=False)
    pdf.put(38, 14, seller.name, 15, "B", color=color)
    pdf.put(38, 21, f"{seller.street}, {seller.zip} {seller.city}", 9, color=(60, 60, 60))
    pdf.put(20, 38, L["invoice"], 12, "B")
    pdf.put(80, 38, number, 12, "B")
    pdf.put(80, 44, d.fmt_date(issued, L["date"], lang), 11, color=(60, 60, 60))
    pdf.put(20, 54, L["customer"], 12, "B")
    pdf.put(80, 54, buyer.name, 12, "B")
    pdf.put(80, 60, f"{buyer.street}, {buyer.zip} {buyer.city}", 11, color=(60, 60, 60))
    cols = [Col(L["item"], 62), Col(L["qty"], 28, "R"), Col(L["rate"], 40, "R"), Col(L["amount"], 40, "R")]
    rows = [[i.desc, f"{i.qty.normalize():f}", money(i.price), money(i.net)] for i in items]
    y = pdf.grid_table(
        20, 88, cols, rows, size=10.5, row_h=7, head_fill=None, rule_gray=None, top_after_break=20
    )
    y += 10
    if y > 240:
        pdf.new_page()
        y = 20
    blocks = [(L["subtotal"], money(t.net))]
    blocks += [(L["tax"].format(r=d.rate_text(r, lang == "fr")), money(tx)) for r, (_, tx) in t.taxes.items()]
    pdf.box(17, y, 176, 20, fill=243, stroke=False)
    x = 193 - 42
    pdf.box(x, y, 42, 20, fill=None, stroke=False)
    pdf.set_fill_color(*color)
    pdf.rect(x, y, 42, 20, style="F")
    pdf.put(x, y + 3, L["grand"], 10, align="R", w=40, color=(255, 255, 255))
    pdf.put(x, y + 10, money(t.gross), 13, "B", align="R", w=40, color=(255, 255, 255))
    for label, value in reversed(blocks):
        x -= 38
        pdf.put(x, y + 3, label, 9.5, align="R", w=36, color=(60, 60, 60))
        pdf.put(x, y + 10, value, 11, align="R", w=36)
    if rng.random() < 0.6:
        pdf.put(20, y + 30, L["notes"], 11, "B")
        pdf.put(
            20,
            y + 37,
            rng.choice(
                ["Merci pour votre confiance.", "Paiement à réception.", "Thank you for your business."]
            ),
            10,
        )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, vat=False)
    truth.buyer(buyer)
    truth.amounts(t, currency, tax=len(t.taxes) == 1)
    return truth.values


IG = {
    "en": dict(
        header="INVOICE",
        bill="Bill To",
        ship="Ship To",
        date="Date",
        terms="Payment Terms",
        due="Due Date",
        po="PO Number",
        balance="Balance Due",
        item="Item",
        qty="Quantity",
        rate="Rate",
        amount="Amount",
        subtotal="Subtotal",
        tax="Tax ({r}%)",
        total="Total",
        paid="Amount Paid",
        notes="Notes",
        terms_t="Terms",
        net="Net {n}",
        style="en",
        date_style="short-en",
    ),
    "fr": dict(
        header="FACTURE",
        bill="Facturer à",
        ship="Livrer à",
        date="Date",
        terms="Conditions de paiement",
        due="Date d'échéance",
        po="N° de bon de commande",
        balance="Solde dû",
        item="Article",
        qty="Quantité",
        rate="Prix",
        amount="Montant",
        subtotal="Sous-total",
        tax="TVA ({r} %)",
        total="Total",
        paid="Montant payé",
        notes="Notes",
        terms_t="Conditions",
        net="{n} jours",
        style="fr",
        date_style="d b. Y",
    ),
}


def invoice_generator_api(rng: random.Random, out: Path) -> Fields:
    """The invoice-generator.com API (Invoiced) PDF, as its public client wrappers request it.

    Modelled on the API's documented fields (from, to, ship_to, number, date, payment_terms, due_date,
    po_number, items, tax, amount_paid, notes, terms) and the Python wrapper class `InvoiceGenerator` in the
    index (fr_FR locale, "%d %b %Y" dates): "from" block under the logo, big header and "# number" on the
    right, Bill To / Ship To, a right-hand column Date / Payment Terms / Due Date / PO Number with the
    highlighted Balance Due, a dark item header, Subtotal / Tax / Total / Amount Paid, Notes and Terms.
    """
    lang = d.pick_lang(rng, {"fr": 0.75, "en": 0.25})
    L = IG[lang]
    country = "FR" if lang == "fr" else rng.choice(["US", "GB"])
    seller = d.party(rng, country, bank=country == "FR")
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    days = rng.choice([15, 30, 45])
    due = issued + timedelta(days=days)
    number = rng.choice(
        [
            str(rng.randint(1, 999)),
            f"INV-{rng.randint(1, 9999):04d}",
            f"{issued.year}-{rng.randint(1, 999):03d}",
        ]
    )
    items = d.lines(rng, lang if lang == "fr" else "en", country, rng.choice([1, 2, 3, 5, 7]), one_rate=True)
    rate = Decimal(rng.choice(["20", "10"])) if country == "FR" else Decimal(rng.choice(["0", "8.25", "20"]))
    for i in items:
        i.rate = rate
    t = d.totals(items)
    d.deposit(rng, t, 0.4)
    currency = {"FR": "EUR", "US": "USD", "GB": "GBP"}[country]
    sym = {"EUR": "€", "USD": "$", "GBP": "£"}[currency]
    po = f"{rng.choice(['PO', 'BC'])}-{rng.randint(1000, 99999)}" if rng.random() < 0.6 else ""

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'fr')} {sym}" if lang == "fr" else f"{sym}{d.fmt_amount(v, 'en')}"

    pdf = Canvas(rng.choice(["helvetica", "sans"]))
    pdf.new_page()
    pdf.box(15, 14, 40, 16, fill=225, stroke=False)
    pdf.lines_at(15, 36, [seller.name, seller.street, f"{seller.zip} {seller.city}"], 9.5)
    pdf.put(110, 14, L["header"], 26, align="R", w=85)
    pdf.put(110, 26, f"# {number}", 11, align="R", w=85, color=(90, 90, 90))
    pdf.put(15, 58, L["bill"], 9, color=(110, 110, 110))
    pdf.lines_at(15, 63, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}"], 9.5)
    if rng.random() < 0.5:
        pdf.put(70, 58, L["ship"], 9, color=(110, 110, 110))
        pdf.lines_at(70, 63, [buyer.contact, buyer.street, f"{buyer.zip} {buyer.city}"], 9.5)
    meta = [
        (L["date"] + ":", d.fmt_date(issued, L["date_style"], lang)),
        (L["terms"] + ":", L["net"].format(n=days)),
        (L["due"] + ":", d.fmt_date(due, L["date_style"], lang)),
    ]
    if po:
        meta.append((L["po"] + ":", po))
    y = pdf.pairs(110, 40, meta, 50, 35, 9.5, 6)
    pdf.box(110, y - 1, 85, 7, fill=238, stroke=False)
    pdf.pairs(110, y, [(L["balance"] + ":", money(t.due))], 50, 35, 10, 6, bold_last=True)
    cols = [Col(L["item"], 95), Col(L["qty"], 25, "R"), Col(L["rate"], 30, "R"), Col(L["amount"], 30, "R")]
    rows = [[i.desc, f"{i.qty.normalize():f}", money(i.price), money(i.net)] for i in items]
    y = pdf.grid_table(
        15,
        90,
        cols,
        rows,
        size=9.5,
        row_h=7.5,
        head_fill=50,
        rule_gray=None,
        top_after_break=20,
        head_color=(255, 255, 255),
    )
    if y > 220:
        pdf.new_page()
        y = 20
    tot = [(L["subtotal"] + ":", money(t.net))]
    if t.tax:
        tot.append((L["tax"].format(r=d.rate_text(rate, lang == "fr")) + ":", money(t.tax)))
    tot += [(L["total"] + ":", money(t.gross)), (L["paid"] + ":", money(t.paid))]
    y = pdf.pairs(110, y + 6, tot, 50, 35, 9.5, 6)
    pdf.put(15, y + 6, L["notes"] + ":", 9, color=(110, 110, 110))
    pdf.put(15, y + 11, rng.choice(["Merci pour votre commande.", "Thanks for your business!"]), 9.5)
    pdf.put(15, y + 20, L["terms_t"] + ":", 9, color=(110, 110, 110))
    pdf.put(
        15,
        y + 25,
        f"IBAN {group(d.party(rng, 'FR', bank=True).iban)}" if lang == "fr" else "Payment by bank transfer.",
        9.5,
    )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, vat=False, bank=bool(seller.iban))
    truth.text("buyer_name", buyer.name)
    truth.amounts(t, currency, tax=bool(t.tax), due=True)
    truth.text("purchase_order", po)
    return truth.values


def rust_invoice_generator(rng: random.Random, out: Path) -> Fields:
    """LowPolyCat1/invoice-generator (Rust, printpdf) with a German locale for dates and money.

    Modelled on src/pdf/layout/header.rs, summary.rs and payment_details.rs: "Invoice Id: <number>" and the
    unlabelled invoice date on the left with "Payment Due:" and "Delivery Date:" on the right, extra info
    pairs in two columns, seller and buyer address blocks, the products table, a ruled summary box with
    Subtotal, one "Tax (r%)" row per rate and Total, then Payment Type and the payment info lines.
    """
    seller = d.party(rng, "DE", bank=True)
    buyer = d.party(rng, rng.choice(["DE", "DE", "NL", "FR"]))
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([14, 30]))
    number = rng.choice([f"INV-{issued.year}-{rng.randint(1, 999):03d}", f"RE-{rng.randint(10000, 99999)}"])
    items = d.lines(rng, rng.choice(["de", "en"]), "DE", rng.choice([1, 2, 3, 5, 9, 16]))
    t = d.totals(items)

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'de')} €"

    pdf = Canvas(rng.choice(["sans", "cond"]))
    pdf.new_page()
    pdf.box(20, 12, 30, 12, fill=220, stroke=False)
    pdf.put(20, 30, f"Invoice Id: {number}", 14)
    pdf.put(20, 39, d.fmt_date(issued, "d.m.Y"), 10)
    pdf.put(110, 39, f"Payment Due: {d.fmt_date(due, 'd.m.Y')}", 10)
    extra = [f"Customer No: {rng.randint(10000, 99999)}"]
    po = ""
    if rng.random() < 0.5:
        po = f"{rng.randint(4500000000, 4599999999)}"
        extra.append(f"Your Order No.: {po}")
    pdf.put(20, 44.5, extra[0], 10)
    pdf.put(
        110, 44.5, f"Delivery Date: {d.fmt_date(issued - timedelta(days=rng.randint(0, 5)), 'd.m.Y')}", 10
    )
    y = 50.0
    if len(extra) > 1:
        pdf.put(20, y, extra[1], 10)
        y += 5.5
    pdf.rule(20, y, 190, 0.2)
    pdf.lines_at(
        20,
        y + 5,
        [seller.name, seller.street, f"{seller.zip} {seller.city}", f"VAT ID: {seller.vat}", seller.web],
        9.5,
    )
    pdf.lines_at(110, y + 5, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}", buyer.email], 9.5)
    cols = [
        Col("Pos", 10),
        Col("Description", 70),
        Col("Qty", 15, "R"),
        Col("Unit Price", 28, "R"),
        Col("Tax", 15, "R"),
        Col("Total", 32, "R"),
    ]
    rows = [
        [str(n), i.desc, d.fmt_amount(i.qty, "de"), money(i.price), f"{d.rate_text(i.rate)}%", money(i.net)]
        for n, i in enumerate(items, 1)
    ]
    y = pdf.grid_table(
        20, y + 38, cols, rows, size=8.5, row_h=6.5, head_fill=None, rule_gray=200, top_after_break=17
    )
    if y > 235:
        pdf.new_page()
        y = 17
    rows_t = [("Subtotal:", money(t.net))]
    rows_t += [(f"Tax ({d.rate_text(r)}%):", money(tx)) for r, (_, tx) in t.taxes.items()]
    rows_t.append(("Total:", money(t.gross)))
    top = y + 4
    pdf.rule(110, top, 190, 0.2)
    y = pdf.pairs(112, top + 2, rows_t, 50, 28, 9, 6.5)
    pdf.rule(110, y, 190, 0.2)
    pdf.line(110, top, 110, y)
    pdf.line(190, top, 190, y)
    y = pdf.lines_at(20, y + 8, ["Payment Type: Bank Transfer"], 10)
    pdf.lines_at(
        20,
        y,
        [
            f"Account Holder: {seller.name}",
            f"IBAN: {group(seller.iban)}",
            f"BIC: {seller.bic}",
            f"Reference: {number}",
        ],
        9,
    )
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
