"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_b import (
    templates_erp,
    templates_libs,
    templates_more,
    templates_saas,
    templates_tex,
)

TEMPLATES: dict[str, Template] = {
    "odoo_invoice": templates_erp.odoo_invoice,
    "odoo_din5008": templates_erp.odoo_din5008,
    "odoo_boxed_downpayment": templates_erp.odoo_boxed_downpayment,
    "erpnext_standard": templates_erp.erpnext_standard,
    "erpnext_din5008": templates_erp.erpnext_din5008,
    "tryton_invoice": templates_erp.tryton_invoice,
    "maaslalani_invoice": templates_libs.maaslalani_invoice,
    "go_invoice_generator": templates_libs.go_invoice_generator,
    "ruby_invoice_printer": templates_libs.ruby_invoice_printer,
    "py_invoicegenerator": templates_libs.py_invoicegenerator,
    "pdfkit_invoice": templates_libs.pdfkit_invoice,
    "easyinvoice": templates_libs.easyinvoice,
    "latex_facture_fr": templates_tex.latex_facture_fr,
    "latex_facture_class": templates_tex.latex_facture_class,
    "latex_dapper_invoice": templates_tex.latex_dapper_invoice,
    "latex_scrlttr2_rechnung": templates_tex.latex_scrlttr2_rechnung,
    "stripe_like_invoice": templates_saas.stripe_like_invoice,
    "easyinvoicepdf_default": templates_saas.easyinvoicepdf_default,
    "xrechnung_viewer": templates_saas.xrechnung_viewer,
    "fatturapa_assosoftware": templates_saas.fatturapa_assosoftware,
    "gnucash_invoice": templates_more.gnucash_invoice,
    "frappe_books_business": templates_more.frappe_books_business,
    "invoice_generator_api": templates_more.invoice_generator_api,
    "rust_invoice_generator": templates_more.rust_invoice_generator,
}
