"""French templates: Dolibarr oursin, Sage 100 Gestion commerciale, EBP Facturation, Cegid-style boxed header.

Each drawing is our own code reproducing where the real software puts its blocks and how it words its labels;
values are random.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import (
    Invoice,
    customer_code,
    fr_legal,
    iban_text,
    make,
    po_number,
    qty_text,
)

BLUE = (22 / 255, 137 / 255, 210 / 255)
GREY = (0.9, 0.9, 0.9)


def _item_rows(inv: Invoice, *, ref: bool = False, vat: bool = True) -> list[list[str]]:
    rows = []
    for it in inv.items:
        row = [it.ref] if ref else []
        row += [it.desc]
        if vat:
            row.append(rate_text(it.rate) + "%")
        row += [inv.money(it.price), qty_text(it.qty), inv.money(it.net)]
        rows.append(row)
    return rows


def dolibarr_oursin(rng: random.Random, path: Path) -> dict[str, str]:
    """Modelled on Dolibarr's legacy 'oursin' invoice model (Dolibarr/dolibarr,
    htdocs/core/modules/facture/doc/pdf_oursin.modules.php): sender unframed at left, recipient in a frame at
    right under 'Adressé à :', then at left the title 'Facture du <date>', 'Réf. facture : FA...' in blue,
    'Date d'échéance', 'Code client', and 'Montants exprimés en Euros' over the table; the page foot carries
    the legal line (form, capital, SIRET, NAF-APE, RCS, VAT number)."""
    inv = make(rng, "fr", "FR", n_lines=(2, 22), deposit=0.35)
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"FA{inv.issued:%y%m}-{rng.randint(1, 2400):04d}"
    deposit_invoice = f"AC{inv.issued:%y%m}-{rng.randint(1, 300):04d}"

    def page(d: Doc, n: int) -> None:
        d.text(105, 287, fr_legal(s, s.name.split()[-1]), 6.5, align="c")
        d.text(105, 290.5, f"{s.rcs} - Page {n}", 6.5, align="c")

    d = Doc(path, page)
    d.text(10, 14, s.name, 16, bold=True, color=(0, 0, 0.24))
    d.text(10, 33, s.name, 10, bold=True, color=(0, 0, 0.24))
    d.lines(10, 38, [*s.address(), f"Tél. : {s.phone}", f"Email : {s.email}"], 8.5)
    d.text(102, 28, "Adressé à :", 7.5)
    d.rect(100, 30, 100, 40)
    d.text(102, 35, b.name, 10, bold=True)
    d.lines(102, 40, b.address("fr", True), 9)
    d.text(10, 76, f"Facture du {inv.day(inv.issued)}", 12, bold=True)
    d.text(10, 81, f"Réf. facture : {number}", 9, bold=True, color=BLUE)
    d.text(10, 85, f"Date d'échéance : {inv.day(inv.due)}", 7.5)
    d.text(10, 88.5, f"Code client : {customer_code(rng, 'dolibarr')}", 7.5)
    po = po_number(rng) if rng.random() < 0.5 else ""
    if po:
        d.text(10, 92, f"Commande client {po} du {inv.day(inv.issued)}", 7.5)
    d.text(200, 96, "Montants exprimés en Euros", 7.5, align="r")
    cols = [
        Column("Désignation", 95),
        Column("TVA", 15, "r"),
        Column("P.U. HT", 27, "r"),
        Column("Qté", 15, "r"),
        Column("Total HT", 38, "r"),
    ]
    y = d.table(10, 104, cols, _item_rows(inv), bottom=230, top_next=30, grid=True)
    if y > 225:
        d.new_page()
        y = 40
    rows = [("Total HT", inv.money(t.net))]
    rows += [(f"Total TVA {rate_text(r)}%", inv.money(tax)) for r, (_, tax) in t.taxes.items()]
    rows.append(("Total TTC", inv.money(t.gross)))
    if t.paid:
        rows += [("Payé", inv.money(t.paid)), ("Reste à payer", inv.money(t.due))]
    d.pairs(120, y + 6, rows, 200, value_align="r")
    d.text(
        10,
        y + 6,
        "Conditions de règlement : À réception"
        if inv.due == inv.issued
        else "Conditions de règlement : 30 jours fin de mois",
        8,
    )
    d.text(10, y + 11, "Règlement par virement sur le compte bancaire suivant :", 8)
    d.text(10, y + 15, f"IBAN : {iban_text(s)}", 8)
    d.text(10, y + 19, f"BIC/SWIFT : {s.bic}", 8)
    if t.paid:
        d.text(10, y + 25, f"Acompte déjà facturé : {deposit_invoice}", 7.5)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1, due=bool(t.paid))
    tr.text("purchase_order", po)
    return tr.values


def sage100_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Modelled on the printed invoice of Sage 100 Gestion commerciale (no public source: written from
    published sample prints): a boxed strip under the letterhead with 'FACTURE', 'N° pièce', 'Date', 'Code
    client', 'Page'; buyer window at right; a VAT summary grid 'Code / Base HT / Taux / Montant TVA' next to
    the totals 'Total HT', 'Total TVA', 'Total TTC', 'Acompte', 'NET A PAYER'; 'Échéance(s)' line."""
    credit = rng.random() < 0.3  # an 'AVOIR' printed with positive amounts, as Sage does
    inv = make(rng, "fr", "FR", n_lines=(1, 4) if credit else (3, 25), deposit=0 if credit else 0.3)
    inv.date_style = rng.choice(["d/m/Y", "d.m.Y"])
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{'AV' if credit else 'FA'}{rng.randint(1, 99999):05d}"
    code = customer_code(rng, "sage")
    bl = f"BL{rng.randint(1, 99999):05d}"

    def page(d: Doc, n: int) -> None:
        d.text(15, 15, s.name.upper(), 14, bold=True)
        d.lines(15, 21, [*s.address(), f"Tél : {s.phone}"], 8.5)
        d.rect(15, 45, 95, 12)
        for i, (lab, val) in enumerate(
            [
                ("AVOIR" if credit else "FACTURE", ""),
                ("N° pièce", number),
                ("Date", inv.day(inv.issued)),
                ("Code client", code),
                ("Page", str(n)),
            ]
        ):
            d.text(17 + i * 19, 49, lab, 7, bold=i == 0)
            d.text(17 + i * 19, 54.5, val, 8)
        d.text(105, 284, f"{s.name} - {s.rcs} - Siret {s.siret} - N° TVA {s.vat}", 6.5, align="c")

    d = Doc(path, page)
    d.rect(115, 30, 80, 30, stroke=False, fill=None)
    d.text(120, 66, b.name, 10, bold=True)
    d.lines(120, 71, b.address("fr", True), 9)
    po = po_number(rng) if rng.random() < 0.6 else ""
    y = 90.0
    if credit:
        po = ""
        d.text(15, 86, f"Facture d'origine : FA{rng.randint(1, 99999):05d} - Retour marchandise", 8)
    elif po:
        d.text(15, 86, f"Votre commande : {po}   Notre BL : {bl}", 8)
    cols = [
        Column("Référence", 25),
        Column("Désignation", 75),
        Column("Qté", 15, "r"),
        Column("P.U. HT", 25, "r"),
        Column("Montant HT", 25, "r"),
        Column("TVA", 15, "c"),
    ]
    codes = {r: str(i + 1) for i, r in enumerate(t.taxes)}
    rows = [
        [it.ref, it.desc, qty_text(it.qty), inv.money(it.price), inv.money(it.net), codes[it.rate]]
        for it in inv.items
    ]
    y = d.table(15, y + 4, cols, rows, bottom=215, top_next=66, head_fill=GREY, grid=True)
    if y > 222:
        d.new_page()
        y = 70
    vat_rows = [
        Column("Code", 12, "c"),
        Column("Base HT", 25, "r"),
        Column("Taux", 15, "r"),
        Column("Montant TVA", 25, "r"),
    ]
    d.table(
        15,
        y + 6,
        vat_rows,
        [[codes[r], inv.money(base), rate_text(r), inv.money(tax)] for r, (base, tax) in t.taxes.items()],
        size=7.5,
        lead=4.5,
    )
    rows2 = [
        ("Total HT", inv.money(t.net)),
        ("Total TVA", inv.money(t.tax)),
        ("Total TTC", inv.money(t.gross)),
    ]
    if t.paid:
        rows2.append(("Acompte", inv.money(t.paid)))
    d.pairs(140, y + 6, rows2, 195, value_align="r")
    yy = y + 6 + len(rows2) * 4.6 + 2
    d.rect(138, yy - 4.5, 58, 7, fill=GREY)
    d.text(140, yy, "NET A DEDUIRE" if credit else "NET A PAYER", 9, bold=True)
    d.text(195, yy, f"{inv.money(t.due)} €", 9, bold=True, align="r")
    if not credit:
        d.text(15, yy + 8, f"Échéance(s) : {inv.day(inv.due)}  {inv.money(t.due)}  Virement", 8)
    d.text(15, yy + 12, f"Domiciliation : IBAN {iban_text(s)}  BIC {s.bic}", 8)
    d.text(
        15,
        yy + 17,
        "Pénalités de retard : 3 fois le taux d'intérêt légal. Indemnité forfaitaire : 40 €.",
        6.5,
    )
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    if not credit:
        tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.text("seller_name", s.name.upper())  # the letterhead prints it in capitals
    tr.buyer(b)
    tr.amounts(t, "EUR", due=not credit)
    tr.text("purchase_order", po)
    return tr.values


def ebp_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Modelled on EBP Gestion Commerciale / Facturation's default invoice print (no public source: written
    from public sample invoices): seller top-left with logo zone, 'Facture N° FA000123' top right with a small
    grid 'Date / Code client / Échéance / Mode de règlement', buyer under it, table 'Code / Description / Qté
    / PU HT / Rem. / Montant HT / TVA', totals 'Total HT / Total TVA / Total TTC / Net à payer'; foot: SIREN
    and RCS line."""
    inv = make(rng, "fr", "FR", n_lines=(1, 12), deposit=0.2)
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"FA{rng.randint(1, 999999):06d}"
    code = f"CL{rng.randint(1, 99999):05d}"
    d = Doc(path)
    d.text(15, 20, s.name, 13, bold=True)
    d.lines(15, 26, [*s.address(), s.phone, s.email, s.web], 8.5)
    d.text(195, 20, f"Facture N° {number}", 13, bold=True, align="r")
    grid = [
        ("Date", inv.day(inv.issued)),
        ("Code client", code),
        ("Échéance", inv.day(inv.due)),
        ("Mode de règlement", rng.choice(["Virement", "Chèque", "LCR"])),
    ]
    for i, (lab, val) in enumerate(grid):
        d.rect(110 + i * 21.5, 25, 21.5, 11)
        d.text(111 + i * 21.5, 29, lab, 6.5)
        d.text(111 + i * 21.5, 34, val, 7.5)
    d.text(112, 48, b.name, 10, bold=True)
    d.lines(112, 53, [f"À l'attention de {b.contact}", *b.address("fr")], 9)
    buyer_vat = rng.random() < 0.6
    if buyer_vat:
        d.text(112, 70, f"N° TVA intracommunautaire : {b.vat}", 8)
    cols = [
        Column("Code", 20),
        Column("Description", 72),
        Column("Qté", 13, "r"),
        Column("PU HT", 22, "r"),
        Column("Rem.", 12, "r"),
        Column("Montant HT", 25, "r"),
        Column("TVA", 16, "r"),
    ]
    rows = [
        [it.ref, it.desc, qty_text(it.qty), inv.money(it.price), "", inv.money(it.net), rate_text(it.rate)]
        for it in inv.items
    ]
    y = d.table(15, 82, cols, rows, head_fill=(0.2, 0.3, 0.5), head_color=(1, 1, 1), grid=True)
    rows2 = [
        ("Total HT", inv.money(t.net)),
        ("Total TVA", inv.money(t.tax)),
        ("Total TTC", inv.money(t.gross)),
    ]
    if t.paid:
        rows2.append(("Acompte versé", inv.money(t.paid)))
    rows2.append(("Net à payer", f"{inv.money(t.due)} €"))
    d.pairs(135, y + 8, rows2, 195, value_align="r", lead=5.5)
    d.text(15, y + 8, "Base HT      Taux     TVA", 7.5, bold=True)
    for i, (r, (base, tax)) in enumerate(t.taxes.items()):
        d.text(15, y + 12.5 + i * 4, f"{inv.money(base)}    {rate_text(r)} %    {inv.money(tax)}", 7.5)
    d.text(15, y + 30, f"Coordonnées bancaires : {iban_text(s)} - {s.bic}", 7.5)
    d.text(105, 284, f"{s.name} - SIREN {s.siren} - {s.rcs} - Capital {s.capital} €", 6.5, align="c")
    d.text(105, 287.5, f"TVA intracommunautaire {s.vat} - Code NAF {s.naf}", 6.5, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siren=True, bank=True)
    tr.buyer(b, vat=buyer_vat)
    tr.amounts(t, "EUR", due=True)
    return tr.values
