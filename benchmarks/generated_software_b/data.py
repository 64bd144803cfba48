"""Random invoice content (parties, lines, totals) and the printed forms of dates and amounts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.generated_software_b import ids

CENT = Decimal("0.01")

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
DATE_STYLES = (
    "d/m/Y",
    "d.m.Y",
    "d-m-Y",
    "iso",
    "m/d/Y",
    "Y/m/d",
    "long",
    "short-en",
    "M dd, Y",
    "d M Y",
    "d b. Y",
)
# strftime("%d %b %Y") in the fr_FR locale
FR_ABBR = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()


def fmt_date(d: date, style: str, lang: str = "en") -> str:
    """Print a date the way a given software does; `lang` only matters for month names."""
    if style == "d/m/Y":
        return d.strftime("%d/%m/%Y")
    if style == "d.m.Y":
        return d.strftime("%d.%m.%Y")
    if style == "d-m-Y":
        return d.strftime("%d-%m-%Y")
    if style == "iso":
        return d.isoformat()
    if style == "m/d/Y":
        return d.strftime("%m/%d/%Y")
    if style == "Y/m/d":  # unpadded, as JavaScript getMonth()/getDate() concatenation prints it
        return f"{d.year}/{d.month}/{d.day}"
    month = MONTHS[lang].split()[d.month - 1]
    if style == "short-en":
        return f"{month[:3]} {d.day}, {d.year}"
    if style == "M dd, Y":  # Go's "Jan 02, 2006"
        return f"{month[:3]} {d.day:02d}, {d.year}"
    if style == "d b. Y":
        return f"{d.day:02d} {FR_ABBR[d.month - 1]} {d.year}"
    if style == "d M Y":
        return f"{d.day:02d} {month[:3]} {d.year}"
    if lang == "en":
        return f"{month} {d.day}, {d.year}"
    if lang == "de":
        return f"{d.day}. {month} {d.year}"
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    day = "1er" if (d.day == 1 and lang == "fr") else str(d.day)
    return f"{day} {month} {d.year}"


def fmt_amount(value: Decimal, style: str) -> str:
    """'fr' 1 234,56 | 'de' 1.234,56 | 'en' 1,234.56 | 'plain' 1234.56 | 'space' 1 234.56 | 'ch' 1'234.56."""
    text = f"{abs(value):,.2f}"
    sign = "-" if value < 0 else ""
    if style == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    elif style == "de":
        text = text.replace(",", "X").replace(".", ",").replace("X", ".")
    elif style == "plain":
        text = text.replace(",", "")
    elif style == "space":
        text = text.replace(",", " ")
    elif style == "ch":
        text = text.replace(",", "'")
    return sign + text


AMOUNT_STYLES = ("fr", "de", "en", "plain", "space", "ch")

STREETS = {
    "FR": [
        "rue de la République",
        "avenue Jean Jaurès",
        "boulevard Voltaire",
        "rue des Tanneurs",
        "chemin du Moulin",
        "allée des Platanes",
        "quai Saint-Vincent",
        "rue Pasteur",
        "impasse des Lilas",
        "route de Lyon",
    ],
    "DE": ["Hauptstraße", "Bahnhofstraße", "Industriestraße", "Am Markt", "Lindenweg", "Schillerstraße"],
    "ES": ["Calle Mayor", "Avenida de la Constitución", "Calle del Prado", "Paseo de Gracia", "Calle Alcalá"],
    "IT": ["Via Roma", "Corso Vittorio Emanuele II", "Via Garibaldi", "Viale Europa", "Via Dante"],
    "NL": ["Kerkstraat", "Dorpsstraat", "Stationsweg", "Keizersgracht", "Industrieweg"],
    "GB": ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"],
    "BE": ["Rue de la Loi", "Avenue Louise", "Kerkstraat", "Rue Neuve"],
    "US": ["Main Street", "Oak Avenue", "Market Street", "Broadway", "Elm Street"],
}
CITIES = {
    "FR": [
        ("75011", "Paris"),
        ("69003", "Lyon"),
        ("13008", "Marseille"),
        ("33000", "Bordeaux"),
        ("59000", "Lille"),
        ("44000", "Nantes"),
        ("31000", "Toulouse"),
        ("67000", "Strasbourg"),
        ("35000", "Rennes"),
        ("06000", "Nice"),
    ],
    "DE": [
        ("10115", "Berlin"),
        ("80331", "München"),
        ("50667", "Köln"),
        ("20095", "Hamburg"),
        ("70173", "Stuttgart"),
    ],
    "ES": [("28013", "Madrid"), ("08007", "Barcelona"), ("46002", "Valencia"), ("41001", "Sevilla")],
    "IT": [("20121", "Milano"), ("00184", "Roma"), ("10121", "Torino"), ("40121", "Bologna")],
    "NL": [
        ("1012 AB", "Amsterdam"),
        ("3011 AD", "Rotterdam"),
        ("3511 LX", "Utrecht"),
        ("5611 AZ", "Eindhoven"),
    ],
    "GB": [("EC1A 1BB", "London"), ("M1 1AE", "Manchester"), ("B1 1HQ", "Birmingham"), ("LS1 4DY", "Leeds")],
    "BE": [("1000", "Bruxelles"), ("2000", "Antwerpen"), ("4000", "Liège")],
    "US": [("94107", "San Francisco, CA"), ("10001", "New York, NY"), ("78701", "Austin, TX")],
}
COUNTRY_NAME = {
    "fr": {
        "FR": "France",
        "DE": "Allemagne",
        "BE": "Belgique",
        "ES": "Espagne",
        "IT": "Italie",
        "NL": "Pays-Bas",
        "GB": "Royaume-Uni",
        "US": "États-Unis",
    },
    "en": {
        "FR": "France",
        "DE": "Germany",
        "BE": "Belgium",
        "ES": "Spain",
        "IT": "Italy",
        "NL": "Netherlands",
        "GB": "United Kingdom",
        "US": "United States",
    },
}
NAME_PARTS = {
    "FR": (
        ["Atelier", "Groupe", "Cabinet", "Maison", "Studio", "Comptoir", "Société", "Ateliers"],
        [
            "Delorme",
            "Vautrin",
            "Beaumont",
            "des Lilas",
            "Marchal",
            "Lefèvre & Fils",
            "Renard",
            "du Levant",
            "Bréhat",
            "Garnier",
            "Poulain",
            "Montclair",
        ],
        ["SARL", "SAS", "SA", "EURL", "SASU"],
    ),
    "DE": (
        ["Müller", "Schneider", "Becker", "Hoffmann", "Wagner", "Krause"],
        ["Maschinenbau", "Haustechnik", "Software", "Logistik", "Druckerei", "Elektro"],
        ["GmbH", "GmbH & Co. KG", "AG", "UG (haftungsbeschränkt)"],
    ),
    "ES": (
        ["Construcciones", "Distribuciones", "Talleres", "Servicios", "Suministros"],
        ["García", "Martínez", "del Sur", "Ibéricos", "Navarro", "Levante"],
        ["S.L.", "S.A.", "S.L.U."],
    ),
    "IT": (
        ["Officine", "Studio", "Tipografia", "Forniture", "Costruzioni"],
        ["Rossi", "Bianchi", "Ferrari", "Lombarda", "Esposito", "Adriatica"],
        ["S.r.l.", "S.p.A.", "S.n.c."],
    ),
    "NL": (
        ["Bakker", "De Vries", "Jansen", "Visser", "Smit"],
        ["Installatietechniek", "Media", "Transport", "Bouw", "Consultancy"],
        ["B.V.", "N.V.", "V.O.F."],
    ),
    "GB": (
        ["Harper", "Whitfield", "Ashdown", "Kingsley", "Thornbury"],
        ["Engineering", "Digital", "Consulting", "Supplies", "Logistics"],
        ["Ltd", "Limited", "LLP", "plc"],
    ),
    "BE": (
        ["Dubois", "Peeters", "Janssens", "Lambert"],
        ["Services", "Technics", "Bureau", "Construct"],
        ["SRL", "SA", "BV", "NV"],
    ),
    "US": (
        ["Acme", "Bluebird", "Redwood", "Summit", "Pioneer"],
        ["Labs", "Software", "Analytics", "Works"],
        ["Inc.", "LLC", "Corp."],
    ),
}
PEOPLE = [
    "Claire Martin",
    "Julien Moreau",
    "Sophie Laurent",
    "Thomas Girard",
    "Anna Weber",
    "Lukas Schmidt",
    "Emma Brown",
    "Oliver Smith",
    "Lucía Fernández",
    "Marco Conti",
    "Sanne de Jong",
    "Hugo Bernard",
]


@dataclass
class Party:
    name: str
    country: str
    street: str
    zip: str
    city: str
    vat: str = ""
    siren: str = ""
    siret: str = ""
    iban: str = ""
    bic: str = ""
    phone: str = ""
    email: str = ""
    web: str = ""
    rcs: str = ""
    capital: str = ""
    naf: str = ""
    contact: str = ""
    reg: str = ""  # HRB / KvK / REA / company number: a decoy for foreign companies

    def address(self, lang: str = "fr", with_country: bool = False) -> list[str]:
        lines = [self.street, f"{self.zip} {self.city}"]
        if with_country:
            lines.append(COUNTRY_NAME.get(lang, COUNTRY_NAME["en"])[self.country])
        return lines


def company_name(rng: random.Random, country: str) -> str:
    first, second, forms = NAME_PARTS[country]
    return f"{rng.choice(first)} {rng.choice(second)} {rng.choice(forms)}"


def party(rng: random.Random, country: str, *, bank: bool = False, person: bool = False) -> Party:
    zip_, city = rng.choice(CITIES[country])
    name = rng.choice(PEOPLE) if person else company_name(rng, country)
    number = rng.randint(1, 180)
    street = (
        f"{number} {rng.choice(STREETS[country])}"
        if country in ("FR", "GB", "US", "BE")
        else (f"{rng.choice(STREETS[country])} {number}")
    )
    slug = "".join(c for c in name.split()[0].lower() if c.isalpha())[:10] or "contact"
    p = Party(name=name, country=country, street=street, zip=zip_, city=city)
    p.phone = {
        "FR": f"+33 {rng.randint(1, 9)} {ids.digits(rng, 2)} {ids.digits(rng, 2)} {ids.digits(rng, 2)} "
        f"{ids.digits(rng, 2)}",
        "DE": f"+49 {rng.randint(30, 89)} {ids.digits(rng, 7)}",
    }.get(country, f"+{rng.randint(31, 44)} {ids.digits(rng, 3)} {ids.digits(rng, 6)}")
    p.email = f"{rng.choice(['contact', 'compta', 'billing', 'info', 'factures'])}@{slug}.example"
    p.web = f"www.{slug}.example"
    p.contact = rng.choice(PEOPLE)
    if person:
        return p
    if country == "FR":
        p.siren = ids.siren(rng)
        p.siret = ids.siret(rng, p.siren)
        p.vat = ids.fr_vat(p.siren)
        p.rcs = f"RCS {city} {p.siren[:3]} {p.siren[3:6]} {p.siren[6:]}"
        p.capital = f"{rng.choice([1000, 5000, 7500, 10000, 37000, 50000, 150000]):,}".replace(",", " ")
        p.naf = f"{rng.randint(10, 96)}.{rng.randint(10, 99)}{rng.choice('ABCZ')}"
    elif country == "US":
        p.reg = f"EIN {ids.digits(rng, 2)}-{ids.digits(rng, 7)}"
    else:
        p.vat = ids.vat_id(rng, country)
        p.reg = {
            "DE": f"HRB {rng.randint(1000, 99999)}",
            "NL": f"KvK {ids.digits(rng, 8)}",
            "IT": f"REA MI-{ids.digits(rng, 7)}",
            "GB": f"Company No. {ids.digits(rng, 8)}",
            "ES": f"Tomo {rng.randint(1000, 9999)}, Folio {rng.randint(1, 200)}",
            "BE": f"RPM {city}",
        }.get(country, "")
    if bank and country in ids.BANKS:
        p.iban, p.bic = ids.iban_bic(rng, country)
    return p


@dataclass
class Line:
    ref: str
    desc: str
    qty: Decimal
    unit: str
    price: Decimal
    rate: Decimal
    discount: Decimal = Decimal(0)

    @property
    def net(self) -> Decimal:
        gross = self.qty * self.price * (1 - self.discount / 100)
        return gross.quantize(CENT, ROUND_HALF_UP)


PRODUCTS = {
    "fr": [
        "Développement spécifique module facturation",
        "Maintenance applicative mensuelle",
        "Licence annuelle",
        "Formation utilisateurs (journée)",
        "Audit de sécurité",
        "Câble RJ45 cat. 6 - 5 m",
        "Écran 27 pouces",
        "Hébergement serveur dédié",
        "Prestation de conseil",
        "Frais de déplacement",
        "Support technique niveau 2",
        "Papier A4 80 g (ramette)",
        "Intégration API paiement",
        "Installation sur site",
        "Pièces détachées",
        "Refonte charte graphique",
    ],
    "en": [
        "Consulting services",
        "Monthly hosting plan",
        "Software license (annual)",
        "Onsite training day",
        "Custom development",
        "Support retainer",
        "USB-C docking station",
        "Cloud storage 1 TB",
        "Design sprint",
        "Project management",
        "Security review",
        "Data migration",
    ],
    "de": [
        "Beratungsleistung",
        "Wartungsvertrag monatlich",
        "Softwarelizenz",
        "Schulung vor Ort",
        "Montage und Inbetriebnahme",
        "Ersatzteile",
        "Programmierung nach Aufwand",
        "Fahrtkosten",
    ],
    "es": [
        "Servicios de consultoría",
        "Mantenimiento mensual",
        "Licencia de software",
        "Formación presencial",
        "Desarrollo a medida",
        "Material de oficina",
        "Transporte",
    ],
    "it": [
        "Consulenza tecnica",
        "Canone di assistenza",
        "Licenza software",
        "Formazione in sede",
        "Sviluppo personalizzato",
        "Materiale di consumo",
        "Spese di trasporto",
    ],
    "nl": [
        "Advieswerkzaamheden",
        "Hosting per maand",
        "Softwarelicentie",
        "Training op locatie",
        "Maatwerk ontwikkeling",
        "Installatie",
        "Reiskosten",
    ],
}
UNITS = {
    "fr": ["u", "h", "j", "forfait", "pce"],
    "en": ["pcs", "hrs", "days", "unit"],
    "de": ["Stk", "Std", "Tag", "psch"],
    "es": ["ud", "h", "días"],
    "it": ["pz", "ore", "gg"],
    "nl": ["st", "uur", "dag"],
}
VAT_RATES = {
    "FR": ["20", "20", "20", "10", "5.5"],
    "DE": ["19", "19", "7"],
    "ES": ["21", "21", "10"],
    "IT": ["22", "22", "10"],
    "NL": ["21", "21", "9"],
    "GB": ["20"],
    "BE": ["21", "6"],
    "US": ["0"],
}


def lines(
    rng: random.Random, lang: str, country: str, n: int | None = None, *, one_rate: bool = False
) -> list[Line]:
    count = n if n is not None else rng.choice([1, 2, 3, 3, 4, 5, 6, 8, 12])
    rates = VAT_RATES[country]
    fixed = Decimal(rates[0])
    out = []
    for _ in range(count):
        # Log-uniform unit prices (a few euros to a few thousand); expensive lines get small quantities.
        price = Decimal(10 ** rng.uniform(0.6, 3.4)).quantize(CENT)
        if price > 300:
            qty = Decimal(rng.choice([1, 1, 1, 2, 3]))
        elif rng.random() < 0.8:
            qty = Decimal(rng.choice([1, 1, 2, 3, 4, 5, 10, 12, 20]))
        else:
            qty = Decimal(rng.randint(2, 60)) / 4
        rate = fixed if one_rate else Decimal(rng.choice(rates))
        out.append(
            Line(
                ref=f"{rng.choice(['ART', 'PRD', 'SRV', 'P'])}-{rng.randint(100, 9999)}",
                desc=rng.choice(PRODUCTS[lang]),
                qty=qty,
                unit=rng.choice(UNITS[lang]),
                price=price,
                rate=rate,
            )
        )
    return out


@dataclass
class Totals:
    net: Decimal
    taxes: dict[Decimal, tuple[Decimal, Decimal]]  # rate -> (base, tax)
    tax: Decimal
    gross: Decimal
    paid: Decimal = Decimal(0)

    @property
    def due(self) -> Decimal:
        return self.gross - self.paid


def totals(items: list[Line]) -> Totals:
    groups: dict[Decimal, Decimal] = {}
    for item in items:
        groups[item.rate] = groups.get(item.rate, Decimal(0)) + item.net
    taxes = {
        r: (b, (b * r / 100).quantize(CENT, ROUND_HALF_UP)) for r, b in sorted(groups.items(), reverse=True)
    }
    net = sum((b for b, _ in taxes.values()), Decimal(0))
    tax = sum((t for _, t in taxes.values()), Decimal(0))
    return Totals(net=net, taxes=taxes, tax=tax, gross=net + tax)


def rate_text(rate: Decimal, decimal_comma: bool = True) -> str:
    """20 -> '20', 5.5 -> '5,5' as the label 'TVA 5,5 %' prints it."""
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if decimal_comma else text


def issue_date(rng: random.Random) -> date:
    return date(2025, 9, 1) + timedelta(days=rng.randint(0, 200))


def due_date(rng: random.Random, issued: date) -> date:
    return issued + timedelta(days=rng.choice([0, 15, 30, 30, 30, 45, 60]))


@dataclass
class Truth:
    """The ground-truth fields for one invoice, built up as a template prints them."""

    values: dict[str, str] = field(default_factory=dict)

    def money(self, name: str, value: Decimal) -> None:
        self.values[name] = f"{value:.2f}"

    def day(self, name: str, value: date) -> None:
        self.values[name] = value.isoformat()

    def text(self, name: str, value: str) -> None:
        if value:
            self.values[name] = value

    def seller(
        self,
        p: Party,
        *,
        vat: bool = True,
        siren: bool = False,
        siret: bool = False,
        bank: bool = False,
        bic: bool = True,
    ) -> None:
        self.text("seller_name", p.name)
        if vat:
            self.text("seller_vat_id", p.vat)
        if siren:
            self.text("seller_siren", p.siren)
        if siret:
            self.text("seller_siret", p.siret)
        if bank:
            self.text("seller_iban", p.iban)
            if bic:
                self.text("seller_bic", p.bic)

    def buyer(self, p: Party, *, vat: bool = False, siren: bool = False) -> None:
        self.text("buyer_name", p.name)
        if vat:
            self.text("buyer_vat_id", p.vat)
        if siren:
            self.text("buyer_siren", p.siren)

    def amounts(
        self, t: Totals, currency: str, *, net: bool = True, tax: bool = True, due: bool = False
    ) -> None:
        self.text("currency", currency)
        if net:
            self.money("total_excl_tax", t.net)
        if tax:
            self.money("total_tax", t.tax)
        self.money("total_incl_tax", t.gross)
        if due:
            self.money("amount_due", t.due)


def pick_lang(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def deposit(rng: random.Random, t: Totals, chance: float) -> None:
    """Sometimes a deposit or part payment was received, so the amount due is less than the total."""
    if rng.random() < chance:
        t.paid = (t.gross * Decimal(rng.choice(["0.3", "0.5", "0.25"]))).quantize(CENT)
