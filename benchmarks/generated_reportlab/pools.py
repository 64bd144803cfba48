"""Invented companies, streets and goods per country, and the builders of parties and line items."""

from __future__ import annotations

import random
from decimal import Decimal

from benchmarks.generated_reportlab.data import Item, Party, digits, iban, siren, siret, vat_id

COMPANIES = {
    "FR": [
        ["Menuiserie Rabier", "et Fils SARL"],
        ["SAS Quincaillerie du Lot"],
        ["Transports Garnier Frères"],
        ["Ets Vidal & Cie"],
        ["Boulangerie Industrielle", "de Bretagne SA"],
        ["Atelier Lemarchand SARL"],
        ["Société Nouvelle des", "Fonderies d'Ardèche"],
        ["Comptoir Pyrénéen", "de l'Emballage"],
        ["Imprimerie Delorme SAS"],
        ["Cabinet Brunet Conseil"],
        ["Électricité Générale Moulin"],
        ["Agrifournitures du Perche SCA"],
    ],
    "DE": [
        ["Schneider Antriebstechnik GmbH"],
        ["Bäckerei Hoffmann KG"],
        ["Meier & Söhne", "Maschinenbau GmbH"],
        ["Nordlicht Logistik AG"],
        ["Weber Elektro GmbH & Co. KG"],
    ],
    "IT": [
        ["Officine Meccaniche", "Rossetti S.r.l."],
        ["Tipografia Bianchi S.n.c."],
        ["Ferramenta Colombo S.p.A."],
    ],
    "ES": [
        ["Suministros Levante S.L."],
        ["Distribuciones García", "Hermanos S.A."],
        ["Talleres Ortega S.L.U."],
    ],
    "NL": [
        ["Van der Berg Installatietechniek B.V."],
        ["Bakkerij De Molen V.O.F."],
        ["Jansen Transport B.V."],
    ],
    "BE": [["Brasserie Vandamme SPRL"], ["Imprimerie Peeters NV"], ["Lambert & Claes SA"]],
    "LU": [["Fiduciaire Kremer S.à r.l."], ["Garage Weis S.A."], ["Toiture Muller S.à r.l."]],
    "CA": [
        ["Les Entreprises Tremblay inc."],
        ["Plomberie Gagnon ltée"],
        ["Services Informatiques", "Bouchard inc."],
    ],
    "MA": [
        ["Société Atlas Équipement SARL"],
        ["Comptoir Marocain du Bâtiment SA"],
        ["Bennani Frères Distribution"],
    ],
    "GB": [["Harrison & Webb Ltd"], ["Northern Fixings Limited"], ["Oakfield Print Services Ltd"]],
    "US": [["Bluewater Supply Co."], ["Granite Peak Software, Inc."], ["Hudson Valley Fasteners LLC"]],
    "CH": [["Brunner Haustechnik AG"], ["Keller Druck GmbH"]],
}

PLACES = {
    "FR": [
        ("12 rue des Tanneurs", "46000 Cahors"),
        ("ZI des Sables, 4 allée Volta", "44300 Nantes"),
        ("87, avenue Jean Jaurès", "69007 Lyon"),
        ("Lieu-dit La Brosse", "28400 Nogent-le-Rotrou"),
        ("3 bis chemin du Moulin", "07200 Aubenas"),
        ("Parc d'activités du Lac, bât. C", "33520 Bruges"),
    ],
    "DE": [
        ("Industriestraße 14", "70565 Stuttgart"),
        ("Am Hafen 3", "28217 Bremen"),
        ("Lindenweg 27a", "90431 Nürnberg"),
    ],
    "IT": [("Via Emilia 221", "40068 San Lazzaro di Savena (BO)"), ("Corso Francia 15", "10138 Torino (TO)")],
    "ES": [("Calle Mayor 18, 2º", "46001 Valencia"), ("Polígono Las Quemadas, nave 7", "14014 Córdoba")],
    "NL": [("Keizersgracht 112", "1015 CV Amsterdam"), ("Industrieweg 9", "3044 AS Rotterdam")],
    "BE": [("Rue de la Loi 42", "1040 Bruxelles"), ("Kerkstraat 7", "9000 Gent")],
    "LU": [("15, route d'Arlon", "L-8009 Strassen"), ("2, rue du Fort Wallis", "L-2714 Luxembourg")],
    "CA": [
        ("1450, boul. René-Lévesque O., bureau 300", "Montréal (Québec) H3G 1T4"),
        ("88, rue Racine", "Québec (Québec) G2B 1E1"),
    ],
    "MA": [
        ("45, boulevard Zerktouni, 3e étage", "20040 Casablanca"),
        ("Zone industrielle Sidi Brahim, lot 12", "30000 Fès"),
    ],
    "GB": [("Unit 4, Riverside Park", "Leeds LS10 1AB"), ("27 Market Street", "Bristol BS1 4DJ")],
    "US": [("1200 Harbor Blvd, Suite 210", "Oakland, CA 94607"), ("45 Water Street", "Kingston, NY 12401")],
    "CH": [("Bahnhofstrasse 52", "8001 Zürich"), ("Rue du Rhône 14", "1204 Genève")],
}

GOODS = {
    "fr": [
        "Vis inox A2 6x40 (boîte de 200)",
        "Main d'oeuvre technicien",
        "Déplacement zone 2",
        "Panneau OSB 18 mm",
        "Câble R2V 3G2,5 - couronne 100 m",
        "Prestation de conseil - janvier",
        "Carton double cannelure 60x40",
        "Location nacelle 12 m (jour)",
        "Peinture acrylique blanc mat 15 L",
        "Forfait maintenance annuelle",
        "Papier couché 135 g A3",
        "Disjoncteur 16A courbe C",
        "Palette Europe consignée",
        "Heures de montage",
    ],
    "en": [
        "Stainless screws M6x40 (box of 200)",
        "Technician labour",
        "Call-out charge",
        "Annual support plan",
        "Shipping boxes 600x400",
        "Consulting services - January",
        "Printing A3 130gsm",
        "Cable 2.5mm 100m reel",
    ],
    "de": [
        "Sechskantschraube M8x30 verzinkt",
        "Montagestunden",
        "Anfahrtspauschale",
        "Wartungsvertrag Q1",
        "Kabel NYM-J 3x1,5 100 m",
        "Lagerbock Typ 4B",
        "Palettenware Fracht",
    ],
    "it": [
        "Bulloneria assortita",
        "Manodopera specializzata",
        "Trasporto",
        "Carta patinata 135 g",
        "Assistenza tecnica",
    ],
    "es": ["Tornillería inox", "Mano de obra", "Portes", "Mantenimiento mensual", "Cartón ondulado"],
    "nl": [
        "Schroeven RVS 6x40",
        "Arbeidsloon monteur",
        "Voorrijkosten",
        "Onderhoudscontract",
        "Kabel 3x2,5 mm2",
    ],
}

BICS = {
    "FR": ["CCBPFRPPNAN", "AGRIFRPP882", "BNPAFRPPXXX", "CMCIFR2A"],
    "DE": ["COBADEFFXXX", "DEUTDEDBSTG"],
    "IT": ["BCITITMM", "UNCRITMMXXX"],
    "ES": ["CAIXESBBXXX", "BBVAESMM"],
    "NL": ["INGBNL2A", "RABONL2U"],
    "BE": ["GEBABEBB", "BBRUBEBB"],
    "LU": ["BCEELULL", "BILLLULL"],
    "GB": ["NWBKGB2L"],
    "CH": ["UBSWCHZH80A"],
}


def party(rng: random.Random, country: str, *, bank: bool = False, buyer: bool = False) -> Party:
    street, city = rng.choice(PLACES[country])
    pool = [c for c in COMPANIES[country] if not buyer or len(c) == 1] or COMPANIES[country]
    p = Party(name=list(rng.choice(pool)), street=street, city=city, country=country)
    p.phone = {"FR": "0{0:.1} {1} {2} {3} {4}", "DE": "+49 {}{} {}{} {}", "GB": "01{} {}{} {}{}"}.get(
        country, "+{} {} {} {} {}"
    ).format(*(digits(rng, 2) for _ in range(5)))
    p.email = "contact@" + "".join(ch for ch in p.name[0].lower().split()[-1] if ch.isalpha()) + ".example"
    if country == "FR":
        p.siren = siren(rng)
        p.siret = siret(rng, p.siren)
        p.vat = vat_id(rng, "FR", p.siren)
    elif country in ("DE", "IT", "ES", "NL", "BE", "LU"):
        p.vat = vat_id(rng, country)
    if bank and country in BICS:
        p.iban = iban(rng, country)
        p.bic = rng.choice(BICS[country])
    return p


def items(rng: random.Random, lang: str, n: int, rates: list[str], *, cents: bool = True) -> list[Item]:
    goods = GOODS[lang]
    out = []
    for i in range(n):
        qty = (
            Decimal(rng.choice([1, 1, 2, 3, 5, 10, 12, 25, 40]))
            if i % 3
            else Decimal(rng.choice(["1", "2.5", "7.5", "1"]))
        )
        unit = Decimal(rng.randint(300, 95000)) / (100 if cents else 1) / (1 if cents else 100)
        out.append(
            Item(
                f"{rng.choice('ABCKMRT')}{digits(rng, 5)}",
                goods[(i * 7 + rng.randint(0, 3)) % len(goods)],
                qty,
                unit.quantize(Decimal("0.01")),
                Decimal(rng.choice(rates)),
            )
        )
    return out


def number(rng: random.Random, shape: str, year: int) -> str:
    """`shape` placeholders: {Y} year, {y} 2-digit year, {n4}/{n5}/{n6} zero-padded counters, {h} hex."""
    return shape.format(
        Y=year,
        y=year % 100,
        n3=f"{rng.randint(1, 999):03d}",
        n4=f"{rng.randint(1, 9999):04d}",
        n5=f"{rng.randint(1, 99999):05d}",
        n6=f"{rng.randint(1, 999999):06d}",
        h="".join(rng.choice("0123456789ABCDEF") for _ in range(4)),
        m=f"{rng.randint(1, 12):02d}",
    )
