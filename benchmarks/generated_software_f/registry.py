"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_f import templates_fr

TEMPLATES: dict[str, Template] = {
    "dolibarr_oursin": templates_fr.dolibarr_oursin,
    "sage100_facture": templates_fr.sage100_facture,
    "ebp_facture": templates_fr.ebp_facture,
}
