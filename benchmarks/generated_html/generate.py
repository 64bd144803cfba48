"""Invoice data to HTML to PDF to the three corpus variants, with one ground-truth line per file."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from benchmarks.generated_html.catalog import TEMPLATES_DIR, Template, truth
from benchmarks.generated_html.formats import format_date, format_money, format_rate
from benchmarks.generated_html.model import Invoice, build
from benchmarks.generated_html.render import html_to_pdf

MAKE_VARIANTS = Path("/work/shared/tools/make_variants.py")
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
AUTO_DATE = {"fr": "slash", "de": "dot", "es": "slash", "it": "slash", "nl": "dash", "en": "short"}
AUTO_MONEY = {"fr": "fr", "de": "de", "es": "de", "it": "it", "nl": "it", "en": "en"}
VARIANTS = (("text", ".text.pdf"), ("scan", ".scan.pdf"), ("photo", ".scan.jpg"))


def seed_for(name: str, n: int, seed: int) -> int:
    return sum(ord(c) * (i + 7) for i, c in enumerate(name)) * 1009 + n * 7919 + seed


def render_html(inv: Invoice, tpl: Template, rng: random.Random) -> str:
    date_style, money_style = rng.choice(tpl.date_styles), rng.choice(tpl.money_styles)
    date_style = AUTO_DATE[inv.lang] if date_style == "auto" else date_style
    money_style = AUTO_MONEY[inv.lang] if money_style == "auto" else money_style
    decimal = "." if money_style.startswith("en") or money_style in ("ch", "bare_en") else ","

    def money(value: Decimal, style: str = "") -> str:
        return format_money(value, inv.currency, style or money_style)

    context: dict[str, Any] = {
        "inv": inv,
        "s": inv.seller,
        "b": inv.buyer,
        "m": money,
        "d": lambda day, style="": format_date(day, style or date_style, inv.lang),
        "r": lambda rate: format_rate(rate, decimal),
        "pick": rng.random(),
        "choice": rng.choice,
    }
    return ENV.get_template(tpl.path.name).render(context)


def make_one(browser: Any, tpl: Template, n: int, out: Path, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed_for(tpl.name, n, seed))
    inv = build(tpl.recipe, rng)
    html = render_html(inv, tpl, rng)
    stem = out / "visual" / f"{tpl.name}__{n}"
    stem.parent.mkdir(parents=True, exist_ok=True)
    printed = stem.with_suffix(".print.pdf")
    printed.write_bytes(html_to_pdf(browser, html, tpl.page_label))
    subprocess.run([sys.executable, str(MAKE_VARIANTS), str(printed), str(stem)], check=True)
    printed.unlink()
    fields = truth(inv, tpl)
    return [
        {
            "file": f"visual/{stem.name}{suffix}",
            "variant": variant,
            "source": f"generated:{tpl.name}",
            "fields": fields,
        }
        for variant, suffix in VARIANTS
    ]


def write_corpus(browser: Any, templates: list[Template], out: Path, per_template: int, seed: int) -> int:
    rows = []
    for tpl in templates:
        for n in range(1, per_template + 1):
            rows += make_one(browser, tpl, n, out, seed)
    with (out / "ground_truth.jsonl").open("w") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)
