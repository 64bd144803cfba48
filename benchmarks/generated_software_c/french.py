"""Templates from French software a French SME really receives invoices from: Dolibarr's situation-invoice
model for building trades and OpenConcerto."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import CENT, rate_text
from benchmarks.generated_software_c.common import qty, sale
from benchmarks.generated_software_c.kit import Col, Doc

WORKS = [
    "Terrassement",
    "Fondations",
    "Gros œuvre",
    "Charpente",
    "Couverture tuiles",
    "Menuiseries ext.",
    "Plâtrerie / isolation",
    "Électricité",
    "Plomberie sanitaire",
    "Carrelage",
    "Peinture",
    "VRD",
]


def dolibarr_octopus(rng: random.Random, path: Path) -> dict[str, str]:
    """Dolibarr's 'octopus' situation-invoice model (Dolibarr/dolibarr htdocs/core/modules/facture/doc/
    pdf_octopus.modules.php, langs/fr_FR/bills.lang): logo or company name top left, 'Facture de situation' /
    'Réf. : FA2601-0042' / 'Date facturation' / 'Date échéance' / 'Code client' top right, the 'Émetteur' grey
    frame and the 'Adressé à' frame, 'Situation n° N', works lines with the contract amount and the progress
    columns 'Cumul antérieur / Nouveau cumul / Période', 'Total HT / Total TVA 20% / Total TTC', the retained
    warranty and 'Reste à payer', and the legal footer line (capital, SIRET, NAF-APE, RCS, TVA)."""
    s = sale(rng, {"fr": 1.0}, n=(3, 12), one_rate=True)
    se, b = s.seller, s.buyer
    situation = rng.randint(1, 6)
    number = f"FA{s.issued.strftime('%y%m')}-{rng.randint(1, 999):04d}"
    cust = f"CU{s.issued.strftime('%y%m')}-{rng.randint(1, 9999):05d}"

    def footer(doc: Doc) -> None:
        doc.text(
            105,
            283,
            f"{se.name.split()[-1]} au capital de {se.capital} € - SIRET : {se.siret} - NAF-APE : "
            f"{se.naf} - {se.rcs} - N° TVA : {se.vat}",
            6.5,
            align="c",
        )
        doc.text(198, 288, f"{doc.page_no}/{doc.page_no}", 6.5, align="r")

    d = Doc(path, footer=footer)
    d.text(10, 18, se.name, 13, True)
    d.lines(200, 15, ["Facture de situation"], 12, bold=True, align="r")
    d.lines(
        200,
        21,
        [
            f"Réf. : {number}",
            f"Date facturation : {s.day(s.issued)}",
            f"Date échéance : {s.day(s.due)}",
            f"Code client : {cust}",
        ],
        8.5,
        4,
        align="r",
    )
    d.text(10, 44, "Émetteur", 8)
    d.box(10, 46, 82, 36, fill=0.92, stroke=False)
    d.lines(12, 51, [se.name], 9.5, bold=True)
    d.lines(12, 56, [se.street, f"{se.zip} {se.city}", f"Tél. : {se.phone}", f"Email : {se.email}"], 8.5, 4)
    d.text(100, 44, "Adressé à", 8)
    d.box(100, 46, 100, 36)
    d.lines(102, 51, [b.name], 10, bold=True)
    d.lines(102, 56, [b.street, f"{b.zip} {b.city}"] + ([f"N° TVA : {b.vat}"] if b.vat else []), 8.5, 4)
    d.text(
        10,
        90,
        f"Situation n° {situation} - Chantier : {rng.choice(['Maison', 'Extension', 'Bureaux'])} {b.city}",
        9,
        True,
    )
    d.text(200, 90, "Montants exprimés en Euros", 7.5, align="r")
    rate = s.items[0].rate
    rows, period_net = [], Decimal(0)
    for it in s.items:
        contract = (it.price * Decimal(rng.choice([10, 20, 40, 80]))).quantize(CENT)
        before = Decimal(rng.choice([0, 10, 20, 30, 50])) if situation > 1 else Decimal(0)
        after = min(Decimal(100), before + Decimal(rng.choice([10, 20, 25, 30, 50])))
        prev_amt = (contract * before / 100).quantize(CENT, ROUND_HALF_UP)
        new_amt = (contract * after / 100).quantize(CENT, ROUND_HALF_UP)
        period_net += new_amt - prev_amt
        rows.append(
            [
                rng.choice(WORKS),
                f"{rate_text(it.rate)}%",
                s.money(contract, symbol=""),
                f"{before}%",
                s.money(prev_amt, symbol=""),
                f"{after}%",
                s.money(new_amt, symbol=""),
                s.money(new_amt - prev_amt, symbol=""),
            ]
        )
    cols = [
        Col("Désignation", 50),
        Col("TVA", 12, "r"),
        Col("Montant marché", 24, "r"),
        Col("%", 10, "r"),
        Col("Cumul antérieur", 24, "r"),
        Col("%", 10, "r"),
        Col("Nouveau cumul", 24, "r"),
        Col("Période", 36, "r"),
    ]
    y = d.table(10, 100, cols, rows, size=7.5, head_fill=0.92, grid=True, bottom=220)
    if y > 200:
        d.new_page()
        y = 25
    tax = (period_net * rate / 100).quantize(CENT, ROUND_HALF_UP)
    gross = period_net + tax
    warranty = (gross * Decimal("0.05")).quantize(CENT, ROUND_HALF_UP) if rng.random() < 0.5 else Decimal(0)
    paid = Decimal(0) if rng.random() < 0.7 else (gross * Decimal("0.3")).quantize(CENT)
    days = (s.due - s.issued).days
    d.lines(
        10,
        y + 8,
        [
            f"Conditions de règlement : {days} jours" if days else "Conditions de règlement : À réception",
            "Mode de règlement : Virement bancaire",
            f"IBAN : {ids.group(se.iban)}",
            f"BIC/SWIFT : {se.bic}",
        ],
        8,
        4.2,
    )
    rows2 = [
        ("Total HT", s.money(period_net)),
        (f"Total TVA {rate_text(rate)}%", s.money(tax)),
        ("Total TTC", s.money(gross)),
    ]
    if warranty:
        rows2.append(("Retenue de garantie 5 %", s.money(warranty)))
    if paid:
        rows2.append(("Déjà réglé", s.money(paid)))
    due = gross - warranty - paid
    rows2.append(("Reste à payer", s.money(due)))
    d.pairs(125, 200, y + 8, rows2, 9, 5, bold_last=True)
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, siret=True, bank=True)
    tr.buyer(b, vat=bool(b.vat))
    tr.text("currency", s.currency)
    tr.money("total_excl_tax", period_net)
    tr.money("total_tax", tax)
    tr.money("total_incl_tax", gross)
    tr.money("amount_due", due)
    return tr.values


def openconcerto_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """OpenConcerto's sales invoice spreadsheet template (OpenConcerto 'Configuration/Template/Default/
    VenteFacture.ods' with its VenteFacture.xml field mapping): company block and logo top left, the client's
    address in a frame top right, a 'FACTURE N° ...' band with 'Date', 'Votre référence', 'Code client' and
    'Commercial', the lines 'Code / Désignation / Qté / P.U. HT / Remise / Montant HT / TVA', a VAT recap,
    'Total HT / Total TVA / Total TTC / Acompte / Net à payer', 'Échéance' and 'Mode de règlement', and the
    legal mentions at the foot (late-payment penalties, fixed recovery fee, SIRET, NAF, TVA)."""
    s = sale(rng, {"fr": 1.0}, n=(1, 20))
    se, b = s.seller, s.buyer
    number = (
        f"{s.issued.year}{rng.randint(1, 9999):04d}" if rng.random() < 0.5 else f"FACT-{rng.randint(1, 999)}"
    )
    po = f"CDE {rng.randint(1000, 99999)}" if rng.random() < 0.5 else ""
    d = Doc(path)
    d.text(12, 20, se.name, 14, True)
    d.lines(12, 26, [se.street, f"{se.zip} {se.city}", f"Tél : {se.phone}", se.email], 8.5, 4)
    d.box(112, 34, 86, 30)
    d.lines(116, 41, [b.name, b.contact, b.street, f"{b.zip} {b.city}"], 10, 5)
    d.box(12, 70, 186, 8, fill=0.85, stroke=False)
    d.text(15, 75.5, f"FACTURE N° {number}", 11, True)
    d.pairs(
        12,
        48,
        86,
        [
            ("Date", s.day(s.issued)),
            ("Votre référence", po or ""),
            ("Code client", f"C{rng.randint(100, 9999):05d}"),
            ("Commercial", se.contact),
        ],
        8.5,
        4.4,
        align="l",
    )
    for it in s.items:
        it.discount = Decimal(rng.choice([0, 0, 0, 0, 5, 10]))
    t = data.totals(s.items)
    cols = [
        Col("Code", 22),
        Col("Désignation", 66),
        Col("Qté", 14, "r"),
        Col("P.U. HT", 24, "r"),
        Col("Remise", 14, "r"),
        Col("Montant HT", 28, "r"),
        Col("TVA", 18, "r"),
    ]
    rows = [
        [
            it.ref,
            it.desc[:38],
            qty(it.qty),
            s.money(it.price, symbol=""),
            f"{it.discount}%" if it.discount else "",
            s.money(it.net, symbol=""),
            f"{rate_text(it.rate)}%",
        ]
        for it in s.items
    ]
    y = d.table(12, 108, cols, rows, head_fill=0.85, grid=True, bottom=222)
    if y > 200:
        d.new_page()
        y = 25
    tcols = [Col("Taux", 16, "r"), Col("Base HT", 28, "r"), Col("Montant TVA", 28, "r")]
    d.table(
        12,
        y + 6,
        tcols,
        [
            [f"{rate_text(r)}%", s.money(base, symbol=""), s.money(v, symbol="")]
            for r, (base, v) in t.taxes.items()
        ],
        size=8,
        grid=True,
    )
    data.deposit(rng, t, 0.3)
    rows2 = [("Total HT", s.money(t.net)), ("Total TVA", s.money(t.tax)), ("Total TTC", s.money(t.gross))]
    if t.paid:
        rows2.append(("Acompte versé", s.money(t.paid)))
    rows2.append(("Net à payer", s.money(t.due)))
    y2 = d.pairs(130, 198, y + 8, rows2, 9.5, 5.5, bold_last=True)
    d.lines(
        12,
        y2 + 6,
        [
            f"Échéance : {s.day(s.due)}",
            "Mode de règlement : Virement",
            f"IBAN : {ids.group(se.iban)}   BIC : {se.bic}",
        ],
        8.5,
        4.4,
    )
    d.lines(
        105,
        274,
        [
            "En cas de retard de paiement, pénalités au taux de 3 fois le taux d'intérêt légal et "
            "indemnité forfaitaire de 40 € pour frais de recouvrement.",
            f"{se.name} - SIRET {se.siret} - NAF {se.naf} - TVA intracommunautaire {se.vat}",
        ],
        6.5,
        3.4,
        align="c",
    )
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, siret=True, bank=True)
    tr.buyer(b)
    tr.amounts(t, s.currency, due=True)
    tr.text("purchase_order", po)
    return tr.values
