"""One invoice's random content shared by every template of this set: parties, lines, totals, dates, and the
ground truth that a template fills in only with what it actually prints."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from benchmarks.generated_software_b import data, ids
from benchmarks.generated_software_b.data import Line, Party, Totals, Truth

CURRENCY_OF = {
    "FR": "EUR",
    "BE": "EUR",
    "DE": "EUR",
    "ES": "EUR",
    "IT": "EUR",
    "NL": "EUR",
    "GB": "GBP",
    "US": "USD",
}
SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$"}


@dataclass
class Invoice:
    lang: str
    seller: Party
    buyer: Party
    items: list[Line]
    totals: Totals
    issued: date
    due: date
    currency: str
    amount_style: str
    date_style: str
    truth: Truth = field(default_factory=Truth)

    def money(self, value: Decimal) -> str:
        return data.fmt_amount(value, self.amount_style)

    def day(self, value: date, style: str | None = None) -> str:
        return data.fmt_date(value, style or self.date_style, self.lang)

    @property
    def symbol(self) -> str:
        return SYMBOL[self.currency]


def make(
    rng: random.Random,
    lang: str,
    country: str,
    *,
    buyer_country: str | None = None,
    n_lines: tuple[int, int] = (1, 8),
    amount_style: str = "fr",
    date_style: str = "d/m/Y",
    deposit: float = 0.0,
    person_buyer: float = 0.0,
) -> Invoice:
    seller = data.party(rng, country, bank=True)
    buyer = data.party(rng, buyer_country or country, person=rng.random() < person_buyer)
    items = data.lines(rng, lang, country, rng.randint(*n_lines))
    totals = data.totals(items)
    data.deposit(rng, totals, deposit)
    issued = data.issue_date(rng)
    due = data.due_date(rng, issued)
    return Invoice(
        lang=lang,
        seller=seller,
        buyer=buyer,
        items=items,
        totals=totals,
        issued=issued,
        due=due,
        currency=CURRENCY_OF[country],
        amount_style=amount_style,
        date_style=date_style,
    )


def qty_text(q: Decimal, comma: bool = True) -> str:
    text = f"{q.normalize():f}"
    return text.replace(".", ",") if comma else text


def customer_code(rng: random.Random, style: str) -> str:
    """The software's own customer code: a decoy next to the invoice number."""
    if style == "dolibarr":
        return f"CU{rng.randint(2301, 2612)}-{rng.randint(1, 999):05d}"
    if style == "sage":
        return f"C{rng.randint(100, 9999):05d}"
    return f"{rng.randint(10000, 99999)}"


def po_number(rng: random.Random) -> str:
    return rng.choice(["BC", "PO", "CMD", "OA"]) + f"-{rng.randint(2025, 2026)}-{rng.randint(100, 9999)}"


def fr_legal(p: Party, form: str) -> str:
    """The single legal line French software prints at the page foot."""
    return (
        f"{form} au capital de {p.capital} € - SIRET : {p.siret} - APE : {p.naf} - N° TVA intracom. : {p.vat}"
    )


def iban_text(p: Party) -> str:
    return ids.group(p.iban)
