"""Invoices made from office-suite templates: Word, Excel, LibreOffice, Google Docs/Sheets, Canva."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_selfmade_e import common as c
from benchmarks.generated_selfmade_e.draw import Page

GREY = (0.85, 0.85, 0.85)


def _qty(q: Decimal) -> str:
    return f"{q.normalize():f}".replace(".", ",")


def word_classic_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """Microsoft Word "Facture" gallery template (French Office template gallery): company name
    top left, big FACTURE top right with N° and date under it, "Facturer à" / "Expédier à" side by side, a
    Quantité/Description/Prix unitaire/Total table, Sous-total/TVA/Total at the right, thank-you line and the
    SIRET typed in the footer. Long orders flow to a second page."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.choice([3, 5, 9, 24]), one_rate=True))
    number = f"{d.issued.year}-{rng.randint(1, 250):03d}"
    euro = rng.choice(["€", "EUR"])
    colon = rng.choice([" :", ":", ""])
    p = Page(path, rng.choice(["Helvetica", "Times"]))
    p.text(20, 22, seller.name, 16, bold=True)
    p.lines(20, 29, [*seller.address(), f"Tél. {seller.phone}", seller.email], 9)
    p.text(190, 24, "FACTURE", 26, bold=True, align="r", colour=(0.3, 0.3, 0.5))
    p.text(150, 36, f"N° de facture{colon}", 9, align="r")
    p.text(190, 36, number, 9, align="r")
    p.text(150, 41, f"Date{colon}", 9, align="r")
    p.text(190, 41, c.fmt_date(d.issued, "d/m/Y"), 9, align="r")
    p.text(20, 62, f"Facturer à{colon}", 9, bold=True)
    p.lines(20, 67, [buyer.name, *buyer.address()], 9)
    p.text(110, 62, f"Expédier à{colon}", 9, bold=True)
    p.lines(110, 67, [buyer.contact, *buyer.address()], 9)
    rows = [[_qty(i.qty), i.desc, c.money(i.price, "fr", euro), c.money(i.net, "fr", euro)] for i in d.items]
    y = p.table(
        20,
        92,
        [20, 90, 30, 30],
        "clrr",
        ["Quantité", "Description", "Prix unitaire", "Total"],
        rows,
        head_fill=GREY,
    )
    if y > 235:
        p.new_page()
        y = 30
    rate = c.rate_pct(d.items[0].rate)
    for label, val, bold in (
        ("Sous-total", d.t.net, False),
        (f"TVA ({rate} %)", d.t.tax, False),
        ("Total", d.t.gross, True),
    ):
        y += 6
        p.text(160, y, label, 9.5, bold=bold, align="r")
        p.text(190, y, c.money(val, "fr", euro), 9.5, bold=bold, align="r")
    p.text(20, y + 16, f"Libellez tous les chèques à l'ordre de {seller.name}.", 8.5)
    p.text(20, y + 21, "Merci de votre confiance !", 10, italic=True)
    p.text(105, 285, f"{seller.name} - SIRET {c.ids.group(seller.siret, 3)} - TVA {seller.vat}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR")
    return truth.values


def excel_grid_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """Excel "Modèle de facture" spreadsheet printed as is: every value in a ruled cell, labels in upper case,
    a fixed block of item rows (blank ones included), TOTAL HT / TVA 20% / TOTAL TTC cells and a RIB cell
    block; dates typed dd/mm/yy or dd/mm/yyyy; amounts with the '€' number format."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 9)))
    number = f"FAC{d.issued.strftime('%y%m')}-{rng.randint(1, 99):02d}"
    client_code = f"CL{rng.randint(100, 999)}"
    p = Page(path)
    p.grid(15, 15, [90], [[seller.name]], h=9, size=13)
    p.lines(16, 30, [*seller.address(), seller.phone, f"SIRET : {seller.siret}"], 8.5)
    p.grid(
        120,
        15,
        [35, 40],
        [
            ["FACTURE N°", number],
            ["DATE", c.fmt_date(d.issued, "d/m/Y")],
            ["CODE CLIENT", client_code],
            ["ÉCHÉANCE", c.fmt_date(d.due, "d/m/Y")],
        ],
        h=7,
    )
    p.grid(120, 50, [75], [["CLIENT"], [buyer.name], [buyer.street], [f"{buyer.zip} {buyer.city}"]], h=6)
    rows: list[list[str]] = [["RÉF.", "DÉSIGNATION", "QTÉ", "PU HT", "MONTANT HT"]]
    for n, i in enumerate(d.items, 1):
        rows.append([f"{n:02d}", i.desc, _qty(i.qty), c.money(i.price, "fr", "€"), c.money(i.net, "fr", "€")])
    rows += [["", "", "", "", ""]] * (14 - len(d.items))
    y = p.grid(15, 85, [15, 85, 15, 30, 35], rows, h=6.2, aligns="llrrr", head_fill=GREY)
    y = p.grid(
        115,
        y + 3,
        [45, 35],
        [
            ["TOTAL HT", c.money(d.t.net, "fr", "€")],
            ["TVA 20%", c.money(d.t.tax, "fr", "€")],
            ["TOTAL TTC", c.money(d.t.gross, "fr", "€")],
        ],
        h=7,
        aligns="lr",
    )
    p.grid(
        15,
        y + 8,
        [30, 70],
        [["RÈGLEMENT", "Virement bancaire"], ["IBAN", c.ids.group(seller.iban)], ["BIC", seller.bic]],
        h=6.5,
    )
    p.text(105, 287, f"{seller.name} - {seller.rcs} - N° TVA intracom. {seller.vat}", 7, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR")
    return truth.values


def libreoffice_modern_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """LibreOffice Writer "Facture" template (LibreOffice template centre, simple business style): serif
    title "Facture" top left, seller block right-aligned, a two-column key/value block (Date, Facture n°,
    Client, Votre commande), Désignation/Qté/P.U. HT/Montant HT, totals as plain lines, the legal line of a
    SARL centred in the footer; dates written "le 12 mars 2026"."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.randint(2, 7), one_rate=True))
    number = f"{rng.randint(1, 400)}/{d.issued.year}"
    po = f"BC-{rng.randint(10000, 99999)}"
    p = Page(path, "Times")
    p.text(20, 30, "Facture", 28, italic=True)
    p.lines(190, 20, [seller.name, *seller.address(), seller.phone, seller.web], 9.5, align="r")
    keys = [
        ("Date", c.fr_long(d.issued)),
        ("Facture n°", number),
        ("Client", buyer.name),
        ("Votre commande", po),
    ]
    y = 55.0
    for k, v in keys:
        p.text(20, y, k, 10, bold=True)
        p.text(60, y, v, 10)
        y += 5.5
    p.lines(120, 60, [buyer.name, *buyer.address()], 10)
    rows = [[i.desc, _qty(i.qty), c.money(i.price, "fr"), c.money(i.net, "fr")] for i in d.items]
    y = p.table(
        20, 95, [95, 20, 27, 28], "lrrr", ["Désignation", "Qté", "P.U. HT", "Montant HT"], rows, size=10
    )
    rate = c.rate_pct(d.items[0].rate)
    y += 6
    for label, val in (("Total HT", d.t.net), (f"TVA {rate} %", d.t.tax), ("Total TTC", d.t.gross)):
        p.text(120, y, label, 10)
        p.text(190, y, c.money(val, "fr", "euros"), 10, align="r")
        y += 5.5
    p.text(
        20, y + 10, "Conditions de paiement : 30 jours fin de mois. Pas d'escompte pour paiement anticipé.", 9
    )
    p.text(20, y + 15, "En cas de retard, indemnité forfaitaire pour frais de recouvrement : 40 euros.", 9)
    legal = f"{seller.name} au capital de {seller.capital} € - SIRET {seller.siret} - {seller.rcs}"
    p.text(105, 280, legal, 8, align="c")
    p.text(105, 284, f"TVA intracommunautaire : {seller.vat}", 8, align="c")
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.seller(seller, siret=True)
    truth.buyer(buyer)
    truth.text("purchase_order", po)
    truth.amounts(d.t, "EUR")
    return truth.values


def gdocs_invoice_en(rng: random.Random, path: Path) -> dict[str, str]:
    """Google Docs template gallery "Invoice" (Spearmint style): company name large at the top, contact line,
    "Invoice" heading with Invoice #/Date/Due, "Bill to" under it, an unruled item table, Subtotal/Tax/Total
    and a "Total due" line; used by a French freelancer billing an English-speaking client."""
    seller = c.sole_trader(rng)
    seller.vat = c.ids.fr_vat(seller.siren)
    buyer = c.data.party(rng, rng.choice(["GB", "NL", "DE", "BE", "IT"]))
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 5)))
    number = f"#{rng.randint(1, 120):04d}"
    p = Page(path)
    p.text(20, 25, seller.name, 22, colour=(0.1, 0.5, 0.45))
    p.text(20, 32, f"{seller.street}, {seller.zip} {seller.city}, France  |  {seller.email}", 8.5)
    p.hline(20, 190, 36, 1.2, (0.1, 0.5, 0.45))
    p.text(20, 50, "Invoice", 18, bold=True)
    p.text(20, 58, f"Invoice {number}", 10)
    p.text(20, 63, f"Date: {c.fmt_date(d.issued, 'long', 'en')}", 10)
    p.text(20, 68, f"Due: {c.fmt_date(d.due, 'long', 'en')}", 10)
    p.text(120, 50, "Bill to", 10, bold=True)
    p.lines(120, 56, [buyer.name, *buyer.address("en", True), f"VAT: {buyer.vat}"], 10)
    rows = [
        [i.desc, _qty(i.qty), c.money(i.price, "en", "€", True), c.money(i.net, "en", "€", True)]
        for i in d.items
    ]
    y = p.table(
        20, 90, [90, 20, 30, 30], "lrrr", ["Description", "Qty", "Unit price", "Amount"], rows, rules=False
    )
    y += 6
    for label, val in (("Subtotal", c.money(d.t.net, "en", "€", True)), ("VAT 0 %", "€0.00")):
        p.text(160, y, label, 10, align="r")
        p.text(190, y, val, 10, align="r")
        y += 6
    p.text(160, y + 2, "Total due", 12, bold=True, align="r")
    p.text(190, y + 2, c.money(d.t.net, "en", "€", True), 12, bold=True, align="r")
    p.text(
        20,
        y + 15,
        "Reverse charge: VAT to be accounted for by the recipient (art. 196 Directive 2006/112/EC).",
        8,
    )
    p.text(20, y + 21, f"Bank transfer - IBAN {c.ids.group(seller.iban)} - BIC {seller.bic}", 9)
    p.text(20, 283, f"SIRET {seller.siret} - VAT ID {seller.vat}", 7.5)
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siret=True, bank=True)
    truth.buyer(buyer, vat=True)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", d.t.net)
    truth.money("total_tax", Decimal(0))
    truth.money("total_incl_tax", d.t.net)
    truth.money("amount_due", d.t.net)
    return truth.values


def gsheets_facture_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """Google Sheets "Facture" template: a colour header row with the seller, the amount due repeated large at
    top right ("Montant dû"), Facture n°/Date de la facture/Date d'échéance in a column, unruled lines,
    Sous-total / TVA / Total, and a deposit line when one was paid."""
    seller, buyer = c.fr_company(rng), c.fr_buyer(rng)
    d = c.doc(rng, c.data.lines(rng, "fr", "FR", rng.randint(1, 8)))
    c.data.deposit(rng, d.t, 0.4)
    number = f"{rng.randint(1000, 1999)}"
    style = rng.choice(["fr", "space"])
    p = Page(path)
    p.box(0, 0, 210, 30, fill=(0.2, 0.45, 0.7), stroke=False)
    p.text(15, 15, seller.name, 16, bold=True, colour=(1, 1, 1))
    p.text(15, 22, f"{seller.street} · {seller.zip} {seller.city} · {seller.phone}", 8.5, colour=(1, 1, 1))
    p.text(15, 42, "Facturé à", 9, colour=(0.4, 0.4, 0.4))
    p.lines(15, 48, [buyer.name, *buyer.address()], 9.5)
    p.text(80, 42, "Facture n°", 9, colour=(0.4, 0.4, 0.4))
    p.text(80, 48, number, 9.5)
    p.text(80, 56, "Date de la facture", 9, colour=(0.4, 0.4, 0.4))
    p.text(80, 62, c.fmt_date(d.issued, "d/m/Y"), 9.5)
    p.text(125, 42, "Date d'échéance", 9, colour=(0.4, 0.4, 0.4))
    p.text(125, 48, c.fmt_date(d.due, "d/m/Y"), 9.5)
    p.text(195, 42, "Montant dû (EUR)", 9, align="r", colour=(0.4, 0.4, 0.4))
    p.text(195, 52, c.money(d.t.due, style, "€"), 18, bold=True, align="r")
    rows = [
        [i.desc, c.money(i.price, style), _qty(i.qty), c.data.rate_text(i.rate) + " %", c.money(i.net, style)]
        for i in d.items
    ]
    y = p.table(
        15,
        80,
        [80, 28, 16, 18, 38],
        "lrrrr",
        ["Description", "Prix unitaire", "Qté", "TVA", "Montant"],
        rows,
        rules=False,
    )
    lines = [
        ("Sous-total", d.t.net),
        *[(f"TVA {c.rate_pct(r)} %", tx) for r, (_, tx) in d.t.taxes.items()],
        ("Total", d.t.gross),
    ]
    if d.t.paid:
        lines += [("Acompte versé", -d.t.paid), ("Montant dû", d.t.due)]
    y += 5
    for label, val in lines:
        p.text(160, y, label, 9.5, align="r")
        p.text(195, y, c.money(val, style, "€"), 9.5, align="r")
        y += 5.5
    p.text(15, 270, f"Virement : {c.ids.group(seller.iban)}  ({seller.bic})", 8.5)
    p.text(15, 276, f"SIREN {seller.siren} · TVA {seller.vat}", 8)
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.day("due_date", d.due)
    truth.seller(seller, siren=True, bank=True)
    truth.buyer(buyer)
    # With several rates the sheet prints one VAT line per rate and no VAT total.
    truth.amounts(d.t, "EUR", tax=len(d.t.taxes) == 1, due=True)
    return truth.values


def canva_band_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """Canva "Facture" design (the gallery's minimalist templates): a coloured band with a huge FACTURE,
    small-caps labels (N° FACTURE, DATE, FACTURÉ À), a wide table, the total in a coloured box, an
    "Informations de paiement" block at bottom left and a "MERCI !" signature; no VAT lines when the seller
    is a micro-entrepreneur."""
    seller = c.sole_trader(rng)
    seller.name = seller.name + rng.choice([" EI", "", " - Design"])
    buyer = c.fr_buyer(rng, person=rng.random() < 0.5)
    d = c.doc(rng, c.items_for(rng, "freelance", rng.randint(1, 4), Decimal(0)))
    number = f"{d.issued.year}{rng.randint(1, 60):03d}"
    colour = rng.choice([(0.93, 0.6, 0.5), (0.55, 0.75, 0.7), (0.95, 0.85, 0.55)])
    p = Page(path)
    p.box(0, 10, 210, 35, fill=colour, stroke=False)
    p.text(20, 36, "FACTURE", 40, bold=True)
    p.text(20, 58, "N° FACTURE", 8, bold=True)
    p.text(20, 63, number, 10)
    p.text(60, 58, "DATE", 8, bold=True)
    p.text(60, 63, c.fmt_date(d.issued, "d.m.Y"), 10)
    p.text(120, 58, "FACTURÉ À", 8, bold=True)
    p.lines(120, 63, [buyer.name, *buyer.address()], 10)
    rows = [[i.desc, _qty(i.qty), c.money(i.price, "fr", "€"), c.money(i.net, "fr", "€")] for i in d.items]
    y = p.table(20, 90, [90, 20, 30, 30], "lccr", ["DESCRIPTION", "QTÉ", "PRIX", "TOTAL"], rows, lead=8)
    p.box(120, y + 5, 70, 12, fill=colour, stroke=False)
    p.text(125, y + 13, "TOTAL", 12, bold=True)
    p.text(187, y + 13, c.money(d.t.gross, "fr", "€"), 12, bold=True, align="r")
    p.text(20, y + 30, "TVA non applicable, art. 293 B du CGI", 8.5, italic=True)
    p.text(20, 240, "INFORMATIONS DE PAIEMENT", 9, bold=True)
    p.lines(
        20,
        246,
        [
            f"Titulaire : {seller.name}",
            f"IBAN : {c.ids.group(seller.iban)}",
            f"BIC : {seller.bic}",
            f"Paiement à réception - {seller.phone}",
        ],
        9,
    )
    p.text(150, 250, "MERCI !", 20, bold=True)
    p.text(150, 258, seller.name, 10, italic=True)
    p.text(150, 264, f"SIRET {seller.siret}", 8)
    p.save()
    truth = c.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", d.issued)
    truth.seller(seller, vat=False, siret=True, bank=True)
    truth.buyer(buyer)
    truth.amounts(d.t, "EUR", net=False, tax=False)
    return truth.values
