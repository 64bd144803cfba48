"""More shop-software invoice PDFs: OXID eShop, PrestaShop 1.6, OpenMage (Magento 1)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b import ids
from benchmarks.generated_software_b.data import rate_text
from benchmarks.generated_software_c.common import pick, qty, sale
from benchmarks.generated_software_c.kit import Col, Doc


def oxid_invoicepdf(rng: random.Random, path: Path) -> dict[str, str]:
    """OXID eShop's 'invoicepdf' module (OXID-eSales invoicepdf, InvoicepdfArticleSummary / InvoicepdfPDF and
    its de/en lang files): shop address line over the window, billing address left, a right-hand block
    'Kundennr.', 'Bestellnr.', 'Rechnungsnr.', 'Datum', the title 'Rechnung', article rows 'Menge / Art.Nr. /
    Artikel / MwSt. / Einzelpreis / Gesamtpreis', a summary 'Summe netto / zzgl. MwSt. 19% / Summe brutto /
    Versandkosten / Gesamtsumme', and a three-column footer with bank, Amtsgericht and USt-ID."""
    s = sale(rng, {"de": 0.75, "en": 0.25}, n=(1, 20), person_buyer=0.5, country="DE")
    de = s.lang == "de"
    d = Doc(path)
    se, b = s.seller, s.buyer
    d.text(195, 20, se.name, 14, True, align="r")
    d.text(15, 50, f"{se.name} - {se.street} - {se.zip} {se.city}", 7, grey=0.3)
    d.lines(15, 57, [b.name, b.street, f"{b.zip} {b.city}", "Deutschland"], 10)
    number, order, cust = (
        str(rng.randint(100, 9999)),
        str(rng.randint(1000, 99999)),
        str(rng.randint(1, 9999)),
    )
    L = (
        ("Kundennr.", "Bestellnr.", "Rechnungsnr.", "Datum")
        if de
        else ("Customer No.", "Order No.", "Invoice No.", "Date")
    )
    d.pairs(140, 195, 60, list(zip(L, (cust, order, number, s.day(s.issued)), strict=True)), lead=4.6)
    d.text(15, 95, "Rechnung" if de else "Invoice", 16, True)
    d.text(15, 102, ("Bestellt am " if de else "Ordered on ") + s.day(s.issued), 8)
    cols = [
        Col("Menge" if de else "Qty", 14, "r"),
        Col("Art.Nr." if de else "Prod. No.", 24),
        Col("Artikel" if de else "Product", 70),
        Col("MwSt." if de else "VAT", 14, "r"),
        Col("Einzelpreis" if de else "Unit price", 27, "r"),
        Col("Gesamtpreis" if de else "Total", 30, "r"),
    ]
    rows = [
        [
            qty(it.qty, de),
            it.ref,
            it.desc[:40],
            f"{rate_text(it.rate)} %",
            s.money(it.price, symbol="code"),
            s.money(it.net, symbol="code"),
        ]
        for it in s.items
    ]
    y = d.table(15, 112, cols, rows, head_fill=None, bottom=235, top_next=30)
    if y > 210:
        d.new_page()
        y = 30
    t = s.totals
    ship = Decimal(rng.choice(["0", "3.90", "4.90", "5.95"]))
    ship_tax = (ship * Decimal("0.19")).quantize(Decimal("0.01"))
    rows2 = [("Summe netto" if de else "Total net", s.money(t.net, symbol="code"))]
    rows2 += [
        (
            (f"zzgl. MwSt. {rate_text(r)}%" if de else f"plus VAT {rate_text(r, False)}%"),
            s.money(v, symbol="code"),
        )
        for r, (_, v) in t.taxes.items()
    ]
    rows2.append(("Summe brutto" if de else "Total gross", s.money(t.gross, symbol="code")))
    rows2.append(("Versandkosten" if de else "Shipping costs", s.money(ship + ship_tax, symbol="code")))
    total = t.gross + ship + ship_tax
    rows2.append(("Gesamtsumme" if de else "Grand total", s.money(total, symbol="code")))
    d.rule(110, y, 195)
    y = d.pairs(110, 195, y + 5, rows2, bold_last=True)
    pay = (
        "Zahlungsart: Vorkasse. Bitte überweisen Sie den Gesamtbetrag bis"
        if de
        else "Payment: prepayment, by"
    )
    d.text(15, y + 8, f"{pay} {s.day(s.due)}.", 8.5)

    def footer(doc: Doc) -> None:
        doc.rule(15, 268, 195, 0.3)
        doc.lines(15, 272, [se.name, se.street, f"{se.zip} {se.city}", f"Tel. {se.phone}"], 6.5, 3)
        doc.lines(75, 272, [f"Bank: {se.bic}", f"IBAN {ids.group(se.iban)}", f"BIC {se.bic}"], 6.5, 3)
        doc.lines(
            140,
            272,
            [f"Amtsgericht {se.city}", se.reg, f"USt-ID: {se.vat}", f"Geschäftsführer: {se.contact}"],
            6.5,
            3,
        )
        doc.text(195, 290, f"{'Seite' if de else 'Page'} {doc.page_no}", 6.5, align="r")

    d.footer = footer
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.day("issue_date", s.issued)
    tr.seller(se, bank=True)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_incl_tax", total)
    if ship == 0:
        tr.money("total_excl_tax", t.net)
        if len(t.taxes) == 1:
            tr.money("total_tax", t.tax)
    return tr.values


def prestashop16_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """PrestaShop 1.6 invoice (PrestaShop/PrestaShop 1.6.1.x pdf/invoice.tpl, invoice.addresses-tab.tpl,
    invoice.summary-tab.tpl, invoice.total-tab.tpl, invoice.tax-tab.tpl and the fr translations): logo left,
    'FACTURE' / date / '#FA000123' right, delivery and billing addresses, a grey summary row 'Numéro de
    facture / Date de facturation / Référence de commande / Date de commande', the product table,
    'Détail des taxes', totals 'Total produits / Frais d'expédition / Total (HT) / Total taxes / Total',
    the shop's legal footer (address, SIRET / RCS, phone)."""
    s = sale(rng, {"fr": 0.8, "es": 0.1, "it": 0.1}, n=(1, 12), bank=False, person_buyer=0.6)
    fr = s.lang == "fr"
    d = Doc(path)
    se, b = s.seller, s.buyer
    number = f"#{rng.choice(['FA', 'IN', 'FA'])}{rng.randint(1, 99999):06d}"
    order_ref = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(9))
    title = pick(s.lang, {"en": "INVOICE", "fr": "FACTURE", "es": "FACTURA", "it": "FATTURA"})
    d.text(15, 25, se.name, 15, True, grey=0.35)
    d.lines(195, 18, [title, s.day(s.issued), number], 10, 5, bold=True, align="r")
    heads = {
        "fr": ("Adresse de livraison", "Adresse de facturation"),
        "es": ("Dirección de envío", "Dirección de facturación"),
        "it": ("Indirizzo di consegna", "Indirizzo di fatturazione"),
    }
    h = heads[s.lang]
    for x, head in ((15, h[0]), (110, h[1])):
        d.text(x, 45, head, 9, True)
        d.lines(x, 51, [b.name, b.street, f"{b.zip} {b.city}", b.phone], 8.5)
    L = {
        "fr": ("Numéro de facture", "Date de facturation", "Référence de commande", "Date de commande"),
        "es": ("Número de factura", "Fecha de factura", "Referencia del pedido", "Fecha del pedido"),
        "it": ("Numero fattura", "Data fattura", "Riferimento ordine", "Data ordine"),
    }[s.lang]
    order_day = s.issued.replace(day=max(1, s.issued.day - rng.randint(0, 3)))
    cols = [Col(label, 45, "c") for label in L]
    d.table(15, 78, cols, [[number, s.day(s.issued), order_ref, s.day(order_day)]], size=8)
    pcols = [
        Col(
            pick(s.lang, {"en": "Reference", "fr": "Référence", "es": "Referencia", "it": "Riferimento"}), 24
        ),
        Col(pick(s.lang, {"en": "Product", "fr": "Produit", "es": "Producto", "it": "Prodotto"}), 70),
        Col(
            pick(s.lang, {"en": "Tax Rate", "fr": "Taux de taxe", "es": "Impuesto", "it": "Aliquota"}),
            20,
            "c",
        ),
        Col(
            pick(
                s.lang,
                {
                    "en": "Unit Price",
                    "fr": "Prix unitaire HT",
                    "es": "Precio unitario",
                    "it": "Prezzo unitario",
                },
            ),
            26,
            "r",
        ),
        Col(pick(s.lang, {"en": "Qty", "fr": "Qté", "es": "Cant.", "it": "Qtà"}), 12, "c"),
        Col(pick(s.lang, {"en": "Total", "fr": "Total HT", "es": "Total", "it": "Totale"}), 28, "r"),
    ]
    rows = [
        [it.ref, it.desc[:40], f"{rate_text(it.rate)} %", s.money(it.price), qty(it.qty), s.money(it.net)]
        for it in s.items
    ]
    y = d.table(15, 96, pcols, rows, bottom=225)
    if y > 200:
        d.new_page()
        y = 30
    t = s.totals
    ship = Decimal(rng.choice(["0", "0", "7", "8.33"]))
    ship_tax = (ship * Decimal("0.2")).quantize(Decimal("0.01"))
    tax_rows = [
        [
            pick(s.lang, {"en": "Products", "fr": "Produits", "es": "Productos", "it": "Prodotti"}),
            f"{rate_text(r)} %",
            s.money(base),
            s.money(v),
        ]
        for r, (base, v) in t.taxes.items()
    ]
    tcols = [
        Col(
            pick(
                s.lang,
                {
                    "en": "Tax Detail",
                    "fr": "Détail des taxes",
                    "es": "Detalle de impuestos",
                    "it": "Dettaglio imposte",
                },
            ),
            28,
        ),
        Col("%", 14, "c"),
        Col(pick(s.lang, {"en": "Base price", "fr": "Prix de base", "es": "Base", "it": "Base"}), 24, "r"),
        Col(
            pick(s.lang, {"en": "Total Tax", "fr": "Total taxes", "es": "Impuestos", "it": "Imposte"}),
            24,
            "r",
        ),
    ]
    d.table(15, y + 6, tcols, tax_rows, size=7.5)
    TL = {
        "fr": ("Total produits", "Frais d'expédition", "Total (HT)", "Total taxes", "Total"),
        "es": ("Total productos", "Gastos de envío", "Total (sin IVA)", "Total impuestos", "Total"),
        "it": ("Totale prodotti", "Spese di spedizione", "Totale (IVA escl.)", "Totale tasse", "Totale"),
    }[s.lang]
    net, tax = t.net + ship, t.tax + ship_tax
    rows2 = list(
        zip(
            TL,
            [
                s.money(t.net),
                s.money(ship) if ship else "Livraison gratuite" if fr else "-",
                s.money(net),
                s.money(tax),
                s.money(net + tax),
            ],
            strict=True,
        )
    )
    d.pairs(125, 195, y + 8, rows2, bold_last=True)

    def footer(doc: Doc) -> None:
        mention = f"{se.name} - {se.street}, {se.zip} {se.city}"
        legal = f"SIRET : {se.siret} - {se.rcs}" if se.country == "FR" else f"{se.reg} - NIF {se.vat}"
        doc.text(105, 278, mention, 7, align="c")
        doc.text(105, 282, legal, 7, align="c")
        doc.text(
            105,
            286,
            f"Pour toute assistance, merci de nous contacter : Tél. : {se.phone}" if fr else se.phone,
            7,
            align="c",
        )

    d.footer = footer
    d.save()
    tr = s.truth
    tr.text("invoice_number", number.lstrip("#"))
    tr.day("issue_date", s.issued)
    tr.text("seller_name", se.name)
    if se.country == "FR":
        tr.text("seller_siret", se.siret)
    else:
        tr.text("seller_vat_id", se.vat)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_excl_tax", net)
    tr.money("total_tax", tax)
    tr.money("total_incl_tax", net + tax)
    return tr.values


def openmage_invoice(rng: random.Random, path: Path) -> dict[str, str]:
    """OpenMage / Magento 1 invoice PDF (OpenMage/magento-lts app/code/core/Mage/Sales/Model/Order/Pdf/
    Invoice.php and Pdf/Abstract.php): store address top right, a dark band 'Invoice # 100000042' then
    'Order # 100000057' and 'Order Date', grey boxes 'Sold to:' / 'Ship to:' and 'Payment Method:' /
    'Shipping Method:', items 'Products / SKU / Price / Qty / Tax / Subtotal' and right-aligned totals
    'Subtotal: / Shipping & Handling: / Tax: / Grand Total:'. No invoice date is printed."""
    s = sale(rng, {"en": 0.35, "fr": 0.45, "de": 0.2}, n=(1, 18), bank=False, person_buyer=0.6)
    d = Doc(path, letter=s.country == "US")
    se, b = s.seller, s.buyer
    top = 15
    d.text(20, top + 10, se.name.split()[0].upper(), 20, True, grey=0.4)
    d.lines(150, top + 4, [se.name, se.street, f"{se.zip} {se.city}", se.phone], 8, 3.8)
    L = {
        "en": (
            "Invoice # ",
            "Order # ",
            "Order Date: ",
            "Sold to:",
            "Ship to:",
            "Payment Method:",
            "Shipping Method:",
        ),
        "fr": (
            "Facture n° ",
            "Commande n° ",
            "Date de commande : ",
            "Vendu à :",
            "Expédié à :",
            "Méthode de paiement :",
            "Méthode d'expédition :",
        ),
        "de": (
            "Rechnung # ",
            "Bestellung # ",
            "Bestelldatum: ",
            "Verkauft an:",
            "Versand an:",
            "Zahlungsart:",
            "Versandart:",
        ),
    }[s.lang]
    number = f"{rng.choice([1, 1, 2])}000{rng.randint(10000, 99999)}"
    order = f"1000{rng.randint(10000, 99999)}"
    d.box(20, 35, 170, 17, fill=0.45, stroke=False)
    d.text(25, 41, L[0] + number, 10, grey=1)
    d.text(25, 46, L[1] + order, 10, grey=1)
    d.text(25, 50.5, L[2] + s.day(s.issued, "M dd, Y" if s.lang == "en" else ""), 10, grey=1)
    for x, head in ((20, L[3]), (105, L[4])):
        d.box(x, 54, 85, 7, fill=0.9)
        d.text(x + 3, 59, head, 10, True)
        d.lines(x + 3, 66, [b.name, b.street, f"{b.zip} {b.city}", f"T: {b.phone}"], 8.5, 4)
    for x, head in ((20, L[5]), (105, L[6])):
        d.box(x, 84, 85, 7, fill=0.9)
        d.text(x + 3, 89, head, 10, True)
    d.text(
        23,
        96,
        rng.choice(["Check / Money order", "Bank Transfer Payment", "Credit Card (Authorize.net)"]),
        8.5,
    )
    d.text(108, 96, "Flat Rate - Fixed", 8.5)
    d.text(108, 100, f"(Total Shipping Charges {s.money(Decimal(5), symbol='before')})", 8.5)
    cols = [
        Col(pick(s.lang, {"en": "Products", "fr": "Produits", "de": "Produkte"}), 70),
        Col(pick(s.lang, {"en": "SKU", "fr": "UGS", "de": "Artikelnummer"}), 28),
        Col(pick(s.lang, {"en": "Price", "fr": "Prix", "de": "Preis"}), 20, "r"),
        Col(pick(s.lang, {"en": "Qty", "fr": "Qté", "de": "Menge"}), 12, "r"),
        Col(pick(s.lang, {"en": "Tax", "fr": "Taxe", "de": "Steuer"}), 18, "r"),
        Col(pick(s.lang, {"en": "Subtotal", "fr": "Sous-total", "de": "Zwischensumme"}), 22, "r"),
    ]
    rows = []
    for it in s.items:
        tax = (it.net * it.rate / 100).quantize(Decimal("0.01"))
        rows.append(
            [
                it.desc[:38],
                it.ref,
                s.money(it.price, symbol="before"),
                qty(it.qty.quantize(Decimal(1)) if it.qty == it.qty.to_integral() else it.qty, False),
                s.money(tax, symbol="before"),
                s.money(it.net, symbol="before"),
            ]
        )
    y = d.table(20, 108, cols, rows, head_fill=0.9, bottom=245, top_next=20)
    if y > 230:
        d.new_page()
        y = 25
    t = s.totals
    ship = Decimal(5)
    TL = {
        "en": ("Subtotal:", "Shipping & Handling:", "Tax:", "Grand Total:"),
        "fr": ("Sous-total :", "Expédition et traitement :", "Taxe :", "Montant global :"),
        "de": ("Zwischensumme:", "Versand & Bearbeitung:", "Steuer:", "Gesamtsumme:"),
    }[s.lang]
    total = t.gross + ship
    vals = [t.net, ship, t.tax, total]
    d.pairs(
        120,
        188,
        y + 6,
        [(lab, s.money(v, symbol="before")) for lab, v in zip(TL, vals, strict=True)],
        bold_last=True,
    )
    d.save()
    tr = s.truth
    tr.text("invoice_number", number)
    tr.text("seller_name", se.name)
    tr.buyer(b)
    tr.text("currency", s.currency)
    tr.money("total_tax", t.tax)
    tr.money("total_incl_tax", total)
    return tr.values
