"""Layout memory: one corrected invoice of a template teaches where its fields sit; the next invoices of that
template are read from there first, and other templates or sellers never borrow it."""

from __future__ import annotations

import ocr
from ocr.layout_memory import LayoutMemory
from tests.support.invoice_family import make_family


def test_the_next_invoices_of_a_learned_template_are_read_from_memory() -> None:
    family = make_family(seed=1, count=4)
    first = ocr.extract(family[0][0])
    memory = ocr.learn(first.page_texts, family[0][1])
    assert memory is not None
    for pdf, truth in family[1:]:
        result = ocr.extract(pdf, memories=[memory])
        assert result.layout_match is not None
        assert {name: result.value(name) for name in truth} == truth


def test_a_memory_survives_its_storable_form() -> None:
    pdf, truth = make_family(seed=2, count=1)[0]
    memory = ocr.learn(ocr.extract(pdf).page_texts, truth)
    assert memory is not None
    assert LayoutMemory.from_dict(memory.to_dict()) == memory
