"""French service firms: a SaaS subscription, a consulting firm's fees, an energy bill, a credit note, a
restaurant, a web shop, a micro-entrepreneur without VAT, a training body."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from benchmarks.generated_fpdf.draw import BASE, Result, Sheet, stack, table
from benchmarks.generated_fpdf.fmt import cur, day, grouped, num, siren_spaced, siret_spaced
from benchmarks.generated_fpdf.model import (
    Invoice,
    Line,
    end_of_month_plus,
    fr_party,
    iban,
    issue_date,
    lines_from,
    money,
    seq,
)
from benchmarks.generated_fpdf.parts import LATE_FR, LATE_FR_BCE, address, legal_fr


def saas(rng: random.Random) -> Result:
    """Logo word-mark top-left, 'Facturé à' right, subscription period, paid by card: the identity only in a
    grey footer; amounts with the euro sign before in a plain summary box."""
    seller = fr_party(rng, rng.choice(("Pilotis", "Cadrio", "Quotalis", "Bureaulib")), "SAS")
    seller.name = seller.lines[0] = f"{seller.name.split()[0]} SAS"
    buyer = fr_party(rng, rng.choice(("Agence", "Cabinet", "Studio")), rng.choice(("SARL", "SAS")))
    issue = issue_date(rng)
    plan = rng.choice((("Offre Essentiel", "29.00"), ("Offre Pro", "79.00"), ("Offre Business", "249.00")))
    seats = rng.randint(1, 12)
    inv = Invoice(
        number=f"FAC-{seq(rng, 6)}",
        issue=issue,
        due=issue,
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=[Line(f"{plan[0]} — {seats} utilisateur(s)", Decimal(seats), Decimal(plan[1]), Decimal(20))],
    )
    if rng.random() < 0.6:
        inv.lines.append(Line("Stockage supplémentaire 100 Go", Decimal(1), Decimal("9.90"), Decimal(20)))
    s = Sheet("light")
    s.f(20, True, "sans")
    s.set_text_color(40, 90, 200)
    s.at(15, 14, seller.name.split()[0].lower())
    s.set_text_color(0, 0, 0)
    s.f(9, family="sans")
    s.lines(
        15,
        30,
        [
            f"Facture {inv.number}",
            f"Date de facturation : {day(issue, 'long-fr')}",
            f"Période : {day(issue, 'dmy/')} – {day(issue + timedelta(days=30), 'dmy/')}",
            f"Identifiant de compte : acct_{seq(rng, 8)}",
        ],
    )
    s.f(8, True, "sans")
    s.at(125, 30, "FACTURÉ À")
    s.f(9, family="sans")
    s.lines(125, 35, [buyer.name, *address(buyer), f"TVA : {buyer.vat}"])
    rows = [
        (ln.text, f"{ln.qty:f}", f"€{num(ln.unit, 'en')}", f"€{num(ln.amount, 'en')}") for ln in inv.lines
    ]
    y = table(
        s, 15, 70, (100, 20, 30, 30), ("Description", "Qté", "Prix unitaire", "Montant"), rows, "LRRR", step=7
    )
    s.box(115, y + 3, 80, 30)
    stack(
        s,
        192,
        y + 6,
        [
            ("Sous-total HT", f"€{num(inv.ht, 'en')}"),
            ("TVA (20 %)", f"€{num(inv.tax, 'en')}"),
            ("Total TTC", f"€{num(inv.ttc, 'en')}"),
            ("Payé par carte •••• " + seq(rng, 4), f"€{num(inv.ttc, 'en')}"),
        ],
        label_w=42,
    )
    s.f(7.5, family="sans")
    s.para(15, y + 40, 180, "Prélevé automatiquement sur votre carte bancaire. " + LATE_FR)
    s.set_fill_color(240, 240, 240)
    s.rect(0, 275, 210, 22, "F")
    s.lines(
        15,
        278,
        [
            f"{seller.name} — {seller.street}, {seller.postcode} {seller.city}",
            f"Société par actions simplifiée au capital de {seller.capital} € — RCS {seller.rcs_city} "
            f"{siren_spaced(seller.siren)}",
            f"N° TVA intracommunautaire : {seller.vat}",
        ],
        3.8,
    )
    return s, inv.truth((*BASE, "seller_vat_id", "seller_siren", "buyer_vat_id"))


def conseil(rng: random.Random) -> Result:
    """Consulting fees: seller top-right in serif, identity under the name, 'Client :' caption with SIREN,
    period of service, purchase order, due date written long; bank box at the bottom."""
    seller = fr_party(rng, "Cabinet", rng.choice(("SELARL", "SAS", "SARL")), two_lines=rng.random() < 0.5)
    buyer = fr_party(rng, rng.choice(("Groupe", "Laboratoires", "Transports")), "SA")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"H{issue.year}-{seq(rng, 3)}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        po=f"PO-{seq(rng, 7)}",
        lines=[
            Line(t, Decimal(rng.randint(1, 12)), Decimal(p), Decimal(20))
            for t, p in rng.sample(
                [
                    ("Mission d'audit — jours consultant senior", "950.00"),
                    ("Jours consultant", "720.00"),
                    ("Atelier de restitution", "1200.00"),
                    ("Frais de déplacement (forfait)", "180.00"),
                ],
                2,
            )
        ],
        iban=iban(rng, "FR"),
        bic=rng.choice(("BNPAFRPPXXX", "CMCIFR2A", "PSSTFRPPPAR")),
    )
    s = Sheet(rng.choice(("serif", "times")))
    s.f(14, True)
    y = s.lines(195, 14, seller.lines, 6, "R")
    s.f(8)
    y = s.lines(
        195, y, [*address(seller), f"SIRET {siret_spaced(seller.siret)}", f"TVA {seller.vat}"], 3.9, "R"
    )
    s.f(9)
    s.lines(15, 50, ["Client :", buyer.name, "Direction financière", *address(buyer), f"SIREN {buyer.siren}"])
    s.f(13, True)
    s.at(15, 90, f"Note d'honoraires n° {inv.number}")
    s.f(9.5)
    s.lines(
        15,
        98,
        [
            f"{seller.city}, le {day(issue, 'long-fr')}",
            f"Votre bon de commande : {inv.po}",
            f"Prestations du {day(issue - timedelta(days=60), 'dmy/')} au "
            f"{day(issue - timedelta(days=1), 'dmy/')}",
        ],
        4.6,
    )
    rows = [(ln.text, f"{ln.qty:f}", num(ln.unit, "frs"), num(ln.amount, "frs")) for ln in inv.lines]
    y = table(
        s,
        15,
        120,
        (95, 20, 30, 35),
        ("Prestation", "Jours", "Tarif HT", "Montant HT"),
        rows,
        "LRRR",
        step=6,
        grid=True,
    )
    y = stack(
        s,
        195,
        y + 5,
        [
            ("Total honoraires HT", cur(inv.ht, "EUR", "frs")),
            ("TVA 20 %", cur(inv.tax, "EUR", "frs")),
            ("Total TTC", cur(inv.ttc, "EUR", "frs")),
        ],
        label_w=50,
    )
    s.f(9)
    s.at(15, y + 4, f"Date d'échéance : {day(inv.due, 'long-fr')}")
    s.f(8)
    y = s.para(15, y + 10, 180, LATE_FR)
    s.box(15, y + 4, 120, 18)
    s.f(8.5)
    s.lines(18, y + 6, ["Règlement par virement :", f"IBAN {grouped(inv.iban)}", f"BIC {inv.bic}"])
    printed = (
        *BASE,
        "due_date",
        "seller_vat_id",
        "seller_siret",
        "seller_iban",
        "seller_bic",
        "buyer_siren",
        "purchase_order",
    )
    return s, inv.truth(printed)


def energie(rng: random.Random) -> Result:
    """Energy bill: many decoy numbers (customer, contract, meter, delivery point), a previous balance already
    paid, consumption period, direct debit date; the invoice date is 'Facture du'."""
    seller = fr_party(rng, rng.choice(("Énergies", "Électricité")), "SA")
    seller.name = seller.lines[0] = f"{rng.choice(('Volta', 'Hélios', 'Ekwateur'))} Énergies SA"
    buyer = fr_party(rng, rng.choice(("Boulangerie", "Pharmacie", "Restaurant")), "SARL")
    issue = issue_date(rng)
    kwh = rng.randint(800, 9000)
    inv = Invoice(
        number=f"{seq(rng, 10)}",
        issue=issue,
        due=issue + timedelta(days=15),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=[
            Line("Abonnement", Decimal(1), money(Decimal(rng.randint(1500, 9000)) / 100), Decimal(20)),
            Line("Consommation", Decimal(kwh), Decimal("0.2016"), Decimal(20)),
            Line("Accise sur l'électricité", Decimal(kwh), Decimal("0.0225"), Decimal(20)),
        ],
    )
    s = Sheet("cond")
    s.f(18, True)
    s.set_text_color(0, 120, 90)
    s.at(15, 12, seller.name.split()[0].upper())
    s.set_text_color(0, 0, 0)
    s.f(8)
    s.lines(
        15,
        22,
        [
            seller.name,
            f"Service clients : 09 70 {seq(rng, 2)} {seq(rng, 2)} {seq(rng, 2)}",
            "www.exemple-energie.fr",
        ],
    )
    s.f(9)
    s.lines(120, 40, [buyer.name, *address(buyer)])
    s.f(14, True)
    s.at(15, 60, "Votre facture")
    s.f(9)
    prev = money(Decimal(rng.randint(5000, 60000)) / 100)
    s.lines(
        15,
        68,
        [
            f"Facture n° {inv.number} du {day(issue, 'long-fr')}",
            f"N° client : {seq(rng, 9)}",
            "N° de contrat : "
            f"{seq(rng, 2)}.{seq(rng, 3)}.{seq(rng, 3)}.{seq(rng, 1)}-{issue.year}-{rng.randint(1, 9)}",
            f"Point de livraison (PDL) : {seq(rng, 14)}",
            f"Période de consommation : du {day(issue - timedelta(days=61), 'dmy/')} au "
            f"{day(issue - timedelta(days=1), 'dmy/')}",
        ],
    )
    s.box(15, 96, 180, 22, fill=(230, 245, 240))
    s.f(9)
    s.at(18, 99, f"Solde de la facture précédente : {cur(prev, 'EUR', 'frs')} — réglé, merci.")
    s.f(12, True)
    s.at(18, 105, f"Montant TTC de cette facture : {cur(inv.ttc, 'EUR', 'frs')}")
    s.f(9)
    s.at(
        18,
        112,
        f"Sera prélevé le {day(inv.due, 'dmy/')} sur votre compte FR76 **** **** **** **** "
        f"**{seq(rng, 2)} {seq(rng, 3)}",
    )
    rows = [
        (
            ln.text,
            f"{ln.qty:f}" + (" kWh" if ln.qty > 1 else ""),
            f"{ln.unit:f}".replace(".", ","),
            num(ln.amount, "frs"),
        )
        for ln in inv.lines
    ]
    y = table(
        s, 15, 126, (90, 30, 30, 30), ("Détail", "Quantité", "Prix unitaire HT", "Montant HT"), rows, "LRRR"
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total hors TVA", num(inv.ht, "frs")),
            ("TVA à 20 %", num(inv.tax, "frs")),
            ("Total TTC (€)", num(inv.ttc, "frs")),
        ],
    )
    s.f(7)
    s.para(
        15,
        270,
        180,
        f"{seller.name} au capital de {seller.capital} € — {seller.street} {seller.postcode} "
        f"{seller.city} — RCS {seller.rcs_city} {siren_spaced(seller.siren)} — TVA {seller.vat}. "
        f"{LATE_FR_BCE}",
        3.2,
    )
    # Only the direct-debit date is printed: a debit date is not a due date, so the truth has none.
    return s, inv.truth((*BASE, "seller_vat_id", "seller_siren"))


def avoir(rng: random.Random) -> Result:
    """A credit note: its own number, the invoice it cancels part of (a decoy number and date), negative
    amounts, 'Montant à déduire'; seller centred at the top, client box with a caption."""
    seller = fr_party(rng, rng.choice(("Bureautique", "Fournitures")), rng.choice(("SARL", "SAS")))
    buyer = fr_party(rng, rng.choice(("Notaires", "Clinique", "Lycée privé")), "SCP")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"AV{issue.year % 100}{seq(rng, 4)}",
        issue=issue,
        due=issue,
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Retour marchandise : toner noir", 89.0, "u"),
                ("Remise commerciale", 45.0, "u"),
                ("Ramette papier A4 80 g (carton de 5)", 24.0, "u"),
                ("Fauteuil de bureau ergonomique", 310.0, "u"),
            ],
            rng.randint(1, 3),
        ),
    )
    s = Sheet("sans")
    s.f(15, True)
    s.at(0, 12, seller.name, "C", 210)
    s.f(8)
    s.at(
        0,
        19,
        f"{seller.street} · {seller.postcode} {seller.city} · Tél. {seller.phone} · {seller.email}",
        "C",
        210,
    )
    s.box(115, 32, 80, 28)
    s.f(7.5)
    s.at(117, 33, "CLIENT")
    s.f(9)
    s.lines(117, 38, [buyer.name, *address(buyer), f"Code : {seq(rng, 5)}"])
    s.f(14, True)
    s.at(15, 35, "AVOIR")
    s.f(9)
    credited = f"FA{issue.year % 100}{seq(rng, 4)}"
    s.lines(
        15,
        43,
        [
            f"N° d'avoir : {inv.number}",
            f"Date : {day(issue, 'dmy/')}",
            f"Avoir sur facture n° {credited} du {day(issue - timedelta(days=rng.randint(5, 50)), 'dmy/')}",
        ],
    )
    rows = [(ln.text, f"{ln.qty:f}", num(-ln.unit, "frs"), num(-ln.amount, "frs")) for ln in inv.lines]
    y = table(
        s,
        15,
        70,
        (100, 20, 30, 30),
        ("Désignation", "Qté", "PU HT", "Total HT"),
        rows,
        "LRRR",
        shade=(235, 235, 235),
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", cur(-inv.ht, "EUR", "frs")),
            ("TVA 20 %", cur(-inv.tax, "EUR", "frs")),
            ("Montant TTC à déduire", cur(-inv.ttc, "EUR", "frs")),
        ],
        label_w=50,
    )
    s.f(8)
    s.para(15, y + 6, 180, "Cet avoir sera imputé sur votre prochaine facture ou remboursé sur demande.")
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "SARL", rng), "C", 210)
    return s, inv.truth((*BASE, "seller_vat_id", "seller_siren", "seller_siret"))


def restaurant(rng: random.Random) -> Result:
    """A caterer's invoice for a company meal: VAT at 10 % (food) and 20 % (alcohol), the breakdown per rate
    printed TTC-first as restaurants do, no buyer caption, a narrow ticket-like column."""
    seller = fr_party(rng, rng.choice(("Brasserie", "Traiteur", "Auberge")), "SARL")
    buyer = fr_party(rng, rng.choice(("Conseil", "Assurances", "Mutuelle")), "SA")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}{issue.month:02d}-{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((15, 30))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, [("Menu séminaire", 38.0, "u"), ("Café gourmand", 7.5, "u")], 2, ("10",))
        + lines_from(
            rng, [("Vin rouge AOC bouteille", 29.0, "u"), ("Champagne brut", 55.0, "u")], 1, ("20",)
        ),
    )
    s = Sheet("mono")
    s.f(13, True)
    s.at(55, 14, seller.name, "C", 100)
    s.f(8)
    s.lines(55, 21, [seller.street, f"{seller.postcode} {seller.city}", f"Tél : {seller.phone}"], 3.8)
    s.lines(55, 38, [f"SIRET : {seller.siret}", f"TVA : {seller.vat}"], 3.8)
    s.hline(55, 155, 48)
    s.f(9)
    s.lines(
        55,
        51,
        [
            f"FACTURE N° {inv.number}",
            f"Le {day(issue, 'dmy/')} à {rng.randint(12, 14)}h{seq(rng, 1)}0",
            f"Table {rng.randint(1, 30)} - {rng.randint(6, 40)} couverts",
            "",
            buyer.name,
            *address(buyer),
        ],
        4.2,
    )
    rows = [
        (ln.text, f"{ln.qty:f}", num(money(ln.amount * (100 + ln.rate) / 100), "fr0")) for ln in inv.lines
    ]
    y = table(s, 55, 88, (60, 12, 28), ("Article", "Qté", "TTC"), rows, "LRR", size=8)
    ttc_lines = sum((money(ln.amount * (100 + ln.rate) / 100) for ln in inv.lines), Decimal(0))
    inv.lines = [Line(ln.text, ln.qty, ln.unit, ln.rate) for ln in inv.lines]
    # Restaurants price TTC; the bases are what the TTC lines leave after VAT, so recompute totals from them.
    vat = {r: Decimal(0) for r in (Decimal(10), Decimal(20))}
    for ln in inv.lines:
        vat[ln.rate] += money(ln.amount * (100 + ln.rate) / 100)
    y = table(
        s,
        55,
        y + 3,
        (20, 27, 27, 26),
        ("Taux", "HT", "TVA", "TTC"),
        [
            (
                f"{r}%",
                num(money(t / (1 + r / 100)), "fr0"),
                num(t - money(t / (1 + r / 100)), "fr0"),
                num(t, "fr0"),
            )
            for r, t in vat.items()
            if t
        ],
        "LRRR",
        size=8,
    )
    ht = sum((money(t / (1 + r / 100)) for r, t in vat.items()), Decimal(0))
    s.f(11, True)
    s.at(55, y + 3, "TOTAL TTC EUR")
    s.at(155, y + 3, num(ttc_lines, "fr0"), "R")
    s.f(8)
    s.lines(
        55,
        y + 10,
        [
            f"Total HT : {num(ht, 'fr0')}",
            f"Total TVA : {num(ttc_lines - ht, 'fr0')}",
            f"A régler avant le {day(inv.due, 'dmy/')}",
        ],
        3.8,
    )
    truth = inv.truth((*BASE, "due_date", "seller_vat_id", "seller_siret"))
    truth.update(total_excl_tax=str(ht), total_tax=str(ttc_lines - ht), total_incl_tax=str(ttc_lines))
    return s, truth


def ecommerce(rng: random.Random) -> Result:
    """A web shop: order number and order date above the invoice number, delivery address next to the billing
    address, discount code, shipping, amounts '12,90 €'; identity in a two-line footer with SIREN."""
    seller = fr_party(rng, rng.choice(("Maison", "Jardin", "Cuisine")), "SAS")
    seller.name = seller.lines[0] = f"{seller.name.split()[0]}&Co SAS"
    buyer = fr_party(rng, rng.choice(("Gîte", "Salon de thé", "Crèche")), "SARL")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"INV{issue.year}{seq(rng, 6)}",
        issue=issue,
        due=issue,
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Lot de 6 verres à pied", 24.9, "u"),
                ("Nappe lin 160x250", 59.0, "u"),
                ("Plaid laine", 79.0, "u"),
                ("Set de couteaux", 119.0, "u"),
                ("Bougie parfumée", 18.0, "u"),
            ],
            rng.randint(2, 7),
        ),
        discount_pct=Decimal(rng.choice((0, 10, 15))),
        shipping=Decimal(rng.choice(("0", "6.90", "12.90"))),
    )
    s = Sheet("sans")
    s.f(17, True)
    s.at(15, 12, seller.name.split()[0])
    s.f(8)
    s.at(15, 21, "Merci pour votre commande !")
    s.f(9)
    order_date = issue - timedelta(days=rng.randint(0, 3))
    s.lines(
        125,
        12,
        [
            f"Commande n° {rng.randint(100000, 999999)}",
            f"Date de commande : {day(order_date, 'dmy/')}",
            f"Facture n° : {inv.number}",
            f"Date de facture : {day(issue, 'dmy/')}",
        ],
    )
    s.f(8, True)
    s.at(15, 40, "Adresse de facturation")
    s.at(110, 40, "Adresse de livraison")
    s.f(9)
    s.lines(15, 45, [buyer.name, *address(buyer)])
    s.lines(
        110,
        45,
        [
            f"Mme {rng.choice(('Leroy', 'Caron', 'Noël'))}",
            f"{rng.randint(1, 50)} allée des Roses",
            f"{buyer.postcode} {buyer.city}",
        ],
    )
    rows = [
        (ln.text, f"{ln.qty:f}", cur(ln.unit, "EUR", "frs"), cur(ln.amount, "EUR", "frs")) for ln in inv.lines
    ]
    y = table(
        s,
        15,
        70,
        (95, 15, 35, 35),
        ("Produit", "Qté", "Prix HT", "Total HT"),
        rows,
        "LRRR",
        step=6,
        grid=True,
    )
    tot = [("Sous-total HT", cur(inv.goods, "EUR", "frs"))]
    if inv.discount:
        tot.append((f"Code promo BIENVENUE{inv.discount_pct}", "-" + cur(inv.discount, "EUR", "frs")))
    tot += [
        ("Livraison HT", cur(inv.shipping, "EUR", "frs") if inv.shipping else "Offerte"),
        ("Total HT", cur(inv.ht, "EUR", "frs")),
        ("TVA 20 %", cur(inv.tax, "EUR", "frs")),
        ("Total TTC", cur(inv.ttc, "EUR", "frs")),
    ]
    y = stack(s, 195, y + 4, tot, label_w=50)
    s.f(8)
    s.at(
        15, y + 4, f"Payé par carte bancaire le {day(order_date, 'dmy/')}. Bon de livraison BL-{seq(rng, 7)}."
    )
    s.f(7)
    s.lines(
        15,
        280,
        [
            f"{seller.name} — {seller.street}, {seller.postcode} {seller.city} — capital {seller.capital} €",
            f"SIREN {seller.siren} — RCS {seller.rcs_city} — TVA intracommunautaire {seller.vat}",
        ],
        3.6,
    )
    return s, inv.truth((*BASE, "seller_vat_id", "seller_siren"))


def micro(rng: random.Random) -> Result:
    """A micro-entrepreneur: no VAT ('TVA non applicable, art. 293 B du CGI'), SIRET only, a name that is a
    person's, handwritten-like large title, total only; terms and the 40 € mention."""
    first = rng.choice(("Camille", "Julien", "Sophie", "Thomas", "Léa"))
    seller = fr_party(rng, first, "EI")
    seller.name = seller.lines[0] = f"{first} {seller.name.split()[1]}"
    seller.vat = ""
    buyer = fr_party(rng, rng.choice(("Association", "Agence", "Librairie")), rng.choice(("SARL", "SAS")))
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}-{rng.randint(1, 60):03d}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((15, 30))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Création graphique logo", 450.0, "u"),
                ("Séance photo (demi-journée)", 380.0, "u"),
                ("Cours particulier", 35.0, "h"),
                ("Développement site vitrine", 1200.0, "u"),
            ],
            rng.randint(1, 3),
            ("0",),
        ),
        iban=iban(rng, "FR"),
        bic=rng.choice(("PSSTFRPPPAR", "AGRIFRPP882")),
    )
    s = Sheet("serif")
    s.f(24, True)
    s.at(15, 14, "Facture")
    s.f(10, True)
    s.at(15, 30, seller.name)
    s.f(9)
    s.lines(
        15,
        35,
        [*address(seller), seller.phone, f"SIRET : {siret_spaced(seller.siret)}", "Entrepreneur individuel"],
    )
    s.lines(
        120,
        30,
        [
            f"Numéro : {inv.number}",
            f"Date : {day(issue, 'long-fr')}",
            f"Échéance : {day(inv.due, 'long-fr')}",
        ],
    )
    s.f(9, True)
    s.at(120, 50, "Destinataire")
    s.f(9)
    s.lines(120, 55, [buyer.name, *address(buyer)])
    rows = [
        (ln.text, f"{ln.qty:f}", cur(ln.unit, "EUR", "frs"), cur(ln.amount, "EUR", "frs")) for ln in inv.lines
    ]
    y = table(
        s, 15, 85, (95, 15, 35, 35), ("Description", "Qté", "Prix unitaire", "Total"), rows, "LRRR", step=6
    )
    s.f(11, True)
    s.at(120, y + 4, "Total :")
    s.at(195, y + 4, cur(inv.ttc, "EUR", "frs"), "R")
    s.f(8.5)
    y = s.para(
        15,
        y + 14,
        180,
        f"TVA non applicable, art. 293 B du CGI.\nPaiement par virement sous {(inv.due - issue).days} "
        f"jours.\n{LATE_FR}",
    )
    s.lines(15, y + 3, [f"IBAN : {grouped(inv.iban)}", f"BIC : {inv.bic}"])
    truth = inv.truth(
        (
            "invoice_number",
            "issue_date",
            "due_date",
            "currency",
            "total_incl_tax",
            "seller_name",
            "seller_siret",
            "seller_iban",
            "seller_bic",
            "buyer_name",
        )
    )
    return s, truth


def formation(rng: random.Random) -> Result:
    """A training body: its 'déclaration d'activité' number (11 digits, a decoy), session dates, trainee
    names, exempt from VAT for training (art. 261-4-4° a) and a VAT line for materials; the 'Net à payer'
    after an OPCO subrogation share paid directly by the fund."""
    seller = fr_party(rng, "Formation", rng.choice(("SAS", "SARL")), two_lines=True)
    buyer = fr_party(rng, rng.choice(("Hôtel", "Clinique", "Transports")), "SAS")
    issue = issue_date(rng)
    days = rng.randint(1, 5)
    inv = Invoice(
        number=f"FOR-{issue.strftime('%y%m')}-{seq(rng, 3)}",
        issue=issue,
        due=end_of_month_plus(issue, 30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=[
            Line(
                f"Formation « {rng.choice(('Sécurité incendie', 'Excel avancé', 'Management'))} » — "
                f"{days} jour(s)",
                Decimal(days),
                Decimal(rng.choice(("650.00", "890.00", "1150.00"))),
                Decimal(0),
            ),
            Line("Supports pédagogiques", Decimal(rng.randint(3, 12)), Decimal("25.00"), Decimal(20)),
        ],
        iban=iban(rng, "FR"),
        bic="CMCIFR2A",
    )
    inv.deposit = money(inv.lines[0].amount * Decimal(rng.choice(("0.5", "0.7"))))
    s = Sheet(rng.choice(("sans", "helvetica")))
    s.f(13, True)
    y = s.lines(15, 12, seller.lines, 5.6)
    s.f(8)
    s.lines(
        15,
        y + 1,
        [
            *address(seller),
            f"Déclaration d'activité n° {seq(rng, 11)} auprès du préfet de région",
            f"SIRET {seller.siret} — TVA {seller.vat}",
        ],
        3.8,
    )
    s.f(9)
    s.lines(125, 42, [buyer.name, "Service RH", *address(buyer)])
    s.f(12, True)
    s.at(15, 68, f"FACTURE {inv.number}")
    s.f(9)
    s.lines(
        15,
        75,
        [
            f"Date : {day(issue, 'dmy/')}",
            f"Session du {day(issue - timedelta(days=days + 7), 'dmy/')} au "
            f"{day(issue - timedelta(days=7), 'dmy/')}",
            f"Convention n° CV-{seq(rng, 5)}",
            f"Échéance : {day(inv.due, 'dmy/')}",
            f"Stagiaires : {rng.randint(2, 9)}",
        ],
    )
    rows = [
        (
            ln.text,
            f"{ln.qty:f}",
            num(ln.unit, "frs"),
            "Exo." if not ln.rate else "20 %",
            num(ln.amount, "frs"),
        )
        for ln in inv.lines
    ]
    y = table(
        s,
        15,
        100,
        (90, 15, 25, 20, 30),
        ("Désignation", "Qté", "PU HT", "TVA", "Total HT"),
        rows,
        "LRRRR",
        grid=True,
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", num(inv.ht, "frs")),
            ("TVA 20 % (supports)", num(inv.tax, "frs")),
            ("Total TTC", num(inv.ttc, "frs")),
            ("Prise en charge OPCO (subrogation)", "-" + num(inv.deposit, "frs")),
            ("Net à payer (EUR)", num(inv.amount_due, "frs")),
        ],
        label_w=62,
    )
    s.f(8)
    y = s.para(
        15,
        y + 4,
        180,
        "Exonération de TVA, article 261-4-4° a du CGI, pour les actions de formation. Règlement à "
        "30 jours fin de mois. " + LATE_FR,
    )
    s.lines(15, y + 3, [f"IBAN {inv.iban}  BIC {inv.bic}"])
    printed = (*BASE, "due_date", "amount_due", "seller_vat_id", "seller_siret", "seller_iban", "seller_bic")
    return s, inv.truth(printed)


TEMPLATES = {
    "fr-saas": saas,
    "fr-conseil": conseil,
    "fr-energie": energie,
    "fr-avoir": avoir,
    "fr-restaurant": restaurant,
    "fr-ecommerce": ecommerce,
    "fr-micro": micro,
    "fr-formation": formation,
}
