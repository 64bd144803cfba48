"""Online invoicing services used by small businesses in several languages: Zoho Invoice 'standard',
FreshBooks 'classic', Wave, Square Invoices and Shopify's Order Printer default invoice.

None of these publish their PDF template source; each is written from public sample invoices and template
galleries (said in each docstring). Labels follow each product's own French or English wording.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import Invoice, iban_text, make, po_number, qty_text

DARK = (0.2, 0.2, 0.2)
GREEN = (0.1, 0.5, 0.35)


def _cur(inv: Invoice, v: Decimal, fr: bool) -> str:
    return f"{inv.money(v)} {inv.symbol}" if fr else f"{inv.symbol}{inv.money(v)}"


def zoho_standard(rng: random.Random, path: Path) -> dict[str, str]:
    """Zoho Invoice 'Standard' template (from Zoho's public template gallery and sample PDFs): organisation at
    top-left, 'FACTURE'/'TAX INVOICE' with '# INV-000042' and a 'Solde dû'/'Balance Due' figure at top-right,
    'Facturer à'/'Bill To' at left with the dates, terms and P.O. at right, a dark table header '# / Article
    et description / Qté / Taux / Montant', then 'Sous-total', tax per rate, 'Total', 'Paiement effectué
    (-)', 'Solde dû'."""
    fr = rng.random() < 0.6
    country = "FR" if fr else rng.choice(["GB", "GB", "US"])
    inv = make(
        rng,
        "fr" if fr else "en",
        country,
        deposit=0.4,
        amount_style="fr" if fr else "en",
        date_style="d/m/Y" if fr else rng.choice(["d M Y", "M dd, Y"]),
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"INV-{rng.randint(1, 99999):06d}"
    L = (
        {
            "title": "FACTURE",
            "due": "Solde dû",
            "to": "Facturer à",
            "date": "Date de facture :",
            "terms": "Conditions :",
            "ddate": "Date d'échéance :",
            "po": "N° de commande :",
            "sub": "Sous-total",
            "tax": "TVA",
            "paid": "Paiement effectué",
            "item": "Article et description",
            "qty": "Qté",
            "rate": "Taux",
            "amt": "Montant",
            "term": f"Net {(inv.due - inv.issued).days}",
        }
        if fr
        else {
            "title": "TAX INVOICE" if country == "GB" else "INVOICE",
            "due": "Balance Due",
            "to": "Bill To",
            "date": "Invoice Date :",
            "terms": "Terms :",
            "ddate": "Due Date :",
            "po": "P.O.# :",
            "sub": "Sub Total",
            "tax": "VAT" if country == "GB" else "Tax",
            "paid": "Payment Made",
            "item": "Item & Description",
            "qty": "Qty",
            "rate": "Rate",
            "amt": "Amount",
            "term": f"Net {(inv.due - inv.issued).days}",
        }
    )
    d = Doc(path)
    d.text(15, 22, s.name, 11, bold=True)
    d.lines(15, 27, [*s.address(inv.lang, True), *([s.vat] if s.vat else [])], 8.5)
    d.text(195, 22, L["title"], 20, align="r")
    d.text(195, 29, f"# {number}", 9, bold=True, align="r")
    d.text(195, 38, L["due"], 8, align="r")
    d.text(195, 43, _cur(inv, t.due, fr), 11, bold=True, align="r")
    d.text(15, 60, L["to"], 8.5, color=(0.4, 0.4, 0.4))
    d.text(15, 65, b.name, 9, bold=True)
    d.lines(15, 70, b.address(inv.lang), 8.5)
    po = po_number(rng) if rng.random() < 0.5 else ""
    info = [(L["date"], inv.day(inv.issued)), (L["terms"], L["term"]), (L["ddate"], inv.day(inv.due))]
    if po:
        info.append((L["po"], po))
    d.pairs(120, 65, info, 195, size=8.5, value_align="r", lead=5)
    cols = [
        Column("#", 10),
        Column(L["item"], 95),
        Column(L["qty"], 20, "r"),
        Column(L["rate"], 25, "r"),
        Column(L["amt"], 30, "r"),
    ]
    rows = [
        [str(i + 1), it.desc, qty_text(it.qty, fr), inv.money(it.price), inv.money(it.net)]
        for i, it in enumerate(inv.items)
    ]
    y = d.table(15, 98, cols, rows, head_fill=DARK, head_color=(1, 1, 1), lead=7, grid=True)
    tot = [(L["sub"], inv.money(t.net))]
    tot += [(f"{L['tax']} ({rate_text(r, fr)}%)", inv.money(tax)) for r, (_, tax) in t.taxes.items()]
    tot.append(("Total", _cur(inv, t.gross, fr)))
    if t.paid:
        tot.append((f"{L['paid']} (-)", inv.money(t.paid)))
    y = d.pairs(125, y + 5, tot, 195, size=9, value_align="r", lead=5.5)
    d.rect(123, y - 3, 73, 7, fill=(0.93, 0.93, 0.93), stroke=False)
    d.text(125, y + 1.5, L["due"], 9, bold=True)
    d.text(195, y + 1.5, _cur(inv, t.due, fr), 9, bold=True, align="r")
    if s.iban:
        d.text(15, y + 14, f"IBAN: {iban_text(s)}  BIC: {s.bic}", 8)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, bank=bool(s.iban))
    tr.buyer(b)
    tr.amounts(t, inv.currency, tax=len(t.taxes) == 1, due=True)
    tr.text("purchase_order", po)
    return tr.values


def freshbooks_classic(rng: random.Random, path: Path) -> dict[str, str]:
    """FreshBooks invoice PDF, 'classic' style (from FreshBooks' public sample invoices): company block at
    top-right, 'Billed To'/'Facturé à' at left, 'Date of Issue', 'Invoice Number', 'Due Date' in a middle
    column and 'Amount Due (EUR)' large at right; table 'Description / Rate / Qty / Line Total'; 'Subtotal',
    'Tax', 'Total', 'Amount Paid', 'Amount Due (EUR)'."""
    fr = rng.random() < 0.5
    country = "FR" if fr else rng.choice(["GB", "US"])
    inv = make(
        rng,
        "fr" if fr else "en",
        country,
        deposit=0.35,
        amount_style="fr" if fr else "en",
        date_style="d/m/Y" if fr else "m/d/Y" if country == "US" else "d/m/Y",
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 9999):07d}"
    lab = (
        (
            "Facturé à",
            "Date d'émission",
            "Numéro de facture",
            "Date d'échéance",
            f"Montant dû ({inv.currency})",
            "Description",
            "Tarif",
            "Qté",
            "Total de la ligne",
            "Sous-total",
            "Taxe",
            "Montant payé",
        )
        if fr
        else (
            "Billed To",
            "Date of Issue",
            "Invoice Number",
            "Due Date",
            f"Amount Due ({inv.currency})",
            "Description",
            "Rate",
            "Qty",
            "Line Total",
            "Subtotal",
            "Tax",
            "Amount Paid",
        )
    )
    d = Doc(path)
    d.lines(
        195, 18, [s.name, *s.address(inv.lang, True), s.phone, *([s.vat] if s.vat else [])], 8.5, align="r"
    )
    d.text(15, 58, lab[0], 8, color=(0.45, 0.45, 0.45))
    d.lines(15, 63, [b.name, *b.address(inv.lang)], 8.5)
    d.text(75, 58, lab[1], 8, color=(0.45, 0.45, 0.45))
    d.text(75, 63, inv.day(inv.issued), 9)
    d.text(75, 70, lab[2], 8, color=(0.45, 0.45, 0.45))
    d.text(75, 75, number, 9)
    d.text(75, 82, lab[3], 8, color=(0.45, 0.45, 0.45))
    d.text(75, 87, inv.day(inv.due), 9)
    d.text(195, 58, lab[4], 8, align="r", color=(0.45, 0.45, 0.45))
    d.text(195, 68, _cur(inv, t.due, fr), 20, align="r", color=GREEN)
    d.hline(15, 195, 96, 1.2)
    cols = [Column(lab[5], 90), Column(lab[6], 30, "r"), Column(lab[7], 20, "r"), Column(lab[8], 40, "r")]
    rows = [
        [it.desc, _cur(inv, it.price, fr), qty_text(it.qty, fr), _cur(inv, it.net, fr)] for it in inv.items
    ]
    y = d.table(15, 103, cols, rows, lead=8)
    tot = [
        (lab[9], inv.money(t.net)),
        (lab[10], inv.money(t.tax)),
        ("Total", inv.money(t.gross)),
        (lab[11], inv.money(t.paid)),
    ]
    y = d.pairs(125, y + 6, tot, 195, value_align="r", lead=5.5)
    d.hline(125, 195, y - 2)
    d.text(125, y + 3, lab[4], 9, bold=True)
    d.text(195, y + 3, _cur(inv, t.due, fr), 9, bold=True, align="r")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s)
    tr.buyer(b)
    tr.amounts(t, inv.currency, due=True)
    return tr.values


def wave_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Wave invoice PDF (from Wave's public sample invoices, contemporary style): 'INVOICE' at top-right with
    the business under it, 'BILL TO' at left, 'Invoice Number:', 'P.O./S.O. Number:', 'Invoice Date:',
    'Payment Due:', 'Amount Due (USD):' at right; 'Items / Quantity / Price / Amount'; 'Subtotal', tax,
    'Total', a 'Payment on <date> using <method>:' line, and 'Amount Due (USD):'."""
    country = rng.choice(["US", "US", "GB"])
    inv = make(rng, "en", country, deposit=0.5, amount_style="en", date_style="long")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = str(rng.randint(1, 400))
    po = str(rng.randint(1000, 99999)) if rng.random() < 0.5 else ""
    d = Doc(path)
    d.text(195, 20, "INVOICE", 22, align="r")
    d.lines(195, 28, [s.name, *s.address("en", True), s.phone, s.web], 8.5, align="r")
    d.hline(15, 195, 58)
    d.text(15, 66, "BILL TO", 8, bold=True, color=(0.45, 0.45, 0.45))
    d.lines(15, 71, [b.name, b.contact, *b.address("en"), b.email], 8.5)
    info = [("Invoice Number:", number)]
    if po:
        info.append(("P.O./S.O. Number:", po))
    info += [
        ("Invoice Date:", inv.day(inv.issued)),
        ("Payment Due:", inv.day(inv.due)),
        (f"Amount Due ({inv.currency}):", f"{inv.symbol}{inv.money(t.due)}"),
    ]
    d.pairs(110, 66, info, 195, size=8.5, value_align="r", lead=5)
    cols = [
        Column("Items", 100),
        Column("Quantity", 25, "r"),
        Column("Price", 25, "r"),
        Column("Amount", 30, "r"),
    ]
    rows = [
        [
            it.desc,
            qty_text(it.qty, False),
            f"{inv.symbol}{inv.money(it.price)}",
            f"{inv.symbol}{inv.money(it.net)}",
        ]
        for it in inv.items
    ]
    y = d.table(15, 104, cols, rows, head_fill=(0.25, 0.3, 0.4), head_color=(1, 1, 1), lead=7)
    tot = [("Subtotal:", f"{inv.symbol}{inv.money(t.net)}")]
    if country == "GB":
        tot += [
            (f"VAT {rate_text(r, False)}%:", f"{inv.symbol}{inv.money(tax)}")
            for r, (_, tax) in t.taxes.items()
        ]
    tot.append(("Total:", f"{inv.symbol}{inv.money(t.gross)}"))
    if t.paid:
        paid_on = inv.day(inv.issued + (inv.due - inv.issued) // 2)
        tot.append((f"Payment on {paid_on} using bank payment:", f"{inv.symbol}{inv.money(t.paid)}"))
    y = d.pairs(110, y + 6, tot, 195, value_align="r", lead=5.5)
    d.text(110, y + 3, f"Amount Due ({inv.currency}):", 9, bold=True)
    d.text(195, y + 3, f"{inv.symbol}{inv.money(t.due)}", 9, bold=True, align="r")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.text("seller_name", s.name)
    tr.buyer(b)
    tr.amounts(t, inv.currency, tax=country == "GB", due=True)
    tr.text("purchase_order", po)
    return tr.values


def square_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Square Invoices PDF (from Square's public sample invoices): business name top-left, 'Invoice #000123'
    or 'Facture n° 000123', 'Amount due' big with the due date, 'Billed to' and dates in columns, a plain
    line table, 'Subtotal', tax, 'Total', 'Amount paid', 'Amount due'."""
    fr = rng.random() < 0.55
    country = "FR" if fr else rng.choice(["GB", "US"])
    inv = make(
        rng,
        "fr" if fr else "en",
        country,
        n_lines=(1, 5),
        deposit=0.4,
        amount_style="fr" if fr else "en",
        date_style="long",
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 9999):06d}"
    lab = (
        (
            "Facture n°",
            "Montant dû",
            "Facturé à",
            "Date de facturation",
            "Date d'échéance",
            "Article",
            "Qté",
            "Prix",
            "Montant",
            "Sous-total",
            "TVA",
            "Montant payé",
        )
        if fr
        else (
            "Invoice #",
            "Amount due",
            "Billed to",
            "Invoice date",
            "Due date",
            "Item",
            "Qty",
            "Price",
            "Amount",
            "Subtotal",
            "Tax",
            "Amount paid",
        )
    )
    d = Doc(path)
    d.text(15, 20, s.name, 13, bold=True)
    d.text(15, 26, f"{s.email} · {s.phone}", 8)
    d.text(15, 40, f"{lab[0]} {number}", 16)
    d.text(15, 50, lab[1], 8, color=(0.45, 0.45, 0.45))
    d.text(15, 58, _cur(inv, t.due, fr), 18, bold=True)
    d.text(15, 70, lab[2], 8, color=(0.45, 0.45, 0.45))
    d.lines(15, 75, [b.name, *b.address(inv.lang)], 8.5)
    d.pairs(110, 70, [(lab[3], inv.day(inv.issued)), (lab[4], inv.day(inv.due))], 150, size=8.5)
    cols = [Column(lab[5], 100), Column(lab[6], 20, "r"), Column(lab[7], 30, "r"), Column(lab[8], 30, "r")]
    rows = [
        [it.desc, qty_text(it.qty, fr), _cur(inv, it.price, fr), _cur(inv, it.net, fr)] for it in inv.items
    ]
    y = d.table(15, 98, cols, rows, lead=8, grid=True)
    tot = [(lab[9], _cur(inv, t.net, fr)), (lab[10], _cur(inv, t.tax, fr)), ("Total", _cur(inv, t.gross, fr))]
    if t.paid:
        tot.append((lab[11], _cur(inv, t.paid, fr)))
    tot.append((lab[1], _cur(inv, t.due, fr)))
    d.pairs(120, y + 6, tot, 195, value_align="r", lead=5.5)
    d.text(105, 285, f"{s.name} · {' '.join(s.address(inv.lang))}", 7, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.text("seller_name", s.name)
    tr.buyer(b)
    tr.amounts(t, inv.currency, due=True)
    return tr.values


def shopify_order_printer(rng: random.Random, path: Path) -> dict[str, str]:
    """Shopify 'Order Printer' default invoice template (Liquid, from Shopify's public help pages): shop
    name and address at the top, 'Facture'/'Invoice' with the order name '#1042' and date, 'Facturer
    à'/'Bill to' and 'Expédier à'/'Ship to' side by side, 'Quantité / Article / Prix', then 'Sous-total',
    'Livraison', 'Taxes (incluses)', 'Total'. Prices include VAT, so no net total is printed."""
    fr = rng.random() < 0.6
    inv = make(
        rng,
        "fr" if fr else "en",
        "FR" if fr else "GB",
        n_lines=(1, 8),
        amount_style="fr" if fr else "en",
        date_style="long",
        person_buyer=0.8,
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"#{rng.randint(1001, 9999)}"
    lab = (
        (
            "Facture",
            "Date",
            "Facturer à",
            "Expédier à",
            "Quantité",
            "Article",
            "Prix",
            "Sous-total",
            "Livraison",
            "Taxes incluses",
        )
        if fr
        else (
            "Invoice",
            "Date",
            "Bill to",
            "Ship to",
            "Quantity",
            "Item",
            "Price",
            "Subtotal",
            "Shipping",
            "Includes tax",
        )
    )
    d = Doc(path)
    d.text(15, 20, s.name, 14, bold=True)
    d.lines(15, 26, s.address(inv.lang, True), 8.5)
    d.text(195, 20, f"{lab[0]} {number}", 14, align="r")
    d.text(195, 26, f"{lab[1]} : {inv.day(inv.issued)}", 8.5, align="r")
    d.text(15, 50, lab[2], 9, bold=True)
    d.lines(15, 55, [b.name, *b.address(inv.lang)], 8.5)
    d.text(110, 50, lab[3], 9, bold=True)
    d.lines(110, 55, [b.name, *b.address(inv.lang)], 8.5)
    rows = [
        [qty_text(it.qty, fr), it.desc, _cur(inv, it.net + it.net * it.rate / 100, fr)] for it in inv.items
    ]
    cols = [Column(lab[4], 25), Column(lab[5], 120), Column(lab[6], 35, "r")]
    y = d.table(15, 80, cols, rows, lead=6.5, grid=True)
    shipping = Decimal(0)
    tot = [
        (lab[7], _cur(inv, t.gross, fr)),
        (lab[8], _cur(inv, shipping, fr)),
        (lab[9], _cur(inv, t.tax, fr)),
        ("Total", _cur(inv, t.gross, fr)),
    ]
    d.pairs(125, y + 6, tot, 195, value_align="r", lead=5.5)
    d.text(15, 280, s.web, 8)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.text("seller_name", s.name)
    tr.buyer(b)
    tr.amounts(t, inv.currency, net=False)
    return tr.values
