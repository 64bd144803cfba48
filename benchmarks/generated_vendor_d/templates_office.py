"""Invoices a French SME receives from small suppliers: professional fee notes, word-processor and
spreadsheet templates, public-sector invoices, fuel-card and freight invoices."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import (
    PEOPLE,
    Truth,
    due_date,
    fmt_amount,
    issue_date,
    lines,
    party,
    rate_text,
    totals,
)
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
    spaced_siret,
)
from benchmarks.generated_vendor_d.page import Page

STATIONS = ["Lyon Gerland", "A7 Aire de Saint-Rambert", "Nantes Atlantis", "Rennes Cleunay"]


def fee_note_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An accountant's or lawyer's 'Note d'honoraires', after public descriptions of French professional fee
    notes (ordre des experts-comptables mentions): a letter with the firm's letterhead, 'Paris, le <date>',
    the mission and fiscal year, fee lines, a retainer already received and the 'Net à payer'."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    firm = rng.choice(["Cabinet", "Fiduciaire", "Audit & Conseil"])
    seller.name = (
        f"{firm} {rng.choice(['Morel', 'Lacroix', 'Perrin'])} {rng.choice(['SAS', 'SARL', 'SELARL'])}"
    )
    issued = issue_date(rng)
    year_end = date(issued.year - 1, 12, 31)
    number = ref(rng, rng.choice(["NH-2999-999", "H999999", "2026/999"])).replace("2026", str(issued.year))
    items = [
        line(desc, 1, price(rng, 150, 3500), "20")
        for desc in rng.sample(
            [
                "Établissement des comptes annuels",
                "Liasse fiscale et déclarations",
                "Secrétariat juridique - AGO",
                "Bulletins de paie (forfait trimestriel)",
                "Tenue comptable",
                "Conseil fiscal ponctuel",
                "Déclarations de TVA",
                "Frais de dossier et débours",
            ],
            rng.randint(2, 5),
        )
    ]
    t = totals(items)
    if rng.random() < 0.6:
        t.paid = (t.gross * Decimal(rng.choice(["0.3", "0.5"]))).quantize(Decimal("0.01"))
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} - Société d'expertise comptable inscrite au Tableau de l'Ordre "
                f"de la région {seller.city}",
                fr_legal_line(seller),
                f"IBAN {iban_spaced(seller)} - BIC {seller.bic}",
            ]
        ),
        font="Times-Roman",
    )
    page.t(15, 20, seller.name, 15, bold=True)
    page.lines(15, 27, [*seller.address(), f"Tél. {seller.phone}", seller.email], 9)
    page.lines(120, 50, [buyer.name, f"A l'attention de {buyer.contact}", *buyer.address()], 10.5)
    page.t(120, 78, f"{seller.city}, le {d(issued, 'long')}", 10.5)
    page.t(15, 92, f"NOTE D'HONORAIRES N° {number}", 13, bold=True)
    page.t(15, 99, f"Dossier : {ref(rng, '?????9')} - Mission : exercice clos le {d(year_end)}", 10)
    cols = [("Désignation des travaux", 140.0, "l"), ("Montant HT", 40.0, "r")]
    y = page.table(15, 110, cols, [[i.desc, eur(i.net)] for i in items], size=10, gap=6, header_fill=None)
    pairs = [("Total honoraires HT", eur(t.net)), ("TVA 20 %", eur(t.tax)), ("Total TTC", eur(t.gross))]
    if t.paid:
        pairs += [
            (f"Provision reçue le {d(issued - timedelta(days=rng.randint(30, 120)))}", "- " + eur(t.paid))
        ]
    pairs += [("Net à payer", eur(t.due))]
    y = page.kv(95, y + 4, pairs, 0, 10.5, gap=6, value_align="r", value_x=195)
    due = issued + timedelta(days=30)
    page.t(15, y + 8, f"Règlement à réception, au plus tard le {d(due)}, par virement.", 10)
    page.t(
        15,
        y + 14,
        "Indemnité forfaitaire pour frais de recouvrement : 40 €. Pas d'escompte pour paiement anticipé.",
        9,
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=True)
    truth.seller(seller, siren=True, siret=True, bank=True)
    truth.buyer(buyer)
    return truth.values


def libreoffice_artisan_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An artisan's invoice made from a word-processor template (LibreOffice / Microsoft Word 'Facture'
    templates, public description): letterhead left, big 'FACTURE' right with 'N° de facture' and 'Date',
    'Facturé à' / 'Chantier' blocks, the quote it follows, a grid, 'Sous-total', 'TVA', 'Total TTC',
    'Acompte versé' and 'Solde dû', then the RIB and the artisan's SIRET / RM number."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    trade = rng.choice(["Plomberie", "Menuiserie", "Électricité", "Maçonnerie"])
    seller.name = f"{trade} {rng.choice(PEOPLE).split()[1]}"
    issued = issue_date(rng)
    number = ref(rng, rng.choice(["F2026-099", "FACT-0999", "N°999"])).replace("2026", str(issued.year))
    quote = ref(rng, "D-9999-99")
    items = [
        line(desc, rng.choice([1, 1, 2, 4, 8]), price(rng, 15, 900), rng.choice(["10", "20"]), unit)
        for desc, unit in rng.sample(
            [
                ("Main d'oeuvre", "h"),
                ("Fourniture et pose robinetterie", "u"),
                ("Dépose ancien équipement", "forfait"),
                ("Cuivre 14/16 (barre 4 m)", "u"),
                ("Déplacement", "forfait"),
                ("Plaque de plâtre BA13", "m²"),
                ("Peinture acrylique mate", "m²"),
                ("Tableau électrique 2 rangées", "u"),
            ],
            rng.randint(2, 7),
        )
    ]
    t = totals(items)
    if rng.random() < 0.5:
        t.paid = (t.gross * Decimal("0.3")).quantize(Decimal("0.01"))
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} - Entrepreneur individuel - SIRET {spaced_siret(seller.siret)} - "
                f"RM {ref(rng, '999 999 999')} RM 69 - TVA {seller.vat}",
                f"Assurance décennale n° {ref(rng, '9999999?')}",
            ],
            page_label="",
        ),
    )
    page.t(15, 20, seller.name, 14, bold=True)
    page.lines(15, 26, [*seller.address(), seller.phone, seller.email], 9)
    page.t(195, 20, "FACTURE", 22, bold=True, align="r")
    page.kv(140, 30, [("N° de facture", number), ("Date", d(issued)), ("Devis n°", quote)], 25, 9)
    page.lines(15, 58, ["FACTURÉ À :", buyer.name, *buyer.address()], 9.5)
    site = party(rng, "FR")
    page.lines(110, 58, ["CHANTIER :", *site.address()], 9.5)
    cols = [
        ("DESCRIPTION", 85.0, "l"),
        ("QTÉ", 15.0, "r"),
        ("UNITÉ", 17.0, "l"),
        ("PRIX UNIT. HT", 25.0, "r"),
        ("TVA", 13.0, "r"),
        ("TOTAL HT", 25.0, "r"),
    ]
    rows = [[i.desc, qty_text(i.qty), i.unit, eur(i.price), f"{i.rate}%", eur(i.net)] for i in items]
    y = page.table(15, 88, cols, rows, grid=True, header_fill=0.8)
    pairs = [("SOUS-TOTAL HT", eur(t.net))]
    pairs += [(f"TVA {r} %", eur(tax)) for r, (_, tax) in t.taxes.items()]
    pairs += [("TOTAL TTC", eur(t.gross))]
    if t.paid:
        pairs += [
            (f"Acompte versé le {d(issued - timedelta(days=20))}", eur(t.paid)),
            ("SOLDE DÛ", eur(t.due)),
        ]
    y = page.kv(120, y + 4, pairs, 0, 9.5, gap=5.5, value_align="r", value_x=195)
    due = due_date(rng, issued)
    page.t(15, y + 6, f"Conditions de paiement : à régler avant le {d(due)}", 9)
    page.t(15, y + 12, f"Coordonnées bancaires : IBAN {iban_spaced(seller)}   BIC {seller.bic}", 9)
    page.t(15, y + 18, "Merci de votre confiance !", 10, bold=True)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=bool(t.paid))
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer)
    return truth.values


def excel_grid_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An invoice typed into a spreadsheet (Excel / LibreOffice Calc 'modèle de facture', public
    description): every value in a bordered cell, labels in capitals in the cell on its left, dates as
    dd/mm/yyyy, amounts without currency sign in the grid and '€' only on the totals."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    issued = issue_date(rng)
    due = due_date(rng, issued)
    number = ref(rng, rng.choice(["999", "2026-99", "FA999"])).replace("2026", str(issued.year))
    items = lines(rng, "fr", "FR", rng.randint(3, 20), one_rate=True)
    t = totals(items)
    page = Page(path)

    def cell(
        x: float, y: float, w: float, s: str, bold: bool = False, align: str = "l", fill: float | None = None
    ) -> None:
        page.box(x, y, w, 6, fill=fill)
        page.t(x + (w - 1.5 if align == "r" else 1.5), y + 4.3, s, 8.5, bold, align)

    cell(15, 12, 90, seller.name, bold=True)
    for k, row in enumerate(
        [
            seller.street,
            f"{seller.zip} {seller.city}",
            f"Tél : {seller.phone}",
            f"SIRET : {seller.siret}",
            f"N° TVA : {seller.vat}",
        ]
    ):
        cell(15, 18 + 6 * k, 90, row)
    cell(125, 12, 70, "FACTURE", bold=True, align="r", fill=0.85)
    for k, (label, value) in enumerate(
        [("FACTURE N°", number), ("DATE", d(issued)), ("ÉCHÉANCE", d(due)), ("CODE CLIENT", ref(rng, "C999"))]
    ):
        cell(125, 18 + 6 * k, 30, label, bold=True)
        cell(155, 18 + 6 * k, 40, value, align="r")
    cell(125, 48, 70, "CLIENT", bold=True, fill=0.85)
    for k, row in enumerate([buyer.name, *buyer.address()]):
        cell(125, 54 + 6 * k, 70, row)
    y = 80.0
    for k, (head, w) in enumerate(
        [("DÉSIGNATION", 95.0), ("QTÉ", 15.0), ("P.U. HT", 35.0), ("MONTANT HT", 35.0)]
    ):
        cell(15 + sum([0, 95, 110, 145][k : k + 1]), y, w, head, bold=True, fill=0.85)
    for i in items:
        y += 6
        for x, w, s, a in (
            (15, 95, i.desc, "l"),
            (110, 15, qty_text(i.qty), "r"),
            (125, 35, f"{i.price:.2f}".replace(".", ","), "r"),
            (160, 35, f"{i.net:.2f}".replace(".", ","), "r"),
        ):
            cell(x, y, w, s, align=a)
    for label, amount in (("TOTAL HT", t.net), ("TVA 20%", t.tax), ("TOTAL TTC", t.gross)):
        y += 6
        cell(125, y, 35, label, bold=True)
        cell(160, y, 35, eur(amount), bold=True, align="r")
    cell(15, y + 10, 180, f"Règlement par virement : IBAN {seller.iban} - BIC {seller.bic}")
    cell(
        15,
        y + 16,
        180,
        "En cas de retard, pénalités au taux de 3 fois le taux d'intérêt légal + indemnité de 40 €.",
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR")
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer)
    return truth.values


def chorus_public_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An invoice to a French public body as deposited on Chorus Pro (public description of the Chorus Pro
    mandatory mentions): the buyer's SIRET and 'Code service', the 'Numéro d'engagement' (the purchase
    order), the public contract number, a 'Date de dépôt' decoy and the supplier's SIRET."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    buyer.name = rng.choice(
        [
            "Commune de Villeneuve-sur-Lot",
            "Centre hospitalier de Vienne",
            "Université de Rennes",
            "Conseil départemental de l'Ain",
            "Lycée Jean Moulin",
        ]
    )
    issued = issue_date(rng)
    due = issued + timedelta(days=30)
    number = ref(rng, rng.choice(["FAC-2026-9999", "999999"])).replace("2026", str(issued.year))
    engagement = ref(rng, rng.choice(["9999999999", "EJ99999999", "BC-9999-999"]))
    items = lines(rng, "fr", "FR", rng.randint(2, 10))
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                fr_legal_line(seller),
                f"Paiement par virement (mandat administratif) - IBAN {iban_spaced(seller)} "
                f"- BIC {seller.bic}",
            ]
        ),
    )
    page.t(15, 18, seller.name, 13, bold=True)
    page.lines(15, 24, [*seller.address(), f"SIRET : {seller.siret}"], 8.5)
    page.t(195, 18, "FACTURE", 15, bold=True, align="r")
    page.kv(
        120,
        26,
        [("Numéro de facture :", number), ("Date d'émission :", d(issued)), ("Date d'échéance :", d(due))],
        38,
        9,
    )
    page.box(15, 50, 180, 34)
    page.t(18, 56, "DESTINATAIRE (entité publique)", 8.5, bold=True)
    page.lines(
        18, 62, [buyer.name, *buyer.address(), f"SIRET destinataire : {ref(rng, '21999999900019')}"], 8.5
    )
    page.kv(
        110,
        62,
        [
            ("Code service :", ref(rng, rng.choice(["SERV-FIN", "DSI-999", "99999"]))),
            ("Numéro d'engagement :", engagement),
            ("N° de marché :", ref(rng, "2026-?-999")),
            ("Date de dépôt Chorus Pro :", d(issued + timedelta(days=1))),
        ],
        42,
        8.5,
    )
    cols = [
        ("Désignation", 90.0, "l"),
        ("Qté", 15.0, "r"),
        ("PU HT", 25.0, "r"),
        ("TVA", 15.0, "r"),
        ("Montant HT", 35.0, "r"),
    ]
    rows = [[i.desc, qty_text(i.qty), eur(i.price), f"{rate_text(i.rate)} %", eur(i.net)] for i in items]
    y = page.table(15, 92, cols, rows)
    pairs = [("Total HT", eur(t.net))] + [
        (f"TVA {rate_text(r)} % sur {eur(b)}", eur(x)) for r, (b, x) in t.taxes.items()
    ]
    pairs += [("Total TVA", eur(t.tax)), ("Total TTC", eur(t.gross)), ("Montant à payer", eur(t.gross))]
    page.kv(100, y + 4, pairs, 0, 9, value_align="r", value_x=195)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.amounts(t, "EUR", due=True)
    truth.text("purchase_order", engagement)
    truth.seller(seller, siren=True, siret=True, bank=True)
    truth.buyer(buyer)
    return truth.values


def fuel_card_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A fuel-card monthly invoice (TotalEnergies / AS24 style, public description): account and card
    numbers, a dense transaction list with dates, stations, litres and plates flowing onto page 2, totals per
    rate, 'Montant prélevé le'."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    month_start = (issued.replace(day=1) - timedelta(days=1)).replace(day=1)
    number = ref(rng, "99999999999")
    debit = issued + timedelta(days=rng.choice([10, 15, 20]))
    cards = [ref(rng, "7999 99 9999 9999") for _ in range(rng.randint(1, 3))]
    plates = [ref(rng, "??-999-??") for _ in cards]
    tx = []
    for _ in range(rng.randint(8, 45)):
        litres = Decimal(rng.randint(2000, 9000)) / 100
        unit = Decimal(rng.choice(["1.4125", "1.4958", "1.5217", "1.5590"]))
        day = month_start + timedelta(days=rng.randint(0, 27))
        tx.append(
            (
                day,
                rng.randrange(len(cards)),
                line(
                    f"Gazole - {rng.choice(STATIONS)}",
                    litres,
                    unit,
                    "20",
                ),
            )
        )
    tx.sort(key=lambda x: x[0])
    items = [x[2] for x in tx]
    items.append(line("Frais de gestion carte", len(cards), "2.50", "20"))
    t = totals(items)
    page = Page(path, centred_footer([fr_legal_line(seller)], page_label="Page {n}"))
    page.t(15, 18, seller.name, 13, bold=True)
    page.t(15, 24, "Cartes carburant professionnelles", 8)
    page.lines(120, 30, [buyer.name, *buyer.address()], 9.5)
    page.t(15, 34, "FACTURE", 14, bold=True)
    page.kv(
        15,
        42,
        [
            ("N° facture", number),
            ("Date facture", d(issued)),
            ("N° compte", ref(rng, "99999999")),
            ("Période", f"{d(month_start)} - {d(issued.replace(day=1) - timedelta(days=1))}"),
        ],
        25,
        8.5,
    )
    page.box(120, 52, 75, 20, fill=0.92)
    page.t(124, 59, "Montant TTC", 9)
    page.t(191, 59, eur(t.gross), 12, bold=True, align="r")
    page.t(124, 66, f"Montant prélevé le {d(debit)}", 8.5)
    cols = [
        ("Date", 20.0, "l"),
        ("Carte", 32.0, "l"),
        ("Immat.", 20.0, "l"),
        ("Produit / Station", 55.0, "l"),
        ("Litres", 15.0, "r"),
        ("PU HT", 16.0, "r"),
        ("Montant HT", 22.0, "r"),
    ]
    rows = [
        [
            d(day, "d/m/Y")[:5],
            cards[c],
            plates[c],
            i.desc,
            qty_text(i.qty),
            f"{i.price}".replace(".", ","),
            fmt_amount(i.net, "fr"),
        ]
        for day, c, i in tx
    ]
    y = page.table(15, 82, cols, rows, size=7, gap=4.3, bottom=262)
    if y > 240:
        page.new_page()
        y = 25
    page.kv(
        110,
        y + 4,
        [("Total HT", eur(t.net)), ("TVA 20,00 %", eur(t.tax)), ("Total TTC", eur(t.gross))],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.seller(seller, siren=True, siret=True)
    truth.buyer(buyer)
    return truth.values


def transport_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A road-freight carrier's invoice (Geodis / DB Schenker / regional carrier style, public description):
    shipment list with pick-up dates, consignment and receipt numbers, weights, fuel surcharge ('surcharge
    gazole'), the customer's order reference and 'Date limite de paiement'."""
    seller, buyer = party(rng, "FR", bank=True), party(rng, "FR")
    issued = issue_date(rng)
    due = issued + timedelta(days=rng.choice([30, 45]))
    number = ref(rng, rng.choice(["999999/26", "TR-99999999"]))
    po = ref(rng, rng.choice(["CDE-99999", "PO999999", "99-999-9"]))
    shipments = [
        (issued - timedelta(days=rng.randint(3, 30)), ref(rng, "99999999"), rng.randint(30, 2400))
        for _ in range(rng.randint(2, 12))
    ]
    items = [
        line(f"Messagerie {w} kg - récépissé {r} - enl. {d(day, 'd/m/Y')}", 1, price(rng, 40, 600), "20")
        for day, r, w in shipments
    ]
    items.append(line("Surcharge gazole (indexation CNR)", 1, price(rng, 5, 80), "20"))
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                fr_legal_line(seller),
                f"RIB : IBAN {iban_spaced(seller)} BIC {seller.bic}",
                "Loi n° 92-1445 : pénalités de retard exigibles sans rappel",
            ]
        ),
    )
    page.t(15, 18, seller.name, 13, bold=True)
    page.lines(15, 24, seller.address() + [f"Agence : {seller.city}"], 8.5)
    page.lines(120, 24, [buyer.name, *buyer.address()], 9.5)
    page.t(15, 52, f"FACTURE N° {number}", 13, bold=True)
    page.kv(
        15,
        60,
        [
            ("Date de facture", d(issued)),
            ("Compte client", ref(rng, "99999")),
            ("Votre n° de commande", po),
            ("Date limite de paiement", d(due)),
        ],
        45,
        9,
    )
    cols = [("Prestation", 130.0, "l"), ("TVA", 15.0, "r"), ("Montant HT", 35.0, "r")]
    y = page.table(15, 84, cols, [[i.desc, "20 %", eur(i.net)] for i in items], size=8)
    page.kv(
        110,
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
