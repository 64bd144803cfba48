"""More French layouts: a haulier, a plumber's intervention sheet, a monthly equipment rental, an exporter's
bilingual invoice, an Irish agency billing a French client in English (reverse charge), a hotel folio and an
IT reseller's ERP grid."""

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


def transport(rng: random.Random) -> Result:
    """A haulier: one row per consignment note (lettre de voiture) with dates, towns and weights, a fuel
    surcharge ('surcharge gazole' %), totals as a row under column headers, identity under the name with the
    transport licence number; 'Date de facture' in a header box at the right."""
    seller = fr_party(rng, "Transports", rng.choice(("SARL", "SAS")))
    buyer = fr_party(
        rng, rng.choice(("Scierie", "Coopérative", "Carrières")), rng.choice(("SA", "SCA", "SAS"))
    )
    issue = issue_date(rng)
    rows_n = rng.randint(4, 14)
    lines = []
    for _ in range(rows_n):
        lines.append(
            Line(
                f"LV {seq(rng, 7)} {rng.choice(('Lyon', 'Mâcon', 'Valence', 'Grenoble'))} > "
                f"{rng.choice(('Paris', 'Lille', 'Rouen', 'Metz'))} {rng.randint(2, 24)} t",
                Decimal(1),
                money(Decimal(rng.randint(35000, 140000)) / 100),
                Decimal(20),
            )
        )
    inv = Invoice(
        number=f"T{seq(rng, 6)}",
        issue=issue,
        due=end_of_month_plus(issue, 30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines,
    )
    fuel = money(inv.goods * Decimal("0.084"))
    inv.shipping = fuel
    s = Sheet(rng.choice(("cond", "helvetica")))
    s.f(14, True)
    s.at(15, 12, seller.name.upper())
    s.f(7.5)
    s.lines(
        15,
        19,
        [
            *address(seller),
            f"Tél {seller.phone}",
            f"Licence communautaire n° {seq(rng, 4)}/{seq(rng, 2)}/{seq(rng, 7)}",
            f"SIRET {seller.siret} - N° TVA {seller.vat}",
        ],
        3.6,
    )
    s.box(130, 12, 65, 20)
    s.f(9, True)
    s.at(132, 14, f"FACTURE N° {inv.number}")
    s.f(8.5)
    s.lines(132, 20, [f"Date de facture : {day(issue, 'dmy/')}", f"Compte client : 411{seq(rng, 5)}"], 4)
    s.f(9)
    s.lines(120, 42, [buyer.name, "Service comptabilité", *address(buyer)])
    rows = [
        (day(issue - timedelta(days=rng.randint(3, 28)), "dmy2"), ln.text, num(ln.amount, "frs"))
        for ln in inv.lines
    ]
    y = table(
        s,
        15,
        75,
        (22, 128, 30),
        ("Date", "Enlèvement / livraison", "Montant HT"),
        rows,
        "LLR",
        grid=True,
        step=5.5,
    )
    s.f(9)
    s.at(15, y + 2, f"Surcharge gazole 8,4 % : {num(fuel, 'frs')}")
    heads = ("Total transport HT", "Surcharge", "Total HT", "TVA 20 %", "Total TTC")
    vals = (
        num(inv.goods, "frs"),
        num(fuel, "frs"),
        num(inv.ht, "frs"),
        num(inv.tax, "frs"),
        num(inv.ttc, "frs") + " EUR",
    )
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        s.f(7.5, True)
        s.at(15 + i * 36, y + 10, h, "C", 36)
        s.f(9.5, i == 4)
        s.at(15 + i * 36, y + 15, v, "C", 36)
    s.hline(15, 195, y + 14)
    s.f(8)
    s.para(
        15,
        y + 24,
        180,
        f"Échéance : {day(inv.due, 'dmy/')} — 30 jours fin de mois (art. L441-11 du Code de "
        f"commerce). {LATE_FR_BCE}",
    )
    return s, inv.truth((*BASE, "due_date", "seller_vat_id", "seller_siret"))


def plomberie(rng: random.Random) -> Result:
    """A plumber's intervention invoice: a boxed 'logo' top-right, the seller name small top-left with RGE
    and insurance mentions, the customer only as an address window without caption, an intervention
    number and date, reduced VAT 10 % on renovation, 'Reste dû' after a cash deposit."""
    seller = fr_party(rng, "Plomberie Chauffage", "EURL", two_lines=True)
    buyer = fr_party(
        rng, rng.choice(("SCI", "Syndic", "Cabinet dentaire")), rng.choice(("SARL", "SCI", "SAS"))
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.strftime('%y')}-{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((10, 30))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Recherche de fuite", 140.0, "u"),
                ("Remplacement ballon eau chaude 200 L", 890.0, "u"),
                ("Main d'oeuvre", 55.0, "h"),
                ("Raccords cuivre et joints", 22.0, "u"),
                ("Désembouage circuit chauffage", 420.0, "u"),
            ],
            rng.randint(2, 6),
            ("10",),
        ),
        iban=iban(rng, "FR"),
        bic=rng.choice(("CCBPFRPPNAN", "AGRIFRPP882", "SOGEFRPP")),
    )
    inv.deposit = money(Decimal(rng.choice((100, 150, 300))))
    s = Sheet(rng.choice(("sans", "scond")))
    s.box(150, 10, 45, 20)
    s.f(15, True)
    s.at(150, 15, "".join(w[0] for w in seller.lines[0].split()[:2]) + "+", "C", 45)
    s.f(10, True)
    y = s.lines(15, 12, seller.lines, 4.8)
    s.f(7.5)
    s.lines(
        15,
        y + 1,
        [
            *address(seller),
            seller.phone,
            f"Qualification RGE n° E-E{seq(rng, 6)}",
            f"Assurance décennale {rng.choice(('MAAF', 'AXA', 'SMABTP'))} n° {seq(rng, 8)}",
        ],
        3.6,
    )
    s.f(10)
    s.lines(115, 45, [buyer.name, *address(buyer)], 4.6)
    s.f(11, True)
    s.at(15, 75, "Facture")
    s.f(9)
    s.lines(
        15,
        82,
        [
            f"N° {inv.number}",
            f"Du {day(issue, 'dmy/')}",
            f"Intervention n° {seq(rng, 5)} du {day(issue - timedelta(days=rng.randint(1, 9)), 'dmy/')}",
            f"Lieu : {rng.randint(1, 99)} rue Pasteur, {buyer.postcode} {buyer.city}",
        ],
        4.4,
    )
    rows = [(ln.text, num(ln.qty, "frs"), num(ln.unit, "frs"), num(ln.amount, "frs")) for ln in inv.lines]
    y = table(
        s,
        15,
        105,
        (100, 20, 30, 30),
        ("Désignation des travaux", "Qté", "PU HT", "Total HT"),
        rows,
        "LRRR",
        grid=True,
        shade=(220, 235, 250),
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", cur(inv.ht, "EUR", "frs")),
            ("TVA 10 %", cur(inv.tax, "EUR", "frs")),
            ("Total TTC", cur(inv.ttc, "EUR", "frs")),
            ("Acompte reçu (espèces)", cur(inv.deposit, "EUR", "frs")),
            ("Reste dû", cur(inv.amount_due, "EUR", "frs")),
        ],
        label_w=45,
    )
    s.f(7.5)
    y = s.para(
        15,
        y + 3,
        180,
        "TVA au taux réduit de 10 % : travaux d'amélioration dans un local d'habitation achevé "
        "depuis plus de deux ans "
        f"(attestation remise). Paiement avant le {day(inv.due, 'dmy/')}. {LATE_FR}",
    )
    s.lines(15, y + 2, [f"RIB : IBAN {grouped(inv.iban)} · BIC {inv.bic}"])
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "EURL", rng), "C", 210)
    printed = (
        *BASE,
        "due_date",
        "amount_due",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
    )
    return s, inv.truth(printed)


def location(rng: random.Random) -> Result:
    """Monthly equipment rental: contract number with dots and dashes, rental period, the previous balance
    and the payment received printed as a running account ('Solde antérieur', 'Règlement reçu'), direct debit
    date, buyer under 'Locataire'."""
    seller = fr_party(rng, "Location Matériel", "SAS")
    buyer = fr_party(rng, rng.choice(("Paysages", "Terrassement", "Événements")), rng.choice(("SARL", "SAS")))
    issue = issue_date(rng).replace(day=1)
    inv = Invoice(
        number=f"LOC{issue.year}{issue.month:02d}{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=9),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Mini-pelle 2,5 t — loyer mensuel", 1450.0, "u"),
                ("Nacelle ciseaux 8 m — loyer mensuel", 980.0, "u"),
                ("Assurance bris de machine", 95.0, "u"),
                ("Groupe électrogène 20 kVA", 610.0, "u"),
            ],
            rng.randint(1, 4),
        ),
    )
    s = Sheet(rng.choice(("serif", "times")))
    s.f(16, True)
    s.at(15, 12, seller.name)
    s.f(8)
    s.lines(
        15,
        20,
        [
            f"{seller.street} — {seller.postcode} {seller.city}",
            f"Capital {seller.capital} € — SIREN {siren_spaced(seller.siren)} — TVA {seller.vat}",
        ],
        3.8,
    )
    s.f(9, True)
    s.at(120, 35, "Locataire")
    s.f(9)
    s.lines(120, 40, [buyer.name, *address(buyer), f"SIRET {siret_spaced(buyer.siret)}"])
    s.f(12, True)
    s.at(15, 40, "FACTURE DE LOYER")
    s.f(9)
    contract = f"{seq(rng, 2)}.{seq(rng, 3)}.{seq(rng, 3)}.{seq(rng, 1)}-{issue.year}-{rng.randint(1, 9)}"
    end = end_of_month_plus(issue, 0)
    s.lines(
        15,
        48,
        [
            f"N° {inv.number}",
            f"Émise le {day(issue, 'long-fr')}",
            f"Contrat {contract}",
            f"Période du {day(issue, 'dmy/')} au {day(end, 'dmy/')}",
        ],
        4.4,
    )
    rows = [(ln.text, f"{ln.qty:f}", num(ln.unit, "frs"), num(ln.amount, "frs")) for ln in inv.lines]
    y = table(
        s, 15, 80, (100, 15, 30, 35), ("Matériel", "Qté", "Loyer HT", "Montant HT"), rows, "LRRR", grid=True
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", num(inv.ht, "frs")),
            ("TVA 20,00 %", num(inv.tax, "frs")),
            ("Total TTC EUR", num(inv.ttc, "frs")),
        ],
        label_w=40,
    )
    prev = money(Decimal(rng.randint(50000, 400000)) / 100)
    s.f(8.5, True)
    s.at(15, y + 5, "Situation de votre compte")
    s.f(8.5)
    y = table(
        s,
        15,
        y + 10,
        (90, 30),
        ("Libellé", "Montant"),
        [
            ("Solde antérieur", num(prev, "frs")),
            (f"Règlement reçu le {day(issue - timedelta(days=20), 'dmy/')}", "-" + num(prev, "frs")),
            ("Facture du mois", num(inv.ttc, "frs")),
        ],
        "LR",
        size=8,
    )
    s.f(8.5)
    s.para(
        15,
        y + 3,
        180,
        f"Montant prélevé le {day(inv.due, 'dmy/')} selon mandat SEPA RUM "
        f"{seq(rng, 3)}-{seq(rng, 8)}. {LATE_FR}",
    )
    # Only the direct-debit date is printed: a debit date is not a due date, so the truth has none.
    return s, inv.truth((*BASE, "seller_vat_id", "seller_siren"))


def export_bilingue(rng: random.Random) -> Result:
    """A French exporter's bilingual invoice ('Facture / Invoice'), intra-EU delivery exempt of VAT
    (art. 262 ter I du CGI), the buyer's foreign VAT number, Incoterm, amounts '€ 1 234,56', the
    bank details in a box at the right, totals in a boxed summary."""
    seller = fr_party(rng, rng.choice(("Vignobles", "Fromagerie", "Parfums")), "SAS")
    from benchmarks.generated_fpdf.model import foreign_party

    country = rng.choice(("DE", "IT", "NL", "ES"))
    buyer = foreign_party(
        rng,
        country,
        f"{rng.choice(('Alpha', 'Nordic', 'Delta'))} {rng.choice(('Import', 'Trading', 'Food'))} "
        f"{dict(DE='GmbH', IT='S.p.A.', NL='B.V.', ES='S.A.')[country]}",
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"EX{issue.year}/{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=60),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Carton 6 bouteilles AOC / case of 6 bottles", 72.0, "u"),
                ("Coffret cadeau / gift box", 38.0, "u"),
                ("Palette Europe consignée / pallet deposit", 15.0, "u"),
            ],
            rng.randint(2, 5),
            ("0",),
        ),
        iban=iban(rng, "FR"),
        bic=rng.choice(("AGRIFRPP882", "BNPAFRPPXXX")),
        po=f"{seq(rng, 4)}-{rng.choice('ABC')}{seq(rng, 3)}",
    )
    s = Sheet("sans")
    s.f(14, True)
    s.at(15, 12, seller.name)
    s.f(8)
    s.lines(
        15,
        19,
        [*address(seller, True), f"TVA / VAT : {seller.vat}", f"EORI : {seller.vat}00{seq(rng, 3)}"],
        3.8,
    )
    s.f(16, True)
    s.at(195, 12, "FACTURE / INVOICE", "R")
    s.f(9)
    s.lines(
        195,
        21,
        [
            f"N° / No. : {inv.number}",
            f"Date : {day(issue, 'dmy/')}",
            f"Votre commande / Your order : {inv.po}",
        ],
        4.4,
        "R",
    )
    s.f(8, True)
    s.at(15, 48, "Destinataire / Consignee")
    s.f(9)
    s.lines(
        15,
        53,
        [
            buyer.name,
            buyer.street,
            f"{buyer.postcode} {buyer.city}",
            {"DE": "Allemagne", "IT": "Italie", "NL": "Pays-Bas", "ES": "Espagne"}[country],
            f"VAT : {buyer.vat}",
        ],
    )
    s.lines(
        120,
        53,
        [
            "Incoterm : DAP",
            f"Transporteur / Carrier : {rng.choice(('Geodis', 'DB Schenker', 'Kuehne+Nagel'))}",
            f"Poids brut / Gross weight : {rng.randint(80, 900)} kg",
        ],
    )
    rows = [
        (ln.text, f"{ln.qty:f}", f"€ {num(ln.unit, 'frs')}", f"€ {num(ln.amount, 'frs')}") for ln in inv.lines
    ]
    y = table(
        s,
        15,
        85,
        (100, 15, 30, 35),
        ("Désignation / Description", "Qté", "PU / Unit", "Total"),
        rows,
        "LRRR",
        grid=True,
    )
    s.box(115, y + 4, 80, 22)
    stack(
        s,
        193,
        y + 6,
        [
            ("Total HT / Net", f"€ {num(inv.ht, 'frs')}"),
            ("TVA / VAT 0 %", "€ 0,00"),
            ("Total TTC / Gross", f"€ {num(inv.ttc, 'frs')}"),
        ],
        label_w=40,
    )
    s.box(15, y + 4, 90, 22)
    s.f(8)
    s.lines(
        17,
        y + 6,
        [
            "Banque / Bank",
            f"IBAN {grouped(inv.iban)}",
            f"BIC {inv.bic}",
            f"Échéance / Due : {day(inv.due, 'dmy/')}",
        ],
        4,
    )
    s.para(
        15,
        y + 32,
        180,
        "Exonération de TVA, article 262 ter I du CGI — livraison intracommunautaire. VAT exempt "
        "intra-community supply. " + LATE_FR,
    )
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "SAS", rng, vat=False), "C", 210)
    printed = (
        "invoice_number",
        "issue_date",
        "due_date",
        "currency",
        "total_excl_tax",
        "total_incl_tax",
        "seller_name",
        "buyer_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
        "buyer_vat_id",
        "purchase_order",
    )
    return s, inv.truth(printed)


def ie_agency(rng: random.Random) -> Result:
    """An Irish agency billing a French client in English: euro sign before ('€1,234.56'), reverse charge
    wording, the client's FR VAT number under 'Client', 'Invoice date' and 'Payment due' in a right column,
    project code as a reference, a discount line."""
    from stdnum.ie import vat as ie_vat

    from benchmarks.generated_fpdf.model import Party, _until

    vat = _until(rng, lambda: "IE" + seq(rng, 7) + rng.choice("ABCDEFGHW"), ie_vat.is_valid)
    seller = Party(
        name=(
            f"{rng.choice(('Liffey', 'Shannon', 'Clover'))} "
            f"{rng.choice(('Creative', 'Analytics', 'Media'))} Ltd"
        ),
        lines=[],
        street=f"{rng.randint(1, 90)} Baggot Street",
        postcode=f"D0{rng.randint(1, 8)} {rng.choice('ACEK')}{seq(rng, 1)}{rng.choice('FHXY')}{seq(rng, 1)}",
        city="Dublin",
        country="IE",
        vat=vat,
    )
    buyer = fr_party(rng, rng.choice(("Agence", "Groupe", "Maison")), rng.choice(("SAS", "SA")))
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((14, 30, 45))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Campaign strategy", 2400.0, "u"),
                ("Design days", 650.0, "u"),
                ("Analytics dashboard setup", 1800.0, "u"),
                ("Social media management (month)", 1200.0, "u"),
            ],
            rng.randint(1, 4),
            ("0",),
        ),
        discount_pct=Decimal(rng.choice((0, 5, 10))),
    )
    s = Sheet(rng.choice(("light", "sans")))
    s.f(22, True, "sans")
    s.at(15, 14, seller.name.split()[0].lower() + ".")
    s.f(8.5)
    s.lines(15, 28, [seller.name, seller.street, f"Dublin {seller.postcode}", "Ireland", f"VAT No. {vat}"], 4)
    s.f(8.5, True)
    s.at(15, 55, "Client")
    s.f(8.5)
    s.lines(15, 60, [buyer.name, *address(buyer, True), f"VAT: {buyer.vat}"], 4)
    for i, (k, v) in enumerate(
        [
            ("Invoice no.", inv.number),
            ("Invoice date", day(issue, "gb")),
            ("Payment due", day(inv.due, "gb")),
            ("Project", f"PRJ-{seq(rng, 3)}-{issue.year}"),
        ]
    ):
        s.f(8.5, True)
        s.at(130, 28 + i * 5, k)
        s.f(8.5)
        s.at(195, 28 + i * 5, v, "R")
    rows = [
        (ln.text, f"{ln.qty:f}", f"€{num(ln.unit, 'en')}", f"€{num(ln.amount, 'en')}") for ln in inv.lines
    ]
    y = table(
        s, 15, 95, (100, 15, 30, 35), ("Item", "Qty", "Rate", "Amount"), rows, "LRRR", step=7, grid=True
    )
    tot = [("Subtotal", f"€{num(inv.goods, 'en')}")]
    if inv.discount:
        tot.append((f"Discount {inv.discount_pct}%", f"-€{num(inv.discount, 'en')}"))
        tot.append(("Net amount", f"€{num(inv.ht, 'en')}"))
    tot += [("VAT 0% (reverse charge)", "€0.00"), ("Total due (EUR)", f"€{num(inv.ttc, 'en')}")]
    y = stack(s, 195, y + 4, tot, label_w=50)
    s.f(8)
    s.para(
        15,
        y + 6,
        180,
        "Reverse charge: VAT to be accounted for by the recipient, Article 196 of Directive "
        "2006/112/EC. Please quote the invoice number with your payment.",
    )
    truth = inv.truth(
        (
            "invoice_number",
            "issue_date",
            "due_date",
            "currency",
            "total_excl_tax",
            "total_incl_tax",
            "amount_due",
            "seller_name",
            "buyer_name",
            "buyer_vat_id",
        )
    )
    truth["seller_vat_id"] = vat
    return s, truth


def hotel(rng: random.Random) -> Result:
    """A hotel folio turned invoice: arrival and departure dates, room number, folio number beside the invoice
    number, nights at 10 %, breakfasts and minibar at 10/20 %, the tourist tax outside VAT, 'Solde dû' after a
    card payment at check-in; the company billed under 'Facturer à' with its VAT number."""
    seller = fr_party(rng, "Hôtel", rng.choice(("SAS", "SARL")))
    seller.name = seller.lines[0] = (
        f"Hôtel {rng.choice(('du Parc', 'des Voyageurs', 'Beau Rivage'))} {seller.name.split()[-1]}"
    )
    buyer = fr_party(rng, rng.choice(("Conseil", "Ingénierie", "Assurances")), rng.choice(("SAS", "SA")))
    arrival = issue_date(rng)
    nights = rng.randint(1, 6)
    issue = arrival + timedelta(days=nights)
    rate = Decimal(rng.choice(("89.00", "112.00", "145.00")))
    lines = [
        Line(
            f"Nuitée chambre {rng.choice(('single', 'double', 'supérieure'))}",
            Decimal(nights),
            money(rate / Decimal("1.1")),
            Decimal(10),
        ),
        Line("Petit-déjeuner", Decimal(nights), Decimal("13.64"), Decimal(10)),
    ]
    if rng.random() < 0.6:
        lines.append(
            Line("Minibar / bar", Decimal(1), money(Decimal(rng.randint(800, 4500)) / 100), Decimal(20))
        )
    inv = Invoice(
        number=f"F{seq(rng, 6)}",
        issue=issue,
        due=issue,
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines,
    )
    tourist_tax = money(Decimal("1.65") * nights)
    paid = money(Decimal(rng.choice((50, 100, 150))))
    s = Sheet(rng.choice(("serif", "scond")))
    s.f(18, True)
    s.at(0, 12, seller.name, "C", 210)
    s.f(8)
    s.at(
        0,
        21,
        f"{seller.street} · {seller.postcode} {seller.city} · {seller.phone} · Hôtel 3 étoiles",
        "C",
        210,
    )
    s.f(8, True)
    s.at(15, 35, "Facturer à")
    s.f(9)
    s.lines(15, 40, [buyer.name, *address(buyer), f"TVA : {buyer.vat}"])
    s.f(9)
    s.lines(
        125,
        35,
        [
            f"Facture n° {inv.number}",
            f"Folio n° {seq(rng, 5)}",
            f"Date : {day(issue, 'dmy/')}",
            f"Chambre {rng.randint(101, 412)}",
            f"Arrivée : {day(arrival, 'dmy/')}",
            f"Départ : {day(issue, 'dmy/')}",
            f"Client : M. {rng.choice(('Lopez', 'Durand', 'Kaplan'))}",
        ],
        4.2,
    )
    rows = [
        (
            day(arrival, "dmy2"),
            ln.text,
            f"{ln.qty:f}",
            f"{ln.rate:f} %",
            num(money(ln.amount * (100 + ln.rate) / 100), "frs"),
        )
        for ln in inv.lines
    ]
    rows.append(
        (
            day(arrival, "dmy2"),
            "Taxe de séjour (non soumise à TVA)",
            str(nights),
            "-",
            num(tourist_tax, "frs"),
        )
    )
    y = table(
        s,
        15,
        75,
        (20, 90, 15, 20, 35),
        ("Date", "Prestation", "Qté", "TVA", "Montant TTC"),
        rows,
        "LLRRR",
        grid=True,
    )
    vat = inv.vat_by_rate()
    y = table(
        s,
        15,
        y + 4,
        (25, 30, 30, 30),
        ("Taux", "Base HT", "TVA", "TTC"),
        [
            (f"{r:f} %", num(b, "frs"), num(vat[r], "frs"), num(b + vat[r], "frs"))
            for r, b in sorted(inv.bases().items())
        ],
        "LRRR",
        size=8,
    )
    total = inv.ttc + tourist_tax
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total HT", num(inv.ht, "frs")),
            ("Total TVA", num(inv.tax, "frs")),
            ("Taxe de séjour", num(tourist_tax, "frs")),
            ("Total TTC", num(total, "frs") + " €"),
            (f"Versement CB le {day(arrival, 'dmy/')}", "-" + num(paid, "frs")),
            ("Solde dû", num(total - paid, "frs") + " €"),
        ],
        label_w=45,
    )
    s.f(7.5)
    s.para(15, y + 4, 180, f"Payable à réception. {LATE_FR}")
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "SAS", rng), "C", 210)
    truth = inv.truth(
        (
            "invoice_number",
            "issue_date",
            "currency",
            "total_excl_tax",
            "total_tax",
            "seller_name",
            "buyer_name",
            "seller_vat_id",
            "seller_siren",
            "seller_siret",
            "buyer_vat_id",
        )
    )
    truth.update(total_incl_tax=str(total), amount_due=str(total - paid))
    return s, truth


def informatique(rng: random.Random) -> Result:
    """An IT reseller's ERP layout: a grid row of header cells (date, number, customer code, due date, payment
    mode), an eco-contribution column, a trade discount and carriage, then a grid of totals with their
    captions above (Total brut HT, Remise, Port, Net HT, TVA, TTC, Acompte, Net à payer)."""
    seller = fr_party(
        rng, rng.choice(("Informatique", "Bureautique Services", "Réseaux")), rng.choice(("SARL", "SAS"))
    )
    buyer = fr_party(
        rng,
        rng.choice(("Cabinet comptable", "Étude notariale", "Clinique vétérinaire")),
        rng.choice(("SARL", "SELARL")),
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{seq(rng, 6)}",
        issue=issue,
        due=end_of_month_plus(issue, 45),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ('PC portable 14" i5 16 Go 512 Go SSD', 849.0, "u"),
                ('Écran 27" IPS', 219.0, "u"),
                ("Licence Microsoft 365 Business (an)", 158.0, "u"),
                ("Installation et paramétrage", 75.0, "h"),
                ("Câble RJ45 cat. 6 3 m", 6.5, "u"),
                ("Onduleur 1500 VA", 289.0, "u"),
            ],
            rng.randint(3, 10),
        ),
        discount_pct=Decimal(rng.choice((3, 5, 8))),
        shipping=Decimal(rng.choice(("15.00", "25.00", "39.00"))),
        iban=iban(rng, "FR"),
        bic="",
    )
    inv.deposit = money(inv.ttc * Decimal("0.3")) if rng.random() < 0.5 else Decimal(0)
    s = Sheet(rng.choice(("helvetica", "cond")))
    s.f(14, True)
    s.at(15, 12, seller.name)
    s.f(8)
    s.lines(
        15,
        19,
        [*address(seller), f"Tél. {seller.phone} - Fax {seller.phone[:-2]}{seq(rng, 2)}", seller.email],
        3.8,
    )
    s.box(115, 15, 80, 28)
    s.f(9)
    s.lines(118, 18, [buyer.name, *address(buyer)], 4.4)
    s.f(14, True)
    s.at(15, 50, "FACTURE")
    heads = ("Date", "N° facture", "Code client", "Échéance", "Règlement")
    vals = (day(issue, "dmy/"), inv.number, f"CL{seq(rng, 5)}", day(inv.due, "dmy/"), "Virement")
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        s.box(15 + i * 36, 58, 36, 6, fill=(210, 210, 210))
        s.box(15 + i * 36, 64, 36, 7)
        s.f(7.5, True)
        s.at(15 + i * 36, 59, h, "C", 36)
        s.f(8.5)
        s.at(15 + i * 36, 65.5, v, "C", 36)
    rows = [
        (
            f"{seq(rng, 2)}-{seq(rng, 4)}",
            ln.text,
            f"{ln.qty:f}",
            num(ln.unit, "frs"),
            "0,50" if ln.unit > 200 else "",
            num(ln.amount, "frs"),
        )
        for ln in inv.lines
    ]
    y = table(
        s,
        15,
        78,
        (22, 80, 12, 24, 14, 28),
        ("Référence", "Désignation", "Qté", "P.U. HT", "Éco-p.", "Montant HT"),
        rows,
        "LLRRRR",
        grid=True,
        size=8,
    )
    heads2 = ["Total brut HT", "Remise", "Port HT", "Net HT", "TVA 20 %", "Total TTC"]
    vals2 = [
        num(inv.goods, "frs"),
        f"{inv.discount_pct} % " + num(inv.discount, "frs"),
        num(inv.shipping, "frs"),
        num(inv.ht, "frs"),
        num(inv.tax, "frs"),
        num(inv.ttc, "frs"),
    ]
    if inv.deposit:
        heads2 += ["Acompte", "Net à payer"]
        vals2 += [num(inv.deposit, "frs"), num(inv.amount_due, "frs") + " €"]
    width = 180 / len(heads2)
    for i, (h, v) in enumerate(zip(heads2, vals2, strict=True)):
        s.box(15 + i * width, y + 5, width, 6, fill=(210, 210, 210))
        s.box(15 + i * width, y + 11, width, 8)
        s.f(7, True)
        s.at(15 + i * width, y + 6, h, "C", width)
        s.f(8, i == len(heads2) - 1)
        s.at(15 + i * width, y + 13, v, "C", width)
    s.f(7.5)
    y = s.para(
        15,
        y + 24,
        180,
        f"Règlement à 45 jours fin de mois. Escompte pour paiement anticipé : néant. {LATE_FR}",
    )
    s.at(15, y + 2, f"Domiciliation : IBAN {grouped(inv.iban)} - BIC {inv.bic}")
    s.f(6.5)
    s.at(0, 285, legal_fr(seller, "SARL", rng), "C", 210)
    printed = [
        *BASE,
        "due_date",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "seller_iban",
        "seller_bic",
    ]
    if inv.deposit:
        printed.append("amount_due")
    return s, inv.truth(printed)


TEMPLATES = {
    "fr-transport": transport,
    "fr-plomberie": plomberie,
    "fr-location": location,
    "fr-export-bilingue": export_bilingue,
    "en-ie-agency": ie_agency,
    "fr-hotel": hotel,
    "fr-informatique": informatique,
}
