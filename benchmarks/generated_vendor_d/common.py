"""Shared printing helpers: amounts with currency signs, spaced identifiers, legal footers, utility lines."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from benchmarks.generated_software_b import ids
from benchmarks.generated_software_b.data import CENT, Line, Party, fmt_amount, fmt_date
from benchmarks.generated_vendor_d.page import Page

Footer = Callable[[Page, int], None]


def eur(value: Decimal, style: str = "fr", sign: str = "€", before: bool = False) -> str:
    """An amount as vendors print it: '1 234,56 €', '€1,234.56', '1.234,56 EUR'."""
    text = fmt_amount(value, style)
    if before:
        return f"{sign}{text}" if len(sign) == 1 else f"{sign} {text}"
    return f"{text} {sign}"


def d(day: date, style: str = "d/m/Y", lang: str = "fr") -> str:
    return fmt_date(day, style, lang)


def spaced_siret(siret: str) -> str:
    return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"


def spaced_siren(siren: str) -> str:
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}"


def spaced_vat(vat: str) -> str:
    """'FR12345678901' -> 'FR 12 345 678 901' as French invoices often print it."""
    return f"{vat[:2]} {vat[2:4]} {spaced_siren(vat[4:])}" if vat.startswith("FR") else vat


def legal_form(name: str) -> str:
    return name.split()[-1]


def fr_legal_line(p: Party, siret: bool = True) -> str:
    parts = [f"{p.name} au capital de {p.capital} €", p.rcs]
    if siret:
        parts.append(f"SIRET {p.siret}")
    parts += [f"APE {p.naf.replace('.', '')}", f"N° TVA intracommunautaire {p.vat}"]
    return " - ".join(parts)


def centred_footer(lines: list[str], size: float = 6.5, page_label: str = "Page {n}") -> Footer:
    def draw(page: Page, n: int) -> None:
        y = page.height - 6 - 3.2 * len(lines)
        page.hline(15, page.width - 15, y - 3.5, 0.3, grey=0.5)
        for line in lines:
            page.t(page.width / 2, y, line, size, align="c")
            y += 3.2
        if page_label:
            page.t(page.width - 15, page.height - 6, page_label.format(n=n), 6.5, align="r")

    return draw


def ref(rng: random.Random, pattern: str) -> str:
    """Fill a pattern: '9' a digit, '?' an upper-case letter, anything else kept."""
    out = []
    for ch in pattern:
        if ch == "9":
            out.append(rng.choice("0123456789"))
        elif ch == "?":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def line(
    desc: str, qty: Decimal | int | str, price: Decimal | str, rate: str, unit: str = "", code: str = ""
) -> Line:
    return Line(ref=code, desc=desc, qty=Decimal(qty), unit=unit, price=Decimal(price), rate=Decimal(rate))


def price(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(rng.uniform(low, high))).quantize(CENT)


def qty_text(q: Decimal, comma: bool = True) -> str:
    text = f"{q.normalize():f}"
    return text.replace(".", ",") if comma else text


def iban_spaced(p: Party) -> str:
    return ids.group(p.iban)
