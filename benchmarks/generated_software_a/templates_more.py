"""More layouts of the same open-source tools, different enough from their default models to count apart.

- invoiceplane_german: InvoicePlane/InvoicePlane application/views/invoice_templates/pdf/InvoiceGerman.php
  (client block left under the logo, company block right with the user's name and phone; details table with
  "USt-IdNr. (Rechnungssteller)", "USt-IdNr. (Kunde)", Rechnungsdatum, Fälligkeitsdatum, Zahlungsart,
  Kundennummer; "Rechnung <number>" title; item table with a tax-rate column; Zwischensumme, Steuern gesamt,
  Gesamt, Bezahlt, Saldo; terms and bank details at the bottom).
- kimai_freelancer: kimai/kimai templates/invoice/renderer/freelancer.pdf.twig (one-line sender header with
  "Seite 1 von 1", customer left and a details table right: Datum, Leistungszeitraum, Rechnungsnummer,
  Zahlungsziel, Kundennummer, Bestellnummer, USt-IdNr.; title lower down; three-column footer with address,
  bank account and contact).
- akaunting_classic: akaunting/akaunting resources/views/components/documents/template/classic.blade.php
  (title, logo left and company right, the invoice number framed between double rules, contact left and
  order number / dates / "Total" (minus what was paid) right, dashed totals).
- crater_invoice2: crater-invoice/crater resources/views/app/pdf/invoice/invoice2.blade.php (company name as
  a large heading left; "Invoice", the number and the date without labels right; company address, "Ship to"
  and "Bill to" side by side; no due date printed).
- invoiceninja_plain: invoiceninja/invoiceninja app/Services/PdfMaker/Designs/html/plain.html (company name,
  company address and logo in three columns; entity details table on the right half; client details left;
  product table with the totals rows of the Plain design).
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_a.data import (
    MONTHS,
    Invoice,
    country_name,
    fmt_date,
    fmt_qty,
    money,
    person_name,
    q,
    rate_label,
    truth,
)
from benchmarks.generated_software_a.ids import group4
from benchmarks.generated_software_a.page import Col, Page, label_rows, table
from benchmarks.generated_software_a.templates_saas import (
    AMOUNT_STYLE,
    BANK_NAMES,
    DATE_STYLE,
    NINJA,
    base_invoice,
    ninja_invoice,
    ninja_keys,
)


def invoiceplane_german(rng: random.Random, out: Path) -> dict[str, str]:
    inv = base_invoice(rng, "de", n=(1, 9), country="DE")
    inv.number = rng.choice(
        [f"RE-{inv.issue:%Y}-{rng.randint(1, 999):04d}", f"{inv.issue:%Y}{rng.randint(1, 999):03d}"]
    )
    if rng.random() < 0.35:
        inv.paid = q(inv.gross * Decimal(rng.choice([30, 50])) / 100)

    def m(v: Decimal) -> str:
        return money(v, "de", "EUR", "after")

    page = Page(out, title=f"Rechnung {inv.number}")
    s, b = inv.seller, inv.buyer
    assert s.iban
    assert s.bic
    page.logo(15, 12, s.name, (0.55, 0.1, 0.1))
    page.block(
        15,
        40,
        [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, "de")],
        10,
        leading=4.8,
        bold_first=True,
    )
    comp = [
        s.name,
        person_name(rng, "DE"),
        s.street,
        f"{s.zip} {s.city}",
        country_name(s.country, "de"),
        f"Tel.: {s.phone}",
    ]
    page.block(195, 12, comp, 8.5, leading=4.2, bold_first=True, align="R")
    det = [("USt-IdNr. (Rechnungssteller):", s.vat_id or "")]
    if b.vat_id:
        det.append(("USt-IdNr. (Kunde):", b.vat_id))
    det += [
        ("Rechnungsdatum:", fmt_date(inv.issue, "d.m.Y")),
        ("Fälligkeitsdatum:", fmt_date(inv.due, "d.m.Y")),
        ("Zahlungsart:", "Überweisung"),
        ("Kundennummer:", f"{rng.randint(10000, 99999)}"),
    ]
    label_rows(page, 118, 195, 66, det, size=8.5, step=4.6)
    page.text(15, 100, f"Rechnung {inv.number}", 15, bold=True)
    cols = [
        Col("Artikel", 34),
        Col("Beschreibung", 62),
        Col("Menge", 16, "R"),
        Col("Preis", 24, "R"),
        Col("Steuersatz", 18, "R"),
        Col("Zwischensumme", 26, "R"),
    ]
    rows = [
        [
            ln.label,
            ln.ref,
            f"{fmt_qty(ln.qty, 'de')} {ln.unit}".strip(),
            m(ln.unit_price),
            f"{rate_label(ln.vat_rate, 'de')}%",
            m(ln.total),
        ]
        for ln in inv.lines
    ]
    y = table(page, 15, 110, cols, rows, size=8, header_fill=(0.9, 0.9, 0.9), grid=True, pad=2.5)
    sums = [("Zwischensumme", m(inv.net)), ("Steuern gesamt", m(inv.tax)), ("Gesamt", m(inv.gross))]
    if inv.paid:
        sums += [("Bezahlt", m(inv.paid)), ("Saldo", m(inv.balance))]
    y = label_rows(page, 165, 195, y + 3, sums, size=9, step=5.2, label_align="R", bold_last=True)
    page.text(15, y + 8, "Bedingungen", 9, bold=True)
    page.text(15, y + 13, f"Zahlbar bis {fmt_date(inv.due, 'd.m.Y')} ohne Abzug.", 8.5)
    page.text(15, y + 21, "Bankverbindung", 9, bold=True)
    page.block(15, y + 26, [BANK_NAMES["DE"], f"IBAN: {group4(s.iban)}", f"BIC: {s.bic}"], 8.5, leading=4.2)
    page.save()
    keys = [
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
    ]
    if inv.paid:
        keys.append("amount_due")
    return truth(inv, *keys)


def kimai_freelancer(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["de", "fr", "fr", "en", "nl"])
    inv = base_invoice(rng, lang, n=(1, 6), country={"de": "DE", "fr": "FR", "en": "NL", "nl": "NL"}[lang])
    inv.number = rng.choice(
        [
            f"{inv.issue:%Y%m}-{rng.randint(1, 60):03d}",
            f"{inv.issue:%y%m%d}",
            f"R{inv.issue:%Y}{rng.randint(1, 300):04d}",
        ]
    )
    if rng.random() < 0.5:
        inv.purchase_order = rng.choice(["", "PO ", "BE-"]) + str(rng.randint(100000, 9999999))
    w = {
        "de": (
            "Rechnung",
            "Datum",
            "Leistungszeitraum",
            "Rechnungsnummer",
            "Zahlungsziel",
            "Kundennummer",
            "Bestellnummer",
            "USt-IdNr.",
            ["Beschreibung", "Einzelpreis", "Menge", "Gesamtpreis"],
            "Zwischensumme",
            "MwSt.",
            "Rechnungsbetrag",
            "Adresse",
            "Bankverbindung",
            "Kontakt",
            "Seite 1 von 1",
        ),
        "fr": (
            "Facture",
            "Date",
            "Période de prestation",
            "Numéro de facture",
            "Échéance",
            "Numéro client",
            "Numéro de commande",
            "N° TVA",
            ["Description", "Prix unitaire", "Quantité", "Total"],
            "Sous-total",
            "TVA",
            "Montant total",
            "Adresse",
            "Coordonnées bancaires",
            "Contact",
            "Page 1 / 1",
        ),
        "en": (
            "Invoice",
            "Date",
            "Service period",
            "Invoice number",
            "Due date",
            "Customer number",
            "Order number",
            "VAT ID",
            ["Description", "Unit price", "Amount", "Total price"],
            "Subtotal",
            "VAT",
            "Invoice total",
            "Address",
            "Bank account",
            "Contact",
            "Page 1 of 1",
        ),
        "nl": (
            "Factuur",
            "Datum",
            "Leveringsperiode",
            "Factuurnummer",
            "Vervaldatum",
            "Klantnummer",
            "Ordernummer",
            "Btw-nummer",
            ["Omschrijving", "Stukprijs", "Aantal", "Totaalprijs"],
            "Subtotaal",
            "Btw",
            "Factuurbedrag",
            "Adres",
            "Bankrekening",
            "Contact",
            "Pagina 1 van 1",
        ),
    }[lang]
    st, ds = AMOUNT_STYLE[lang], DATE_STYLE[lang]
    month_lang = "en" if lang == "en" else lang

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang in ("en", "nl") else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    assert s.iban
    assert s.bic
    head = f"{s.name} – {s.street} – {s.zip} {s.city} – {w[7]}: {s.vat_id}"
    page.text(15, 10, head, 7)
    page.text(195, 10, w[15], 7, align="R")
    page.block(
        15,
        40,
        [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang)],
        10,
        leading=4.8,
        bold_first=True,
    )
    month = MONTHS[month_lang].split()[inv.issue.month - 1]
    det = [
        (w[1], fmt_date(inv.issue, ds)),
        (w[2], f"{month} {inv.issue.year}"),
        (w[3], inv.number),
        (w[4], fmt_date(inv.due, ds)),
        (w[5], inv.customer_code),
    ]
    if inv.purchase_order:
        det.append((w[6], inv.purchase_order))
    if b.vat_id:
        det.append((w[7], b.vat_id))
    label_rows(page, 120, 195, 40, det, size=8.5, step=4.8)
    page.text(15, 90, w[0], 14, bold=True)
    h = w[8]
    cols = [Col(h[0], 98), Col(h[1], 28, "R"), Col(h[2], 22, "R"), Col(h[3], 32, "R")]
    rows = [[ln.label, m(ln.unit_price), fmt_qty(ln.qty, st), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 100, cols, rows, size=8.5, header_fill=None, grid=True, pad=3)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[9], m(inv.net)), (f"{w[10]} ({rate_label(rate, st)}%)", m(inv.tax)), (w[11], m(inv.gross))]
    label_rows(page, 160, 193, y + 3, sums, size=9, step=5.5, label_align="R", bold_last=True)
    page.hline(15, 195, 266, color=(0.6, 0.6, 0.6))
    page.text(15, 268, w[12], 7, bold=True)
    page.block(15, 271.5, [s.name, s.street, f"{s.zip} {s.city}"], 7, leading=3.3)
    page.text(105, 268, w[13], 7, bold=True, align="C")
    page.block(
        105,
        271.5,
        [BANK_NAMES[s.country], f"IBAN {group4(s.iban)}", f"BIC {s.bic}"],
        7,
        leading=3.3,
        align="C",
    )
    page.text(195, 268, w[14], 7, bold=True, align="R")
    page.block(195, 271.5, [person_name(rng, s.country), s.phone, s.email], 7, leading=3.3, align="R")
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


def akaunting_classic(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["fr", "fr", "en", "nl"])
    inv: Invoice = base_invoice(rng, lang, n=(1, 8), country={"fr": "FR", "en": "GB", "nl": "NL"}[lang])
    inv.number = f"INV-{rng.randint(1, 99999):05d}"
    order_no = f"SO-{rng.randint(100, 9999)}" if rng.random() < 0.6 else None
    if rng.random() < 0.3:
        inv.paid = q(inv.gross * Decimal(rng.choice([25, 50])) / 100)
    w = {
        "en": (
            "Invoice",
            "Tax Number",
            "Bill To",
            "Invoice Number",
            "Order Number",
            "Invoice Date",
            "Due Date",
            "Total",
            ["Items", "Quantity", "Price", "Amount"],
            "Subtotal",
            "VAT",
            "Paid",
        ),
        "fr": (
            "Facture",
            "Numéro de TVA",
            "Facturer à",
            "Numéro de facture",
            "Numéro de commande",
            "Date de facturation",
            "Date d'échéance",
            "Total",
            ["Articles", "Quantité", "Prix", "Montant"],
            "Sous-total",
            "TVA",
            "Payé",
        ),
        "nl": (
            "Factuur",
            "Btw-nummer",
            "Factuur aan",
            "Factuurnummer",
            "Ordernummer",
            "Factuurdatum",
            "Vervaldatum",
            "Totaal",
            ["Artikelen", "Aantal", "Prijs", "Bedrag"],
            "Subtotaal",
            "Btw",
            "Betaald",
        ),
    }[lang]
    st = AMOUNT_STYLE[lang]
    ds = "short-en" if lang == "en" else DATE_STYLE[lang]

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang in ("en", "nl") else "after")

    accent = (0.2, 0.35, 0.6)
    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(15, 12, w[0], 15, bold=True)
    page.logo(15, 24, s.name, accent)
    comp = [s.name, s.street, f"{s.zip} {s.city}"]
    if s.vat_id:
        comp.append(f"{w[1]}: {s.vat_id}")
    comp += [s.phone, s.email]
    page.block(125, 24, comp, 8.5, leading=4.2, bold_first=True)
    for x in (15, 141):
        page.hline(x, x + 54, 58, color=accent, width=1.2)
        page.hline(x, x + 54, 60, color=accent, width=1.2)
    page.rect(72, 52, 66, 14, stroke=accent)
    page.text(105, 54, f"{w[3]}:", 9, bold=True, align="C")
    page.text(105, 59, inv.number, 9, align="C")
    cl = [b.name, b.street, f"{b.zip} {b.city}"]
    if b.vat_id:
        cl.append(f"{w[1]}: {b.vat_id}")
    cl.append(b.email)
    page.text(15, 74, w[2], 9, bold=True)
    page.block(15, 79, cl, 8.5, leading=4.3, bold_first=True)
    det = []
    if order_no:
        det.append((f"{w[4]}:", order_no))
    det += [
        (f"{w[5]}:", fmt_date(inv.issue, ds)),
        (f"{w[6]}:", fmt_date(inv.due, ds)),
        (f"{w[7]}:", m(inv.balance)),
    ]
    label_rows(page, 125, 195, 74, det, size=8.5, step=6)
    h = w[8]
    cols = [Col(h[0], 100), Col(h[1], 22, "C"), Col(h[2], 29, "R"), Col(h[3], 29, "R")]
    rows = [[ln.label, fmt_qty(ln.qty, st), m(ln.unit_price), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 108, cols, rows, size=8.5, header_fill=None, grid=True, pad=3)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(f"{w[9]}:", m(inv.net)), (f"{w[10]} ({rate_label(rate, st)}%):", m(inv.tax))]
    if inv.paid:
        sums.append((f"{w[11]}:", f"- {m(inv.paid)}"))
    sums.append((f"{w[7]}:", m(inv.balance)))
    label_rows(page, 125, 195, y + 6, sums, size=9, step=6.5)
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


def crater_invoice2(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr"])
    inv = base_invoice(rng, lang, n=(1, 8), country="FR" if lang == "fr" else rng.choice(["GB", "NL"]))
    inv.number = f"INV-{rng.randint(1, 999999):06d}"
    w = {
        "en": (
            "Invoice",
            "Ship to,",
            "Bill to,",
            ["#", "Items", "Quantity", "Price", "Amount"],
            "Subtotal",
            "Total",
            "VAT",
            "Notes",
            "Thank you for your business.",
        ),
        "fr": (
            "Facture",
            "Expédier à,",
            "Facturer à,",
            ["#", "Articles", "Quantité", "Prix", "Montant"],
            "Sous-total",
            "Total",
            "TVA",
            "Notes",
            "Merci pour votre confiance.",
        ),
    }[lang]
    st = AMOUNT_STYLE[lang]
    ds = "short-en" if lang == "en" else "d/m/Y"

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "before" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(12, 12, s.name, 18, color=(0.2, 0.2, 0.2))
    page.text(198, 10, w[0], 18, align="R")
    page.text(198, 19, inv.number, 8, align="R")
    page.text(198, 23, fmt_date(inv.issue, ds), 8, align="R")
    page.hline(10, 200, 30, color=(0.8, 0.8, 0.8))
    comp = [s.name, s.street, f"{s.city} {s.zip}", country_name(s.country, lang), s.phone]
    page.block(12, 36, comp, 8.5, leading=4.2, bold_first=True, color=(0.35, 0.35, 0.35))
    page.text(80, 36, w[1], 9, color=(0.33, 0.33, 0.48))
    page.block(80, 41, [b.name, b.street, f"{b.zip} {b.city}"], 8.5, leading=4.2, bold_first=True)
    page.text(140, 36, w[2], 9, color=(0.33, 0.33, 0.48))
    page.block(140, 41, [b.name, b.street, f"{b.zip} {b.city}", b.phone], 8.5, leading=4.2, bold_first=True)
    h = w[3]
    cols = [Col(h[0], 10), Col(h[1], 90), Col(h[2], 26, "R"), Col(h[3], 26, "R"), Col(h[4], 34, "R")]
    rows = [
        [str(i + 1), ln.label, fmt_qty(ln.qty, st), m(ln.unit_price), m(ln.total)]
        for i, ln in enumerate(inv.lines)
    ]
    y = table(page, 12, 72, cols, rows, size=8.5, header_fill=None, grid=True, pad=3.5)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[4], m(inv.net)), (f"{w[6]} ({rate_label(rate, st)}%)", m(inv.tax)), (w[5], m(inv.gross))]
    page.rect(120, y + 4, 78, 21, fill=None, stroke=(0.92, 0.95, 0.98))
    y = label_rows(page, 123, 196, y + 6, sums, size=9, step=6.5, bold_last=True)
    page.text(14, y + 8, w[7], 11)
    page.text(14, y + 14, w[8], 8.5, color=(0.35, 0.35, 0.35))
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "buyer_name",
    )


def invoiceninja_plain(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr", "de", "it"])
    inv = ninja_invoice(rng, lang)
    w = NINJA[lang]
    st = AMOUNT_STYLE[lang]
    ds = "iso" if lang == "en" else DATE_STYLE[lang]

    def m(v: Decimal) -> str:
        return money(v, st, inv.currency, "code" if lang == "en" else "after")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(15, 14, s.name, 11, bold=True)
    if s.vat_id:
        page.block(15, 20, [f"{w[13]}: {s.vat_id}", s.phone], 8.5, leading=4.2)
    page.block(
        80, 14, [s.street, f"{s.zip} {s.city}", country_name(s.country, lang), s.email], 8.5, leading=4.2
    )
    page.logo(150, 12, s.name, (0.1, 0.5, 0.5))
    det = [(w[0], inv.number)]
    if inv.purchase_order:
        det.append((w[1], inv.purchase_order))
    det += [(w[2], fmt_date(inv.issue, ds)), (w[3], fmt_date(inv.due, ds)), (w[4], m(inv.balance))]
    label_rows(page, 122, 195, 46, det, size=9, step=5.2)
    cl = [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang), b.email]
    if b.vat_id:
        cl.insert(1, f"{w[13]}: {b.vat_id}")
    page.block(15, 78, cl, 9, leading=4.5, bold_first=True)
    cols = [Col(w[5], 34), Col(w[6], 72), Col(w[7], 26, "R"), Col(w[8], 20, "R"), Col(w[9], 28, "R")]
    rows = [[ln.ref, ln.label, m(ln.unit_price), fmt_qty(ln.qty, st), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 118, cols, rows, size=8.5, header_fill=(0.95, 0.95, 0.95), grid=True, pad=3)
    rate = next(iter(inv.vat_by_rate()))
    sums = [(w[10], m(inv.net)), (f"{w[16]} {rate_label(rate, st)}%", m(inv.tax)), (w[11], m(inv.gross))]
    if inv.paid:
        sums.append((w[12], m(inv.paid)))
    sums.append((w[4], m(inv.balance)))
    label_rows(page, 160, 193, y + 4, sums, size=9, step=6, label_align="R", bold_last=True)
    page.save()
    return truth(inv, *ninja_keys(inv))
