"""French utility and telecom bills: a dense first page with a payment summary box, details after."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import CENT, Truth, issue_date, party, totals
from benchmarks.generated_vendor_d.common import (
    centred_footer,
    d,
    eur,
    fr_legal_line,
    line,
    price,
    qty_text,
    ref,
)
from benchmarks.generated_vendor_d.page import Page


def telecom_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A French mobile/fixed operator bill (Orange/SFR/Free style), after public descriptions of such bills:
    logo top-left, customer account and invoice numbers in a side column, a 'Montant à payer' box with the
    direct-debit date, the usage period, then the detail of subscriptions and options per line number."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    seller.name = rng.choice(["Orange", "Hexatel", "Telvia"]) + " " + rng.choice(["SA", "SAS"])
    issued = issue_date(rng)
    start = issued.replace(day=1) - timedelta(days=rng.randint(25, 31))
    end = issued.replace(day=1) - timedelta(days=1)
    debit = issued + timedelta(days=rng.choice([10, 12, 15]))
    account, number = ref(rng, "9.99999999"), ref(rng, rng.choice(["F9999999999", "??99-999999999"]))
    items = [
        line(
            f"Forfait {rng.choice(['Pro 100 Go', 'Business 5G', 'Open Pro'])} "
            f"- ligne 06 {ref(rng, '99 99 99 99')}",
            1,
            price(rng, 19, 69),
            "20",
        )
        for _ in range(rng.randint(1, 4))
    ]
    items += [
        line(
            rng.choice(
                [
                    "Option international",
                    "Communications hors forfait",
                    "Assistance Pro",
                    "Location Livebox",
                    "Numéro vert - trafic",
                ]
            ),
            1,
            price(rng, 2, 30),
            "20",
        )
        for _ in range(rng.randint(1, 5))
    ]
    t = totals(items)
    truth = Truth()
    page = Page(
        path,
        centred_footer(
            [
                fr_legal_line(seller),
                f"{seller.name} - {seller.street} {seller.zip} {seller.city}"
                " - Service client 3900 (service gratuit + prix appel)",
            ]
        ),
    )
    page.box(15, 12, 22, 22, fill=0.1)
    page.t(17, 30, seller.name.split()[0].lower(), 8, bold=True, grey=1)
    page.t(45, 20, "votre facture", 16, bold=True)
    page.t(45, 27, f"du {d(issued, 'long')}", 10)
    page.lines(125, 45, [buyer.name, f"à l'attention de {buyer.contact}", *buyer.address()], 10)
    y = page.kv(
        15,
        45,
        [
            ("n° client", account),
            ("n° de facture", number),
            ("date de facture", d(issued)),
            ("période facturée", f"du {d(start)} au {d(end)}"),
            ("espace client", "pro.exemple.fr"),
            ("vos interlocuteurs", "3900 ou 0 800 00 00 00"),
        ],
        32,
        8.5,
    )
    page.box(15, y + 4, 90, 30, fill=0.93)
    page.t(20, y + 12, "montant à payer", 11, bold=True)
    page.t(100, y + 12, eur(t.gross), 14, bold=True, align="r")
    truth.amounts(t, "EUR", due=True)
    if rng.random() < 0.5:
        page.t(20, y + 20, f"sera prélevé à partir du {d(debit)}", 9)
        page.t(20, y + 26, f"sur le compte {ref(rng, 'FR76 **** **** **** **** ***9 99')}", 8)
    else:
        page.t(20, y + 20, f"date limite de paiement : {d(debit)}", 9)
        truth.day("due_date", debit)
    y += 44
    page.t(15, y, "ce que vous payez ce mois-ci", 11, bold=True)
    cols = [("détail", 110.0, "l"), ("montant HT", 30.0, "r"), ("TVA", 15.0, "r"), ("montant TTC", 25.0, "r")]
    rows = [[i.desc, eur(i.net), "20 %", eur((i.net * Decimal("1.2")).quantize(CENT))] for i in items]
    y = page.table(15, y + 6, cols, rows, header_fill=0.9)
    y = page.kv(
        110,
        y + 3,
        [("total HT", eur(t.net)), ("TVA 20 %", eur(t.tax)), ("total TTC", eur(t.gross))],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.box(15, y + 4, 180, 16, fill=0.97)
    page.t(
        18,
        y + 10,
        "Nouveau : passez à la fibre pro jusqu'à 8 Gbit/s. Offre valable jusqu'au "
        f"{d(debit + timedelta(days=40))}.",
        8,
    )
    page.t(18, y + 15, f"Votre prochaine facture sera émise le {d(issued + timedelta(days=30))}.", 8)
    page.save()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siren=True, siret=True)
    truth.buyer(buyer)
    return truth.values


def energy_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An electricity/gas bill (EDF/Engie style), after public descriptions of French energy bills and the
    Belgian Lampiris templates of invoice2data (be.lampiris.regularisation.yml: a regularisation bill that
    deducts the monthly instalments already paid): reference client, n° de facture, consumption period,
    meter readings, reduced VAT on the subscription, 'Montant à payer' after the instalments."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    end = issued - timedelta(days=rng.randint(3, 9))
    start = end - timedelta(days=rng.choice([60, 61, 91, 365]))
    due = issued + timedelta(days=14)
    client, number = ref(rng, "9 999 999 999"), ref(rng, "10999999999")
    kwh = rng.randint(900, 24000)
    unit = Decimal(rng.choice(["0.2016", "0.2276", "0.1952"]))
    items = [
        line("Abonnement", 1, price(rng, 30, 240), "5.5"),
        line(f"Consommation {kwh} kWh x {str(unit).replace('.', ',')} €", kwh, unit, "20"),
        line("Contribution au service public de l'électricité (CSPE)", kwh, Decimal("0.0225"), "20"),
        line("Contribution tarifaire d'acheminement (CTA)", 1, price(rng, 5, 40), "5.5"),
    ]
    t = totals(items)
    regul = rng.random() < 0.6
    if regul:
        t.paid = (t.gross * Decimal(rng.choice(["0.7", "0.85", "0.9"]))).quantize(CENT)
    truth = Truth()
    page = Page(
        path,
        centred_footer([fr_legal_line(seller), "Médiateur national de l'énergie - www.energie-mediateur.fr"]),
    )
    page.t(15, 20, seller.name, 13, bold=True)
    page.t(15, 26, "Énergie verte pour les professionnels", 8)
    page.lines(120, 40, [buyer.name, *buyer.address()], 10)
    page.t(15, 40, "Facture" + (" de régularisation" if regul else ""), 14, bold=True)
    page.t(15, 46, f"du {d(issued, 'long')}", 10)
    y = page.kv(
        15,
        54,
        [
            ("Référence client", client),
            ("N° de facture", number),
            ("Compte de facturation", ref(rng, "999 999 999 999")),
            ("PDL", ref(rng, "99999999999999")),
            ("Période de consommation", f"du {d(start)} au {d(end)}"),
        ],
        42,
        8.5,
    )
    page.box(120, 60, 75, 34, fill=0.92)
    page.t(124, 68, "Montant à payer", 11, bold=True)
    page.t(191, 68, eur(t.due), 14, bold=True, align="r")
    page.t(124, 76, f"avant le {d(due)}", 9)
    page.t(124, 83, "Paiement par prélèvement automatique", 8)
    monthly = (t.gross / 10).quantize(CENT)
    page.t(124, 88, f"Prochaine mensualité : {eur(monthly)} le {d(due + timedelta(days=30))}", 8)
    y += 8
    page.t(15, y, "Relevé de compteur", 10, bold=True)
    first = rng.randint(10000, 90000)
    y = page.table(
        15,
        y + 5,
        [("Date", 30.0, "l"), ("Index", 30.0, "r"), ("Type", 40.0, "l")],
        [[d(start), str(first), "relevé réel"], [d(end), str(first + kwh), "estimé"]],
    )
    cols = [
        ("Détail de votre facture", 95.0, "l"),
        ("Quantité", 25.0, "r"),
        ("TVA", 20.0, "r"),
        ("Montant HT", 40.0, "r"),
    ]
    rows = [[i.desc, qty_text(i.qty), f"{str(i.rate).replace('.', ',')} %", eur(i.net)] for i in items]
    y = page.table(15, y + 6, cols, rows)
    pairs = [("Total HT", eur(t.net))]
    pairs += [(f"TVA à {str(r).replace('.', ',')} %", eur(tax)) for r, (_, tax) in t.taxes.items()]
    pairs += [("Total TVA", eur(t.tax)), ("Total TTC", eur(t.gross))]
    if regul:
        pairs += [("Mensualités déjà réglées", "- " + eur(t.paid)), ("Montant à payer", eur(t.due))]
    page.kv(105, y + 3, pairs, 0, 9, value_align="r", value_x=195)
    page.save()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=True)
    truth.seller(seller, siren=True, siret=True)
    truth.buyer(buyer)
    return truth.values


def water_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A water service bill, after invoice2data's fr/com.eaudugrandlyon.yml: the title 'FACTURE D'ACCÈS AU
    SERVICE du <long date>', 'Facture n°', the service period 'du .. au ..' and one 'Total général : x € HT
    tva ttc' line."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    start = issued - timedelta(days=rng.randint(150, 190))
    end = issued - timedelta(days=rng.randint(1, 10))
    number = ref(rng, "999999999")
    m3 = rng.randint(40, 900)
    items = [
        line("Abonnement eau potable", 1, price(rng, 20, 60), "5.5"),
        line(f"Consommation eau potable {m3} m3", m3, Decimal("1.6012"), "5.5"),
        line("Redevance pollution domestique", m3, Decimal("0.33"), "5.5"),
        line("Assainissement collectif", m3, Decimal("1.25"), "10"),
    ]
    t = totals(items)
    truth = Truth()
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} - SIREN {seller.siren} - TVA {seller.vat}",
                "Service clients du lundi au vendredi de 8h à 19h",
            ]
        ),
    )
    page.t(15, 18, seller.name, 12, bold=True)
    page.lines(15, 24, seller.address(), 8)
    page.lines(120, 35, [buyer.name, *buyer.address()], 10)
    page.t(15, 62, f"FACTURE D'ACCÈS AU SERVICE du {d(issued, 'long')}", 12, bold=True)
    page.kv(
        15,
        70,
        [
            ("Facture n°", number),
            ("Référence abonnement", ref(rng, "99999/999")),
            ("N° de compteur", ref(rng, "?99??999999")),
            ("Période", f"du {d(start)} au {d(end)}"),
        ],
        40,
        9,
    )
    cols = [
        ("Désignation", 90.0, "l"),
        ("Volume", 20.0, "r"),
        ("Prix unitaire", 25.0, "r"),
        ("TVA", 15.0, "r"),
        ("Montant HT", 30.0, "r"),
    ]
    rows = [
        [i.desc, qty_text(i.qty), eur(i.price), f"{str(i.rate).replace('.', ',')}%", eur(i.net)]
        for i in items
    ]
    y = page.table(15, 92, cols, rows, header_fill=None, grid=True)
    page.t(
        15,
        y + 5,
        f"Total général : {eur(t.net)} HT   {eur(t.tax, 'fr', '€ TVA')}   {eur(t.gross, 'fr', '€ TTC')}",
        10,
        bold=True,
    )
    due = issued + timedelta(days=rng.choice([15, 21, 30]))
    page.box(15, y + 12, 180, 18, fill=0.93)
    page.t(18, y + 19, f"Merci de régler {eur(t.gross)} avant le {d(due)}", 10, bold=True)
    previous = (t.gross * Decimal(rng.uniform(0.6, 1.4))).quantize(CENT)
    page.t(18, y + 25, f"Montant payé lors de la précédente facture : {eur(previous)}", 8)
    page.save()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR")
    truth.seller(seller, siren=True)
    truth.buyer(buyer)
    return truth.values
