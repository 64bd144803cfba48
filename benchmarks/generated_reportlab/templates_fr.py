"""French layouts: 'gestion commerciale' packages, open-source ERPs, pre-printed forms, statements."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_reportlab.data import (
    Invoice,
    digits,
    end_of_month_plus,
    fmt_amount,
    fmt_date,
    money,
    pick_date,
    spaced,
    truth,
)
from benchmarks.generated_reportlab.draw import (
    GREY,
    GRID,
    box,
    canvas,
    colors,
    hline,
    lines,
    para,
    table,
    text,
)
from benchmarks.generated_reportlab.pools import items, number, party

LEGAL = (
    "En cas de retard de paiement, une pénalité égale à 3 fois le taux d'intérêt légal sera exigible "
    "(art. L441-10 du Code de commerce), ainsi qu'une indemnité forfaitaire pour frais de recouvrement "
    "de 40 €. Pas d'escompte pour paiement anticipé."
)


def fr_invoice(
    rng: random.Random,
    shape: str,
    n: int,
    rates: tuple[str, ...] = ("20",),
    bank: bool = True,
    days: int = 30,
) -> Invoice:
    issue = pick_date(rng)
    inv = Invoice(
        number(rng, shape, issue.year),
        issue,
        issue + timedelta(days=days),
        "EUR",
        party(rng, "FR", bank=bank),
        party(rng, "FR", buyer=True),
        items(rng, "fr", n, list(rates)),
    )
    while inv.buyer.legal == inv.seller.legal:
        inv.buyer = party(rng, "FR", buyer=True)
    return inv


def seller_footer(inv: Invoice, capital: str = "10 000") -> str:
    s = inv.seller
    return (
        f"{s.legal} - {rng_form(s.name)} au capital de {capital} € - SIRET {spaced(s.siret, 3)} - "
        f"RCS {s.city.split(' ', 1)[1]} {spaced(s.siren, 3)} - N° TVA intracom. {s.vat}"
    )


def rng_form(name: list[str]) -> str:
    last = name[-1].split()[-1]
    return last if last in ("SARL", "SAS", "SA", "SCA") else "SARL"


def t_gestcom_boxed(rng: random.Random, path: Path) -> dict[str, str]:
    """Dense 'gestion commerciale' layout: boxed header cells, grid table, VAT grid and totals box."""
    inv = fr_invoice(rng, "FA{y}{n5}", rng.randint(3, 9), ("20", "20", "10"))
    inv.due = end_of_month_plus(inv.issue, 30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    lines(c, 12, 15, [*s.name, s.street, s.city, f"Tél. {s.phone}", s.email], 9, 4.3, bold_first=True)
    box(c, 110, 40, 88, 28)
    lines(c, 114, 46, [*b.name, b.street, b.city], 10, 4.6)
    text(c, 12, 50, "FACTURE", 16, True)
    code = f"C{digits(rng, 5)}"
    head = [
        ["N° facture", "Date", "Code client", "Échéance", "Mode de règlement"],
        [inv.number, fmt_date(inv.issue, "d/m/Y"), code, fmt_date(inv.due, "d/m/Y"), "Virement 30j FDM"],
    ]
    table(c, 12, 75, head, [32, 26, 26, 26, 76], GRID + [("ALIGN", (0, 0), (-1, -1), "CENTER")])
    rows = [["Référence", "Désignation", "Qté", "P.U. HT", "Rem.%", "Montant HT", "TVA"]]
    rows += [
        [
            i.ref,
            i.text,
            fmt_amount(i.qty).replace(",00", ""),
            fmt_amount(i.unit),
            "",
            fmt_amount(i.net),
            fmt_amount(i.rate).replace(",00", ""),
        ]
        for i in inv.items
    ]
    y = table(c, 12, 92, rows, [22, 78, 14, 20, 12, 24, 16], GRID, align_right_from=2)
    y = max(y + 6, 200)
    vat = [["Base HT", "Taux", "Montant TVA"]] + [
        [fmt_amount(inv.bases()[r]), fmt_amount(r) + " %", fmt_amount(t)] for r, t in inv.taxes().items()
    ]
    table(c, 12, y, vat, [28, 16, 26], GRID, align_right_from=0)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl)],
        ["Total TVA", fmt_amount(inv.total_tax)],
        ["Total TTC", fmt_amount(inv.total_incl)],
        ["Net à payer", fmt_amount(inv.amount_due) + " €"],
    ]
    table(c, 138, y, tot, [30, 30], GRID + [("FONT", (0, 3), (-1, 3), "Helvetica-Bold", 9)], 8.5, 1)
    para(c, 12, 250, 186, f"Règlement par virement : IBAN {spaced(s.iban)} - BIC {s.bic}<br/>{LEGAL}", 7)
    hline(c, 12, 198, 276)
    para(c, 12, 278, 186, seller_footer(inv), 6.5, 1)
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "amount_due seller_name seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name",
    )


def t_continuation(rng: random.Random, path: Path) -> dict[str, str]:
    """Long invoice on two pages with 'À reporter' / 'Report' rows; totals only on page 2."""
    inv = fr_invoice(rng, "{n6}", 24, ("20",), days=45)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.po = f"CDE-{digits(rng, 6)}"
    bl = f"BL{digits(rng, 6)}"

    def header(page: int) -> None:
        text(c, 105, 14, s.legal.upper(), 13, True, "c")
        text(c, 105, 19, f"{s.street} - {s.city} - Tél. {s.phone}", 8, False, "c")
        text(c, 198, 28, f"Page {page}/2", 8, False, "r")
        text(c, 12, 28, f"FACTURE N° {inv.number} du {fmt_date(inv.issue, 'd/m/Y')}", 10, True)

    header(1)
    lines(c, 120, 40, ["Facturé à :", *b.name, b.street, b.city], 9.5, 4.5)
    lines(
        c,
        12,
        40,
        [
            f"Votre commande : {inv.po} du {fmt_date(inv.issue - timedelta(days=9), 'd/m/Y')}",
            f"Bon de livraison : {bl}",
            f"Code client : {digits(rng, 6)}",
        ],
        8.5,
    )
    cols = ["Réf.", "Désignation", "Qté", "PU HT", "Total HT"]
    widths = [22, 100, 16, 24, 24]
    first, second = inv.items[:17], inv.items[17:]
    carried = sum((i.net for i in first), Decimal(0))
    rows = [cols] + [[i.ref, i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in first]
    rows.append(["", "À reporter", "", "", fmt_amount(carried)])
    table(c, 12, 70, rows, widths, GRID + [("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8)], 8, 2)
    c.showPage()
    header(2)
    rows = [cols, ["", "Report", "", "", fmt_amount(carried)]]
    rows += [[i.ref, i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in second]
    y = table(c, 12, 36, rows, widths, GRID, 8, 2)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl) + " €"],
        ["TVA 20,00 %", fmt_amount(inv.total_tax) + " €"],
        ["Total TTC", fmt_amount(inv.total_incl) + " €"],
    ]
    table(c, 130, y + 8, tot, [40, 28], GRID + [("BACKGROUND", (0, 2), (-1, 2), GREY)], 9, 1)
    para(
        c,
        12,
        y + 40,
        110,
        f"Échéance : {fmt_date(inv.due, 'd/m/Y')} - Paiement par chèque ou virement.<br/>"
        f"IBAN : {spaced(s.iban)}<br/>BIC : {s.bic}<br/><br/>{LEGAL}",
        7.5,
    )
    para(c, 12, 280, 186, seller_footer(inv, "50 000"), 6.5, 1)
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name "
        "purchase_order",
    )


def t_preprinted(rng: random.Random, path: Path) -> dict[str, str]:
    """Pre-printed carbon-copy form: small caption labels inside boxes, values typed into them."""
    inv = fr_invoice(rng, "N° {n5}", rng.randint(2, 6), ("20",), bank=False)
    inv.number = inv.number.removeprefix("N° ")
    s, b, c = inv.seller, inv.buyer, canvas(path)
    c.setFillColor(colors.Color(0.1, 0.25, 0.5))
    text(c, 14, 18, s.name[0], 15, True)
    c.setFillColor(colors.black)
    lines(c, 14, 24, [*s.name[1:], s.street, s.city, f"Tél. {s.phone}"], 8)
    box(c, 140, 10, 58, 20)
    text(c, 143, 15, "FACTURE", 12, True)
    text(c, 143, 21, "N°", 7)
    text(c, 152, 22, inv.number, 12, True)

    def field(x: float, y: float, w: float, h: float, label: str, value: str) -> None:
        box(c, x, y, w, h)
        text(c, x + 1.5, y + 3, label.upper(), 5.5)
        text(c, x + 2.5, y + h - 2.5, value, 9.5)

    field(12, 46, 40, 11, "Date", fmt_date(inv.issue, "d/m/y"))
    field(52, 46, 40, 11, "Client n°", digits(rng, 4))
    field(92, 46, 40, 11, "Représentant", rng.choice(["J.M.", "P. Roux", "04"]))
    box(c, 140, 38, 58, 30)
    text(c, 141.5, 41, "DESTINATAIRE", 5.5)
    lines(c, 143, 46, [*b.name, b.street, b.city], 9)
    rows = [["QUANTITÉ", "DÉSIGNATION", "PRIX UNIT.", "MONTANT"]]
    rows += [[fmt_amount(i.qty), i.text, fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    rows += [["", "", "", ""]] * (12 - len(inv.items))
    table(
        c,
        12,
        74,
        rows,
        [22, 104, 30, 30],
        [
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("FONT", (0, 0), (-1, 0), "Helvetica", 6),
        ],
        8.5,
        2,
    )
    y = 170
    for label, value in (
        ("TOTAL H.T.", inv.total_excl),
        ("T.V.A. 20 %", inv.total_tax),
        ("NET À PAYER T.T.C.", inv.total_incl),
    ):
        field(140, y, 58, 10, label, fmt_amount(value) + " €")
        y += 10
    field(12, 170, 60, 10, "Échéance", fmt_date(inv.due, "d/m/Y"))
    field(72, 170, 60, 10, "Règlement", rng.choice(["Chèque", "Espèces", "Virement"]))
    para(c, 12, 190, 120, LEGAL, 6.5)
    text(c, 105, 285, f"SIRET {s.siret} - APE 4673A - TVA {s.vat}", 6.5, False, "c")
    c.save()
    inv.deposit = Decimal(0)
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax amount_due "
        "seller_name seller_vat_id seller_siret buyer_name",
    )


def t_statement(rng: random.Random, path: Path) -> dict[str, str]:
    """Invoice that also lists the customer's open past invoices (decoy numbers, dates, amounts)."""
    inv = fr_invoice(rng, "F{Y}-{n5}", rng.randint(2, 4), ("20",))
    s, b, c = inv.seller, inv.buyer, canvas(path)
    prev = inv.total_incl * Decimal(rng.choice(["0.6", "1.3", "2.1"]))
    inv.deposit = Decimal(0)
    text(c, 198, 16, s.legal, 14, True, "r")
    lines(c, 198, 22, [s.street, s.city, f"SIREN {s.siren}"], 8, align="r")
    lines(c, 12, 45, ["Adresse de facturation", *b.name, b.street, b.city], 9.5, bold_first=True)
    text(c, 12, 78, f"Facture n° {inv.number}", 13, True)
    text(
        c,
        12,
        84,
        f"Émise le {fmt_date(inv.issue, 'long-fr')} - échéance le {fmt_date(inv.due, 'long-fr')}",
        9,
    )
    rows = [["Désignation", "Qté", "PU HT", "Montant HT"]]
    rows += [[i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    y = table(c, 12, 92, rows, [110, 20, 28, 28], [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)], 9, 1)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl)],
        ["TVA (20 %)", fmt_amount(inv.total_tax)],
        ["Total de la facture TTC", fmt_amount(inv.total_incl)],
    ]
    y = table(c, 118, y + 4, tot, [50, 30], [("LINEABOVE", (0, 2), (-1, 2), 0.8, colors.black)], 9, 1)
    text(c, 12, y + 10, "Relevé de votre compte au " + fmt_date(inv.issue, "d/m/Y"), 10, True)
    hist = [["Date", "Pièce", "Libellé", "Débit", "Crédit"]]
    day = inv.issue
    for _ in range(rng.randint(2, 4)):
        day -= timedelta(days=rng.randint(20, 40))
        hist.append(
            [
                fmt_date(day, "d/m/Y"),
                f"F{day.year}-{digits(rng, 5)}",
                "Facture",
                fmt_amount(prev / 2 + Decimal(rng.randint(0, 9000)) / 100),
                "",
            ]
        )
    hist.append(
        [fmt_date(inv.issue - timedelta(days=5), "d/m/Y"), "RGT", "Règlement reçu", "", fmt_amount(prev)]
    )
    hist.append(
        [fmt_date(inv.issue, "d/m/Y"), inv.number, "Facture (ci-dessus)", fmt_amount(inv.total_incl), ""]
    )
    table(c, 12, y + 14, hist, [24, 34, 70, 29, 29], GRID + [("BACKGROUND", (0, 0), (-1, 0), GREY)], 8, 3)
    para(c, 12, 250, 186, f"Paiement par virement sur le compte IBAN {s.iban} (BIC {s.bic}). {LEGAL}", 7)
    text(c, 105, 287, f"{s.legal} - TVA {s.vat} - SIRET {s.siret}", 6.5, False, "c")
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name",
    )


def t_coupon(rng: random.Random, path: Path) -> dict[str, str]:
    """Utility-style invoice whose lower third is a tear-off slip repeating the number and amount."""
    inv = fr_invoice(rng, "{Y}/{n3}", rng.randint(1, 3), ("20", "5.5"), days=15)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.deposit = money_part(inv.total_incl, rng)
    box(c, 12, 10, 60, 14, GREY)
    text(c, 42, 19, s.legal, 10, True, "c")
    lines(c, 12, 30, [s.street, s.city, f"Service clients : {s.phone}"], 8)
    lines(c, 120, 34, [*b.name, b.street, b.city], 10, 4.8)
    text(c, 12, 62, "Votre facture", 15, True)
    lines(
        c,
        12,
        70,
        [
            f"Numéro de facture : {inv.number}",
            f"Date : {fmt_date(inv.issue, 'd/m/Y')}",
            f"Référence client : {digits(rng, 2)}.{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 1)}"
            f"-{inv.issue.year}",
            f"Période du {fmt_date(inv.issue.replace(day=1) - timedelta(days=30), 'd/m/Y')} "
            f"au {fmt_date(inv.issue.replace(day=1) - timedelta(days=1), 'd/m/Y')}",
        ],
        9,
    )
    rows = [["Détail", "Montant HT", "Taux TVA", "TVA"]]
    rows += [
        [i.text, fmt_amount(i.net), fmt_amount(i.rate) + " %", fmt_amount(money(i.net * i.rate / 100))]
        for i in inv.items
    ]
    y = table(c, 12, 92, rows, [100, 30, 26, 30], [("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey)], 9, 1)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl) + " €"],
        ["Total TVA", fmt_amount(inv.total_tax) + " €"],
        ["Total TTC", fmt_amount(inv.total_incl) + " €"],
        ["Acompte versé", "- " + fmt_amount(inv.deposit) + " €"],
        ["Reste à payer", fmt_amount(inv.amount_due) + " €"],
    ]
    table(c, 118, y + 5, tot, [44, 36], [("FONT", (0, 4), (-1, 4), "Helvetica-Bold", 10)], 9, 1)
    text(c, 12, y + 40, f"À régler avant le {fmt_date(inv.due, 'd/m/Y')}.", 9, True)
    para(c, 12, y + 44, 100, LEGAL, 6.5)
    text(c, 105, 192, f"{s.legal} - SIREN {s.siren} - TVA intracommunautaire {s.vat}", 6.5, False, "c")
    hline(c, 8, 202, 198, 0.6, dash=True)
    text(c, 105, 203, "✂  Coupon à joindre au règlement  ✂".replace("✂", "-"), 8, False, "c")
    box(c, 12, 208, 186, 50)
    lines(
        c,
        16,
        216,
        [
            f"Facture n° {inv.number}",
            f"Client : {b.legal}",
            f"Montant à payer : {fmt_amount(inv.amount_due)} €",
            f"Avant le : {fmt_date(inv.due, 'd/m/Y')}",
        ],
        10,
        6,
    )
    lines(c, 120, 216, ["Chèque à l'ordre de", s.legal, s.street, s.city], 8.5, 4.5)
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax amount_due "
        "seller_name seller_vat_id seller_siren buyer_name",
    )


def money_part(total: Decimal, rng: random.Random) -> Decimal:
    return (total * Decimal(rng.choice(["0.3", "0.25", "0.4"]))).quantize(Decimal("1"))
