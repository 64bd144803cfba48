"""LaTeX invoice classes: two French "facture" templates, dapper-invoice, a scrlttr2 letter."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import data as d
from benchmarks.generated_software_b.draw import Canvas, Col
from benchmarks.generated_software_b.ids import group

Fields = dict[str, str]


def latex_facture_fr(rng: random.Random, out: Path) -> Fields:
    """The French LaTeX "facture" template (article class, fp package arithmetic, fancyhdr footer).

    Modelled on sylrouss/facturation facture.tex.tpl (the same template also ships in creme_crm's billing
    LaTeX templates): company box between double rules, centred "Facture n°", client block indented to the
    right, "<Ville>, le <date>", centred "Bon de Commande", Désignation / Prix unitaire / Quantité / Montant
    (EUR) with Total HT, TVA and Total TTC computed by fp (plain decimals), the RIB table and the legal footer
    (capital, address, phone, SIREN RCS, APE, TVA number).
    """
    seller = d.party(rng, "FR", bank=True)
    buyer = d.party(rng, "FR")
    issued = d.issue_date(rng)
    number = rng.choice(
        [
            f"{issued.year}-{rng.randint(1, 99):03d}",
            f"{issued.year}{issued.month:02d}{rng.randint(1, 99):02d}",
            f"F{rng.randint(100, 999)}",
        ]
    )
    items = d.lines(rng, "fr", "FR", rng.choice([1, 1, 2, 3]), one_rate=True)
    for item in items:
        item.rate = Decimal(20)
    avoir = rng.random() < 0.25
    t = d.totals(items)
    po = f"{rng.choice(['BC', 'PO', 'CMD'])}{rng.randint(10000, 99999)}"
    pdf = Canvas(rng.choice(["serif", "sans", "times"]))
    pdf.new_page()
    pdf.rule(45, 18, 165, 0.3)
    pdf.rule(45, 19, 165, 0.3)
    pdf.box(50, 23, 25, 15, fill=225, stroke=False)
    pdf.lines_at(85, 23, [seller.name], 10.5, style="B")
    pdf.lines_at(85, 28.5, [seller.street, f"{seller.zip} {seller.city}"], 10.5)
    pdf.rule(45, 42, 165, 0.3)
    pdf.rule(45, 43, 165, 0.3)
    pdf.put(20, 52, f"Facture n°: {number}", 11, "B", align="C", w=170)
    pdf.lines_at(125, 64, [buyer.name], 11, style="B")
    pdf.lines_at(125, 69.5, buyer.address(), 11)
    pdf.put(125, 86, f"{seller.city}, le {d.fmt_date(issued, 'long', 'fr')}", 11)
    pdf.put(20, 100, f"Bon de Commande : {po}", 11, "B", align="C", w=170)
    cols = [
        Col("Désignation", 70),
        Col("Prix unitaire", 30, "C"),
        Col("Quantité", 25, "C"),
        Col("Montant (EUR)", 35, "C"),
    ]
    rows = [[i.desc, f"{i.price}", f"{i.qty.normalize():f}", f"{i.net}"] for i in items]
    net = t.net
    if avoir:
        credit = items[0].net if len(items) > 1 else (items[0].net / 4).quantize(d.CENT)
        rows.append([f"Avoir n°: AV{rng.randint(10, 99)}", f"{credit}", "1", f"{credit}"])
        net = t.net - credit
    tax = (net * Decimal("0.2")).quantize(d.CENT)
    y = pdf.grid_table(25, 112, cols, rows, size=10.5, row_h=7, head_fill=None, rule_gray=None)
    pdf.rule(25, y + 2, 185, 0.3)
    y += 5
    for label, value, style in (("Total HT", net, ""), ("TVA 20 %", tax, ""), ("Total TTC", net + tax, "B")):
        if style:
            pdf.rule(25, y, 185, 0.3)
            pdf.rule(25, y + 1, 185, 0.3)
            y += 3
        pdf.put(25, y, label, 10.5, style)
        pdf.put(150, y, f"{value}", 10.5, align="C", w=35)
        y += 7
    y += 6
    pdf.put(20, y, "À régler par chèque ou par virement bancaire :", 10.5)
    bank = [
        ["Code banque", "Code guichet", "N° de Compte", "Clé RIB"],
        [seller.iban[4:9], seller.iban[9:14], seller.iban[14:25], seller.iban[25:27]],
    ]
    y = pdf.grid_table(
        35,
        y + 7,
        [Col(h, 35, "C") for h in bank[0]],
        [bank[1]],
        size=9.5,
        head_fill=None,
        rule_gray=None,
        grid=True,
    )
    pdf.box(35, y, 35, 7)
    pdf.box(70, y, 105, 7)
    pdf.put(35, y + 1.8, "IBAN N°", 9.5, "B", align="C", w=35)
    pdf.put(72, y + 1.8, group(seller.iban), 9.5)
    pdf.box(35, y + 7, 35, 7)
    pdf.box(70, y + 7, 105, 7)
    pdf.put(35, y + 8.8, "Code BIC", 9.5, "B", align="C", w=35)
    pdf.put(72, y + 8.8, seller.bic, 9.5)
    key = seller.vat[2:4]
    pdf.put(
        15,
        270,
        f"{seller.name} au capital de {seller.capital} € – {seller.street} - {seller.zip} {seller.city}",
        8.5,
        align="C",
        w=180,
    )
    pdf.put(
        15,
        274.5,
        f"Téléphone : {seller.phone} – Site web : {seller.web} – E-mail : {seller.email}",
        7.5,
        align="C",
        w=180,
    )
    pdf.put(
        15,
        278.5,
        f"{seller.siren} RCS {seller.city} – Code APE {seller.naf.replace('.', '')} – Numéro TVA : "
        f"FR{key} {seller.siren}",
        7.5,
        align="C",
        w=180,
    )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.seller(seller, siren=True, bank=True)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    truth.money("total_excl_tax", net)
    truth.money("total_tax", tax)
    truth.money("total_incl_tax", net + tax)
    truth.text("purchase_order", po)
    return truth.values


def latex_dapper_invoice(rng: random.Random, out: Path) -> Fields:
    """mkropat/dapper-invoice (XeLaTeX class for hourly billing).

    Modelled on dapper-invoice.cls and example.tex: company name and invoice number header, a two-column info
    section (Client, Project, Contact and the large balance "due <date>" on the left, "Payable To" on the
    right), an hours itemization (date, hours, rate, project, bullet description) and a summary with Total,
    Paid and Balance Due.
    """
    currency = rng.choice(["USD", "USD", "EUR", "GBP"])
    sym = {"USD": "$", "EUR": "€", "GBP": "£"}[currency]
    country = {"USD": "US", "EUR": "NL", "GBP": "GB"}[currency]
    seller = d.party(rng, country)
    buyer = d.party(rng, country)
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([15, 30, 30]))
    number = str(rng.randint(10, 1200))
    rate = Decimal(rng.choice([50, 65, 80, 95, 120, 150]))
    entries = []
    day = issued - timedelta(days=28)
    for _ in range(rng.choice([3, 5, 8, 12, 18])):
        day += timedelta(days=rng.randint(1, 3))
        hours = Decimal(rng.randint(1, 32)) / 4
        entries.append((day, hours))
    total = sum((h * rate for _, h in entries), Decimal(0)).quantize(d.CENT)
    paid = (
        Decimal(0) if rng.random() < 0.5 else (total * Decimal(rng.choice(["0.25", "0.5"]))).quantize(d.CENT)
    )
    balance = total - paid

    def money(v: Decimal) -> str:
        return f"{sym}{d.fmt_amount(v, 'en')}"

    project = rng.choice(["Website redesign", "API integration", "Data pipeline", "Mobile app"])
    pdf = Canvas(rng.choice(["sans", "cond"]), letter=True)
    pdf.on_page = lambda c: c.put(
        20, 263, f"{c.page_count}/{{nb}}", 8, align="R", w=176, color=(140, 140, 140)
    )
    pdf.new_page()
    pdf.put(20, 18, seller.name, 20, color=(60, 60, 60))
    pdf.put(120, 16, "INVOICE", 11, "B", align="R", w=76, color=(120, 120, 120))
    pdf.put(120, 22, f"#{number}", 16, align="R", w=76)
    pdf.put(120, 30, d.fmt_date(issued, "long", "en"), 9, align="R", w=76, color=(120, 120, 120))
    pdf.rule(20, 38, 196, 0.4, 200)
    pdf.put(20, 44, "Client", 8, "B", color=(140, 140, 140))
    y = pdf.lines_at(42, 44, [buyer.name, buyer.street, f"{buyer.city} {buyer.zip}"], 9.5)
    pdf.put(20, y + 2, "Project", 8, "B", color=(140, 140, 140))
    pdf.put(42, y + 2, project, 9.5)
    pdf.put(20, y + 8, "Contact", 8, "B", color=(140, 140, 140))
    pdf.lines_at(42, y + 8, [buyer.contact, buyer.email], 9, style="I")
    pdf.put(42, y + 22, money(balance), 24)
    pdf.put(42, y + 33, f"due {d.fmt_date(due, 'long', 'en')}", 9, color=(140, 140, 140))
    pdf.put(115, 44, "Payable To", 8, "B", color=(140, 140, 140))
    pdf.lines_at(
        138,
        44,
        [
            seller.contact,
            seller.name,
            seller.street,
            f"{seller.city} {seller.zip}",
            seller.phone,
            seller.email,
        ],
        9,
    )
    y += 48
    cols = [
        Col("Date", 26),
        Col("Hours", 18, "R"),
        Col("Rate", 22, "R"),
        Col("Project", 40),
        Col("Description", 50),
        Col("Amount", 20, "R"),
    ]
    rows = [
        [
            f"{day.year}/{day.month}/{day.day}",
            f"{h.normalize():f}",
            money(rate),
            project,
            rng.choice(["Requirements call", "Implementation", "Code review", "Bug fixes", "Deployment"]),
            money(h * rate),
        ]
        for day, h in entries
    ]
    y = pdf.grid_table(
        20,
        y,
        cols,
        rows,
        size=8.5,
        row_h=6.5,
        head_fill=None,
        head_style="B",
        rule_gray=225,
        top_after_break=20,
    )
    if y > 225:
        pdf.new_page()
        y = 20
    pdf.pairs(
        120,
        y + 6,
        [("Total", money(total)), ("Paid", money(paid)), ("Balance Due", money(balance))],
        40,
        36,
        10,
        6.5,
        bold_last=True,
    )
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.text("seller_name", seller.name)
    truth.text("buyer_name", buyer.name)
    truth.text("currency", currency)
    truth.money("total_incl_tax", total)
    truth.money("amount_due", balance)
    return truth.values


def latex_scrlttr2_rechnung(rng: random.Random, out: Path) -> Fields:
    """A German invoice written as a KOMA-Script scrlttr2 letter (DIN 5008 address window).

    Modelled on the scrlttr2 letter layout that public German LaTeX "Rechnung" templates use (firsthead with
    the sender on the right, return-address line, address window, horizontal reference line "Ihr Zeichen /
    Kundennummer / Rechnungsnummer / Datum", subject, opening, positions table, closing, three-column
    firstfoot with address, contact and Bankverbindung, tax number and USt-IdNr.).
    """
    seller = d.party(rng, "DE", bank=True)
    buyer = d.party(rng, rng.choice(["DE", "DE", "DE", "NL"]))
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([14, 14, 30]))
    number = rng.choice(
        [f"{issued.year}-{rng.randint(1, 299):03d}", f"RE{issued.year % 100}{rng.randint(1, 999):04d}"]
    )
    items = d.lines(rng, "de", "DE", rng.choice([1, 2, 3, 5, 8]), one_rate=True)
    t = d.totals(items)
    small = rng.random() < 0.2
    if small:  # Kleinunternehmer: no VAT is charged (§ 19 UStG)
        t = d.Totals(net=t.net, taxes={}, tax=Decimal(0), gross=t.net)

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'de')} €"

    pdf = Canvas(rng.choice(["serif", "sans"]))
    pdf.new_page()
    pdf.put(105, 15, seller.name, 12, "B", align="R", w=90)
    pdf.lines_at(
        105,
        21,
        [seller.street, f"{seller.zip} {seller.city}", f"Telefon: {seller.phone}", f"E-Mail: {seller.email}"],
        8.5,
        align="R",
        w=90,
    )
    pdf.put(20, 47, f"{seller.name}, {seller.street}, {seller.zip} {seller.city}", 6.5, w=85)
    pdf.lines_at(20, 52, [buyer.name, buyer.contact, *buyer.address("en", buyer.country != "DE")], 10.5)
    customer = f"{rng.randint(10000, 99999)}"
    ref = [
        ("Ihr Zeichen", buyer.contact.split()[-1][:2].upper() + "/" + str(rng.randint(10, 99))),
        ("Kundennummer", customer),
        ("Rechnungsnummer", number),
        ("Datum", d.fmt_date(issued, "d.m.Y")),
    ]
    x = 20
    for label, value in ref:
        pdf.put(x, 97, label, 7, color=(90, 90, 90))
        pdf.put(x, 101, value, 10)
        x += 44
    pdf.put(20, 113, f"Rechnung Nr. {number}", 11, "B")
    pdf.put(20, 123, "Sehr geehrte Damen und Herren,", 10.5)
    pdf.put(
        20, 129, "für unsere Leistungen erlauben wir uns, Ihnen folgende Beträge in Rechnung zu stellen:", 10
    )
    cols = [
        Col("Pos.", 12),
        Col("Menge", 20, "R"),
        Col("Beschreibung", 78),
        Col("Einzelpreis", 32, "R"),
        Col("Gesamtpreis", 33, "R"),
    ]
    rows = [
        [str(n), f"{d.fmt_amount(i.qty, 'de')} {i.unit}", i.desc, money(i.price), money(i.net)]
        for n, i in enumerate(items, 1)
    ]
    y = pdf.grid_table(20, 137, cols, rows, size=9.5, row_h=6.5, head_fill=None, rule_gray=None)
    pdf.rule(20, y + 1, 195, 0.3)
    tot = [("Nettobetrag", money(t.net))]
    if not small:
        tot.append((f"zzgl. {d.rate_text(items[0].rate)} % USt.", money(t.tax)))
    tot.append(("Rechnungsbetrag", money(t.gross)))
    y = pdf.pairs(110, y + 4, tot, 50, 35, 10, 5.5, bold_last=True)
    if small:
        pdf.put(20, y + 2, "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.", 9)
    pdf.put(
        20,
        y + 9,
        f"Bitte überweisen Sie den Rechnungsbetrag bis zum {d.fmt_date(due, 'd.m.Y')} auf das unten "
        "angegebene Konto.",
        10,
    )
    pdf.put(20, y + 20, "Mit freundlichen Grüßen", 10.5)
    pdf.put(20, y + 34, seller.contact, 10.5)
    pdf.rule(20, 272, 195, 0.2, 120)
    tax_no = f"{rng.randint(10, 99)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}"
    pdf.lines_at(20, 274, [seller.name, seller.street, f"{seller.zip} {seller.city}"], 7, w=55)
    vat_line = [f"USt-IdNr.: {seller.vat}"] if not small else []
    pdf.lines_at(80, 274, [f"Steuernummer: {tax_no}", *vat_line, seller.web], 7)
    pdf.lines_at(135, 274, ["Bankverbindung", f"IBAN: {group(seller.iban)}", f"BIC: {seller.bic}"], 7)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, vat=not small, bank=True)
    truth.buyer(buyer)
    truth.amounts(t, "EUR", tax=not small)
    return truth.values


def latex_facture_class(rng: random.Random, out: Path) -> Fields:
    """maieul/facture, the XeLaTeX "facture" class (polyglossia French, numprint amounts, longtable).

    Modelled on facture.cls and exemple.tex: the issuer's name in large grey type and its address in a thick
    grey frame, the document type ("Facture") huge and right-aligned, three columns Facturation / Livraison /
    (Date, Facture n°, Code client, À payer avant), a grey-headed ruled table Produit / Quantité / Prix HT /
    Remise / Total HT / TVA / Prix TTC, the totals Total HT / Total TVA / Total TTC on the right, or with the
    `sanstva` option a single Total and "TVA non applicable, art. 293 B", and the footer text on the right.
    """
    seller = d.party(rng, "FR")
    buyer = d.party(rng, "FR")
    issued = d.issue_date(rng)
    due = issued + timedelta(days=rng.choice([15, 30, 30, 45]))
    number = str(rng.randint(1, 400))
    no_vat = rng.random() < 0.35  # micro-entrepreneurs: VAT not applicable
    if no_vat:
        seller.name = f"{rng.choice(d.PEOPLE)} EI"
    items = d.lines(rng, "fr", "FR", rng.choice([1, 2, 3, 5, 8, 14]))
    discounts = [Decimal(0) if rng.random() < 0.8 else Decimal(rng.choice([5, 10, 20])) for _ in items]
    if no_vat:
        for i in items:
            i.rate = Decimal(0)
    nets = [(i.qty * i.price - r).quantize(d.CENT) for i, r in zip(items, discounts, strict=True)]
    vats = [(n * i.rate / 100).quantize(d.CENT) for n, i in zip(nets, items, strict=True)]
    net, tax = sum(nets, Decimal(0)), sum(vats, Decimal(0))

    def money(v: Decimal) -> str:
        return f"{d.fmt_amount(v, 'fr')} €"

    pdf = Canvas(rng.choice(["serif", "times"]))
    pdf.on_page = lambda c: c.put(15, 282, str(c.page_count) if c.page_count > 1 else "", 9)
    pdf.new_page()
    pdf.set_draw_color(111, 111, 111)
    pdf.set_line_width(1.5)
    pdf.rect(15, 14, 175, 30)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.put(15, 24, seller.name, 18, "B", align="C", w=88, color=(136, 136, 136))
    pdf.lines_at(
        105, 17, [seller.street, f"{seller.zip} {seller.city}", seller.email, f"Tél : {seller.phone}"], 10
    )
    pdf.put(100, 52, "Facture", 26, "B", align="R", w=90, color=(136, 136, 136))
    pdf.put(15, 70, "Facturation", 10, "B", color=(136, 136, 136))
    pdf.lines_at(15, 75, [buyer.name, buyer.street, f"{buyer.zip} {buyer.city}"], 10, w=56)
    pdf.put(74, 70, "Livraison", 10, "B", color=(136, 136, 136))
    pdf.lines_at(74, 75, [buyer.contact, buyer.street, f"{buyer.zip} {buyer.city}"], 10, w=56)
    info = [
        ("Date:", d.fmt_date(issued, "long", "fr")),
        ("Facture n°", number),
        ("Code client :", buyer.name.split()[-2][:3].upper()),
        ("À payer avant:", d.fmt_date(due, "long", "fr")),
    ]
    pdf.pairs(133, 70, info, 26, 32, 10, 5.2, value_align="L")
    if no_vat:
        cols = [
            Col(t, 35, "R" if k else "L")
            for k, t in enumerate(("Produit", "Quantité", "Prix", "Remise", "Total"))
        ]
        rows = [
            [i.desc, f"{i.qty.normalize():f}".replace(".", ","), money(i.price), money(r), money(n)]
            for i, r, n in zip(items, discounts, nets, strict=True)
        ]
    else:
        widths = (50, 17, 20, 17, 24, 24, 23)
        titles = ("Produit", "Quantité", "Prix HT", "Remise", "Total HT", "TVA", "Prix TTC")
        cols = [Col(t, w, "R" if k else "L") for k, (t, w) in enumerate(zip(titles, widths, strict=True))]
        rows = [
            [
                i.desc,
                f"{i.qty.normalize():f}".replace(".", ","),
                money(i.price),
                money(r),
                money(n),
                f"{money(v)} ({d.rate_text(i.rate)}%)",
                money(n + v),
            ]
            for i, r, n, v in zip(items, discounts, nets, vats, strict=True)
        ]
    y = pdf.grid_table(
        15,
        98,
        cols,
        rows,
        size=8,
        row_h=7,
        head_fill=136,
        grid=True,
        top_after_break=20,
        head_color=(255, 255, 255),
    )
    if y > 245:
        pdf.new_page()
        y = 20
    if no_vat:
        pdf.pairs(130, y + 5, [("Total:", money(net))], 25, 35, 10, 6)
        pdf.put(100, y + 12, "TVA non applicable, art. 293 B", 9.5, align="R", w=90)
    else:
        pdf.pairs(
            130,
            y + 5,
            [("Total HT:", money(net)), ("Total TVA:", money(tax)), ("Total TTC:", money(net + tax))],
            25,
            35,
            10,
            6,
        )
    pdf.put(60, 276, f"Payable à l'ordre de {seller.name} — SIRET : {seller.siret}", 9, align="R", w=130)
    pdf.save(out)
    truth = d.Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.day("due_date", due)
    truth.seller(seller, vat=False, siret=True)
    truth.buyer(buyer)
    truth.text("currency", "EUR")
    if no_vat:
        truth.money("total_incl_tax", net)
    else:
        truth.money("total_excl_tax", net)
        truth.money("total_tax", tax)
        truth.money("total_incl_tax", net + tax)
    return truth.values
