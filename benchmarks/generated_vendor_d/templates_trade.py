"""Invoices from trade suppliers a French SME deals with every month: a wholesaler and an equipment lessor."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from benchmarks.generated_software_b.data import Truth, issue_date, lines, party, rate_text, totals
from benchmarks.generated_vendor_d.common import (
    centred_footer,
    d,
    eur,
    fr_legal_line,
    iban_spaced,
    line,
    price,
    qty_text,
    ref,
    spaced_vat,
)
from benchmarks.generated_vendor_d.page import Page

LEASED = ["copieur multifonction", "serveur et baie", "flotte de 12 PC portables", "TPE et caisse"]


def wholesaler_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A trade wholesaler's invoice (electrical / building-supplies distributor, Rexel or Point.P style,
    public description): agency block, 'Code client', the buyer's order reference, delivery-note numbers and
    dates grouping the lines, eco-contribution lines, many lines flowing onto further pages with a repeated
    header, a VAT recap table and 'Net à payer' with the 'Échéance' on the last page."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    issued = issue_date(rng)
    due = (
        (issued + timedelta(days=45)).replace(day=1) - timedelta(days=1) + timedelta(days=rng.choice([0, 10]))
    )
    number = ref(rng, rng.choice(["99999999", "F9-999999"]))
    po = ref(rng, rng.choice(["CHANTIER ????", "CDE 99999", "BC999-99"]))
    items = lines(rng, "fr", "FR", rng.randint(10, 25), one_rate=True)
    items += [line("Éco-participation DEEE", rng.randint(1, 8), "0.42", "20")]
    t = totals(items)
    notes = [
        (ref(rng, "BL999999"), issued - timedelta(days=rng.randint(1, 20))) for _ in range(rng.randint(1, 3))
    ]
    page = Page(path, centred_footer([fr_legal_line(seller), f"Agence de {seller.city} - {seller.phone}"]))
    page.t(15, 16, seller.name, 13, bold=True)
    page.lines(15, 22, [f"Agence {seller.city}", *seller.address(), f"Tél. {seller.phone}"], 8)
    page.box(110, 12, 85, 26, fill=0.94)
    page.t(113, 18, "FACTURE", 13, bold=True)
    page.kv(
        113, 25, [("N°", number), ("Date", d(issued)), ("Code client", ref(rng, "C999999"))], 25, 8.5, gap=4.2
    )
    page.lines(110, 45, [buyer.name, *buyer.address()], 9.5)
    page.kv(
        15,
        50,
        [("Votre commande", po), ("Vendeur", seller.contact), ("Mode de livraison", "Livré chantier")],
        33,
        8.5,
    )
    cols = [
        ("Référence", 28.0, "l"),
        ("Désignation", 78.0, "l"),
        ("Qté", 14.0, "r"),
        ("PU net HT", 22.0, "r"),
        ("Montant HT", 25.0, "r"),
        ("TVA", 13.0, "c"),
    ]
    rows: list[list[str]] = []
    per_note = max(1, len(items) // len(notes))
    for k, i in enumerate(items):
        if k % per_note == 0 and k // per_note < len(notes):
            bl, day = notes[k // per_note]
            rows.append(["", f"Bon de livraison {bl} du {d(day)}", "", "", "", ""])
        rows.append(
            [
                ref(rng, "9999999999"),
                i.desc,
                qty_text(i.qty),
                eur(i.price, "fr", ""),
                eur(i.net, "fr", ""),
                "1",
            ]
        )
    y = page.table(15, 74, cols, rows, size=7.5, gap=4.5, bottom=245)
    if y > 225:
        page.new_page()
        y = 25
    page.table(
        15,
        y + 4,
        [("Code", 15.0, "l"), ("Base HT", 30.0, "r"), ("Taux", 15.0, "r"), ("Montant TVA", 30.0, "r")],
        [["1", eur(t.net), "20,00", eur(t.tax)]],
        size=8,
    )
    page.kv(
        120,
        y + 4,
        [
            ("Total HT", eur(t.net)),
            ("Total TVA", eur(t.tax)),
            ("Total TTC", eur(t.gross)),
            ("Net à payer", eur(t.gross)),
        ],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.t(15, y + 24, f"Échéance : {d(due)} - LCR directe", 8.5, bold=True)
    page.t(15, y + 29, f"Règlement : IBAN {iban_spaced(seller)} - BIC {seller.bic}", 8)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=True)
    truth.text("purchase_order", po)
    truth.seller(seller, siren=True, siret=True, bank=True)
    truth.buyer(buyer)
    return truth.values


def leasing_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An equipment-leasing rent invoice (Grenke / BNP Paribas Leasing Solutions style, public description):
    'Facture de loyer', contract number, rent period, the leased equipment, the lessor's SEPA creditor id,
    the direct-debit date and 'Montant TTC prélevé', often a quarterly rent with insurance as a separate
    line at a different VAT treatment."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    start = issued.replace(day=1)
    months = rng.choice([1, 3])
    end = (start + timedelta(days=31 * months)).replace(day=1) - timedelta(days=1)
    debit = start + timedelta(days=rng.choice([4, 9, 14]))
    number = ref(rng, "999999999")
    contract = ref(rng, "099-99999-999")
    items = [
        line(
            f"Loyer {rng.choice(LEASED)} - période du {d(start)} au {d(end)}",
            months,
            price(rng, 45, 600),
            "20",
        )
    ]
    if rng.random() < 0.6:
        items.append(line("Frais de gestion", 1, price(rng, 2, 15), "20"))
    t = totals(items)
    page = Page(
        path, centred_footer([fr_legal_line(seller), f"ICS créancier SEPA : FR{ref(rng, '99ZZZ999999')}"])
    )
    page.t(15, 18, seller.name, 13, bold=True)
    page.lines(15, 24, [*seller.address(), f"TVA : {spaced_vat(seller.vat)}"], 8)
    page.lines(115, 36, [buyer.name, "Service comptabilité", *buyer.address()], 10)
    page.t(15, 66, "FACTURE DE LOYER", 14, bold=True)
    y = page.kv(
        15,
        74,
        [
            ("N° facture", number),
            ("Date de facture", d(issued)),
            ("N° de contrat", contract),
            ("Votre n° client", ref(rng, "99999999")),
            ("Échéance n°", f"{rng.randint(2, 59)}/60"),
        ],
        35,
        9,
    )
    cols = [("Désignation", 110.0, "l"), ("Qté", 15.0, "r"), ("TVA", 20.0, "r"), ("Montant HT", 35.0, "r")]
    rows = [[i.desc, qty_text(i.qty), f"{rate_text(i.rate)} %", eur(i.net)] for i in items]
    y = page.table(15, y + 6, cols, rows, size=8)
    y = page.kv(
        120,
        y + 4,
        [("Total HT", eur(t.net)), ("TVA 20 %", eur(t.tax)), ("Total TTC", eur(t.gross))],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.box(15, y + 4, 180, 16, fill=0.93)
    page.t(18, y + 10, f"Montant TTC prélevé le {d(debit)} : {eur(t.gross)}", 9.5, bold=True)
    page.t(18, y + 15, f"Référence unique de mandat : {ref(rng, 'RUM-?????-999999')}", 8)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.seller(seller, siren=True, siret=True)
    truth.buyer(buyer)
    return truth.values
