"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_a import templates_dolibarr as dolibarr
from benchmarks.generated_software_a import templates_more as more
from benchmarks.generated_software_a import templates_saas as saas
from benchmarks.generated_software_a import templates_shop as shop

TEMPLATES: dict[str, Template] = {
    "dolibarr_crabe": dolibarr.dolibarr_crabe,
    "dolibarr_crabe_long": dolibarr.dolibarr_crabe_long,
    "dolibarr_sponge": dolibarr.dolibarr_sponge,
    "dolibarr_sponge_be": dolibarr.dolibarr_sponge_be,
    "dolibarr_crabe_ch": dolibarr.dolibarr_crabe_ch,
    "dolibarr_sponge_de": dolibarr.dolibarr_sponge_de,
    "prestashop_invoice": shop.prestashop_invoice,
    "prestashop_b2b": shop.prestashop_b2b,
    "woocommerce_simple": shop.woocommerce_simple,
    "magento2_invoice": shop.magento2_invoice,
    "opencart_invoice": shop.opencart_invoice,
    "sylius_invoice": shop.sylius_invoice,
    "invoiceplane_default": saas.invoiceplane_default,
    "invoiceninja_clean": saas.invoiceninja_clean,
    "invoiceninja_bold": saas.invoiceninja_bold,
    "akaunting_default": saas.akaunting_default,
    "crater_invoice1": saas.crater_invoice1,
    "kimai_default": saas.kimai_default,
    "facturascripts_default": saas.facturascripts_default,
    "invoiceplane_german": more.invoiceplane_german,
    "kimai_freelancer": more.kimai_freelancer,
    "akaunting_classic": more.akaunting_classic,
    "crater_invoice2": more.crater_invoice2,
    "invoiceninja_plain": more.invoiceninja_plain,
}
