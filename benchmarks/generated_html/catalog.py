"""The templates: each pairs an HTML layout file with the data its family of software prints."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generated_html.identity import digits
from benchmarks.generated_html.model import Invoice, Recipe, q

TEMPLATES_DIR = Path(__file__).parent / "templates"
SELLER_IDS = ("seller_name", "seller_vat_id", "seller_siren", "seller_siret", "seller_iban", "seller_bic")
TOTALS = ("total_excl_tax", "total_tax", "total_incl_tax")
CORE = ("invoice_number", "issue_date", "currency", *TOTALS, "buyer_name")


@dataclass(frozen=True)
class Template:
    name: str
    recipe: Recipe
    fields: tuple[str, ...]  # printed when the invoice has a value for them
    date_styles: tuple[str, ...]
    money_styles: tuple[str, ...]
    page_label: str = ""  # browser footer "Page n / m"

    @property
    def path(self) -> Path:
        return TEMPLATES_DIR / f"{self.name}.html.j2"


def n_fa(rng: random.Random, year: int) -> str:
    return f"FA-{year}-{rng.randint(1, 999):04d}"


def n_slash(rng: random.Random, year: int) -> str:
    return f"{year}/{rng.randint(10, 480)}"


def n_plain(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 9999):06d}"


def n_saas(rng: random.Random, year: int) -> str:
    return (
        f"INV-{rng.choice('0123456789ABCDEF')}{digits(rng, 3)}{rng.choice('ABCDEF')}-{rng.randint(1, 40):04d}"
    )


def n_hex(rng: random.Random, year: int) -> str:
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(8)) + f"-{rng.randint(1, 30):04d}"


def n_yearfirst(rng: random.Random, year: int) -> str:
    return f"{year}{rng.randint(1, 12):02d}-{rng.randint(1, 300):03d}"


def n_long(rng: random.Random, year: int) -> str:
    return digits(rng, 10)


def n_av(rng: random.Random, year: int) -> str:
    return f"AV-{year}-{rng.randint(1, 99):03d}"


def n_f(rng: random.Random, year: int) -> str:
    return f"F{year % 100}{rng.randint(1, 12):02d}{rng.randint(1, 999):03d}"


def n_re(rng: random.Random, year: int) -> str:
    return f"RE-{year}-{rng.randint(100, 9999)}"


def truth(inv: Invoice, tpl: Template) -> dict[str, str]:
    s, b = inv.seller, inv.buyer
    values = {
        "invoice_number": inv.number,
        "issue_date": inv.issue.isoformat(),
        "due_date": inv.due.isoformat(),
        "currency": inv.currency,
        "total_excl_tax": q(inv.excl),
        "total_tax": q(inv.tax),
        "total_incl_tax": q(inv.incl),
        "amount_due": q(inv.amount_due),
        "seller_name": s.name,
        "seller_vat_id": s.vat_id,
        "seller_siren": s.siren,
        "seller_siret": s.siret,
        "seller_iban": s.iban,
        "seller_bic": s.bic,
        "buyer_name": b.name,
        "buyer_vat_id": b.vat_id,
        "buyer_siren": b.siren,
        "purchase_order": inv.po,
    }
    return {name: values[name] for name in tpl.fields if values[name]}


def n_it(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 400)}/{year}"


def n_mkt(rng: random.Random, year: int) -> str:
    return f"FR{rng.randint(1, 9)}{digits(rng, 4)}{rng.choice(['AEUI', 'ABEI', 'AEUJ'])}"
