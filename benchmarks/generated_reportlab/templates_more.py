"""More French layouts: a footer-totals band with shipping and discount, an intra-EU export invoice
and a till-printed simplified invoice in a monospaced font."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_reportlab.data import digits, fmt_amount, fmt_date, money, spaced, truth
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
from benchmarks.generated_reportlab.pools import party
from benchmarks.generated_reportlab.templates_fr import LEGAL, fr_invoice, seller_footer


def t_totals_band(rng: random.Random, path: Path) -> dict[str, str]:
    """Seller top-right, grey title band, line discounts, shipping, a row of totals headers at the foot."""
    inv = fr_invoice(rng, "FC-{Y}-{n4}", rng.randint(4, 12), ("20",), days=45)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    for k, it in enumerate(inv.items):
        it.discount = Decimal(rng.choice([0, 5, 10])) if k % 2 else Decimal(0)
    inv.shipping, inv.shipping_rate = Decimal(rng.choice(["15.00", "29.90", "48.50"])), Decimal(20)
    inv.po = f"BC/{digits(rng, 4)}/{inv.issue.year % 100}"
    lines(
        c,
        196,
        14,
        [*s.name, s.street, s.city, f"Tél {s.phone} - {s.email}"],
        8.5,
        4.1,
        bold_first=True,
        align="r",
    )
    lines(c, 14, 40, ["Adresse de facturation", *b.name, b.street, b.city], 9, 4.5, bold_first=True)
    lines(
        c,
        110,
        40,
        ["Adresse de livraison", *b.name, f"Quai {rng.randint(1, 9)}", b.city],
        9,
        4.5,
        bold_first=True,
    )
    box(c, 14, 70, 182, 9, GREY)
    text(c, 17, 76, f"FACTURE N° {inv.number}", 11, True)
    text(c, 193, 76, f"du {fmt_date(inv.issue, 'd/m/Y')}", 10, False, "r")
    text(
        c,
        14,
        86,
        f"Réf. commande client : {inv.po}   -   "
        f"Livraison du {fmt_date(inv.issue - timedelta(days=1), 'd/m/Y')}",
        8.5,
    )
    rows = [["Article", "Désignation", "Qté", "PU brut", "Rem. %", "PU net", "Montant HT"]]
    for it in inv.items:
        net_unit = money(it.unit * (1 - it.discount / 100))
        rows.append(
            [
                it.ref,
                it.text,
                fmt_amount(it.qty),
                fmt_amount(it.unit),
                f"{it.discount}" if it.discount else "",
                fmt_amount(net_unit),
                fmt_amount(it.net),
            ]
        )
    y = table(
        c,
        14,
        90,
        rows,
        [18, 72, 14, 20, 14, 20, 24],
        [
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
        ],
        7.8,
        2,
    )
    heads = ["Total HT brut", "Frais de port HT", "Total HT", "TVA 20 %", "Total TTC", "Net à payer"]
    gross = inv.total_excl - inv.shipping
    vals = [
        fmt_amount(gross),
        fmt_amount(inv.shipping),
        fmt_amount(inv.total_excl),
        fmt_amount(inv.total_tax),
        fmt_amount(inv.total_incl),
        fmt_amount(inv.amount_due) + " EUR",
    ]
    table(
        c,
        14,
        max(y + 8, 225),
        [heads, vals],
        [30, 30, 30, 30, 30, 32],
        GRID + [("ALIGN", (0, 0), (-1, -1), "CENTER")],
        8,
    )
    para(
        c,
        14,
        243,
        182,
        f"Échéance : {fmt_date(inv.due, 'd/m/Y')} (45 jours date de facture). "
        f"RIB : {spaced(s.iban)} - {s.bic}. {LEGAL}",
        6.8,
    )
    para(c, 14, 280, 182, seller_footer(inv, "250 000"), 6.3, 1)
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax amount_due "
        "seller_name seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name "
        "purchase_order",
    )


def t_export_eu(rng: random.Random, path: Path) -> dict[str, str]:
    """French exporter billing a German customer, VAT-exempt intra-EU supply, bilingual FR/EN captions."""
    inv = fr_invoice(rng, "EX{y}-{n5}", rng.randint(1, 5), ("0",), days=60)
    inv.buyer = party(rng, "DE", buyer=True)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    text(c, 14, 20, s.legal, 15, True)
    lines(c, 14, 26, [s.street, s.city + " - France", f"VAT / TVA : {s.vat}"], 8.5)
    lines(
        c,
        196,
        18,
        ["Facture / Invoice", f"N° {inv.number}", f"Date : {fmt_date(inv.issue, 'd.m.Y')}"],
        10,
        5,
        bold_first=True,
        align="r",
    )
    lines(
        c,
        110,
        44,
        ["Customer / Client", *b.name, b.street, b.city, "ALLEMAGNE / GERMANY", f"VAT No. {b.vat}"],
        9.5,
        4.6,
        bold_first=True,
    )
    lines(
        c,
        14,
        44,
        [
            f"Incoterm : DAP {b.city.split(' ', 1)[1]}",
            f"Colis / Parcels : {rng.randint(1, 9)}",
            f"Poids brut / Gross weight : {rng.randint(20, 900)} kg",
            f"Code douanier : {digits(rng, 8)}",
        ],
        8,
    )
    rows = [["Ref.", "Description", "Qty", "Unit price EUR", "Amount EUR"]]
    rows += [[i.ref, i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    y = table(c, 14, 82, rows, [20, 96, 16, 26, 24], GRID + [("BACKGROUND", (0, 0), (-1, 0), GREY)], 8.5, 2)
    tot = [
        ["Total HT / Net total", fmt_amount(inv.total_excl)],
        ["TVA / VAT 0 %", fmt_amount(inv.total_tax)],
        ["Total TTC / Total amount EUR", fmt_amount(inv.total_incl)],
    ]
    table(c, 106, y + 5, tot, [60, 30], GRID + [("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9)], 9, 1)
    para(
        c,
        14,
        y + 28,
        182,
        "Exonération de TVA, article 262 ter I du CGI - Autoliquidation / VAT exempt intra-Community "
        f"supply, reverse charge (Art. 138 Directive 2006/112/EC).<br/>Payment due / Échéance : "
        f"{fmt_date(inv.due, 'd.m.Y')} - IBAN {spaced(s.iban)} - BIC {s.bic}",
        8,
    )
    para(c, 14, 280, 182, seller_footer(inv, "80 000"), 6.3, 1)
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name buyer_vat_id",
    )


def t_till(rng: random.Random, path: Path) -> dict[str, str]:
    """Simplified invoice printed by a shop till: one narrow monospaced column in the middle of the page."""
    inv = fr_invoice(rng, "T{n3}-{n6}", rng.randint(2, 7), ("20", "5.5"), bank=False, days=0)
    s, c = inv.seller, canvas(path)

    def mono(y: float, left: str, right: str = "", bold: bool = False) -> None:
        c.setFont("Courier-Bold" if bold else "Courier", 8.5)
        c.drawString(70 * 2.834645, (297 - y) * 2.834645, left)
        if right:
            c.drawRightString(140 * 2.834645, (297 - y) * 2.834645, right)

    y = 20.0
    for row in (s.legal.upper(), s.street, s.city, f"Tel {s.phone}", f"SIRET {s.siret}", f"TVA {s.vat}"):
        text(c, 105, y, row, 8.5, False, "c")
        y += 4
    hline(c, 70, 140, y, 0.3, dash=True)
    y += 5
    mono(y, "FACTURE SIMPLIFIEE", bold=True)
    mono(y + 4, f"No {inv.number}")
    mono(
        y + 8,
        f"{fmt_date(inv.issue, 'd/m/Y')} {rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}",
        f"Caisse {rng.randint(1, 6)}",
    )
    y += 15
    for it in inv.items:
        mono(y, it.text[:26])
        mono(
            y + 3.6,
            f"  {it.qty:g} x {fmt_amount(it.unit)}",
            f"{fmt_amount(it.net)} {'A' if it.rate == 20 else 'B'}",
        )
        y += 8
    hline(c, 70, 140, y, 0.3, dash=True)
    y += 5
    mono(y, "TOTAL TTC EUR", fmt_amount(inv.total_incl), bold=True)
    mono(y + 5, "CB SANS CONTACT", fmt_amount(inv.total_incl))
    y += 12
    mono(y, "TVA      HT       TVA      TTC")
    for code, (rate, tax) in zip("AB", inv.taxes().items(), strict=False):
        y += 4
        base = inv.bases()[rate]
        mono(y, f"{code} {rate:>4}% {fmt_amount(base):>8} {fmt_amount(tax):>7} {fmt_amount(base + tax):>8}")
    y += 5
    mono(y, "Total HT", fmt_amount(inv.total_excl))
    mono(y + 4, "Total TVA", fmt_amount(inv.total_tax))
    mono(y + 12, "Merci de votre visite !")
    c.save()
    return truth(
        inv,
        "invoice_number issue_date currency total_excl_tax total_tax total_incl_tax seller_name "
        "seller_vat_id seller_siret",
    )
