"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_c import shops

TEMPLATES: dict[str, Template] = {
    "thelia_invoice": shops.thelia_invoice,
    "shopware_invoice": shops.shopware_invoice,
}
