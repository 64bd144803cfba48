"""Invoices in the style of free French online makers. The layouts follow their public sample invoices
as recalled by the author; no stored copy of those samples was checked: they are approximations."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_selfmade_e import common as c
from benchmarks.generated_selfmade_e.draw import Page

LIGHT = (0.92, 0.94, 0.97)


def _q(q: Decimal) -> str:
    return f"{q.normalize():f}".replace(".", ",")


def facture_net_style(rng: random.Random, path: Path) -> dict[str, str]:
    """Facture.net-style free maker: seller top left, client in a window-envelope box top right, "Facture N°"
    and "Date" on one line, a line table with unit, VAT rate and per-line TTC, Total HT / Total TVA / Total
    TTC in a ruled block, and the late-payment legal paragraph with its 40 € decoy."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.randint(2, 10)))
    number = f"{d.issued.year}-{rng.randint(1, 999):04d}"
    p = Page(path)
    p.text(15, 20, seller.name, 13, bold=True)
    p.lines(15, 26, [*seller.address(), f"Tél : {seller.phone}", f"Email : {seller.email}"], 9)
    p.box(110, 40, 85, 28)
    p.lines(114, 47, [buyer.name, f"À l'attention de {buyer.contact}", *buyer.address()], 9.5)
    p.text(15, 82, f"Facture N° {number}", 12, bold=True)
    p.text(110, 82, f"Date : {c.fmt_date(d.issued, 'd/m/Y')}", 10)
    p.text(15, 88, f"Date d'échéance : {c.fmt_date(d.due, 'd/m/Y')}", 9)
    rows = [
        [
            i.desc,
            _q(i.qty),
            i.unit,
            c.money(i.price),
            c.rate_pct(i.rate) + " %",
            c.money(i.net * (1 + i.rate / 100)),
        ]
        for i in d.items
    ]
    head = ["Description", "Qté", "Unité", "PU HT", "TVA", "Total TTC"]
    y = p.table(15, 100, [78, 14, 16, 26, 16, 30], "lrcrrr", head, rows, head_fill=LIGHT)
    y = p.grid(
        125,
        y + 4,
        [40, 30],
        [
            ["Total HT", c.money(d.t.net, "fr", "€")],
            ["Total TVA", c.money(d.t.tax, "fr", "€")],
            ["Total TTC", c.money(d.t.gross, "fr", "€")],
        ],
        h=6.5,
        aligns="lr",
    )
    legal = [
        "Conditions de paiement : paiement à 30 jours.",
        "En cas de retard de paiement, une pénalité égale à 3 fois le taux d'intérêt légal sera exigible.",
        "Indemnité forfaitaire pour frais de recouvrement : 40,00 €.",
    ]
    p.lines(15, y + 10, legal, 8)
    p.text(105, 284, f"{seller.name} - SIRET : {seller.siret} - N° TVA : {seller.vat}", 7.5, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR")
    return truth.values


def zervant_style(rng: random.Random, path: Path) -> dict[str, str]:
    """Zervant-style invoice (free invoicing for freelancers, approximated): logo area top left,
    "Facture" top right above a reference grid (Numéro de facture, Date de facture, Date d'échéance, Délai de
    paiement, Votre référence), totals ending with a highlighted "À payer", and a three-column footer
    (address | contact | bank details)."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 6)))
    number = str(rng.randint(1, 300))
    ref = f"{rng.choice(['Projet', 'Mission', 'Commande'])} {rng.randint(100, 999)}-{rng.choice('ABCD')}"
    p = Page(path)
    p.box(15, 15, 40, 18, fill=(0.9, 0.9, 0.9), stroke=False)
    p.text(35, 26, seller.name.split()[0].upper(), 10, bold=True, align="c")
    p.text(195, 22, "Facture", 20, align="r")
    keys = [
        ("Numéro de facture", number),
        ("Date de facture", c.fmt_date(d.issued, "d.m.Y")),
        ("Date d'échéance", c.fmt_date(d.due, "d.m.Y")),
        ("Délai de paiement", f"{(d.due - d.issued).days} jours"),
        ("Votre référence", ref),
        ("SIREN client", c.ids.group(buyer.siren, 3)),
    ]
    y = 32.0
    for k, v in keys:
        p.text(130, y, k, 8.5, colour=(0.4, 0.4, 0.4))
        p.text(195, y, v, 8.5, align="r")
        y += 5
    p.lines(15, 50, [buyer.name, *buyer.address()], 10)
    rows = [[i.desc, _q(i.qty), i.unit, c.money(i.price), "20 %", c.money(i.net)] for i in d.items]
    y = p.table(
        15,
        90,
        [80, 15, 15, 25, 15, 30],
        "lrlrrr",
        ["Description", "Qté", "Unité", "Prix", "TVA", "Total HT"],
        rows,
    )
    y += 6
    for label, val in (("Total HT", d.t.net), ("TVA 20 %", d.t.tax), ("Total TTC", d.t.gross)):
        p.text(150, y, label, 9)
        p.text(195, y, c.money(val, "fr", "€"), 9, align="r")
        y += 5
    p.box(140, y - 2, 57, 9, fill=(0.85, 0.93, 0.88), stroke=False)
    p.text(143, y + 4, "À payer", 11, bold=True)
    p.text(195, y + 4, c.money(d.t.gross, "fr", "€"), 11, bold=True, align="r")
    p.hline(15, 195, 268, 0.3)
    p.lines(
        15,
        273,
        [seller.name, seller.street, f"{seller.zip} {seller.city}", f"SIRET {seller.siret}"],
        7.5,
        3.4,
    )
    p.lines(80, 273, [seller.phone, seller.email, seller.web, f"TVA {seller.vat}"], 7.5, 3.4)
    p.lines(
        140, 273, ["Coordonnées bancaires", f"IBAN {c.ids.group(seller.iban)}", f"BIC {seller.bic}"], 7.5, 3.4
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer, siren=True)
    truth.amounts(d.t, "EUR", due=True)
    return truth.values


def freebe_micro(rng: random.Random, path: Path) -> dict[str, str]:
    """Micro-entrepreneur invoice as freelance tools (Freebe-style) print it: "EI" after the name, SIRET under
    it, "Facture n° F-2026-007", "Date d'émission" / "Date d'exécution" (a decoy date), a Total HT with "TVA
    non applicable, art. 293 B du CGI" and a "Net à payer"; no VAT amount at all."""
    seller = c.sole_trader(rng)
    seller.name += " EI"
    buyer = c.fr_buyer(rng)
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 4), Decimal(0)))
    number = f"F-{d.issued.year}-{rng.randint(1, 80):03d}"
    p = Page(path)
    p.text(15, 20, seller.name, 14, bold=True)
    p.lines(
        15,
        26,
        [f"SIRET : {c.ids.group(seller.siren, 3)} {seller.siret[9:]}", *seller.address(), seller.email],
        9,
    )
    p.text(195, 20, f"Facture n° {number}", 12, bold=True, align="r")
    p.text(195, 27, f"Date d'émission : {c.fmt_date(d.issued, 'd/m/Y')}", 9, align="r")
    done = d.issued - timedelta(days=rng.randint(1, 20))
    p.text(195, 32, f"Date d'exécution : {c.fmt_date(done, 'd/m/Y')}", 9, align="r")
    p.text(195, 37, f"Date limite de paiement : {c.fmt_date(d.due, 'd/m/Y')}", 9, align="r")
    p.text(110, 55, "Client", 8, colour=(0.5, 0.5, 0.5))
    p.lines(110, 60, [buyer.name, *buyer.address(), f"SIRET : {buyer.siret}"], 9.5)
    rows = [[i.desc, _q(i.qty), c.money(i.price, "fr", "€"), c.money(i.net, "fr", "€")] for i in d.items]
    y = p.table(
        15, 95, [100, 20, 30, 30], "lrrr", ["Prestation", "Quantité", "Prix unitaire", "Total HT"], rows
    )
    y += 8
    p.text(150, y, "Total HT", 10, align="r")
    p.text(195, y, c.money(d.t.net, "fr", "€"), 10, align="r")
    p.text(195, y + 5, "TVA non applicable, art. 293 B du CGI", 7.5, italic=True, align="r")
    p.text(150, y + 13, "Net à payer", 11, bold=True, align="r")
    p.text(195, y + 13, c.money(d.t.net, "fr", "€"), 11, bold=True, align="r")
    p.lines(
        15,
        y + 28,
        [
            "Moyen de paiement : virement bancaire",
            f"IBAN : {c.ids.group(seller.iban)}",
            f"BIC : {seller.bic}",
        ],
        9,
    )
    p.text(
        15, 282, "Pas d'escompte en cas de paiement anticipé. Pénalités de retard : 3 fois le taux légal.", 7
    )
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, vat=False, siret=True, bank=True)
    truth.buyer(buyer, siren=True)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", d.t.net)
    truth.money("total_incl_tax", d.t.net)
    truth.money("amount_due", d.t.net)
    return truth.values


def abby_style(rng: random.Random, path: Path) -> dict[str, str]:
    """Abby-style modern invoice (freelancer invoicing app, approximated): the title and number
    top left ("Facture n° F-2026-012"), "Émise le 12 mars 2026" / "Échéance le ...", two columns "De" and
    "Pour" with SIREN and VAT, a light table, an "Acompte versé" line and a "Reste à payer" when a deposit
    invoice was paid before."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 7)))
    c.data.deposit(rng, d.t, 0.6)
    number = f"F-{d.issued.year}{d.issued.month:02d}-{rng.randint(1, 40):03d}"
    deposit_no = f"F-{d.issued.year}{d.issued.month:02d}-{rng.randint(41, 60):03d}"
    p = Page(path)
    p.text(15, 22, f"Facture n° {number}", 16, bold=True)
    p.text(15, 29, f"Émise le {c.fr_long(d.issued)}", 9.5, colour=(0.4, 0.4, 0.4))
    p.text(15, 34, f"Échéance le {c.fr_long(d.due)}", 9.5, colour=(0.4, 0.4, 0.4))
    p.text(15, 48, "De", 8, bold=True, colour=(0.4, 0.4, 0.6))
    p.lines(15, 53, [seller.name, *seller.address(), f"SIREN {seller.siren}", f"TVA {seller.vat}"], 9)
    p.text(110, 48, "Pour", 8, bold=True, colour=(0.4, 0.4, 0.6))
    p.lines(110, 53, [buyer.name, *buyer.address(), f"SIREN {buyer.siren}"], 9)
    rows = [
        [i.desc, _q(i.qty), c.money(i.price, "fr", "€"), "20 %", c.money(i.net, "fr", "€")] for i in d.items
    ]
    y = p.table(
        15,
        90,
        [85, 15, 30, 15, 35],
        "lrrrr",
        ["Désignation", "Qté", "Prix u. HT", "TVA", "Total HT"],
        rows,
        head_fill=(0.95, 0.95, 1),
    )
    lines = [("Total HT", d.t.net), ("TVA 20 %", d.t.tax), ("Total TTC", d.t.gross)]
    if d.t.paid:
        lines += [(f"Acompte versé (facture {deposit_no})", -d.t.paid)]
    lines += [("Reste à payer", d.t.due)]
    y += 6
    for label, val in lines:
        bold = label == "Reste à payer"
        p.text(160, y, label, 9.5, bold=bold, align="r")
        p.text(195, y, c.money(val, "fr", "€"), 9.5, bold=bold, align="r")
        y += 5.5
    p.text(15, y + 8, f"Paiement par virement : {c.ids.group(seller.iban)} - {seller.bic}", 8.5)
    p.text(15, 284, f"{seller.name}, {seller.capital} € de capital - {seller.rcs}", 7)
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siren=True, bank=True)
    truth.buyer(buyer, siren=True)
    truth.amounts(d.t, "EUR", due=True)
    return truth.values


def henrri_style(rng: random.Random, path: Path) -> dict[str, str]:
    """Henrri-style free invoicing (approximated): FACTURE centred, a reference block (Réf.,
    Date, Code client, Échéance) on the left and the client on the right, Réf./Désignation/Qté/PU HT/Rem./
    Total HT columns with discounts, a per-rate VAT base table beside the totals, "Net à payer"."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    items = c.data.lines(rng, "fr", "FR", rng.randint(2, 9))
    for i in items:
        i.discount = Decimal(rng.choice([0, 0, 0, 5, 10]))
    d = c.doc(rng, items)
    number = f"FA{rng.randint(1, 9999):06d}"
    p = Page(path)
    p.lines(15, 18, [seller.name, *seller.address(), seller.phone], 9, bold=False)
    p.text(105, 45, "FACTURE", 18, bold=True, align="c")
    keys = [
        ("Réf.", number),
        ("Date", c.fmt_date(d.issued, "d/m/Y")),
        ("Code client", f"C{rng.randint(1, 999):05d}"),
        ("Échéance", c.fmt_date(d.due, "d/m/Y")),
    ]
    y = 58.0
    for k, v in keys:
        p.text(15, y, f"{k} :", 9)
        p.text(45, y, v, 9, bold=k == "Réf.")
        y += 5
    p.box(110, 54, 85, 25)
    p.lines(114, 60, [buyer.name, *buyer.address()], 9.5)
    rows = [
        [i.ref, i.desc, _q(i.qty), c.money(i.price), f"{i.discount}%" if i.discount else "", c.money(i.net)]
        for i in d.items
    ]
    y = p.table(
        15,
        92,
        [22, 75, 13, 25, 13, 32],
        "llrrrr",
        ["Réf.", "Désignation", "Qté", "PU HT", "Rem.", "Total HT"],
        rows,
    )
    base_rows = [["Taux", "Base HT", "TVA"]] + [
        [c.rate_pct(r) + " %", c.money(b), c.money(t)] for r, (b, t) in d.t.taxes.items()
    ]
    p.grid(15, y + 6, [18, 28, 24], base_rows, h=5.5, aligns="lrr", size=8)
    yy = y + 6
    for label, val in (
        ("Total HT", d.t.net),
        ("Total TVA", d.t.tax),
        ("Total TTC", d.t.gross),
        ("Net à payer", d.t.gross),
    ):
        p.text(150, yy + 4, label, 9.5, bold=label == "Net à payer")
        p.text(195, yy + 4, c.money(val, "fr", "€"), 9.5, align="r", bold=label == "Net à payer")
        yy += 6
    p.text(
        105,
        280,
        f"{seller.name} au capital de {seller.capital} € - SIRET {seller.siret} - APE {seller.naf}",
        7,
        align="c",
    )
    p.text(105, 284, f"N° TVA intracommunautaire {seller.vat}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR", due=True)
    return truth.values


def vosfactures_style(rng: random.Random, path: Path) -> dict[str, str]:
    """VosFactures (French edition of the InvoiceOcean/Fakturownia service, approximated): number
    "Facture n° 12/2026" top, Date d'émission / Date de vente (a decoy) / Date limite de règlement / Mode
    de paiement, Vendeur and Acheteur side by side, a table with net, VAT and TTC per line, a VAT summary
    grid, Montant à payer / Montant payé / Reste à payer, and the two signature boxes. Long lists flow on."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.choice([2, 4, 6, 22])))
    paid = rng.random() < 0.4
    if paid:
        d.t.paid = (d.t.gross * Decimal("0.4")).quantize(Decimal("0.01"))
    number = f"{rng.randint(1, 60)}/{d.issued.year}"
    p = Page(path)
    p.text(15, 18, f"Facture n° {number}", 15, bold=True)
    keys = [
        ("Date d'émission", c.fmt_date(d.issued, "iso")),
        ("Date de vente", c.fmt_date(d.issued - timedelta(days=3), "iso")),
        ("Date limite de règlement", c.fmt_date(d.due, "iso")),
        ("Mode de paiement", "virement"),
    ]
    y = 28.0
    for k, v in keys:
        p.text(120, y, f"{k} :", 8.5)
        p.text(195, y, v, 8.5, align="r")
        y += 4.5
    p.text(15, 52, "Vendeur", 9, bold=True)
    p.lines(
        15,
        57,
        [seller.name, *seller.address(), f"N° TVA : {seller.vat}", f"IBAN : {c.ids.group(seller.iban)}"],
        8.5,
    )
    p.text(110, 52, "Acheteur", 9, bold=True)
    p.lines(110, 57, [buyer.name, *buyer.address(), f"N° TVA : {buyer.vat}"], 8.5)
    rows = []
    for n, i in enumerate(d.items, 1):
        tax = (i.net * i.rate / 100).quantize(Decimal("0.01"))
        rows.append(
            [
                str(n),
                i.desc,
                _q(i.qty),
                c.money(i.price),
                c.rate_pct(i.rate) + "%",
                c.money(i.net),
                c.money(tax),
                c.money(i.net + tax),
            ]
        )
    head = ["N°", "Désignation", "Qté", "Prix net", "TVA", "Montant net", "Montant TVA", "Montant TTC"]
    y = p.table(15, 90, [8, 58, 10, 22, 12, 24, 22, 24], "llrrrrrr", head, rows, size=7.5, head_fill=LIGHT)
    if y > 215:
        p.new_page()
        y = 25
    summary = [["Taux de TVA", "Montant net", "Montant TVA", "Montant TTC"]]
    summary += [
        [c.rate_pct(r) + "%", c.money(b), c.money(t), c.money(b + t)] for r, (b, t) in d.t.taxes.items()
    ]
    summary += [["Total", c.money(d.t.net), c.money(d.t.tax), c.money(d.t.gross)]]
    y = p.grid(95, y + 4, [25, 25, 25, 25], summary, h=5, size=7.5, aligns="lrrr")
    lines = [("Montant à payer", d.t.gross), ("Montant payé", d.t.paid), ("Reste à payer", d.t.due)]
    y += 6
    for label, val in lines:
        p.text(15, y, f"{label} :", 9.5, bold=label == "Reste à payer")
        p.text(75, y, c.money(val, "fr", "EUR"), 9.5, align="r", bold=label == "Reste à payer")
        y += 5.5
    p.box(15, 250, 80, 22)
    p.box(115, 250, 80, 22)
    p.text(55, 276, "Signature de la personne habilitée à recevoir la facture", 6.5, align="c")
    p.text(155, 276, "Signature de la personne habilitée à émettre la facture", 6.5, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, bank=True, bic=False)
    truth.buyer(buyer, vat=True)
    truth.amounts(d.t, "EUR", due=True)
    return truth.values


def ma_facture_gratuite(rng: random.Random, path: Path) -> dict[str, str]:
    """Free printable form of the "Ma Facture Gratuite" kind: two framed boxes headed ÉMETTEUR and
    DESTINATAIRE, a centred "FACTURE N° 42" with "Date :" beneath, a ruled table with many empty rows,
    a 3-line total box, "Règlement par chèque ou virement", handwritten-looking Courier values."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng, person=rng.random() < 0.5)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.randint(1, 6), one_rate=True))
    number = str(rng.randint(1, 150))
    p = Page(path, "Courier")
    for x, title, who in ((15, "ÉMETTEUR", seller), (110, "DESTINATAIRE", buyer)):
        p.box(x, 15, 85, 38)
        p.box(x, 15, 85, 7, fill=(0.85, 0.85, 0.85))
        p.text(x + 42.5, 20, title, 9, bold=True, align="c")
        p.lines(x + 3, 28, [who.name, *who.address(), who.phone], 9)
    p.text(105, 68, f"FACTURE N° {number}", 15, bold=True, align="c")
    p.text(105, 75, f"Date : {c.fmt_date(d.issued, 'd/m/Y')}", 10, align="c")
    rows = [["Désignation", "Quantité", "Prix unitaire HT", "Total HT"]]
    rows += [[i.desc, _q(i.qty), c.money(i.price, "plain"), c.money(i.net, "plain")] for i in d.items]
    rows += [["", "", "", ""]] * (12 - len(d.items))
    y = p.grid(15, 85, [85, 25, 35, 35], rows, h=7, size=8.5, aligns="lrrr")
    rate = c.rate_pct(d.items[0].rate)
    p.grid(
        125,
        y + 4,
        [35, 35],
        [
            ["TOTAL HT", c.money(d.t.net, "plain", "€")],
            [f"TVA {rate}%", c.money(d.t.tax, "plain", "€")],
            ["TOTAL TTC", c.money(d.t.gross, "plain", "€")],
        ],
        h=7,
        aligns="lr",
    )
    p.text(15, y + 12, "Règlement par chèque ou virement", 9)
    p.text(15, y + 17, "à réception de facture.", 9)
    p.text(105, 283, f"SIRET : {seller.siret}   TVA intracom : {seller.vat}", 8, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR")
    return truth.values
