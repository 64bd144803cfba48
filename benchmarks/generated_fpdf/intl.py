"""Sellers outside France, billing in their own language: a UK limited company (GBP), a US SaaS (USD), an
Irish agency with reverse charge, a German GmbH (DIN 5008 window), a German craftsman, a Spanish S.L., an
Italian S.r.l., a Dutch B.V., a Swiss Sàrl (CHF)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from stdnum.ch import uid as ch_uid

from benchmarks.generated_fpdf.draw import BASE, Result, Sheet, stack, table
from benchmarks.generated_fpdf.fmt import cur, day, grouped, num
from benchmarks.generated_fpdf.model import (
    BICS,
    Invoice,
    Line,
    Party,
    _until,
    foreign_party,
    fr_party,
    iban,
    issue_date,
    lines_from,
    money,
    seq,
)

SERVICES_EN = [
    ("Web development (hours)", 85.0, "h"),
    ("UX workshop", 1200.0, "u"),
    ("Hosting - annual plan", 480.0, "u"),
    ("Project management", 65.0, "h"),
    ("Copywriting, 5 articles", 750.0, "u"),
]
WAREN_DE = [
    ("Schrauben M8x40 verzinkt (100 Stk.)", 12.9, "u"),
    ("Montagearbeiten Geselle", 58.0, "h"),
    ("Kupferrohr 15 mm", 8.4, "ml"),
    ("Anfahrtspauschale", 39.0, "u"),
    ("Heizkörperventil Thermostat", 46.0, "u"),
    ("Entsorgung Altmaterial", 25.0, "u"),
]


def _buyer_fr(rng: random.Random) -> Party:
    return fr_party(
        rng, rng.choice(("Hôtel", "Agence", "Laboratoires", "Maison")), rng.choice(("SAS", "SARL", "SA"))
    )


def uk_ltd(rng: random.Random) -> Result:
    """A UK limited company: 'Tax invoice', VAT registration number, company number (a decoy), GBP with the
    pound sign before, sort code and account number plus an IBAN, dates '31 Jan 2026'."""
    seller = foreign_party(
        rng,
        "GB",
        f"{rng.choice(('Harbour', 'Kingsley', 'Ashford', 'Northgate'))} "
        f"{rng.choice(('Digital', 'Supplies', 'Consulting'))} Ltd",
    )
    buyer = foreign_party(
        rng,
        "GB",
        f"{rng.choice(('Bramble', 'Oakridge', 'Meridian'))} "
        f"{rng.choice(('Foods', 'Homes', 'Partners'))} Limited",
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"INV-{rng.randint(1000, 9999)}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="GBP",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, SERVICES_EN, rng.randint(2, 6)),
        po=f"PO{seq(rng, 5)}",
        iban=iban(rng, "GB"),
        bic=rng.choice(BICS["GB"]),
    )
    s = Sheet("helvetica")
    s.f(20, True)
    s.at(15, 14, "TAX INVOICE")
    s.f(10, True)
    s.at(195, 14, seller.name, "R")
    s.f(8.5)
    s.lines(
        195,
        20,
        [
            seller.street,
            seller.city,
            seller.postcode,
            seller.phone,
            f"VAT Reg. No: GB {seller.vat[2:5]} {seller.vat[5:9]} {seller.vat[9:]}",
        ],
        4,
        "R",
    )
    s.f(9)
    s.lines(15, 30, ["Invoice to:", buyer.name, buyer.street, f"{buyer.city} {buyer.postcode}"])
    s.lines(
        15,
        58,
        [
            f"Invoice Number: {inv.number}",
            f"Invoice Date: {day(issue, 'gb')}",
            f"Due Date: {day(inv.due, 'gb')}",
            f"PO Number: {inv.po}",
            f"Account No: {seq(rng, 6)}",
        ],
    )
    rows = [(ln.text, f"{ln.qty:f}", num(ln.unit, "en"), "20%", num(ln.amount, "en")) for ln in inv.lines]
    y = table(
        s,
        15,
        90,
        (85, 15, 30, 20, 30),
        ("Description", "Qty", "Unit Price", "VAT", "Amount GBP"),
        rows,
        "LRRRR",
        shade=(220, 230, 240),
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Subtotal", num(inv.ht, "en")),
            ("TOTAL VAT 20%", num(inv.tax, "en")),
            ("TOTAL GBP", num(inv.ttc, "en")),
        ],
    )
    y = stack(s, 195, y + 2, [("Amount Due", f"£{num(inv.ttc, 'en')}")])
    s.f(9, True)
    s.at(15, y + 6, f"Due Date: {day(inv.due, 'gb')}")
    s.f(8.5)
    s.lines(
        15,
        y + 12,
        [
            "Payment by BACS to:",
            f"Sort code: {seq(rng, 2)}-{seq(rng, 2)}-{seq(rng, 2)}   Account: {seq(rng, 8)}",
            f"IBAN: {grouped(inv.iban)}   BIC: {inv.bic}",
        ],
    )
    s.f(7)
    s.at(
        0,
        285,
        f"Registered in England and Wales. Company No. {seq(rng, 8)}. Registered office: "
        f"{seller.street}, {seller.city} {seller.postcode}.",
        "C",
        210,
    )
    printed = (
        *BASE,
        "due_date",
        "amount_due",
        "seller_vat_id",
        "seller_iban",
        "seller_bic",
        "purchase_order",
    )
    return s, inv.truth(printed)


def us_saas(rng: random.Random) -> Result:
    """A US software vendor: no VAT (sales tax 0 or a state rate), 'Bill to', invoice number with hex, dates
    'January 31, 2026', USD with a dollar sign, the total as 'Amount due' repeated at the top."""
    seller = foreign_party(rng, "US", f"{rng.choice(('Stackloop', 'Brightmetric', 'Paperlane'))}, Inc.")
    buyer = _buyer_fr(rng)
    issue = issue_date(rng)
    seats = rng.randint(3, 40)
    hexa = (rng.choice("0123456789ABCDEF"), rng.choice("ABCDEF"), rng.choice("ABCDEF"))
    inv = Invoice(
        number=f"INV-{hexa[0]}{hexa[1]}{seq(rng, 1)}{hexa[2]}-{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((0, 15, 30))),
        currency="USD",
        seller=seller,
        buyer=buyer,
        lines=[
            Line(
                f"Team plan ({seats} seats) - {day(issue, 'long-en')} to "
                f"{day(issue + timedelta(days=365), 'long-en')}",
                Decimal(seats),
                Decimal(rng.choice(("12.00", "19.00", "45.00"))),
                Decimal(0),
            )
        ],
    )
    s = Sheet("sans")
    s.f(18, True)
    s.at(15, 14, "Invoice")
    s.f(8.5)
    s.lines(
        15,
        25,
        [
            f"Invoice number   {inv.number}",
            f"Date of issue    {day(issue, 'long-en')}",
            f"Date due         {day(inv.due, 'long-en')}",
        ],
    )
    s.f(10, True)
    s.at(195, 14, seller.name, "R")
    s.f(8.5)
    s.lines(
        195,
        20,
        [
            seller.street,
            f"{seller.city} {seller.postcode}",
            "United States",
            f"billing@{seller.name.split(',')[0].lower()}.com",
        ],
        4,
        "R",
    )
    s.f(8.5, True)
    s.at(15, 45, "Bill to")
    s.f(8.5)
    s.lines(
        15,
        50,
        [buyer.name, *[buyer.street, f"{buyer.postcode} {buyer.city}", "France"], f"FR VAT: {buyer.vat}"],
    )
    s.f(14, True)
    s.at(15, 80, f"${num(inv.ttc, 'en')} USD due {day(inv.due, 'long-en')}")
    rows = [
        (ln.text, f"{ln.qty:f}", f"${num(ln.unit, 'en')}", f"${num(ln.amount, 'en')}") for ln in inv.lines
    ]
    y = table(
        s, 15, 95, (105, 15, 30, 30), ("Description", "Qty", "Unit price", "Amount"), rows, "LRRR", step=7
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Subtotal", f"${num(inv.ht, 'en')}"),
            ("Total", f"${num(inv.ttc, 'en')}"),
            ("Amount due", f"${num(inv.ttc, 'en')} USD"),
        ],
    )
    s.f(8)
    s.para(
        15,
        y + 6,
        180,
        "Tax not collected: reverse charge, customer to account for VAT (Article 196, Council "
        "Directive 2006/112/EC). "
        "Pay online at the link in your email. Questions? Contact billing.",
    )
    s.f(7)
    s.at(15, 285, f"{inv.number} · ${num(inv.ttc, 'en')} due {day(inv.due, 'long-en')} · Page 1 of 1")
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
    return s, truth


def de_gmbh(rng: random.Random) -> Result:
    """DIN 5008 letter: the sender line above the window, the recipient in the window, an info block right
    (Rechnungsnummer, Kundennummer, Lieferdatum), 'Zahlbar innerhalb von 14 Tagen', and the three-column
    footer with Geschäftsführer, Amtsgericht HRB, USt-IdNr and Bankverbindung."""
    family = rng.choice(("Müller", "Schneider", "Becker", "Hoffmann"))
    name = f"{family} {rng.choice(('Maschinenbau', 'Logistik', 'Medientechnik'))} GmbH"
    seller = foreign_party(rng, "DE", name)
    buyer = foreign_party(
        rng, "DE", f"{rng.choice(('Wagner', 'Schulz', 'Koch'))} & {rng.choice(('Partner', 'Söhne'))} KG"
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"RE{issue.year}-{seq(rng, 5)}",
        issue=issue,
        due=issue + timedelta(days=14),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, WAREN_DE, rng.randint(3, 12), ("19", "19", "7")),
        iban=iban(rng, "DE"),
        bic=rng.choice(BICS["DE"]),
    )
    s = Sheet(rng.choice(("sans", "cond")))
    s.f(16, True)
    s.at(195, 12, name.split()[0].upper(), "R")
    s.f(6.5)
    s.at(20, 47, f"{seller.name} · {seller.street} · {seller.postcode} {seller.city}")
    s.f(10)
    s.lines(20, 53, [buyer.name, "z. Hd. Frau Weber", buyer.street, f"{buyer.postcode} {buyer.city}"], 4.6)
    s.f(8.5)
    info = [
        ("Rechnungsnummer", inv.number),
        ("Rechnungsdatum", day(issue, "dmy.")),
        ("Kundennummer", f"K-{seq(rng, 5)}"),
        ("Lieferdatum", day(issue - timedelta(days=rng.randint(1, 10)), "dmy.")),
        ("Auftrag vom", day(issue - timedelta(days=30), "dmy.")),
    ]
    for i, (k, v) in enumerate(info):
        s.at(125, 50 + i * 4.4, k)
        s.at(195, 50 + i * 4.4, v, "R")
    s.f(12, True)
    s.at(20, 98, f"Rechnung Nr. {inv.number}")
    s.f(9.5)
    s.para(
        20,
        106,
        170,
        "Sehr geehrte Damen und Herren,\nfür unsere Lieferungen und Leistungen berechnen wir Ihnen:",
    )
    rows = [
        (
            str(i + 1),
            ln.text,
            num(ln.qty, "de").replace(",00", ""),
            num(ln.unit, "de"),
            f"{ln.rate} %",
            num(ln.amount, "de"),
        )
        for i, ln in enumerate(inv.lines)
    ]
    y = table(
        s,
        20,
        120,
        (10, 75, 15, 25, 15, 30),
        ("Pos.", "Bezeichnung", "Menge", "Einzelpreis", "USt.", "Gesamt"),
        rows,
        "LLRRRR",
        grid=True,
    )
    tot = [("Nettobetrag", cur(inv.ht, "EUR", "de", "code"))]
    tot += [(f"zzgl. {r} % USt.", cur(v, "EUR", "de", "code")) for r, v in sorted(inv.vat_by_rate().items())]
    tot.append(("Rechnungsbetrag", cur(inv.ttc, "EUR", "de", "code")))
    y = stack(s, 190, y + 4, tot, label_w=40)
    s.f(9)
    s.para(
        20,
        y + 4,
        170,
        f"Zahlbar innerhalb von 14 Tagen ohne Abzug bis zum {day(inv.due, 'dmy.')}. Bei Zahlung "
        "innerhalb von 7 Tagen gewähren wir 2 % Skonto.",
    )
    s.f(6.5)
    cols = [
        [seller.name, seller.street, f"{seller.postcode} {seller.city}", f"Tel. {seller.phone}"],
        [
            f"Geschäftsführer: {rng.choice(('Klaus', 'Petra', 'Jens'))} {name.split()[0]}",
            f"Amtsgericht {seller.city} HRB {seq(rng, 5)}",
            f"USt-IdNr.: {seller.vat}",
            f"Steuernr.: {seq(rng, 3)}/{seq(rng, 3)}/{seq(rng, 5)}",
        ],
        [
            rng.choice(("Commerzbank", "Deutsche Bank", "Sparkasse")),
            f"IBAN: {grouped(inv.iban)}",
            f"BIC: {inv.bic}",
        ],
    ]
    for i, col in enumerate(cols):
        s.lines(20 + i * 60, 276, col, 3.2)
    printed = (*BASE, "due_date", "seller_vat_id", "seller_iban", "seller_bic")
    truth = inv.truth(printed)
    if len(inv.vat_by_rate()) > 1:
        del truth["total_tax"]  # only the tax per rate is printed
    return s, truth


def de_handwerk(rng: random.Random) -> Result:
    """A German craftsman: 'Rechnung' top-left, 'Leistungszeitraum', Abschlagszahlung deducted ('Noch zu
    zahlen'), no VAT id but a Steuernummer, totals as '1.234,56 €', the §35a labour-cost note."""
    seller = foreign_party(
        rng,
        "DE",
        f"{rng.choice(('Sanitär', 'Elektro', 'Malerbetrieb'))} {rng.choice(('Fischer', 'Weber', 'Meyer'))}",
    )
    seller.vat = ""
    buyer = foreign_party(
        rng,
        "DE",
        f"{rng.choice(('Hausverwaltung', 'Praxis Dr.'))} {rng.choice(('Lorenz', 'Braun', 'Krüger'))}",
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=rng.choice((8, 14))),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(rng, WAREN_DE, rng.randint(4, 10), ("19",)),
        iban=iban(rng, "DE"),
        bic=rng.choice(BICS["DE"]),
    )
    inv.deposit = money(Decimal(rng.randint(3, 10)) * 100)
    s = Sheet("serif")
    s.f(13, True)
    s.at(20, 14, seller.name)
    s.f(8.5)
    s.lines(
        20,
        20,
        [
            f"Meisterbetrieb · {seller.street} · {seller.postcode} {seller.city}",
            f"Tel. {seller.phone} · Steuernummer {seq(rng, 2)}/{seq(rng, 3)}/{seq(rng, 5)}",
        ],
        4,
    )
    s.f(10)
    s.lines(20, 45, [buyer.name, buyer.street, f"{buyer.postcode} {buyer.city}"], 4.6)
    s.f(9)
    s.lines(
        130,
        45,
        [
            f"Datum: {day(issue, 'long-de')}",
            f"Rechnung Nr.: {inv.number}",
            f"Angebot Nr.: A-{seq(rng, 4)}",
            f"Leistungszeitraum: {day(issue - timedelta(days=20), 'dmy.')} - "
            f"{day(issue - timedelta(days=3), 'dmy.')}",
        ],
        4.4,
    )
    s.f(15, True)
    s.at(20, 75, "Rechnung")
    rows = [
        (
            ln.text,
            num(ln.qty, "de"),
            ln.unit_name.replace("u", "Stk.").replace("h", "Std."),
            num(ln.unit, "de") + " €",
            num(ln.amount, "de") + " €",
        )
        for ln in inv.lines
    ]
    y = table(
        s, 20, 85, (80, 18, 14, 28, 30), ("Leistung", "Menge", "Einh.", "Preis", "Betrag"), rows, "LRLRR"
    )
    y = stack(
        s,
        190,
        y + 4,
        [
            ("Summe netto", cur(inv.ht, "EUR", "de")),
            ("19 % MwSt.", cur(inv.tax, "EUR", "de")),
            ("Gesamtbetrag", cur(inv.ttc, "EUR", "de")),
            (
                f"abzgl. Abschlag vom {day(issue - timedelta(days=25), 'dmy.')}",
                "-" + cur(inv.deposit, "EUR", "de"),
            ),
            ("Noch zu zahlen", cur(inv.amount_due, "EUR", "de")),
        ],
        label_w=50,
    )
    s.f(8.5)
    y = s.para(
        20,
        y + 4,
        170,
        f"Bitte überweisen Sie den Betrag bis zum {day(inv.due, 'dmy.')} auf unser Konto. Im "
        "Rechnungsbetrag sind Lohnkosten gem. § 35a EStG enthalten.",
    )
    s.lines(20, y + 2, [f"Volksbank · IBAN {grouped(inv.iban)} · BIC {inv.bic}"])
    printed = (*BASE, "due_date", "amount_due", "seller_iban", "seller_bic")
    return s, inv.truth(printed)


def es_sl(rng: random.Random) -> Result:
    """Spanish S.L.: 'Factura' with 'Nº', NIF/CIF, dates '31 de enero de 2026', IVA 21 %, IRPF retention
    (deducted: 'Total a pagar' differs), 'Forma de pago: transferencia'."""
    seller = foreign_party(
        rng,
        "ES",
        f"{rng.choice(('Construcciones', 'Asesoría', 'Diseños'))} "
        f"{rng.choice(('García', 'López', 'Martínez'))} S.L.",
    )
    buyer = foreign_party(
        rng,
        "ES",
        f"{rng.choice(('Hostal', 'Clínica', 'Talleres'))} {rng.choice(('Sol', 'Mar', 'Norte'))} S.A.",
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}-{rng.choice('ABF')}{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Honorarios profesionales", 60.0, "h"),
                ("Proyecto técnico", 900.0, "u"),
                ("Desplazamiento", 40.0, "u"),
            ],
            rng.randint(1, 4),
            ("21",),
        ),
        iban=iban(rng, "ES"),
        bic=rng.choice(BICS["ES"]),
    )
    inv.deposit = money(inv.ht * Decimal("0.15"))  # IRPF retention
    s = Sheet("sans")
    s.f(14, True)
    s.at(15, 14, seller.name)
    s.f(8.5)
    s.lines(
        15, 21, [seller.street, f"{seller.postcode} {seller.city}", f"NIF-IVA: {seller.vat}", seller.phone]
    )
    s.f(20, True)
    s.at(195, 14, "FACTURA", "R")
    s.f(9)
    s.lines(
        195,
        24,
        [
            f"Nº factura: {inv.number}",
            f"Fecha: {day(issue, 'long-es')}",
            f"Vencimiento: {day(inv.due, 'dmy/')}",
        ],
        4.4,
        "R",
    )
    s.box(15, 48, 180, 22)
    s.f(8, True)
    s.at(17, 49, "DATOS DEL CLIENTE")
    s.f(9)
    s.lines(17, 54, [buyer.name, f"{buyer.street}, {buyer.postcode} {buyer.city}", f"NIF: {buyer.vat}"])
    rows = [(ln.text, num(ln.qty, "de"), num(ln.unit, "de"), num(ln.amount, "de")) for ln in inv.lines]
    y = table(
        s,
        15,
        80,
        (95, 20, 30, 35),
        ("Concepto", "Cantidad", "Precio", "Importe"),
        rows,
        "LRRR",
        shade=(240, 220, 200),
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Base imponible", cur(inv.ht, "EUR", "de")),
            ("IVA 21%", cur(inv.tax, "EUR", "de")),
            ("Total factura", cur(inv.ttc, "EUR", "de")),
            ("Retención IRPF 15%", "-" + cur(inv.deposit, "EUR", "de")),
            ("TOTAL A PAGAR", cur(inv.amount_due, "EUR", "de")),
        ],
    )
    s.f(8.5)
    s.lines(
        15,
        y + 6,
        ["Forma de pago: transferencia bancaria", f"IBAN: {grouped(inv.iban)}", f"BIC/SWIFT: {inv.bic}"],
    )
    s.f(6.5)
    s.at(
        0,
        285,
        f"Inscrita en el Registro Mercantil de {seller.city}, Tomo {seq(rng, 4)}, Folio "
        f"{seq(rng, 3)}, Hoja M-{seq(rng, 6)}",
        "C",
        210,
    )
    printed = (*BASE, "due_date", "amount_due", "seller_vat_id", "seller_iban", "seller_bic", "buyer_vat_id")
    return s, inv.truth(printed)


def it_srl(rng: random.Random) -> Result:
    """Italian S.r.l. courtesy copy ('copia di cortesia' of the electronic invoice): P.IVA and Codice
    Fiscale, SDI code, 'Fattura n. 118/2026 del 31/01/2026', IVA 22 %, split by 'Imponibile / IVA / Totale'
    columns, 'Scadenza' and the bank."""
    seller = foreign_party(
        rng,
        "IT",
        f"{rng.choice(('Rossi', 'Bianchi', 'Ferrari', 'Esposito'))} "
        f"{rng.choice(('Forniture', 'Servizi', 'Impianti'))} S.r.l.",
    )
    buyer = (
        _buyer_fr(rng)
        if rng.random() < 0.4
        else foreign_party(
            rng,
            "IT",
            f"{rng.choice(('Trattoria', 'Studio', 'Hotel'))} "
            f"{rng.choice(('Bella Vista', 'Centrale', 'Aurora'))} S.n.c.",
        )
    )
    issue = issue_date(rng)
    n = rng.randint(10, 400)
    inv = Invoice(
        number=f"{n}/{issue.year}",
        issue=issue,
        due=issue + timedelta(days=60),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Manutenzione impianto", 70.0, "h"),
                ("Materiale elettrico", 35.0, "u"),
                ("Canone assistenza", 240.0, "u"),
            ],
            rng.randint(2, 6),
            ("22",),
        ),
        iban=iban(rng, "IT"),
        bic=rng.choice(BICS["IT"]),
    )
    s = Sheet("times")
    s.f(15, True)
    s.at(15, 14, seller.name)
    s.f(9)
    s.lines(
        15,
        21,
        [
            f"{seller.street} - {seller.postcode} {seller.city} (IT)",
            f"P.IVA {seller.vat} - C.F. {seller.vat[2:]}",
            f"Cap. soc. EUR 10.000,00 i.v. - REA MI-{seq(rng, 7)}",
        ],
    )
    s.f(9)
    s.lines(
        120,
        42,
        [
            "Spett.le",
            buyer.name,
            buyer.street,
            f"{buyer.postcode} {buyer.city}",
            f"P.IVA {buyer.vat}",
            f"Codice SDI: {seq(rng, 7)}",
        ],
    )
    s.f(12, True)
    s.at(15, 75, f"Fattura n. {inv.number} del {day(issue, 'dmy/')}")
    s.f(8)
    s.at(15, 81, "Copia di cortesia - l'originale è disponibile nel cassetto fiscale")
    rows = [(ln.text, num(ln.qty, "de"), num(ln.unit, "de"), "22", num(ln.amount, "de")) for ln in inv.lines]
    y = table(
        s,
        15,
        90,
        (85, 20, 25, 15, 35),
        ("Descrizione", "Q.tà", "Prezzo", "IVA %", "Importo"),
        rows,
        "LRRRR",
        grid=True,
    )
    heads, vals = (
        ("Imponibile", "IVA 22%", "Totale documento", "Scadenza"),
        (num(inv.ht, "de"), num(inv.tax, "de"), "EUR " + num(inv.ttc, "de"), day(inv.due, "dmy/")),
    )
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        s.f(8, True)
        s.at(15 + i * 45, y + 6, h)
        s.f(10, i == 2)
        s.at(15 + i * 45, y + 11, v)
    s.f(8.5)
    s.lines(
        15,
        y + 22,
        ["Modalità di pagamento: bonifico bancario a 60 gg d.f.", f"IBAN {inv.iban} - BIC {inv.bic}"],
    )
    printed = (*BASE, "due_date", "seller_vat_id", "seller_iban", "seller_bic", "buyer_vat_id")
    return s, inv.truth(printed)


def nl_bv(rng: random.Random) -> Result:
    """Dutch B.V.: 'Factuur', factuurnummer, KvK number (a decoy), BTW-nummer, 'Te betalen', dates
    '31-01-2026', amounts '€ 1.234,56', payment within 30 days quoting the invoice number."""
    seller = foreign_party(
        rng,
        "NL",
        f"{rng.choice(('De Vries', 'Van Dijk', 'Bakker', 'Jansen'))} "
        f"{rng.choice(('Installatietechniek', 'Webdesign', 'Logistiek'))} B.V.",
    )
    buyer = (
        _buyer_fr(rng)
        if rng.random() < 0.5
        else foreign_party(rng, "NL", f"{rng.choice(('Smit', 'Visser'))} Retail B.V.")
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{issue.year}{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="EUR",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Advieswerkzaamheden", 95.0, "h"),
                ("Licentie software (jaar)", 600.0, "u"),
                ("Voorrijkosten", 45.0, "u"),
            ],
            rng.randint(1, 5),
            ("21",),
        ),
        iban=iban(rng, "NL"),
        bic=rng.choice(BICS["NL"]),
    )
    s = Sheet("cond")
    s.f(16, True)
    s.set_text_color(230, 100, 0)
    s.at(15, 12, seller.name.split(" B.V.")[0])
    s.set_text_color(0, 0, 0)
    s.f(8)
    s.lines(
        140,
        12,
        [
            seller.name,
            seller.street,
            f"{seller.postcode} {seller.city}",
            f"KvK {seq(rng, 8)}",
            f"BTW {seller.vat}",
            f"IBAN {grouped(inv.iban)}",
            f"BIC {inv.bic}",
        ],
        3.8,
    )
    s.f(10)
    s.lines(15, 45, [buyer.name, buyer.street, f"{buyer.postcode} {buyer.city}"], 4.6)
    s.f(18, True)
    s.at(15, 75, "Factuur")
    s.f(9)
    for i, (k, v) in enumerate(
        [
            ("Factuurnummer", inv.number),
            ("Factuurdatum", day(issue, "dmy-")),
            ("Vervaldatum", day(inv.due, "dmy-")),
            ("Uw referentie", f"{seq(rng, 2)}.{seq(rng, 3)}.{seq(rng, 3)}"),
        ]
    ):
        s.at(15, 86 + i * 4.5, k)
        s.at(50, 86 + i * 4.5, v)
    rows = [
        (ln.text, num(ln.qty, "de"), f"€ {num(ln.unit, 'de')}", "21%", f"€ {num(ln.amount, 'de')}")
        for ln in inv.lines
    ]
    y = table(
        s, 15, 110, (85, 15, 30, 15, 35), ("Omschrijving", "Aantal", "Prijs", "BTW", "Totaal"), rows, "LRRRR"
    )
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Subtotaal", f"€ {num(inv.ht, 'de')}"),
            ("BTW 21%", f"€ {num(inv.tax, 'de')}"),
            ("Te betalen", f"€ {num(inv.ttc, 'de')}"),
        ],
    )
    s.f(8.5)
    s.para(
        15,
        y + 6,
        180,
        f"We verzoeken u vriendelijk het bedrag binnen 30 dagen over te maken op {grouped(inv.iban)} "
        f"o.v.v. factuurnummer {inv.number}.",
    )
    printed = (*BASE, "due_date", "amount_due", "seller_vat_id", "seller_iban", "seller_bic")
    return s, inv.truth(printed)


def ch_sarl(rng: random.Random) -> Result:
    """A Swiss Sàrl writing French: CHF, amounts "1'234.50", 'TVA 8,1 %', the CHE-... MWST/TVA number,
    a payment slip section ('Section paiement') at the bottom with the QR-IBAN-like account and amount."""
    seller = foreign_party(rng, "DE", "x")
    seller.country = "CH"
    seller.name = seller.lines[0] = (
        f"{rng.choice(('Atelier', 'Fiduciaire', 'Horlogerie'))} "
        f"{rng.choice(('Dupraz', 'Favre', 'Rochat'))} Sàrl"
    )
    seller.street, seller.postcode, seller.city = (
        f"Rue du Lac {rng.randint(1, 60)}",
        rng.choice(("1003", "1201", "2000")),
        rng.choice(("Lausanne", "Genève", "Neuchâtel")),
    )
    uid = _until(rng, lambda: "CHE" + seq(rng, 9), ch_uid.is_valid)
    seller.vat = uid
    buyer = (
        _buyer_fr(rng)
        if rng.random() < 0.5
        else foreign_party(rng, "DE", f"{rng.choice(('Gerber', 'Steiner'))} AG")
    )
    issue = issue_date(rng)
    inv = Invoice(
        number=f"{seq(rng, 2)}-{seq(rng, 4)}",
        issue=issue,
        due=issue + timedelta(days=30),
        currency="CHF",
        seller=seller,
        buyer=buyer,
        lines=lines_from(
            rng,
            [
                ("Révision comptable", 140.0, "h"),
                ("Établissement des comptes annuels", 1800.0, "u"),
                ("Frais de dossier", 50.0, "u"),
            ],
            rng.randint(1, 4),
            ("8.1",),
        ),
    )
    s = Sheet("sans")
    s.f(13, True)
    s.at(15, 14, seller.name)
    s.f(8.5)
    s.lines(
        15,
        20,
        [
            seller.street,
            f"CH-{seller.postcode} {seller.city}",
            f"IDE/TVA : {uid[:3]}-{uid[3:6]}.{uid[6:9]}.{uid[9:]} TVA",
        ],
    )
    s.f(9.5)
    s.lines(120, 40, [buyer.name, buyer.street, f"{buyer.postcode} {buyer.city}"])
    s.f(13, True)
    s.at(15, 65, f"Facture {inv.number}")
    s.f(9)
    s.lines(
        15,
        72,
        [
            f"{seller.city}, le {day(issue, 'dmy.')}",
            f"Mandat n° {seq(rng, 3)}.{seq(rng, 2)}",
            "Conditions : 30 jours net",
        ],
    )
    rows = [(ln.text, f"{ln.qty:f}", num(ln.unit, "ch"), num(ln.amount, "ch")) for ln in inv.lines]
    y = table(s, 15, 92, (100, 20, 30, 30), ("Prestation", "Quantité", "Prix CHF", "Total CHF"), rows, "LRRR")
    y = stack(
        s,
        195,
        y + 4,
        [
            ("Total hors TVA", f"CHF {num(inv.ht, 'ch')}"),
            ("TVA 8,1 %", f"CHF {num(inv.tax, 'ch')}"),
            ("Total TTC", f"CHF {num(inv.ttc, 'ch')}"),
        ],
    )
    s.set_dash_pattern(dash=1, gap=1)
    s.hline(0, 210, 192)
    s.set_dash_pattern()
    s.f(10, True)
    s.at(10, 196, "Récépissé")
    s.at(70, 196, "Section paiement")
    s.f(8)
    acct = f"CH{seq(rng, 2)} 3000 {seq(rng, 4)} {seq(rng, 4)} {seq(rng, 4)} {seq(rng, 1)}"
    s.lines(
        10,
        204,
        [
            "Compte / Payable à",
            acct,
            seller.name,
            f"{seller.postcode} {seller.city}",
            "",
            "Monnaie  Montant",
            f"CHF      {num(inv.ttc, 'ch')}",
        ],
        4,
    )
    s.box(70, 204, 46, 46)
    s.at(72, 225, "[code QR]")
    s.lines(
        125, 204, ["Compte / Payable à", acct, "Informations supplémentaires", f"Facture {inv.number}"], 4
    )
    printed = (
        "invoice_number",
        "issue_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
    )
    return s, inv.truth(printed)


TEMPLATES = {
    "en-uk-ltd": uk_ltd,
    "en-us-saas": us_saas,
    "de-gmbh": de_gmbh,
    "de-handwerk": de_handwerk,
    "es-sl": es_sl,
    "it-srl": it_srl,
    "nl-bv": nl_bv,
    "fr-ch-sarl": ch_sarl,
}
