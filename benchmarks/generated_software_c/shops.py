"""Templates modelled on e-commerce software's invoice PDFs (French and German shops first)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import ids
from benchmarks.generated_software_b.data import CENT, rate_text
from benchmarks.generated_software_c.common import pick, qty, sale
from benchmarks.generated_software_c.kit import Col, Doc


def thelia_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Thelia's default PDF invoice (thelia/thelia templates/pdf/default/invoice.html, I18n/fr_FR.php): a big
    'FACTURE' title, date / reference / customer number lines, delivery and invoice addresses side by side,
    a six-column product table with taxed unit prices, payment and delivery modules on the left of the totals;
    the shop only appears in the footer imprint with its business id and 'page x/y'."""
    s = sale(rng, {"fr": 0.7, "en": 0.15, "de": 0.15}, n=(1, 14), bank=False, person_buyer=0.7)
    fr, de = s.lang == "fr", s.lang == "de"
    d = Doc(path)
    ref = f"ORD{rng.randint(1, 99999):012d}"
    cust = f"CUS{rng.randint(1, 9999):012d}"
    d.text(12, 28, "FACTURE" if fr else "RECHNUNG" if de else "INVOICE", 30, True, grey=0.35)
    lab = {
        "fr": ("Date de facture", "Référence de la facture", "Numéro client"),
        "de": ("Rechnungsdatum", "Rechnungsnummer", "Kundennummer"),
        "en": ("Invoice date", "Invoice REF", "Customer Number"),
    }[s.lang]
    d.text(12, 40, f"{lab[0]} : {s.day(s.issued)}", 12, True)
    d.text(12, 47, f"{lab[1]} : {ref}", 12, True)
    d.text(12, 54, f"{lab[2]} : {cust}", 12, True)
    heads = {
        "fr": ("Adresse de livraison", "Adresse de facturation"),
        "de": ("Lieferadresse", "Rechnungsadresse"),
    }
    h = heads.get(s.lang, ("Delivery address", "Invoice address"))
    b = s.buyer
    for x, title in ((14, h[0]), (110, h[1])):
        d.box(x - 2, 62, 1, 24, fill=0.5, stroke=False)
        d.text(x, 66, title, 11, True)
        d.lines(x, 72, [b.name, b.street, f"{b.zip} {b.city}"])
    cols = [
        Col(pick(s.lang, {"en": "Product", "fr": "Produit", "de": "Produkt"}), 76),
        Col(pick(s.lang, {"en": "Unit. price", "fr": "Prix unitaire", "de": "Stückpreis"}), 23, "r"),
        Col(pick(s.lang, {"en": "Tax", "fr": "Taxe", "de": "Steuer"}), 20, "r"),
        Col(pick(s.lang, {"en": "Unit taxed price", "fr": "Prix unit. TTC", "de": "Preis inkl."}), 23, "r"),
        Col(pick(s.lang, {"en": "Quantity", "fr": "Quantité", "de": "Menge"}), 18, "c"),
        Col(pick(s.lang, {"en": "Taxed total", "fr": "Total TTC", "de": "Gesamt inkl."}), 26, "r"),
    ]
    rows = []
    for it in s.items:
        tax = (it.price * it.rate / 100).quantize(Decimal("0.01"))
        rows.append(
            [
                it.desc[:40],
                s.money(it.price),
                s.money(tax),
                s.money(it.price + tax),
                qty(it.qty),
                s.money((it.price + tax) * it.qty),
            ]
        )
    y = d.table(12, 96, cols, rows, bottom=235)
    if y > 215:
        d.new_page()
        y = 25
    postage = Decimal(rng.choice(["0", "4.90", "6.90", "9.50"])) if rng.random() < 0.6 else Decimal(0)
    t = s.totals
    gross_items = sum(
        ((it.price + (it.price * it.rate / 100).quantize(Decimal("0.01"))) * it.qty for it in s.items),
        Decimal(0),
    )
    total = gross_items + postage
    mods = {"fr": ("Moyen de paiement", "Mode de livraison"), "de": ("Zahlungsart", "Versandart")}
    m = mods.get(s.lang, ("Payment module", "Delivery module"))
    d.text(12, y + 8, m[0], 11, True)
    d.text(12, y + 14, rng.choice(["Carte bancaire", "Virement", "PayPal"]))
    d.text(12, y + 22, m[1], 11, True)
    d.text(12, y + 28, rng.choice(["Colissimo", "Retrait en magasin", "DPD"]))
    labels = {
        "fr": ("Total HT", "Taxe", "Total TTC", "Frais de port", "Total"),
        "de": ("Summe netto", "Steuer", "Summe brutto", "Versandkosten", "Gesamt"),
        "en": ("Total without tax", "Tax", "Total with tax", "Postage", "Total"),
    }[s.lang]
    rows2 = [(labels[0], s.money(t.net)), (labels[1], s.money(gross_items - t.net))]
    by_rate: dict[Decimal, Decimal] = {}
    for it in s.items:
        by_rate[it.rate] = (
            by_rate.get(it.rate, Decimal(0)) + (it.price * it.rate / 100).quantize(CENT) * it.qty
        )
    tax_name = {"fr": "TVA France", "de": "MwSt. Deutschland"}.get(s.lang, "VAT")
    rows2 += [(f"{tax_name} {rate_text(r)}%", s.money(v)) for r, v in sorted(by_rate.items(), reverse=True)]
    rows2 += [(labels[2], s.money(gross_items)), (labels[3], s.money(postage)), (labels[4], s.money(total))]
    d.pairs(122, 196, y + 8, rows2, bold_last=True)
    seller = s.seller
    biz = seller.siret if seller.country == "FR" else seller.vat

    def footer(doc: Doc) -> None:
        doc.text(12, 282, f"{seller.name} - {seller.street} - {seller.zip} {seller.city} - {biz}", 7.5)
        doc.text(12, 286, f"Tél : {seller.phone} Email : {seller.email}", 7.5)
        doc.text(198, 282, f"page {doc.page_no}", 7.5, align="r")

    d.footer = footer
    d.save()
    s.truth.text("invoice_number", ref)
    s.truth.day("issue_date", s.issued)
    s.truth.text("seller_name", seller.name)
    if seller.country == "FR":
        s.truth.text("seller_siret", seller.siret)
    else:
        s.truth.text("seller_vat_id", seller.vat)
    s.truth.text("buyer_name", s.buyer.name)
    s.truth.text("currency", s.currency)
    s.truth.money("total_incl_tax", total)
    if postage == 0:
        s.truth.money("total_excl_tax", t.net)
        s.truth.money("total_tax", gross_items - t.net)
    return s.truth.values


def shopware_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """Shopware 6 document 'invoice' (shopware/shopware src/Core/Framework/Resources/views/documents/
    invoice.html.twig and base.html.twig): a sender line above the window address, the logo right, a
    reference column right (Kundennummer, Bestellnummer, Datum), 'Rechnung 1042' as title, the line table
    Pos./Art.-Nr./Bezeichnung/Menge/Einzelpreis/Gesamt, 'Gesamtsumme netto / zzgl. 19 % MwSt. / Gesamtsumme'
    and a four-column footer (address, bank, managing director, register and USt-IdNr.)."""
    s = sale(rng, {"de": 0.5, "en": 0.15, "fr": 0.35}, n=(2, 22))
    de = s.lang == "de"
    d = Doc(path, font=rng.choice(["Helvetica", "Times-Roman"]))
    se, b = s.seller, s.buyer
    number = str(rng.randint(1000, 20999))
    d.text(170, 22, se.name.split()[0].upper(), 16, True, align="c", grey=0.3)
    d.text(20, 48, f"{se.name} - {se.street} - {se.zip} {se.city}", 6.5)
    d.rule(20, 49.5, 105, 0.3)
    d.lines(20, 55, [b.name, b.contact if rng.random() < 0.3 else "", b.street, f"{b.zip} {b.city}"], 10)
    L = {
        "de": ("Kundennummer", "Bestellnummer", "Datum", "Rechnung", "Lieferdatum"),
        "fr": ("N° client", "N° de commande", "Date", "Facture", "Date de livraison"),
        "en": ("Customer no.", "Order number", "Date", "Invoice", "Delivery date"),
    }[s.lang]
    order = str(rng.randint(10000, 99999))
    d.pairs(
        140,
        190,
        55,
        [
            (L[0], str(rng.randint(10000, 29999))),
            (L[1], order),
            (L[2], s.day(s.issued)),
            (L[4], s.day(s.issued)),
        ],
        size=8.5,
        lead=4.5,
    )
    d.text(20, 95, f"{L[3]} {number}", 15, True)
    cols = [
        Col("Pos.", 10),
        Col("Art.-Nr." if de else "Ref.", 22),
        Col({"de": "Bezeichnung", "fr": "Désignation"}.get(s.lang, "Description"), 66),
        Col({"de": "Menge", "fr": "Qté"}.get(s.lang, "Qty"), 14, "r"),
        Col({"de": "USt.", "fr": "TVA"}.get(s.lang, "Tax"), 12, "r"),
        Col({"de": "Einzelpreis", "fr": "Prix unit."}.get(s.lang, "Unit price"), 23, "r"),
        Col({"de": "Gesamt", "fr": "Total"}.get(s.lang, "Total"), 23, "r"),
    ]
    rows = [
        [
            str(i),
            it.ref,
            it.desc[:38],
            qty(it.qty, s.lang != "en"),
            f"{rate_text(it.rate)} %",
            s.money(it.price),
            s.money(it.net),
        ]
        for i, it in enumerate(s.items, 1)
    ]
    y = d.table(20, 105, cols, rows, head_fill=None, bottom=240, top_next=30)
    if y > 220:
        d.new_page()
        y = 30
    t = s.totals
    d.rule(120, y, 190)
    net_l = {"de": "Gesamtsumme netto", "fr": "Total HT"}.get(s.lang, "Total (net)")
    rows2 = [(net_l, s.money(t.net))]
    for r, (_, v) in t.taxes.items():
        rows2.append(
            (
                {"de": f"zzgl. {rate_text(r)} % MwSt.", "fr": f"plus TVA {rate_text(r)} %"}.get(
                    s.lang, f"plus {rate_text(r, False)}% VAT"
                ),
                s.money(v),
            )
        )
    rows2.append(({"de": "Gesamtsumme", "fr": "Total TTC"}.get(s.lang, "Total"), s.money(t.gross)))
    y = d.pairs(120, 190, y + 5, rows2, bold_last=True)
    pay = {"de": "Bitte überweisen Sie den Betrag bis zum", "fr": "Merci de régler le montant avant le"}
    d.text(20, y + 8, f"{pay.get(s.lang, 'Please pay the amount by')} {s.day(s.due)}.", 9)
    hrb = se.reg or se.rcs

    def footer(doc: Doc) -> None:
        doc.rule(20, 270, 190, 0.3)
        doc.lines(20, 274, [se.name, se.street, f"{se.zip} {se.city}"], 6.5, 3)
        doc.lines(62, 274, [f"IBAN: {ids.group(se.iban)}", f"BIC: {se.bic}"], 6.5, 3)
        doc.lines(
            120,
            274,
            [{"de": "Geschäftsführer", "fr": "Gérant"}.get(s.lang, "Managing director"), se.contact],
            6.5,
            3,
        )
        doc.lines(155, 274, [hrb, f"USt-IdNr.: {se.vat}" if de else f"VAT: {se.vat}"], 6.5, 3)
        doc.text(190, 290, f"{'Seite' if de else 'Page'} {doc.page_no}", 6.5, align="r")

    d.footer = footer
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.day("due_date", s.due)
    tr.seller(se, bank=True)
    tr.buyer(b)
    tr.amounts(t, s.currency, tax=len(t.taxes) == 1)
    return tr.values
