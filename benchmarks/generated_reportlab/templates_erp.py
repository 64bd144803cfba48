"""French layouts in the style of open-source ERPs, a service subscription, an artisan and a credit note."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_reportlab.data import (
    digits,
    fmt_amount,
    fmt_date,
    money,
    single_rate_tax,
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
from benchmarks.generated_reportlab.templates_fr import LEGAL, fr_invoice, seller_footer

PURPLE = colors.Color(0.44, 0.29, 0.4)


def t_odoo(rng: random.Random, path: Path) -> dict[str, str]:
    """Odoo-like: word-mark, company line, 'Facture FAC/2026/00042', info columns, payment reference."""
    inv = fr_invoice(rng, "FAC/{Y}/{n5}", rng.randint(1, 6), ("20", "20", "10"))
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.po = f"S{digits(rng, 5)}"
    c.setFillColor(PURPLE)
    text(c, 15, 20, s.name[0].split()[-1].upper(), 20, True)
    c.setFillColor(colors.black)
    lines(c, 195, 14, [s.legal, s.street, s.city, "France"], 8, 3.8, align="r")
    hline(c, 15, 195, 32, 1)
    lines(c, 120, 45, [*b.name, b.street, b.city, "France", f"N° TVA : {b.vat}"], 10, 4.8)
    text(c, 15, 82, f"Facture {inv.number}", 18, False)
    heads = ["Date de facturation", "Date d'échéance", "Origine", "Référence client"]
    vals = [
        fmt_date(inv.issue, "d/m/Y"),
        fmt_date(inv.due, "d/m/Y"),
        inv.po,
        rng.choice(["", "Chantier Lyon 7"]),
    ]
    table(c, 15, 90, [heads, vals], [45, 45, 40, 50], [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8)], 9)
    rows = [["Description", "Quantité", "Prix unitaire", "Taxes", "Montant"]]
    rows += [
        [
            f"[{i.ref}] {i.text}",
            f"{i.qty:.2f} Unité(s)",
            fmt_amount(i.unit),
            f"TVA {i.rate}%",
            fmt_amount(i.net) + " €",
        ]
        for i in inv.items
    ]
    y = table(
        c,
        15,
        108,
        rows,
        [78, 28, 26, 22, 26],
        [("LINEBELOW", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 1), (-1, -1), 0.2, colors.grey)],
        8.5,
        1,
    )
    tot = [["Montant hors taxes", fmt_amount(inv.total_excl) + " €"]]
    tot += [
        [f"TVA {r}% sur {fmt_amount(inv.bases()[r])} €", fmt_amount(t) + " €"] for r, t in inv.taxes().items()
    ]
    tot += [["Total", fmt_amount(inv.total_incl) + " €"]]
    table(
        c,
        110,
        y + 4,
        tot,
        [55, 30],
        [("LINEABOVE", (0, -1), (-1, -1), 1, colors.black), ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9)],
        9,
        1,
    )
    para(
        c,
        15,
        y + 45,
        180,
        f"Veuillez utiliser la communication suivante pour votre paiement : <b>{inv.number}</b>"
        f"<br/>Conditions de paiement : 30 jours<br/>Sur le compte : {spaced(s.iban)} - {s.bic}",
        8.5,
    )
    hline(c, 15, 195, 278, 0.5)
    text(c, 105, 282, f"{s.phone}   {s.email}   www.{s.email.split('@')[1]}", 7.5, False, "c")
    text(c, 105, 286, f"SIRET : {s.siret}   TVA : {s.vat}", 7.5, False, "c")
    text(c, 105, 292, "Page 1 / 1", 7, False, "c")
    c.save()
    return single_rate_tax(
        inv,
        truth(
            inv,
            "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
            "seller_name seller_vat_id seller_siret seller_iban seller_bic buyer_name buyer_vat_id "
            "purchase_order",
        ),
    )


def t_dolibarr(rng: random.Random, path: Path) -> dict[str, str]:
    """Dolibarr-like: 'Facture FA2601-0042' top right, Émetteur / Adressé à boxes, 'Reste à payer'."""
    inv = fr_invoice(rng, "FA{y}{m}-{n4}", rng.randint(2, 7), ("20",))
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.deposit = (
        (inv.total_incl * Decimal("0.3")).quantize(Decimal("1")) if rng.random() < 0.6 else Decimal(0)
    )
    text(c, 12, 18, s.legal, 14, True)
    lines(
        c,
        198,
        14,
        [
            f"Facture {inv.number}",
            f"Date facturation : {fmt_date(inv.issue, 'd/m/Y')}",
            f"Date échéance : {fmt_date(inv.due, 'd/m/Y')}",
            f"Code client : CU{inv.number[2:6]}-{digits(rng, 5)}",
        ],
        9,
        4.6,
        bold_first=True,
        align="r",
    )
    text(c, 12, 42, "Émetteur", 8)
    box(c, 12, 44, 88, 34, GREY)
    lines(
        c,
        14,
        49,
        [s.legal, s.street, s.city, f"Tél.: {s.phone}", f"Email: {s.email}"],
        8.5,
        4.3,
        bold_first=True,
    )
    text(c, 108, 42, "Adressé à", 8)
    box(c, 108, 44, 90, 34)
    lines(c, 110, 49, [*b.name, b.street, b.city, f"N° TVA : {b.vat}"], 9, 4.5, bold_first=True)
    text(c, 198, 86, "Montants exprimés en Euros", 7.5, False, "r")
    rows = [["Désignation", "TVA", "P.U. HT", "Qté", "Total HT"]]
    rows += [
        [i.text, f"{i.rate}%", fmt_amount(i.unit), str(i.qty).rstrip("0").rstrip("."), fmt_amount(i.net)]
        for i in inv.items
    ]
    y = table(
        c,
        12,
        88,
        rows,
        [100, 16, 26, 16, 28],
        [("BOX", (0, 0), (-1, -1), 0.5, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)],
        8.5,
        1,
    )
    para(
        c,
        12,
        y + 6,
        95,
        f"<b>Conditions de règlement :</b> 30 jours<br/><b>Mode de règlement :</b> Virement bancaire"
        f"<br/>Banque : IBAN : {spaced(s.iban)}<br/>Code BIC/SWIFT : {s.bic}",
        7.5,
    )
    tot = [
        ["Total HT", fmt_amount(inv.total_excl)],
        ["Total TVA 20%", fmt_amount(inv.total_tax)],
        ["Total TTC", fmt_amount(inv.total_incl)],
    ]
    if inv.deposit:
        tot += [["Déjà réglé", fmt_amount(inv.deposit)], ["Reste à payer", fmt_amount(inv.amount_due)]]
    table(c, 118, y + 6, tot, [50, 30], [("BACKGROUND", (0, 2), (-1, 2), GREY)], 8.5, 1)
    para(c, 12, 270, 186, LEGAL, 6.5, 1)
    para(c, 12, 280, 186, seller_footer(inv, "7 500"), 6.5, 1)
    c.save()
    names = (
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax seller_name "
        "seller_vat_id seller_siren seller_siret seller_iban seller_bic buyer_name buyer_vat_id"
    )
    return truth(inv, names + (" amount_due" if inv.deposit else ""))


def t_subscription(rng: random.Random, path: Path) -> dict[str, str]:
    """Monthly service invoice paid by direct debit: period, contract number, SEPA mandate and debit date."""
    inv = fr_invoice(rng, "INV-{h}-{n4}", rng.randint(1, 3), ("20",), bank=False, days=10)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    start = inv.issue.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    text(c, 20, 22, s.legal, 15, True)
    text(c, 20, 28, "Solutions d'hébergement professionnelles", 8)
    box(c, 118, 14, 75, 30)
    lines(
        c,
        121,
        20,
        [
            f"Facture n° {inv.number}",
            f"Date : {fmt_date(inv.issue, 'd.m.Y')}",
            f"Contrat : CT-{digits(rng, 3)}-{digits(rng, 4)}",
            f"Compte client : {digits(rng, 8)}",
        ],
        9,
        5,
    )
    lines(c, 20, 52, ["Client", *b.name, b.street, b.city, f"SIREN {b.siren}"], 9.5, 4.6, bold_first=True)
    text(c, 20, 90, f"Période de facturation : du {fmt_date(start, 'd/m/Y')} au {fmt_date(end, 'd/m/Y')}", 9)
    rows = [["Service", "Qté", "Prix unitaire HT", "Total HT"]]
    rows += [
        [i.text, str(int(i.qty)), fmt_amount(i.unit) + " €", fmt_amount(i.net) + " €"] for i in inv.items
    ]
    y = table(c, 20, 96, rows, [95, 15, 30, 30], [("BACKGROUND", (0, 0), (-1, 0), GREY)], 9, 1)
    head = ["Total HT", "TVA 20 %", "Total TTC"]
    table(
        c,
        20,
        y + 8,
        [
            head,
            [
                fmt_amount(inv.total_excl) + " €",
                fmt_amount(inv.total_tax) + " €",
                fmt_amount(inv.total_incl) + " €",
            ],
        ],
        [56, 57, 57],
        GRID + [("ALIGN", (0, 0), (-1, -1), "CENTER")],
        10,
    )
    debit = inv.due
    para(
        c,
        20,
        y + 30,
        170,
        f"Le montant de <b>{fmt_amount(inv.total_incl)} €</b> sera prélevé le "
        f"{fmt_date(debit, 'long-fr')} sur votre compte (mandat SEPA n° RUM-{digits(rng, 10)}, "
        f"ICS FR{digits(rng, 2)}ZZZ{digits(rng, 6)}).",
        8.5,
    )
    para(
        c,
        20,
        268,
        170,
        f"{LEGAL}<br/>{s.legal} - SAS au capital de 120 000 € - RCS {s.city.split(' ', 1)[1]} "
        f"{s.siren} - TVA {s.vat}",
        6.5,
        1,
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_siren buyer_name buyer_siren",
    )


def t_artisan(rng: random.Random, path: Path) -> dict[str, str]:
    """Craftsman's invoice: centred word-mark, quote reference, works address, deposit deducted, TVA 10 %."""
    inv = fr_invoice(rng, "{n6}", rng.randint(3, 8), ("10",), days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.deposit = money(inv.total_incl * Decimal("0.3"))
    text(c, 105, 20, s.name[0].upper(), 18, True, "c")
    text(c, 105, 26, " ".join(s.name[1:]) or "Artisan depuis 1987", 9, False, "c")
    text(c, 105, 31, f"{s.street} - {s.city} - {s.phone}", 8, False, "c")
    hline(c, 40, 170, 34, 1.2)
    lines(
        c,
        15,
        46,
        [
            f"FACTURE N° {inv.number}",
            f"Le {fmt_date(inv.issue, 'long-fr')}",
            f"Selon devis n° D{digits(rng, 5)} du {fmt_date(inv.issue - timedelta(days=45), 'd/m/Y')}",
        ],
        10,
        5,
        bold_first=True,
    )
    lines(c, 120, 46, ["Adresse de facturation :", *b.name, b.street, b.city], 9.5, 4.6)
    text(c, 15, 75, f"Adresse du chantier : {rng.randint(2, 90)} rue de la Gare, {b.city}", 8.5)
    rows = [["Désignation des travaux", "Unité", "Qté", "P.U. HT", "Total HT"]]
    rows += [
        [
            i.text,
            rng.choice(["u", "m²", "h", "ens."]),
            fmt_amount(i.qty),
            fmt_amount(i.unit),
            fmt_amount(i.net),
        ]
        for i in inv.items
    ]
    y = table(c, 15, 82, rows, [90, 14, 18, 26, 32], GRID, 8.5, 2)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl) + " €"],
        ["TVA 10 % (travaux de rénovation)", fmt_amount(inv.total_tax) + " €"],
        ["Total TTC", fmt_amount(inv.total_incl) + " €"],
        ["Acompte reçu", fmt_amount(inv.deposit) + " €"],
        ["Net à payer", fmt_amount(inv.amount_due) + " €"],
    ]
    table(c, 95, y + 5, tot, [58, 32], GRID + [("FONT", (0, 4), (-1, 4), "Helvetica-Bold", 10)], 9, 1)
    para(
        c,
        15,
        y + 50,
        180,
        f"Paiement à réception de facture, au plus tard le {fmt_date(inv.due, 'd/m/Y')}. {LEGAL}",
        7,
    )
    para(
        c,
        15,
        276,
        180,
        f"Entreprise individuelle - SIRET {spaced(s.siret[:9], 3)} {s.siret[9:]} - "
        f"Assurance décennale MAAF n° {digits(rng, 9)} - TVA {s.vat}",
        7,
        1,
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax amount_due "
        "seller_vat_id seller_siret buyer_name",
    )


def t_credit_note(rng: random.Random, path: Path) -> dict[str, str]:
    """Credit note from a sales package: 'Avoir n°' with the cancelled invoice's number as a decoy."""
    inv = fr_invoice(rng, "AV{Y}-{n4}", rng.randint(1, 3), ("20",), days=0)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    orig = f"FA{inv.issue.year}-{digits(rng, 4)}"
    lines(c, 14, 16, [*s.name, s.street, s.city], 9, 4.4, bold_first=True)
    text(c, 196, 18, "AVOIR", 20, True, "r")
    lines(c, 196, 26, [f"N° {inv.number}", f"du {fmt_date(inv.issue, 'd/m/Y')}"], 10, 5, align="r")
    box(c, 110, 42, 86, 28)
    lines(c, 113, 48, ["Client :", *b.name, b.street, b.city], 9.5, 4.6)
    text(
        c,
        14,
        82,
        f"Avoir sur facture n° {orig} du {fmt_date(inv.issue - timedelta(days=21), 'd/m/Y')}",
        9.5,
        True,
    )
    text(c, 14, 87, "Motif : retour marchandise non conforme", 9)
    rows = [["Code", "Désignation", "Qté", "P.U. HT", "Montant HT"]]
    rows += [[i.ref, i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    y = table(c, 14, 94, rows, [22, 92, 18, 24, 26], GRID, 8.5, 2)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl)],
        ["TVA 20 %", fmt_amount(inv.total_tax)],
        ["Total TTC de l'avoir", fmt_amount(inv.total_incl) + " €"],
    ]
    table(c, 120, y + 6, tot, [44, 32], GRID, 9, 1)
    text(c, 14, y + 36, "Montant à déduire de votre prochain règlement.", 8.5)
    text(c, 105, 285, f"{s.legal} - SIREN {s.siren} - TVA {s.vat}", 7, False, "c")
    c.save()
    return truth(
        inv,
        "invoice_number issue_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_siren buyer_name",
    )
