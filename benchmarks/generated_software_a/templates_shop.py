"""Invoices printed by e-commerce platforms (orders turned into invoices).

- prestashop_invoice: PrestaShop/PrestaShop pdf/invoice.tpl with header.tpl (logo left; upper-case title, date
  and "#FA000123" right), invoice.addresses-tab.tpl (delivery and billing addresses), invoice.summary-tab.tpl
  (grey header cells: invoice number, invoice date, order reference, order date, VAT number),
  invoice.product-tab.tpl, invoice.tax-tab.tpl, invoice.payment-tab.tpl, invoice.total-tab.tpl and footer.tpl
  (centred shop address, support phone, shop details, "1 / 1"); French wording of the Shop.Pdf catalogue.
- prestashop_b2b: PrestaShop/PrestaShop pdf/invoice-b2b.tpl (the 1.5-era model: shop name, date and
  "Facture #FA..." top right; addresses indented; "Société / SIRET / APE" of a business customer; a narrow
  left column with order number, order date and payments; dark product header; right-aligned totals ending
  with "Total" and, when part is unpaid, "Reste à payer" in red; tax table below).
- woocommerce_simple: wpovernight/woocommerce-pdf-invoices-packing-slips templates/Simple/invoice.php (title
  left, shop name and address right; billing address, "Ship To" and the order-data table; product / quantity /
  price table with SKU; WooCommerce totals; footer text).
- magento2_invoice: Magento 2 app/code/Magento/Sales/Model/Order/Pdf/Invoice.php and AbstractPdf.php (store
  address top right, "Invoice # ...", grey "Order # ... Order Date:" band, "Sold to:"/"Ship to:",
  "Payment Method:"/"Shipping Method:", Products/SKU/Price/Qty/Tax/Subtotal, right-aligned totals; no invoice
  date or due date is printed by the default model).
- opencart_invoice: opencart/opencart admin/view/template/sale/order_invoice.twig ("Invoice #", "Order
  Details" with store contact left and Date Added / Invoice No. / Order ID / Payment Method right, payment and
  shipping addresses, Product/Model/Quantity/Unit Price/Total, Sub-Total / shipping / VAT / Total).
- sylius_invoice: Sylius/InvoicingPlugin templates/Invoice/Download/pdf.html.twig (number like
  2026/01/000000042, "Issued at" with time, order number, Seller and Buyer tables, per-line net/tax/gross
  columns, tax summary and totals).
"""

from __future__ import annotations

import random
import string
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_a.data import (
    Invoice,
    country_name,
    fmt_date,
    fmt_qty,
    make_invoice,
    money,
    person_name,
    q,
    rate_label,
    truth,
)
from benchmarks.generated_software_a.page import Col, Page, label_rows, table

GREY_BG = (0.94, 0.94, 0.94)
PS_GREY = (0.27, 0.27, 0.27)


def _shop(rng: random.Random, lang: str, country: str, currency: str = "EUR", b2b: float = 0.3) -> Invoice:
    inv = make_invoice(
        rng,
        lang=lang,
        seller_country=country,
        currency=currency,
        number="",
        lines=(1, 6),
        single_rate=True,
        buyer_company=False,
    )
    if rng.random() < b2b:
        inv.extras["buyer_company"] = inv.buyer.name = make_company_name(rng, inv)
    else:
        inv.buyer.name = person_name(rng, inv.buyer.country)
        inv.buyer.vat_id = None
    inv.shipping = Decimal(rng.choice(["0", "4.90", "6.58", "9.90", "12.50"]))
    for ln in inv.lines:  # shop baskets, not B2B service lines
        ln.unit_price = q(ln.unit_price / 8)
    return inv


def make_company_name(rng: random.Random, inv: Invoice) -> str:
    from benchmarks.generated_software_a.data import make_party

    other = make_party(rng, inv.buyer.country)
    inv.buyer.vat_id = other.vat_id
    return other.name


def prestashop_invoice(rng: random.Random, out: Path) -> dict[str, str]:
    inv = _shop(rng, "fr", "FR")
    inv.number = f"FA{rng.randint(1, 99999):06d}"
    order_ref = "".join(rng.choice(string.ascii_uppercase) for _ in range(9))
    order_date = inv.issue
    page = Page(out, title=f"#{inv.number}")
    s = inv.seller
    page.logo(12, 12, s.name, (0.15, 0.45, 0.7))
    page.text(198, 12, "FACTURE", 14, bold=True, align="R", color=PS_GREY)
    page.text(198, 19, fmt_date(inv.issue, "d/m/Y"), 14, align="R", color=(0.62, 0.62, 0.62))
    page.text(198, 26, f"#{inv.number}", 14, align="R", color=(0.62, 0.62, 0.62))
    b = inv.buyer
    who = [b.name] if "buyer_company" not in inv.extras else [person_name(rng, b.country), b.name]
    addr = [*who, b.street, f"{b.zip} {b.city}", country_name(b.country, "fr"), b.phone]
    page.text(12, 42, "Adresse de livraison", 9, bold=True)
    page.block(12, 47, addr, 8.5, leading=4)
    page.text(110, 42, "Adresse de facturation", 9, bold=True)
    page.block(110, 47, addr, 8.5, leading=4)
    heads = ["Numéro de facture", "Date de facturation", "Référence de commande", "Date de commande"]
    vals = [f"#{inv.number}", fmt_date(inv.issue, "d/m/Y"), order_ref, fmt_date(order_date, "d/m/Y")]
    if b.vat_id:
        heads.append("Numéro de TVA")
        vals.append(b.vat_id)
    cw = 186 / len(heads)
    for i, (h, v) in enumerate(zip(heads, vals, strict=True)):
        page.rect(12 + i * cw, 78, cw, 6, fill=GREY_BG, stroke=(1, 1, 1))
        page.text(12 + i * cw + cw / 2, 79.5, h, 7.5, bold=True, align="C")
        page.text(12 + i * cw + cw / 2, 86, v, 8, align="C")
    rate = next(iter(inv.vat_by_rate()))
    cols = [
        Col("Référence", 26),
        Col("Produit", 70),
        Col("Taux de taxe", 20, "C"),
        Col("Prix unitaire (HT)", 26, "R"),
        Col("Qté", 14, "C"),
        Col("Total (HT)", 30, "R"),
    ]
    rows = [
        [
            ln.ref,
            ln.label,
            f"{rate_label(ln.vat_rate, 'fr')} %",
            money(ln.unit_price, "fr", "EUR"),
            fmt_qty(ln.qty, "fr"),
            money(ln.total, "fr", "EUR"),
        ]
        for ln in inv.lines
    ]
    y = table(page, 12, 96, cols, rows, size=8, header_fill=GREY_BG, grid=True)
    y += 6
    page.rect(12, y, 90, 6, fill=GREY_BG, stroke=None)
    for x, h in ((13, "Détail des taxes"), (50, "Taux de taxe"), (70, "Prix de base"), (88, "Total taxes")):
        page.text(x, y + 1.5, h, 7.5, bold=True)
    base, tax = inv.vat_by_rate()[rate]
    page.text(13, y + 8, "Produits", 8)
    page.text(50, y + 8, f"{rate_label(rate, 'fr')} %", 8)
    page.text(70, y + 8, money(base, "fr", "EUR"), 8)
    page.text(88, y + 8, money(tax, "fr", "EUR"), 8)
    page.rect(12, y + 16, 90, 6, fill=GREY_BG, stroke=None)
    page.text(13, y + 17.5, "Moyen de paiement", 7.5, bold=True)
    page.text(13, y + 24, rng.choice(["Carte bancaire", "Virement bancaire", "PayPal"]), 8)
    page.text(70, y + 24, money(inv.gross, "fr", "EUR"), 8)
    ship = money(inv.shipping, "fr", "EUR") if inv.shipping else "Livraison gratuite"
    rows2 = [
        ("Total produits", money(inv.net - inv.shipping, "fr", "EUR")),
        ("Frais de livraison", ship),
        ("Total (HT)", money(inv.net, "fr", "EUR")),
        ("Total taxes", money(inv.tax, "fr", "EUR")),
        ("Total (TTC)", money(inv.gross, "fr", "EUR")),
    ]
    for i, (label, value) in enumerate(rows2):
        page.rect(110, y + i * 6, 58, 6, fill=GREY_BG, stroke=(1, 1, 1))
        page.text(112, y + i * 6 + 1.5, label, 8, bold=True)
        page.text(196, y + i * 6 + 1.5, value, 8, align="R")
    capital = f"{s.capital:,}".replace(",", " ")
    foot = [
        f"{s.name} - {s.street} - {s.zip} {s.city} - France",
        "Pour toute assistance, merci de contacter le support :",
        f"Tél. : {s.phone}",
        f"{s.legal_form} au capital de {capital} € - RCS {s.city} {s.siren} - SIRET {s.siret} - "
        f"TVA intracommunautaire : {s.vat_id}",
    ]
    page.block(100, 270, foot, 6.5, leading=3, align="C", color=PS_GREY)
    page.text(198, 276, "1 / 1", 8, align="R", color=PS_GREY)
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siren",
        "seller_siret",
        "buyer_name",
        "buyer_vat_id",
    )


def woocommerce_simple(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["fr", "fr", "en"])
    country = "FR" if lang == "fr" else rng.choice(["GB", "NL", "DE"])
    cur = "GBP" if country == "GB" else "EUR"
    inv = _shop(rng, lang, country, cur, b2b=0.15)
    inv.number = rng.choice(
        [
            f"{rng.randint(100, 9999)}",
            f"F-{inv.issue:%Y}-{rng.randint(1, 999):04d}",
            f"WC{rng.randint(10000, 99999)}",
        ]
    )
    style = "fr" if lang == "fr" else ("en" if cur == "GBP" else "de")
    where = "after" if lang == "fr" else "before"

    def m(v: Decimal) -> str:
        return money(v, style, cur, where)

    w = {
        "fr": (
            "Facture",
            "Expédier à :",
            "Numéro de facture :",
            "Date de facture :",
            "Numéro de commande :",
            "Date de commande :",
            "Moyen de paiement :",
            "Produit",
            "Quantité",
            "Prix",
            "Sous-total :",
            "Expédition :",
            "TVA :",
            "Total :",
            "UGS :",
            "via",
            "Livraison gratuite",
        ),
        "en": (
            "Invoice",
            "Ship To:",
            "Invoice Number:",
            "Invoice Date:",
            "Order Number:",
            "Order Date:",
            "Payment Method:",
            "Product",
            "Quantity",
            "Price",
            "Subtotal:",
            "Shipping:",
            "VAT:",
            "Total:",
            "SKU:",
            "via",
            "Free shipping",
        ),
    }[lang]
    date_style = "long-fr" if lang == "fr" else "us-long"
    page = Page(out, title=w[0])
    s, b = inv.seller, inv.buyer
    page.text(15, 15, w[0], 20)
    page.text(110, 15, s.name, 11, bold=True)
    page.block(110, 21, [s.street, f"{s.zip} {s.city}", s.email], 8.5, leading=4)
    page.block(
        15,
        45,
        [b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, lang), b.email],
        9,
        leading=4.4,
    )
    if rng.random() < 0.5:
        page.text(80, 45, w[1], 9, bold=True)
        page.block(80, 50, [b.name, b.street, f"{b.zip} {b.city}"], 9, leading=4.4)
    order_no = str(rng.randint(1000, 9999))
    data = [
        (w[2], inv.number),
        (w[3], fmt_date(inv.issue, date_style)),
        (w[4], order_no),
        (w[5], fmt_date(inv.issue, date_style)),
        (
            w[6],
            rng.choice(["Stripe", "PayPal", "Virement bancaire" if lang == "fr" else "Direct bank transfer"]),
        ),
    ]
    label_rows(page, 132, 196, 45, data, size=8.5, step=4.5)
    rows = [[ln.label, fmt_qty(ln.qty, "en"), m(ln.total)] for ln in inv.lines]
    y = 80.0
    page.rect(15, y, 180, 6, fill=(0, 0, 0), stroke=None)
    page.text(17, y + 1.5, w[7], 9, bold=True, color=(1, 1, 1))
    page.text(150, y + 1.5, w[8], 9, bold=True, color=(1, 1, 1), align="C")
    page.text(193, y + 1.5, w[9], 9, bold=True, color=(1, 1, 1), align="R")
    y += 9
    for ln, row in zip(inv.lines, rows, strict=True):
        page.text(17, y, ln.label, 9)
        page.text(17, y + 4, f"{w[14]} {ln.ref}", 7, color=(0.4, 0.4, 0.4))
        page.text(150, y, row[1], 9, align="C")
        page.text(193, y, row[2], 9, align="R")
        page.hline(15, 195, y + 8, color=(0.8, 0.8, 0.8), width=0.3)
        y += 10
    ship = f"{m(inv.shipping)} {w[15]} Colissimo" if inv.shipping else w[16]
    rate = next(iter(inv.vat_by_rate()))
    vat_label = (
        w[12].replace(" :", f" {rate_label(rate, style)} % :")
        if lang == "fr"
        else f"VAT {rate_label(rate, 'en')}%:"
    )
    totals = [
        (w[10], m(inv.net - inv.shipping)),
        (w[11], ship),
        (vat_label, m(inv.tax)),
        (w[13], m(inv.gross)),
    ]
    label_rows(page, 120, 193, y + 4, totals, size=9, step=6, bold_last=True)
    foot = (
        f"{s.name} - {s.legal_form} au capital de {s.capital} € - SIRET {s.siret} - TVA {s.vat_id}"
        if country == "FR"
        else f"{s.name} - {s.street}, {s.city}" + (f" - VAT {s.vat_id}" if s.vat_id else "")
    )
    page.hline(15, 195, 276, color=(0, 0, 0), width=0.3)
    page.text(105, 278, foot, 7, align="C")
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "currency",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siret",
        "buyer_name",
    )


def magento2_invoice(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "en", "de"])
    country = "GB" if lang == "en" and rng.random() < 0.5 else ("DE" if lang == "de" else "NL")
    cur = "GBP" if country == "GB" else "EUR"
    inv = _shop(rng, lang, country, cur, b2b=0.2)
    inv.number = f"{rng.choice(['0000', '1000', '2000'])}{rng.randint(100, 99999):05d}"
    style = "en" if lang == "en" else "de"
    where = "before" if lang == "en" else "after"

    def m(v: Decimal) -> str:
        return money(v, style, cur, where)

    w = {
        "en": (
            "Invoice # ",
            "Order # ",
            "Order Date: ",
            "Sold to:",
            "Ship to:",
            "Payment Method:",
            "Shipping Method:",
            ["Products", "SKU", "Price", "Qty", "Tax", "Subtotal"],
            "Subtotal:",
            "Shipping & Handling:",
            "Tax:",
            "Grand Total:",
            "Check / Money order",
            "Flat Rate - Fixed",
            "(Total Shipping Charges {x})",
        ),
        "de": (
            "Rechnung # ",
            "Bestellung # ",
            "Bestelldatum: ",
            "Verkauft an:",
            "Versand an:",
            "Zahlungsmethode:",
            "Versandart:",
            ["Artikel", "Artikelnummer", "Preis", "Anz.", "Steuer", "Zwischensumme"],
            "Zwischensumme:",
            "Versand & Bearbeitung:",
            "Steuer:",
            "Gesamtbetrag:",
            "Vorkasse",
            "Pauschal - Fest",
            "(Gesamte Versandkosten {x})",
        ),
    }[lang]
    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.logo(25, 12, s.name, (0.9, 0.45, 0.1))
    store = [s.name, s.street, f"{s.zip} {s.city}", country_name(s.country, lang), s.phone]
    if s.vat_id:
        store.append(f"{'VAT' if lang == 'en' else 'USt-IdNr.'}: {s.vat_id}")
    page.block(185, 12, store, 7.5, leading=3.6, align="R")
    page.text(25, 42, w[0] + inv.number, 10)
    page.rect(25, 48, 160, 12, fill=(0.45, 0.45, 0.45), stroke=None)
    order_no = f"000{rng.randint(10000, 99999)}"
    page.text(28, 49.5, w[1] + order_no, 9, color=(1, 1, 1))
    page.text(
        28, 54.5, w[2] + fmt_date(inv.issue, "short-en" if lang == "en" else "d.m.Y"), 9, color=(1, 1, 1)
    )
    page.rect(25, 60, 160, 6, fill=(0.93, 0.93, 0.93), stroke=(0.6, 0.6, 0.6))
    page.text(28, 61.5, w[3], 9, bold=True)
    page.text(108, 61.5, w[4], 9, bold=True)
    addr = [b.name, b.street, f"{b.city}, {b.zip}", country_name(b.country, lang), f"T: {b.phone}"]
    page.block(28, 69, addr, 8.5, leading=4)
    page.block(108, 69, addr, 8.5, leading=4)
    page.rect(25, 92, 160, 6, fill=(0.93, 0.93, 0.93), stroke=(0.6, 0.6, 0.6))
    page.text(28, 93.5, w[5], 9, bold=True)
    page.text(108, 93.5, w[6], 9, bold=True)
    page.text(28, 101, w[12], 8.5)
    page.text(108, 101, w[13], 8.5)
    page.text(108, 105, w[14].format(x=m(inv.shipping)), 8.5)
    rate = next(iter(inv.vat_by_rate()))
    h = w[7]
    cols = [
        Col(h[0], 60),
        Col(h[1], 28),
        Col(h[2], 20, "R"),
        Col(h[3], 12, "R"),
        Col(h[4], 18, "R"),
        Col(h[5], 22, "R"),
    ]
    rows = [
        [ln.label, ln.ref, m(ln.unit_price), fmt_qty(ln.qty, "en"), m(ln.total * rate / 100), m(ln.total)]
        for ln in inv.lines
    ]
    y = table(page, 25, 114, cols, rows, size=8, header_fill=(0.93, 0.93, 0.93))
    totals = [
        (w[8], m(inv.net - inv.shipping)),
        (w[9], m(inv.shipping)),
        (w[10], m(inv.tax)),
        (w[11], m(inv.gross)),
    ]
    label_rows(page, 150, 184, y + 6, totals, size=9, step=5.5, bold_last=True, label_align="R")
    page.save()
    return truth(
        inv,
        "invoice_number",
        "currency",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
    )


def opencart_invoice(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr"])
    country = "FR" if lang == "fr" else "GB"
    cur = "EUR" if lang == "fr" else "GBP"
    inv = _shop(rng, lang, country, cur, b2b=0.0)
    inv.number = f"INV-{inv.issue:%Y}-{rng.randint(0, 99):02d}{rng.randint(1, 999)}"
    style = "en" if lang == "en" else "fr"
    where = "before" if lang == "en" else "after"

    def m(v: Decimal) -> str:
        return money(v, style, cur, where)

    w = {
        "en": (
            "Invoice",
            "Order Details",
            "Telephone",
            "E-Mail",
            "Web Site",
            "Date Added",
            "Invoice No.",
            "Order ID",
            "Payment Method",
            "Shipping Method",
            "Payment Address",
            "Shipping Address",
            ["Product", "Model", "Quantity", "Unit Price", "Total"],
            "Sub-Total",
            "Flat Shipping Rate",
            "VAT",
            "Total",
            "Cash On Delivery",
            "Flat Shipping Rate",
        ),
        "fr": (
            "Facture",
            "Détails de la commande",
            "Téléphone",
            "E-mail",
            "Site web",
            "Date d'ajout",
            "N° de facture",
            "N° de commande",
            "Mode de paiement",
            "Mode de livraison",
            "Adresse de paiement",
            "Adresse de livraison",
            ["Produit", "Modèle", "Quantité", "Prix unitaire", "Total"],
            "Sous-total",
            "Livraison forfaitaire",
            "TVA",
            "Total",
            "Virement bancaire",
            "Livraison forfaitaire",
        ),
    }[lang]
    page = Page(out, title=w[0])
    s, b = inv.seller, inv.buyer
    order_id = str(rng.randint(100, 9999))
    page.text(15, 12, f"{w[0]} #{order_id}", 16, bold=True)
    page.rect(15, 24, 180, 6, fill=(0.93, 0.93, 0.93), stroke=(0.8, 0.8, 0.8))
    page.text(17, 25.5, w[1], 9, bold=True)
    store = [
        s.name,
        s.street,
        f"{s.zip} {s.city}",
        f"{w[2]} {s.phone}",
        f"{w[3]} {s.email}",
        f"{w[4]} {s.web}",
    ]
    page.block(17, 33, store, 8.5, leading=4.2, bold_first=True)
    data = [
        (f"{w[5]}", fmt_date(inv.issue, "d/m/Y")),
        (f"{w[6]}", inv.number),
        (f"{w[7]}", order_id),
        (f"{w[8]}", w[17]),
        (f"{w[9]}", w[18]),
    ]
    label_rows(page, 105, 193, 33, data, size=8.5, step=4.2)
    page.rect(15, 62, 180, 6, fill=(0.93, 0.93, 0.93), stroke=(0.8, 0.8, 0.8))
    page.text(17, 63.5, w[10], 9, bold=True)
    page.text(107, 63.5, w[11], 9, bold=True)
    addr = [b.name, b.street, f"{b.city} {b.zip}", country_name(b.country, lang)]
    page.block(17, 71, addr, 8.5, leading=4.2)
    page.block(107, 71, addr, 8.5, leading=4.2)
    h = w[12]
    cols = [Col(h[0], 70), Col(h[1], 30), Col(h[2], 22, "R"), Col(h[3], 29, "R"), Col(h[4], 29, "R")]
    rows = [[ln.label, ln.ref, fmt_qty(ln.qty, "en"), m(ln.unit_price), m(ln.total)] for ln in inv.lines]
    y = table(page, 15, 92, cols, rows, size=8.5, header_fill=(0.93, 0.93, 0.93), grid=True)
    rate = next(iter(inv.vat_by_rate()))
    totals = [
        (w[13], m(inv.net - inv.shipping)),
        (w[14], m(inv.shipping)),
        (f"{w[15]} ({rate_label(rate, 'en')}%)", m(inv.tax)),
        (w[16], m(inv.gross)),
    ]
    label_rows(page, 163, 193, y + 2, totals, size=8.5, step=5, label_align="R", bold_last=True)
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "currency",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "buyer_name",
    )


def sylius_invoice(rng: random.Random, out: Path) -> dict[str, str]:
    lang = rng.choice(["en", "fr", "fr", "de"])
    country = {"en": "NL", "fr": "FR", "de": "DE"}[lang]
    inv = _shop(rng, lang, country, "EUR", b2b=0.5)
    inv.number = f"{inv.issue:%Y/%m}/{rng.randint(1, 9999):09d}"
    style = {"en": "en", "fr": "fr", "de": "de"}[lang]
    w = {
        "en": (
            "Invoice",
            "Issued at",
            "Order number",
            "Seller",
            "Buyer",
            "VAT number",
            ["No.", "Name", "Qty", "Unit net price", "Net value", "Tax rate", "Tax amount", "Gross value"],
            "Tax rate",
            "Tax amount",
            "Net value",
            "Taxes total",
            "Total",
        ),
        "fr": (
            "Facture",
            "Émise le",
            "Numéro de commande",
            "Vendeur",
            "Acheteur",
            "Numéro de TVA",
            ["N°", "Nom", "Qté", "Prix unitaire HT", "Valeur HT", "Taux TVA", "Montant TVA", "Valeur TTC"],
            "Taux TVA",
            "Montant TVA",
            "Valeur HT",
            "Total taxes",
            "Total",
        ),
        "de": (
            "Rechnung",
            "Ausgestellt am",
            "Bestellnummer",
            "Verkäufer",
            "Käufer",
            "USt-IdNr.",
            [
                "Nr.",
                "Name",
                "Menge",
                "Netto-Stückpreis",
                "Nettowert",
                "Steuersatz",
                "Steuerbetrag",
                "Bruttowert",
            ],
            "Steuersatz",
            "Steuerbetrag",
            "Nettowert",
            "Steuern gesamt",
            "Gesamt",
        ),
    }[lang]

    def m(v: Decimal) -> str:
        return money(v, style, "EUR", "none")

    page = Page(out, title=inv.number)
    s, b = inv.seller, inv.buyer
    page.text(15, 15, f"{w[0]} {inv.number}", 15, bold=True)
    page.text(
        15,
        24,
        f"{w[1]}: {inv.issue:%Y-%m-%d} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}:"
        f"{rng.randint(0, 59):02d}",
        9,
    )
    page.text(15, 29, f"{w[2]}: #{rng.randint(1, 99999):09d}", 9)
    for x, head, p, vat in ((15, w[3], s, s.vat_id), (110, w[4], b, b.vat_id)):
        page.rect(x, 38, 85, 6, fill=(0.9, 0.9, 0.9), stroke=(0.7, 0.7, 0.7))
        page.text(x + 2, 39.5, head, 9, bold=True)
        lines = [p.name, p.street, f"{p.zip} {p.city}", country_name(p.country, lang)]
        if vat:
            lines.append(f"{w[5]}: {vat}")
        page.block(x + 2, 47, lines, 8.5, leading=4.2)
    h = w[6]
    cols = [
        Col(h[0], 9),
        Col(h[1], 52),
        Col(h[2], 12, "R"),
        Col(h[3], 22, "R"),
        Col(h[4], 22, "R"),
        Col(h[5], 16, "R"),
        Col(h[6], 22, "R"),
        Col(h[7], 25, "R"),
    ]
    rows = []
    for i, ln in enumerate(inv.lines):
        tax = (ln.total * ln.vat_rate / 100).quantize(Decimal("0.01"))
        rows.append(
            [
                str(i + 1),
                ln.label,
                fmt_qty(ln.qty, "en"),
                m(ln.unit_price),
                m(ln.total),
                f"{rate_label(ln.vat_rate, style)}%",
                m(tax),
                m(ln.total + tax),
            ]
        )
    if inv.shipping:
        tax = (inv.shipping * ln.vat_rate / 100).quantize(Decimal("0.01"))
        rows.append(
            [
                str(len(rows) + 1),
                "UPS" if lang != "fr" else "Colissimo",
                "1",
                m(inv.shipping),
                m(inv.shipping),
                f"{rate_label(ln.vat_rate, style)}%",
                m(tax),
                m(inv.shipping + tax),
            ]
        )
    y = table(page, 15, 78, cols, rows, size=7.5, header_fill=(0.9, 0.9, 0.9), grid=True)
    y += 5
    rate = next(iter(inv.vat_by_rate()))
    page.text(110, y, w[7], 8, bold=True)
    page.text(160, y, w[8], 8, bold=True)
    page.text(110, y + 5, f"{rate_label(rate, style)}%", 8)
    page.text(160, y + 5, m(inv.tax), 8)
    y += 13
    totals = [(w[9], m(inv.net)), (w[10], m(inv.tax)), (w[11], f"{m(inv.gross)} EUR")]
    label_rows(page, 110, 195, y, totals, size=9, step=5.5, bold_last=True)
    page.save()
    return truth(
        inv,
        "invoice_number",
        "issue_date",
        "currency",
        "total_excl_tax",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "buyer_name",
        "buyer_vat_id",
    )


def prestashop_b2b(rng: random.Random, out: Path) -> dict[str, str]:
    inv = _shop(rng, "fr", "FR", b2b=1.0)
    inv.number = f"FA{rng.randint(1, 99999):06d}"
    if rng.random() < 0.4:
        inv.paid = q(inv.gross * Decimal(rng.choice([30, 50])) / 100)

    def m(v: Decimal) -> str:
        return money(v, "fr", "EUR")

    page = Page(out, title=f"#{inv.number}")
    s, b = inv.seller, inv.buyer
    grey = (0.62, 0.62, 0.62)
    page.logo(12, 10, s.name, (0.6, 0.2, 0.4))
    page.text(198, 10, s.name, 11, bold=True, align="R", color=PS_GREY)
    page.text(198, 16, fmt_date(inv.issue, "d/m/Y"), 10, align="R", color=grey)
    page.text(198, 22, f"Facture #{inv.number}", 10, align="R", color=grey)
    contact = person_name(rng, b.country)
    addr = [contact, b.name, b.street, f"{b.zip} {b.city}", country_name(b.country, "fr")]
    page.text(42, 36, "Adresse de livraison", 10, bold=True, color=grey)
    page.block(42, 41, addr, 8, leading=3.7)
    page.text(120, 36, "Adresse de facturation", 10, bold=True, color=grey)
    page.block(120, 41, addr, 8, leading=3.7)
    siret_b = b.siret or ""
    page.block(
        42,
        64,
        [f"Société : {b.name}", f"SIRET : {siret_b}", f"APE : {rng.randint(10, 96)}.{rng.randint(10, 99)}Z"],
        8,
        leading=3.7,
    )
    order_ref = "".join(rng.choice(string.ascii_uppercase) for _ in range(9))
    left = [
        "Numéro de commande :",
        order_ref,
        "",
        "Date de commande :",
        fmt_date(inv.issue, "d/m/Y"),
        "",
        "Mode de paiement :",
        rng.choice(["Virement bancaire", "Chèque", "Carte bancaire"]),
    ]
    page.block(40, 80, left, 7, leading=3.4, align="R")
    if inv.paid:
        page.text(40, 80 + 8 * 3.4, m(inv.paid), 7, align="R")
    cols = [
        Col("Produit / Référence", 70),
        Col("Prix unitaire HT", 26, "R"),
        Col("Remise", 18, "R"),
        Col("Qté", 14, "C"),
        Col("Total", 28, "R"),
    ]
    rows = [
        [f"{ln.label} (Référence : {ln.ref})", m(ln.unit_price), "--", fmt_qty(ln.qty, "fr"), m(ln.total)]
        for ln in inv.lines
    ]
    y = table(
        page, 42, 80, cols, rows, size=7.5, header_fill=(0.3, 0.3, 0.3), header_color=(1, 1, 1), pad=2.2
    )
    sums = [
        ("Total produits HT", m(inv.net - inv.shipping)),
        ("Total produits TTC", m(q((inv.net - inv.shipping) * (1 + next(iter(inv.vat_by_rate())) / 100)))),
    ]
    if inv.shipping:
        sums.append(("Frais de port", m(inv.shipping)))
    sums += [("Total taxes", m(inv.tax)), ("Total", m(inv.gross))]
    y = label_rows(page, 168, 198, y + 2, sums, size=8, step=4.4, label_align="R")
    if inv.paid:
        page.text(168, y, "Reste à payer", 8, bold=True, align="R", color=(0.85, 0, 0))
        page.text(198, y, m(inv.balance), 8, align="R", color=(0.85, 0, 0))
        y += 4.4
    rate = next(iter(inv.vat_by_rate()))
    base, tax = inv.vat_by_rate()[rate]
    y += 6
    page.rect(42, y, 156, 5, fill=(0.3, 0.3, 0.3), stroke=None)
    for x, h in ((44, "Détail des taxes"), (100, "Taux de taxe"), (140, "Total HT"), (196, "Total taxes")):
        page.text(x, y + 1.2, h, 7.5, bold=True, color=(1, 1, 1), align="R" if x == 196 else "L")
    page.text(44, y + 7, "Produits", 7.5)
    page.text(100, y + 7, f"{rate_label(rate, 'fr')} %", 7.5)
    page.text(140, y + 7, m(base), 7.5)
    page.text(196, y + 7, m(tax), 7.5, align="R")
    foot = [
        f"{s.name} - {s.street} - {s.zip} {s.city}",
        f"Pour toute assistance, merci de contacter le support : Tél. : {s.phone}",
        f"SIRET : {s.siret} - TVA intracommunautaire : {s.vat_id}",
    ]
    page.block(100, 272, foot, 6.5, leading=3, align="C", color=PS_GREY)
    page.save()
    keys = [
        "invoice_number",
        "issue_date",
        "currency",
        "total_tax",
        "total_incl_tax",
        "seller_name",
        "seller_vat_id",
        "seller_siret",
        "buyer_name",
    ]
    if inv.paid:
        keys.append("amount_due")
    keys.append("total_excl_tax")  # the tax table's "Total HT" includes shipping
    return truth(inv, *keys)
