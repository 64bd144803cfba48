"""Invoices issued by online platforms to French businesses: hosting, marketplace, retail, cloud suites."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from benchmarks.generated_software_b.data import CENT, Truth, fmt_amount, issue_date, lines, party, totals
from benchmarks.generated_vendor_d.common import (
    centred_footer,
    d,
    eur,
    line,
    price,
    qty_text,
    ref,
    spaced_vat,
)
from benchmarks.generated_vendor_d.page import Page

OVH_PRODUCTS = [
    "VPS Comfort",
    "Serveur dédié Rise-2",
    "Hébergement Pro",
    "Nom de domaine .fr",
    "Public Cloud - instances",
]
SUITE_PLANS = ["Workspace Business Standard", "Workspace Business Plus", "Microsoft 365 Business Premium"]


def cloud_ovh_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A French hosting provider's invoice (OVHcloud style), after invoice2data's de/de.ovh.yml (the German
    variant: 'Datum: dd-mm-yyyy', 'Quittierte Rechnung', 'Gesamtbetrag inkl. MwSt') and public OVHcloud
    invoice descriptions: provider block top-left, 'Facture' with its FR-prefixed number, 'Identifiant
    client' (nic handle), the provider's own order number, services with their period, and a paid stamp."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    seller.name = rng.choice(["Nuvola", "Hebergix", "Cloudaxe"]) + " SAS"
    issued = issue_date(rng)
    number = ref(rng, rng.choice(["FR99999999", "FR9999999"]))
    nic = ref(rng, "aa99999-ovh").replace("aa", rng.choice(["jd", "mb", "xk", "cl"]))
    order = ref(rng, "999999999")
    items = [
        line(
            f"{rng.choice(OVH_PRODUCTS)}"
            f" - du {d(issued)} au {d(issued + timedelta(days=rng.choice([29, 30, 364])))}",
            rng.choice([1, 1, 2, 12]),
            price(rng, 1, 120),
            "20",
        )
        for _ in range(rng.randint(1, 9))
    ]
    t = totals(items)
    de_style = rng.random() < 0.4
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} au capital de 50 000 000 € - {seller.rcs} - Code APE 6311Z - "
                f"N° TVA : {spaced_vat(seller.vat)}",
                f"Siège social : {seller.street}, {seller.zip} {seller.city}",
            ]
        ),
    )
    page.t(15, 20, seller.name.split()[0].upper() + "cloud", 16, bold=True)
    page.lines(15, 28, [seller.name, *seller.address(), "Tél : 1007"], 8)
    page.t(195, 20, "Facture", 18, bold=True, align="r")
    page.kv(
        130,
        32,
        [
            ("N° :", number),
            ("Date :", d(issued, "d-m-Y" if de_style else "d/m/Y")),
            ("Identifiant client :", nic),
            ("Bon de commande n° :", order),
        ],
        32,
        9,
    )
    page.lines(
        120, 60, ["Facturé à", buyer.name, buyer.contact, *buyer.address(), f"N° TVA : {buyer.vat}"], 9
    )
    cols = [
        ("Description", 100.0, "l"),
        ("Quantité", 20.0, "r"),
        ("Prix unitaire HT", 30.0, "r"),
        ("Total HT", 30.0, "r"),
    ]
    rows = [[i.desc, qty_text(i.qty), eur(i.price, "plain"), eur(i.net, "plain")] for i in items]
    y = page.table(15, 100, cols, rows, size=8)
    y = page.kv(
        120,
        y + 4,
        [
            ("Total HT", eur(t.net, "plain")),
            ("TVA 20 %", eur(t.tax, "plain")),
            ("Total TTC", eur(t.gross, "plain")),
        ],
        0,
        9.5,
        value_align="r",
        value_x=195,
    )
    page.box(15, y + 4, 90, 14, fill=0.92)
    page.t(18, y + 10, f"FACTURE ACQUITTÉE - payée le {d(issued)} par carte bancaire", 8, bold=True)
    page.t(18, y + 15, f"Référence de paiement : {ref(rng, '99999999999')}", 8)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.seller(seller, siren=True)
    truth.buyer(buyer, vat=True)
    return truth.values


def marketplace_amazon_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A marketplace seller's invoice (Amazon 'Facture' style), after invoice2data's es/es.amazon.yml ('Número
    de la factura', 'Vendido por ... IVA', per-rate '(IVA excluido)' lines, delivery date) and public Amazon
    Business invoice descriptions: 'Vendu par' with the seller's VAT number, billing and delivery addresses,
    order number 999-9999999-9999999, order/delivery dates, unit prices HT and TTC, 'Total à payer'."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    ordered = issued - timedelta(days=rng.randint(1, 6))
    number = ref(rng, rng.choice(["FR999?????9?", "FR5???999???"]))
    order = ref(rng, "999-9999999-9999999")
    items = lines(rng, "fr", "FR", rng.randint(1, 6), one_rate=True)
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                "Cette facture est émise au nom et pour le compte du vendeur.",
                "Payé via Amazon. Aucun paiement supplémentaire n'est dû.",
            ],
            page_label="Page {n} de 1",
        ),
    )
    page.t(15, 18, "amazon.fr", 18, bold=True)
    page.t(195, 18, "Facture", 16, bold=True, align="r")
    page.t(195, 25, f"Payé   Numéro de référence du paiement {ref(rng, '?????????????')}", 7, align="r")
    page.lines(15, 34, [f"Vendu par {seller.name}", *seller.address(), f"TVA {seller.vat}"], 8.5)
    page.kv(
        120,
        34,
        [
            ("Date de la facture / Date de livraison", d(issued, "long")),
            ("Numéro de la facture", number),
            ("Total à payer", eur(t.gross)),
        ],
        55,
        8.5,
    )
    page.lines(15, 62, ["Adresse de facturation", buyer.name, *buyer.address(), "FR"], 8.5)
    ship = rng.choice([buyer.name, buyer.contact])
    page.lines(80, 62, ["Adresse de livraison", ship, *buyer.address(), "FR"], 8.5)
    page.lines(145, 62, ["Vendu par", seller.name, f"TVA # {seller.vat}"], 8.5)
    page.t(15, 92, "Informations de commande", 10, bold=True)
    page.kv(15, 98, [("Date de la commande", d(ordered, "d.m.Y")), ("Numéro de la commande", order)], 45, 8.5)
    cols = [
        ("Description", 70.0, "l"),
        ("Qté", 12.0, "r"),
        ("Prix unitaire (HT)", 28.0, "r"),
        ("Taux TVA", 18.0, "r"),
        ("Prix unitaire (TTC)", 27.0, "r"),
        ("Prix total (TTC)", 25.0, "r"),
    ]
    rows = [
        [
            f"{i.desc} | ASIN: {ref(rng, 'B09????99?')}",
            qty_text(i.qty),
            eur(i.price),
            "20%",
            eur((i.price * Decimal("1.2")).quantize(CENT)),
            eur((i.net * Decimal("1.2")).quantize(CENT)),
        ]
        for i in items
    ]
    y = page.table(15, 112, cols, rows, size=7.5)
    y = page.kv(
        110,
        y + 3,
        [("Total (HT)", eur(t.net)), ("TVA 20%", eur(t.tax)), ("Total", eur(t.gross))],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.t(15, y + 6, "Nous avons reçu votre paiement.", 8)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.seller(seller)
    truth.buyer(buyer)
    return truth.values


def retail_ldlc_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """An online electronics retailer's invoice or credit note (LDLC style), after invoice2data's
    fr/com.ldlc.yml ('N° de facture :', 'Date de facture :', 'Montant HT', 'Montant TVA', 'Montant TTC'):
    customer number, order number, delivery method, a totals column on the right. One in three is an
    'Avoir' that cites the original invoice."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    issued = issue_date(rng)
    credit = rng.random() < 0.35
    number = ref(rng, "AV99999999" if credit else "FA99999999")
    items = lines(rng, "fr", "FR", rng.randint(1, 3) if credit else rng.randint(2, 14), one_rate=True)
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [
                f"{seller.name} - SA au capital de {seller.capital} € - {seller.rcs} - "
                f"SIRET {seller.siret} - TVA : {spaced_vat(seller.vat)}"
            ]
        ),
    )
    page.t(15, 20, seller.name.split()[0].upper() + ".com", 16, bold=True)
    page.lines(15, 27, seller.address() + [f"Service client : {seller.phone}"], 8)
    title = "AVOIR" if credit else "FACTURE"
    page.t(120, 20, title, 16, bold=True)
    pairs = [
        ("N° d'avoir :" if credit else "N° de facture :", number),
        ("Date de facture :", d(issued)),
        ("N° client :", ref(rng, "9999999")),
        ("N° de commande :", ref(rng, "99999999")),
    ]
    if credit:
        pairs.append(("Facture d'origine :", ref(rng, "FA99999999")))
    page.kv(120, 28, pairs, 32, 9)
    page.lines(15, 58, ["Adresse de facturation", buyer.name, *buyer.address()], 9)
    page.lines(
        120, 58, ["Adresse de livraison", buyer.contact, *buyer.address(), "Livraison : Colissimo Pro"], 9
    )
    cols = [
        ("Référence", 25.0, "l"),
        ("Désignation", 85.0, "l"),
        ("Qté", 12.0, "r"),
        ("P.U. HT", 28.0, "r"),
        ("Total HT", 30.0, "r"),
    ]
    rows = [
        [ref(rng, "AR999999999"), i.desc, qty_text(i.qty), eur(i.price, "fr", "€"), eur(i.net)] for i in items
    ]
    y = page.table(15, 92, cols, rows, grid=True)
    page.box(125, y + 2, 70, 22)
    y = page.kv(
        128,
        y + 8,
        [("Montant HT", eur(t.net)), ("Montant TVA", eur(t.tax)), ("Montant TTC", eur(t.gross))],
        0,
        9,
        value_align="r",
        value_x=192,
        bold_values=True,
    )
    page.t(
        15,
        y + 6,
        "Mode de règlement : carte bancaire" if not credit else "Remboursement sur votre moyen de paiement",
        8,
    )
    page.t(15, y + 11, "Garantie constructeur 2 ans. Droit de rétractation 14 jours.", 7)
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.seller(seller, siren=True, siret=True)
    truth.buyer(buyer)
    return truth.values


def google_workspace_fr(rng: random.Random, path: Path) -> dict[str, str]:
    """A cloud-suite invoice issued from Ireland in French (Google Workspace / Microsoft 365 style), after
    invoice2data's fr/com.google.ie.yml and fr/com.microsoft.ie.yml: 'Facture', 'Numéro de facture', 'Date de
    facturation', billing and domain ids, a summary 'Récapitulatif pour la période', reverse-charge VAT
    at 0."""
    seller, buyer = party(rng, "FR"), party(rng, "FR")
    seller.name = rng.choice(["Nimbus Ireland Limited", "Cirrus Cloud Ireland Ltd"])
    seller.vat = "IE" + ref(rng, "9999999") + "A"  # printed only, not part of the truth
    issued = issue_date(rng)
    start = issued.replace(day=1) - timedelta(days=28)
    start = start.replace(day=1)
    end = issued.replace(day=1) - timedelta(days=1)
    number = ref(rng, "5999999999")
    seats = rng.randint(2, 60)
    items = [
        line(
            f"{rng.choice(SUITE_PLANS)} - Engagement annuel ({seats} utilisateurs)",
            seats,
            rng.choice(["11.70", "14.00", "20.60", "17.60"]),
            "0",
        )
    ]
    if rng.random() < 0.5:
        items.append(line("Stockage supplémentaire 2 To", 1, price(rng, 8, 40), "0"))
    t = totals(items)
    page = Page(
        path,
        centred_footer(
            [f"{seller.name}, Gordon House, Barrow Street, Dublin 4, Irlande"], page_label="Page {n} sur 1"
        ),
    )
    page.t(15, 20, "Facture", 20)
    page.kv(
        15,
        34,
        [
            ("Numéro de facture :", number),
            ("Date de facturation :", d(issued, "long")),
            ("ID de facturation :", ref(rng, "9999-9999-9999")),
            ("ID de domaine :", f"{buyer.web[4:]}"),
        ],
        38,
        9,
    )
    page.lines(120, 34, ["Facturer à", buyer.name, *buyer.address(), f"N° de TVA : {buyer.vat}"], 9)
    page.lines(
        15,
        62,
        [
            "Détails",
            seller.name,
            "Gordon House, Barrow Street",
            "Dublin 4, Irlande",
            f"N° de TVA : {seller.vat}",
        ],
        8.5,
    )
    page.box(120, 62, 75, 26, fill=0.95)
    page.t(124, 70, "Total en EUR", 10)
    page.t(191, 70, eur(t.gross, "fr", "€", before=False), 14, bold=True, align="r")
    page.t(124, 78, f"Récapitulatif pour la période du {d(start, 'long')}", 7.5)
    page.t(124, 83, f"au {d(end, 'long')}", 7.5)
    cols = [("Description", 110.0, "l"), ("Intervalle", 40.0, "l"), ("Montant (€)", 30.0, "r")]
    rows = [[i.desc, f"{d(start, 'd b. Y')} - {d(end, 'd b. Y')}", fmt_amount(i.net, "fr")] for i in items]
    y = page.table(15, 100, cols, rows, header_fill=None)
    y = page.kv(
        110,
        y + 3,
        [("Sous-total en EUR", eur(t.net)), ("TVA (0 %)", eur(t.tax)), ("Total en EUR", eur(t.gross))],
        0,
        9,
        value_align="r",
        value_x=195,
    )
    page.t(
        15, y + 6, "Autoliquidation - TVA due par le preneur, article 196 de la directive 2006/112/CE.", 7.5
    )
    page.t(
        15,
        y + 11,
        f"Ce montant sera débité automatiquement de votre carte se terminant par {ref(rng, '9999')}.",
        7.5,
    )
    page.save()
    truth = Truth()
    truth.text("invoice_number", number)
    truth.day("issue_date", issued)
    truth.amounts(t, "EUR")
    truth.text("seller_name", seller.name)
    truth.buyer(buyer, vat=True)
    return truth.values
