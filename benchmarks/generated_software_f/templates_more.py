"""Two more page structures: a Cegid-style French print with its totals in one horizontal strip, and
Invoice Ninja v5 'hipster' with its labels in a left-ruled column."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import (
    customer_code,
    fr_legal,
    iban_text,
    make,
    po_number,
    qty_text,
)


def cegid_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Cegid Business / Loop-style French invoice print (no public source: written from public descriptions
    and sample prints): a title band 'FACTURE N° 26010042 du 12/01/2026' across the page, 'Client' code and
    'Représentant' under the seller, buyer address at right, lines 'Article / Désignation / Qté / Unité / PU
    Net / Montant HT / Code TVA', and the totals in one horizontal strip 'Total brut HT / Remise / Total HT /
    Total TVA / Total TTC / Acompte / Net à payer', with the due date table under it."""
    inv = make(rng, "fr", "FR", n_lines=(2, 20), deposit=0.3, date_style="d/m/Y")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{inv.issued:%y%m}{rng.randint(1, 9999):04d}"

    def page(d: Doc, n: int) -> None:
        d.rect(15, 10, 180, 9, fill=(0.85, 0.88, 0.92), stroke=False)
        d.text(18, 16, f"FACTURE N° {number} du {inv.day(inv.issued)}", 11, bold=True)
        d.text(192, 16, f"Page {n}", 8, align="r")
        d.text(105, 287, fr_legal(s, s.name.split()[-1]), 6.5, align="c")

    d = Doc(path, page)
    d.text(15, 28, s.name, 12, bold=True)
    d.lines(15, 33, [*s.address(), f"Tél. {s.phone}", s.email], 8.5)
    po = po_number(rng) if rng.random() < 0.5 else ""
    info = [("Client", customer_code(rng, "sage")), ("Représentant", s.contact)]
    if po:
        info.append(("Réf. commande client", po))
    d.pairs(15, 60, info, 50, size=8)
    d.rect(112, 28, 83, 32)
    d.lines(115, 34, [b.name, *b.address("fr", True)], 9)
    buyer_vat = rng.random() < 0.5
    if buyer_vat:
        d.text(115, 56, f"TVA intracom. : {b.vat}", 8)
    codes = {r: str(i + 1) for i, r in enumerate(t.taxes)}
    cols = [
        Column("Article", 22),
        Column("Désignation", 68),
        Column("Qté", 14, "r"),
        Column("Unité", 14),
        Column("PU Net", 22, "r"),
        Column("Montant HT", 25, "r"),
        Column("Code TVA", 15, "c"),
    ]
    rows = [
        [it.ref, it.desc, qty_text(it.qty), it.unit, inv.money(it.price), inv.money(it.net), codes[it.rate]]
        for it in inv.items
    ]
    y = d.table(15, 80, cols, rows, bottom=230, top_next=30, grid=True)
    if y > 232:
        d.new_page()
        y = 30
    heads = ["Total brut HT", "Remise", "Total HT", "Total TVA", "Total TTC", "Acompte", "Net à payer"]
    vals = [t.net, t.net - t.net, t.net, t.tax, t.gross, t.paid, t.due]
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        d.rect(15 + i * 25.7, y + 4, 25.7, 12)
        d.text(16.5 + i * 25.7, y + 8, h, 6.5, bold=i == 6)
        d.text(39.5 + i * 25.7, y + 13.5, inv.money(v), 8, bold=i == 6, align="r")
    y += 22
    d.text(15, y, "Code   Base HT      Taux    Montant TVA", 7, bold=True)
    for i, (r, (base, tax)) in enumerate(t.taxes.items()):
        d.text(
            15,
            y + 4 + i * 3.8,
            f"{codes[r]}      {inv.money(base)}    {rate_text(r)} %    {inv.money(tax)}",
            7,
        )
    d.pairs(
        115,
        y,
        [
            ("Échéance", inv.day(inv.due)),
            ("Mode de règlement", "Virement"),
            ("IBAN", iban_text(s)),
            ("BIC", s.bic),
        ],
        145,
        size=7.5,
        lead=4,
    )
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b, vat=buyer_vat)
    tr.amounts(t, "EUR", due=True)
    tr.text("purchase_order", po)
    return tr.values


def invoiceninja_hipster(rng: random.Random, path: Path) -> dict[str, str]:
    """Invoice Ninja v5 'hipster' design (invoiceninja/invoiceninja, app/Services/PdfMaker/Designs/Hipster.php
    and Designs/html/hipster.html): company details and address in two columns each behind an orange left
    rule, 'FROM:'/'TO:' captions, the entity title large with its details beside it, a table with an
    uppercase header, and the 'BALANCE DUE' on an orange band."""
    fr = rng.random() < 0.5
    country = "FR" if fr else rng.choice(["GB", "US"])
    inv = make(
        rng,
        "fr" if fr else "en",
        country,
        deposit=0.3,
        amount_style="fr" if fr else "en",
        date_style="d/m/Y" if fr else "short-en",
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"INV-{rng.randint(1, 9999):04d}"
    orange = (0.95, 0.6, 0.2)
    lab = (
        (
            "DE :",
            "À :",
            "FACTURE",
            "Numéro",
            "Date",
            "Échéance",
            "DESCRIPTION",
            "QTÉ",
            "PRIX",
            "TOTAL",
            "Sous-total",
            "TVA",
            "Total",
            "Payé",
            "SOLDE DÛ",
        )
        if fr
        else (
            "FROM:",
            "TO:",
            "INVOICE",
            "Invoice Number",
            "Invoice Date",
            "Due Date",
            "DESCRIPTION",
            "QTY",
            "PRICE",
            "TOTAL",
            "Subtotal",
            "Tax",
            "Total",
            "Paid to Date",
            "BALANCE DUE",
        )
    )

    def money(v: Decimal) -> str:
        return f"{inv.money(v)} {inv.symbol}" if fr else f"{inv.symbol}{inv.money(v)}"

    d = Doc(path)
    for x, rows in ((15, [s.name, s.email, s.phone]), (80, s.address(inv.lang, True))):
        d.rect(x, 14, 1.2, 18, fill=orange, stroke=False)
        d.lines(x + 4, 18, rows, 8.5)
    d.text(15, 45, lab[0], 8, bold=True, color=orange)
    d.text(15, 50, s.name, 9)
    d.text(80, 45, lab[1], 8, bold=True, color=orange)
    d.lines(80, 50, [b.name, *b.address(inv.lang)], 9)
    d.text(15, 80, lab[2], 24, bold=True)
    d.pairs(
        80, 74, [(lab[3], number), (lab[4], inv.day(inv.issued)), (lab[5], inv.day(inv.due))], 120, size=8.5
    )
    cols = [Column(lab[6], 100), Column(lab[7], 20, "r"), Column(lab[8], 30, "r"), Column(lab[9], 30, "r")]
    items = [[it.desc, qty_text(it.qty, fr), money(it.price), money(it.net)] for it in inv.items]
    y = d.table(15, 100, cols, items, lead=8)
    tot = [
        (lab[10], money(t.net)),
        *((f"{lab[11]} {rate_text(r, fr)}%", money(tax)) for r, (_, tax) in t.taxes.items()),
        (lab[12], money(t.gross)),
    ]
    if t.paid:
        tot.append((lab[13], money(t.paid)))
    y = d.pairs(120, y + 6, tot, 195, value_align="r", lead=5.5)
    d.rect(115, y - 2, 82, 9, fill=orange, stroke=False)
    d.text(120, y + 4, lab[14], 10, bold=True, color=(1, 1, 1))
    d.text(195, y + 4, money(t.due), 10, bold=True, color=(1, 1, 1), align="r")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.text("seller_name", s.name)
    tr.buyer(b)
    tr.amounts(t, inv.currency, tax=len(t.taxes) == 1, due=True)
    return tr.values
