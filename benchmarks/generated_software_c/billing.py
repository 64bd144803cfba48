"""Templates modelled on open-source billing and invoicing applications."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_c.common import qty, sale
from benchmarks.generated_software_c.kit import Col, Doc


def paheko_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Paheko's quotes-and-invoices module for associations (paheko/paheko-modules, module 'devis_factures',
    its print template): the association's name and address top left, 'Facture n° ...' with the issue date
    top right, a 'Destinataire' frame, a 'Désignation / Quantité / Prix unitaire / Total' table, one 'Total'
    with the statutory 'TVA non applicable, art. 293 B du CGI', payment terms and the SIRET / RNA numbers."""
    s = sale(rng, {"fr": 1.0}, n=(1, 6), one_rate=True, person_buyer=0.4)
    d = Doc(path)
    se, b = s.seller, s.buyer
    se.name = rng.choice(["Association ", "Amicale ", "Comité des fêtes de ", "Club sportif de "]) + se.city
    number = (
        f"{s.issued.year}-{rng.randint(1, 250):03d}" if rng.random() < 0.6 else f"F{rng.randint(100, 999)}"
    )
    d.lines(15, 22, [se.name], 13, bold=True)
    d.lines(15, 28, [se.street, f"{se.zip} {se.city}", se.email, f"SIRET : {ids.group(se.siret, 3)}"], 9, 4.4)
    d.text(195, 22, f"Facture n° {number}", 14, True, align="r")
    d.text(195, 29, f"Date : {s.day(s.issued)}", 10, align="r")
    d.text(195, 34, f"Échéance : {s.day(s.due)}", 10, align="r")
    d.box(110, 50, 85, 28)
    d.text(113, 55, "Destinataire", 8, grey=0.4)
    d.lines(113, 61, [b.name, b.street, f"{b.zip} {b.city}"], 10, 4.6)
    subject = rng.choice(
        [
            "Location de la salle des fêtes",
            "Cotisations saison",
            "Stand vide-grenier",
            "Prestation d'animation",
        ]
    )
    d.text(15, 90, f"Objet : {subject} {s.issued.year}", 10, True)
    cols = [
        Col("Désignation", 100),
        Col("Quantité", 22, "r"),
        Col("Prix unitaire", 29, "r"),
        Col("Total", 29, "r"),
    ]
    for it in s.items:  # no VAT: unit prices are the amounts charged
        it.rate = Decimal(0)
    t = data.totals(s.items)
    rows = [[it.desc[:50], qty(it.qty), s.money(it.price), s.money(it.net)] for it in s.items]
    y = d.table(15, 98, cols, rows, head_fill=0.92, grid=True)
    d.text(150, y + 6, "Total", 11, True, align="r")
    d.text(195, y + 6, s.money(t.gross), 11, True, align="r")
    d.text(15, y + 18, "TVA non applicable, art. 293 B du CGI.", 9)
    d.text(15, y + 24, f"Règlement par virement : IBAN {ids.group(se.iban)} - BIC {se.bic}", 9)
    d.text(15, y + 30, "Ou par chèque à l'ordre de l'association.", 9)
    d.text(105, 287, f"{se.name} - association loi 1901 - RNA W{ids.digits(rng, 9)}", 7, align="c")
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, vat=False, siret=True, bank=True)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_incl_tax", t.gross)
    return tr.values


def lago_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Lago's invoice PDF v4 (getlago/lago-api app/views/templates/invoices/v4.slim and config/locales fr/en/
    de/es/it/nl): 'Invoice' title and logo, a two-column reference table (invoice number, issue date, payment
    term), 'From' and 'Bill to' with legal number and tax id, the big '... due <date>' line, subscription
    fees with their billing period, 'Sub total (excl. tax) / Tax (20% on ...) / Sub total (incl. tax) /
    Credits / Total due', and 'Powered by lago'."""
    s = sale(rng, {"fr": 0.6, "en": 0.25, "de": 0.08, "nl": 0.07}, n=(1, 5), one_rate=True)
    d = Doc(path)
    se, b = s.seller, s.buyer
    prefix = "".join(c for c in se.name.upper() if c.isalpha())[:3]
    number = f"{prefix}-{rng.randint(1000, 9999):X}-{rng.randint(1, 999):03d}"
    L = {
        "fr": (
            "Facture",
            "Numéro de facture",
            "Date d'émission",
            "Conditions de paiement",
            "De",
            "Facturer à",
            "dû le",
            "Sous-total (HT)",
            "TVA",
            "Sous-total (TTC)",
            "Crédits",
            "Total dû",
            "jours",
        ),
        "en": (
            "Invoice",
            "Invoice number",
            "Issue date",
            "Payment term",
            "From",
            "Bill to",
            "due",
            "Sub total (excl. tax)",
            "Tax",
            "Sub total (incl. tax)",
            "Credits",
            "Total due",
            "days",
        ),
        "de": (
            "Rechnung",
            "Rechnungsnummer",
            "Ausstellungsdatum",
            "Zahlungsfrist",
            "Von",
            "Rechnung an",
            "fällig am",
            "Zwischensumme (exkl. Steuern)",
            "MwSt.",
            "Zwischensumme (inkl. Steuern)",
            "Gutschriften",
            "Fälliger Gesamtbetrag",
            "Tage",
        ),
        "nl": (
            "Factuur",
            "Factuurnummer",
            "Uitgiftedatum",
            "Betalingstermijn",
            "Van",
            "Factuur aan",
            "verschuldigd op",
            "Subtotaal (excl. btw)",
            "Btw",
            "Subtotaal (incl. btw)",
            "Tegoeden",
            "Totaal verschuldigd",
            "dagen",
        ),
    }[s.lang]
    style = {"fr": "long", "de": "long", "nl": "long"}.get(s.lang, "short-en")
    d.text(15, 25, L[0], 22, True)
    d.text(195, 25, se.name.split()[0], 14, True, align="r", grey=0.4)
    term = (s.due - s.issued).days
    d.pairs(
        15,
        60,
        38,
        [(L[1], number), (L[2], s.day(s.issued, style)), (L[3], f"{term} {L[12]}")],
        9,
        5,
        align="l",
    )
    vat = "N° TVA" if s.lang == "fr" else "Tax ID"
    d.text(15, 60, L[4], 9, True, grey=0.4)
    d.lines(15, 65, [se.name, se.street, f"{se.zip} {se.city}", se.email, f"{vat} {se.vat}"], 9, 4.3)
    d.text(110, 60, L[5], 9, True, grey=0.4)
    buyer_vat = bool(b.vat) and rng.random() < 0.6
    d.lines(
        110,
        65,
        [b.name, b.street, f"{b.zip} {b.city}", b.email] + ([f"{vat} {b.vat}"] if buyer_vat else []),
        9,
        4.3,
    )
    t = s.totals
    credits = (
        (t.gross * Decimal(rng.choice(["0.1", "0.2"]))).quantize(Decimal("0.01"))
        if rng.random() < 0.5
        else Decimal(0)
    )
    due = t.gross - credits
    d.text(15, 100, f"{s.money(due, symbol='before')} {L[6]} {s.day(s.due, style)}", 15, True)
    start = s.issued.replace(day=1) - timedelta(days=1)
    period = f"{s.day(start.replace(day=1))} - {s.day(start)}"
    cols = [
        Col({"fr": "Article", "de": "Artikel", "nl": "Artikel"}.get(s.lang, "Item"), 90),
        Col({"fr": "Unités", "de": "Einheiten", "nl": "Eenheden"}.get(s.lang, "Units"), 22, "r"),
        Col(
            {"fr": "Prix unitaire", "de": "Stückpreis", "nl": "Eenheidsprijs"}.get(s.lang, "Unit price"),
            26,
            "r",
        ),
        Col({"fr": "Taxes", "de": "Steuer", "nl": "Btw"}.get(s.lang, "Tax rate"), 16, "r"),
        Col({"fr": "Montant", "de": "Betrag", "nl": "Bedrag"}.get(s.lang, "Amount"), 26, "r"),
    ]
    rows = [
        [
            "Plan " + rng.choice(["Starter", "Premium", "Business"]) + f" · {period}",
            "1",
            s.money(s.items[0].price, symbol="before"),
            f"{rate_text(s.items[0].rate)}%",
            s.money(s.items[0].net, symbol="before"),
        ]
    ]
    rows += [
        [
            it.desc[:45],
            qty(it.qty),
            s.money(it.price, symbol="before"),
            f"{rate_text(it.rate)}%",
            s.money(it.net, symbol="before"),
        ]
        for it in s.items[1:]
    ]
    y = d.table(15, 112, cols, rows, head_fill=None)
    rate = rate_text(next(iter(t.taxes)))
    rows2 = [
        (L[7], s.money(t.net, symbol="before")),
        (
            f"{L[8]} ({rate}% {'sur' if s.lang == 'fr' else 'on'} {s.money(t.net, symbol='before')})",
            s.money(t.tax, symbol="before"),
        ),
        (L[9], s.money(t.gross, symbol="before")),
    ]
    if credits:
        rows2.append((L[10], s.money(-credits, symbol="before")))
    rows2.append((L[11], s.money(due, symbol="before")))
    d.rule(95, y + 2, 195)
    d.pairs(95, 195, y + 8, rows2, bold_last=True)
    d.text(15, 285, "Powered by lago", 7, grey=0.5)
    d.text(195, 285, f"{number} · {s.money(due, symbol='before')} {L[6]} {s.day(s.due, style)}", 7, align="r")
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se)
    tr.buyer(b, vat=buyer_vat)
    tr.amounts(t, s.currency)
    tr.money("amount_due", due)
    return tr.values


def killbill_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Kill Bill's HTML invoice template (killbill/killbill invoice/src/main/resources/org/killbill/billing/
    invoice/templates/HtmlInvoiceTemplate.mustache and the InvoiceTranslation bundles): company block left,
    'INVOICE' right with 'Invoice #', 'Invoice Date', 'Amount', 'Payments', 'Balance', the account name, items
    'Description / Service Period / Amount' and the balance at the foot."""
    s = sale(rng, {"en": 0.45, "fr": 0.4, "de": 0.15}, n=(1, 6), one_rate=True)
    d = Doc(path, letter=s.country == "US")
    se, b = s.seller, s.buyer
    number = str(rng.randint(100, 5000))
    L = {
        "en": (
            "INVOICE",
            "Invoice #",
            "Invoice Date",
            "Amount",
            "Payments",
            "Balance",
            "Description",
            "Service Period",
            "Tax",
            "Account",
        ),
        "fr": (
            "FACTURE",
            "Facture #",
            "Date de facture",
            "Montant",
            "Paiements",
            "Solde",
            "Description",
            "Période",
            "Taxe",
            "Compte",
        ),
        "de": (
            "RECHNUNG",
            "Rechnung #",
            "Rechnungsdatum",
            "Betrag",
            "Zahlungen",
            "Saldo",
            "Beschreibung",
            "Zeitraum",
            "Steuer",
            "Konto",
        ),
    }[s.lang]
    d.lines(15, 20, [se.name], 13, bold=True)
    d.lines(15, 26, [se.street, f"{se.zip} {se.city}", se.phone, se.web], 9, 4.3)
    d.text(195, 20, L[0], 24, True, align="r", grey=0.5)
    t = s.totals
    paid = t.gross if rng.random() < 0.4 else Decimal(0)
    sym = "code" if rng.random() < 0.5 else "before"
    d.pairs(
        130,
        195,
        34,
        [
            (L[1], number),
            (L[2], s.day(s.issued, "iso")),
            (L[3], s.money(t.gross, symbol=sym)),
            (L[4], s.money(paid, symbol=sym)),
            (L[5], s.money(t.gross - paid, symbol=sym)),
        ],
        9,
        5,
    )
    d.text(15, 62, f"{L[9]}:", 9, True)
    d.lines(15, 67, [b.name, b.street, f"{b.zip} {b.city}"], 9, 4.3)
    cols = [Col(L[6], 95), Col(L[7], 55), Col(L[3], 30, "r")]
    end = s.issued + timedelta(days=30)
    rows = [
        [
            f"{it.desc[:40]} ({rng.choice(['monthly', 'evergreen', 'pro'])})",
            f"{s.day(s.issued, 'iso')} - {s.day(end, 'iso')}",
            s.money(it.net, symbol=sym),
        ]
        for it in s.items
    ]
    rate = next(iter(t.taxes))
    rows.append([f"{L[8]} {rate_text(rate, False)}%", "", s.money(t.tax, symbol=sym)])
    y = d.table(15, 85, cols, rows, head_fill=0.85)
    d.rule(15, y, 195)
    d.pairs(
        130,
        195,
        y + 6,
        [(L[3], s.money(t.gross, symbol=sym)), (L[5], s.money(t.gross - paid, symbol=sym))],
        10,
        6,
        bold_last=True,
    )
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.text("seller_name", se.name)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_tax", t.tax)
    tr.money("total_incl_tax", t.gross)
    tr.money("amount_due", t.gross - paid)
    return tr.values


def siwapp_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Siwapp's default invoice print template (siwapp/siwapp-ror app/views/templates/print_default.html.erb
    and its Symfony ancestor's 'Template.html'): the seller in the header with its VAT id, 'INVOICE' and
    the series number 'ASET-22', 'Issued on / Due date', 'Bill to' with the customer's tax id, a
    'Description / Qty / Price / Disc. / Taxes / Total' table and 'Subtotal / Taxes / Total / Paid / Due'."""
    s = sale(rng, {"es": 0.3, "en": 0.2, "fr": 0.5}, n=(1, 10))
    d = Doc(path)
    se, b = s.seller, s.buyer
    series = rng.choice(["ASET", "FAC", "A", "WEB"])
    number = f"{series}-{rng.randint(1, 400)}"
    L = {
        "es": (
            "FACTURA",
            "Fecha de emisión",
            "Fecha de vencimiento",
            "Facturar a",
            "Descripción",
            "Cant.",
            "Precio",
            "Dto.",
            "Impuestos",
            "Total",
            "Subtotal",
            "Pagado",
            "Pendiente",
            "NIF",
        ),
        "en": (
            "INVOICE",
            "Issued on",
            "Due date",
            "Bill to",
            "Description",
            "Qty",
            "Price",
            "Disc.",
            "Taxes",
            "Total",
            "Subtotal",
            "Paid",
            "Due",
            "VAT ID",
        ),
        "fr": (
            "FACTURE",
            "Émise le",
            "Échéance",
            "Facturer à",
            "Description",
            "Qté",
            "Prix",
            "Rem.",
            "Taxes",
            "Total",
            "Sous-total",
            "Payé",
            "Dû",
            "N° TVA",
        ),
    }[s.lang]
    d.text(15, 22, se.name, 14, True)
    d.lines(15, 28, [se.street, f"{se.zip} {se.city}", f"{L[13]}: {se.vat}", se.email], 8.5, 4)
    d.text(195, 22, f"{L[0]} {number}", 16, True, align="r")
    d.pairs(140, 195, 30, [(L[1], s.day(s.issued)), (L[2], s.day(s.due))], 9, 5)
    d.text(15, 55, L[3], 9, True, grey=0.4)
    buyer_vat = bool(b.vat)
    d.lines(
        15,
        61,
        [b.name, f"{L[13]}: {b.vat}" if buyer_vat else b.contact, b.street, f"{b.zip} {b.city}"],
        9,
        4.3,
    )
    for it in s.items:
        it.discount = Decimal(rng.choice([0, 0, 0, 5, 10]))
    t = data.totals(s.items)
    cols = [
        Col(L[4], 80),
        Col(L[5], 15, "r"),
        Col(L[6], 25, "r"),
        Col(L[7], 15, "r"),
        Col(L[8], 20, "r"),
        Col(L[9], 25, "r"),
    ]
    tax_name = {"es": "IVA", "fr": "TVA"}.get(s.lang, "VAT")
    rows = [
        [
            it.desc[:42],
            qty(it.qty, s.lang != "en"),
            s.money(it.price),
            f"{it.discount}%" if it.discount else "",
            f"{tax_name} {rate_text(it.rate)}%",
            s.money(it.net),
        ]
        for it in s.items
    ]
    y = d.table(15, 85, cols, rows, head_fill=0.9, bottom=240)
    if y > 225:
        d.new_page()
        y = 25
    data.deposit(rng, t, 0.4)
    rows2 = [
        (L[10], s.money(t.net)),
        (L[8], s.money(t.tax)),
        (L[9], s.money(t.gross)),
        (L[11], s.money(t.paid)),
        (L[12], s.money(t.due)),
    ]
    d.pairs(130, 195, y + 8, rows2, 9.5, 5.5, bold_last=True)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se)
    tr.buyer(b, vat=buyer_vat)
    tr.amounts(t, s.currency, due=True)
    return tr.values


def invoiceninja_ledger(rng: random.Random, path: Path, design: str) -> dict[str, str]:
    """Invoice Ninja v5 designs 'calm' and 'tech' (invoiceninja/invoiceninja resources/views/pdf-designs/
    calm.html and tech.html, lang/fr_FR/texts.php): company name and details, the 'entity details' label
    block (Invoice Number, PO Number, Invoice Date, Due Date, Balance Due), client details, the product table
    'Item / Description / Unit Cost / Quantity / Line Total' and 'Subtotal / Tax / Total / Paid to Date /
    Balance Due'."""
    s = sale(rng, {"fr": 0.6, "en": 0.25, "de": 0.1, "es": 0.05}, n=(1, 12))
    d = Doc(path, letter=s.country == "US")
    se, b = s.seller, s.buyer
    number = f"{rng.randint(1, 2000):04d}" if rng.random() < 0.6 else f"INV-{rng.randint(1, 999):04d}"
    po = f"PO-{rng.randint(1000, 99999)}" if rng.random() < 0.5 else ""
    L = {
        "fr": (
            "Facture",
            "Numéro de facture",
            "Numéro de bon de commande",
            "Date de facture",
            "Date d'échéance",
            "Solde dû",
            "Article",
            "Description",
            "Prix unitaire",
            "Quantité",
            "Total de ligne",
            "Sous-total",
            "Taxe",
            "Total",
            "Payé à ce jour",
            "N° TVA",
        ),
        "en": (
            "Invoice",
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
            "Tax",
            "Total",
            "Paid to Date",
            "VAT Number",
        ),
        "de": (
            "Rechnung",
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
            "Steuer",
            "Gesamt",
            "Bereits gezahlt",
            "USt-IdNr.",
        ),
        "es": (
            "Factura",
            "Número de factura",
            "Número de orden de compra",
            "Fecha de factura",
            "Fecha de vencimiento",
            "Saldo pendiente",
            "Artículo",
            "Descripción",
            "Coste unitario",
            "Cantidad",
            "Total línea",
            "Subtotal",
            "Impuesto",
            "Total",
            "Pagado a la fecha",
            "NIF",
        ),
    }[s.lang]
    t = s.totals
    data.deposit(rng, t, 0.35)
    style = {"en": "M dd, Y" if s.country != "US" else "m/d/Y"}.get(
        s.lang, "d/m/Y" if s.lang != "de" else "d.m.Y"
    )
    refs = (
        [(L[1], number)]
        + ([(L[2], po)] if po else [])
        + [(L[3], s.day(s.issued, style)), (L[4], s.day(s.due, style)), (L[5], s.money(t.due))]
    )
    if design == "tech":
        d.box(0, 0, d.width_mm, 40, fill=0.2, stroke=False)
        d.text(15, 22, se.name, 18, True, grey=1)
        d.text(195, 22, L[0].upper(), 20, True, align="r", grey=1)
        d.lines(15, 50, [se.name, se.street, f"{se.zip} {se.city}", f"{L[15]}: {se.vat}", se.email], 8.5, 4)
        d.lines(80, 50, [b.name, b.street, f"{b.zip} {b.city}", b.email], 8.5, 4)
        y = d.pairs(135, 195, 50, refs, 8.5, 4.6) + 8
    else:
        d.text(15, 25, se.name, 20, True)
        d.lines(15, 32, [se.street, f"{se.zip} {se.city}", se.phone, f"{L[15]}: {se.vat}"], 8.5, 4)
        d.box(120, 18, 75, 6 + 5 * len(refs), fill=0.95)
        d.pairs(123, 192, 24, refs, 8.5, 5)
        d.text(15, 62, L[0], 16, True, grey=0.3)
        d.lines(15, 70, [b.name, b.street, f"{b.zip} {b.city}", b.contact], 9, 4.3)
        y = 95
    cols = [Col(L[6], 26), Col(L[7], 72), Col(L[8], 28, "r"), Col(L[9], 22, "r"), Col(L[10], 32, "r")]
    rows = [
        [it.ref, it.desc[:38], s.money(it.price), qty(it.qty, s.lang != "en"), s.money(it.net)]
        for it in s.items
    ]
    y = d.table(15, y, cols, rows, head_fill=0.9 if design == "calm" else 0.8, bottom=240)
    if y > 220:
        d.new_page()
        y = 25
    rows2 = [(L[11], s.money(t.net))]
    rows2 += [(f"{L[12]} {rate_text(r)}%", s.money(v)) for r, (_, v) in t.taxes.items()]
    rows2 += [(L[13], s.money(t.gross)), (L[14], s.money(t.paid)), (L[5], s.money(t.due))]
    d.pairs(125, 195, y + 8, rows2, 9, 5.2, bold_last=True)
    d.text(15, y + 12, f"IBAN {ids.group(se.iban)}  BIC {se.bic}", 8)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=True)
    tr.buyer(b)
    tr.amounts(t, s.currency, tax=len(t.taxes) == 1, due=True)
    tr.text("purchase_order", po)
    return tr.values


def invoiceninja_calm(rng: random.Random, path: Path) -> dict[str, str]:
    return invoiceninja_ledger(rng, path, "calm")


def invoiceninja_tech(rng: random.Random, path: Path) -> dict[str, str]:
    return invoiceninja_ledger(rng, path, "tech")
