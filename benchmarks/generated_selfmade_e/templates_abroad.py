"""Freelancers outside the French templates: an English translator, Belgian, Swiss (QR-bill) and Quebec
invoices, and a credit note typed from a Word template."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from schwifty import IBAN

from benchmarks.generated_selfmade_e import common as c
from benchmarks.generated_selfmade_e.draw import Page

CENT = Decimal("0.01")
DOCS = ["user manual", "website", "contract", "marketing brochure"]


def _pct(x: Decimal, rate: Decimal) -> Decimal:
    return (x * rate / 100).quantize(CENT, ROUND_HALF_UP)


def translator_en(rng: random.Random, path: Path) -> dict[str, str]:
    """A French freelance translator's invoice in English, as freelance translators commonly lay it out
    (approximated, no stored sample): name and "Freelance translator" at top, INVOICE with No. and a
    British date ("12 March 2026"), client PO and project reference, a words x rate table, the VAT
    exemption sentence for a client outside the EU, and bank details for an international transfer."""
    seller = c.sole_trader(rng)
    seller.vat = c.ids.fr_vat(seller.siren)
    buyer = c.data.party(rng, rng.choice(["US", "GB"]))
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=30)
    jobs = []
    for _ in range(rng.randint(1, 4)):
        words = rng.randint(300, 9000)
        rate = Decimal(rng.choice(["0.09", "0.10", "0.11", "0.12", "0.14"]))
        pair = rng.choice(["EN>FR", "DE>FR", "ES>FR", "EN>FR (legal)"])
        jobs.append(
            (
                f"Translation {pair} - {rng.choice(DOCS)}",
                words,
                rate,
                (words * rate).quantize(CENT),
            )
        )
    total = sum((j[3] for j in jobs), Decimal(0))
    number = f"{issued.year}-{rng.randint(1, 60):02d}"
    po = f"PO-{rng.randint(10000, 99999)}"
    british = f"{issued.day} {issued.strftime('%B')} {issued.year}"
    p = Page(path, "Times")
    p.text(20, 20, seller.name, 16, bold=True)
    p.lines(
        20,
        26,
        [
            "Freelance translator (French)",
            f"{seller.street}, {seller.zip} {seller.city}, France",
            seller.email,
            f"SIRET {seller.siret} - VAT {seller.vat}",
        ],
        9.5,
    )
    p.text(190, 20, "INVOICE", 20, bold=True, align="r")
    p.lines(
        120,
        50,
        [
            f"Invoice No.: {number}",
            f"Date: {british}",
            f"Due: {c.fmt_date(due, 'long', 'en')}",
            f"Your PO: {po}",
            f"Project ref.: TR-{rng.randint(1000, 9999)}",
        ],
        10,
    )
    p.text(20, 50, "To:", 10, bold=True)
    p.lines(20, 55, [buyer.name, *buyer.address("en", True)], 10)
    rows = [[d, f"{w:,}", f"€{r}", c.money(a, "en", "€", True)] for d, w, r, a in jobs]
    y = p.table(20, 90, [95, 20, 20, 35], "lrrr", ["Description", "Words", "Rate", "Amount"], rows, size=9.5)
    p.text(150, y + 6, "TOTAL", 11, bold=True, align="r")
    p.text(190, y + 6, c.money(total, "en", "EUR"), 11, bold=True, align="r")
    p.text(20, y + 18, "VAT not applicable - article 259-1 of the French General Tax Code.", 9, italic=True)
    p.lines(
        20,
        y + 28,
        [
            "Please pay by bank transfer within 30 days:",
            f"IBAN: {c.ids.group(seller.iban)}",
            f"SWIFT/BIC: {seller.bic}",
            "Thank you for your business.",
        ],
        9.5,
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer)
    truth.text("purchase_order", po)
    truth.text("currency", "EUR")
    truth.money("total_incl_tax", total)
    return truth.values


def _be_structured(rng: random.Random) -> str:
    base = rng.randint(10**9, 10**10 - 1)
    check = base % 97 or 97
    s = f"{base:010d}{check:02d}"
    return f"+++{s[:3]}/{s[3:7]}/{s[7:]}+++"


def belgian_freelance(rng: random.Random, path: Path) -> dict[str, str]:
    """Belgian freelancer's invoice as Belgian templates print it (SPF Économie's list of mandatory mentions
    and the usual Word models): "N° d'entreprise / TVA BE 0xxx.xxx.xxx", Total HTVA / TVA 21 % / Total TVAC,
    a "communication structurée" +++xxx/xxxx/xxxxx+++ and the IBAN/BIC box."""
    seller = c.data.party(rng, "BE", bank=True)
    seller.phone = (
        f"+32 {rng.randint(2, 9)} {c.ids.digits(rng, 3)} {c.ids.digits(rng, 2)} {c.ids.digits(rng, 2)}"
    )
    if rng.random() < 0.5:
        seller.name = c.person_name(rng)
    buyer = c.data.party(rng, rng.choice(["BE", "BE", "FR"]))
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=rng.choice([15, 30]))
    items = c.data.lines(rng, "fr", "BE", rng.randint(1, 6), one_rate=True)
    t = c.data.totals(items)
    number = f"{issued.year}/{rng.randint(1, 250):03d}"
    vat = seller.vat
    printed_vat = f"BE {vat[2:6]}.{vat[6:9]}.{vat[9:]}"
    p = Page(path)
    p.text(15, 20, seller.name, 14, bold=True)
    p.lines(15, 26, [*seller.address(), f"N° d'entreprise / TVA : {printed_vat}", seller.phone], 9)
    p.lines(115, 45, [buyer.name, *buyer.address("fr", True), f"TVA : {buyer.vat}"], 9.5)
    p.text(15, 72, "FACTURE", 16, bold=True)
    p.lines(
        15,
        79,
        [
            f"Numéro : {number}",
            f"Date de facture : {c.fmt_date(issued, 'd/m/Y')}",
            f"Date d'échéance : {c.fmt_date(due, 'd/m/Y')}",
        ],
        9.5,
    )
    rows = [
        [i.desc, f"{i.qty.normalize():f}".replace(".", ","), c.money(i.price), c.money(i.net)] for i in items
    ]
    y = p.table(
        15, 100, [100, 20, 30, 30], "lrrr", ["Description", "Quantité", "Prix unitaire", "Total HTVA"], rows
    )
    rate = c.rate_pct(items[0].rate)
    y += 5
    for label, val in (
        ("Total HTVA", t.net),
        (f"TVA {rate} %", t.tax),
        ("Total TVAC", t.gross),
        ("Montant à payer", t.gross),
    ):
        p.text(150, y, label, 9.5, bold=label == "Montant à payer", align="r")
        p.text(195, y, c.money(val, "fr", "EUR"), 9.5, bold=label == "Montant à payer", align="r")
        y += 5.5
    p.box(15, y + 6, 120, 24)
    p.lines(
        18,
        y + 12,
        [
            f"IBAN : {c.ids.group(seller.iban)}",
            f"BIC : {seller.bic}",
            f"Communication structurée : {_be_structured(rng)}",
            f"À payer avant le {c.fmt_date(due, 'd/m/Y')}",
        ],
        9,
    )
    p.text(105, 284, f"{seller.name} - {seller.reg} - {printed_vat}", 7.5, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, bank=True)
    truth.buyer(buyer, vat=True)
    truth.amounts(t, "EUR", due=True)
    return truth.values


def _rf_reference(rng: random.Random) -> str:
    body = str(rng.randint(10**9, 10**12))
    digits = "".join(str(int(ch, 36)) for ch in body + "RF00")
    return f"RF{98 - int(digits) % 97:02d}{body}"


def _fake_qr(p: Page, x: float, y: float, rng: random.Random, size: float = 46) -> None:
    """A QR-like square of modules with the Swiss cross (the code's content is not needed here)."""
    n = 25
    cell = size / n
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.5:
                p.box(x + i * cell, y + j * cell, cell, cell, fill=(0, 0, 0), stroke=False)
    p.box(x + size / 2 - 3.5, y + size / 2 - 3.5, 7, 7, fill=(1, 1, 1), stroke=False)
    p.box(x + size / 2 - 3, y + size / 2 - 3, 6, 6, fill=(0, 0, 0), stroke=False)


def swiss_qr_freelance(rng: random.Random, path: Path) -> dict[str, str]:
    """Swiss (Romandie) freelancer not subject to VAT, invoice with the QR-bill payment part at the bottom as
    the SIX style guide describes it (qr-einzahlungsschein.ch, UBS/Raiffeisen FAQ): receipt on the left,
    payment part with the Swiss QR code, "Compte / Payable à", "Référence", "Payable par", "Monnaie" and
    "Montant" (1 234.50 style); the letter part above prints CHF amounts as 1'234.50."""
    name = c.person_name(rng)
    city = rng.choice([("1201", "Genève"), ("1003", "Lausanne"), ("2000", "Neuchâtel"), ("1700", "Fribourg")])
    street = f"{rng.choice(['Rue du Rhône', 'Avenue de la Gare', 'Chemin des Vignes'])} {rng.randint(1, 80)}"
    iban = IBAN.generate(
        "CH", bank_code=rng.choice(["00762", "00767", "00243"]), account_code=c.ids.digits(rng, 12)
    )
    buyer_name = c.data.company_name(rng, "FR").rsplit(" ", 1)[0] + rng.choice([" SA", " Sàrl"])
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=30)
    items = [
        (
            rng.choice(["Développement web", "Mandat de conseil", "Rédaction", "Photographie"]),
            Decimal(rng.choice([2, 4, 6.5, 8, 12])),
            Decimal(rng.choice([95, 110, 120, 140])),
        )
        for _ in range(rng.randint(1, 4))
    ]
    total = sum((q * pr for _, q, pr in items), Decimal(0)).quantize(CENT)
    number = f"{issued.year}-{rng.randint(1, 90):03d}"
    ref = _rf_reference(rng)
    p = Page(path)
    p.text(20, 20, name, 13, bold=True)
    p.lines(
        20,
        26,
        [
            street,
            f"{city[0]} {city[1]}",
            f"IDE : CHE-{c.ids.digits(rng, 3)}.{c.ids.digits(rng, 3)}."
            f"{c.ids.digits(rng, 3)} (non assujetti à la TVA)",
        ],
        9,
    )
    p.lines(
        120,
        40,
        [buyer_name, "Service comptabilité", f"Rue de Lausanne {rng.randint(1, 99)}", "1202 Genève"],
        9.5,
    )
    p.text(20, 68, f"{city[1]}, le {c.fr_long(issued)}", 9.5)
    p.text(20, 78, f"Facture n° {number}", 13, bold=True)
    rows = [
        [d, f"{q.normalize():f}", c.money(pr, "ch"), c.money((q * pr).quantize(CENT), "ch")]
        for d, q, pr in items
    ]
    y = p.table(
        20,
        88,
        [95, 20, 25, 30],
        "lrrr",
        ["Prestation", "Heures", "Tarif CHF", "Montant CHF"],
        rows,
        bottom=170,
    )
    p.text(160, y + 5, "Total CHF", 10, bold=True, align="r")
    p.text(190, y + 5, c.money(total, "ch"), 10, bold=True, align="r")
    p.text(20, y + 14, f"Payable à 30 jours, soit jusqu'au {c.fmt_date(due, 'd.m.Y')}. Merci !", 9)
    # QR-bill payment part: bottom 105 mm, receipt 62 mm wide
    top = 192.0
    p.hline(0, 210, top, 0.3)
    p.vline(62, top, 297, 0.3)
    amount = c.money(total, "space")
    rec = [
        "Compte / Payable à",
        c.ids.group(str(iban.compact)),
        name,
        street,
        f"{city[0]} {city[1]}",
        "",
        "Référence",
        c.ids.group(ref),
        "",
        "Payable par",
        buyer_name,
    ]
    p.text(5, top + 7, "Récépissé", 11, bold=True)
    p.lines(5, top + 14, rec, 7.5, 3.6)
    p.text(5, top + 62, "Monnaie", 7, bold=True)
    p.text(20, top + 62, "Montant", 7, bold=True)
    p.text(5, top + 66, "CHF", 8.5)
    p.text(20, top + 66, amount, 8.5)
    p.text(35, top + 80, "Point de dépôt", 6, bold=True)
    p.text(67, top + 7, "Section paiement", 11, bold=True)
    _fake_qr(p, 67, top + 12, rng)
    p.text(67, top + 66, "Monnaie", 8, bold=True)
    p.text(90, top + 66, "Montant", 8, bold=True)
    p.text(67, top + 71, "CHF", 10)
    p.text(90, top + 71, amount, 10)
    p.lines(118, top + 7, [*rec, "", "Informations supplémentaires", f"Facture {number}"], 8.5, 4)
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.text("seller_name", name)
    truth.text("seller_iban", str(iban.compact))
    truth.text("buyer_name", buyer_name)
    truth.text("currency", "CHF")
    truth.money("total_incl_tax", total)
    return truth.values


def quebec_tps_tvq(rng: random.Random, path: Path) -> dict[str, str]:
    """Quebec small business invoice in French, as Revenu Québec's list of required information and the usual
    Word/Excel models show it: TPS and TVQ registration numbers, ISO dates, Sous-total, TPS (5 %), TVQ
    (9,975 %), Total and "Montant dû", amounts written 1 234,56 $ in Canadian dollars."""
    seller_name = (
        rng.choice(["Rénovations", "Services informatiques", "Traiteur", "Studio"])
        + " "
        + rng.choice(["Tremblay", "Gagnon", "Bouchard", "Côté"])
        + " "
        + rng.choice(["inc.", "enr.", "S.E.N.C."])
    )
    city = rng.choice(
        [("H2X 1Y4", "Montréal (Québec)"), ("G1R 4P5", "Québec (Québec)"), ("J4K 2T8", "Longueuil (Québec)")]
    )
    buyer = rng.choice(
        [
            "Boulangerie St-Denis inc.",
            "Clinique Dentaire du Plateau",
            "Groupe Laval Immobilier ltée",
            "Marie-Ève Lavoie",
        ]
    )
    issued = c.data.issue_date(rng)
    due = issued + timedelta(days=30)
    items = [
        (
            rng.choice(["Main-d'œuvre", "Matériaux", "Soutien technique", "Consultation", "Déplacement"]),
            Decimal(rng.randint(1, 12)),
            Decimal(rng.uniform(20, 400)).quantize(CENT),
        )
        for _ in range(rng.randint(1, 7))
    ]
    sub = sum(((q * pr).quantize(CENT) for _, q, pr in items), Decimal(0))
    tps = _pct(sub, Decimal(5))
    tvq = (sub * Decimal("0.09975")).quantize(CENT, ROUND_HALF_UP)
    total = sub + tps + tvq
    deposit = Decimal(rng.choice([0, 0, 200, 500]))
    deposit = min(deposit, total / 2).quantize(CENT)
    number = str(rng.randint(1000, 4999))
    p = Page(path)
    p.text(20, 20, seller_name, 14, bold=True)
    p.lines(
        20,
        26,
        [
            f"{rng.randint(100, 9999)}, rue {rng.choice(['Sherbrooke Est', 'Saint-Jean', 'Principale'])}",
            f"{city[1]}  {city[0]}",
            f"Tél. : {rng.randint(418, 514)} {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        ],
        9,
    )
    p.text(190, 20, "FACTURE", 18, bold=True, align="r")
    p.lines(
        190,
        28,
        [
            f"N° de facture : {number}",
            f"Date : {c.fmt_date(issued, 'iso')}",
            f"Échéance : {c.fmt_date(due, 'iso')}",
        ],
        9.5,
        align="r",
    )
    p.text(20, 55, "Facturer à :", 9.5, bold=True)
    p.lines(
        20,
        60,
        [
            buyer,
            f"{rng.randint(10, 999)}, boulevard {rng.choice(['René-Lévesque', 'Laurier', 'Taschereau'])}",
            f"{city[1]}",
        ],
        9.5,
    )
    rows = [
        [d, str(q), c.money(pr, "fr", "$"), c.money((q * pr).quantize(CENT), "fr", "$")] for d, q, pr in items
    ]
    y = p.table(20, 82, [95, 20, 27, 28], "lrrr", ["Description", "Qté", "Prix unitaire", "Montant"], rows)
    lines = [("Sous-total", sub), ("TPS (5 %)", tps), ("TVQ (9,975 %)", tvq), ("Total", total)]
    if deposit:
        lines.append(("Dépôt reçu", -deposit))
    lines.append(("Montant dû", total - deposit))
    y += 5
    for label, val in lines:
        p.text(160, y, label, 9.5, bold=label in ("Total", "Montant dû"), align="r")
        p.text(190, y, c.money(val, "fr", "$"), 9.5, bold=label in ("Total", "Montant dû"), align="r")
        y += 5.5
    p.lines(
        20,
        y + 8,
        [
            f"N° TPS : {c.ids.digits(rng, 9)} RT0001",
            f"N° TVQ : {c.ids.digits(rng, 10)} TQ0001",
            "Montants en dollars canadiens (CAD). Paiement par virement Interac ou chèque.",
        ],
        8.5,
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.text("seller_name", seller_name)
    truth.text("buyer_name", buyer)
    truth.text("currency", "CAD")
    truth.money("total_excl_tax", sub)
    truth.money("total_incl_tax", total)
    truth.money("amount_due", total - deposit)
    return truth.values


def word_avoir_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A credit note ("avoir") typed from the same Word invoice model: AVOIR N° as title, the invoice it
    cancels ("en référence à la facture n° ... du ...") as a decoy number and date, the returned lines with
    positive amounts, Total HT / TVA / "Montant de l'avoir TTC", and "à déduire de votre prochain
    règlement"."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    items = c.data.lines(rng, "fr", "FR", rng.randint(1, 3), one_rate=True)
    t = c.data.totals(items)
    issued = c.data.issue_date(rng)
    number = f"AV-{issued.year}-{rng.randint(1, 40):03d}"
    invoice = f"FA-{issued.year}-{rng.randint(41, 400):03d}"
    p = Page(path, rng.choice(["Helvetica", "Times"]))
    p.text(20, 22, seller.name, 15, bold=True)
    p.lines(20, 28, [*seller.address(), f"Tél. {seller.phone}"], 9)
    p.text(190, 24, "AVOIR", 24, bold=True, align="r", colour=(0.6, 0.1, 0.1))
    p.text(190, 33, f"N° {number}", 10, align="r")
    p.text(190, 38, f"Date : {c.fr_long(issued, True)}", 10, align="r")
    p.lines(110, 52, [buyer.name, *buyer.address()], 10)
    orig = issued - timedelta(days=rng.randint(5, 60))
    p.text(20, 78, f"En référence à la facture n° {invoice} du {c.fmt_date(orig, 'd/m/Y')}", 9.5, italic=True)
    rows = [
        [f"{i.qty.normalize():f}", i.desc, c.money(i.price, "fr", "€"), c.money(i.net, "fr", "€")]
        for i in items
    ]
    y = p.table(20, 90, [20, 90, 30, 30], "clrr", ["Quantité", "Description", "Prix unitaire", "Total"], rows)
    rate = c.rate_pct(items[0].rate)
    y += 5
    for label, val in (("Total HT", t.net), (f"TVA {rate} %", t.tax), ("Montant de l'avoir TTC", t.gross)):
        p.text(160, y, label, 9.5, align="r")
        p.text(190, y, c.money(val, "fr", "€"), 9.5, align="r")
        y += 6
    p.text(20, y + 8, "Montant à déduire de votre prochain règlement ou remboursé par virement.", 9)
    p.text(105, 285, f"{seller.name} - SIRET {seller.siret} - TVA {seller.vat}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR")
    return truth.values
