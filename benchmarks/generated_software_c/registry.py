"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_software_c import billing, erp, french, more, shops, shops2

TEMPLATES: dict[str, Template] = {
    "thelia_invoice": shops.thelia_invoice,
    "shopware_invoice": shops.shopware_invoice,
    "oxid_invoicepdf": shops2.oxid_invoicepdf,
    "prestashop16_invoice": shops2.prestashop16_invoice,
    "openmage_invoice": shops2.openmage_invoice,
    "paheko_facture": billing.paheko_facture,
    "lago_invoice": billing.lago_invoice,
    "killbill_invoice": billing.killbill_invoice,
    "siwapp_invoice": billing.siwapp_invoice,
    "invoiceninja_calm": billing.invoiceninja_calm,
    "invoiceninja_tech": billing.invoiceninja_tech,
    "axelor_invoice": erp.axelor_invoice,
    "idempiere_invoice": erp.idempiere_invoice,
    "ofbiz_invoice": erp.ofbiz_invoice,
    "fakturama_rechnung": erp.fakturama_rechnung,
    "fossbilling_invoice": more.fossbilling_invoice,
    "solidinvoice_invoice": more.solidinvoice_invoice,
    "galette_facture": more.galette_facture,
    "openbravo_factura": more.openbravo_factura,
    "metasfresh_rechnung": more.metasfresh_rechnung,
    "dolibarr_octopus": french.dolibarr_octopus,
    "openconcerto_facture": french.openconcerto_facture,
}
