"""Invoices of trades and professions that make their own: building, liberal professions, garage, hotel,
training, farm."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from benchmarks.generated_selfmade_e import common as c
from benchmarks.generated_selfmade_e.draw import Page

CENT = Decimal("0.01")
COURSES = [
    "Excel perfectionnement",
    "Management d'équipe",
    "Sauveteur secouriste du travail",
    "Comptabilité générale",
]


def _q(q: Decimal) -> str:
    return f"{q.normalize():f}".replace(".", ",")


def _pct(x: Decimal, rate: Decimal) -> Decimal:
    return (x * rate / 100).quantize(CENT, ROUND_HALF_UP)


def artisan_situation(rng: random.Random, path: Path) -> dict[str, str]:
    """Building-trade progress invoice ("facture de situation") as artisans type it and as the public guides
    on retenue de garantie show it (clicfacture.com, intia.fr, graneet.com): chantier address, devis and
    marché references, a lot table with contract amount, % of progress and cumulated amount, previous
    situations deducted, situation HT / TVA 10 % / TTC, then "Retenue de garantie 5 %", "Acompte reçu" and
    "Net à payer"."""
    seller = c.fr_company(rng)
    buyer = c.fr_buyer(rng, person=rng.random() < 0.5)
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=30)
    n_sit = rng.randint(2, 5)
    lots = []
    for _ in range(rng.randint(3, 8)):
        amount = Decimal(rng.randint(800, 18000))
        prev = Decimal(rng.choice([0, 20, 30, 50, 60]))
        now = min(Decimal(100), prev + Decimal(rng.choice([0, 10, 20, 30, 40])))
        lots.append((rng.choice(c.TRADES_FR["batiment"]), amount, prev, now))
    cumul = sum((_pct(a, now) for _, a, _, now in lots), Decimal(0))
    before = sum((_pct(a, prev) for _, a, prev, _ in lots), Decimal(0))
    net = cumul - before
    if net <= 0:
        net = Decimal(1500)
        before = cumul - net
    rate = Decimal(rng.choice([10, 20]))
    tax = _pct(net, rate)
    gross = net + tax
    rg = _pct(gross, Decimal(5))
    acompte = Decimal(rng.choice([0, 0, 500, 1000]))
    due_amount = gross - rg - acompte
    number = f"{issued.year}-{rng.randint(10, 300):03d}"
    devis = f"D{issued.year - 1}-{rng.randint(10, 200):03d}"
    p = Page(path)
    p.text(15, 18, seller.name, 14, bold=True)
    p.lines(
        15,
        24,
        [
            *seller.address(),
            f"Tél. {c.fr_phone(rng)}",
            f"Assurance décennale : police n° {rng.randint(1000000, 9999999)}",
        ],
        8.5,
    )
    p.text(195, 18, f"FACTURE DE SITUATION N°{n_sit}", 12, bold=True, align="r")
    p.text(195, 24, f"Facture n° {number}", 10, align="r")
    p.text(195, 29, f"{seller.city}, le {c.fmt_date(issued, 'd/m/Y')}", 9, align="r")
    p.lines(115, 45, [buyer.name, *buyer.address()], 10)
    chantier = f"{rng.randint(1, 90)} {rng.choice(c.data.STREETS['FR'])}, {buyer.city}"
    p.lines(
        15,
        70,
        [
            f"Chantier : {chantier}",
            f"Objet : rénovation - suivant devis n° {devis} accepté le "
            f"{c.fmt_date(issued - timedelta(days=rng.randint(60, 200)), 'd/m/Y')}",
            f"Situation arrêtée au {c.fmt_date(issued - timedelta(days=2), 'd/m/Y')}",
        ],
        9,
    )
    rows = [
        [f"Lot {n}", desc, c.money(a), f"{prev} %", f"{now} %", c.money(_pct(a, now))]
        for n, (desc, a, prev, now) in enumerate(lots, 1)
    ]
    head = ["Lot", "Désignation", "Marché HT", "Préc.", "Cumul", "Montant cumulé HT"]
    y = p.table(15, 90, [14, 70, 26, 16, 16, 38], "llrrrr", head, rows, size=8)
    lines = [
        ("Total cumulé HT", cumul),
        ("À déduire : situations précédentes HT", -before),
        (f"Montant de la situation n°{n_sit} HT", net),
        (f"TVA {rate} %", tax),
        ("Montant TTC", gross),
        ("Retenue de garantie 5 %", -rg),
    ]
    if acompte:
        lines.append(("Acompte reçu", -acompte))
    lines.append(("NET À PAYER", due_amount))
    y += 5
    for label, val in lines:
        bold = label in ("NET À PAYER", "Montant TTC")
        p.text(150, y, label, 9, bold=bold, align="r")
        p.text(195, y, c.money(val, "fr", "€"), 9, bold=bold, align="r")
        y += 5.2
    p.text(15, y + 6, f"Règlement à 30 jours, soit avant le {c.fmt_date(due, 'd/m/Y')}, par virement :", 8.5)
    p.text(15, y + 11, f"IBAN {c.ids.group(seller.iban)}  BIC {seller.bic}", 8.5)
    p.text(105, 284, f"{seller.name} - SIRET {seller.siret} - TVA {seller.vat} - {seller.rcs}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", net)
    truth.money("total_tax", tax)
    truth.money("total_incl_tax", gross)
    truth.money("amount_due", due_amount)
    return truth.values


def honoraires_avocat(rng: random.Random, path: Path) -> dict[str, str]:
    """Lawyer's fee note ("note d'honoraires") as small law offices type it: the office and bar at top left,
    "NOTE D'HONORAIRES N° 2026-037" centred, Dossier (X c/ Y) and Réf. dossier, a narrative line list of
    diligences with hours, "Honoraires HT", TVA 20 %, "Total TTC", "Provision reçue" and "Solde à régler"."""
    lawyer = c.person_name(rng)
    seller = c.fr_company(rng)
    seller.name = rng.choice(
        [f"SELARL {lawyer.split()[1]} Avocats", f"Cabinet {lawyer}", f"{lawyer.split()[1]} & Associés"]
    )
    buyer = c.fr_buyer(rng)
    issued = c.data.issue_date(rng)
    hours = Decimal(rng.choice([2, 3.5, 6, 8, 12.5, 20])).quantize(Decimal("0.1"))
    rate_h = Decimal(rng.choice([180, 220, 250, 300, 350]))
    fees = (hours * rate_h).quantize(CENT)
    frais = Decimal(rng.choice([0, 35, 80, 150]))
    net = fees + frais
    tax = _pct(net, Decimal(20))
    gross = net + tax
    provision = Decimal(rng.choice([0, 0, 500, 1000, 1500]))
    provision = min(provision, gross - 100)
    number = f"{issued.year}-{rng.randint(1, 200):03d}"
    p = Page(path, "Times")
    p.text(15, 20, seller.name, 13, bold=True)
    p.lines(
        15,
        26,
        [
            f"Maître {lawyer}",
            f"Avocat au Barreau de {seller.city}",
            *seller.address(),
            f"Toque {rng.randint(100, 999)}",
        ],
        9.5,
    )
    p.lines(120, 50, [buyer.name, f"À l'attention de {buyer.contact}", *buyer.address()], 10)
    p.text(105, 85, f"NOTE D'HONORAIRES N° {number}", 13, bold=True, align="c")
    p.text(105, 91, f"{seller.city}, le {c.fr_long(issued)}", 10, align="c")
    adv = rng.choice(["SCI Les Tilleuls", "M. Perrin", "Société Valmont", "Syndicat des copropriétaires"])
    p.lines(
        15,
        102,
        [
            f"Dossier : {buyer.name.split()[0]} c/ {adv}",
            f"Réf. dossier : {issued.year % 100}/{rng.randint(100, 999):04d}",
        ],
        10,
    )
    diligences = [
        "Étude du dossier et des pièces",
        "Rédaction de conclusions",
        "Audience du tribunal judiciaire",
        "Correspondances et entretiens",
        "Consultation juridique",
    ]
    y = 118.0
    p.text(15, y, "Diligences accomplies", 10, bold=True)
    for dil in rng.sample(diligences, 3):
        y += 5.5
        p.text(20, y, f"- {dil}", 10)
    y += 10
    p.text(15, y, f"Temps passé : {_q(hours)} h x {c.money(rate_h)} € HT", 10)
    lines = [("Honoraires HT", fees)]
    if frais:
        lines.append(("Frais de dossier HT", frais))
    lines += [("Total HT", net), ("TVA 20 %", tax), ("Total TTC", gross)]
    if provision:
        lines += [("Provision reçue", -provision), ("Solde à régler", gross - provision)]
    y += 10
    for label, val in lines:
        bold = label in ("Total TTC", "Solde à régler")
        p.text(120, y, label, 10, bold=bold)
        p.text(190, y, c.money(val, "fr", "€"), 10, bold=bold, align="r")
        y += 5.5
    p.text(
        15,
        y + 8,
        f"Règlement par virement sur le compte CARPA ou le compte du cabinet : {c.ids.group(seller.iban)}",
        8.5,
    )
    p.text(105, 283, f"SIRET {seller.siret} - TVA intracommunautaire {seller.vat}", 8, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siret=True)
    truth.text("seller_iban", seller.iban)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", net)
    truth.money("total_tax", tax)
    truth.money("total_incl_tax", gross)
    if provision:
        truth.money("amount_due", gross - provision)
    return truth.values


def expert_comptable_honoraires(rng: random.Random, path: Path) -> dict[str, str]:
    """Chartered accountant's fee invoice as small firms send it: "Honoraires" title, lettre de mission and
    exercice dates as decoys, forfait lines per mission, Honoraires HT / TVA / Montant TTC, the payment by
    direct debit on a given date ("Prélèvement le ...") and the Ordre des experts-comptables mention."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    seller.name = (
        rng.choice(["Cabinet ", "Fiduciaire ", "Audit & Conseil "])
        + seller.name.split()[-2]
        + " "
        + rng.choice(["SARL", "SAS", "SELAS"])
    )
    issued = c.data.issue_date(rng)
    missions = [
        "Tenue comptable",
        "Établissement des comptes annuels",
        "Liasse fiscale",
        "Bulletins de paie",
        "Déclarations de TVA",
        "Assistance juridique annuelle",
    ]
    items = [
        c.Line("", m, Decimal(1), "forfait", Decimal(rng.randint(80, 2400)), Decimal(20))
        for m in rng.sample(missions, rng.randint(1, 4))
    ]
    t = c.data.totals(items)
    number = f"H{issued.strftime('%y%m')}{rng.randint(1, 999):03d}"
    p = Page(path)
    p.lines(
        15,
        18,
        [seller.name, "Société d'expertise comptable inscrite au Tableau de l'Ordre", *seller.address()],
        8.5,
    )
    p.lines(120, 40, [buyer.name, *buyer.address(), f"Dossier n° {rng.randint(100, 999)}"], 9.5)
    p.text(15, 70, "HONORAIRES", 15, bold=True)
    p.text(15, 77, f"Facture {number} du {c.fmt_date(issued, 'd/m/Y')}", 10)
    p.text(
        15,
        84,
        f"Exercice du 01/01/{issued.year - 1} au 31/12/{issued.year - 1} - lettre de mission du "
        f"{c.fmt_date(issued - timedelta(days=400), 'd/m/Y')}",
        8.5,
    )
    rows = [[i.desc, c.money(i.net, "fr", "€")] for i in items]
    y = p.table(15, 97, [140, 40], "lr", ["Mission", "Montant HT"], rows, size=9.5, lead=6.5)
    y += 6
    for label, val in (("Honoraires HT", t.net), ("TVA 20 %", t.tax), ("Montant TTC", t.gross)):
        p.text(150, y, label, 10, align="r", bold=label == "Montant TTC")
        p.text(195, y, c.money(val, "fr", "€"), 10, align="r", bold=label == "Montant TTC")
        y += 6
    debit = issued + timedelta(days=10)
    p.text(15, y + 8, f"Ce montant sera prélevé le {c.fmt_date(debit, 'd/m/Y')} sur votre compte.", 9)
    p.text(105, 283, f"{seller.name} - SIREN {seller.siren} - TVA {seller.vat}", 7.5, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siren=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR")
    return truth.values


def garage_reparation(rng: random.Random, path: Path) -> dict[str, str]:
    """Independent garage repair invoice: garage header with the "Réparateur agréé" line, a vehicle block
    (immatriculation, VIN, kilométrage, date de 1re mise en circulation), "Ordre de réparation n°" as a decoy
    next to the invoice number, parts lines with supplier references and labour lines, Total pièces / Total
    main d'œuvre, Total HT, TVA 20 %, Total TTC and Net à payer."""
    seller = c.fr_company(rng)
    seller.name = (
        "Garage "
        + rng.choice(["du Centre", "des Sports", "Moderne", "de la Gare", "Saint-Christophe"])
        + " "
        + rng.choice(["SARL", "EURL", "SAS"])
    )
    buyer = c.fr_buyer(rng, person=rng.random() < 0.6)
    issued = c.data.issue_date(rng)
    parts = [
        "Plaquettes de frein AV",
        "Disque de frein",
        "Filtre à huile",
        "Huile 5W30 (L)",
        "Filtre à air",
        "Kit distribution",
        "Pompe à eau",
        "Balais essuie-glace",
        "Batterie 70 Ah",
    ]
    items = [
        c.Line(
            f"{rng.randint(10000, 99999)}-{rng.choice('ABCDEFG')}",
            pt,
            Decimal(rng.choice([1, 1, 2, 4, 5])),
            "u",
            Decimal(10 ** rng.uniform(1, 2.5)).quantize(CENT),
            Decimal(20),
        )
        for pt in rng.sample(parts, rng.randint(2, 6))
    ]
    labour = [
        c.Line(
            "MO",
            m,
            Decimal(rng.choice([0.5, 1, 1.5, 2.3])).quantize(Decimal("0.1")),
            "h",
            Decimal(rng.choice([62, 68, 75, 79])),
            Decimal(20),
        )
        for m in rng.sample(["Remplacement freins", "Vidange", "Diagnostic", "Remplacement distribution"], 2)
    ]
    t = c.data.totals(items + labour)
    number = f"F{rng.randint(10000, 99999)}"
    plate = f"{rng.choice(['AB', 'FG', 'GH', 'EK'])}-{rng.randint(100, 999)}-{rng.choice(['CD', 'TX', 'LM'])}"
    vin = "VF1" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(14))
    p = Page(path)
    p.text(15, 18, seller.name, 15, bold=True)
    p.lines(
        15,
        24,
        [*seller.address(), f"Tél. {c.fr_phone(rng)}", "Mécanique - Carrosserie - Entretien toutes marques"],
        8.5,
    )
    p.text(195, 18, f"FACTURE N° {number}", 12, bold=True, align="r")
    p.text(195, 24, f"du {c.fmt_date(issued, 'd/m/Y')}", 9.5, align="r")
    p.text(195, 29, f"Ordre de réparation n° OR{rng.randint(10000, 99999)}", 8.5, align="r")
    p.lines(120, 42, [buyer.name, *buyer.address()], 9.5)
    p.box(15, 62, 180, 14)
    p.text(18, 67, f"Immatriculation : {plate}    VIN : {vin}", 8.5)
    p.text(
        18,
        72,
        f"Kilométrage : {rng.randint(8, 240)} {rng.randint(100, 999)} km    Mise en circulation : "
        f"{c.fmt_date(issued - timedelta(days=rng.randint(700, 5000)), 'd/m/Y')}",
        8.5,
    )
    rows = [[i.ref, i.desc, _q(i.qty), c.money(i.price), c.money(i.net)] for i in items + labour]
    y = p.table(
        15,
        85,
        [28, 92, 15, 22, 23],
        "llrrr",
        ["Référence", "Désignation", "Qté", "P.U. HT", "Total HT"],
        rows,
    )
    tp = sum((i.net for i in items), Decimal(0))
    lines = [
        ("Total pièces HT", tp),
        ("Total main d'œuvre HT", t.net - tp),
        ("Total HT", t.net),
        ("TVA 20 %", t.tax),
        ("Total TTC", t.gross),
        ("Net à payer", t.gross),
    ]
    y += 5
    for label, val in lines:
        p.text(160, y, label, 9, align="r", bold=label == "Net à payer")
        p.text(195, y, c.money(val, "fr", "€"), 9, align="r", bold=label == "Net à payer")
        y += 5
    p.text(15, y + 5, "Pièces remplacées restituées au client sur demande. Garantie pièces 1 an.", 8)
    p.text(105, 284, f"{seller.name} - SIRET {seller.siret} - APE 4520A - TVA {seller.vat}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR", due=True)
    return truth.values


def hotel_folio(rng: random.Random, path: Path) -> dict[str, str]:
    """Small hotel's folio printed at check-out: hotel name centred with stars, "Note n°" with the room,
    arrival and departure dates, number of guests, one line per night and breakfast (10 %), the tourist
    tax outside VAT, "Total TTC", a VAT breakdown "dont TVA", then the payment received by card and the
    balance."""
    seller = c.fr_company(rng)
    seller.name = "Hôtel " + rng.choice(["du Parc", "Le Relais", "des Voyageurs", "Bellevue", "de la Poste"])
    buyer = c.fr_buyer(rng)
    arrival = c.data.issue_date(rng)
    nights = rng.randint(1, 5)
    departure = arrival + timedelta(days=nights)
    room = Decimal(rng.choice([79, 89, 95, 110, 135]))
    bkf = Decimal(rng.choice([9.5, 12, 14])).quantize(CENT)
    taxe = Decimal(rng.choice(["0.90", "1.65", "2.30"]))
    kind = rng.choice(["double", "single", "twin"])
    ttc_rows = []
    for n in range(nights):
        day = arrival + timedelta(days=n)
        ttc_rows.append((c.fmt_date(day, "d/m/Y"), f"Nuitée chambre {kind}", room))
        ttc_rows.append((c.fmt_date(day + timedelta(days=1), "d/m/Y"), "Petit déjeuner", bkf))
    ttc_rows.append((c.fmt_date(departure, "d/m/Y"), f"Taxe de séjour ({nights} nuit(s))", taxe * nights))
    total = sum((r[2] for r in ttc_rows), Decimal(0))
    taxable = total - taxe * nights
    net10 = (taxable / Decimal("1.1")).quantize(CENT, ROUND_HALF_UP)
    tax = taxable - net10
    paid = rng.random() < 0.5
    number = str(rng.randint(10000, 99999))
    p = Page(path)
    p.text(105, 18, seller.name, 16, bold=True, align="c")
    p.text(105, 24, "* * *", 10, align="c")
    p.text(105, 29, f"{seller.street} - {seller.zip} {seller.city} - Tél. {c.fr_phone(rng)}", 8.5, align="c")
    p.lines(120, 45, [buyer.name, *buyer.address()], 9.5)
    info = [
        f"Note n° {number}",
        f"Date : {c.fmt_date(departure, 'd/m/Y')}",
        f"Chambre : {rng.randint(1, 3)}{rng.randint(1, 30):02d}",
        f"Arrivée : {c.fmt_date(arrival, 'd/m/Y')}",
        f"Départ : {c.fmt_date(departure, 'd/m/Y')}",
        f"Nombre de personnes : {rng.randint(1, 2)}",
        f"Réservation : {rng.randint(1000000, 9999999)}",
    ]
    p.lines(15, 45, info, 9)
    rows = [[d, lbl, c.money(a, "fr")] for d, lbl, a in ttc_rows]
    y = p.table(15, 82, [30, 110, 40], "llr", ["Date", "Libellé", "Montant TTC"], rows, size=9)
    y += 5
    p.text(150, y, "Total TTC", 10, bold=True, align="r")
    p.text(195, y, c.money(total, "fr", "EUR"), 10, bold=True, align="r")
    p.grid(
        15,
        y + 6,
        [25, 30, 30, 30],
        [["Taux TVA", "Base HT", "TVA", "TTC"], ["10 %", c.money(net10), c.money(tax), c.money(taxable)]],
        h=5.5,
        size=8,
        aligns="lrrr",
    )
    y += 25
    if paid:
        p.text(150, y, "Réglé CB", 9.5, align="r")
        p.text(195, y, c.money(-total, "fr", "EUR"), 9.5, align="r")
        p.text(150, y + 6, "Solde", 10, bold=True, align="r")
        p.text(195, y + 6, c.money(Decimal(0), "fr", "EUR"), 10, bold=True, align="r")
    else:
        p.text(150, y, "Solde à régler (débiteur)", 10, bold=True, align="r")
        p.text(195, y, c.money(total, "fr", "EUR"), 10, bold=True, align="r")
    p.text(
        105,
        284,
        f"{seller.name} - SARL au capital de {seller.capital} € - SIRET {seller.siret} - TVA {seller.vat}",
        7,
        align="c",
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", departure)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    truth.money("total_incl_tax", total)
    truth.money("amount_due", Decimal(0) if paid else total)
    return truth.values


def formation_convention(rng: random.Random, path: Path) -> dict[str, str]:
    """Training body's invoice as small training organisations issue it: the "N° de déclaration d'activité"
    with its "ne vaut pas agrément de l'État" sentence, the "Convention de formation n°", training title,
    dates and trainee names, VAT exemption (art. 261-4-4° a du CGI) so one "Total net de taxe", and an OPCO
    subrogation decoy."""
    seller = c.fr_company(rng)
    seller.name = (
        rng.choice(["Formasud", "Compétences Plus", "Institut Atlantique", "AFP Conseil"])
        + " "
        + rng.choice(["SARL", "SAS", ""])
    )
    seller.name = seller.name.strip()
    buyer = c.fr_buyer(rng)
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=30)
    days = rng.randint(1, 5)
    trainees = rng.randint(1, 6)
    per_day = Decimal(rng.choice([350, 450, 600, 900, 1200]))
    total = per_day * days * (trainees if rng.random() < 0.5 else 1)
    number = f"FOR-{issued.year}-{rng.randint(1, 300):04d}"
    p = Page(path)
    p.text(15, 18, seller.name, 14, bold=True)
    p.lines(
        15,
        24,
        [
            *seller.address(),
            f"N° de déclaration d'activité : {rng.randint(11, 93)} {rng.randint(10, 99)} "
            f"{rng.randint(10000, 99999)} {rng.randint(10, 99)}",
            "Cet enregistrement ne vaut pas agrément de l'État.",
            f"SIRET : {seller.siret}",
        ],
        8.5,
    )
    p.lines(120, 50, [buyer.name, "Service formation", *buyer.address()], 9.5)
    p.text(15, 78, f"FACTURE {number}", 13, bold=True)
    p.text(15, 84, f"Date : {c.fmt_date(issued, 'd/m/Y')}    Échéance : {c.fmt_date(due, 'd/m/Y')}", 9.5)
    start = issued - timedelta(days=rng.randint(5, 40))
    course = rng.choice(COURSES)
    end = start + timedelta(days=days - 1)
    opco = rng.randint(10**9, 10**10 - 1)
    p.lines(
        15,
        96,
        [
            f"Convention de formation n° CF{issued.year}-{rng.randint(1, 400):03d}",
            f"Intitulé : {course}",
            f"Dates : du {c.fmt_date(start, 'd/m/Y')} au {c.fmt_date(end, 'd/m/Y')} ({days * 7} heures)",
            f"Nombre de stagiaires : {trainees}",
        ],
        9.5,
    )
    y = p.table(
        15,
        125,
        [120, 60],
        "lr",
        ["Désignation", "Montant"],
        [[f"Coût pédagogique ({days} jour(s) x {c.money(per_day)} €)", c.money(total, "fr", "€")]],
        size=9.5,
    )
    p.text(150, y + 6, "Total net de taxe", 10, bold=True, align="r")
    p.text(195, y + 6, c.money(total, "fr", "€"), 10, bold=True, align="r")
    p.text(15, y + 16, "Exonération de TVA - article 261-4-4° a du CGI.", 8.5, italic=True)
    p.text(15, y + 21, f"Paiement par virement : IBAN {c.ids.group(seller.iban)} - BIC {seller.bic}", 8.5)
    p.text(
        15,
        y + 26,
        f"En cas de subrogation, joindre l'accord de prise en charge OPCO n° {opco}.",
        8,
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, vat=False, siret=True, bank=True)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    truth.money("total_incl_tax", total)
    return truth.values


def producteur_ferme(rng: random.Random, path: Path) -> dict[str, str]:
    """Farm producer invoice to a shop or restaurant: GAEC/EARL name, "Vente directe producteur", delivery
    note (bon de livraison) numbers and dates per line, produce at 5.5 %, totals in a small ruled grid with
    "Total HT", "TVA 5,5 %", "Total TTC", payment by cheque; dates written 12.03.2026."""
    seller = c.fr_company(rng)
    seller.name = (
        rng.choice(["GAEC", "EARL", "SCEA"])
        + " "
        + rng.choice(["de la Source", "du Bois Joli", "des Trois Chênes", "Les Vergers"])
    )
    buyer = c.fr_buyer(rng)
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=rng.choice([15, 30]))
    items = []
    for _ in range(rng.randint(2, 12)):
        prod = rng.choice(c.TRADES_FR["ferme"])
        bl = (
            f"BL{rng.randint(100, 999)} du {c.fmt_date(issued - timedelta(days=rng.randint(1, 28)), 'd.m.Y')}"
        )
        items.append(
            c.Line(
                bl,
                prod,
                Decimal(rng.randint(1, 30)),
                "u",
                Decimal(rng.uniform(1.5, 25)).quantize(CENT),
                Decimal("5.5"),
            )
        )
    t = c.data.totals(items)
    number = f"{issued.year % 100}{rng.randint(1, 150):03d}"
    p = Page(path, rng.choice(["Helvetica", "Times"]))
    p.text(15, 20, seller.name, 15, bold=True, colour=(0.2, 0.45, 0.2))
    p.lines(
        15,
        26,
        [
            "Vente directe producteur",
            *seller.address(),
            c.fr_phone(rng),
            f"N° PACAGE {rng.randint(10**8, 10**9 - 1)}",
        ],
        9,
    )
    p.lines(120, 30, [buyer.name, *buyer.address()], 9.5)
    p.text(15, 62, f"Facture n° {number}", 12, bold=True)
    p.text(15, 68, f"Date : {c.fmt_date(issued, 'd.m.Y')}", 9.5)
    p.text(80, 68, f"À régler avant le : {c.fmt_date(due, 'd.m.Y')}", 9.5)
    rows = [[i.ref, i.desc, _q(i.qty), c.money(i.price), c.money(i.net)] for i in items]
    y = p.table(
        15,
        80,
        [40, 75, 15, 25, 25],
        "llrrr",
        ["Livraison", "Produit", "Qté", "Prix HT", "Total HT"],
        rows,
        size=8.5,
    )
    p.grid(
        130,
        y + 4,
        [35, 30],
        [
            ["Total HT", c.money(t.net)],
            ["TVA 5,5 %", c.money(t.tax)],
            ["Total TTC", c.money(t.gross, "fr", "€")],
        ],
        h=6,
        aligns="lr",
    )
    p.text(15, y + 8, "Règlement par chèque à l'ordre de", 9)
    p.text(15, y + 13, seller.name, 9, bold=True)
    p.text(105, 284, f"SIRET {seller.siret} - TVA intracom {seller.vat} - MSA", 7.5, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR")
    return truth.values
