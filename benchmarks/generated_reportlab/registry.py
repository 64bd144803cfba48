"""Every template by name (the name becomes the corpus source)."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_reportlab import templates_erp, templates_fr, templates_intl, templates_more

TEMPLATES: dict[str, Template] = {
    "rl_gestcom_boxed": templates_fr.t_gestcom_boxed,
    "rl_continuation": templates_fr.t_continuation,
    "rl_preprinted": templates_fr.t_preprinted,
    "rl_statement": templates_fr.t_statement,
    "rl_coupon": templates_fr.t_coupon,
    "rl_odoo": templates_erp.t_odoo,
    "rl_dolibarr": templates_erp.t_dolibarr,
    "rl_subscription": templates_erp.t_subscription,
    "rl_artisan": templates_erp.t_artisan,
    "rl_credit_note": templates_erp.t_credit_note,
    "rl_totals_band": templates_more.t_totals_band,
    "rl_export_eu": templates_more.t_export_eu,
    "rl_till": templates_more.t_till,
    "rl_de_sap": templates_intl.t_de_sap,
    "rl_it_fattura": templates_intl.t_it_fattura,
    "rl_es_factura": templates_intl.t_es_factura,
    "rl_nl_factuur": templates_intl.t_nl_factuur,
    "rl_be_bilingual": templates_intl.t_be_bilingual,
    "rl_lu_facture": templates_intl.t_lu_facture,
    "rl_ca_qc": templates_intl.t_ca_qc,
    "rl_ma_facture": templates_intl.t_ma_facture,
    "rl_uk_invoice": templates_intl.t_uk_invoice,
    "rl_us_invoice": templates_intl.t_us_invoice,
    "rl_ch_rechnung": templates_intl.t_ch_rechnung,
}
