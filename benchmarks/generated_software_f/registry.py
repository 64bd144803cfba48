"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_f import (
    templates_eu,
    templates_fr,
    templates_fr_saas2,
    templates_more,
    templates_online,
    templates_saas_fr,
)

TEMPLATES: dict[str, Template] = {
    "dolibarr_oursin": templates_fr.dolibarr_oursin,
    "sage100_facture": templates_fr.sage100_facture,
    "ebp_facture": templates_fr.ebp_facture,
    "pennylane_facture": templates_saas_fr.pennylane_facture,
    "qonto_facture": templates_saas_fr.qonto_facture,
    "sellsy_facture": templates_saas_fr.sellsy_facture,
    "axonaut_facture": templates_saas_fr.axonaut_facture,
    "invoiceninja_business": templates_saas_fr.invoiceninja_business,
    "zoho_standard": templates_online.zoho_standard,
    "freshbooks_classic": templates_online.freshbooks_classic,
    "wave_invoice": templates_online.wave_invoice,
    "square_invoice": templates_online.square_invoice,
    "shopify_order_printer": templates_online.shopify_order_printer,
    "sevdesk_rechnung": templates_eu.sevdesk_rechnung,
    "germanized_rechnung": templates_eu.germanized_rechnung,
    "exact_online_factuur": templates_eu.exact_online_factuur,
    "fattura24_fattura": templates_eu.fattura24_fattura,
    "factusol_factura": templates_eu.factusol_factura,
    "invoiceninja_elegant": templates_eu.invoiceninja_elegant,
    "cegid_facture": templates_more.cegid_facture,
    "invoiceninja_hipster": templates_more.invoiceninja_hipster,
    "evoliz_facture": templates_fr_saas2.evoliz_facture,
    "tiime_facture": templates_fr_saas2.tiime_facture,
}
