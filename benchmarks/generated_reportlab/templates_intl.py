"""Layouts of other countries: German ERP, Italian fattura, Spanish, Dutch, Belgian, Luxembourg, Swiss,
Québec, Morocco, United Kingdom and United States."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_reportlab.data import (
    Invoice,
    digits,
    fmt_amount,
    fmt_date,
    money,
    pick_date,
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
from benchmarks.generated_reportlab.pools import items, number, party

NAVY = colors.Color(0.1, 0.2, 0.4)


def make(
    rng: random.Random,
    country: str,
    lang: str,
    shape: str,
    n: int,
    rates: tuple[str, ...],
    currency: str = "EUR",
    days: int = 30,
    buyer_country: str | None = None,
) -> Invoice:
    issue = pick_date(rng)
    inv = Invoice(
        number(rng, shape, issue.year),
        issue,
        issue + timedelta(days=days),
        currency,
        party(rng, country, bank=True),
        party(rng, buyer_country or country, buyer=True),
        items(rng, lang, n, list(rates)),
    )
    while inv.buyer.legal == inv.seller.legal:
        inv.buyer = party(rng, buyer_country or country, buyer=True)
    return inv


def t_de_sap(rng: random.Random, path: Path) -> dict[str, str]:
    """SAP-like German 'Rechnung': sender line over the window, Belegnummer/Belegdatum block, footer."""
    inv = make(rng, "DE", "de", "9{n6}0", rng.randint(2, 9), ("19", "19", "7"), days=14)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.po = f"45{digits(rng, 8)}"
    text(c, 195, 20, s.legal, 13, True, "r")
    text(c, 20, 50, f"{s.legal} · {s.street} · {s.city}", 6.5)
    hline(c, 20, 105, 51.5, 0.3)
    lines(c, 20, 57, [*b.name, "Abt. Kreditorenbuchhaltung", b.street, b.city], 10, 4.6)
    info = [
        ["Belegnummer", inv.number],
        ["Belegdatum", fmt_date(inv.issue, "d.m.Y")],
        ["Kundennummer", digits(rng, 7)],
        ["Ihre Bestellung", inv.po],
        ["Lieferschein", f"80{digits(rng, 6)}"],
        ["Lieferdatum", fmt_date(inv.issue - timedelta(days=2), "d.m.Y")],
        ["Ihre USt-IdNr.", b.vat],
        ["Seite", "1 von 1"],
    ]
    table(c, 125, 50, info, [30, 40], [("FONT", (0, 0), (-1, -1), "Helvetica", 8)], 8)
    text(c, 20, 98, "Rechnung", 15, True)
    rows = [["Pos.", "Material", "Bezeichnung", "Menge", "ME", "Preis/EUR", "Betrag/EUR"]]
    rows += [
        [
            f"{10 * (k + 1):06d}",
            i.ref,
            i.text,
            fmt_amount(i.qty, "de"),
            "ST",
            fmt_amount(i.unit, "de"),
            fmt_amount(i.net, "de"),
        ]
        for k, i in enumerate(inv.items)
    ]
    y = table(
        c,
        20,
        104,
        rows,
        [14, 20, 58, 18, 10, 24, 26],
        [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)],
        8,
        3,
    )
    tot = [["Summe netto", fmt_amount(inv.total_excl, "de")]]
    tot += [
        [f"MwSt {r} % auf {fmt_amount(inv.bases()[r], 'de')}", fmt_amount(t, "de")]
        for r, t in inv.taxes().items()
    ]
    tot += [["Rechnungsbetrag EUR", fmt_amount(inv.total_incl, "de")]]
    y = table(
        c,
        105,
        y + 4,
        tot,
        [60, 30],
        [("LINEABOVE", (0, -1), (-1, -1), 1, colors.black), ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9)],
        9,
        1,
    )
    para(
        c,
        20,
        y + 8,
        170,
        f"Zahlbar innerhalb von 14 Tagen bis {fmt_date(inv.due, 'd.m.Y')} ohne Abzug. "
        f"Bei Zahlung bis {fmt_date(inv.issue + timedelta(days=8), 'd.m.Y')} 2 % Skonto.",
        8.5,
    )
    hline(c, 20, 190, 268, 0.3)
    cols = [
        [s.legal, s.street, s.city],
        ["Geschäftsführer:", "Dr. Hans Vogel", f"Amtsgericht HRB {digits(rng, 5)}"],
        [
            f"USt-IdNr.: {s.vat}",
            f"St.-Nr. {digits(rng, 2)}/{digits(rng, 3)}/{digits(rng, 5)}",
            f"Tel. {s.phone}",
        ],
        ["Commerzbank", f"IBAN {spaced(s.iban)}", f"BIC {s.bic}"],
    ]
    for k, col in enumerate(cols):
        lines(c, 20 + k * 43, 272, col, 6.5, 3)
    c.save()
    return single_rate_tax(
        inv,
        truth(
            inv,
            "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
            "seller_name seller_vat_id seller_iban seller_bic buyer_name buyer_vat_id purchase_order",
        ),
    )


def t_it_fattura(rng: random.Random, path: Path) -> dict[str, str]:
    """Italian 'fattura': cedente/cessionario boxes, riepilogo IVA, totale documento, scadenza."""
    inv = make(rng, "IT", "it", "{n3}/{Y}", rng.randint(1, 6), ("22", "22", "10"), days=60)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    lines(
        c,
        15,
        16,
        [*s.name, s.street, s.city, f"P.IVA {s.vat[2:]} - C.F. {s.vat[2:]}", f"Tel. {s.phone}"],
        8.5,
        4.2,
        bold_first=True,
    )
    box(c, 110, 12, 88, 32)
    lines(c, 113, 17, ["Spett.le", *b.name, b.street, b.city, f"P.IVA {b.vat[2:]}"], 9, 4.5)
    text(c, 15, 58, f"FATTURA N. {inv.number} del {fmt_date(inv.issue, 'd/m/Y')}", 12, True)
    text(
        c,
        15,
        64,
        f"Documento di trasporto n. {digits(rng, 3)} del {fmt_date(inv.issue - timedelta(days=3), 'd/m/Y')}",
        8,
    )
    rows = [["Codice", "Descrizione", "Q.tà", "Prezzo", "Sconto", "Importo", "IVA"]]
    rows += [
        [
            i.ref,
            i.text,
            fmt_amount(i.qty, "de"),
            fmt_amount(i.unit, "de"),
            "",
            fmt_amount(i.net, "de"),
            str(i.rate),
        ]
        for i in inv.items
    ]
    y = table(c, 15, 70, rows, [20, 70, 15, 22, 14, 27, 12], GRID, 8, 2)
    rie = [["Aliquota IVA", "Imponibile", "Imposta"]]
    rie += [[f"{r}%", fmt_amount(inv.bases()[r], "de"), fmt_amount(t, "de")] for r, t in inv.taxes().items()]
    table(c, 15, y + 8, rie, [25, 30, 30], GRID + [("BACKGROUND", (0, 0), (-1, 0), GREY)], 8, 1)
    tot = [
        ["Totale imponibile", fmt_amount(inv.total_excl, "de")],
        ["Totale IVA", fmt_amount(inv.total_tax, "de")],
        ["Totale documento € ", fmt_amount(inv.total_incl, "de")],
    ]
    table(c, 120, y + 8, tot, [45, 33], GRID + [("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9)], 9, 1)
    para(
        c,
        15,
        y + 40,
        180,
        f"Modalità di pagamento: Bonifico bancario a 60 gg d.f. - Scadenza {fmt_date(inv.due, 'd/m/Y')}"
        f"<br/>IBAN: {s.iban} - BIC: {s.bic}",
        8.5,
    )
    text(
        c, 105, 285, f"{s.legal} - Capitale sociale € 50.000 i.v. - REA BO-{digits(rng, 6)}", 6.5, False, "c"
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_iban seller_bic buyer_name buyer_vat_id",
    )


def t_es_factura(rng: random.Random, path: Path) -> dict[str, str]:
    """Spanish 'factura': coloured header band, CIF, base imponible / IVA 21 % / total factura."""
    inv = make(rng, "ES", "es", "{Y}-A{n4}", rng.randint(1, 5), ("21",))
    s, b, c = inv.seller, inv.buyer, canvas(path)
    box(c, 0, 0, 210, 30, NAVY)
    c.setFillColor(colors.white)
    text(c, 15, 14, s.legal, 15, True)
    text(c, 15, 21, f"CIF: {s.vat[2:]} · {s.street} · {s.city}", 8)
    text(c, 195, 16, "FACTURA", 20, True, "r")
    c.setFillColor(colors.black)
    lines(
        c,
        15,
        42,
        [
            f"Nº factura: {inv.number}",
            f"Fecha: {fmt_date(inv.issue, 'd/m/Y')}",
            f"Vencimiento: {fmt_date(inv.due, 'd/m/Y')}",
            f"Pedido: PED-{digits(rng, 5)}",
        ],
        9.5,
        5,
    )
    lines(c, 115, 42, ["CLIENTE", *b.name, b.street, b.city, f"NIF/CIF: {b.vat}"], 9.5, 4.7, bold_first=True)
    rows = [["Concepto", "Cantidad", "Precio", "Importe"]]
    rows += [
        [i.text, fmt_amount(i.qty, "de"), fmt_amount(i.unit, "de") + " €", fmt_amount(i.net, "de") + " €"]
        for i in inv.items
    ]
    y = table(
        c,
        15,
        80,
        rows,
        [95, 25, 30, 30],
        [("BACKGROUND", (0, 0), (-1, 0), GREY), ("LINEBELOW", (0, 1), (-1, -1), 0.2, colors.grey)],
        9,
        1,
    )
    heads = ["Base imponible", "% IVA", "Cuota IVA", "TOTAL FACTURA"]
    table(
        c,
        15,
        y + 10,
        [
            heads,
            [
                fmt_amount(inv.total_excl, "de") + " €",
                "21 %",
                fmt_amount(inv.total_tax, "de") + " €",
                fmt_amount(inv.total_incl, "de") + " €",
            ],
        ],
        [45, 45, 45, 45],
        GRID + [("ALIGN", (0, 0), (-1, -1), "CENTER"), ("FONT", (3, 1), (3, 1), "Helvetica-Bold", 10)],
        9.5,
    )
    para(
        c,
        15,
        y + 30,
        180,
        f"Forma de pago: transferencia bancaria a 30 días.<br/>IBAN {spaced(s.iban)} · BIC {s.bic}",
        8.5,
    )
    para(
        c,
        15,
        278,
        180,
        f"{s.legal}. Inscrita en el Registro Mercantil de Valencia, Tomo {digits(rng, 4)}, "
        f"Folio {digits(rng, 2)}, Hoja V-{digits(rng, 5)}.",
        6.5,
        1,
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_iban seller_bic buyer_name buyer_vat_id",
    )


def t_nl_factuur(rng: random.Random, path: Path) -> dict[str, str]:
    """Dutch 'factuur': right-aligned company block, KvK, BTW 21 %/9 %, 'Te betalen'."""
    inv = make(rng, "NL", "nl", "{Y}{n4}", rng.randint(1, 6), ("21", "9"), days=14)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    lines(
        c,
        195,
        15,
        [*s.name, s.street, s.city, f"KvK {digits(rng, 8)}", f"BTW {s.vat}", f"IBAN {spaced(s.iban)}"],
        8.5,
        4.2,
        bold_first=True,
        align="r",
    )
    lines(c, 20, 50, [*b.name, "t.a.v. crediteurenadministratie", b.street, b.city], 10, 4.8)
    text(c, 20, 84, "Factuur", 20, True)
    info = [
        ["Factuurnummer", inv.number],
        ["Factuurdatum", fmt_date(inv.issue, "long-nl")],
        ["Vervaldatum", fmt_date(inv.due, "long-nl")],
        ["Klantnummer", digits(rng, 5)],
    ]
    table(c, 20, 90, info, [35, 50], [("FONT", (0, 0), (0, -1), "Helvetica-Bold", 9)], 9)
    rows = [["Omschrijving", "Aantal", "Prijs", "BTW", "Bedrag"]]
    rows += [
        [i.text, str(i.qty), "€ " + fmt_amount(i.unit, "de"), f"{i.rate}%", "€ " + fmt_amount(i.net, "de")]
        for i in inv.items
    ]
    y = table(
        c, 20, 115, rows, [80, 18, 26, 16, 30], [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)], 9, 1
    )
    tot = [["Totaal excl. BTW", "€ " + fmt_amount(inv.total_excl, "de")]]
    tot += [[f"BTW {r}%", "€ " + fmt_amount(t, "de")] for r, t in inv.taxes().items()]
    tot += [["Te betalen", "€ " + fmt_amount(inv.total_incl, "de")]]
    table(
        c,
        110,
        y + 5,
        tot,
        [50, 30],
        [
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 10),
        ],
        9,
        1,
    )
    para(
        c,
        20,
        250,
        170,
        f"Wij verzoeken u vriendelijk het bedrag binnen 14 dagen over te maken op rekening "
        f"{spaced(s.iban)} (BIC {s.bic}) t.n.v. {s.legal}, onder vermelding van factuurnummer {inv.number}.",
        8.5,
    )
    c.save()
    return single_rate_tax(
        inv,
        truth(
            inv,
            "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
            "seller_name seller_vat_id seller_iban seller_bic buyer_name",
        ),
    )


def t_be_bilingual(rng: random.Random, path: Path) -> dict[str, str]:
    """Belgian FR/NL bilingual invoice, structured communication, TVA/BTW BE0..."""
    inv = make(rng, "BE", "fr", "{y}/{n5}", rng.randint(1, 5), ("21", "6"), days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    comm = f"+++{digits(rng, 3)}/{digits(rng, 4)}/{digits(rng, 5)}+++"
    text(c, 15, 18, s.legal, 14, True)
    lines(
        c,
        15,
        24,
        [
            s.street,
            s.city,
            f"TVA/BTW {s.vat[:2]} {s.vat[2:6]}.{s.vat[6:9]}.{s.vat[9:]}",
            "RPM/RPR Bruxelles",
        ],
        8,
    )
    lines(c, 115, 40, [*b.name, b.street, b.city, f"TVA/BTW {b.vat}"], 10, 4.8)
    text(c, 15, 70, "FACTURE / FACTUUR", 14, True)
    head = [
        ["N° / Nr.", "Date / Datum", "Échéance / Vervaldag", "Client / Klant"],
        [inv.number, fmt_date(inv.issue, "d/m/Y"), fmt_date(inv.due, "d/m/Y"), digits(rng, 5)],
    ]
    table(c, 15, 76, head, [40, 40, 55, 45], GRID + [("ALIGN", (0, 0), (-1, -1), "CENTER")], 8.5)
    rows = [["Description / Omschrijving", "Qté/Aantal", "Prix/Prijs", "TVA/BTW", "Total/Totaal"]]
    rows += [
        [i.text, fmt_amount(i.qty), fmt_amount(i.unit), f"{i.rate}%", fmt_amount(i.net)] for i in inv.items
    ]
    y = table(c, 15, 94, rows, [80, 22, 26, 20, 32], GRID, 8.5, 1)
    tot = [["Total HTVA / Totaal excl. btw", fmt_amount(inv.total_excl) + " EUR"]]
    tot += [[f"TVA/BTW {r}%", fmt_amount(t) + " EUR"] for r, t in inv.taxes().items()]
    tot += [["Total TVAC / Totaal incl. btw", fmt_amount(inv.total_incl) + " EUR"]]
    table(c, 95, y + 5, tot, [62, 38], GRID + [("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9)], 8.5, 1)
    para(
        c,
        15,
        y + 40,
        180,
        f"Paiement / Betaling : {spaced(s.iban)} - BIC {s.bic}<br/>Communication structurée / "
        f"Gestructureerde mededeling : <b>{comm}</b>",
        8.5,
    )
    c.save()
    return single_rate_tax(
        inv,
        truth(
            inv,
            "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
            "seller_name seller_vat_id seller_iban seller_bic buyer_name buyer_vat_id",
        ),
    )


def t_lu_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Luxembourg fiduciary invoice: fees, 17 % TVA, RCS B number, matricule decoy."""
    inv = make(rng, "LU", "fr", "{Y}-{n4}", rng.randint(1, 4), ("17",), days=30, buyer_country="FR")
    s, b, c = inv.seller, inv.buyer, canvas(path)
    text(c, 105, 18, s.legal, 15, True, "c")
    text(
        c,
        105,
        24,
        f"{s.street} · {s.city} · Tél. (+352) {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
        8,
        False,
        "c",
    )
    lines(c, 20, 40, ["Destinataire :", *b.name, b.street, b.city, "FRANCE"], 9.5, 4.6)
    lines(
        c,
        130,
        40,
        [
            f"Luxembourg, le {fmt_date(inv.issue, 'long-fr')}",
            "",
            f"Note d'honoraires n° {inv.number}",
            f"Dossier : {digits(rng, 4)}/{digits(rng, 2)}",
        ],
        9.5,
        5,
    )
    rows = [["Prestations", "Heures", "Taux", "Montant"]]
    rows += [[i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    y = table(c, 20, 80, rows, [95, 20, 25, 30], [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)], 9, 1)
    tot = [
        ["Total hors TVA", fmt_amount(inv.total_excl) + " €"],
        ["TVA 17 %", fmt_amount(inv.total_tax) + " €"],
        ["Total TTC", fmt_amount(inv.total_incl) + " €"],
    ]
    table(c, 110, y + 6, tot, [45, 35], [("LINEABOVE", (0, 2), (-1, 2), 1, colors.black)], 9.5, 1)
    para(
        c,
        20,
        y + 35,
        170,
        f"Payable à {30} jours, soit au plus tard le {fmt_date(inv.due, 'd/m/Y')}, sur le compte "
        f"{spaced(s.iban)} ({s.bic}).",
        9,
    )
    text(
        c,
        105,
        283,
        f"R.C.S. Luxembourg B{digits(rng, 6)} · Matricule {digits(rng, 13)} · TVA {s.vat}",
        7,
        False,
        "c",
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_vat_id seller_iban seller_bic buyer_name",
    )


def qc_taxes(inv: Invoice) -> tuple[Decimal, Decimal]:
    tps = money(inv.total_excl * Decimal("0.05"))
    return tps, money(inv.total_excl * Decimal("0.09975"))


def t_ca_qc(rng: random.Random, path: Path) -> dict[str, str]:
    """Québec invoice in French: CAD, TPS 5 % and TVQ 9,975 %, ISO dates, '1 234,56 $'."""
    inv = make(rng, "CA", "fr", "{n5}", rng.randint(1, 5), ("0",), "CAD", days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    tps, tvq = qc_taxes(inv)
    text(c, 15, 20, s.legal, 14, True)
    lines(c, 15, 26, [s.street, s.city, f"Tél. : {digits(rng, 3)} {digits(rng, 3)}-{digits(rng, 4)}"], 8.5)
    lines(
        c,
        195,
        18,
        [
            "FACTURE",
            f"No : {inv.number}",
            f"Date : {fmt_date(inv.issue, 'iso')}",
            f"Échéance : {fmt_date(inv.due, 'iso')}",
        ],
        10,
        5.2,
        bold_first=True,
        align="r",
    )
    lines(c, 15, 50, ["Vendu à :", *b.name, b.street, b.city], 9.5, 4.6, bold_first=True)
    rows = [["Description", "Qté", "Prix unitaire", "Montant"]]
    rows += [[i.text, str(i.qty), fmt_amount(i.unit) + " $", fmt_amount(i.net) + " $"] for i in inv.items]
    y = table(c, 15, 80, rows, [95, 20, 32, 33], GRID + [("BACKGROUND", (0, 0), (-1, 0), GREY)], 9, 1)
    total = inv.total_excl + tps + tvq
    tot = [
        ["Sous-total", fmt_amount(inv.total_excl) + " $"],
        ["TPS (5 %)", fmt_amount(tps) + " $"],
        ["TVQ (9,975 %)", fmt_amount(tvq) + " $"],
        ["Total (CAD)", fmt_amount(total) + " $"],
    ]
    table(c, 120, y + 5, tot, [40, 35], GRID + [("FONT", (0, 3), (-1, 3), "Helvetica-Bold", 10)], 9, 1)
    lines(
        c,
        15,
        y + 45,
        [
            f"No TPS : {digits(rng, 9)} RT0001",
            f"No TVQ : {digits(rng, 10)} TQ0001",
            "Modalités : net 30 jours. Intérêts de 2 % par mois sur les comptes en souffrance.",
        ],
        8,
    )
    c.save()
    fields = truth(inv, "invoice_number issue_date due_date currency total_excl_tax seller_name buyer_name")
    fields.update(total_incl_tax=f"{total:.2f}")  # TPS and TVQ are printed apart, never summed
    return fields


def t_ma_facture(rng: random.Random, path: Path) -> dict[str, str]:
    """Moroccan invoice in French: MAD/DH, ICE, IF, RC, Patente, total written in words."""
    inv = make(rng, "MA", "fr", "FV{y}/{n4}", rng.randint(2, 6), ("20",), "MAD", days=60)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    text(c, 105, 16, s.legal.upper(), 14, True, "c")
    text(
        c,
        105,
        22,
        f"{s.street} - {s.city} - Tél : +212 5 22 {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}",
        8,
        False,
        "c",
    )
    hline(c, 15, 195, 26, 1)
    lines(
        c,
        15,
        36,
        [
            f"FACTURE N° : {inv.number}",
            f"Date : {fmt_date(inv.issue, 'd/m/Y')}",
            f"Bon de commande : BC{digits(rng, 5)}",
        ],
        10,
        5.2,
        bold_first=True,
    )
    box(c, 110, 32, 85, 30)
    lines(c, 113, 38, ["Client :", *b.name, b.street, b.city, f"ICE : {digits(rng, 15)}"], 9, 4.6)
    rows = [["Réf", "Désignation", "Qté", "PU HT (DH)", "Montant HT (DH)"]]
    rows += [[i.ref, i.text, fmt_amount(i.qty), fmt_amount(i.unit), fmt_amount(i.net)] for i in inv.items]
    y = table(c, 15, 70, rows, [20, 80, 15, 30, 35], GRID, 8.5, 2)
    tot = [
        ["Total HT", fmt_amount(inv.total_excl)],
        ["TVA 20 %", fmt_amount(inv.total_tax)],
        ["Total TTC (DH)", fmt_amount(inv.total_incl)],
    ]
    table(c, 120, y + 5, tot, [40, 35], GRID + [("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9)], 9, 1)
    para(
        c,
        15,
        y + 30,
        180,
        f"Arrêtée la présente facture à la somme de : <b>{words_fr(int(inv.total_incl))} dirhams "
        f"et {int(inv.total_incl * 100) % 100} centimes TTC</b>.<br/>Règlement : chèque ou virement à "
        f"{rng.choice([60, 90])} jours, échéance le {fmt_date(inv.due, 'd/m/Y')}.",
        8.5,
    )
    para(
        c,
        15,
        276,
        180,
        f"RC Casablanca {digits(rng, 6)} - IF {digits(rng, 8)} - Patente {digits(rng, 8)} - "
        f"CNSS {digits(rng, 7)} - ICE {digits(rng, 15)}",
        7,
        1,
    )
    c.save()
    return truth(
        inv, "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax buyer_name"
    )


def words_fr(n: int) -> str:
    units = (
        "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize "
        "dix-sept dix-huit dix-neuf"
    ).split()
    tens = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}
    if n < 20:
        return units[n]
    if n < 100:
        t, u = divmod(n, 10)
        if t in (7, 9):
            return tens[t - 1] + "-" + units[10 + u]
        return tens[t] + ("" if u == 0 else " et un" if u == 1 and t != 8 else "-" + units[u])
    if n < 1000:
        h, r = divmod(n, 100)
        return ("cent" if h == 1 else units[h] + " cent") + (" " + words_fr(r) if r else "")
    k, r = divmod(n, 1000)
    return ("mille" if k == 1 else words_fr(k) + " mille") + (" " + words_fr(r) if r else "")


def t_uk_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """UK 'Tax invoice' from a Sage-like package: GBP, VAT @ 20 %, company number, long dates."""
    inv = make(rng, "GB", "en", "SI-{n5}", rng.randint(1, 7), ("20",), "GBP", days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    inv.seller.vat = f"GB{digits(rng, 9)}"
    text(c, 15, 20, "TAX INVOICE", 18, True)
    lines(c, 195, 14, [s.legal, s.street, s.city, f"Tel: {s.phone}"], 8.5, 4.2, bold_first=True, align="r")
    lines(c, 15, 38, ["Invoice To:", *b.name, b.street, b.city], 9.5, 4.6, bold_first=True)
    info = [
        ["Invoice No.", inv.number],
        ["Invoice Date", fmt_date(inv.issue, "long-en")],
        ["Account Ref", f"{b.name[0][:4].upper()}{digits(rng, 3)}"],
        ["Order No.", f"PO{digits(rng, 6)}"],
        ["Due Date", fmt_date(inv.due, "long-en")],
    ]
    table(c, 125, 36, info, [30, 40], GRID, 8.5)
    rows = [["Quantity", "Details", "Unit Price", "Net Amt", "VAT %", "VAT"]]
    rows += [
        [
            str(i.qty),
            i.text,
            fmt_amount(i.unit, "en"),
            fmt_amount(i.net, "en"),
            "20.00",
            fmt_amount(money(i.net / 5), "en"),
        ]
        for i in inv.items
    ]
    y = table(
        c, 15, 76, rows, [18, 80, 22, 24, 14, 22], GRID + [("BACKGROUND", (0, 0), (-1, 0), GREY)], 8.5, 2
    )
    tot = [
        ["Total Net Amount", "£" + fmt_amount(inv.total_excl, "en")],
        ["Total VAT Amount", "£" + fmt_amount(inv.total_tax, "en")],
        ["INVOICE TOTAL", "£" + fmt_amount(inv.total_incl, "en")],
    ]
    table(c, 120, y + 5, tot, [45, 30], GRID + [("FONT", (0, 2), (-1, 2), "Helvetica-Bold", 9)], 9, 1)
    para(
        c,
        15,
        y + 32,
        100,
        f"Payment terms: 30 days net.<br/>Bank: NatWest, Sort code {digits(rng, 2)}-{digits(rng, 2)}-"
        f"{digits(rng, 2)}, Account {digits(rng, 8)}<br/>IBAN {spaced(s.iban)}, BIC {s.bic}",
        8,
    )
    text(
        c,
        105,
        284,
        f"Registered in England and Wales No. {digits(rng, 8)}. VAT Registration No. {s.vat[2:5]} "
        f"{s.vat[5:9]} {s.vat[9:]}",
        7,
        False,
        "c",
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_iban seller_bic buyer_name",
    )


def t_us_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """US invoice: Bill To / Ship To, sales tax, 'Balance Due' after a payment, US dates."""
    inv = make(rng, "US", "en", "INV-{h}-{n4}", rng.randint(1, 6), ("0",), "USD", days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    tax = money(inv.total_excl * Decimal("0.0825"))
    paid = (inv.total_excl * Decimal("0.5")).quantize(Decimal("1"))
    total = inv.total_excl + tax
    text(c, 15, 20, s.legal, 16, True)
    lines(c, 15, 26, [s.street, s.city, s.email], 8.5)
    text(c, 195, 20, "INVOICE", 22, True, "r")
    info = [
        ["Invoice #", inv.number],
        ["Date", fmt_date(inv.issue, "us-long")],
        ["Terms", "Net 30"],
        ["Due Date", fmt_date(inv.due, "us-long")],
        ["P.O. #", f"{digits(rng, 4)}-{digits(rng, 2)}"],
    ]
    table(c, 130, 28, info, [25, 40], [("FONT", (0, 0), (0, -1), "Helvetica-Bold", 8.5)], 8.5, 1)
    lines(c, 15, 62, ["BILL TO", *b.name, b.street, b.city], 9, 4.5, bold_first=True)
    lines(
        c,
        110,
        62,
        ["SHIP TO", *b.name, f"{rng.randint(100, 999)} Industrial Pkwy", b.city],
        9,
        4.5,
        bold_first=True,
    )
    rows = [["ITEM", "DESCRIPTION", "QTY", "RATE", "AMOUNT"]]
    rows += [
        [
            i.ref,
            i.text,
            str(int(i.qty)) if i.qty == int(i.qty) else str(i.qty),
            fmt_amount(i.unit, "en"),
            fmt_amount(i.net, "en"),
        ]
        for i in inv.items
    ]
    y = table(c, 15, 90, rows, [22, 90, 16, 26, 26], [("BACKGROUND", (0, 0), (-1, 0), GREY)], 8.5, 2)
    tot = [
        ["Subtotal", fmt_amount(inv.total_excl, "en")],
        ["Sales Tax (8.25%)", fmt_amount(tax, "en")],
        ["Total", "$" + fmt_amount(total, "en")],
        ["Payments/Credits", "-$" + fmt_amount(paid, "en")],
        ["Balance Due", "$" + fmt_amount(total - paid, "en")],
    ]
    table(
        c,
        120,
        y + 5,
        tot,
        [40, 35],
        [("LINEABOVE", (0, 4), (-1, 4), 1, colors.black), ("FONT", (0, 4), (-1, 4), "Helvetica-Bold", 10)],
        9,
        1,
    )
    text(
        c,
        105,
        280,
        "Thank you for your business! Please make checks payable to " + s.legal + ".",
        8,
        False,
        "c",
    )
    c.save()
    fields = truth(inv, "invoice_number issue_date due_date currency total_excl_tax seller_name buyer_name")
    fields.update(total_tax=f"{tax:.2f}", total_incl_tax=f"{total:.2f}", amount_due=f"{total - paid:.2f}")
    return fields


def t_ch_rechnung(rng: random.Random, path: Path) -> dict[str, str]:
    """Swiss 'Rechnung' in CHF with MWST 8,1 %, 1'234.56 amounts and a payment-part stub."""
    inv = make(rng, "CH", "de", "R-{Y}-{n4}", rng.randint(1, 5), ("8.1",), "CHF", days=30)
    s, b, c = inv.seller, inv.buyer, canvas(path)
    uid = f"CHE-{digits(rng, 3)}.{digits(rng, 3)}.{digits(rng, 3)} MWST"
    lines(c, 20, 18, [*s.name, s.street, s.city, uid], 9, 4.4, bold_first=True)
    lines(c, 118, 48, [*b.name, b.street, b.city], 10, 4.8)
    text(c, 20, 80, f"Rechnung Nr. {inv.number}", 14, True)
    lines(
        c, 20, 87, [f"Datum: {fmt_date(inv.issue, 'd.m.Y')}", f"Zahlbar bis: {fmt_date(inv.due, 'd.m.Y')}"], 9
    )
    rows = [["Pos.", "Beschreibung", "Menge", "Preis CHF", "Total CHF"]]
    rows += [
        [str(k + 1), i.text, str(i.qty), fmt_amount(i.unit, "ch"), fmt_amount(i.net, "ch")]
        for k, i in enumerate(inv.items)
    ]
    y = table(
        c, 20, 98, rows, [12, 88, 20, 25, 25], [("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black)], 9, 2
    )
    tot = [
        ["Total exkl. MWST", fmt_amount(inv.total_excl, "ch")],
        ["MWST 8.1 %", fmt_amount(inv.total_tax, "ch")],
        ["Total inkl. MWST CHF", fmt_amount(inv.total_incl, "ch")],
    ]
    table(c, 110, y + 5, tot, [50, 30], [("LINEABOVE", (0, 2), (-1, 2), 1, colors.black)], 9.5, 1)
    hline(c, 0, 210, 192, 0.5, dash=True)
    text(c, 5, 199, "Empfangsschein", 10, True)
    lines(
        c,
        5,
        206,
        [
            "Konto / Zahlbar an",
            spaced(s.iban),
            s.legal,
            s.city,
            "",
            "Währung  Betrag",
            f"CHF  {fmt_amount(inv.total_incl, 'ch')}",
        ],
        8,
        4.2,
    )
    box(c, 62, 192, 0.1, 105)
    text(c, 67, 199, "Zahlteil", 10, True)
    lines(
        c,
        120,
        206,
        [
            "Zahlbar durch",
            *b.name,
            b.city,
            "",
            f"Referenz {digits(rng, 2)} {digits(rng, 5)} {digits(rng, 5)} {digits(rng, 5)}",
        ],
        8,
        4.2,
    )
    c.save()
    return truth(
        inv,
        "invoice_number issue_date due_date currency total_excl_tax total_tax total_incl_tax "
        "seller_name seller_iban buyer_name",
    )
