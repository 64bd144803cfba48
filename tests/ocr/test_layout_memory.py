"""Layout memory: one corrected invoice of a template teaches where its fields sit; the next invoices of that
template are read from there first (values, item rows, scan shifts, OCR typos change), and other templates
or sellers never borrow it."""

from __future__ import annotations

from decimal import Decimal

import ocr
from ocr.layout import PageText, Word
from ocr.layout_memory import LayoutMemory, apply_memories, learn, match_layout
from ocr.model import Field
from ocr.page_words import MAX_WORDS, pages_from_dict, pages_to_dict
from tests.support.invoice_family import make_family

Line = tuple[float, float, str]  # x, y (points from the top), text: words split on spaces

SELLER_VAT, OTHER_VAT = "FR40303265045", "FR58399360817"


def page(lines: list[Line], *, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> PageText:
    """An A4 page whose words sit where `lines` put them (10-pt text, 5 pt a character); `scale`, `dx`
    and `dy` move the whole page as a photo or a scanner would."""
    words = []
    for x, y, text in lines:
        for token in text.split():
            x0, x1 = x * scale + dx, (x + 5.0 * len(token)) * scale + dx
            y0, y1 = y * scale + dy, (y + 10.0) * scale + dy
            words.append(Word(token, x0, y0, x1, y1))
            x += 5.0 * (len(token) + 1)
    return PageText(1, words, "text", 595.0, 842.0)


def invoice(
    number: str, issued: str, buyer: str, items: int, total: str, *, vat: str = SELLER_VAT,
    terms: str = "Paiement à réception", mirrored: bool = False,
) -> list[Line]:  # fmt: skip
    """One seller's template: header at the left, buyer under 'Facturé à' at the right, `items` rows of
    an item table that push the totals block down. `mirrored`: another template with the same words, its
    blocks placed the other way round."""
    excl = Decimal(total) / Decimal("1.2")
    tax = Decimal(total) - excl.quantize(Decimal("0.01"))
    left, right = (320, 50) if mirrored else (50, 320)
    rows = [(50, 260 + 14 * i, f"Prestation {i} 1 100,00 € 100,00 €") for i in range(items)]
    bottom = 280 + 14 * items
    amounts = (("Total HT", excl), ("TVA 20 %", tax), ("Total TTC", Decimal(total)))
    totals: list[Line] = []
    for row, (label, amount) in enumerate(amounts):
        totals += [(right, bottom + 14 * row, label), (right + 150, bottom + 14 * row, _money(amount))]
    footer = [(50, 760, terms), (50, 775, "IBAN : FR76 3000 6000 0112 3456 7890 189")]
    if mirrored:
        footer = [(left, 170, terms), (left, 185, "IBAN : FR76 3000 6000 0112 3456 7890 189")]
    return [
        (left, 50, "Atelier Marchand SARL"), (left, 65, "3 rue des Forges 25000 Besançon"),
        (left, 80, f"TVA {vat}"), (left, 120, f"Facture n° : {number}"), (left, 135, f"Date : {issued}"),
        (right, 120, "Facturé à"), (right, 135, buyer), (right, 150, "12 rue Haute 70000 Vesoul"),
        (50, 240, "Désignation Qté Prix unitaire Montant"), *rows, *totals, *footer,
    ]  # fmt: skip


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,.2f} €".replace(",", " ").replace(".", ",")


FIRST = invoice("AM-1041", "03/02/2026", "Garage Perrin", 2, "240.00")
FIRST_VALUES = {
    "invoice_number": "AM-1041", "issue_date": "2026-02-03", "buyer_name": "Garage Perrin",
    "total_excl_tax": "200.00", "total_tax": "40.00", "total_incl_tax": "240.00",
    "seller_vat_id": SELLER_VAT, "seller_iban": "FR7630006000011234567890189",
    "payment_terms": "Paiement à réception",
}  # fmt: skip
NEXT = invoice("AM-1077", "17/03/2026", "Fromagerie Vuillemin", 6, "1234.56")
NEXT_VALUES = {"invoice_number": "AM-1077", "issue_date": "2026-03-17", "buyer_name": "Fromagerie Vuillemin",
               "total_excl_tax": "1028.80", "total_tax": "205.76", "total_incl_tax": "1234.56"}  # fmt: skip


def _memory() -> LayoutMemory:
    memory = learn([page(FIRST)], FIRST_VALUES)
    assert memory is not None
    return memory


def _recalled(pages: list[PageText], memory: LayoutMemory) -> dict[str, str]:
    found = match_layout(pages, [memory])
    assert found is not None, "the memory should match"
    return {name: field.value for name, field in found[1].items()}


def test_labels_anchor_values_that_change_and_a_totals_block_pushed_down_by_more_rows() -> None:
    recalled = _recalled([page(NEXT)], _memory())

    assert {name: recalled.get(name) for name in NEXT_VALUES} == NEXT_VALUES


def test_a_scanned_or_photographed_page_is_shifted_and_scaled_back() -> None:
    recalled = _recalled([page(NEXT, scale=0.9, dx=25, dy=-12)], _memory())

    assert {name: recalled.get(name) for name in NEXT_VALUES} == NEXT_VALUES


def test_an_anchor_misread_by_ocr_is_still_found_and_an_exact_word_far_away_does_not_win() -> None:
    misread = [(x, y, "Facturë à" if text == "Facturé à" else text.replace("Total TTC", "Tota1 TTC"))
               for x, y, text in NEXT]  # fmt: skip

    recalled = _recalled([page(misread)], _memory())

    assert recalled["buyer_name"] == "Fromagerie Vuillemin"  # not the line under "Facture n°"
    assert recalled["total_incl_tax"] == "1234.56"


def test_a_name_read_without_its_accents_keeps_the_approved_spelling() -> None:
    no_accents = invoice(
        "AM-1077", "17/03/2026", "Fromagerie Vuillemin", 6, "1234.56", terms="Paiement a reception"
    )

    assert _recalled([page(no_accents)], _memory())["payment_terms"] == "Paiement à réception"


def test_the_sellers_identifier_garbled_by_ocr_is_recognised() -> None:
    garbled = invoice("AM-1077", "17/03/2026", "Fromagerie Vuillemin", 6, "1234.56", vat="FRO03O3265045")

    assert _recalled([page(garbled)], _memory())["seller_vat_id"] == SELLER_VAT


def test_another_template_with_the_same_labels_elsewhere_does_not_borrow_the_memory() -> None:
    other = invoice("AM-1077", "17/03/2026", "Fromagerie Vuillemin", 6, "1234.56", mirrored=True)

    assert match_layout([page(other)], [_memory()]) is None


def test_the_same_template_from_another_seller_does_not_borrow_the_memory() -> None:
    """A valid, different VAT number where the seller's was printed: another seller using the same tool."""
    other = invoice("AM-1077", "17/03/2026", "Fromagerie Vuillemin", 6, "1234.56", vat=OTHER_VAT)

    assert match_layout([page(other)], [_memory()]) is None


def test_recalled_totals_that_do_not_add_up_give_way_to_cold_start_totals_that_do() -> None:
    slipped = [(x, y, "34,56 €" if text == "1 234,56 €" else text) for x, y, text in NEXT]  # OCR lost "1 2"
    cold = {"total_excl_tax": Field("1028.80", 0.8), "total_tax": Field("205.76", 0.8),
            "total_incl_tax": Field("1234.56", 0.8)}  # fmt: skip

    match = apply_memories([page(slipped)], [_memory()], cold)

    assert match is not None
    assert cold["total_incl_tax"].value == "1234.56"
    assert cold["invoice_number"].value == "AM-1077"


def test_nothing_to_learn_when_no_value_is_printed() -> None:
    assert learn([page(FIRST)], {"invoice_number": "ZZ-9", "total_incl_tax": "99999.99"}) is None


def test_the_best_matching_memory_of_several_reads_the_page() -> None:
    other = learn([page(invoice("AM-1", "01/01/2026", "X", 1, "120.00", mirrored=True))],
                  {"invoice_number": "AM-1", "issue_date": "2026-01-01"})  # fmt: skip
    assert other is not None

    found = match_layout([page(NEXT)], [other, _memory()])

    assert found is not None
    assert found[0].index == 1


def test_pages_are_kept_compact_and_bounded() -> None:
    many = PageText(1, [Word(f"w{i}", 1, 2, 3, 4) for i in range(MAX_WORDS + 10)], "ocr", 595.0, 842.0)

    [back] = pages_from_dict(pages_to_dict([many]))

    assert len(back.words) == MAX_WORDS
    assert back.words[0] == Word("w0", 1.0, 2.0, 3.0, 4.0, 1.0)
    assert pages_from_dict({"v": 99}) == []


def test_the_next_invoices_of_a_learned_pdf_template_are_read_from_memory() -> None:
    family = make_family(seed=1, count=4)
    first = ocr.extract(family[0][0])
    memory = ocr.learn(first.page_texts, family[0][1])
    assert memory is not None
    for pdf, truth in family[1:]:
        result = ocr.extract(pdf, memories=[memory])
        assert result.layout_match is not None
        assert {name: result.value(name) for name in truth} == truth
        assert result.to_dict()["layout_match"]["key"] == memory.key


def test_a_memory_survives_its_storable_form() -> None:
    memory = _memory()
    assert LayoutMemory.from_dict(memory.to_dict()) == memory


def test_a_name_printed_inside_a_longer_phrase_is_read_as_approved_not_as_the_whole_phrase() -> None:
    def footed(lines: list[Line], footer: str) -> PageText:
        return page([line for line in lines if line[1] != 50] + [(50, 800, footer)])  # no name at the top

    memory = learn([footed(FIRST, "Forges Marchand - 3 rue des Forges - 25000 Besançon")],
                   {**FIRST_VALUES, "seller_name": "Forges Marchand"})  # fmt: skip
    assert memory is not None

    same = _recalled([footed(NEXT, "Forges Marchand - 3 rue des Forges - 25000 Besançon")], memory)
    assert same["seller_name"] == "Forges Marchand"
    changed = _recalled([footed(NEXT, "Menuiserie Roy - 8 rue Basse - 39000 Lons")], memory)
    assert "seller_name" not in changed  # no cut is known: cold start reads it


def _statement(
    total: str, items: int, *, header: tuple[str, str] = ("Atelier Marchand SARL", "Rapport")
) -> PageText:
    """A template whose amounts sit at the right edge, their labels at the left edge of the page, under an
    item table of `items` rows whose amounts stand in the same column."""
    rows = [(50, 200 + 14 * i, f"Prestation {i}") for i in range(items)]
    rows += [(480, 200 + 14 * i, "19,99") for i in range(items)]
    bottom = 220 + 14 * items
    return page([
        (50, 50, header[0]), (50, 65, header[1]), (50, 120, "Rechnung Nr. R-77"),
        (50, 170, "Beschreibung"), (480, 170, "Betrag"), *rows,
        (50, bottom, "Zahlbetrag"), (480, bottom, total),
    ])  # fmt: skip


def test_a_total_far_right_of_its_label_is_found_by_the_label_when_a_longer_table_pushes_it_down() -> None:
    memory = learn([_statement("240,00", 2)], {"invoice_number": "R-77", "amount_due": "240.00"})
    assert memory is not None

    # Where the amount due was printed, the next invoice prints an item's amount.
    recalled = _recalled([_statement("1 234,56", 6)], memory)

    assert recalled["amount_due"] == "1234.56"


def test_the_same_body_under_another_tools_header_does_not_borrow_the_memory() -> None:
    """Two renderings of one seller's data: same labels and values, the body shifted under another header."""
    memory = learn([_statement("240,00", 2)], {"invoice_number": "R-77", "amount_due": "240.00"})
    assert memory is not None
    other = page([(x, y + (60 if y > 100 else 0), text) for x, y, text in (
        (50, 50, "Lesbarmachung elektronischer Daten"), (50, 65, "Stylesheet Version vom"),
        (50, 80, "Rechnungsstandard XRechnung"), (50, 120, "Rechnung Nr. R-77"), (50, 170, "Beschreibung"),
        (480, 170, "Betrag"), (50, 200, "Prestation 0"), (480, 200, "19,99"), (50, 214, "Prestation 1"),
        (480, 214, "19,99"), (50, 248, "Zahlbetrag"), (480, 248, "240,00"),
    )])  # fmt: skip
    same_header_moved = page([(x, y + (60 if y > 100 else 0), text) for x, y, text in (
        (50, 50, "Atelier Marchand SARL"), (50, 65, "Rapport"), (50, 120, "Rechnung Nr. R-78"),
        (50, 170, "Beschreibung"), (480, 170, "Betrag"), (50, 200, "Prestation 0"), (480, 200, "19,99"),
        (50, 214, "Prestation 1"), (480, 214, "19,99"), (50, 248, "Zahlbetrag"), (480, 248, "240,00"),
    )])  # fmt: skip

    assert match_layout([other], [memory]) is None
    assert _recalled([same_header_moved], memory)["invoice_number"] == "R-78"


def test_the_sellers_name_misread_by_ocr_keeps_its_approved_spelling_and_another_name_is_another_seller() -> (
    None
):
    lines = [
        line for line in NEXT if line[1] != 80
    ]  # no VAT number: the name is all that tells sellers apart
    memory = learn(
        [page([line for line in FIRST if line[1] != 80])],
        {**FIRST_VALUES, "seller_name": "Atelier Marchand SARL"},
    )
    assert memory is not None

    def named(name: str) -> PageText:
        return page([(x, y, name if text == "Atelier Marchand SARL" else text) for x, y, text in lines])

    assert _recalled([named("Atelier Marchand SARI")], memory)["seller_name"] == "Atelier Marchand SARL"
    assert match_layout([named("Quincaillerie Bonnet SAS")], [memory]) is None


def test_a_number_ocr_cut_in_two_where_no_space_is_printed_is_read_whole() -> None:
    whole = page(NEXT)
    [number] = [w for w in whole.words if w.text == "AM-1077"]
    middle = number.x0 + 5.0 * 5
    cut = [
        Word("AM-10", number.x0, number.y0, middle - 1.0, number.y1),
        Word("77", middle + 1.0, number.y0, number.x1, number.y1),
    ]
    pages = [PageText(1, [w for w in whole.words if w is not number] + cut, "ocr", 595.0, 842.0)]

    assert _recalled(pages, _memory())["invoice_number"] == "AM-1077"


def test_the_approved_seller_name_moved_by_its_letterhead_is_found_where_it_now_stands() -> None:
    def headed(lines: list[Line], name: str) -> PageText:
        # The letterhead gained a tagline: the name is a line higher and the tagline stands where it was.
        kept = [line for line in lines if line[1] != 50]
        return page([*kept, (50, 35, name), (50, 50, "Menuiserie - Ébénisterie")])

    memory = learn([page(FIRST)], {**FIRST_VALUES, "seller_name": "Atelier Marchand"})
    assert memory is not None
    moved = _recalled([headed(NEXT, "Atelier Marchand SARL")], memory)
    assert moved["seller_name"] == "Atelier Marchand"  # as approved, not the tagline nor the whole phrase
    other = _recalled([headed(NEXT, "Scierie Jacquet SARL")], memory)
    assert "seller_name" not in other  # another name there: cold start reads it
