"""French online invoicing services: Pennylane, Qonto, Sellsy, Axonaut, and Invoice Ninja v5 'business'.

The SaaS products publish no template source: these are written from their public sample invoices and help
pages (said in each docstring); the Invoice Ninja one is modelled on its open design code.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import (
    Invoice,
    customer_code,
    iban_text,
    make,
    po_number,
    qty_text,
)

PURPLE = (0.36, 0.25, 0.85)
NAVY = (0.12, 0.23, 0.54)


def _rows(inv: Invoice, unit: bool = False) -> list[list[str]]:
    out = []
    for it in inv.items:
        qty = f"{qty_text(it.qty)} {it.unit}" if unit else qty_text(it.qty)
        out.append([it.desc, qty, inv.money(it.price), f"{rate_text(it.rate)} %", inv.money(it.net)])
    return out


def _vat_lines(inv: Invoice, label: str = "TVA") -> list[tuple[str, str]]:
    return [(f"{label} {rate_text(r)} %", inv.money(tax)) for r, (_, tax) in inv.totals.taxes.items()]


def pennylane_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Pennylane's invoicing module (no public source: from its public sample PDFs): logo and seller top-left,
    'Facture' with 'Numéro', 'Date d'émission', 'Date d'échéance' top-right, 'Émetteur' and 'Destinataire'
    columns, a table with 'Prix unitaire HT' and 'TVA', totals per VAT rate then 'Total TTC', payment details
    with IBAN/BIC, and the legal mentions (SIREN, capital, late penalties) in the foot."""
    inv = make(rng, "fr", "FR", n_lines=(1, 9), amount_style="fr")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"F-{inv.issued.year}-{rng.randint(1, 999):03d}"
    d = Doc(path)
    d.text(15, 22, s.name, 14, bold=True, color=PURPLE)
    d.text(195, 20, "Facture", 18, bold=True, align="r")
    d.pairs(
        130,
        28,
        [("Numéro", number), ("Date d'émission", inv.day(inv.issued)), ("Date d'échéance", inv.day(inv.due))],
        195,
        value_align="r",
    )
    d.text(15, 50, "Émetteur", 8, bold=True, color=(0.4, 0.4, 0.4))
    d.lines(15, 55, [s.name, *s.address(), s.email, f"SIREN : {s.siren}", f"TVA : {s.vat}"], 8.5)
    d.text(110, 50, "Destinataire", 8, bold=True, color=(0.4, 0.4, 0.4))
    with_vat = bool(b.vat) and rng.random() < 0.7
    d.lines(110, 55, [b.name, *b.address("fr"), *([f"TVA : {b.vat}"] if with_vat else [])], 8.5)
    cols = [
        Column("Description", 85),
        Column("Qté", 20, "r"),
        Column("Prix unitaire HT", 30, "r"),
        Column("TVA", 15, "r"),
        Column("Montant HT", 30, "r"),
    ]
    y = d.table(15, 92, cols, _rows(inv, unit=True), size=8.5, grid=True)
    rows = [("Total HT", f"{inv.money(t.net)} €"), *_vat_lines(inv), ("Total TTC", f"{inv.money(t.gross)} €")]
    d.pairs(130, y + 6, rows, 195, value_align="r", lead=5)
    y = y + 8 + len(rows) * 5
    d.text(15, y + 4, "Paiement", 9, bold=True)
    d.lines(
        15,
        y + 9,
        [f"Par virement : IBAN {iban_text(s)} - BIC {s.bic}", f"Référence à indiquer : {number}"],
        8,
    )
    d.lines(
        15,
        270,
        [
            "Pénalités de retard : 3 fois le taux d'intérêt légal. Indemnité forfaitaire pour frais de "
            "recouvrement : 40 €. Pas d'escompte pour paiement anticipé.",
            f"{s.name}, {s.name.split()[-1]} au capital de {s.capital} €, {s.rcs}",
        ],
        6.5,
    )
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siren=True, bank=True)
    tr.buyer(b, vat=with_vat)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1)
    return tr.values


def qonto_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Qonto's invoicing (no public source: from its published example invoice): 'Facture' top-left with the
    number under it, seller and 'Facturé à' side by side, dates in a row ('Date d'émission', 'Date
    d'échéance'), table 'Description / Qté / Prix unitaire / TVA / Total HT', totals, and a 'Détails du
    paiement' box (Bénéficiaire, IBAN, BIC, Référence) at the bottom."""
    inv = make(rng, "fr", "FR", n_lines=(1, 6), amount_style="fr", date_style=rng.choice(["d/m/Y", "long"]))
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.choice(['F', 'FAC', ''])}{inv.issued.year}{rng.randint(1, 999):03d}"
    d = Doc(path)
    d.text(15, 22, "Facture", 20, bold=True)
    d.text(15, 29, number, 10, color=(0.4, 0.4, 0.4))
    d.text(15, 42, s.name, 9, bold=True)
    d.lines(15, 47, [*s.address(), s.email, f"N° TVA : {s.vat}", f"SIRET : {s.siret}"], 8.5)
    d.text(110, 42, "Facturé à", 8, color=(0.4, 0.4, 0.4))
    d.text(110, 47, b.name, 9, bold=True)
    d.lines(110, 52, b.address("fr"), 8.5)
    d.text(15, 80, "Date d'émission", 8, color=(0.4, 0.4, 0.4))
    d.text(15, 85, inv.day(inv.issued), 9)
    d.text(65, 80, "Date d'échéance", 8, color=(0.4, 0.4, 0.4))
    d.text(65, 85, inv.day(inv.due), 9)
    cols = [
        Column("Description", 85),
        Column("Qté", 18, "r"),
        Column("Prix unitaire", 27, "r"),
        Column("TVA", 15, "r"),
        Column("Total HT", 35, "r"),
    ]
    y = d.table(15, 98, cols, _rows(inv), size=8.5)
    d.hline(15, 195, y)
    rows = [("Total HT", f"{inv.money(t.net)} €"), *_vat_lines(inv), ("Total TTC", f"{inv.money(t.gross)} €")]
    y = d.pairs(125, y + 6, rows, 195, value_align="r", lead=5)
    d.rect(15, y + 6, 180, 26, fill=(0.96, 0.96, 0.97), stroke=False)
    d.text(18, y + 12, "Détails du paiement", 9, bold=True)
    d.pairs(
        18, y + 17, [("Bénéficiaire", s.name), ("IBAN", iban_text(s)), ("BIC", s.bic)], 50, size=8, lead=4.2
    )
    d.text(15, 285, f"{s.name} - {s.rcs}", 6.5)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1)
    return tr.values


def sellsy_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Sellsy (no public source: from public sample invoices): seller block top-left, buyer in a window at
    right, a banner 'FACTURE N° F-2026-00042' with 'Date', 'Échéance', 'Réf. client', 'Votre contact', then
    the lines, 'Total HT', 'Remise', 'Total net HT', per-rate 'TVA', 'Total TTC', 'Montant réglé' and 'Net à
    payer'; the foot repeats capital, RCS, SIRET, APE and VAT number."""
    inv = make(rng, "fr", "FR", n_lines=(2, 16), deposit=0.4, date_style="d/m/Y")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"F-{inv.issued.year}-{rng.randint(1, 9999):05d}"

    def page(d: Doc, n: int) -> None:
        d.text(
            105, 283, f"{s.name} - {s.name.split()[-1]} au capital de {s.capital} € - {s.rcs}", 6.5, align="c"
        )
        d.text(105, 286.5, f"SIRET {s.siret} - APE {s.naf} - TVA {s.vat} - Page {n}", 6.5, align="c")

    d = Doc(path, page)
    d.text(15, 20, s.name, 12, bold=True)
    d.lines(15, 25, [*s.address(), f"Tél. {s.phone}", s.web], 8.5)
    d.text(115, 45, b.name, 10, bold=True)
    d.lines(115, 50, [b.contact, *b.address("fr")], 9)
    d.rect(15, 70, 180, 8, fill=NAVY, stroke=False)
    d.text(18, 75.5, f"FACTURE N° {number}", 11, bold=True, color=(1, 1, 1))
    po = po_number(rng) if rng.random() < 0.5 else ""
    info = [
        ("Date", inv.day(inv.issued)),
        ("Échéance", inv.day(inv.due)),
        ("Réf. client", customer_code(rng, "plain")),
        ("Votre contact", s.contact),
    ]
    if po:
        info.append(("Réf. commande client", po))
    y = d.pairs(15, 85, info, 55, size=8.5, lead=4.4)
    cols = [
        Column("Désignation", 85),
        Column("Qté", 20, "r"),
        Column("P.U. HT", 27, "r"),
        Column("TVA", 15, "r"),
        Column("Total HT", 33, "r"),
    ]
    y = d.table(15, y + 5, cols, _rows(inv, unit=True), bottom=225, top_next=30, head_fill=(0.9, 0.92, 0.96))
    if y > 222:
        d.new_page()
        y = 30
    rows = [
        ("Total HT", inv.money(t.net)),
        ("Remise", inv.money(t.net - t.net)),
        ("Total net HT", inv.money(t.net)),
        *_vat_lines(inv),
        ("Total TTC", inv.money(t.gross)),
    ]
    if t.paid:
        rows.append(("Montant réglé", inv.money(t.paid)))
    rows.append(("Net à payer", f"{inv.money(t.due)} €"))
    d.pairs(130, y + 6, rows, 195, value_align="r", lead=4.8)
    d.lines(
        15, y + 6, ["Mode de règlement : virement bancaire", f"IBAN : {iban_text(s)}", f"BIC : {s.bic}"], 8
    )
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1, due=True)
    tr.text("purchase_order", po)
    return tr.values


def axonaut_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Axonaut (no public source: from public sample invoices): title 'Facture FAC-00123' centred under the
    header, 'Date de facturation' / 'Date d'échéance' / 'Client' grid, 'Adresse de facturation', lines with
    'Réf.', totals with 'Acompte' and 'Reste à payer', then 'Conditions de paiement'."""
    inv = make(rng, "fr", "FR", n_lines=(1, 10), deposit=0.3, date_style=rng.choice(["d/m/Y", "d-m-Y"]))
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"FAC-{rng.randint(1, 99999):05d}"
    d = Doc(path)
    d.text(15, 18, s.name, 12, bold=True)
    d.lines(15, 23, [*s.address(), s.phone], 8)
    d.lines(195, 18, [f"SIRET : {s.siret}", f"TVA : {s.vat}"], 8, align="r")
    d.text(105, 50, f"Facture {number}", 16, bold=True, align="c")
    d.pairs(
        15,
        62,
        [
            ("Date de facturation", inv.day(inv.issued)),
            ("Date d'échéance", inv.day(inv.due)),
            ("N° client", customer_code(rng, "plain")),
        ],
        55,
        size=8.5,
    )
    d.text(115, 62, "Adresse de facturation", 8, bold=True)
    d.lines(115, 67, [b.name, *b.address("fr")], 8.5)
    cols = [
        Column("Réf.", 22),
        Column("Désignation", 70),
        Column("Qté", 15, "r"),
        Column("PU HT", 25, "r"),
        Column("TVA", 15, "r"),
        Column("Total HT", 33, "r"),
    ]
    rows = [[it.ref, *row] for it, row in zip(inv.items, _rows(inv), strict=True)]
    y = d.table(15, 92, cols, rows, grid=True)
    rows2 = [
        ("Total HT", inv.money(t.net)),
        ("TVA", inv.money(t.tax)),
        ("Total TTC", f"{inv.money(t.gross)} €"),
    ]
    if t.paid:
        rows2 += [("Acompte", f"- {inv.money(t.paid)}"), ("Reste à payer", inv.money(t.due))]
    d.pairs(135, y + 6, rows2, 195, value_align="r", lead=5)
    d.lines(15, y + 6, ["Conditions de paiement : 30 jours", f"IBAN {iban_text(s)}", f"BIC {s.bic}"], 8)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", due=bool(t.paid))
    return tr.values


def invoiceninja_business(rng: random.Random, path: Path) -> dict[str, str]:
    """Invoice Ninja v5 'business' design (invoiceninja/invoiceninja,
    app/Services/PdfMaker/Designs/Business.php and resources/views/pdf-designs/business.html): company
    details and address at top, client details left and the entity details table right, a dark blue table
    header, and a footer of 'Sous-total', 'Acompte', 'Montant total', then 'Solde dû' in large blue. French
    labels as the French translation prints them; amounts with the euro sign after."""
    lang = rng.choice(["fr", "fr", "en"])
    inv = make(rng, lang, "FR", n_lines=(1, 7), deposit=0.4, amount_style="fr" if lang == "fr" else "en")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 9999):04d}"
    fr = lang == "fr"
    d = Doc(path)
    d.lines(15, 18, [s.name, s.email, s.phone, f"{'N° TVA' if fr else 'VAT Number'}: {s.vat}"], 8.5)
    d.lines(80, 18, s.address(), 8.5)
    d.text(15, 55, b.name, 11, bold=True, color=NAVY)
    d.lines(15, 60, [*b.address(lang, True), b.email], 8.5)
    labels = (
        ("Numéro de facture", "Date de facture", "Date d'échéance", "Solde dû")
        if fr
        else ("Invoice Number", "Invoice Date", "Due Date", "Balance Due")
    )

    def money(v: Decimal) -> str:
        return f"{inv.money(v)} €" if fr else f"€{inv.money(v)}"

    d.pairs(
        115,
        55,
        list(zip(labels, [number, inv.day(inv.issued), inv.day(inv.due), money(t.due)], strict=True)),
        160,
        size=8.5,
    )
    cols = [
        Column("Article" if fr else "Item", 70),
        Column("Qté" if fr else "Qty", 20, "r"),
        Column("Prix unitaire" if fr else "Unit Cost", 30, "r"),
        Column("Taxe" if fr else "Tax", 20, "r"),
        Column("Total", 40, "r"),
    ]
    rows = [
        [it.desc, qty_text(it.qty, fr), money(it.price), f"{rate_text(it.rate, fr)}%", money(it.net)]
        for it in inv.items
    ]
    y = d.table(15, 88, cols, rows, head_fill=NAVY, head_color=(1, 1, 1), lead=9)
    tot = [("Sous-total" if fr else "Subtotal", money(t.net)), ("TVA" if fr else "VAT", money(t.tax))]
    if t.paid:
        tot.append(("Payé" if fr else "Paid to Date", money(t.paid)))
    tot.append(("Montant total" if fr else "Total", money(t.gross)))
    y = d.pairs(120, y + 6, tot, 195, value_align="r", lead=6)
    d.text(120, y + 4, labels[3], 13, bold=True, color=NAVY)
    d.text(195, y + 4, money(t.due), 13, bold=True, color=NAVY, align="r")
    d.text(15, 280, f"IBAN {iban_text(s)} BIC {s.bic}", 7.5)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", due=True)
    return tr.values
