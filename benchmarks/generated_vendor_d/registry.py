"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_vendor_d import (
    templates_intl,
    templates_office,
    templates_online,
    templates_trade,
    templates_utility,
)

TEMPLATES: dict[str, Template] = {
    "telecom_fr": templates_utility.telecom_fr,
    "energy_fr": templates_utility.energy_fr,
    "water_fr": templates_utility.water_fr,
    "cloud_ovh_fr": templates_online.cloud_ovh_fr,
    "marketplace_amazon_fr": templates_online.marketplace_amazon_fr,
    "retail_ldlc_fr": templates_online.retail_ldlc_fr,
    "google_workspace_fr": templates_online.google_workspace_fr,
    "fee_note_fr": templates_office.fee_note_fr,
    "libreoffice_artisan_fr": templates_office.libreoffice_artisan_fr,
    "excel_grid_fr": templates_office.excel_grid_fr,
    "chorus_public_fr": templates_office.chorus_public_fr,
    "fuel_card_fr": templates_office.fuel_card_fr,
    "transport_fr": templates_office.transport_fr,
    "wholesaler_fr": templates_trade.wholesaler_fr,
    "leasing_fr": templates_trade.leasing_fr,
    "aws_invoice": templates_intl.aws_invoice,
    "scaleway_en": templates_intl.scaleway_en,
    "lexoffice_de": templates_intl.lexoffice_de,
    "holded_es": templates_intl.holded_es,
    "fatture_cloud_it": templates_intl.fatture_cloud_it,
    "moneybird_nl": templates_intl.moneybird_nl,
    "xero_standard": templates_intl.xero_standard,
    "quickbooks_us": templates_intl.quickbooks_us,
}
