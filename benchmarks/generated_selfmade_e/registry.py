"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_selfmade_e import templates_office as office

TEMPLATES: dict[str, Template] = {
    "word_classic_fr": office.word_classic_fr,
    "excel_grid_fr": office.excel_grid_fr,
    "libreoffice_modern_fr": office.libreoffice_modern_fr,
    "gdocs_invoice_en": office.gdocs_invoice_en,
    "gsheets_facture_fr": office.gsheets_facture_fr,
    "canva_band_fr": office.canva_band_fr,
}
