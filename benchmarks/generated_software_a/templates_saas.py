"""Invoices from open-source invoicing applications used by freelancers and small firms.

- invoiceplane_default: InvoicePlane/InvoicePlane application/views/invoice_templates/pdf/InvoicePlane.php
  (and "InvoicePlane - fr.php"): user (seller) block left with "N° TVA", client block right, details table
  (invoice date, due date, amount due), "Facture <number>" title, Item/Description/Qty/Price/Total table with
  Subtotal / tax / Total / Paid / Balance rows, terms at the bottom.
- invoiceninja_clean: invoiceninja/invoiceninja app/Services/PdfMaker/Designs/Clean.php (company details and
  company address columns on top, entity details table: Invoice Number, PO Number, Invoice Date, Due Date,
  Balance Due; client details; product table with Subtotal, Total, Paid to Date, Balance Due).
- invoiceninja_bold: the same project's Designs/Bold.php (dark header band with the company, entity details in
  the band, "Bill To" block, coloured table header, large Balance Due).
- akaunting_default: akaunting/akaunting resources/views/components/documents/template/default.blade.php (logo
  left, company with "Tax Number" right, contact left and number / order number / issued / due right; the
  total line shows the total minus what was paid, with a "Paid: -" line above it).
- crater_invoice1: crater-invoice/crater resources/views/app/pdf/invoice/invoice1.blade.php (company name
  centred as the logo, company address left, Invoice Number / Invoice Date / Due date right, Bill to / Ship
  to, # / Items / Quantity / Price / Amount table, Subtotal / tax / Total box).
- kimai_default: kimai/kimai templates/invoice/renderer/default.pdf.twig (header: title and "Datum:" right;
  customer left and sender right with VAT ids; number, due date, customer number and order number; time
  entries with dates; footer with contact and bank account, "Seite 1 von 1"; number like 260131 from the
  date-based number generator).
- facturascripts_default: NeoRazorX/facturascripts Core/Lib/PDF/PDFDocument.php (company header with CIF,
  document table Factura/Fecha/Cliente/CIF-NIF/Dirección, Referencia/Descripción/Cantidad/Precio/Dto./IVA/Neto
  lines, totals table Neto / IVA x% / Total, payment method and "Vencimientos" with IBAN).
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_a.data import (
    Invoice,
    country_name,
    fmt_date,
    fmt_qty,
    make_invoice,
    money,
    q,
    rate_label,
    truth,
)
from benchmarks.generated_software_a.ids import group4
from benchmarks.generated_software_a.page import Col, Page, label_rows, table

BANK_NAMES = {
    "DE": "Sparkasse KölnBonn",
    "FR": "Crédit Mutuel",
    "GB": "Barclays",
    "ES": "CaixaBank",
    "IT": "UniCredit",
    "NL": "ING Bank",
    "BE": "Belfius",
    "CH": "PostFinance",
}
LANG_COUNTRY = {"fr": "FR", "en": "GB", "de": "DE", "es": "ES", "it": "IT", "nl": "NL"}
AMOUNT_STYLE = {"fr": "fr", "en": "en", "de": "de", "es": "de", "it": "de", "nl": "de"}
DATE_STYLE = {"fr": "d/m/Y", "en": "d/m/Y", "de": "d.m.Y", "es": "d/m/Y", "it": "d/m/Y", "nl": "d-m-Y"}


def base_invoice(
    rng: random.Random, lang: str, n: tuple[int, int] = (1, 8), country: str | None = None
) -> Invoice:
    country = country or LANG_COUNTRY[lang]
    cur = "GBP" if country == "GB" else "EUR"
    return make_invoice(
        rng, lang=lang, seller_country=country, currency=cur, number="", lines=n, single_rate=True
    )


def invoiceplane_default(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["fr", "fr", "en", "de", "nl"])
    inv = base_invoice(rng, lang)
    inv.number = rng.choice(
        [
            f"{rng.randint(1, 999)}",
            f"{inv.issue:%Y}-{rng.randint(1, 999):04d}",
            f"INV-{rng.randint(1, 999):05d}",
        ]
    )
    if rng.random() < 0.4:
        inv.paid = q(inv.gross * Decimal(rng.choice([25, 50])) / 100)
    w = {
        "fr": (
            "Facture",
            "N° TVA",
            "Tél.",
            "Date de facture",
            "Date d'échéance",
            "Montant dû",
            "Article",
            "Description",
            "Qté",
            "Prix",
            "Total",
            "Sous-total",
            "TVA",
            "Payé",
            "Solde",
            "Conditions",
            "Paiement à réception de facture.",
        ),
        "en": (
            "Invoice",
            "VAT ID",
            "Phone",
            "Invoice Date",
            "Due Date",
            "Amount Due",
            "Item",
            "Description",
            "Qty",
            "Price",
            "Total",
            "Subtotal",
            "VAT",
            "Paid",
            "Balance",
            "Terms",
            "Payment within 30 days.",
        ),
        "de": (
            "Rechnung",
            "USt-IdNr.",
            "Tel.",
            "Rechnungsdatum",
            "Fälligkeitsdatum",
            "Offener Betrag",
            "Artikel",
            "Beschreibung",
            "Menge",
            "Preis",
            "Gesamt",
            "Zwischensumme",
            "MwSt.",
            "Bezahlt",
            "Saldo",
            "Bedingungen",
            "Zahlbar innerhalb von 14 Tagen ohne Abzug.",
        ),
        "nl": (
            "Factuur",
            "BTW-nr.",
            "Tel.",
            "Factuurdatum",
            "Vervaldatum",
            "Te betalen",
            "Artikel",
            "Omschrijving",
            "Aantal",
            "Prijs",
            "Totaal",
            "Subtotaal",
            "BTW",
            "Betaald",
            "Saldo",
            "Voorwaarden",
            "Betaling binnen 30 dagen.",
        ),
    }[lang]
    st, ds, cur = AMOUNT_STYLE[lang], DATE_STYLE[lang], inv.currency

    def m(v: Decimal) -> str:
        return money(v, st, cur, "before" if lang in ("en", "nl") else "after")

    page = Page(out, title=w[0])
    s, b = inv.seller, inv.buyer
    page.logo(15, 12, s.name, (0.2, 0.5, 0.3))
    left = [
        s.name,
        f"{w[1]}: {s.vat_id}",
        s.street,
        f"{s.zip} {s.city}",
        country_name(s.country, lang),
        "",
        f"{w[2]}: {s.phone}",
    ]
    page.block(15, 30, left, 9, leading=4.3, bold_first=True)
    right = [b.name]
    if b.vat_id:
        right.append(f"{w[1]}: {b.vat_id}")
    right += [b.street, f"{b.zip} {b.city}", country_name(b.country, lang), "", f"{w[2]}: {b.phone}"]
    page.block(195, 30, right, 9, leading=4.3, bold_first=True, align="R")
    details = [
        (f"{w[3]}:", fmt_date(inv.issue, ds)),
        (f"{w[4]}:", fmt_date(inv.due, ds)),
        (f"{w[5]}:", m(inv.balance)),
    ]
    label_rows(page, 130, 195, 68, details, size=9, step=4.8)
    page.text(15, 86, f"{w[0]} {inv.number}", 16, bold=True, color=(0.2, 0.2, 0.2))
    cols = [Col(w[6], 45), Col(w[7], 65), Col(w[8], 18, "R"), Col(w[9], 26, "R"), Col(w[10], 26, "R")]
    rows = [[ln.label, ln.ref, fmt_qty(ln.qty, st), m(ln.unit_price), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 96, cols, rows, size=8.5, header_fill=(0.93, 0.93, 0.93), grid=True)
    rate = next(iter(inv.vat_by_rate()))
    sums = [
        (w[11], m(inv.net)),
        (f"{w[12]} ({rate_label(rate, st)}%)", m(inv.tax)),
        (w[10], m(inv.gross)),
        (w[13], m(inv.paid)),
        (w[14], m(inv.balance)),
    ]
    label_rows(page, 165, 194, y + 2, sums, size=8.5, step=5.2, label_align="R")
    page.text(15, 262, w[15], 9, bold=True)
    page.text(15, 267, w[16], 8.5)
    page.save()
    keys = [
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "amount_due",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
        "buyer_vat_id",
    ]
    return truth(inv, *keys)


NINJA = {
    "en": (
        "Invoice Number",
        "PO Number",
        "Invoice Date",
        "Due Date",
        "Balance Due",
        "Item",
        "Description",
        "Unit Cost",
        "Quantity",
        "Line Total",
        "Subtotal",
        "Total",
        "Paid to Date",
        "VAT Number",
        "Bill To",
        "INVOICE",
        "Tax",
        "Page 1 of 1",
    ),
    "fr": (
        "Numéro de facture",
        "Bon de commande",
        "Date de la facture",
        "Date d'échéance",
        "Solde dû",
        "Article",
        "Description",
        "Prix unitaire",
        "Quantité",
        "Total ligne",
        "Sous-total",
        "Total",
        "Payé à ce jour",
        "N° TVA",
        "Facturer à",
        "FACTURE",
        "TVA",
        "Page 1 sur 1",
    ),
    "de": (
        "Rechnungsnummer",
        "Bestellnummer",
        "Rechnungsdatum",
        "Fälligkeitsdatum",
        "Offener Betrag",
        "Artikel",
        "Beschreibung",
        "Stückpreis",
        "Menge",
        "Zeilensumme",
        "Zwischensumme",
        "Gesamtbetrag",
        "Bereits gezahlt",
        "USt-IdNr.",
        "Rechnung an",
        "RECHNUNG",
        "USt.",
        "Seite 1 von 1",
    ),
    "it": (
        "Numero fattura",
        "Numero ordine",
        "Data fattura",
        "Scadenza",
        "Importo dovuto",
        "Articolo",
        "Descrizione",
        "Prezzo unitario",
        "Quantità",
        "Totale riga",
        "Subtotale",
        "Totale",
        "Pagato",
        "Partita IVA",
        "Fatturare a",
        "FATTURA",
        "IVA",
        "Pagina 1 di 1",
    ),
}


def ninja_invoice(rng: random.Random, lang: str) -> Invoice:
    inv = base_invoice(rng, lang, n=(1, 10), country={"en": "GB", "fr": "FR", "de": "DE", "it": "IT"}[lang])
    inv.number = rng.choice(
        [
            f"{rng.randint(1, 9999):04d}",
            f"INV-{rng.randint(1, 9999):04d}",
            f"{inv.issue:%Y}-{rng.randint(1, 999):03d}",
        ]
    )
    if rng.random() < 0.5:
        inv.purchase_order = rng.choice(["PO-", "", "BC", "4500"]) + str(rng.randint(1000, 999999))
    if rng.random() < 0.35:
        inv.paid = q(inv.gross * Decimal(rng.choice([30, 50])) / 100)
    return inv


def ninja_keys(inv: Invoice) -> list[str]:
    return [
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_incl_tax",
        "amount_due",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
        "buyer_vat_id",
        "purchase_order",
        "total_excl_tax",
        "total_tax",
    ]


def invoiceninja_clean(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr", "de"])
    inv = ninja_invoice(rng, lang)
    w = NINJA[lang]
    st, ds = AMOUNT_STYLE[lang], ("short-en" if lang == "en" else DATE_STYLE[lang])

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.logo(15, 12, s.name, (0.15, 0.3, 0.55))
    comp = [s.name, s.vat_id and f"{w[13]}: {s.vat_id}" or "", s.web or "", s.email, s.phone]
    page.block(60, 12, [c for c in comp if c], 8.5, leading=4.2, bold_first=True)
    page.block(130, 12, [s.street, f"{s.zip} {s.city}", country_name(s.country, lang)], 8.5, leading=4.2)
    page.hline(15, 195, 40, color=(0.85, 0.85, 0.85))
    det = [(w[0], inv.number)]
    if inv.purchase_order:
        det.append((w[1], inv.purchase_order))
    det += [(w[2], fmt_date(inv.issue, ds)), (w[3], fmt_date(inv.due, ds)), (w[4], m(inv.balance))]
    label_rows(page, 15, 95, 48, det, size=9, step=5)
    cl = [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang)]
    if b.vat_id:
        cl.insert(1, f"{w[13]}: {b.vat_id}")
    page.block(120, 48, cl, 9, leading=4.5, bold_first=True)
    cols = [Col(w[5], 35), Col(w[6], 70), Col(w[7], 26, "R"), Col(w[8], 20, "R"), Col(w[9], 29, "R")]
    rows = [[ln.ref, ln.label, m(ln.unit_price), fmt_qty(ln.qty, st), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 82, cols, rows, size=8.5, header_fill=(0.96, 0.96, 0.96), grid=True, pad=4)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[10], m(inv.net)), (f"{w[16]} {rate_label(rate, st)}%", m(inv.tax)), (w[11], m(inv.gross))]
    if inv.paid:
        sums.append((w[12], m(inv.paid)))
    sums.append((w[4], m(inv.balance)))
    label_rows(page, 160, 193, y + 4, sums, size=9, step=6, label_align="R", bold_last=True)
    page.text(195, 285, w[17], 7, align="R", color=(0.5, 0.5, 0.5))
    page.save()
    return truth(inv, *ninja_keys(inv))


def invoiceninja_bold(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr", "it"])
    inv = ninja_invoice(rng, lang)
    w = NINJA[lang]
    st, ds = AMOUNT_STYLE[lang], ("us-long" if lang == "en" else DATE_STYLE[lang])

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    dark, white = (0.15, 0.15, 0.18), (1.0, 1.0, 1.0)
    page.rect(0, 0, 210, 52, fill=dark, stroke=None)
    page.text(15, 12, s.name, 15, bold=True, color=white)
    comp = [s.street, f"{s.zip} {s.city}", s.email, s.phone]
    if s.vat_id:
        comp.append(f"{w[13]}: {s.vat_id}")
    page.block(15, 21, comp, 8, leading=4, color=(0.85, 0.85, 0.85))
    det = [(w[0], inv.number)]
    if inv.purchase_order:
        det.append((w[1], inv.purchase_order))
    det += [(w[2], fmt_date(inv.issue, ds)), (w[3], fmt_date(inv.due, ds))]
    y = 14.0
    for label, value in det:
        page.text(118, y, label, 8.5, color=(0.7, 0.7, 0.7))
        page.text(195, y, value, 8.5, bold=True, align="R", color=white)
        y += 5.5
    page.text(15, 62, w[14], 10, bold=True, color=(0.35, 0.35, 0.85))
    cl = [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang)]
    if b.vat_id:
        cl.append(f"{w[13]}: {b.vat_id}")
    page.block(15, 68, cl, 9.5, leading=4.6, bold_first=True)
    page.text(195, 62, w[4], 10, bold=True, align="R", color=(0.35, 0.35, 0.85))
    page.text(195, 69, m(inv.balance), 18, bold=True, align="R")
    cols = [Col(w[5], 38), Col(w[6], 70), Col(w[7], 26, "R"), Col(w[8], 18, "R"), Col(w[9], 28, "R")]
    rows = [[ln.ref, ln.label, m(ln.unit_price), fmt_qty(ln.qty, st), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 98, cols, rows, size=8.5, header_fill=(0.35, 0.35, 0.85), header_color=white, pad=3.5)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[10], m(inv.net)), (f"{w[16]} {rate_label(rate, st)}%", m(inv.tax)), (w[11], m(inv.gross))]
    if inv.paid:
        sums.append((w[12], m(inv.paid)))
    sums.append((w[4], m(inv.balance)))
    label_rows(
        page,
        150,
        193,
        y + 6,
        sums,
        size=9.5,
        step=6.5,
        bold_last=True,
        fill_last=(0.93, 0.93, 0.98),
        width=46,
    )
    page.save()
    return truth(inv, *ninja_keys(inv))


def akaunting_default(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr", "es", "de"])
    inv = base_invoice(rng, lang, n=(1, 7))
    inv.number = f"INV-{rng.randint(1, 999):05d}"
    order_no = str(rng.randint(100, 9999)) if rng.random() < 0.5 else None
    if rng.random() < 0.3:
        inv.paid = q(inv.gross * Decimal(rng.choice([20, 40])) / 100)
    w = {
        "en": (
            "Tax Number",
            "Bill To",
            "Invoice Number",
            "Order Number",
            "Invoice Date",
            "Due Date",
            "Items",
            "Quantity",
            "Price",
            "Amount",
            "Subtotal",
            "Paid",
            "Total",
            "Notes",
        ),
        "fr": (
            "Numéro de TVA",
            "Facturer à",
            "Numéro de facture",
            "Numéro de commande",
            "Date de facturation",
            "Date d'échéance",
            "Articles",
            "Quantité",
            "Prix",
            "Montant",
            "Sous-total",
            "Payé",
            "Total",
            "Notes",
        ),
        "es": (
            "NIF",
            "Facturar a",
            "Número de factura",
            "Número de pedido",
            "Fecha de factura",
            "Fecha de vencimiento",
            "Artículos",
            "Cantidad",
            "Precio",
            "Importe",
            "Subtotal",
            "Pagado",
            "Total",
            "Notas",
        ),
        "de": (
            "Steuernummer",
            "Rechnung an",
            "Rechnungsnummer",
            "Bestellnummer",
            "Rechnungsdatum",
            "Fälligkeitsdatum",
            "Artikel",
            "Menge",
            "Preis",
            "Betrag",
            "Zwischensumme",
            "Bezahlt",
            "Gesamt",
            "Notizen",
        ),
    }[lang]
    st = AMOUNT_STYLE[lang]
    ds = "short-en" if lang == "en" else DATE_STYLE[lang]

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.logo(15, 12, s.name, (0.42, 0.2, 0.6))
    comp = [s.name, s.street, f"{s.zip} {s.city}"]
    if s.vat_id:
        comp.append(f"{w[0]}: {s.vat_id}")
    comp += [s.phone, s.email]
    page.block(125, 12, comp, 8.5, leading=4.2, bold_first=True)
    page.hline(15, 195, 42, color=(0.85, 0.85, 0.85))
    cl = [w[1], b.name, b.street, f"{b.zip} {b.city}"]
    if b.vat_id:
        cl.append(f"{w[0]}: {b.vat_id}")
    cl.append(b.email)
    page.text(15, 48, cl[0], 9, bold=True)
    page.block(15, 53, cl[1:], 8.5, leading=4.3, bold_first=True)
    det = [(f"{w[2]}:", inv.number)]
    if order_no:
        det.append((f"{w[3]}:", order_no))
    det += [(f"{w[4]}:", fmt_date(inv.issue, ds)), (f"{w[5]}:", fmt_date(inv.due, ds))]
    label_rows(page, 125, 195, 48, det, size=8.5, step=6)
    cols = [Col(w[6], 100), Col(w[7], 22, "C"), Col(w[8], 29, "R"), Col(w[9], 29, "R")]
    rows = [[ln.label, fmt_qty(ln.qty, st), m(ln.unit_price), m(ln.total)] for ln in inv.lines]
    y = table(
        page,
        15,
        84,
        cols,
        rows,
        size=8.5,
        header_fill=(0.42, 0.2, 0.6),
        header_color=(1, 1, 1),
        grid=True,
        pad=3,
    )
    rate = next(iter(inv.vat_by_rate()))
    tax_name = {"en": "VAT", "fr": "TVA", "es": "IVA", "de": "MwSt."}[lang]
    sums = [(f"{w[10]}:", m(inv.net)), (f"{tax_name} ({rate_label(rate, st)}%):", m(inv.tax))]
    if inv.paid:
        sums.append((f"{w[11]}:", f"- {m(inv.paid)}"))
    sums.append((f"{w[12]}:", m(inv.balance)))
    y = label_rows(page, 125, 195, y + 6, sums, size=9, step=6.5)
    page.save()
    keys = [
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
        "buyer_vat_id",
    ]
    if not inv.paid:
        keys.append("total_incl_tax")
    return truth(inv, *keys)


def crater_invoice1(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr"])
    inv = base_invoice(rng, lang, n=(1, 9))
    inv.number = f"INV-{rng.randint(1, 999999):06d}"
    w = {
        "en": (
            "Invoice Number",
            "Invoice Date",
            "Due date",
            "Bill to,",
            "Ship to,",
            "#",
            "Items",
            "Quantity",
            "Price",
            "Amount",
            "Subtotal",
            "Total",
            "Notes",
            "Phone:",
        ),
        "fr": (
            "Numéro de facture",
            "Date de facture",
            "Date d'échéance",
            "Facturer à,",
            "Expédier à,",
            "#",
            "Articles",
            "Quantité",
            "Prix",
            "Montant",
            "Sous-total",
            "Total",
            "Notes",
            "Tél. :",
        ),
    }[lang]
    st = AMOUNT_STYLE[lang]
    ds = "short-en" if lang == "en" else "d/m/Y"

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(105, 12, s.name, 16, bold=True, align="C", color=(0.33, 0.33, 0.48))
    page.hline(10, 200, 22, color=(0.9, 0.9, 0.9))
    comp = [s.name, s.street, f"{s.city} {s.zip}", country_name(s.country, lang), s.phone]
    page.block(12, 28, comp, 8.5, leading=4.2, bold_first=True, color=(0.35, 0.35, 0.35))
    det = [(w[0], inv.number), (w[1], fmt_date(inv.issue, ds)), (w[2], fmt_date(inv.due, ds))]
    label_rows(page, 130, 198, 28, det, size=9, step=5.5)
    page.text(12, 62, w[3], 9, color=(0.33, 0.33, 0.48))
    page.block(
        12, 67, [b.name, b.street, f"{b.zip} {b.city}", f"{w[13]} {b.phone}"], 9, leading=4.3, bold_first=True
    )
    page.text(105, 62, w[4], 9, color=(0.33, 0.33, 0.48))
    page.block(105, 67, [b.name, b.street, f"{b.zip} {b.city}"], 9, leading=4.3, bold_first=True)
    cols = [Col(w[5], 10), Col(w[6], 90), Col(w[7], 26, "R"), Col(w[8], 26, "R"), Col(w[9], 34, "R")]
    rows = [
        [str(i + 1), ln.label, fmt_qty(ln.qty, st), m(ln.unit_price), m(ln.total)]
        for i, ln in enumerate(inv.lines)
    ]
    y = table(page, 12, 92, cols, rows, size=8.5, header_fill=None, grid=True, pad=3.5)
    rate = next(iter(inv.vat_by_rate()))
    tax_name = "VAT" if lang == "en" else "TVA"
    sums = [(w[10], m(inv.net)), (f"{tax_name} ({rate_label(rate, st)}%)", m(inv.tax)), (w[11], m(inv.gross))]
    page.rect(120, y + 4, 78, 21, fill=None, stroke=(0.9, 0.9, 0.9))
    label_rows(page, 123, 196, y + 6, sums, size=9, step=6.5, bold_last=True)
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "buyer_name",
    )


def kimai_default(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["de", "fr", "fr", "en"])
    inv = base_invoice(rng, lang, n=(3, 14), country={"de": "DE", "fr": "FR", "en": "NL"}[lang])
    inv.number = rng.choice(
        [
            f"{inv.issue:%y%m%d}",
            f"{inv.issue:%Y}/{rng.randint(1, 200):04d}",
            f"{inv.issue:%Y}-{rng.randint(1, 200):03d}",
        ]
    )
    if rng.random() < 0.4:
        inv.purchase_order = rng.choice(["", "PO-", "B-"]) + str(rng.randint(10000, 99999999))
    w = {
        "de": (
            "Rechnung",
            "Datum",
            "An",
            "Von",
            "USt-IdNr.",
            "Rechnungsnummer",
            "Zahlungsziel",
            "Kundennummer",
            "Bestellnummer",
            ["Datum", "Beschreibung", "Stundensatz", "Dauer", "Gesamtpreis"],
            "Zwischensumme",
            "MwSt.",
            "Rechnungsbetrag",
            "Kontakt",
            "Bankverbindung",
            "Seite 1 von 1",
            "Bitte überweisen Sie den Rechnungsbetrag bis zum Fälligkeitsdatum.",
        ),
        "fr": (
            "Facture",
            "Date",
            "À",
            "De",
            "N° TVA",
            "Numéro de facture",
            "Échéance",
            "Numéro client",
            "Numéro de commande",
            ["Date", "Description", "Taux horaire", "Durée", "Total"],
            "Sous-total",
            "TVA",
            "Total",
            "Contact",
            "Coordonnées bancaires",
            "Page 1 / 1",
            "Merci de régler le montant avant la date d'échéance.",
        ),
        "en": (
            "Invoice",
            "Date",
            "To",
            "From",
            "VAT ID",
            "Invoice number",
            "Due date",
            "Customer number",
            "Order number",
            ["Date", "Description", "Hourly rate", "Duration", "Total"],
            "Subtotal",
            "VAT",
            "Total",
            "Contact",
            "Bank account",
            "Page 1 of 1",
            "Please pay the total amount by the due date.",
        ),
    }[lang]
    st, ds = AMOUNT_STYLE[lang], DATE_STYLE[lang]

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(15, 12, w[0], 14, bold=True)
    page.text(195, 13, f"{w[1]}: {fmt_date(inv.issue, ds)}", 9, align="R")
    page.hline(15, 195, 20, color=(0.7, 0.7, 0.7))
    cl = [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang)]
    if b.vat_id:
        cl.append(f"{w[4]}: {b.vat_id}")
    page.text(15, 28, w[2], 8.5)
    page.block(15, 33, cl, 9, leading=4.4, bold_first=True)
    page.text(123, 28, w[3], 8.5)
    page.block(
        123,
        33,
        [s.name, s.street, f"{s.zip} {s.city}", f"{w[4]}: {s.vat_id}"],
        9,
        leading=4.4,
        bold_first=True,
    )
    info = [f"{w[5]}: {inv.number}", f"{w[6]}: {fmt_date(inv.due, ds)}", f"{w[7]}: {inv.customer_code}"]
    if inv.purchase_order:
        info.append(f"{w[8]}: {inv.purchase_order}")
    page.block(15, 62, info, 9, leading=4.6)
    rate_h = Decimal(rng.choice([65, 75, 85, 90, 110]))
    for ln in inv.lines:
        ln.unit_price, ln.qty = rate_h, Decimal(rng.randint(2, 32)) / 4
    h = w[9]
    cols = [Col(h[0], 24), Col(h[1], 86), Col(h[2], 24, "R"), Col(h[3], 18, "R"), Col(h[4], 28, "R")]
    rows = []
    for i, ln in enumerate(inv.lines):
        day = fmt_date(inv.issue - timedelta(days=2 * (len(inv.lines) - i)), ds)
        mins = int(ln.qty * 60)
        rows.append([day, ln.label, m(ln.unit_price), f"{mins // 60}:{mins % 60:02d}", m(ln.total)])
    y = table(page, 15, 88, cols, rows, size=8.5, header_fill=None, grid=True, pad=2.5)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[10], m(inv.net)), (f"{w[11]} ({rate_label(rate, st)}%)", m(inv.tax)), (w[12], m(inv.gross))]
    y = label_rows(page, 150, 193, y + 3, sums, size=9, step=5.5, label_align="R", bold_last=True)
    page.text(15, y + 6, w[16], 8.5)
    assert s.iban
    assert s.bic
    page.hline(15, 195, 274, color=(0.7, 0.7, 0.7))
    page.text(15, 276, f"{w[13]}: {s.name} – {s.phone} – {s.email}", 7.5)
    page.text(15, 280, f"{w[14]}: {BANK_NAMES[s.country]} – IBAN {group4(s.iban)} – BIC {s.bic}", 7.5)
    page.text(195, 280, w[15], 7.5, align="R")
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_iban",
        "seller_bic",
        "buyer_name",
        "buyer_vat_id",
        "purchase_order",
    )


def facturascripts_default(rng: random.Random, out: Path) -> dict[str, str]:
    inv = base_invoice(rng, "es", n=(1, 10), country="ES")
    inv.number = f"FAC{inv.issue:%Y}A{rng.randint(1, 2000)}"
    st = "de"

    def m(v: Decimal) -> str:
        return money(v, st, "EUR", "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    assert s.vat_id
    assert s.iban
    page.text(105, 12, s.name, 14, bold=True, align="C")
    page.text(105, 19, f"CIF/NIF: {s.vat_id[2:]}   Teléfono: {s.phone}   Email: {s.email}", 8, align="C")
    page.text(105, 23, f"{s.street} - {s.zip} {s.city} ({country_name('ES', 'es')})", 8, align="C")
    page.hline(15, 195, 28, color=(0.6, 0.6, 0.6))
    rows_head = [
        ("Factura:", inv.number),
        ("Fecha:", fmt_date(inv.issue, "d-m-Y")),
        ("Cliente:", b.name),
        ("CIF/NIF:", (b.vat_id or "")[2:]),
        ("Dirección:", f"{b.street}, {b.zip} {b.city}"),
    ]
    if inv.purchase_order:
        rows_head.append(("Su pedido:", inv.purchase_order))
    y = 33.0
    for label, value in rows_head:
        page.rect(15, y, 32, 6, fill=(0.92, 0.92, 0.92), stroke=(0.75, 0.75, 0.75))
        page.rect(47, y, 148, 6, fill=None, stroke=(0.75, 0.75, 0.75))
        page.text(17, y + 1.5, label, 8.5, bold=True)
        page.text(49, y + 1.5, value, 8.5)
        y += 6
    cols = [
        Col("Referencia", 26),
        Col("Descripción", 74),
        Col("Cantidad", 18, "R"),
        Col("Precio", 22, "R"),
        Col("Dto.", 12, "R"),
        Col("IVA", 12, "R"),
        Col("Neto", 16, "R"),
    ]
    rows = [
        [
            ln.ref,
            ln.label,
            fmt_qty(ln.qty, st),
            money(ln.unit_price, st, "", "none"),
            "0",
            rate_label(ln.vat_rate, st),
            money(ln.total, st, "", "none"),
        ]
        for ln in inv.lines
    ]
    y = table(page, 15, y + 8, cols, rows, size=8, header_fill=(0.85, 0.85, 0.85), grid=True, pad=2.5)
    rate = next(iter(inv.vat_by_rate()))
    y += 6
    heads = ["Divisa", "Neto", f"IVA {rate_label(rate, st)}%", "Total"]
    vals = ["EUR", m(inv.net), m(inv.tax), m(inv.gross)]
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        page.rect(15 + i * 45, y, 45, 6, fill=(0.85, 0.85, 0.85), stroke=(0.7, 0.7, 0.7))
        page.rect(15 + i * 45, y + 6, 45, 6, fill=None, stroke=(0.7, 0.7, 0.7))
        page.text(15 + i * 45 + 22.5, y + 1.5, h, 8.5, bold=True, align="C")
        page.text(15 + i * 45 + 22.5, y + 7.5, v, 8.5, align="C")
    y += 18
    page.text(15, y, "Forma de pago:", 8.5, bold=True)
    page.text(45, y, f"Transferencia bancaria  IBAN: {group4(s.iban)}", 8.5)
    page.text(15, y + 5, "Vencimientos:", 8.5, bold=True)
    page.text(45, y + 5, f"{fmt_date(inv.due, 'd-m-Y')}   {m(inv.gross)}", 8.5)
    page.text(105, 285, f"{s.name} - Inscrita en el Registro Mercantil de {s.city}", 6.5, align="C")
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_iban",
        "buyer_name",
        "buyer_vat_id",
        "purchase_order",
    )
