"""The values behind one generated invoice: parties with valid identifiers, line items, totals computed the
way invoicing software computes them (VAT rounded per rate), and the ground truth of the fields a layout
prints."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from schwifty import IBAN
from stdnum import luhn
from stdnum.de import vat as de_vat
from stdnum.es import nif as es_nif
from stdnum.gb import vat as gb_vat
from stdnum.it import iva as it_iva
from stdnum.nl import btw as nl_btw

CENT = Decimal("0.01")

SURNAMES = (
    "Martin Bernard Dubois Lefèvre Moreau Garnier Rousseau Fontaine Chevalier Girard Mercier Blanc Guérin "
    "Faure Roussel Perrin Lambert Bonnet Marchand Lemoine Carpentier Vasseur Renaud Barbier"
).split()
TOWNS_FR = (
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("33000", "Bordeaux"),
    ("44000", "Nantes"),
    ("13008", "Marseille"),
    ("59800", "Lille"),
    ("67000", "Strasbourg"),
    ("35000", "Rennes"),
    ("31000", "Toulouse"),
    ("21000", "Dijon"),
    ("74000", "Annecy"),
    ("29200", "Brest"),
)
STREETS_FR = (
    "rue de la République",
    "avenue Jean Jaurès",
    "boulevard Voltaire",
    "rue des Tanneurs",
    "chemin des Vignes",
    "ZA des Quatre Vents",
    "rue du Général de Gaulle",
    "impasse des Artisans",
    "quai de la Fosse",
)
FOREIGN = {
    "DE": (("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("20095", "Hamburg")),
    "GB": (("EC1V 9HX", "London"), ("M1 4BT", "Manchester"), ("BS1 5TR", "Bristol")),
    "ES": (("28013", "Madrid"), ("08002", "Barcelona"), ("46002", "Valencia")),
    "IT": (("20121", "Milano"), ("00184", "Roma"), ("40121", "Bologna")),
    "NL": (("1012 AB", "Amsterdam"), ("3011 AD", "Rotterdam"), ("3511 LN", "Utrecht")),
    "US": (("94107", "San Francisco, CA"), ("10013", "New York, NY"), ("78701", "Austin, TX")),
}
STREETS = {
    "DE": ("Hauptstraße", "Industriestraße", "Am Markt", "Lindenallee"),
    "GB": ("High Street", "Station Road", "Church Lane", "Victoria Road"),
    "ES": ("Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá"),
    "IT": ("Via Roma", "Corso Garibaldi", "Via Verdi"),
    "NL": ("Keizersgracht", "Stationsweg", "Dorpsstraat"),
    "US": ("Market Street", "Main Street", "Congress Avenue"),
}
BICS = {
    "FR": ("BNPAFRPPXXX", "SOGEFRPP", "CCBPFRPPNAN", "AGRIFRPP882", "CMCIFR2A", "PSSTFRPPPAR"),
    "DE": ("COBADEFFXXX", "DEUTDEFF", "GENODEF1S04"),
    "GB": ("BARCGB22", "NWBKGB2L"),
    "ES": ("CAIXESBBXXX", "BSCHESMM"),
    "IT": ("BCITITMM", "UNCRITMM"),
    "NL": ("INGBNL2A", "RABONL2U"),
    "US": ("CHASUS33",),
}

# The BIC of the bank an IBAN's bank code names, where the generator draws that code from a short list.
BANK_BIC = {
    "FR": {
        "30004": "BNPAFRPPXXX",
        "30003": "SOGEFRPP",
        "10278": "CMCIFR2A",
        "20041": "PSSTFRPPPAR",
        "18206": "AGRIFRPP882",
    },
    "GB": {"BARC": "BARCGB22", "NWBK": "NWBKGB2L"},
    "NL": {"INGB": "INGBNL2A", "RABO": "RABONL2U", "ABNA": "ABNANL2A"},
}


def money(v: Decimal | int | str) -> Decimal:
    return Decimal(v).quantize(CENT, rounding=ROUND_HALF_UP)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def siren(rng: random.Random) -> str:
    base = str(rng.randint(3, 9)) + _digits(rng, 7)
    return base + luhn.calc_check_digit(base)


def siret(rng: random.Random, siren_: str) -> str:
    base = siren_ + "000" + str(rng.randint(1, 9))
    return base + luhn.calc_check_digit(base)


def fr_vat(siren_: str) -> str:
    return f"FR{(12 + 3 * (int(siren_) % 97)) % 97:02d}{siren_}"


def _until(rng: random.Random, make: Callable[[], str], valid: Callable[[str], bool]) -> str:
    for _ in range(10000):
        candidate = make()
        if valid(candidate):
            return str(candidate)
    raise RuntimeError("no valid identifier drawn")


def foreign_vat(rng: random.Random, country: str) -> str:
    makers = {
        "DE": (lambda: "DE" + str(rng.randint(1, 9)) + _digits(rng, 8), de_vat.is_valid),
        "GB": (lambda: "GB" + str(rng.randint(1, 9)) + _digits(rng, 8), gb_vat.is_valid),
        "IT": (lambda: "IT" + _digits(rng, 7) + "001" + _digits(rng, 1), it_iva.is_valid),
        "NL": (lambda: "NL" + _digits(rng, 9) + "B01", nl_btw.is_valid),
        "ES": (lambda: "ESB" + _digits(rng, 8), es_nif.is_valid),
    }
    make, valid = makers[country]
    return _until(rng, make, valid)


def _rib_key(bank: str, branch: str, account: str) -> str:
    return f"{97 - ((89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97):02d}"


def iban(rng: random.Random, country: str) -> str:
    if country == "FR":
        bank, branch, account = (
            rng.choice(("30004", "30003", "10278", "20041", "18206")),
            _digits(rng, 5),
            "000" + _digits(rng, 8),
        )
        bban = bank + branch + account + _rib_key(bank, branch, account)
    else:
        lengths = {"DE": 18, "ES": 20, "IT": 22, "NL": 10, "GB": 14}
        prefix = {"NL": rng.choice(("INGB", "RABO", "ABNA")), "GB": rng.choice(("BARC", "NWBK"))}
        prefix["IT"] = rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ")
        bban = prefix.get(country, "") + _digits(rng, lengths[country])

    def make() -> str:
        body = bban if country not in ("ES",) else bban[:8] + _digits(rng, 2) + bban[10:]
        check = 98 - int("".join(str(int(c, 36)) for c in body + country + "00")) % 97
        return f"{country}{check:02d}{body}"

    def valid(candidate: str) -> bool:
        try:
            IBAN(candidate)
        except Exception:
            return False
        return True

    return _until(rng, make, valid)


@dataclass
class Party:
    name: str  # the legal name as printed (lines joined by a space)
    lines: list[str]  # how the name is broken on the page
    street: str
    postcode: str
    city: str
    country: str
    vat: str = ""
    siren: str = ""
    siret: str = ""
    phone: str = ""
    email: str = ""
    capital: str = ""
    rcs_city: str = ""


def fr_party(rng: random.Random, trade: str, form: str | None = None, two_lines: bool = False) -> Party:
    surname = rng.choice(SURNAMES)
    form = form or rng.choice(("SARL", "SAS", "SA", "EURL", "SASU"))
    lines = [f"{trade} {surname}", form] if two_lines else [f"{trade} {surname} {form}"]
    if two_lines and rng.random() < 0.5:
        lines = [f"{trade}", f"{surname} & Fils {form}"]
    postcode, city = rng.choice(TOWNS_FR)
    sn = siren(rng)
    return Party(
        name=" ".join(lines),
        lines=lines,
        street=f"{rng.randint(1, 140)} {rng.choice(STREETS_FR)}",
        postcode=postcode,
        city=city,
        country="FR",
        vat=fr_vat(sn),
        siren=sn,
        siret=siret(rng, sn),
        phone=f"0{rng.randint(1, 5)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)} {_digits(rng, 2)}",
        email=f"contact@{surname.lower().replace('è', 'e').replace('é', 'e')}-{trade.split()[0].lower()}.fr",
        capital=rng.choice(("1 000", "5 000", "7 500", "10 000", "37 000", "150 000")),
        rcs_city=city,
    )


def foreign_party(rng: random.Random, country: str, name: str) -> Party:
    postcode, city = rng.choice(FOREIGN[country])
    return Party(
        name=name,
        lines=[name],
        street=f"{rng.choice(STREETS[country])} {rng.randint(1, 99)}",
        postcode=postcode,
        city=city,
        country=country,
        vat=foreign_vat(rng, country) if country != "US" else "",
        phone=(
            f"+{ {'DE': 49, 'GB': 44, 'ES': 34, 'IT': 39, 'NL': 31, 'US': 1}[country] } "
            f"{_digits(rng, 3)} {_digits(rng, 7)}"
        ),
    )


@dataclass
class Line:
    text: str
    qty: Decimal
    unit: Decimal
    rate: Decimal  # VAT rate in percent
    unit_name: str = ""

    @property
    def amount(self) -> Decimal:
        return money(self.qty * self.unit)


@dataclass
class Invoice:
    number: str
    issue: date
    due: date
    currency: str
    seller: Party
    buyer: Party
    lines: list[Line]
    iban: str = ""
    bic: str = ""
    discount_pct: Decimal = Decimal(0)
    shipping: Decimal = Decimal(0)
    deposit: Decimal = Decimal(0)
    po: str = ""
    refs: dict[str, str] = field(default_factory=dict)  # decoys: customer number, order number, ...

    def __post_init__(self) -> None:
        # A BIC that names another bank than the IBAN's would be a mistake no real invoice makes.
        self.bic = BANK_BIC.get(self.iban[:2], {}).get(
            self.iban[4:9] if self.iban[:2] == "FR" else self.iban[4:8], self.bic
        )

    @property
    def goods(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def discount(self) -> Decimal:
        return money(self.goods * self.discount_pct / 100)

    def bases(self) -> dict[Decimal, Decimal]:
        """Net base per VAT rate, after a discount spread by rate and the shipping at the main rate."""
        out: dict[Decimal, Decimal] = {}
        for line in self.lines:
            out[line.rate] = out.get(line.rate, Decimal(0)) + line.amount
        for rate in out:
            out[rate] = money(out[rate] * (1 - self.discount_pct / 100))
        if self.shipping:
            top = max(out)
            out[top] += self.shipping
        return out

    def vat_by_rate(self) -> dict[Decimal, Decimal]:
        return {rate: money(base * rate / 100) for rate, base in self.bases().items()}

    @property
    def ht(self) -> Decimal:
        return sum(self.bases().values(), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return sum(self.vat_by_rate().values(), Decimal(0))

    @property
    def ttc(self) -> Decimal:
        return self.ht + self.tax

    @property
    def amount_due(self) -> Decimal:
        return self.ttc - self.deposit

    def truth(self, printed: tuple[str, ...] | list[str]) -> dict[str, str]:
        """The stored form of every field the layout printed."""
        all_values = {
            "invoice_number": self.number,
            "issue_date": self.issue.isoformat(),
            "due_date": self.due.isoformat(),
            "currency": self.currency,
            "total_excl_tax": str(self.ht),
            "total_tax": str(self.tax),
            "total_incl_tax": str(self.ttc),
            "amount_due": str(self.amount_due),
            "seller_name": self.seller.name,
            "seller_vat_id": self.seller.vat,
            "seller_siren": self.seller.siren,
            "seller_siret": self.seller.siret,
            "seller_iban": self.iban,
            "seller_bic": self.bic,
            "buyer_name": self.buyer.name,
            "buyer_vat_id": self.buyer.vat,
            "buyer_siren": self.buyer.siren,
            "purchase_order": self.po,
        }
        out = {}
        for name in printed:
            if all_values[name]:
                out[name] = all_values[name]
        return out


def issue_date(rng: random.Random) -> date:
    return date(2025, 1, 1) + timedelta(days=rng.randint(0, 700))


def end_of_month_plus(d: date, days: int) -> date:
    """'à 30 jours fin de mois': add the days, then go to the end of that month."""
    later = d + timedelta(days=days)
    nxt = date(later.year + later.month // 12, later.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def lines_from(
    rng: random.Random, catalogue: list[tuple[str, float, str]], n: int, rates: tuple[str, ...] = ("20",)
) -> list[Line]:
    """n line items drawn from (text, typical unit price, unit) with plausible quantities and prices."""
    out = []
    for _ in range(n):
        text, price, unit = rng.choice(catalogue)
        qty = (
            Decimal(rng.choice((1, 1, 1, 2, 3, 4, 5, 6, 10, 12, 24)))
            if unit != "h"
            else Decimal(rng.randint(1, 16))
        )
        if unit in ("m²", "kg", "ml") and rng.random() < 0.5:
            qty = Decimal(rng.randint(5, 400)) / 10
        unit_price = money(Decimal(str(price)) * Decimal(rng.randint(80, 125)) / 100)
        out.append(Line(text, qty, unit_price, Decimal(rng.choice(rates)), unit))
    return out


def seq(rng: random.Random, n: int) -> str:
    return _digits(rng, n)
