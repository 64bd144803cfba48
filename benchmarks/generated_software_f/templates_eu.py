"""European invoicing software: sevDesk and WooCommerce Germanized (DE), Exact Online (NL), Fattura24 (IT),
FactuSOL (ES), and Invoice Ninja v5 'elegant' (FR/DE).

Only Invoice Ninja publishes its design code; the others are written from public sample invoices and help
pages (said in each docstring).
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_f.canvas import Column, Doc
from benchmarks.generated_software_f.common import customer_code, iban_text, make, po_number, qty_text

GREY = (0.45, 0.45, 0.45)


def sevdesk_rechnung(rng: random.Random, path: Path) -> dict[str, str]:
    """sevDesk's default invoice (no public source: from its public sample PDFs), a DIN 5008 letter: the
    sender line above the address window, an info block at right ('Rechnungsnr.', 'Kundennr.', 'Datum',
    'Lieferdatum', 'Ihr Ansprechpartner'), 'Rechnung Nr. RE-1042', a greeting, 'Pos. / Beschreibung / Menge /
    Einzelpreis / Gesamtpreis', 'Gesamtbetrag netto', 'zzgl. Umsatzsteuer 19%', 'Gesamtbetrag brutto', the
    payment sentence with its deadline, and a four-column footer (address, tax numbers, bank, management)."""
    inv = make(rng, "de", "DE", n_lines=(1, 18), amount_style="de", date_style="d.m.Y")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"RE-{rng.randint(1000, 9999)}"
    cust = str(rng.randint(1000, 1999))

    def page(d: Doc, n: int) -> None:
        d.lines(20, 275, [s.name, s.street, f"{s.zip} {s.city}"], 6.5, lead=3)
        d.lines(
            65,
            275,
            [
                f"Steuernummer {rng.randint(10, 99)}/{rng.randint(100, 999)}/{rng.randint(10000, 99999)}",
                f"USt-IdNr. {s.vat}",
                s.reg,
            ],
            6.5,
            lead=3,
        )
        d.lines(110, 275, [f"IBAN {iban_text(s)}", f"BIC {s.bic}"], 6.5, lead=3)
        d.lines(160, 275, ["Geschäftsführer", s.contact, f"Seite {n}"], 6.5, lead=3)

    d = Doc(path, page)
    d.text(190, 22, s.name, 13, bold=True, align="r")
    d.text(25, 47, f"{s.name} · {s.street} · {s.zip} {s.city}", 6.5)
    d.lines(25, 55, [b.name, f"z. Hd. {b.contact}", *b.address("de")], 9)
    d.pairs(
        125,
        52,
        [
            ("Rechnungsnr.", number),
            ("Kundennr.", cust),
            ("Datum", inv.day(inv.issued)),
            ("Lieferdatum", inv.day(inv.issued)),
            ("Ihr Ansprechpartner", s.contact),
        ],
        190,
        size=8.5,
        value_align="r",
    )
    d.text(25, 100, f"Rechnung Nr. {number}", 13, bold=True)
    d.lines(
        25,
        109,
        [
            "Sehr geehrte Damen und Herren,",
            "vielen Dank für Ihren Auftrag. Vereinbarungsgemäß berechnen wir Ihnen folgende Leistungen:",
        ],
        9,
    )
    cols = [
        Column("Pos.", 12),
        Column("Beschreibung", 83),
        Column("Menge", 25, "r"),
        Column("Einzelpreis", 25, "r"),
        Column("Gesamtpreis", 25, "r"),
    ]
    rows = [
        [
            str(i + 1),
            it.desc,
            f"{qty_text(it.qty)} {it.unit}",
            f"{inv.money(it.price)} €",
            f"{inv.money(it.net)} €",
        ]
        for i, it in enumerate(inv.items)
    ]
    y = d.table(25, 122, cols, rows, bottom=235, top_next=30, grid=True)
    if y > 232:
        d.new_page()
        y = 30
    tot = [("Gesamtbetrag netto", f"{inv.money(t.net)} €")]
    tot += [(f"zzgl. Umsatzsteuer {rate_text(r)}%", f"{inv.money(tax)} €") for r, (_, tax) in t.taxes.items()]
    y = d.pairs(110, y + 5, tot, 195, value_align="r", lead=5)
    d.text(110, y + 1, "Gesamtbetrag brutto", 9, bold=True)
    d.text(195, y + 1, f"{inv.money(t.gross)} €", 9, bold=True, align="r")
    d.text(
        25,
        y + 12,
        f"Bitte überweisen Sie den Rechnungsbetrag unter Angabe der Rechnungsnummer bis zum "
        f"{inv.day(inv.due)}.",
        8.5,
    )
    d.text(25, y + 17, "Mit freundlichen Grüßen", 8.5)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1)
    return tr.values


def germanized_rechnung(rng: random.Random, path: Path) -> dict[str, str]:
    """WooCommerce Germanized Pro invoice (vendidero; from its public documentation and sample PDF): shop
    address line and customer address at left, 'Rechnung' title, a meta block 'Rechnungsnummer',
    'Rechnungsdatum', 'Bestellnummer', 'Bestelldatum', 'Zahlungsart'; 'Pos. / Produkt / Anzahl / Preis /
    Gesamt' with gross prices; 'Zwischensumme', 'Versand', 'Gesamtsumme', 'enthaltene MwSt. 19 %'."""
    inv = make(
        rng,
        "de",
        "DE",
        n_lines=(1, 6),
        amount_style="de",
        date_style=rng.choice(["d.m.Y", "long"]),
        person_buyer=0.7,
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"RE-{inv.issued.year}-{rng.randint(1, 9999):04d}"
    order = str(rng.randint(1000, 99999))
    d = Doc(path)
    d.text(190, 20, s.name, 14, bold=True, align="r")
    d.lines(190, 26, [*s.address("de"), s.email], 8, align="r")
    d.text(20, 47, f"{s.name} - {s.street} - {s.zip} {s.city}", 6.5)
    d.lines(20, 53, [b.name, *b.address("de")], 9)
    d.text(20, 85, "Rechnung", 16, bold=True)
    meta = [
        ("Rechnungsnummer:", number),
        ("Rechnungsdatum:", inv.day(inv.issued)),
        ("Bestellnummer:", order),
        ("Bestelldatum:", inv.day(inv.issued)),
        ("Zahlungsart:", rng.choice(["PayPal", "Vorkasse", "Kreditkarte"])),
    ]
    d.pairs(120, 80, meta, 160, size=8.5)
    cols = [
        Column("Pos.", 12),
        Column("Produkt", 100),
        Column("Anzahl", 18, "r"),
        Column("Preis", 20, "r"),
        Column("Gesamt", 20, "r"),
    ]
    rows = []
    for i, it in enumerate(inv.items):
        unit_gross = it.price * (100 + it.rate) / 100
        rows.append(
            [
                str(i + 1),
                it.desc,
                qty_text(it.qty),
                f"{inv.money(unit_gross)} €",
                f"{inv.money(it.net * (100 + it.rate) / 100)} €",
            ]
        )
    y = d.table(20, 110, cols, rows, head_fill=(0.93, 0.93, 0.93), grid=True)
    tot = [
        ("Zwischensumme", f"{inv.money(t.gross)} €"),
        ("Versand", "0,00 €"),
        ("Gesamtsumme", f"{inv.money(t.gross)} €"),
    ]
    tot += [(f"enthaltene MwSt. {rate_text(r)} %", f"{inv.money(tax)} €") for r, (_, tax) in t.taxes.items()]
    d.pairs(120, y + 6, tot, 190, value_align="r", lead=5)
    d.lines(20, 272, [f"{s.name} · USt-IdNr.: {s.vat} · {s.reg}", f"IBAN: {iban_text(s)} · BIC: {s.bic}"], 7)
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.seller(s, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", net=False, tax=len(t.taxes) == 1)
    tr.text("purchase_order", order)
    return tr.values


def exact_online_factuur(rng: random.Random, path: Path) -> dict[str, str]:
    """Exact Online's default sales invoice layout (no public source: from its public help-page examples):
    seller logo/name top-right, customer address at left, 'Factuur' title with a header grid 'Factuurnummer /
    Factuurdatum / Vervaldatum / Debiteurnummer / Uw referentie'; 'Artikel / Omschrijving / Aantal / Prijs /
    Bedrag'; 'Totaal excl. BTW', 'BTW 21%', 'Totaal incl. BTW'; KvK, BTW-nummer and IBAN in the footer."""
    inv = make(rng, "nl", "NL", n_lines=(1, 10), amount_style="de", date_style=rng.choice(["d-m-Y", "d/m/Y"]))
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = str(rng.randint(20250001, 20269999))
    po = po_number(rng) if rng.random() < 0.6 else ""
    d = Doc(path)
    d.text(195, 20, s.name, 14, bold=True, align="r")
    d.lines(195, 26, s.address("nl"), 8.5, align="r")
    d.lines(20, 50, [b.name, f"T.a.v. {b.contact}", *b.address("nl")], 9)
    d.text(20, 85, "Factuur", 18, bold=True)
    heads = ["Factuurnummer", "Factuurdatum", "Vervaldatum", "Debiteurnummer"]
    vals = [number, inv.day(inv.issued), inv.day(inv.due), str(rng.randint(10000, 99999))]
    if po:
        heads.append("Uw referentie")
        vals.append(po)
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        d.text(20 + i * 35, 95, h, 7.5, bold=True)
        d.text(20 + i * 35, 100, v, 8.5)
    cols = [
        Column("Artikel", 22),
        Column("Omschrijving", 83),
        Column("Aantal", 20, "r"),
        Column("Prijs", 25, "r"),
        Column("Bedrag", 25, "r"),
    ]
    rows = [[it.ref, it.desc, qty_text(it.qty), inv.money(it.price), inv.money(it.net)] for it in inv.items]
    y = d.table(20, 112, cols, rows, grid=True)
    tot = [("Totaal excl. BTW", inv.money(t.net))]
    tot += [
        (f"BTW {rate_text(r)}% over {inv.money(base)}", inv.money(tax)) for r, (base, tax) in t.taxes.items()
    ]
    tot.append(("Totaal incl. BTW", f"EUR {inv.money(t.gross)}"))
    d.pairs(110, y + 6, tot, 195, value_align="r", lead=5)
    d.text(
        20,
        262,
        f"Wij verzoeken u vriendelijk het bedrag vóór {inv.day(inv.due)} over te maken op "
        f"{iban_text(s)} o.v.v. het factuurnummer.",
        7.5,
    )
    d.text(105, 282, f"{s.reg} · BTW-nummer {s.vat} · IBAN {iban_text(s)} · BIC {s.bic}", 7, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1)
    tr.text("purchase_order", po)
    return tr.values


def fattura24_fattura(rng: random.Random, path: Path) -> dict[str, str]:
    """Fattura24's printed invoice (no public source: from its public sample PDFs): seller at top-left with
    P.IVA, 'Spett.le' customer block at right, 'FATTURA N. 42 del 12/01/2026', lines with 'Cod. / Descrizione
    / Q.tà / Prezzo / Sconto / IVA / Importo', a VAT summary, 'Totale imponibile', 'Totale IVA', 'Totale
    documento', 'Netto a pagare', and 'Scadenze' / 'Modalità di pagamento' with the IBAN."""
    inv = make(rng, "it", "IT", n_lines=(1, 10), amount_style="de", date_style="d/m/Y", deposit=0.2)
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 400)}/{inv.issued.year}"
    d = Doc(path)
    d.text(15, 20, s.name, 13, bold=True)
    d.lines(15, 26, [*s.address("it"), f"P.IVA {s.vat[2:]}", f"Tel. {s.phone}", s.email], 8.5)
    d.text(115, 45, "Spett.le", 8, color=GREY)
    d.lines(115, 50, [b.name, *b.address("it"), f"P.IVA {b.vat}"], 9)
    d.text(15, 80, f"FATTURA N. {number} del {inv.day(inv.issued)}", 13, bold=True)
    cols = [
        Column("Cod.", 20),
        Column("Descrizione", 70),
        Column("Q.tà", 15, "r"),
        Column("Prezzo", 25, "r"),
        Column("Sconto", 15, "r"),
        Column("IVA", 12, "r"),
        Column("Importo", 25, "r"),
    ]
    rows = [
        [it.ref, it.desc, qty_text(it.qty), inv.money(it.price), "", rate_text(it.rate), inv.money(it.net)]
        for it in inv.items
    ]
    y = d.table(15, 90, cols, rows, head_fill=(0.85, 0.9, 0.95), grid=True)
    tot = [
        ("Totale imponibile", inv.money(t.net)),
        ("Totale IVA", inv.money(t.tax)),
        ("Totale documento", f"€ {inv.money(t.gross)}"),
    ]
    if t.paid:
        tot.append(("Acconto versato", inv.money(t.paid)))
    tot.append(("Netto a pagare", f"€ {inv.money(t.due)}"))
    d.pairs(125, y + 6, tot, 197, value_align="r", lead=5)
    d.lines(
        15,
        y + 6,
        [
            f"Scadenze: {inv.day(inv.due)}  € {inv.money(t.due)}",
            "Modalità di pagamento: Bonifico",
            f"IBAN: {iban_text(s)}",
            f"BIC: {s.bic}",
        ],
        8,
    )
    d.text(105, 285, f"{s.name} - {s.reg} - Capitale sociale € 10.000 i.v.", 6.5, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, vat=False, bank=True)  # 'P.IVA' is printed without its IT prefix
    tr.buyer(b, vat=True)
    tr.amounts(t, "EUR", due=True)
    return tr.values


def factusol_factura(rng: random.Random, path: Path) -> dict[str, str]:
    """FactuSOL (Software DELSOL; no public source: from public sample prints): emitter at top-left, a boxed
    strip 'FACTURA / Nº factura / Fecha / Cliente / N.I.F.', customer box at right, lines 'Artículo /
    Descripción / Cantidad / Precio / % Dto. / Importe', and a bottom strip 'Bruto / Base imponible / % IVA /
    Cuota IVA / TOTAL FACTURA'; 'Vencimientos' and 'Forma de pago' under it."""
    inv = make(rng, "es", "ES", n_lines=(1, 14), amount_style="de", date_style="d/m/Y")
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 9)}-{rng.randint(1, 9999):06d}"
    d = Doc(path)
    d.text(15, 20, s.name, 13, bold=True)
    d.lines(15, 26, [*s.address("es"), f"C.I.F.: {s.vat[2:]}", f"Tlf.: {s.phone}"], 8.5)
    d.rect(110, 18, 85, 30)
    d.lines(113, 24, [b.name, *b.address("es"), f"N.I.F.: {b.vat[2:]}"], 9)
    for i, (h, v) in enumerate(
        [
            ("FACTURA", ""),
            ("Nº factura", number),
            ("Fecha", inv.day(inv.issued)),
            ("Cliente", str(rng.randint(1, 9999))),
            ("N.I.F.", b.vat[2:]),
        ]
    ):
        d.rect(15 + i * 36, 58, 36, 11)
        d.text(17 + i * 36, 62, h, 7, bold=i == 0)
        d.text(17 + i * 36, 67, v, 8)
    cols = [
        Column("Artículo", 22),
        Column("Descripción", 78),
        Column("Cantidad", 20, "r"),
        Column("Precio", 25, "r"),
        Column("% Dto.", 12, "r"),
        Column("Importe", 23, "r"),
    ]
    rows = [
        [it.ref, it.desc, qty_text(it.qty), inv.money(it.price), "", inv.money(it.net)] for it in inv.items
    ]
    y = d.table(15, 76, cols, rows, bottom=225, grid=True)
    heads = ["Bruto", "Base imponible", "% IVA", "Cuota IVA", "TOTAL FACTURA"]
    for i, h in enumerate(heads):
        d.rect(15 + i * 36, y + 4, 36, 11)
        d.text(17 + i * 36, y + 8, h, 7, bold=i == 4)
    vals = [
        inv.money(t.net),
        inv.money(t.net),
        " / ".join(rate_text(r) for r in t.taxes),
        inv.money(t.tax),
        f"{inv.money(t.gross)} €",
    ]
    for i, v in enumerate(vals):
        d.text(17 + i * 36, y + 13, v, 8, bold=i == 4)
    d.lines(
        15,
        y + 24,
        [
            f"Vencimientos: {inv.day(inv.due)}  {inv.money(t.gross)} €",
            f"Forma de pago: Transferencia bancaria {iban_text(s)}",
        ],
        8,
    )
    d.text(105, 285, f"{s.name} - Registro Mercantil, {s.reg}", 6.5, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, vat=False, bank=True, bic=False)  # C.I.F./N.I.F. are printed without the ES prefix
    tr.buyer(b)
    tr.amounts(t, "EUR")
    return tr.values


def invoiceninja_elegant(rng: random.Random, path: Path) -> dict[str, str]:
    """Invoice Ninja v5 'elegant' design (invoiceninja/invoiceninja, app/Services/PdfMaker/Designs/Elegant.php
    and resources/views/pdf-designs/elegant.html): company name centred in a serif face between double rules,
    the entity details at right beside the client details, a table with a ruled header, totals at right with
    the balance due between double rules; French or German labels from the translations."""
    lang = rng.choice(["fr", "fr", "de"])
    country = "FR" if lang == "fr" else "DE"
    inv = make(
        rng,
        lang,
        country,
        deposit=0.3,
        amount_style="fr" if lang == "fr" else "de",
        date_style="d/m/Y" if lang == "fr" else "d.m.Y",
    )
    s, b, t = inv.seller, inv.buyer, inv.totals
    number = f"{rng.randint(1, 9999):04d}"
    fr = lang == "fr"
    lab = (
        (
            "Numéro de facture",
            "Date de facture",
            "Date d'échéance",
            "Bon de commande",
            "Sous-total",
            "TVA",
            "Payé",
            "Total",
            "Solde dû",
        )
        if fr
        else (
            "Rechnungsnummer",
            "Rechnungsdatum",
            "Fälligkeitsdatum",
            "Bestellnummer",
            "Zwischensumme",
            "MwSt.",
            "Bereits gezahlt",
            "Gesamt",
            "Offener Betrag",
        )
    )
    d = Doc(path)
    d.font = "Times-Roman"
    d.hline(15, 195, 14, 0.6)
    d.hline(15, 195, 15.2, 0.6)
    d.text(105, 25, s.name, 18, bold=True, align="c")
    d.hline(15, 195, 30, 0.6)
    d.hline(15, 195, 31.2, 0.6)
    d.lines(15, 40, [*s.address(lang), s.email, s.vat], 8.5)
    d.lines(80, 40, [b.name, *b.address(lang)], 8.5)
    po = po_number(rng) if rng.random() < 0.4 else ""
    info = [(lab[0], number), (lab[1], inv.day(inv.issued)), (lab[2], inv.day(inv.due))]
    if po:
        info.append((lab[3], po))
    d.pairs(140, 40, info, 195, size=8.5, value_align="r")
    cols = [
        Column("Description" if fr else "Beschreibung", 90),
        Column("Qté" if fr else "Menge", 20, "r"),
        Column("Prix unitaire" if fr else "Einzelpreis", 30, "r"),
        Column("Total" if fr else "Gesamt", 40, "r"),
    ]
    rows = [
        [it.desc, qty_text(it.qty), f"{inv.money(it.price)} €", f"{inv.money(it.net)} €"] for it in inv.items
    ]
    y = d.table(15, 75, cols, rows, lead=7, grid=True)
    tot = [(lab[4], f"{inv.money(t.net)} €")]
    tot += [(f"{lab[5]} {rate_text(r)}%", f"{inv.money(tax)} €") for r, (_, tax) in t.taxes.items()]
    tot.append((lab[7], f"{inv.money(t.gross)} €"))
    if t.paid:
        tot.append((lab[6], f"{inv.money(t.paid)} €"))
    y = d.pairs(125, y + 6, tot, 195, value_align="r", lead=5.5)
    d.hline(125, 195, y - 2.5)
    d.text(125, y + 2.5, lab[8], 11, bold=True)
    d.text(195, y + 2.5, f"{inv.money(t.due)} €", 11, bold=True, align="r")
    d.hline(125, 195, y + 5)
    d.text(105, 282, f"IBAN {iban_text(s)} · BIC {s.bic} · {customer_code(rng, 'plain')}", 7.5, align="c")
    d.save()
    tr = inv.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", inv.issued)
    tr.day("due_date", inv.due)
    tr.seller(s, bank=True)
    tr.buyer(b)
    tr.amounts(t, "EUR", tax=len(t.taxes) == 1, due=True)
    tr.text("purchase_order", po)
    return tr.values
