"""Developer invoice libraries: Go (maaslalani/invoice, go-invoice-generator), Ruby (invoice_printer),
Python (InvoiceGenerator), Node (pdfkit-invoice, easyinvoice)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data as d
from benchmarks.generated_software_b.draw import Canvas, Col
from benchmarks.generated_software_b.ids import group

Fields = dict[str, str]
SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£"}


def maaslalani_invoice(rng: random.Random, out: Path) -> Fields:
    """The `invoice` command-line tool in Go.

    Modelled on maaslalani/invoice pdf.go: "from" lines at the top under an optional logo, a short rule, a
    big title, "#<id> · <date>", BILL TO block, ITEM/QTY/RATE/AMOUNT rows, Subtotal/Tax/Discount/Total at a
    fixed height with the Due Date above, NOTES, and the id again in the footer.
    """
    currency = rng.choice(["USD", "USD", "EUR", "GBP"])
    sym = SYMBOL[currency]
    country = {"USD": "US", "EUR": rng.choice(["NL", "FR", "DE"]), "GBP": "GB"}[currency]
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([14, 14, 30]))
    number = rng.choice(
        [
            f"INV-{rng.randint(1, 999):03d}",
            f"{issued.year}{rng.randint(1, 999):03d}",
            f"{rng.randint(1000, 9999)}",
        ]
    )
    items = d.lines(rng, "en", country, rng.choice([1, 2, 3, 4, 6]), one_rate=True)
    for item in items:
        item.qty = Decimal(max(1, int(item.qty)))
    net = sum((i.net for i in items), Decimal(0))
    tax_rate = Decimal(rng.choice(["0", "0.13", "0.2", "0.21", "0.0825"]))
    tax = (net * tax_rate).quantize(d.CENT)
    discount = Decimal(0) if rng.random() < 0.7 else (net * Decimal("0.1")).quantize(d.CENT)
    total = net + tax - discount

    def money(v: Decimal) -> str:
        return f"{sym}{d.fmt_amount(v, 'plain')}"

    pdf = Canvas(rng.choice(["sans", "helvetica"]))
    pdf.new_page()
    y = pdf.lines_at(14, 16, [seller.name], 12, color=(55, 55, 55))
    y = pdf.lines_at(
        14, y, [seller.street, f"{seller.zip} {seller.city}", seller.email], 10, color=(55, 55, 55)
    )
    pdf.rule(14, y + 6, 92, 0.3, 225)
    y += 18
    title = rng.choice(["INVOICE", "INVOICE", "Invoice"])
    pdf.put(14, y, title, 24, "B")
    pdf.put(14, y + 12, f"#{number}  ·  {d.fmt_date(issued, 'M dd, Y')}", 12, color=(100, 100, 100))
    y += 30
    pdf.put(14, y, "BILL TO", 9, color=(75, 75, 75))
    y = pdf.lines_at(14, y + 6, [buyer.name], 15, color=(75, 75, 75))
    y = pdf.lines_at(14, y, [buyer.street, f"{buyer.zip} {buyer.city}"], 10, color=(75, 75, 75))
    y += 18
    cols = [Col("ITEM", 113), Col("QTY", 16), Col("RATE", 26), Col("AMOUNT", 30)]
    rows = [[i.desc, str(int(i.qty)), money(i.price), money(i.net)] for i in items]
    pdf.grid_table(14, y, cols, rows, size=9.5, row_h=8.5, head_fill=None, head_style="", rule_gray=None)
    ty = 211
    pdf.put(143, ty - 8, "Due Date", 9, color=(75, 75, 75))
    pdf.put(163, ty - 8.5, d.fmt_date(due, "M dd, Y"), 11)
    rows_t = [("Subtotal", money(net))]
    if tax:
        rows_t.append(("Tax", money(tax)))
    if discount:
        rows_t.append(("Discount", money(discount)))
    rows_t.append(("Total", money(total)))
    pdf.pairs(143, ty, rows_t, 20, 30, 10, 8.5, value_align="L", bold_last=True)
    pdf.put(14, ty, "NOTES", 9, color=(55, 55, 55))
    note = rng.choice(
        [
            "Thank you for your business.",
            f"Payment via bank transfer within {(due - issued).days} days.",
            "Please include the invoice number with your payment.",
        ]
    )
    pdf.put(14, ty + 6, note, 9)
    pdf.put(14, 282, number, 10, color=(55, 55, 55))
    pdf.rule(14 + pdf.get_string_width(number) + 6, 284, 194, 0.3, 225)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.text("seller_name", seller.name)
    truth.text("buyer_name", buyer.name)
    truth.text("currency", currency)
    truth.money("total_incl_tax", total)
    if tax and not discount:
        truth.money("total_excl_tax", net)
        truth.money("total_tax", tax)
    return truth.values


def go_invoice_generator(rng: random.Random, out: Path) -> Fields:
    """angelodlfrtr/go-invoice-generator configured in French (its README example sets "FACTURE").

    Modelled on build.go and options.go: the document type in a dark box at the top right with "Réf." and
    "Date" lines under it, company contact on the left (with its additional info lines: SIRET, TVA), the
    customer on the right on a grey background, a grey header band for the item columns, TOTAL HT / TVA /
    TOTAL TTC boxes and the payment term ("Échéance") in bold; header and footer text with pagination.
    """
    seller = d.party(rng, "FR", bank=rng.random() < 0.5)
    buyer = d.party(rng, "FR")
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice(
        [
            f"F{issued.year}{issued.month:02d}-{rng.randint(1, 300):03d}",
            f"FAC-{rng.randint(1, 99999):06d}",
            f"{issued.year}-{rng.randint(1, 999):04d}",
        ]
    )
    items = d.lines(rng, "fr", "FR", rng.choice([1, 2, 4, 7, 13, 20]))
    t = d.totals(items)
    comma = rng.random() < 0.5

    def money(v: Decimal) -> str:  # accounting.FormatMoneyDecimal with Symbol "€ " and Thousand " "
        text = d.fmt_amount(v, "space")
        return "€ " + (text.replace(".", ",") if comma else text)

    pdf = Canvas(rng.choice(["helvetica", "sans"]))
    header = rng.choice(["", f"{seller.name} - {seller.web}"])

    def frame(c: Canvas) -> None:
        if header:
            c.put(10, 4, header, 7, align="C", w=190, color=(100, 100, 100))
        c.put(
            10,
            285,
            f"{seller.name} au capital de {seller.capital} € - {seller.rcs}",
            7,
            align="C",
            w=190,
        )
        c.put(10, 289, f"{c.page_count}/{{nb}}", 7, align="R", w=190)

    pdf.on_page = frame
    pdf.new_page()
    pdf.box(120, 15, 80, 10, fill=60, stroke=False)
    pdf.put(120, 17, "FACTURE", 14, align="C", w=80, color=(255, 255, 255))
    pdf.put(120, 26, f"Réf. : {number}", 8, align="R", w=80)
    if rng.random() < 0.4:
        pdf.put(120, 30, f"Version : {rng.randint(1, 3)}", 8, align="R", w=80)
    pdf.put(120, 34, f"Date : {d.fmt_date(issued, 'd/m/Y')}", 8, align="R", w=80)
    y = pdf.lines_at(10, 40, [seller.name], 10, style="B")
    extra = [f"SIRET : {seller.siret}", f"N° TVA : {seller.vat}"]
    y = pdf.lines_at(10, y, [seller.street, f"{seller.zip} {seller.city}", seller.phone, *extra], 8)
    pdf.box(110, 40, 90, 30, fill=240, stroke=False)
    pdf.lines_at(112, 42, [buyer.name], 10, style="B")
    pdf.lines_at(
        112, 48, [buyer.street, f"{buyer.zip} {buyer.city}", f"Code client : CLI{rng.randint(100, 9999)}"], 8
    )
    y = max(y, 72)
    if rng.random() < 0.6:
        pdf.put(
            10,
            y + 2,
            rng.choice(
                [
                    "Prestations du mois",
                    "Commande n° " + str(rng.randint(1000, 9999)),
                    "Intervention sur site",
                ]
            ),
            9,
        )
        pdf.rule(10, y + 7, 200, 0.2)
        y += 8
    cols = [
        Col("Désignation", 60),
        Col("Prix unitaire", 24, "R"),
        Col("Qté", 14, "R"),
        Col("Total HT", 26, "R"),
        Col("TVA", 16, "R"),
        Col("Remise", 16, "R"),
        Col("Total TTC", 34, "R"),
    ]
    rows = []
    for i in items:
        vat = (i.net * i.rate / 100).quantize(d.CENT)
        rows.append(
            [
                i.desc,
                money(i.price),
                d.fmt_amount(i.qty, "plain"),
                money(i.net),
                f"{d.rate_text(i.rate)} %",
                "-",
                money(i.net + vat),
            ]
        )
    y = pdf.grid_table(10, y + 5, cols, rows, size=7.5, head_fill=225, rule_gray=225, top_after_break=15)
    if y > 235:
        pdf.new_page()
        y = 15
    y += 8
    for label, value in (("TOTAL HT", t.net), ("TVA", t.tax), ("TOTAL TTC", t.gross)):
        pdf.box(120, y, 40, 10, fill=60, stroke=False)
        pdf.put(120, y + 2.5, label, 11, align="R", w=38, color=(255, 255, 255))
        pdf.box(160, y, 40, 10, fill=225, stroke=False)
        pdf.put(162, y + 2.5, money(value), 11)
        y += 10
    pdf.put(120, y + 8, f"Échéance : {d.fmt_date(due, 'd/m/Y')}", 10, "B", align="R", w=80)
    if seller.iban:
        pdf.put(10, y + 16, f"IBAN : {group(seller.iban)}  BIC : {seller.bic}", 8)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=True, bank=bool(seller.iban))
    truth.buyer(buyer)
    truth.amounts(t, "EUR")
    return truth.values


PRINTER = {
    "en": dict(
        name="Invoice",
        provider="Provider",
        purchaser="Purchaser",
        ic="Identification number",
        dic="VAT number",
        transfer="Payment by bank transfer on the account below:",
        account="Account NO:",
        swift="SWIFT:",
        iban="IBAN:",
        issue="Issue date:",
        due="Due date:",
        item="Item",
        qty="Quantity",
        unit="Unit",
        price="Price per item",
        tax="Tax",
        amount="Amount",
        subtotal="Subtotal",
        total="Total",
    ),
    "fr": dict(
        name="Facture",
        provider="Fournisseur",
        purchaser="Client",
        ic="SIRET",
        dic="N° TVA",
        transfer="Paiement par virement sur le compte ci-dessous :",
        account="Compte :",
        swift="BIC :",
        iban="IBAN :",
        issue="Date d'émission :",
        due="Date d'échéance :",
        item="Désignation",
        qty="Quantité",
        unit="Unité",
        price="Prix unitaire",
        tax="TVA",
        amount="Montant",
        subtotal="Total HT",
        total="Total TTC",
    ),
}


def ruby_invoice_printer(rng: random.Random, out: Path) -> Fields:
    """strzibny/invoice_printer (Ruby, Prawn), with its default English labels or French custom labels.

    Modelled on lib/invoice_printer/pdf_document.rb: title and number on one line, Provider and Purchaser in
    two rounded boxes (identification numbers under the address), a payment box (bank transfer, account,
    SWIFT, IBAN) next to the dates box, a zebra items table, subtotal/tax table and the bold total, and page
    numbers "n / N" when there is more than one page.
    """
    lang = d.pick_lang(rng, {"fr": 0.75, "en": 0.25})
    L = PRINTER[lang]
    country = "FR" if lang == "fr" else rng.choice(["GB", "NL"])
    seller = d.party(rng, country, bank=True)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice(
        [
            f"{issued.year}{rng.randint(1, 999):04d}",
            f"NO. {rng.randint(100, 999)}/{issued.year}",
            f"{rng.randint(1, 999):03d}/{issued.year % 100}",
        ]
    )
    number_value = number.removeprefix("NO. ")
    items = d.lines(rng, lang, country, rng.choice([1, 3, 5, 9, 16, 26]), one_rate=True)
    t = d.totals(items)
    currency = {"FR": "EUR", "GB": "GBP", "NL": "EUR"}[country]
    style = "fr" if lang == "fr" else "en"

    def money(v: Decimal) -> str:
        return (
            f"{d.fmt_amount(v, style)} €"
            if currency == "EUR" and lang == "fr"
            else (f"{SYMBOL[currency]}{d.fmt_amount(v, style)}")
        )

    pdf = Canvas(rng.choice(["sans", "serif", "helvetica"]))
    pdf.on_page = lambda c: c.put(150, 285, f"{c.page_count} / {{nb}}", 11, align="R", w=45)
    pdf.new_page()
    pdf.put(15, 15, L["name"], 20)
    pdf.put(90, 15, number, 20, align="R", w=105)
    for x, p, title in ((15, seller, L["provider"]), (113, buyer, L["purchaser"])):
        pdf.box(x, 34, 92, 52, radius=2)
        pdf.put(x + 3, 37, title, 9)
        pdf.put(x + 3, 43, p.name, 12, w=88)
        pdf.lines_at(x + 3, 51, [p.street, f"{p.zip}    {p.city}"], 9)
        ids = [(L["ic"], p.siret)] if country == "FR" else []
        ids.append((L["dic"], p.vat))
        pdf.lines_at(x + 3, 71, [f"{label}    {value}" for label, value in ids if value], 9)
    pdf.box(15, 92, 92, 24, radius=2)
    pdf.lines_at(
        18,
        95,
        [
            L["transfer"],
            f"{L['account']}  {seller.iban[4:14]}",
            f"{L['swift']}  {seller.bic}",
            f"{L['iban']}  {seller.iban}",
        ],
        8.5,
    )
    pdf.box(113, 92, 92, 16, radius=2)
    pdf.pairs(
        116,
        95,
        [
            (L["issue"], d.fmt_date(issued, "d/m/Y" if lang == "fr" else "iso")),
            (L["due"], d.fmt_date(due, "d/m/Y" if lang == "fr" else "iso")),
        ],
        35,
        40,
        9,
        5,
        value_align="L",
    )
    cols = [
        Col(L["item"], 72),
        Col(L["qty"], 20, "R"),
        Col(L["unit"], 16, "R"),
        Col(L["price"], 30, "R"),
        Col(L["tax"], 20, "R"),
        Col(L["amount"], 32, "R"),
    ]
    rows = [
        [
            i.desc,
            d.fmt_amount(i.qty, style),
            i.unit,
            money(i.price),
            money((i.net * i.rate / 100).quantize(d.CENT)),
            money(i.net),
        ]
        for i in items
    ]
    y = pdf.grid_table(
        15,
        124,
        cols,
        rows,
        size=8.5,
        row_h=6.5,
        head_fill=None,
        zebra=245,
        rule_gray=None,
        top_after_break=15,
    )
    if y > 245:
        pdf.new_page()
        y = 15
    y = pdf.pairs(
        140,
        y + 8,
        [(L["subtotal"] + ":", money(t.net)), (L["tax"] + ":", money(t.tax))],
        25,
        30,
        9,
        5.5,
        label_align="R",
        value_align="L",
    )
    pdf.put(60, y + 4, f"{L['total']}:   {money(t.gross)}", 16, "B", align="R", w=135)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number_value)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=country == "FR", bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, currency)
    return truth.values


INVGEN = {
    "en": dict(
        title="Invoice num.: {n}",
        provider="Provider",
        client="Customer",
        vs="Variable symbol",
        payment="Payment information",
        account="Bank account",
        date="Date of exposure",
        taxable="Taxable supply",
        due="Due date",
        paytype="Paytype",
        transfer="Bank transfer",
        list="List of items",
        desc="Description",
        units="Units",
        price="Price per one",
        total_price="Total price",
        tax="Tax",
        with_tax="Total price with tax",
        total="Total",
        total_tax="Total with tax",
        creator="Creator",
        vat="VAT ID",
    ),
    "es": dict(
        title="Factura núm.: {n}",
        provider="Proveedor",
        client="Cliente",
        vs="Símbolo variable",
        payment="Información de pago",
        account="Cuenta bancaria",
        date="Fecha de emisión",
        taxable="Fecha de devengo",
        due="Fecha de vencimiento",
        paytype="Forma de pago",
        transfer="Transferencia bancaria",
        list="Lista de artículos",
        desc="Descripción",
        units="Unidades",
        price="Precio unitario",
        total_price="Precio total",
        tax="IVA",
        with_tax="Precio total con IVA",
        total="Total",
        total_tax="Total con IVA",
        creator="Emitida por",
        vat="NIF-IVA",
    ),
}


def py_invoicegenerator(rng: random.Random, out: Path) -> Fields:
    """by-cx/InvoiceGenerator (Python, reportlab) SimpleInvoice, in English or with its Spanish catalogue.

    Modelled on InvoiceGenerator/pdf.py: Letter page, one big frame split in two columns, Provider and
    Customer blocks with address and contact lines, the dates box, payment information with the bank account
    and variable symbol, "List of items" with totals per line with and without tax, the two totals in bold
    and the creator's signature line.
    """
    lang = d.pick_lang(rng, {"en": 0.5, "es": 0.5})
    L = INVGEN[lang]
    country = "ES" if lang == "es" else rng.choice(["GB", "NL", "DE"])
    seller = d.party(rng, country, bank=True)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = f"{issued.year}{rng.randint(1, 9999):04d}"
    vs = f"{rng.randint(10000000, 99999999)}"
    items = d.lines(rng, lang if lang == "es" else "en", country, rng.choice([1, 2, 4, 6, 10]))
    t = d.totals(items)
    currency = "GBP" if country == "GB" else "EUR"

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'plain')} {currency}"

    pdf = Canvas(rng.choice(["sans", "sans"]), letter=True)
    pdf.new_page()
    left, top = 20, 20
    pdf.put(left, top, L["title"].format(n=number), 15)
    pdf.put(left + 100, top, f"{L['vs']}: {vs}", 12)
    pdf.box(left, top + 7, 176, 65)
    pdf.line(left + 88, top + 7, left + 88, top + 72)
    pdf.line(left, top + 44, left + 88, top + 44)
    pdf.line(left + 88, top + 28, left + 176, top + 28)
    pdf.put(left + 3, top + 9, L["provider"], 12)
    pdf.lines_at(
        left + 5,
        top + 16,
        [seller.name, seller.street, f"{seller.zip} {seller.city}", f"{L['vat']}: {seller.vat}"],
        8,
    )
    pdf.lines_at(left + 48, top + 16, [seller.phone, seller.email, seller.web], 8, w=38)
    pdf.lines_at(
        left + 91,
        top + 9,
        [
            f"{L['date']}: {d.fmt_date(issued, 'iso')}",
            f"{L['taxable']}: {d.fmt_date(issued, 'iso')}",
            f"{L['due']}: {d.fmt_date(due, 'iso')}",
            f"{L['paytype']}: {L['transfer']}",
        ],
        9,
    )
    pdf.put(left + 91, top + 30, L["client"], 12)
    pdf.lines_at(
        left + 93,
        top + 37,
        [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}", f"{L['vat']}: {buyer.vat}"],
        8,
    )
    pdf.put(left + 3, top + 47, L["payment"], 9, "B")
    pdf.lines_at(
        left + 5, top + 53, [f"{L['account']}: {seller.iban}", f"SWIFT: {seller.bic}", f"{L['vs']}: {vs}"], 8
    )
    cols = [
        Col(L["desc"], 66),
        Col(L["units"], 20),
        Col(L["price"], 25, "R"),
        Col(L["total_price"], 25, "R"),
        Col(L["tax"], 12, "R"),
        Col(L["with_tax"], 28, "R"),
    ]
    rows = []
    for i in items:
        vat = (i.net * i.rate / 100).quantize(d.CENT)
        rows.append(
            [
                i.desc,
                f"{d.fmt_amount(i.qty, 'plain')} {i.unit}",
                money(i.price),
                money(i.net),
                f"{d.rate_text(i.rate, False)} %",
                money(i.net + vat),
            ]
        )
    pdf.put(left + 1, top + 78, L["list"], 7, "B")
    y = pdf.grid_table(left, top + 82, cols, rows, size=7, row_h=5, head_fill=None, rule_gray=None)
    pdf.rule(left, y + 1, left + 176, 0.3)
    pdf.put(left + 100, y + 5, f"{L['total']}: {money(t.net)}", 11, "B")
    pdf.put(left + 100, y + 12, f"{L['total_tax']}: {money(t.gross)}", 11, "B")
    pdf.rule(left + 110, y + 50, left + 164, 0.3)
    pdf.put(left + 112, y + 53, f"{L['creator']}: {seller.contact}", 10)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, currency, tax=False)
    return truth.values


def pdfkit_invoice(rng: random.Random, out: Path) -> Fields:
    """The PDFKit invoice example for Node.

    Modelled on PSPDFKit-labs/pdfkit-invoice createInvoice.js: company name beside the logo and the company
    address right-aligned, "Invoice" over a rule, Invoice Number / Invoice Date (y/m/d without padding) /
    Balance Due on the left and the shipping address on the right, a five-column table with Subtotal, Paid To
    Date and Balance Due under it, and the payment-terms sentence at the bottom. No tax lines.
    """
    seller = d.party(rng, "US")
    buyer = d.party(rng, "US", person=rng.random() < 0.5)
    issued = d.issue_date(rng)
    number = str(rng.randint(1000, 99999))
    items = d.lines(rng, "en", "US", rng.choice([1, 2, 3, 5, 8, 12]))
    subtotal = sum((i.net for i in items), Decimal(0))
    paid = (
        Decimal(0)
        if rng.random() < 0.4
        else (subtotal * Decimal(rng.choice(["0", "0.2", "0.5"]))).quantize(d.CENT)
    )

    def money(v: Decimal) -> str:
        return f"${d.fmt_amount(v, 'plain')}"

    pdf = Canvas(rng.choice(["helvetica", "helvetica", "sans"]))
    pdf.new_page()
    pdf.box(17.6, 15.9, 17.6, 17.6, fill=200, stroke=False)
    pdf.put(38.8, 19.5, seller.name.split()[0] + " " + seller.name.split()[-1], 20, color=(68, 68, 68))
    pdf.lines_at(
        70,
        17.6,
        [seller.name, seller.street, f"{seller.city}, {seller.zip}"],
        10,
        w=124,
        align="R",
        color=(68, 68, 68),
    )
    pdf.put(17.6, 56.4, "Invoice", 20, color=(68, 68, 68))
    pdf.rule(17.6, 65.3, 194, 0.35, 170)
    top = 70.5
    pdf.put(17.6, top, "Invoice Number:", 10)
    pdf.put(52.9, top, number, 10, "B")
    pdf.put(17.6, top + 5.3, "Invoice Date:", 10)
    pdf.put(52.9, top + 5.3, d.fmt_date(issued, "Y/m/d"), 10)
    pdf.put(17.6, top + 10.6, "Balance Due:", 10)
    pdf.put(52.9, top + 10.6, money(subtotal - paid), 10)
    pdf.put(105.8, top, buyer.name, 10, "B")
    pdf.put(105.8, top + 5.3, buyer.street, 10)
    pdf.put(105.8, top + 10.6, f"{buyer.city}, {buyer.zip}, US", 10)
    pdf.rule(17.6, 88.9, 194, 0.35, 170)
    cols = [
        Col("Item", 46),
        Col("Description", 45),
        Col("Unit Cost", 32, "R"),
        Col("Quantity", 32, "R"),
        Col("Line Total", 21, "R"),
    ]
    rows = [
        [i.ref, i.desc, money(i.price), d.fmt_amount(i.qty, "plain").removesuffix(".00"), money(i.net)]
        for i in items
    ]
    y = pdf.grid_table(
        17.6, 116.4, cols, rows, size=10, row_h=10.6, head_fill=None, rule_gray=170, top_after_break=20
    )
    if y > 250:
        pdf.new_page()
        y = 20
    for label, value, style in (
        ("Subtotal", subtotal, ""),
        ("Paid To Date", paid, ""),
        ("Balance Due", subtotal - paid, "B"),
    ):
        pdf.put(98.8, y + 3, label, 10, style, align="R", w=31.8)
        pdf.put(150, y + 3, money(value), 10, style, align="R", w=44)
        y += 7.5
    pdf.put(17.6, 275, "Payment is due within 15 days. Thank you for your business.", 10, align="C", w=176)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.text("seller_name", seller.name)
    truth.text("buyer_name", buyer.name)
    truth.text("currency", "USD")
    truth.money("total_incl_tax", subtotal)
    truth.money("amount_due", subtotal - paid)
    return truth.values


EASY = {
    "en": dict(
        invoice="INVOICE",
        number="Number",
        date="Date",
        due="Due Date",
        products="Products",
        qty="Quantity",
        price="Price",
        total="Total",
        subtotal="Subtotal",
        vat="vat",
        date_style="d-m-Y",
        notice="Kindly pay your invoice within {n} days.",
        style="en",
    ),
    "nl": dict(
        invoice="FACTUUR",
        number="Factuurnummer",
        date="Factuurdatum",
        due="Vervaldatum",
        products="Producten",
        qty="Aantal",
        price="Prijs",
        total="Totaal",
        subtotal="Subtotaal",
        vat="btw",
        date_style="d-m-Y",
        notice="Gelieve binnen {n} dagen te betalen.",
        style="de",
    ),
    "fr": dict(
        invoice="FACTURE",
        number="Numéro",
        date="Date",
        due="Échéance",
        products="Produits",
        qty="Quantité",
        price="Prix",
        total="Total",
        subtotal="Sous-total",
        vat="TVA",
        date_style="d/m/Y",
        notice="Merci de régler votre facture sous {n} jours.",
        style="fr",
    ),
}


def easyinvoice(rng: random.Random, out: Path) -> Fields:
    """dveldhoen/easyinvoice (Node) default template with its `translate` settings.

    Modelled on the library's documented data shape and default HTML template (README.md, src/lib): logo top
    left, sender right-aligned top right, client block on the left, the INVOICE title, Number / Date / Due
    Date, a products table (Quantity, Price, Total), subtotal, one line per tax rate, total, bottom notice.
    """
    lang = d.pick_lang(rng, {"fr": 0.7, "nl": 0.2, "en": 0.1})
    L = EASY[lang]
    country = {"fr": "FR", "nl": "NL", "en": "GB"}[lang]
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = d.due_date(rng, issued)
    number = rng.choice(
        [f"{issued.year}.{rng.randint(1, 9999):04d}", f"{issued.year}-{rng.randint(1, 999):03d}"]
    )
    items = d.lines(
        rng,
        "fr" if lang == "fr" else ("nl" if lang == "nl" else "en"),
        country,
        rng.choice([1, 2, 3, 5, 8, 11]),
    )
    t = d.totals(items)
    currency = "GBP" if country == "GB" else "EUR"

    def money(v: Decimal) -> str:
        if lang == "fr":
            return f"{d.fmt_amount(v, 'fr')} €"
        if lang == "nl":
            return f"€ {d.fmt_amount(v, 'de')}"
        return f"£{d.fmt_amount(v, 'en')}"

    pdf = Canvas(rng.choice(["sans", "helvetica"]))
    pdf.new_page()
    pdf.box(20, 18, 45, 14, fill=215, stroke=False)
    pdf.put(22, 22, seller.name.split()[0].upper(), 12, "B", color=(90, 90, 90))
    pdf.lines_at(
        110, 18, [seller.name, seller.street, f"{seller.zip} {seller.city}", seller.vat], 9, w=85, align="R"
    )
    pdf.lines_at(20, 52, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}"], 9)
    pdf.put(20, 78, L["invoice"], 22, "B")
    info = [
        (L["number"] + ":", number),
        (L["date"] + ":", d.fmt_date(issued, L["date_style"])),
        (L["due"] + ":", d.fmt_date(due, L["date_style"])),
    ]
    pdf.pairs(20, 90, info, 30, 40, 9, 5, value_align="L")
    cols = [
        Col(L["products"], 95),
        Col(L["qty"], 22, "R"),
        Col(L["price"], 28, "R"),
        Col(L["total"], 30, "R"),
    ]
    rows = [
        [
            f"{i.desc} ({d.rate_text(i.rate, lang != 'en')}%)",
            d.fmt_amount(i.qty, L["style"]).removesuffix(",00").removesuffix(".00"),
            money(i.price),
            money(i.net),
        ]
        for i in items
    ]
    y = pdf.grid_table(
        20, 112, cols, rows, size=8.5, row_h=7, head_fill=238, rule_gray=235, top_after_break=20
    )
    if y > 240:
        pdf.new_page()
        y = 20
    tot = [(L["subtotal"], money(t.net))]
    tot += [(f"{L['vat']} {d.rate_text(r, lang != 'en')}%", money(tax)) for r, (_, tax) in t.taxes.items()]
    tot.append((L["total"], money(t.gross)))
    y = pdf.pairs(115, y + 6, tot, 40, 40, 9.5, 6, bold_last=True)
    pdf.put(20, 270, L["notice"].format(n=(due - issued).days or 15), 9, align="C", w=175)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller)
    truth.buyer(buyer)
    truth.amounts(t, currency, tax=len(t.taxes) == 1)
    return truth.values
