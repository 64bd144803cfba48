"""One invoice's random content, shared by the templates: language, parties, lines, totals, dates and the
printed forms of amounts, as a template needs them."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from benchmarks.generated_software_b import data
from benchmarks.generated_software_b.data import Line, Party, Totals, Truth

COUNTRY = {"fr": "FR", "en": "GB", "de": "DE", "es": "ES", "it": "IT", "nl": "NL"}
CURRENCY = {
    "FR": "EUR",
    "GB": "GBP",
    "US": "USD",
    "DE": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "BE": "EUR",
}
SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$"}


@dataclass
class Sale:
    lang: str
    country: str
    currency: str
    seller: Party
    buyer: Party
    items: list[Line]
    totals: Totals
    issued: date
    due: date
    truth: Truth

    def money(self, value: Decimal, style: str = "", symbol: str = "after") -> str:
        """An amount as printed: number style by language unless given; symbol before, after, code or none."""
        style = style or {"fr": "fr", "de": "de", "es": "de", "it": "de", "nl": "de"}.get(self.lang, "en")
        text = data.fmt_amount(value, style)
        sign = SYMBOL[self.currency]
        if symbol == "after":
            return f"{text} {sign}"
        if symbol == "before":
            return f"-{sign}{text[1:]}" if text.startswith("-") else f"{sign}{text}"
        if symbol == "code":
            return f"{text} {self.currency}"
        return text

    def day(self, d: date, style: str = "") -> str:
        style = style or ("m/d/Y" if self.country == "US" else "d.m.Y" if self.lang == "de" else "d/m/Y")
        return data.fmt_date(d, style, self.lang)


def sale(
    rng: random.Random,
    langs: dict[str, float],
    *,
    n: tuple[int, int] = (1, 8),
    person_buyer: float = 0.15,
    bank: bool = True,
    one_rate: bool = False,
    country: str = "",
) -> Sale:
    lang = data.pick_lang(rng, langs)
    ctry = country or COUNTRY[lang]
    if lang == "en" and not country and rng.random() < 0.4:
        ctry = "US"
    seller = data.party(rng, ctry, bank=bank)
    buyer_ctry = ctry if rng.random() < 0.85 else rng.choice(["FR", "DE", "BE", "NL", "ES", "IT"])
    buyer = data.party(rng, buyer_ctry, person=rng.random() < person_buyer)
    items = data.lines(rng, lang, ctry, rng.randint(*n), one_rate=one_rate)
    issued = data.issue_date(rng)
    return Sale(
        lang=lang,
        country=ctry,
        currency=CURRENCY[ctry],
        seller=seller,
        buyer=buyer,
        items=items,
        totals=data.totals(items),
        issued=issued,
        due=data.due_date(rng, issued),
        truth=Truth(),
    )


def qty(q: Decimal, comma: bool = True) -> str:
    text = f"{q.normalize():f}"
    return text.replace(".", ",") if comma else text


def pick(lang: str, table: dict[str, str]) -> str:
    """A label in the invoice's language, English when the software has no such translation."""
    return table.get(lang, table["en"])
