"""Random invoice content (parties, lines, totals) and the number/date formats invoicing software prints.

Money is Decimal rounded half-up to the cent, per line and per VAT rate, the way the PHP tools round.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from benchmarks.generated_software_a import ids

CENT = Decimal("0.01")

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def fmt_date(d: date, style: str) -> str:
    """Styles: d/m/Y, d.m.Y, d-m-Y, iso, d/m/y, us-long (January 31, 2026), long-<lang> (31 janvier 2026)."""
    if style == "d/m/Y":
        return d.strftime("%d/%m/%Y")
    if style == "d.m.Y":
        return d.strftime("%d.%m.%Y")
    if style == "d-m-Y":
        return d.strftime("%d-%m-%Y")
    if style == "iso":
        return d.isoformat()
    if style == "d/m/y":
        return d.strftime("%d/%m/%y")
    if style == "us-long":
        return f"{MONTHS['en'].split()[d.month - 1]} {d.day}, {d.year}"
    if style == "short-en":
        return f"{MONTHS['en'].split()[d.month - 1][:3]} {d.day}, {d.year}"
    lang = style.removeprefix("long-")
    day = "1er" if lang == "fr" and d.day == 1 else str(d.day)
    sep = " de " if lang == "es" else " "
    dot = "." if lang == "de" else ""
    return f"{day}{dot}{sep}{MONTHS[lang].split()[d.month - 1]}{sep}{d.year}"


# (thousands separator, decimal separator) per style.
SEPARATORS = {"fr": ("\u00a0", ","), "de": (".", ","), "en": (",", "."), "ch": ("'", "."), "plain": ("", ".")}


def fmt_amount(value: Decimal, style: str) -> str:
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    thousands, decimal = SEPARATORS[style]
    groups: list[str] = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    return f"{sign}{thousands.join(groups)}{decimal}{cents}"


def money(value: Decimal, style: str, currency: str, where: str = "after") -> str:
    """An amount with its currency sign: 'after' (1 234,56 €), 'before' (€1,234.56), 'code' (EUR 1.234,56)."""
    symbol = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}.get(currency, currency)
    text = fmt_amount(value, style)
    if where == "before":
        return f"{symbol}{text}" if len(symbol) == 1 else f"{symbol} {text}"
    if where == "code":
        return f"{currency} {text}"
    if where == "none":
        return text
    return f"{text} {symbol}"


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Party:
    name: str
    street: str
    zip: str
    city: str
    country: str
    phone: str
    email: str
    vat_id: str | None = None
    siren: str | None = None
    siret: str | None = None
    iban: str | None = None
    bic: str | None = None
    capital: int | None = None
    legal_form: str | None = None
    naf: str | None = None
    web: str | None = None


@dataclass
class Line:
    ref: str
    label: str
    qty: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    unit: str = ""

    @property
    def total(self) -> Decimal:
        return q(self.qty * self.unit_price)


@dataclass
class Invoice:
    lang: str
    currency: str
    number: str
    issue: date
    due: date
    seller: Party
    buyer: Party
    lines: list[Line]
    customer_code: str
    order_ref: str
    purchase_order: str | None = None
    paid: Decimal = Decimal(0)
    shipping: Decimal = Decimal(0)
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def net(self) -> Decimal:
        return sum((ln.total for ln in self.lines), Decimal(0)) + self.shipping

    def vat_by_rate(self) -> dict[Decimal, tuple[Decimal, Decimal]]:
        """rate -> (base, tax); shipping is taxed at the main rate."""
        bases: dict[Decimal, Decimal] = {}
        for ln in self.lines:
            bases[ln.vat_rate] = bases.get(ln.vat_rate, Decimal(0)) + ln.total
        if self.shipping:
            main = max(bases, key=lambda r: bases[r])
            bases[main] += self.shipping
        return {r: (b, q(b * r / 100)) for r, b in sorted(bases.items(), reverse=True)}

    @property
    def tax(self) -> Decimal:
        return sum((t for _, t in self.vat_by_rate().values()), Decimal(0))

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax

    @property
    def balance(self) -> Decimal:
        return self.gross - self.paid


def rate_label(rate: Decimal, style: str = "fr") -> str:
    """20 -> '20', 5.5 -> '5,5' (fr/de) or '5.5'; 8.1 Swiss."""
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if style in ("fr", "de") else text


# ------------------------------------------------------------------ parties

FIRST = {
    "FR": ["Atelier", "Maison", "Studio", "Cabinet", "Société", "Ets", "Groupe", "Bureau"],
    "BE": ["Atelier", "Brasserie", "Imprimerie", "Bureau", "Menuiserie"],
    "CH": ["Atelier", "Fiduciaire", "Menuiserie", "Studio", "Garage"],
    "DE": ["Schreinerei", "Ingenieurbüro", "Druckerei", "Agentur", "Elektro", "Malerbetrieb"],
    "ES": ["Talleres", "Construcciones", "Distribuciones", "Asesoría", "Gráficas"],
    "IT": ["Officina", "Studio", "Tipografia", "Ferramenta", "Costruzioni"],
    "NL": ["Bouwbedrijf", "Drukkerij", "Adviesbureau", "Installatiebedrijf", "Studio"],
    "GB": ["Bright", "Northern", "Oak", "Harbour", "Kingfisher", "Summit"],
}
SECOND = {
    "FR": [
        "Lemoine",
        "des Tilleuls",
        "Bérard & Fils",
        "Horizon",
        "du Vieux Port",
        "Castel",
        "Rivière",
        "Morvan",
    ],
    "BE": ["Van Damme", "du Sablon", "Lambert", "des Ardennes", "Peeters"],
    "CH": ["du Léman", "Rochat", "des Alpes", "Favre", "Chappuis"],
    "DE": ["Hoffmann", "Schulze & Partner", "Am Markt", "Becker", "Nordlicht", "Krüger"],
    "ES": ["Hermanos García", "del Sur", "Martínez", "Levante", "Iberia"],
    "IT": ["Rossi", "Bianchi & Figli", "del Lago", "Ferrari", "Lombarda"],
    "NL": ["De Vries", "Jansen", "Van Dijk", "Noorderlicht", "Bakker"],
    "GB": ["Digital", "Supplies", "Consulting", "Print Works", "Joinery", "Analytics"],
}
FORMS = {
    "FR": ["SARL", "SAS", "SASU", "EURL", "SA"],
    "BE": ["SRL", "SA", "SPRL"],
    "CH": ["Sàrl", "SA"],
    "DE": ["GmbH", "GmbH & Co. KG", "UG (haftungsbeschränkt)", "e.K."],
    "ES": ["S.L.", "S.A.", "S.L.U."],
    "IT": ["S.r.l.", "S.p.A.", "S.n.c."],
    "NL": ["B.V.", "V.O.F."],
    "GB": ["Ltd", "LLP"],
}
STREETS = {
    "FR": [
        "rue de la République",
        "avenue Jean Jaurès",
        "boulevard Voltaire",
        "rue des Lilas",
        "chemin des Vignes",
        "place du Marché",
        "rue Pasteur",
        "allée des Érables",
    ],
    "BE": ["rue Royale", "avenue Louise", "chaussée de Namur", "rue Haute"],
    "CH": ["rue du Rhône", "avenue de la Gare", "route de Lausanne", "rue du Simplon"],
    "DE": ["Hauptstraße", "Bahnhofstraße", "Lindenallee", "Schillerstraße", "Industriestraße"],
    "ES": ["Calle Mayor", "Avenida de la Constitución", "Calle del Sol", "Paseo de Gracia"],
    "IT": ["Via Roma", "Corso Garibaldi", "Via Dante", "Viale Europa"],
    "NL": ["Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg"],
    "GB": ["High Street", "Station Road", "Church Lane", "Mill Road"],
}
CITIES = {
    "FR": [
        ("69003", "Lyon"),
        ("33000", "Bordeaux"),
        ("44000", "Nantes"),
        ("75011", "Paris"),
        ("31000", "Toulouse"),
        ("13006", "Marseille"),
        ("67000", "Strasbourg"),
        ("35000", "Rennes"),
        ("59800", "Lille"),
    ],
    "BE": [("1000", "Bruxelles"), ("4000", "Liège"), ("5000", "Namur"), ("6000", "Charleroi")],
    "CH": [("1204", "Genève"), ("1003", "Lausanne"), ("1950", "Sion"), ("2000", "Neuchâtel")],
    "DE": [("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg")],
    "ES": [("28013", "Madrid"), ("08002", "Barcelona"), ("46001", "Valencia"), ("41001", "Sevilla")],
    "IT": [("20121", "Milano"), ("00184", "Roma"), ("10121", "Torino"), ("40121", "Bologna")],
    "NL": [("1012 AB", "Amsterdam"), ("3011 AD", "Rotterdam"), ("3511 LN", "Utrecht")],
    "GB": [("SW1A 1AA", "London"), ("M1 1AE", "Manchester"), ("BS1 4DJ", "Bristol")],
}
COUNTRY_NAMES = {
    "fr": {
        "FR": "France",
        "BE": "Belgique",
        "CH": "Suisse",
        "DE": "Allemagne",
        "ES": "Espagne",
        "IT": "Italie",
        "NL": "Pays-Bas",
        "GB": "Royaume-Uni",
    },
    "en": {
        "FR": "France",
        "BE": "Belgium",
        "CH": "Switzerland",
        "DE": "Germany",
        "ES": "Spain",
        "IT": "Italy",
        "NL": "Netherlands",
        "GB": "United Kingdom",
    },
    "de": {
        "FR": "Frankreich",
        "BE": "Belgien",
        "CH": "Schweiz",
        "DE": "Deutschland",
        "ES": "Spanien",
        "IT": "Italien",
        "NL": "Niederlande",
        "GB": "Vereinigtes Königreich",
    },
    "es": {
        "FR": "Francia",
        "ES": "España",
        "DE": "Alemania",
        "IT": "Italia",
        "BE": "Bélgica",
        "NL": "Países Bajos",
        "CH": "Suiza",
        "GB": "Reino Unido",
    },
    "it": {
        "FR": "Francia",
        "IT": "Italia",
        "DE": "Germania",
        "ES": "Spagna",
        "BE": "Belgio",
        "NL": "Paesi Bassi",
        "CH": "Svizzera",
        "GB": "Regno Unito",
    },
    "nl": {
        "FR": "Frankrijk",
        "NL": "Nederland",
        "BE": "België",
        "DE": "Duitsland",
        "ES": "Spanje",
        "IT": "Italië",
        "CH": "Zwitserland",
        "GB": "Verenigd Koninkrijk",
    },
}
PHONE = {
    "FR": "+33 {d1} {d2} {d3} {d4} {d5}",
    "BE": "+32 2 {d2}{d3} {d4} {d5}",
    "CH": "+41 22 {d2}{d3} {d4} {d5}",
    "DE": "+49 30 {d2}{d3}{d4}{d5}",
    "ES": "+34 91 {d2}{d3} {d4} {d5}",
    "IT": "+39 02 {d2}{d3}{d4}{d5}",
    "NL": "+31 20 {d2}{d3} {d4}{d5}",
    "GB": "+44 20 {d2}{d3} {d4}{d5}",
}


MAILBOXES = {
    "FR": ["contact", "facturation", "compta"],
    "BE": ["contact", "info"],
    "CH": ["info", "contact"],
    "DE": ["info", "buchhaltung", "rechnung"],
    "ES": ["info", "administracion"],
    "IT": ["info", "amministrazione"],
    "NL": ["info", "administratie"],
}


def make_party(rng: random.Random, country: str, *, company: bool = True, with_bank: bool = False) -> Party:
    form = rng.choice(FORMS[country])
    name = f"{rng.choice(FIRST[country])} {rng.choice(SECOND[country])}"
    if company:
        name = f"{name} {form}"
    zip_, city = rng.choice(CITIES[country])
    digits = {f"d{i}": f"{rng.randint(1 if i == 1 else 10, 9 if i == 1 else 99)}" for i in range(1, 6)}
    word = unicodedata.normalize("NFKD", name.lower().split()[-1 if len(name.split()) < 2 else 1])
    slug = "".join(c for c in word if c.isascii() and c.isalpha())[:12]
    slug = slug if len(slug) > 2 else "contact"
    party = Party(
        name=name,
        street=f"{rng.randint(1, 180)} {rng.choice(STREETS[country])}"
        if country in ("FR", "BE", "CH", "GB")
        else f"{rng.choice(STREETS[country])} {rng.randint(1, 180)}",
        zip=zip_,
        city=city,
        country=country,
        phone=PHONE[country].format(**digits),
        email=f"{rng.choice(MAILBOXES.get(country, ['info', 'billing']))}@{slug}.{country.lower()}",
        legal_form=form if company else None,
        web=f"www.{slug}.{country.lower()}",
    )
    if country == "FR":
        party.siren = ids.siren(rng)
        party.siret = ids.siret(rng, party.siren)
        party.naf = f"{rng.randint(10, 96)}.{rng.randint(10, 99)}{rng.choice('ABCZ')}"
    if company and country != "GB":
        party.vat_id = ids.vat_for(rng, country, party.siren)
    party.capital = rng.choice([1000, 5000, 7500, 10000, 37000, 50000, 150000])
    if with_bank and country != "GB":
        party.iban, party.bic = ids.iban_and_bic(rng, country)
    return party


# ------------------------------------------------------------------ lines

CATALOGUE = {
    "fr": [
        ("Développement module de paiement", "h"),
        ("Maintenance mensuelle serveur", "mois"),
        ("Audit SEO complet", ""),
        ("Formation utilisateurs (1 journée)", "j"),
        ("Licence logiciel annuelle", ""),
        ("Câble HDMI 2 m", "u"),
        ("Cartouche d'encre noire XL", "u"),
        ("Intervention sur site", "h"),
        ("Rédaction de contenus", "h"),
        ("Hébergement mutualisé - 12 mois", ""),
        ("Papier A4 80 g (ramette)", "u"),
        ("Conception graphique logo", ""),
        ("Frais de déplacement", ""),
        ("Chaise de bureau ergonomique", "u"),
        ("Traduction technique FR/EN", "mot"),
        ("Nettoyage des locaux", "h"),
    ],
    "en": [
        ("Website development", "h"),
        ("Monthly hosting plan", "mo"),
        ("UX review workshop", ""),
        ("Support retainer", "h"),
        ("USB-C docking station", "pc"),
        ("Annual software licence", ""),
        ("On-site consulting", "day"),
        ("Copywriting", "h"),
        ("Printer toner cartridge", "pc"),
        ("Data migration", ""),
        ("Logo redesign", ""),
        ("Travel expenses", ""),
    ],
    "de": [
        ("Softwareentwicklung", "Std."),
        ("Wartungsvertrag Monat", "Mon."),
        ("Beratung vor Ort", "Std."),
        ("Druck Visitenkarten 500 Stk.", "Stk."),
        ("Montagearbeiten", "Std."),
        ("Fahrtkosten", "km"),
        ("Lizenz Jahresabo", ""),
        ("Schulung Mitarbeiter", "Tag"),
        ("Material Kleinteile", "pauschal"),
    ],
    "es": [
        ("Desarrollo web", "h"),
        ("Mantenimiento mensual", "mes"),
        ("Consultoría fiscal", "h"),
        ("Tóner impresora", "ud"),
        ("Instalación eléctrica", "h"),
        ("Diseño de catálogo", ""),
        ("Licencia anual software", ""),
        ("Transporte", ""),
    ],
    "it": [
        ("Sviluppo software", "ore"),
        ("Manutenzione mensile", "mese"),
        ("Consulenza in sede", "gg"),
        ("Stampa brochure", "pz"),
        ("Licenza annuale", ""),
        ("Trasporto", ""),
    ],
    "nl": [
        ("Webontwikkeling", "uur"),
        ("Onderhoud per maand", "mnd"),
        ("Advies op locatie", "uur"),
        ("Drukwerk folders", "st"),
        ("Jaarlicentie software", ""),
        ("Reiskosten", "km"),
    ],
}
VAT_RATES = {
    "FR": [Decimal(20), Decimal(20), Decimal(20), Decimal("10"), Decimal("5.5")],
    "BE": [Decimal(21), Decimal(21), Decimal(6)],
    "CH": [Decimal("8.1"), Decimal("8.1"), Decimal("2.6")],
    "DE": [Decimal(19), Decimal(19), Decimal(7)],
    "ES": [Decimal(21), Decimal(21), Decimal(10)],
    "IT": [Decimal(22), Decimal(22), Decimal(10)],
    "NL": [Decimal(21), Decimal(21), Decimal(9)],
    "GB": [Decimal(20)],
}


def make_lines(
    rng: random.Random, lang: str, country: str, n: int, *, single_rate: bool = False, ref_prefix: str = ""
) -> list[Line]:
    lines = []
    rates = VAT_RATES[country]
    for _ in range(n):
        label, unit = rng.choice(CATALOGUE[lang])
        qty = (
            Decimal(rng.choice([1, 1, 1, 2, 3, 4, 5, 8, 10, 12, 20]))
            if unit not in ("h", "Std.", "uur", "ore")
            else (Decimal(rng.randint(2, 40)) / 2)
        )
        price = Decimal(rng.randint(450, 180000)) / 100 if qty < 5 else Decimal(rng.randint(150, 12000)) / 100
        rate = rates[0] if single_rate else rng.choice(rates)
        ref = f"{ref_prefix}{rng.choice(['PRD', 'SRV', 'ART', 'REF'])}-{rng.randint(100, 9999):04d}"
        lines.append(Line(ref=ref, label=label, qty=qty, unit_price=price, vat_rate=rate, unit=unit))
    return lines


def issue_date(rng: random.Random) -> date:
    """Fixed window (not today's date) so the corpus is the same on every run."""
    return date(2025, 9, 1) + timedelta(days=rng.randint(0, 420))


def fmt_qty(qty: Decimal, style: str) -> str:
    text = f"{qty.normalize():f}"
    return text.replace(".", ",") if style in ("fr", "de") else text


def make_invoice(
    rng: random.Random,
    *,
    lang: str,
    seller_country: str,
    buyer_country: str | None = None,
    currency: str = "EUR",
    number: str,
    lines: tuple[int, int] = (1, 8),
    due_days: tuple[int, ...] = (0, 15, 30, 30, 45, 60),
    single_rate: bool = False,
    buyer_company: bool = True,
) -> Invoice:
    buyer_country = buyer_country or seller_country
    issue = issue_date(rng)
    seller = make_party(rng, seller_country, with_bank=True)
    buyer = make_party(rng, buyer_country, company=buyer_company)
    n = rng.randint(*lines)
    return Invoice(
        lang=lang,
        currency=currency,
        number=number,
        issue=issue,
        due=issue + timedelta(days=rng.choice(due_days)),
        seller=seller,
        buyer=buyer,
        lines=make_lines(rng, lang, seller_country, n, single_rate=single_rate),
        customer_code=f"CU{issue:%y%m}-{rng.randint(1, 999):05d}",
        order_ref=f"{rng.randint(1000, 99999)}",
    )


def country_name(code: str, lang: str) -> str:
    return COUNTRY_NAMES[lang][code]


def truth(inv: Invoice, *keys: str) -> dict[str, str]:
    """The stored forms of the fields a template prints (only those named)."""
    values: dict[str, str | None] = {
        "invoice_number": inv.number,
        "issue_date": inv.issue.isoformat(),
        "due_date": inv.due.isoformat(),
        "currency": inv.currency,
        "total_excl_tax": f"{inv.net:.2f}",
        "total_tax": f"{inv.tax:.2f}",
        "total_incl_tax": f"{inv.gross:.2f}",
        "amount_due": f"{inv.balance:.2f}",
        "seller_name": inv.seller.name,
        "seller_vat_id": inv.seller.vat_id,
        "seller_siren": inv.seller.siren,
        "seller_siret": inv.seller.siret,
        "seller_iban": inv.seller.iban,
        "seller_bic": inv.seller.bic,
        "buyer_name": inv.buyer.name,
        "buyer_vat_id": inv.buyer.vat_id,
        "buyer_siren": inv.buyer.siren,
        "purchase_order": inv.purchase_order,
    }
    out = {}
    for key in keys:
        value = values[key]
        if value is not None:
            out[key] = value
    return out


GIVEN = {
    "FR": ["Marie", "Julien", "Camille", "Nicolas", "Sophie", "Thomas", "Léa", "Antoine"],
    "BE": ["Louise", "Arnaud", "Elise", "Maxime"],
    "DE": ["Anna", "Lukas", "Sabine", "Jonas", "Katrin"],
    "ES": ["Lucía", "Javier", "Carmen", "Pablo"],
    "IT": ["Giulia", "Marco", "Chiara", "Luca"],
    "NL": ["Sanne", "Daan", "Femke", "Bram"],
    "GB": ["Emily", "James", "Olivia", "George"],
    "CH": ["Chloé", "Luca", "Nina", "Yannick"],
}
FAMILY = {
    "FR": ["Dupont", "Moreau", "Lefèvre", "Garnier", "Roussel", "Fontaine", "Chevalier"],
    "BE": ["Dubois", "Lambert", "Martin", "Claes"],
    "DE": ["Müller", "Schmidt", "Weber", "Fischer", "Wagner"],
    "ES": ["García", "Fernández", "López", "Sánchez"],
    "IT": ["Rossi", "Russo", "Esposito", "Colombo"],
    "NL": ["de Jong", "Visser", "Smit", "Mulder"],
    "GB": ["Smith", "Taylor", "Brown", "Wilson"],
    "CH": ["Müller", "Favre", "Rochat", "Meier"],
}


def person_name(rng: random.Random, country: str) -> str:
    return f"{rng.choice(GIVEN[country])} {rng.choice(FAMILY[country])}"
