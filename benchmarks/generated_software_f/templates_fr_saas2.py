"""Two more French online invoicing tools small businesses send from: Evoliz (with its deposit invoices on a
quote) and Tiime. Neither publishes a template: both are written from public sample invoices and help-page
screenshots, as said in each docstring."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import CENT, Line, rate_text, totals
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import customer_code, iban_text, make, po_number, qty_text

TEAL = (0.0, 0.45, 0.5)


def evoliz_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Evoliz (no public source: from its public sample invoices): seller at top-left, a right-hand box
    'FACTURE' (or 'FACTURE D'ACOMPTE') with 'N°', 'Date', 'Échéance', 'Code client'; buyer under it;
    'Objet' line naming the quote; the lines; a VAT recap at left and 'Total HT / TVA / Total TTC / Net à
    payer' at right. A deposit invoice bills a share of a quote in a single line 'Acompte de 30 % sur le
    devis D-2026-0012', the quote's amount being named in the 'Objet' line."""
    inv = make(rng, "fr", "FR", n_lines=(1, 9), date_style="d/m/Y")
    s, b = inv.seller, inv.buyer
    quote = f"D-{inv.issued.year}-{rng.randint(1, 400):04d}"
    deposit = rng.random() < 0.4
    base = inv.totals.net
    if deposit:
        share = Decimal(rng.choice([20, 30, 40, 50]))
        price = (base * share / 100).quantize(CENT, ROUND_HALF_UP)
        desc = f"Acompte de {share} % sur le devis {quote}"
        inv.items = [Line("ACOMPTE", desc, Decimal(1), "u", price, Decimal(20))]
        inv.totals = totals(inv.items)
    t = inv.totals
    number = f"{'FA' if not deposit else 'AC'}-{inv.issued:%Y%m}-{rng.randint(1, 999):04d}"
    d = Doc(path)
    d.text(15, 20, s.name, 13, bold=True, color=TEAL)
    d.lines(15, 26, [*s.address(), s.phone, s.email], 8.5)
    d.rect(120, 14, 75, 32)
    d.text(157.5, 21, "FACTURE D'ACOMPTE" if deposit else "FACTURE", 12, bold=True, align="c", color=TEAL)
    d.pairs(
        123,
        28,
        [
            ("N°", number),
            ("Date", inv.day(inv.issued)),
            ("Échéance", inv.day(inv.due)),
            ("Code client", customer_code(rng, "sage")),
        ],
        150,
        size=8,
        lead=4.2,
    )
    d.lines(123, 56, [b.name, *b.address("fr")], 9)
    po = po_number(rng) if rng.random() < 0.4 else ""
    d.text(
        15,
        80,
        f"Objet : Devis {quote}"
        + (f" d'un montant de {inv.money(base)} € HT" if deposit else "")
        + (f" - Votre réf. {po}" if po else ""),
        8.5,
    )
    cols = [
        Column("Désignation", 90),
        Column("Qté", 15, "r"),
        Column("PU HT", 25, "r"),
        Column("TVA", 15, "r"),
        Column("Total HT", 35, "r"),
    ]
    rows = [
        [it.desc, qty_text(it.qty), inv.money(it.price), f"{rate_text(it.rate)} %", inv.money(it.net)]
        for it in inv.items
    ]
    y = d.table(15, 90, cols, rows, head_fill=(0.88, 0.94, 0.95), grid=True)
    d.text(15, y + 6, "Taux    Base HT    Montant TVA", 7.5, bold=True)
    for i, (r, (base, tax)) in enumerate(t.taxes.items()):
        d.text(15, y + 10 + i * 4, f"{rate_text(r)} %    {inv.money(base)}    {inv.money(tax)}", 7.5)
    tot = [
        ("Total HT", inv.money(t.net)),
        ("TVA", inv.money(t.tax)),
        ("Total TTC", inv.money(t.gross)),
        ("Net à payer", f"{inv.money(t.due)} €"),
    ]
    d.pairs(135, y + 6, tot, 195, value_align="r", lead=5.2)
    d.lines(15, y + 30, ["Règlement par virement bancaire :", f"IBAN : {iban_text(s)}", f"BIC : {s.bic}"], 8)
    d.text(105, 284, f"{s.name} - SIRET {s.siret} - {s.rcs} - TVA {s.vat}", 6.5, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", due=True)
    tr.text("purchase_order", po)
    return tr.values


def tiime_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Tiime's invoice (no public source: from public sample invoices): a minimal page, 'Facture n° 42' top
    left, seller at top-right, 'Client' block, a line of 'Date d'émission', 'Date d'échéance' and 'Conditions
    de paiement', a light table, totals 'Total HT / TVA 20 % / Total TTC', and the seller's legal mentions
    with SIREN in the foot. Often a sole trader: 'TVA non applicable, art. 293 B du CGI' and no VAT."""
    franchise = rng.random() < 0.35
    inv = make(rng, "fr", "FR", n_lines=(1, 5), date_style=rng.choice(["d/m/Y", "long"]))
    s, b = inv.seller, inv.buyer
    if franchise:
        s.name = rng.choice(["Claire Martin", "Julien Moreau", "Sophie Laurent", "Hugo Bernard"])
        for it in inv.items:
            it.rate = Decimal(0)
        inv.totals = totals(inv.items)
    t = inv.totals
    number = str(rng.randint(1, 300))
    d = Doc(path)
    d.text(15, 22, f"Facture n° {number}", 18, bold=True)
    d.lines(195, 18, [s.name, *s.address(), s.email, f"SIREN {s.siren}"], 8.5, align="r")
    d.text(15, 50, "Client", 8, color=(0.45, 0.45, 0.45))
    d.lines(15, 55, [b.name, *b.address("fr")], 9)
    heads = [
        ("Date d'émission", inv.day(inv.issued)),
        ("Date d'échéance", inv.day(inv.due)),
        ("Conditions de paiement", f"{(inv.due - inv.issued).days} jours"),
    ]
    for i, (h, v) in enumerate(heads):
        d.text(15 + i * 55, 80, h, 7.5, color=(0.45, 0.45, 0.45))
        d.text(15 + i * 55, 85, v, 9)
    cols = [
        Column("Désignation", 100),
        Column("Quantité", 20, "r"),
        Column("Prix unitaire HT", 30, "r"),
        Column("Total HT", 30, "r"),
    ]
    rows = [
        [it.desc, qty_text(it.qty), f"{inv.money(it.price)} €", f"{inv.money(it.net)} €"] for it in inv.items
    ]
    y = d.table(15, 98, cols, rows, lead=7)
    if franchise:
        tot = [("Total HT", f"{inv.money(t.net)} €"), ("Total TTC", f"{inv.money(t.gross)} €")]
        d.text(15, y + 6, "TVA non applicable, art. 293 B du CGI", 8)
    else:
        tot = [("Total HT", f"{inv.money(t.net)} €")]
        tot += [(f"TVA {rate_text(r)} %", f"{inv.money(tax)} €") for r, (_, tax) in t.taxes.items()]
        tot.append(("Total TTC", f"{inv.money(t.gross)} €"))
    d.pairs(130, y + 6, tot, 195, value_align="r", lead=5.5)
    d.lines(
        15,
        268,
        [
            f"IBAN {iban_text(s)} - BIC {s.bic}",
            "En cas de retard de paiement, indemnité forfaitaire de 40 € pour frais de recouvrement.",
        ],
        7,
    )
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, vat=False, siren=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=not franchise and len(t.taxes) == 1)
    return tr.values
