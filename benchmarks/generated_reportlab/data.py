"""Random invoice content (parties, lines, totals) and the printed forms of dates and amounts.

Everything is drawn from one `random.Random`, so a seed gives the same invoices every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.be import vat as be_vat
from stdnum.de import vat as de_vat
from stdnum.es import nif as es_nif
from stdnum.it import iva as it_iva
from stdnum.lu import tva as lu_tva
from stdnum.nl import btw as nl_btw

CENT = Decimal("0.01")

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}


def fmt_date(d: date, style: str) -> str:
    """`style`: 'd/m/Y', 'd.m.Y', 'd-m-Y', 'iso', 'd/m/y', or 'long-<lang>' / 'us-long'."""
    if style == "iso":
        return d.isoformat()
    if style == "d/m/y":
        return d.strftime("%d/%m/%y")
    if style.startswith("long-"):
        month = MONTHS[style[5:]].split()[d.month - 1]
        day = "1er" if d.day == 1 and style == "long-fr" else str(d.day)
        return f"{day}. {month} {d.year}" if style == "long-de" else f"{day} {month} {d.year}"
    if style == "us-long":
        return f"{MONTHS['en'].split()[d.month - 1]} {d.day}, {d.year}"
    sep = style[1]
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def fmt_amount(x: Decimal, style: str = "fr") -> str:
    """'fr' 1 234,56 - 'de' 1.234,56 - 'en' 1,234.56 - 'ch' 1'234.56 - 'plain' 1234.56 - 'frc' 1234,56."""
    neg = x < 0
    whole, frac = f"{abs(x):.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    thousands, dec = {"fr": (" ", ","), "de": (".", ","), "en": (",", "."), "ch": ("'", ".")}.get(
        style, ("", "," if style == "frc" else ".")
    )
    out = thousands.join(groups) + dec + frac
    return f"-{out}" if neg else out


def money(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def siren(rng: random.Random) -> str:
    body = str(rng.randint(1, 9)) + digits(rng, 7)
    return body + luhn.calc_check_digit(body)


def siret(rng: random.Random, sir: str) -> str:
    body = sir + "000" + str(rng.randint(1, 9))
    return body + luhn.calc_check_digit(body)


def fr_vat(sir: str) -> str:
    return f"FR{(12 + 3 * (int(sir) % 97)) % 97:02d}{sir}"


def _retry(rng: random.Random, make: object, valid: object) -> str:
    for _ in range(10_000):
        value = make(rng)  # type: ignore[operator]
        if valid(value):  # type: ignore[operator]
            return str(value)
    raise RuntimeError("no valid identifier")


def vat_id(rng: random.Random, country: str, sir: str = "") -> str:
    """A checksum-valid VAT number of `country`, compact."""
    if country == "FR":
        return fr_vat(sir or siren(rng))
    makers = {
        "DE": (lambda r: "DE" + str(r.randint(1, 9)) + digits(r, 8), de_vat.is_valid),
        "IT": (lambda r: "IT" + digits(r, 10) + "0", it_iva.is_valid),
        "ES": (lambda r: "ESB" + digits(r, 7) + r.choice("0123456789"), es_nif.is_valid),
        "NL": (lambda r: "NL" + digits(r, 9) + "B01", nl_btw.is_valid),
        "BE": (lambda r: "BE0" + digits(r, 9), be_vat.is_valid),
        "LU": (lambda r: "LU" + digits(r, 8), lu_tva.is_valid),
    }
    make, valid = makers[country]
    return _retry(rng, make, valid)


_IBAN_BODY = {
    "FR": 23,
    "DE": 18,
    "IT": 23,
    "ES": 20,
    "NL": 14,
    "BE": 12,
    "LU": 16,
    "GB": 18,
    "CH": 17,
    "MA": 24,
}


def _fr_bban(rng: random.Random) -> str:
    bank, branch, account = digits(rng, 5), digits(rng, 5), digits(rng, 11)
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{bank}{branch}{account}{key:02d}"


def iban(rng: random.Random, country: str) -> str:
    def make(r: random.Random) -> str:
        if country == "FR":
            bban = _fr_bban(r)
        elif country == "NL":
            bban = r.choice(["INGB", "ABNA", "RABO"]) + digits(r, 10)
        elif country == "GB":
            bban = r.choice(["NWBK", "BARC", "MIDL"]) + digits(r, 14)
        elif country == "IT":
            bban = r.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") + digits(r, 22)
        else:
            bban = digits(r, _IBAN_BODY[country])
        check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
        return f"{country}{check:02d}{bban}"

    return _retry(rng, make, std_iban.is_valid)


def spaced(value: str, size: int = 4) -> str:
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


@dataclass
class Party:
    name: list[str]  # printed lines of the legal name
    street: str
    city: str  # postcode + town
    country: str = ""
    vat: str = ""
    siren: str = ""
    siret: str = ""
    iban: str = ""
    bic: str = ""
    phone: str = ""
    email: str = ""

    @property
    def legal(self) -> str:
        return " ".join(self.name)


@dataclass
class Item:
    ref: str
    text: str
    qty: Decimal
    unit: Decimal
    rate: Decimal
    discount: Decimal = Decimal(0)

    @property
    def net(self) -> Decimal:
        return money(self.qty * self.unit * (1 - self.discount / 100))


@dataclass
class Invoice:
    number: str
    issue: date
    due: date
    currency: str
    seller: Party
    buyer: Party
    items: list[Item]
    po: str = ""
    deposit: Decimal = Decimal(0)
    shipping: Decimal = Decimal(0)
    shipping_rate: Decimal = Decimal(0)
    extra: dict[str, str] = field(default_factory=dict)

    def bases(self) -> dict[Decimal, Decimal]:
        out: dict[Decimal, Decimal] = {}
        for it in self.items:
            out[it.rate] = out.get(it.rate, Decimal(0)) + it.net
        if self.shipping:
            out[self.shipping_rate] = out.get(self.shipping_rate, Decimal(0)) + self.shipping
        return dict(sorted(out.items(), reverse=True))

    def taxes(self) -> dict[Decimal, Decimal]:
        return {rate: money(base * rate / 100) for rate, base in self.bases().items()}

    @property
    def total_excl(self) -> Decimal:
        return sum(self.bases().values(), Decimal(0))

    @property
    def total_tax(self) -> Decimal:
        return sum(self.taxes().values(), Decimal(0))

    @property
    def total_incl(self) -> Decimal:
        return self.total_excl + self.total_tax

    @property
    def amount_due(self) -> Decimal:
        return self.total_incl - self.deposit


def truth(inv: Invoice, names: str) -> dict[str, str]:
    """The ground-truth fields `names` (space separated) of `inv`, in the stored forms."""
    s, b = inv.seller, inv.buyer
    every = {
        "invoice_number": inv.number,
        "issue_date": inv.issue.isoformat(),
        "due_date": inv.due.isoformat(),
        "currency": inv.currency,
        "total_excl_tax": f"{inv.total_excl:.2f}",
        "total_tax": f"{inv.total_tax:.2f}",
        "total_incl_tax": f"{inv.total_incl:.2f}",
        "amount_due": f"{inv.amount_due:.2f}",
        "seller_name": s.legal,
        "seller_vat_id": s.vat,
        "seller_siren": s.siren,
        "seller_siret": s.siret,
        "seller_iban": s.iban,
        "seller_bic": s.bic,
        "buyer_name": b.legal,
        "buyer_vat_id": b.vat,
        "buyer_siren": b.siren,
        "purchase_order": inv.po,
    }
    return {name: every[name] for name in names.split()}


def single_rate_tax(inv: Invoice, fields: dict[str, str]) -> dict[str, str]:
    """Drop total_tax when the page prints only one VAT amount per rate and several rates occur."""
    if len(inv.taxes()) > 1:
        fields.pop("total_tax", None)
    return fields


def pick_date(rng: random.Random) -> date:
    return date(2025, 9, 1) + timedelta(days=rng.randint(0, 300))


def end_of_month_plus(d: date, days: int) -> date:
    nxt = d + timedelta(days=days)
    return date(nxt.year + nxt.month // 12, nxt.month % 12 + 1, 1) - timedelta(days=1)
