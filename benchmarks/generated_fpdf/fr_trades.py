"""French tradesmen and small firms: joinery with a deposit, plumbing, a garage, a printer, a bakery supplier,
a builder's progress invoice."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from benchmarks.generated_fpdf.draw import Sheet, stack, table
from benchmarks.generated_fpdf.fmt import cur, day, grouped, num, siren_spaced
from benchmarks.generated_fpdf.model import (
    Invoice,
    end_of_month_plus,
    fr_party,
    iban,
    issue_date,
    lines_from,
    money,
    seq,
)
from benchmarks.generated_fpdf.parts import LATE_FR, LATE_FR_BCE, address, legal_fr, rate_label

JOINERY = [
    ("Fourniture et pose porte intérieure chêne", 420.0, "u"),
    ("Plan de travail stratifié 38 mm", 95.0, "ml"),
    ("Main d'oeuvre menuisier", 48.0, "h"),
    ("Parquet contrecollé chêne naturel", 54.0, "m²"),
    ("Quincaillerie et fixations", 18.5, "u"),
    ("Déplacement", 35.0, "u"),
]
PRINT = [
    ("Cartes de visite 350 g couché mat recto/verso", 0.08, "u"),
    ("Flyers A5 quadri 135 g", 0.05, "u"),
    ("Affiches A2 papier satiné", 3.2, "u"),
    ("Brochure 16 pages agrafée", 1.9, "u"),
    ("BAT et mise en page", 65.0, "u"),
]
GARAGE = [
    ("Vidange huile moteur 5W30", 9.9, "l"),
    ("Filtre à huile", 14.5, "u"),
    ("Plaquettes de frein AV", 62.0, "u"),
    ("Main d'oeuvre atelier", 68.0, "h"),
    ("Pneumatique 205/55 R16 91V", 89.0, "u"),
    ("Contrôle géométrie", 49.0, "u"),
]
FOOD = [
    ("Farine T65 sac 25 kg", 21.0, "u"),
    ("Beurre AOP doux 10 kg", 92.0, "u"),
    ("Levure fraîche 500 g", 2.1, "u"),
    ("Sucre semoule 1 kg", 1.35, "u"),
    ("Chocolat de couverture 70 % 5 kg", 64.0, "u"),
    ("Location vitrine réfrigérée (mois)", 75.0, "u"),
]


def menuiserie(rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """Seller top-left in two lines, client in an address window, deposit deducted: 'Net à payer'."""
    form = rng.choice(("SARL", "EURL"))
    seller = fr_party(rng, "Menuiserie", form, two_lines=True)
    buyer = fr_party(rng, rng.choice(("SCI Les Tilleuls", "Cabinet", "Boulangerie")), "SAS")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"FA-{issue.year}-{rng.randint(1, 999):04d}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, JOINERY, rng.randint(3, 8), ("20", "10")),
        iban=iban(rng, "FR"),
        bic=rng.choice(("CCBPFRPPLYO", "AGRIFRPP839", "CMCIFR2A")),
    )
    inv.deposit = money(inv.ttc * Decimal("0.3"))
    s = Sheet(rng.choice(("sans", "cond")))
    s.f(15, True)
    y = s.lines(15, 15, seller.lines, 6.5)
    s.f(8.5)
    y = s.lines(15, y + 1, [*address(seller), f"Tél. {seller.phone}", seller.email])
    s.box(110, 42, 85, 30)
    s.f(9.5, True)
    s.at(115, 46, buyer.name)
    s.f(9)
    s.lines(115, 52, [f"M. {rng.choice(('Durand', 'Petit', 'Roux'))}", *address(buyer)])
    s.f(13, True)
    s.at(15, 82, f"FACTURE N° {inv.number}")
    s.f(9)
    quote = f"D{issue.year % 100}-{rng.randint(100, 400)}"
    s.lines(
        15,
        90,
        [
            f"Date : {day(issue, 'dmy/')}",
            f"Date d'échéance : {day(inv.due, 'dmy/')}",
            f"Votre code client : C{seq(rng, 5)}",
            f"Suivant devis n° {quote} du {day(issue - timedelta(days=40), 'dmy/')}",
            f"Chantier : {rng.randint(2, 90)} rue des Lilas, {buyer.postcode} {buyer.city}",
        ],
    )
    rows = [
        (
            ln.text,
            num(ln.qty, "frs").replace(",00", ""),
            ln.unit_name,
            num(ln.unit, "frs"),
            rate_label(ln.rate),
            num(ln.amount, "frs"),
        )
        for ln in inv.lines
    ]
    y = table(
        s,
        15,
        118,
        (85, 15, 12, 25, 13, 30),
        ("Désignation", "Qté", "U.", "P.U. HT", "TVA", "Montant HT"),
        rows,
        "LRLRRR",
        grid=True,
    )
    tot = [("Total HT", cur(inv.ht, "EUR", "frs"))]
    for rate, vat in inv.vat_by_rate().items():
        tot.append((f"TVA {rate_label(rate)} %", cur(vat, "EUR", "frs")))
    if len(tot) > 2:
        tot.append(("Total TVA", cur(inv.tax, "EUR", "frs")))
    tot += [
        ("Total TTC", cur(inv.ttc, "EUR", "frs")),
        (
            f"Acompte versé le {day(issue - timedelta(days=35), 'dmy/')}",
            "- " + cur(inv.deposit, "EUR", "frs"),
        ),
        ("NET À PAYER", cur(inv.amount_due, "EUR", "frs")),
    ]
    y = stack(s, 195, y + 4, tot, label_w=55)
    s.f(8)
    y = s.para(15, y + 4, 110, f"Règlement par virement à réception. {LATE_FR}")
    s.lines(15, y + 2, [f"IBAN : {grouped(inv.iban)}", f"BIC : {inv.bic}"])
    s.f(7)
    s.at(0, 285, legal_fr(seller, form, rng), "C", 210)
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "amount_due",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
        "buyer_name",
    )
    return s, inv.truth(printed)


def imprimerie(rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """Word-mark centred on top, a header grid of boxes (N°, date, client, page), totals as a row of
    column headers with the amounts under them; identity under the name."""
    seller = fr_party(rng, "Imprimerie", "SAS")
    buyer = fr_party(rng, rng.choice(("Agence", "Librairie", "Librairie")), rng.choice(("SARL", "SAS")))
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}/{rng.randint(10, 980)}",
        issue=issue,
        due=end_of_month_plus(issue, 45),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, PRINT, rng.randint(2, 6)),
        po=f"BC{seq(rng, 6)}",
    )
    for ln in inv.lines:
        if ln.unit < 5:
            ln.qty = Decimal(rng.choice((250, 500, 1000, 2500)))
    s = Sheet("serif")
    s.f(22, True)
    word = seller.name.split()[1].upper()
    s.at(0, 12, word, "C", 210)
    s.f(8)
    s.at(
        0, 22, f"{seller.name} · {seller.street} · {seller.postcode} {seller.city} · {seller.phone}", "C", 210
    )
    s.at(0, 26, f"SIRET {seller.siret} · TVA {seller.vat}", "C", 210)
    s.f(9)
    s.lines(120, 40, ["Adresse de facturation", "", buyer.name, *address(buyer)])
    s.f(16, True)
    s.at(15, 70, "Facture")
    cells = [
        ("Numéro", inv.number),
        ("Date", day(issue, "dmy.")),
        ("Code client", f"{seq(rng, 6)}"),
        ("Votre commande", inv.po),
        ("Page", "1/1"),
    ]
    for i, (label, value) in enumerate(cells):
        s.box(15 + i * 36, 80, 36, 12)
        s.f(7)
        s.at(17 + i * 36, 81, label)
        s.f(9, True)
        s.at(17 + i * 36, 86, value)
    rows = [
        (
            ln.text,
            f"{ln.qty:f}",
            num(ln.unit, "frs") if ln.unit >= 1 else f"{ln.unit:f}".replace(".", ","),
            num(ln.amount, "frs"),
        )
        for ln in inv.lines
    ]
    y = table(
        s,
        15,
        100,
        (100, 20, 25, 35),
        ("Désignation", "Quantité", "P.U. HT", "Total HT"),
        rows,
        "LRRR",
        shade=(225, 225, 225),
    )
    heads = ("Base HT", "Taux TVA", "Montant TVA", "Total TTC", "Échéance")
    vals = (
        num(inv.ht, "frs"),
        "20,00 %",
        num(inv.tax, "frs"),
        num(inv.ttc, "frs") + " €",
        day(inv.due, "dmy."),
    )
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        s.box(15 + i * 36, y + 6, 36, 14)
        s.f(7.5, True)
        s.at(15 + i * 36, y + 7, h, "C", 36)
        s.f(9.5, i == 3)
        s.at(15 + i * 36, y + 13, v, "C", 36)
    s.f(8)
    y = s.para(
        15,
        y + 26,
        180,
        "Conditions de règlement : 45 jours fin de mois, par chèque ou virement. " + LATE_FR_BCE,
    )
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siret",
        "buyer_name",
        "purchase_order",
    )
    return s, inv.truth(printed)


def garage(rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """Car workshop: seller top-right, vehicle and mileage block, order-repair number as a decoy, footer
    identity, totals in a grey box; monospace figures."""
    seller = fr_party(rng, "Garage", rng.choice(("SARL", "SAS")))
    seller.name = seller.lines[0] = f"Garage {seller.name.split()[1]} Automobiles"
    buyer = fr_party(rng, rng.choice(("Taxis", "Ambulances", "Plomberie")), "SARL")
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{rng.randint(1, 9)}{seq(rng, 5)}",
        issue=issue,
        due=issue,
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, GARAGE, rng.randint(3, 9)),
    )
    s = Sheet("helvetica")
    s.f(16, True)
    s.at(195, 14, seller.name, "R")
    s.f(8.5)
    s.lines(195, 22, [*address(seller), f"Tél {seller.phone}", "Agréé toutes marques"], align="R")
    s.f(9)
    s.lines(
        15,
        15,
        [
            f"Facture n° {inv.number}",
            f"du {day(issue, 'dmy/')}",
            f"OR n° {seq(rng, 6)}",
            f"Client n° {seq(rng, 4)}",
        ],
    )
    s.f(9, True)
    s.at(15, 48, buyer.name)
    s.f(9)
    s.lines(15, 53, address(buyer))
    left, right = rng.choice("ABCDEFGH") + rng.choice("KLMNPR"), rng.choice("QRSTVW") + rng.choice("XYZ")
    plate = f"{left}-{seq(rng, 3)}-{right}"
    s.box(110, 48, 85, 18)
    s.lines(
        112,
        50,
        [
            f"Véhicule : {rng.choice(('Renault Kangoo', 'Peugeot Partner', 'Citroën Berlingo'))}",
            f"Immat. : {plate}",
            f"Kilométrage : {rng.randint(20, 240)} {seq(rng, 3)} km",
        ],
    )
    rows = [
        (f"{seq(rng, 4)}", ln.text, f"{ln.qty:f}", num(ln.unit, "fr0"), num(ln.amount, "fr0"))
        for ln in inv.lines
    ]
    s.set_font("courier", "", 8.5)
    y = table(
        s,
        15,
        75,
        (18, 92, 15, 25, 30),
        ("Réf.", "Désignation", "Qté", "P.U. HT", "Montant HT"),
        rows,
        "LLRRR",
    )
    s.box(120, y + 4, 75, 24, fill=(235, 235, 235))
    stack(
        s,
        193,
        y + 6,
        [
            ("Total H.T.", num(inv.ht, "fr0")),
            ("T.V.A. 20 %", num(inv.tax, "fr0")),
            ("Total T.T.C. EUR", num(inv.ttc, "fr0")),
        ],
        label_w=40,
    )
    s.f(8)
    s.para(15, y + 34, 180, f"Payable comptant à réception, le {day(issue, 'dmy/')}. " + LATE_FR)
    s.f(6.5)
    s.at(0, 284, legal_fr(seller, "SARL", rng, siret=False), "C", 210)
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "buyer_name",
    )
    return s, inv.truth(printed)


def grossiste(rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """A food wholesaler: 15-25 rows at 5.5 % and 20 %, flowing onto page 2 where the VAT table per rate,
    the totals and the bank box stand; delivery note references on every row."""
    seller = fr_party(rng, "Distribution", "SA", two_lines=False)
    seller.name = seller.lines[0] = f"Établissements {seller.name.split()[1]} Distribution SA"
    buyer = fr_party(rng, "Boulangerie", rng.choice(("SARL", "EURL")))
    issue = issue_date(rng)
    inv = Invoice(
        number=f"F{issue.year % 100}{issue.month:02d}{seq(rng, 5)}",
        issue=issue,
        due=end_of_month_plus(issue, 30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, FOOD, rng.randint(18, 25), ("5.5", "5.5", "20")),
        iban=iban(rng, "FR"),
        bic=rng.choice(("BNPAFRPPXXX", "SOGEFRPP")),
    )

    def top(sh: Sheet) -> float:
        sh.f(8)
        sh.at(15, 10, f"{seller.name} — Facture {inv.number} — suite")
        sh.at(195, 10, f"Page {sh.page_no()}/2", "R")
        return 20

    s = Sheet(rng.choice(("cond", "sans")))
    s.f(13, True)
    s.at(15, 12, seller.name)
    s.f(8)
    s.lines(15, 19, [*address(seller), f"Tél. {seller.phone} — Fax {seller.phone[:-2]}{seq(rng, 2)}"])
    s.f(12, True)
    s.at(120, 12, "FACTURE")
    s.f(8.5)
    s.lines(
        120, 19, [f"N° : {inv.number}", f"Date : {day(issue, 'dmy/')}", f"Client : {seq(rng, 6)}", "Page 1/2"]
    )
    s.f(9)
    s.lines(120, 45, [buyer.name, *address(buyer)])
    rows = []
    for i, ln in enumerate(inv.lines):
        bl = f"BL {seq(rng, 6)}" if i % 4 == 0 else ""
        rows.append(
            (bl, ln.text, num(ln.qty, "frs"), num(ln.unit, "frs"), rate_label(ln.rate), num(ln.amount, "frs"))
        )
    y = table(
        s,
        15,
        70,
        (22, 80, 15, 22, 12, 29),
        ("BL", "Article", "Qté", "PU HT", "TVA", "Total HT"),
        rows,
        "LLRRRR",
        bottom=200 if len(rows) > 22 else 150,
        on_new_page=top,
    )
    if s.page_no() == 1:
        s.add_page()
        y = top(s)
    y = table(
        s,
        15,
        y + 4,
        (30, 30, 30, 30),
        ("Taux", "Base HT", "TVA", "TTC"),
        [
            (
                f"{rate_label(r)} %",
                num(b, "frs"),
                num(inv.vat_by_rate()[r], "frs"),
                num(b + inv.vat_by_rate()[r], "frs"),
            )
            for r, b in sorted(inv.bases().items())
        ],
        "LRRR",
    )
    stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", cur(inv.ht, "EUR", "frs")),
            ("Total TVA", cur(inv.tax, "EUR", "frs")),
            ("Total TTC", cur(inv.ttc, "EUR", "frs")),
        ],
    )
    s.f(8)
    y = s.para(
        15,
        y + 24,
        180,
        f"Échéance : {day(inv.due, 'dmy/')} (30 jours fin de mois). Prélèvement SEPA le "
        f"{day(inv.due, 'dmy/')} sur votre compte. {LATE_FR}",
    )
    s.box(15, y + 3, 110, 14)
    s.lines(17, y + 5, [f"IBAN {grouped(inv.iban)}", f"BIC {inv.bic}"])
    s.f(6.5)
    s.at(0, 284, legal_fr(seller, "SA", rng), "C", 210)
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
        "buyer_name",
    )
    return s, inv.truth(printed)


def situation_btp(rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """Builder's progress invoice ('situation de travaux'): contract number, percentage of completion,
    previous situations deducted, retention; 'Reste à payer' differs from the total TTC."""
    seller = fr_party(rng, "Bâtiment", "SAS", two_lines=True)
    buyer = fr_party(rng, "SCI", "SCI")
    buyer.siren = buyer.siren
    issue = issue_date(rng)
    market = money(Decimal(rng.randint(40_000, 250_000)))
    done = Decimal(rng.choice((35, 50, 60, 75, 90)))
    before = Decimal(rng.choice((20, 25, 30)))
    inv = Invoice(
        number=f"SIT-{issue.year}-{seq(rng, 3)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((30, 45))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=[],
        iban=iban(rng, "FR"),
        bic=rng.choice(("CCBPFRPPNAN", "AGRIFRPP882")),
    )
    from benchmarks.generated_fpdf.model import Line

    inv.lines = [
        Line(
            f"Situation n° {rng.randint(2, 6)} : travaux réalisés {done - before} %",
            Decimal(1),
            money(market * (done - before) / 100),
            Decimal(20),
        )
    ]
    inv.deposit = money(inv.ttc * Decimal("0.05"))  # 5 % retention of guarantee
    s = Sheet("scond")
    s.f(14, True)
    s.lines(105, 12, seller.lines, 6, align="C")
    s.f(8)
    s.at(0, 26, f"{seller.street} — {seller.postcode} {seller.city} — {seller.phone}", "C", 210)
    s.f(9)
    s.lines(
        15, 40, ["Maître d'ouvrage :", buyer.name, *address(buyer), f"SIREN : {siren_spaced(buyer.siren)}"]
    )
    s.lines(
        120,
        40,
        [
            f"Marché n° {seq(rng, 2)}-{seq(rng, 3)}",
            f"Montant du marché HT : {cur(market, 'EUR', 'frs')}",
            f"Avancement cumulé : {done} %",
            f"Situations antérieures : {before} %",
        ],
    )
    s.f(12, True)
    s.at(15, 75, f"SITUATION DE TRAVAUX — FACTURE N° {inv.number}")
    s.f(9)
    s.at(
        15,
        82,
        f"Établie le {day(issue, 'long-fr')} — Période du {day(issue - timedelta(days=30), 'dmy/')} "
        f"au {day(issue - timedelta(days=1), 'dmy/')}",
    )
    cum = money(market * done / 100)
    prev = money(market * before / 100)
    rows = [
        ("Travaux cumulés à date", num(cum, "frs")),
        ("À déduire : situations précédentes", "- " + num(prev, "frs")),
        ("Montant de la situation HT", num(inv.ht, "frs")),
        ("TVA 20 %", num(inv.tax, "frs")),
        ("Montant TTC de la situation", num(inv.ttc, "frs")),
        ("Retenue de garantie 5 %", "- " + num(inv.deposit, "frs")),
        ("Reste à payer TTC", num(inv.amount_due, "frs") + " €"),
    ]
    y = 95.0
    for i, (label, value) in enumerate(rows):
        s.f(9.5, i in (4, 6))
        s.box(15, y, 130, 7)
        s.box(145, y, 50, 7)
        s.at(17, y + 1.5, label)
        s.at(193, y + 1.5, value, "R")
        y += 7
    s.f(8.5)
    y = s.para(
        15,
        y + 6,
        180,
        f"Paiement à {(inv.due - issue).days} jours, soit au plus tard le "
        f"{day(inv.due, 'dmy/')}.\n{LATE_FR_BCE}",
    )
    s.lines(15, y + 3, [f"Coordonnées bancaires : IBAN {grouped(inv.iban)} — BIC {inv.bic}"])
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "SAS", rng), "C", 210)
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "amount_due",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
        "buyer_name",
        "buyer_siren",
    )
    return s, inv.truth(printed)


TEMPLATES = {
    "fr-menuiserie": menuiserie,
    "fr-imprimerie": imprimerie,
    "fr-garage": garage,
    "fr-grossiste": grossiste,
    "fr-situation-btp": situation_btp,
}
