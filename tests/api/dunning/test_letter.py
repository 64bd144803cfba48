from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from api.dunning.letter import (
    FormalNotice,
    NoticeLine,
    Party,
    notice_text,
    render_formal_notice,
)
from api.money import format_money
from api.pdf_fonts import LetterFontMissing

CREDITOR = Party(
    name="Boulangerie Lœuvre SARL",
    address="12 rue de l'Église\n69001 Lyon",
    siren="123456789",
    email="compta@loeuvre.fr",
)
DEBTOR = Party(name="Café Étoile SAS", address="3 place Bellecour\n69002 Lyon", siren="987654321", email=None)
PAY_URL = "https://pay.encaisse.fr/p/Ab3dE9"


def _line(number: str, amount_due: int, penalty: int = 0, indemnity: int = 0) -> NoticeLine:
    return NoticeLine(
        number=number,
        issue_date=date(2025, 1, 2),
        due_date=date(2025, 2, 1),
        amount_due=amount_due,
        penalty=penalty,
        indemnity=indemnity,
    )


def _business(language: str = "fr", lines: list[NoticeLine] | None = None) -> FormalNotice:
    return FormalNotice(
        language="en" if language == "en" else "fr",
        creditor=CREDITOR,
        debtor=DEBTOR,
        consumer=False,
        lines=lines or [_line("F-2025-017", 123456, 1897, 4000), _line("F-2025-023", 98000, 1006, 4000)],
        currency="EUR",
        penalty_rate="12,15 %",
        issued_on=date(2025, 3, 10),
        deadline=date(2025, 3, 25),
        pay_url=PAY_URL,
        iban="FR76 3000 6000 0112 3456 7890 189",
        place="Lyon",
        previous_reminders=3,
    )


def _consumer() -> FormalNotice:
    return replace(
        _business(),
        debtor=Party(name="Jérôme Dupré", address="8 allée des Cœurs\n75011 Paris", siren=None, email=None),
        consumer=True,
        lines=[_line("F-2025-031", 45000), _line("F-2025-032", 12050)],
        penalty_rate=None,
    )


def _claimed(notice: FormalNotice) -> int:
    return sum(line.amount_due + line.penalty + line.indemnity for line in notice.lines)


def _pages(pdf: bytes) -> list[str]:
    assert pdf.startswith(b"%PDF-")
    # keep_blank_chars keeps the no-break spaces format_money puts inside amounts.
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text(keep_blank_chars=True) for page in document.pages]


def _flat(text: str) -> str:
    # Wrapped paragraphs and the kind of space (ordinary, no-break, narrow) do not matter to a reader.
    return " ".join(text.split())


class TestBusinessNotice:
    def test_the_pdf_names_the_parties_the_invoices_the_total_and_how_to_pay(self) -> None:
        notice = _business()
        text = "\n".join(_pages(render_formal_notice(notice)))

        assert "MISE EN DEMEURE DE PAYER" in text
        assert "Lettre recommandée avec accusé de réception" in text
        assert CREDITOR.name in text
        assert DEBTOR.name in text
        assert "F-2025-017" in text
        assert "F-2025-023" in text
        assert format_money(_claimed(notice), "EUR", "fr") in text
        assert _flat(format_money(_claimed(notice), "EUR", "fr")) == "2 323,59 €"
        assert "25/03/2025" in text
        assert PAY_URL in text
        assert "FR76 3000 6000 0112 3456 7890 189" in text

    def test_it_states_the_legal_basis_of_penalties_and_of_the_40_euro_indemnity(self) -> None:
        text = _flat("\n".join(_pages(render_formal_notice(_business()))))

        assert "article L441-10 du Code de commerce" in text
        assert "12,15 %" in text
        assert "indemnité forfaitaire pour frais de recouvrement de 40,00 € par facture" in text
        assert "D441-5" in text
        assert "injonction de payer" in text
        assert "tribunal de commerce" in text
        assert "Pour Boulangerie Lœuvre SARL" in text

    def test_accents_euro_sign_and_oe_ligature_survive_the_round_trip(self) -> None:
        text = "\n".join(_pages(render_formal_notice(_business())))

        for word in ("Lœuvre", "Église", "Café Étoile", "Échéance", "Montant dû", "Pénalités", "À Lyon"):
            assert word in text
        assert "€" in text

    def test_the_plain_text_carries_the_same_wording(self) -> None:
        notice = _business()
        text = notice_text(notice)

        assert "Objet : MISE EN DEMEURE DE PAYER" in text
        assert f"Total réclamé : {format_money(_claimed(notice), 'EUR', 'fr')}" in text
        assert "au plus tard le 25/03/2025" in text
        assert PAY_URL in text
        pdf_text = _flat("\n".join(_pages(render_formal_notice(notice))))
        openers = ("Malgré", "En application", "En conséquence", "À défaut", "La présente")
        prose = [paragraph for paragraph in text.split("\n\n") if paragraph.startswith(openers)]
        assert len(prose) == len(openers)
        for paragraph in prose:
            assert _flat(paragraph) in pdf_text


class TestConsumerNotice:
    def test_no_indemnity_and_no_commercial_code_penalties_but_legal_interest(self) -> None:
        notice = _consumer()
        pdf_text = _flat("\n".join(_pages(render_formal_notice(notice))))

        for text in (pdf_text, _flat(notice_text(notice))):
            assert "L441-10" not in text
            assert "D441-5" not in text
            assert "40,00" not in text
            assert "indemnité" not in text.lower()
            assert "1231-6" in text
            assert "intérêts au taux légal à compter de la présente mise en demeure" in text
            assert "tribunal judiciaire" in text
            assert "petites créances" in text
        assert format_money(_claimed(notice), "EUR", "fr") in "\n".join(_pages(render_formal_notice(notice)))

    def test_a_consumer_cannot_be_charged_the_recovery_indemnity(self) -> None:
        with pytest.raises(ValueError, match="consumer"):
            replace(_consumer(), lines=[_line("F-2025-031", 45000, indemnity=4000)])

    def test_small_claims_are_not_offered_above_5000_euros(self) -> None:
        text = notice_text(replace(_consumer(), lines=[_line("F-2025-040", 500001)]))

        assert "petites créances" not in text
        assert "tribunal judiciaire" in text


class TestEnglishNotice:
    def test_the_english_letter_uses_english_wording_dates_and_amounts(self) -> None:
        notice = _business("en")
        text = "\n".join(_pages(render_formal_notice(notice)))

        assert "FORMAL NOTICE TO PAY" in text
        assert "MISE EN DEMEURE DE PAYER" not in text
        assert "25 March 2025" in text
        assert "10 March 2025" in text
        assert format_money(_claimed(notice), "EUR", "en") == "€2,323.59"
        assert format_money(_claimed(notice), "EUR", "en") in text
        assert "€40.00 per invoice" in _flat(text)
        assert "Subject: FORMAL NOTICE TO PAY" in notice_text(notice)


class TestLongNotice:
    def test_sixty_invoices_spill_over_several_pages_and_all_are_listed(self) -> None:
        lines = [_line(f"F-2024-{index:04d}", 10000 + index, 150, 4000) for index in range(60)]
        notice = _business(lines=lines)
        pages = _pages(render_formal_notice(notice))

        assert len(pages) > 1
        text = "\n".join(pages)
        for line in lines:
            assert line.number in text
        assert format_money(_claimed(notice), "EUR", "fr") in text
        assert f"Page 1/{len(pages)}" in pages[0]


class TestInputs:
    def test_the_same_notice_renders_to_the_same_bytes(self) -> None:
        assert render_formal_notice(_business()) == render_formal_notice(_business())

    def test_a_missing_font_is_reported_clearly(self, tmp_path: Path) -> None:
        with pytest.raises(LetterFontMissing, match="DejaVuSans.ttf"):
            render_formal_notice(_business(), font_dir=tmp_path)

    def test_the_deadline_must_follow_the_notice(self) -> None:
        with pytest.raises(ValueError, match="deadline"):
            replace(_business(), deadline=date(2025, 3, 10))

    def test_a_notice_claiming_penalties_needs_a_penalty_rate(self) -> None:
        with pytest.raises(ValueError, match="penalty rate"):
            replace(_business(), penalty_rate=None)
