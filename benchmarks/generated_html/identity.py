"""Sellers and buyers with valid identifiers (SIREN/SIRET Luhn, VAT keys, IBAN mod 97)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.de import vat as de_vat
from stdnum.es import nif as es_nif
from stdnum.gb import vat as gb_vat
from stdnum.it import iva as it_iva
from stdnum.nl import vat as nl_vat

CITIES = {
    "FR": [
        ("75011", "Paris"),
        ("69003", "Lyon"),
        ("33000", "Bordeaux"),
        ("44000", "Nantes"),
        ("31000", "Toulouse"),
        ("59800", "Lille"),
        ("13006", "Marseille"),
        ("67000", "Strasbourg"),
    ],
    "DE": [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg")],
    "ES": [("28001", "Madrid"), ("08010", "Barcelona"), ("46002", "Valencia")],
    "IT": [("20121", "Milano"), ("00184", "Roma"), ("10121", "Torino")],
    "NL": [("1012 AB", "Amsterdam"), ("3011 AD", "Rotterdam"), ("3511 LK", "Utrecht")],
    "GB": [("EC1V 2NX", "London"), ("M1 1AE", "Manchester"), ("EH1 1YZ", "Edinburgh")],
    "US": [("CA 94107", "San Francisco"), ("NY 10013", "New York"), ("WA 98101", "Seattle")],
    "CH": [("1204", "Genève"), ("8001", "Zürich"), ("1003", "Lausanne")],
}
STREETS = {
    "FR": [
        "rue de la République",
        "avenue Jean Jaurès",
        "boulevard Voltaire",
        "rue des Lilas",
        "chemin des Vignes",
        "place du Marché",
        "rue Victor Hugo",
        "allée des Tilleuls",
    ],
    "DE": ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee"],
    "ES": ["Calle Mayor", "Avenida de la Constitución", "Calle del Sol"],
    "IT": ["Via Roma", "Corso Vittorio Emanuele", "Via Garibaldi"],
    "NL": ["Keizersgracht", "Kerkstraat", "Stationsweg"],
    "GB": ["High Street", "Station Road", "Church Lane"],
    "US": ["Market Street", "Broadway", "Pine Street"],
    "CH": ["Rue du Rhône", "Bahnhofstrasse", "Avenue de la Gare"],
}
NAMES = {
    "FR": [
        "Atelier Marceau SARL",
        "Boulangerie Lefèvre & Fils",
        "Studio Onze SAS",
        "Cabinet Roussel Conseil",
        "Transports Garnier et Compagnie",
        "Nexalis Solutions SAS",
        "Menuiserie Picard SARL",
        "Les Jardins de Provence SCEA",
        "Optique Bernard",
        "Imprimerie du Centre SA",
        "Électricité Générale Moreau",
        "Agence Pixel & Plume",
        "Fromagerie des Alpes SAS",
        "Clinique Vétérinaire du Parc",
        "Groupe Hexagone Distribution SA",
        "Laboratoire Vernier SAS",
    ],
    "DE": ["Müller & Söhne GmbH", "Nordlicht Software GmbH", "Bäckerei Schmidt KG", "Rheinwerk Technik AG"],
    "ES": ["Distribuciones García S.L.", "Talleres Martínez S.A.", "Estudio Luna S.L."],
    "IT": ["Rossi Forniture S.r.l.", "Officina Bianchi S.p.A.", "Studio Verdi S.r.l."],
    "NL": ["De Vries Installatie B.V.", "Bakker Logistiek B.V.", "Studio Jansen B.V."],
    "GB": ["Harbour Lane Ltd", "Whitfield & Cole Limited", "Northbridge Supplies Ltd"],
    "US": ["Cloudyard Inc.", "Brightloop Labs, Inc.", "Tallgrass Analytics LLC"],
    "CH": ["Horlogerie Favre SA", "Alpenblick Treuhand AG"],
}
PEOPLE = ["Camille Durand", "Julien Petit", "Sophie Lambert", "Thomas Girard", "Léa Fontaine", "Hugo Mercier"]
BICS = {
    "FR": ["BNPAFRPPXXX", "SOGEFRPP", "CCBPFRPPMTG", "AGRIFRPP882", "CMCIFR2A", "PSSTFRPPPAR", "QNTOFRP1XXX"],
    "DE": ["DEUTDEFFXXX", "COBADEFFXXX", "GENODEM1GLS"],
    "ES": ["BSCHESMMXXX", "CAIXESBBXXX"],
    "IT": ["BCITITMM", "UNCRITMMXXX"],
    "NL": ["INGBNL2A", "RABONL2U"],
    "GB": ["BARCGB22", "NWBKGB2L"],
}


@dataclass(frozen=True)
class Party:
    name: str
    name_lines: tuple[str, ...]  # how the name breaks on the page
    street: str
    postcode: str
    city: str
    country: str
    vat_id: str = ""
    siren: str = ""
    siret: str = ""
    iban: str = ""
    bic: str = ""
    phone: str = ""
    email: str = ""
    capital: str = ""
    rcs: str = ""


def digits(rng: random.Random, n: int, first_nonzero: bool = True) -> str:
    head = str(rng.randint(1, 9)) if first_nonzero else str(rng.randint(0, 9))
    return head + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def siren(rng: random.Random) -> str:
    body = digits(rng, 8)
    return body + luhn.calc_check_digit(body)


def siret(rng: random.Random, siren_: str) -> str:
    body = siren_ + "000" + str(rng.randint(1, 9))
    return body + luhn.calc_check_digit(body)


def fr_vat(siren_: str) -> str:
    return f"FR{(12 + 3 * (int(siren_) % 97)) % 97:02d}{siren_}"


def _until_valid(rng: random.Random, make, valid) -> str:  # type: ignore[no-untyped-def]
    while True:
        candidate = make()
        if valid(candidate):
            return str(candidate)


def foreign_vat(rng: random.Random, country: str) -> str:
    makers = {
        "DE": (lambda: "DE" + digits(rng, 9), de_vat.is_valid),
        "NL": (lambda: "NL" + digits(rng, 9) + "B01", nl_vat.is_valid),
        "IT": (lambda: "IT" + digits(rng, 7, False) + "001" + str(rng.randint(0, 9)), it_iva.is_valid),
        "GB": (lambda: "GB" + digits(rng, 9), gb_vat.is_valid),
        "ES": (lambda: "ESB" + digits(rng, 7) + str(rng.randint(0, 9)), lambda v: es_nif.is_valid(v[2:])),
    }
    make, valid = makers[country]
    return _until_valid(rng, make, valid)


def fr_bban(rng: random.Random) -> str:
    bank, branch, account = digits(rng, 5), digits(rng, 5, False), digits(rng, 11, False)
    key = 97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97)
    return f"{bank}{branch}{account}{key:02d}"


def iban(rng: random.Random, country: str) -> str:
    patterns = {
        "FR": lambda: fr_bban(rng),
        "DE": lambda: digits(rng, 18),
        "NL": lambda: "INGB" + digits(rng, 10, False),
        "ES": lambda: digits(rng, 20),
        "IT": lambda: "X" + digits(rng, 22, False),
        "GB": lambda: "BARC" + digits(rng, 14),
    }

    def make() -> str:
        bban = patterns[country]()
        return country + std_iban.calc_check_digits(country + "00" + bban) + bban

    return _until_valid(rng, make, std_iban.is_valid)


def split_name(rng: random.Random, name: str) -> tuple[str, ...]:
    words = name.split()
    if len(words) >= 4 and rng.random() < 0.5:
        cut = len(words) // 2
        return (" ".join(words[:cut]), " ".join(words[cut:]))
    return (name,)


def make_party(
    rng: random.Random, country: str, *, company: bool = True, pool: list[str] | None = None
) -> Party:
    name = rng.choice(pool or NAMES[country]) if company else rng.choice(PEOPLE)
    postcode, city = rng.choice(CITIES[country])
    street = f"{rng.randint(1, 148)} {rng.choice(STREETS[country])}"
    if country in ("DE", "NL", "IT", "ES"):
        street = f"{rng.choice(STREETS[country])} {rng.randint(1, 148)}"
    extra: dict[str, str] = {}
    if company and country == "FR":
        sn = siren(rng)
        extra = {
            "siren": sn,
            "siret": siret(rng, sn),
            "vat_id": fr_vat(sn),
            "capital": f"{rng.choice([1000, 5000, 10000, 37000, 150000])}",
            "rcs": f"RCS {city}",
        }
    elif company and country in ("DE", "NL", "IT", "GB", "ES"):
        extra = {"vat_id": foreign_vat(rng, country)}
    if company and country in BICS:
        extra["iban"] = iban(rng, country)
        extra["bic"] = rng.choice(BICS[country])
    phone = {
        "FR": f"0{rng.randint(1, 5)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)} {digits(rng, 2)}"
    }.get(country, f"+{rng.randint(30, 49)} {digits(rng, 3)} {digits(rng, 6)}")
    slug = name.split()[0].lower().strip("&,.").replace("é", "e").replace("ü", "u").replace("ä", "a")
    return Party(
        name=name,
        name_lines=split_name(rng, name),
        street=street,
        postcode=postcode,
        city=city,
        country=country,
        phone=phone,
        email=f"contact@{slug}.example",
        **extra,
    )
