"""Invoices from foreign vendors and other countries' accounting tools, as a French SME receives them."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from benchmarks.generated_software_b import ids
from benchmarks.generated_software_b.data import (
    CENT,
    Totals,
    Truth,
    due_date,
    fmt_amount,
    issue_date,
    lines,
    party,
    rate_text,
    totals,
)
from benchmarks.generated_vendor_d.common import centred_footer, d, eur, line, price, qty_text, ref
from benchmarks.generated_vendor_d.page import Page

SCW_PRODUCTS = [
    "Instances",
    "Object Storage",
    "Block Storage",
    "Kubernetes Kapsule",
    "Managed Database",
    "Load Balancer",
]


def aws_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """A cloud provider's monthly 'Tax Invoice' (Amazon Web Services EMEA style), after invoice2data's
    com/com.amazon.aws.yml and fr/com.amazon.aws.yml and public AWS invoice descriptions: account number,
    invoice number with an EU prefix, billing period, 'TOTAL AMOUNT DUE ON <date>', charges per service,
    VAT in the currency of the account, the provider's VAT registrations listed in the footer."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    seller.name = rng.choice(["Amazon Web Services EMEA SARL", "Stratus Web Services EMEA SARL"])
    issued = issue_date(rng).replace(day=rng.choice([2, 3]))
    start = (issued - timedelta(days=5)).replace(day=1)
    end = issued.replace(day=1) - timedelta(days=1)
    due = issued + timedelta(days=rng.choice([0, 30]))
    number = ref(rng, "EUINFR26-999999").replace("26", str(issued.year)[2:], 1)
    account = ref(rng, "9999 9999 9999")
    usd = rng.random() < 0.35
    items = [
        line(f"AWS Service Charges - {svc}", 1, price(rng, 0.5, 900), "20")
        for svc in rng.sample(
            [
                "Amazon Elastic Compute Cloud",
                "Amazon Simple Storage Service",
                "Amazon Relational Database Service",
                "AWS Data Transfer",
                "Amazon CloudFront",
                "Amazon Route 53",
                "AWS Support (Business)",
            ],
            rng.randint(2, 7),
        )
    ]
    t = totals(items)
    cur, sign = ("USD", "USD") if usd else ("EUR", "EUR")
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name}, 38 Avenue John F. Kennedy, L-1855 Luxembourg - R.C.S. Luxembourg B186284",
                f"VAT registrations: FR {ref(rng, '99999999999')}   DE {ref(rng, '999999999')}   LU 26888617",
            ],
            page_label="Page {n} of 1",
        ),
    )
    page.t(15, 18, "aws", 20, bold=True)
    page.t(195, 18, "Tax Invoice", 16, bold=True, align="r")
    page.lines(
        120,
        26,
        [
            f"Account number: {account}",
            f"Invoice Number: {number}",
            f"Invoice Date: {d(issued, 'long', 'en')}",
        ],
        9,
    )
    page.t(120, 42, f"TOTAL AMOUNT DUE ON {d(due, 'long', 'en')}", 9, bold=True)
    page.t(195, 48, f"{sign} {fmt_amount(t.gross, 'en')}", 14, bold=True, align="r")
    page.lines(
        15, 30, ["Bill to Address:", buyer.name, f"ATTN: {buyer.contact}", *buyer.address("en", True)], 9
    )
    page.t(
        15,
        70,
        f"This invoice is for the billing period {d(start, 'long', 'en')} - {d(end, 'long', 'en')}",
        8.5,
    )
    page.t(
        15,
        76,
        "Greetings from Amazon Web Services, we're writing to provide you with an electronic invoice "
        "for your use of AWS services.",
        7.5,
    )
    page.t(15, 86, "Summary", 11, bold=True)
    page.kv(
        15,
        93,
        [
            ("Invoice Summary", ""),
            ("Net Charges (After Credits/Discounts, excl. Tax)", f"{sign} {fmt_amount(t.net, 'en')}"),
            ("VAT to be collected", f"{sign} {fmt_amount(t.tax, 'en')}"),
            ("Total for this invoice", f"{sign} {fmt_amount(t.gross, 'en')}"),
        ],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.t(15, 116, f"Customer VAT number: {buyer.vat}", 8.5)
    cols = [("Detail", 120.0, "l"), ("VAT Rate", 25.0, "r"), ("Net Charges", 35.0, "r")]
    y = page.table(
        15, 124, cols, [[i.desc, "20%", f"{sign} {fmt_amount(i.net, 'en')}"] for i in items], size=8
    )
    page.t(
        15,
        y + 6,
        "Please do not pay this invoice by cheque. Payment by credit card has been set up for this account.",
        7.5,
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, cur, due=True)
    truth.text("seller_name", seller.name)
    truth.buyer(buyer, vat=True)
    return truth.values


def scaleway_en(rng: random.Random, path: Path) -> dict[str, str]:
    """A French cloud provider's English invoice (Scaleway / Online SAS style), after invoice2data's
    com/com.scaleway.yml ('Invoice #123456', 'Issued: January 3, 2026', 'Total due €12.34'): a compact header,
    the organization id, per-project consumption lines, a paid status line."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    number = ref(rng, "9999999")
    items = [
        line(
            f"{rng.choice(SCW_PRODUCTS)} - project {ref(rng, '?????-9999')}",
            1,
            price(rng, 0.2, 400),
            "20",
        )
        for _ in range(rng.randint(2, 10))
    ]
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} - {seller.street} {seller.zip} {seller.city}"
                f" - SAS au capital de {seller.capital} EUR",
                f"{seller.rcs} - VAT {seller.vat}",
            ],
            page_label="{n}/1",
        ),
    )
    page.t(15, 18, seller.name, 14, bold=True)
    page.t(195, 18, f"Invoice #{number}", 13, bold=True, align="r")
    page.kv(
        140,
        26,
        [
            ("Issued:", d(issued, "long", "en")),
            ("Organization:", ref(rng, "9999????-99??-9???")),
            ("Status:", "Paid"),
        ],
        20,
        8.5,
    )
    page.lines(15, 30, ["Billed to", buyer.name, *buyer.address("en", True), f"VAT: {buyer.vat}"], 9)
    cols = [("Product", 120.0, "l"), ("Amount excl. VAT", 60.0, "r")]
    y = page.table(15, 66, cols, [[i.desc, f"€{fmt_amount(i.net, 'en')}"] for i in items])
    y = page.kv(
        120,
        y + 3,
        [
            ("Subtotal", f"€{fmt_amount(t.net, 'en')}"),
            ("VAT (20%)", f"€{fmt_amount(t.tax, 'en')}"),
            ("Total due", f"€{fmt_amount(t.gross, 'en')}"),
        ],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.t(15, y + 6, f"Paid by SEPA direct debit on {d(issued + timedelta(days=3), 'long', 'en')}.", 8)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR", due=True)
    truth.seller(seller, siren=True)
    truth.buyer(buyer, vat=True)
    return truth.values


def lexoffice_de(rng: random.Random, path: Path) -> dict[str, str]:
    """A German 'Rechnung' as lexoffice / sevDesk print it (public sample invoices and DIN 5008 letter
    layout): return-address line above the window, info block right ('Rechnungsnr.', 'Rechnungsdatum',
    'Lieferdatum', 'Kundennr.', 'Ihre Bestellnummer', 'Ansprechpartner'), greeting, positions, 'Gesamtbetrag
    netto', 'zzgl. Umsatzsteuer 19 %', 'Gesamtbetrag brutto', payment terms with a date and a four-column
    footer with bank, register and tax numbers."""
    seller, buyer = party(rng, "DE", bank=True), party(rng, "DE")
    issued = issue_date(rng)
    due = issued + timedelta(days=rng.choice([7, 14, 30]))
    number = ref(rng, rng.choice(["RE-9999", "RE2026-999", "9999"])).replace("2026", str(issued.year))
    po = ref(rng, "PO-99999") if rng.random() < 0.6 else ""
    items = lines(rng, "de", "DE", rng.randint(1, 18), one_rate=True)
    t = totals(items)
    tax_number = ref(rng, "99/999/99999")
    bank = rng.choice(["Sparkasse", "Commerzbank", "Volksbank"])

    def footer(page: Page, n: int) -> None:
        y = page.height - 20
        page.hline(15, 195, y - 4, 0.3, grey=0.5)
        page.lines(15, y, [seller.name, seller.street, f"{seller.zip} {seller.city}"], 6.5, gap=3)
        page.lines(62, y, [f"Tel. {seller.phone}", seller.email, seller.web], 6.5, gap=3)
        page.lines(
            109,
            y,
            [f"Amtsgericht {seller.city} {seller.reg}", f"USt-IdNr. {seller.vat}", f"Steuernr. {tax_number}"],
            6.5,
            gap=3,
        )
        page.lines(156, y, [bank, f"IBAN {ids.group(seller.iban)}", f"BIC {seller.bic}"], 6.5, gap=3)
        page.t(195, 12, f"Seite {n}", 7, align="r")

    page = Page(path, footer)
    page.t(195, 20, seller.name, 13, bold=True, align="r")
    page.t(20, 48, f"{seller.name} · {seller.street} · {seller.zip} {seller.city}", 6.5)
    page.lines(20, 55, [buyer.name, f"z. Hd. {buyer.contact}", *buyer.address("de")], 10)
    pairs = [
        ("Rechnungsnr.", number),
        ("Rechnungsdatum", d(issued, "d.m.Y")),
        ("Lieferdatum", d(issued - timedelta(days=rng.randint(1, 9)), "d.m.Y")),
        ("Kundennr.", ref(rng, "10999")),
    ]
    if po:
        pairs.append(("Ihre Bestellnummer", po))
    pairs.append(("Ihr Ansprechpartner", seller.contact))
    page.kv(130, 50, pairs, 32, 8.5)
    page.t(20, 100, f"Rechnung Nr. {number}", 13, bold=True)
    page.t(20, 110, "Sehr geehrte Damen und Herren,", 9.5)
    page.t(
        20,
        116,
        "vielen Dank für Ihren Auftrag und das damit verbundene Vertrauen! "
        "Hiermit stelle ich Ihnen die folgenden Leistungen in Rechnung:",
        8,
    )
    cols = [
        ("Pos.", 10.0, "l"),
        ("Beschreibung", 80.0, "l"),
        ("Menge", 18.0, "r"),
        ("Einheit", 15.0, "l"),
        ("Einzelpreis", 25.0, "r"),
        ("Gesamtpreis", 27.0, "r"),
    ]
    rows = [
        [str(k), i.desc, qty_text(i.qty), i.unit, eur(i.price, "de"), eur(i.net, "de")]
        for k, i in enumerate(items, 1)
    ]
    y = page.table(20, 124, cols, rows, header_fill=None, bottom=250)
    if y > 235:
        page.new_page()
        y = 25
    y = page.kv(
        110,
        y + 3,
        [
            ("Gesamtbetrag netto", eur(t.net, "de")),
            ("zzgl. Umsatzsteuer 19 %", eur(t.tax, "de")),
            ("Gesamtbetrag brutto", eur(t.gross, "de")),
        ],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.t(
        20,
        y + 6,
        f"Zahlungsbedingungen: Zahlung innerhalb von {(due - issued).days} Tagen "
        "ab Rechnungseingang ohne Abzüge "
        f"(bis zum {d(due, 'd.m.Y')}).",
        8,
    )
    page.t(20, y + 12, "Mit freundlichen Grüßen", 9)
    page.t(20, y + 18, seller.contact, 9)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR")
    truth.text("purchase_order", po)
    truth.seller(seller, bank=True)
    truth.buyer(buyer)
    return truth.values


def holded_es(rng: random.Random, path: Path) -> dict[str, str]:
    """A Spanish 'Factura' as Holded prints it (public sample invoices): logo left, 'FACTURA' with 'Nº',
    'Fecha', 'Vencimiento' right, emisor and cliente blocks with NIF/CIF, concept lines with 'Precio',
    'Unidades', 'Subtotal', 'IVA'; 'Base imponible', 'IVA 21%', 'Total'; payment by transfer."""
    seller, buyer = party(rng, "ES", bank=True), party(rng, "ES")
    issued = issue_date(rng)
    due = due_date(rng, issued)
    number = ref(rng, rng.choice(["F260999", "2026-0999", "FV26/999"])).replace("2026", str(issued.year))
    items = lines(rng, "es", "ES", rng.randint(1, 10), one_rate=True)
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [f"{seller.name} - CIF {seller.vat[2:]} - Registro Mercantil de {seller.city}, {seller.reg}"],
            page_label="Página {n}",
        ),
    )
    page.t(15, 20, seller.name, 13, bold=True)
    page.lines(15, 27, [f"CIF: {seller.vat[2:]}", *seller.address("es"), seller.email], 8.5)
    page.t(195, 20, "FACTURA", 18, bold=True, align="r")
    page.kv(140, 28, [("Nº", number), ("Fecha", d(issued)), ("Vencimiento", d(due))], 28, 9)
    page.box(15, 54, 180, 24, fill=0.96)
    page.lines(
        18,
        60,
        ["CLIENTE", buyer.name, f"NIF/CIF: {buyer.vat[2:]}", f"{buyer.street}, {buyer.zip} {buyer.city}"],
        9,
    )
    cols = [
        ("CONCEPTO", 80.0, "l"),
        ("PRECIO", 25.0, "r"),
        ("UNIDADES", 20.0, "r"),
        ("SUBTOTAL", 25.0, "r"),
        ("IVA", 12.0, "r"),
        ("TOTAL", 18.0, "r"),
    ]
    rows = [
        [
            i.desc,
            eur(i.price, "de"),
            qty_text(i.qty),
            eur(i.net, "de"),
            "21%",
            eur((i.net * Decimal("1.21")).quantize(CENT, ROUND_HALF_UP), "de"),
        ]
        for i in items
    ]
    y = page.table(15, 86, cols, rows, size=8)
    y = page.kv(
        120,
        y + 4,
        [("BASE IMPONIBLE", eur(t.net, "de")), ("IVA 21%", eur(t.tax, "de")), ("TOTAL", eur(t.gross, "de"))],
        0,
        9.5,
        value_align="r",
        value_x=195,
        bold_values=True,
    )
    page.t(15, y + 6, f"Forma de pago: Transferencia bancaria a {ids.group(seller.iban)}", 8.5)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR")
    # Spanish invoices print the NIF without the ES prefix: no VAT id is claimed as printed.
    truth.seller(seller, vat=False, bank=True, bic=False)
    truth.buyer(buyer)
    return truth.values


def fatture_cloud_it(rng: random.Random, path: Path) -> dict[str, str]:
    """An Italian 'Fattura' courtesy copy as Fatture in Cloud / Aruba print it (public sample invoices):
    seller block with 'P.IVA' and 'C.F.', 'Spett.le' buyer, 'Fattura n. 42 del 12/01/2026', table 'Descrizione
    Quantità Prezzo IVA Importo', 'Imponibile', 'IVA 22%', 'Totale documento', 'Netto a pagare', a 'Scadenze'
    table and 'Copia di cortesia' mention (the legal original is the XML on the SdI)."""
    seller, buyer = party(rng, "IT", bank=True), party(rng, "IT")
    issued = issue_date(rng)
    due = due_date(rng, issued)
    n = rng.randint(1, 400)
    number = rng.choice([str(n), f"{n}/{issued.year}", f"FPR {n}/{str(issued.year)[2:]}"])
    items = lines(rng, "it", "IT", rng.randint(1, 12), one_rate=True)
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                "Copia di cortesia - il documento fiscalmente valido è quello trasmesso "
                "al Sistema di Interscambio",
                f"{seller.name} - P.IVA {seller.vat[2:]} - {seller.reg}",
            ],
            page_label="Pag. {n}",
        ),
    )
    page.t(15, 20, seller.name, 13, bold=True)
    page.lines(
        15, 27, [*seller.address("it"), f"P.IVA {seller.vat}", f"C.F. {seller.vat[2:]}", seller.email], 8.5
    )
    page.lines(
        120,
        34,
        [
            "Spett.le",
            buyer.name,
            *buyer.address("it"),
            f"P.IVA {buyer.vat[2:]}",
            f"Codice destinatario: {ref(rng, '???????')}",
        ],
        9,
    )
    page.t(15, 74, f"Fattura n. {number} del {d(issued)}", 13, bold=True)
    page.t(
        15, 80, f"Rif. ordine n. {ref(rng, '999')} del {d(issued - timedelta(days=rng.randint(5, 40)))}", 8
    )
    cols = [
        ("Descrizione", 85.0, "l"),
        ("Quantità", 20.0, "r"),
        ("Prezzo", 25.0, "r"),
        ("IVA", 15.0, "r"),
        ("Importo", 35.0, "r"),
    ]
    rows = [[i.desc, qty_text(i.qty), eur(i.price, "de"), "22%", eur(i.net, "de")] for i in items]
    y = page.table(15, 88, cols, rows)
    y = page.kv(
        120,
        y + 4,
        [
            ("Imponibile", eur(t.net, "de")),
            ("IVA 22%", eur(t.tax, "de")),
            ("Totale documento", eur(t.gross, "de")),
            ("Netto a pagare", eur(t.gross, "de")),
        ],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.t(15, y + 4, "Scadenze", 9, bold=True)
    page.table(
        15,
        y + 9,
        [("Data", 30.0, "l"), ("Importo", 30.0, "r"), ("Metodo", 100.0, "l")],
        [[d(due), eur(t.gross, "de"), f"Bonifico - IBAN {seller.iban}"]],
        size=8,
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=True)
    truth.seller(seller, bank=True, bic=False)
    truth.buyer(buyer)
    return truth.values


def moneybird_nl(rng: random.Random, path: Path) -> dict[str, str]:
    """A Dutch 'Factuur' as Moneybird prints it (public sample invoices): company name top right with KvK,
    btw and IBAN under it, buyer left, 'Factuur' title, 'Factuurnummer', 'Factuurdatum', 'Vervaldatum',
    'Referentie', lines, 'Totaal excl. btw', '21% btw', 'Totaal', and the request to pay before the due date
    quoting the invoice number."""
    seller, buyer = party(rng, "NL", bank=True), party(rng, "NL")
    issued = issue_date(rng)
    due = issued + timedelta(days=rng.choice([14, 30]))
    number = ref(rng, rng.choice(["2026-0999", "F2026099"])).replace("2026", str(issued.year))
    items = lines(rng, "nl", "NL", rng.randint(1, 9), one_rate=True)
    t = totals(items)
    page = Page(path)
    page.lines(
        140,
        18,
        [
            seller.name,
            *seller.address("nl"),
            "",
            seller.reg,
            f"Btw-nr: {seller.vat}",
            f"IBAN: {seller.iban}",
            f"BIC: {seller.bic}",
        ],
        8.5,
    )
    page.lines(15, 50, [buyer.name, f"T.a.v. {buyer.contact}", *buyer.address("nl")], 10)
    page.t(15, 86, "Factuur", 18, bold=True)
    page.kv(
        15,
        96,
        [
            ("Factuurnummer", number),
            ("Factuurdatum", d(issued, "d-m-Y")),
            ("Vervaldatum", d(due, "d-m-Y")),
            ("Referentie", ref(rng, "Project ????-99")),
        ],
        35,
        9,
    )
    cols = [("Aantal", 18.0, "r"), ("Omschrijving", 100.0, "l"), ("Prijs", 30.0, "r"), ("Totaal", 32.0, "r")]
    rows = [
        [qty_text(i.qty), i.desc, eur(i.price, "de", "€", True), eur(i.net, "de", "€", True)] for i in items
    ]
    y = page.table(15, 120, cols, rows, header_fill=None)
    y = page.kv(
        120,
        y + 4,
        [
            ("Totaal excl. btw", eur(t.net, "de", "€", True)),
            ("21% btw", eur(t.tax, "de", "€", True)),
            ("Totaal", eur(t.gross, "de", "€", True)),
        ],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.t(
        15,
        y + 8,
        f"We verzoeken u vriendelijk het bovenstaande bedrag van {eur(t.gross, 'de', '€', True)} "
        f"vóór {d(due, 'd-m-Y')}",
        8.5,
    )
    page.t(
        15, y + 13, f"te voldoen op onze bankrekening onder vermelding van het factuurnummer {number}.", 8.5
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR")
    truth.seller(seller, bank=True)
    truth.buyer(buyer)
    return truth.values


def xero_standard(rng: random.Random, path: Path) -> dict[str, str]:
    """A UK invoice in Xero's standard branding theme (public sample invoices): 'TAX INVOICE' top-left over
    the buyer's name, a middle column with 'Invoice Date', 'Invoice Number', 'Reference', 'VAT Number', the
    seller's address far right, 'Subtotal', 'TOTAL VAT 20%', 'TOTAL GBP', 'Due Date', and a detachable
    'PAYMENT ADVICE' slip repeating customer, invoice number, amount due and due date."""
    seller, buyer = party(rng, "GB", bank=True), party(rng, "GB")
    issued = issue_date(rng)
    due = due_date(rng, issued)
    number = ref(rng, "INV-9999")
    reference = ref(rng, rng.choice(["PO 9999", "Job 999", "WO-99999"]))
    items = lines(rng, "en", "GB", rng.randint(1, 12))
    t = totals(items)
    paid = rng.random() < 0.35
    if paid:
        t.paid = (t.gross * Decimal(rng.choice(["0.5", "0.25"]))).quantize(CENT)
    page = Page(
        path,
        centred_footer(
            [
                f"Company Registration No: {seller.reg[12:]}. "
                f"Registered Office: {seller.street}, {seller.city}, {seller.zip}."
            ],
            page_label="",
        ),
    )
    page.t(15, 25, "TAX INVOICE", 20)
    page.lines(15, 36, [buyer.name, f"Attention: {buyer.contact}", *buyer.address("en")], 9)
    page.kv(
        95,
        25,
        [
            ("Invoice Date", ""),
            ("", d(issued, "d M Y", "en")),
            ("Invoice Number", ""),
            ("", number),
            ("Reference", ""),
            ("", reference),
            ("VAT Number", ""),
            ("", f"GB {seller.vat[2:5]} {seller.vat[5:9]} {seller.vat[9:]}"),
        ],
        0,
        8.5,
        gap=4,
    )
    page.lines(145, 25, [seller.name, *seller.address("en"), "UNITED KINGDOM"], 8.5)
    cols = [
        ("Description", 80.0, "l"),
        ("Quantity", 20.0, "r"),
        ("Unit Price", 25.0, "r"),
        ("VAT", 20.0, "r"),
        ("Amount GBP", 35.0, "r"),
    ]
    rows = [
        [i.desc, qty_text(i.qty, False), fmt_amount(i.price, "en"), "20%", fmt_amount(i.net, "en")]
        for i in items
    ]
    y = page.table(15, 72, cols, rows, header_fill=None)
    pairs = [
        ("Subtotal", fmt_amount(t.net, "en")),
        ("TOTAL VAT 20%", fmt_amount(t.tax, "en")),
        ("TOTAL GBP", fmt_amount(t.gross, "en")),
    ]
    if paid:
        pairs += [("Less Amount Paid", fmt_amount(t.paid, "en")), ("AMOUNT DUE GBP", fmt_amount(t.due, "en"))]
    y = page.kv(120, y + 3, pairs, 0, 9, value_align="r", value_x=195)
    page.t(15, y + 6, f"Due Date: {d(due, 'd M Y', 'en')}", 9.5, bold=True)
    page.t(
        15,
        y + 12,
        f"Account Name: {seller.name}   "
        f"Sort Code: {seller.iban[8:10]}-{seller.iban[10:12]}-{seller.iban[12:14]}   "
        f"IBAN: {ids.group(seller.iban)}",
        8,
    )
    y = max(y + 30, 215)
    page.hline(15, 195, y, 0.3, grey=0.4)
    page.t(15, y + 8, "PAYMENT ADVICE", 14)
    page.lines(15, y + 16, ["To:", seller.name, *seller.address("en")], 8.5)
    page.kv(
        110,
        y + 10,
        [
            ("Customer", buyer.name),
            ("Invoice Number", number),
            ("Amount Due", fmt_amount(t.due, "en")),
            ("Due Date", d(due, "d M Y", "en")),
            ("Amount Enclosed", ""),
        ],
        35,
        8.5,
    )
    page.hline(145, 195, y + 30, 0.3)
    page.t(145, y + 34, "Enter the amount you are paying above", 6.5)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "GBP", due=True)
    truth.seller(seller, bank=True, bic=False)
    truth.buyer(buyer)
    return truth.values


def quickbooks_us(rng: random.Random, path: Path) -> dict[str, str]:
    """A US invoice in QuickBooks Online's default style (public sample invoices), on Letter paper: company
    top-left, 'INVOICE' title, 'BILL TO' / 'SHIP TO', right column 'INVOICE #', 'DATE', 'DUE DATE', 'TERMS',
    a line table whose first column is each activity's own date, 'SUBTOTAL', 'TAX', 'TOTAL', 'PAYMENT',
    'BALANCE DUE' in large type."""
    seller, buyer = party(rng, "US"), party(rng, "US")
    issued = issue_date(rng)
    terms = rng.choice([15, 30, 60])
    due = issued + timedelta(days=terms)
    number = str(rng.randint(1001, 9999))
    items = lines(rng, "en", "US", rng.randint(1, 14))
    rate = Decimal(rng.choice(["8.25", "7.5", "6.0", "0"]))
    net = sum((i.net for i in items), Decimal(0))
    tax = (net * rate / 100).quantize(CENT, ROUND_HALF_UP)
    t = Totals(net=net, taxes={}, tax=tax, gross=net + tax)
    if rng.random() < 0.4:
        t.paid = (t.gross * Decimal(rng.choice(["0.5", "0.2"]))).quantize(CENT)
    page = Page(
        path,
        centred_footer(
            [f"{seller.name} · {seller.street}, {seller.city} {seller.zip} · {seller.phone}"], page_label=""
        ),
        letter=True,
    )
    page.lines(15, 18, [seller.name, *seller.address("en"), seller.email, seller.web], 9)
    page.t(15, 48, "INVOICE", 18, bold=True)
    page.lines(15, 58, ["BILL TO", buyer.name, *buyer.address("en")], 9)
    page.lines(70, 58, ["SHIP TO", buyer.contact, *buyer.address("en")], 9)
    page.kv(
        140,
        58,
        [
            ("INVOICE #", number),
            ("DATE", d(issued, "m/d/Y")),
            ("DUE DATE", d(due, "m/d/Y")),
            ("TERMS", f"Net {terms}"),
        ],
        25,
        9,
    )
    cols = [
        ("DATE", 22.0, "l"),
        ("ACTIVITY", 40.0, "l"),
        ("DESCRIPTION", 55.0, "l"),
        ("QTY", 15.0, "r"),
        ("RATE", 25.0, "r"),
        ("AMOUNT", 28.0, "r"),
    ]
    rows = [
        [
            d(issued - timedelta(days=rng.randint(1, 25)), "m/d/Y"),
            rng.choice(["Services", "Hours", "Materials"]),
            i.desc,
            qty_text(i.qty, False),
            fmt_amount(i.price, "en"),
            fmt_amount(i.net, "en"),
        ]
        for i in items
    ]
    y = page.table(12, 86, cols, rows, header_fill=0.85, bottom=240)
    pairs = [
        ("SUBTOTAL", fmt_amount(t.net, "en")),
        (f"TAX ({rate_text(rate, False)}%)", fmt_amount(t.tax, "en")),
        ("TOTAL", fmt_amount(t.gross, "en")),
    ]
    if t.paid:
        pairs.append(("PAYMENT", fmt_amount(t.paid, "en")))
    y = page.kv(120, y + 4, pairs, 0, 9, value_align="r", value_x=197)
    page.t(120, y + 4, "BALANCE DUE", 10)
    page.t(197, y + 4, f"${fmt_amount(t.due, 'en')}", 15, bold=True, align="r")
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "USD", due=True)
    truth.seller(seller)
    truth.buyer(buyer)
    return truth.values
