"""General reading rules: OCR table rules glued to words, labels run together, logo words as names."""

from __future__ import annotations

from collections.abc import Callable

import ocr
from ocr.ocr_words import parse_tsv
from ocr.parties import is_name_like
from tests.support.files import text_pdf_bytes

_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*words: str) -> str:
    rows = [f"5\t1\t1\t1\t1\t{i}\t{100 + 120 * i}\t100\t100\t30\t90\t{w}" for i, w in enumerate(words, 1)]
    return "\n".join([_TSV_HEADER, *rows])


def test_table_rules_read_into_words_are_dropped() -> None:
    words = parse_tsv(_tsv("|Total", "1.245,30€|", "lResteapayer", "|", "IBAN", "Ilot"), 300)
    assert [w.text for w in words] == ["Total", "1.245,30€", "Resteapayer", "IBAN", "Ilot"]


def test_labels_run_together_by_ocr_still_count() -> None:
    pdf = text_pdf_bytes([["Facture n° RT-7", "Date : 05/01/2026", "TotalHT : 100,00 €", "TVA 20 % : 20,00 €",
                           "Montant TotalTTC : 120,00 €", "Acompte versé : 20,00 €",
                           "Resteapayer : 100,00 €"]])  # fmt: skip
    result = ocr.extract(pdf)
    values = {
        name: result.value(name) for name in ("total_excl_tax", "total_tax", "total_incl_tax", "amount_due")
    }
    assert values == {"total_excl_tax": "100.00", "total_tax": "20.00", "total_incl_tax": "120.00",
                      "amount_due": "100.00"}  # fmt: skip


def test_a_logo_word_gives_way_to_the_full_name(make_text_pdf: Callable[..., bytes]) -> None:
    pdf = make_text_pdf([[
        (50, 60, 26, "NORDVENT"),
        (400, 60, 16, "FACTURE"),
        (400, 84, 10, "Facture n° NV-1043"),
        (400, 98, 10, "Date : 12/02/2026"),
        (50, 150, 10, "Compagnie des Vents du Nordvent"),
        (50, 164, 10, "4 quai de la Deule"),
        (50, 178, 10, "59000 Lille"),
        (320, 220, 10, "Client :"),
        (320, 234, 10, "Brasserie Lemaire"),
        (320, 248, 10, "8 place Rihour"),
        (320, 262, 10, "59800 Lille"),
        (50, 400, 10, "Total HT"), (450, 400, 10, "500,00"),
        (50, 414, 10, "Total TVA"), (450, 414, 10, "100,00"),
        (50, 428, 10, "Total TTC"), (450, 428, 10, "600,00"),
    ]])  # fmt: skip
    result = ocr.extract(pdf)
    assert result.value("seller_name") == "Compagnie des Vents du Nordvent"
    assert result.value("buyer_name") == "Brasserie Lemaire"


def test_words_that_are_not_names() -> None:
    assert not is_name_like("EUR")
    assert not is_name_like("vom")
    assert is_name_like("Lieferant GmbH")
    assert is_name_like("PACANO")
