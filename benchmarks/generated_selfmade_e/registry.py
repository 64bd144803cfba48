"""Every template by name: a function (rng, output path) -> ground-truth fields."""

from __future__ import annotations

from benchmarks.generated_corpus import Template
from benchmarks.generated_selfmade_e import templates_abroad as abroad
from benchmarks.generated_selfmade_e import templates_office as office
from benchmarks.generated_selfmade_e import templates_online as online
from benchmarks.generated_selfmade_e import templates_trades as trades

TEMPLATES: dict[str, Template] = {
    "word_classic_fr": office.word_classic_fr,
    "excel_grid_fr": office.excel_grid_fr,
    "libreoffice_modern_fr": office.libreoffice_modern_fr,
    "gdocs_invoice_en": office.gdocs_invoice_en,
    "gsheets_facture_fr": office.gsheets_facture_fr,
    "canva_band_fr": office.canva_band_fr,
    "facture_net_style": online.facture_net_style,
    "zervant_style": online.zervant_style,
    "freebe_micro": online.freebe_micro,
    "abby_style": online.abby_style,
    "henrri_style": online.henrri_style,
    "vosfactures_style": online.vosfactures_style,
    "ma_facture_gratuite": online.ma_facture_gratuite,
    "artisan_situation": trades.artisan_situation,
    "honoraires_avocat": trades.honoraires_avocat,
    "expert_comptable_honoraires": trades.expert_comptable_honoraires,
    "garage_reparation": trades.garage_reparation,
    "hotel_folio": trades.hotel_folio,
    "formation_convention": trades.formation_convention,
    "producteur_ferme": trades.producteur_ferme,
    "translator_en": abroad.translator_en,
    "belgian_freelance": abroad.belgian_freelance,
    "swiss_qr_freelance": abroad.swiss_qr_freelance,
    "quebec_tps_tvq": abroad.quebec_tps_tvq,
    "word_avoir_fr": abroad.word_avoir_fr,
}
