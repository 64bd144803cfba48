"""Matching statement credits to open invoices: each rule of api.bank.matching's docstring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from api.bank.formats import StatementLine, parse_statement
from api.bank.matching import MatchDecision, OpenInvoice, match_lines, name_score


def line(
    amount: int,
    remittance: str | None = None,
    payer: str | None = None,
    ref: str = "L1",
    currency: str = "EUR",
) -> StatementLine:
    return StatementLine(ref, date(2024, 3, 4), amount, currency, payer, remittance, None)


def invoice(
    id: str,
    number: str | None,
    balance: int,
    buyer: str | None = None,
    currency: str = "EUR",
    pay_reference: str | None = None,
) -> OpenInvoice:
    return OpenInvoice(id, number, buyer, balance, currency, pay_reference)


def decide(statement_line: StatementLine, *invoices: OpenInvoice) -> MatchDecision:
    (decision,) = match_lines([statement_line], invoices)
    return decision


# ---------------------------------------------------------------- references


def test_reference_and_equal_amount_is_sure() -> None:
    decision = decide(
        line(120000, "VIR FACTURE F-2024-001"),
        invoice("a", "F-2024-001", 120000),
        invoice("b", "F-2024-002", 120000),
    )

    assert (decision.outcome, decision.invoice_ids, decision.candidates) == ("sure", ("a",), ())
    assert decision.line_ref == "L1"
    assert "F-2024-001" in decision.reason


@pytest.mark.parametrize(
    "remittance",
    ["facture F2024001", "F 2024 001", "reglement f-2024/001.", "REF:F.2024.001;", "FACTURE F-2024-001 ET"],
)
def test_invoice_number_is_found_whatever_its_separators(remittance: str) -> None:
    assert decide(line(5000, remittance), invoice("a", "F-2024-001", 5000)).outcome == "sure"


@pytest.mark.parametrize("remittance", ["F2024-0012", "REF2024001", "F20240011", "AF-2024-001", "F2024 01"])
def test_invoice_number_must_be_a_whole_token(remittance: str) -> None:
    decision = decide(line(4999, remittance), invoice("a", "F2024001", 5000))

    assert decision.outcome == "none"


def test_pay_reference_counts_as_a_reference() -> None:
    decision = decide(
        line(35050, "RF18539007547034"),
        invoice("a", "FA-0042", 35050, buyer="Boulangerie Lefèvre", pay_reference="RF18 5390 0754 7034"),
        invoice("b", "FA-0043", 35050, buyer="Boulangerie Lefèvre"),
    )

    assert (decision.outcome, decision.invoice_ids) == ("sure", ("a",))


def test_short_invoice_numbers_are_not_looked_for_in_the_text() -> None:
    # "12" would be found in "12,00" or a date: such a number never counts as a reference.
    decision = decide(line(1200, "PAIEMENT 12,00 DU 12/03"), invoice("a", "12", 9900))

    assert decision.outcome == "none"


def test_reference_with_a_different_amount_is_a_proposed_partial_payment() -> None:
    decision = decide(
        line(50000, "Acompte facture F2024-031"),
        invoice("a", "F2024-031", 98040),
        invoice("b", "F2024-099", 50000),
    )

    assert decision.outcome == "proposed"
    assert decision.invoice_ids == ()
    # The referenced invoice first, then the unreferenced one of exactly that amount.
    assert decision.candidates == ("a", "b")
    assert "differs" in decision.reason


def test_amount_equal_to_the_sum_of_referenced_invoices_is_sure_for_all_of_them() -> None:
    decision = decide(
        line(240000, "Factures F2024-017 et F2024-018"),
        invoice("a", "F2024-017", 150000),
        invoice("b", "F2024-018", 90000),
        invoice("c", "F2024-019", 240000),
    )

    assert (decision.outcome, decision.invoice_ids) == ("sure", ("a", "b"))


def test_amount_equal_to_several_referenced_invoices_is_ambiguous() -> None:
    decision = decide(
        line(90000, "Factures F2024-017 ou F2024-018"),
        invoice("a", "F2024-017", 90000),
        invoice("b", "F2024-018", 90000),
    )

    assert (decision.outcome, decision.candidates) == ("proposed", ("a", "b"))
    assert "2 referenced invoices" in decision.reason


def test_sum_of_referenced_invoices_that_differs_is_proposed() -> None:
    decision = decide(
        line(200000, "Factures F2024-017 et F2024-018"),
        invoice("a", "F2024-017", 150000),
        invoice("b", "F2024-018", 90000),
    )

    assert decision.outcome == "proposed"
    assert decision.candidates == ("a", "b")  # closest balance first


# ---------------------------------------------------------------- amount and payer name


def test_amount_and_payer_name_of_exactly_one_invoice_is_sure() -> None:
    decision = decide(
        line(120000, "VIREMENT", payer="VIR SEPA DUPONT BATIMENT S.A.R.L."),
        invoice("a", "F-1", 120000, buyer="Dupont Bâtiment"),
        invoice("b", "F-2", 120000, buyer="Martin Plomberie SAS"),
        invoice("c", "F-3", 80000, buyer="Dupont Bâtiment"),
    )

    assert (decision.outcome, decision.invoice_ids) == ("sure", ("a",))


def test_amount_equal_to_several_invoices_is_ambiguous() -> None:
    decision = decide(
        line(120000, payer="CABINET ROUX"),
        invoice("a", "F-1", 120000, buyer="Dupont Bâtiment"),
        invoice("b", "F-2", 120000, buyer="Martin Plomberie"),
        invoice("c", "F-3", 50000, buyer="Garage Petit"),
    )

    assert decision.outcome == "proposed"
    assert set(decision.candidates) == {"a", "b"}
    assert "2 invoices" in decision.reason


def test_amount_equal_to_several_invoices_of_the_same_payer_is_ambiguous_payer_first() -> None:
    decision = decide(
        line(120000, payer="DUPONT BATIMENT"),
        invoice("a", "F-1", 120000, buyer="Martin Plomberie"),
        invoice("b", "F-2", 120000, buyer="Dupont Bâtiment"),
        invoice("c", "F-3", 120000, buyer="DUPONT BATIMENT SARL"),
    )

    assert decision.outcome == "proposed"
    assert decision.candidates == ("b", "c", "a")


def test_amount_of_one_invoice_without_name_match_is_proposed() -> None:
    decision = decide(
        line(120000, payer="M. JEAN LEBLANC"),
        invoice("a", "F-1", 120000, buyer="Dupont Bâtiment"),
    )

    assert (decision.outcome, decision.candidates) == ("proposed", ("a",))
    assert "does not match" in decision.reason


def test_payer_name_with_a_different_amount_is_proposed_closest_balance_first() -> None:
    decision = decide(
        line(100000, payer="SOCIETE GENERALE D'EQUIPEMENT"),
        invoice("a", "F-1", 300000, buyer="Société Générale d'Équipement SAS"),
        invoice("b", "F-2", 110000, buyer="Société Générale d'Équipement SAS"),
        invoice("c", "F-3", 100500, buyer="Atelier Martin"),
    )

    assert (decision.outcome, decision.candidates) == ("proposed", ("b", "a"))


def test_nothing_in_common_is_none() -> None:
    decision = decide(
        line(4242, "CB RESTAURANT", payer="LE BISTROT"), invoice("a", "F-1", 120000, buyer="Dupont")
    )

    assert (decision.outcome, decision.invoice_ids, decision.candidates) == ("none", (), ())


@pytest.mark.parametrize(
    ("payer", "buyer"),
    [
        ("VIR SEPA DUPONT BATIMENT SARL", "Dupont Bâtiment"),
        ("SOCIETE GENERALE D'EQUIPEMENT S.A.S.", "Société Générale d'Équipement"),
        ("EURL GARAGE PETIT", "Garage Petit"),
        ("boulangerie lefevre", "BOULANGERIE LEFÈVRE SASU"),
    ],
)
def test_names_match_despite_accents_case_legal_forms_and_bank_words(payer: str, buyer: str) -> None:
    assert name_score(payer, buyer) >= 90


@pytest.mark.parametrize(
    ("payer", "buyer"),
    [("DUPONT BATIMENT", "Martin Plomberie"), ("SARL", "SAS"), (None, "Dupont"), ("CABINET ROUX", None)],
)
def test_unrelated_or_empty_names_do_not_match(payer: str | None, buyer: str | None) -> None:
    assert name_score(payer, buyer) < 90


# ---------------------------------------------------------------- what is never matched


def test_debits_are_never_matched() -> None:
    decision = decide(line(-120000, "FACTURE F-2024-001"), invoice("a", "F-2024-001", 120000))

    assert decision.outcome == "none"


def test_currency_must_match() -> None:
    decision = decide(
        line(25000, "INVOICE F-2024-050", payer="LONDON CLIENT LTD", currency="GBP"),
        invoice("a", "F-2024-050", 25000, buyer="London Client Ltd", currency="EUR"),
    )

    assert decision.outcome == "none"


def test_settled_invoices_are_not_candidates() -> None:
    decision = decide(line(120000, "F-2024-001"), invoice("a", "F-2024-001", 0))

    assert decision.outcome == "none"


# ---------------------------------------------------------------- one sure claim per invoice


def test_an_invoice_is_claimed_sure_by_one_line_only() -> None:
    lines = [line(5000, "F-2024-001", ref="L1"), line(5000, "F-2024-001", ref="L2")]

    first, second = match_lines(lines, [invoice("a", "F-2024-001", 5000)])

    assert (first.outcome, first.invoice_ids) == ("sure", ("a",))
    assert (second.outcome, second.invoice_ids, second.candidates) == ("proposed", (), ("a",))
    assert second.line_ref == "L2"
    assert "L1" in second.reason


def test_a_reference_wins_the_invoice_over_an_earlier_amount_and_name_match() -> None:
    lines = [line(5000, "VIREMENT", payer="DUPONT BATIMENT", ref="L1"), line(5000, "F-2024-001", ref="L2")]

    by_name, by_reference = match_lines(lines, [invoice("a", "F-2024-001", 5000, buyer="Dupont Bâtiment")])

    assert (by_reference.outcome, by_reference.invoice_ids) == ("sure", ("a",))
    assert (by_name.outcome, by_name.candidates) == ("proposed", ("a",))


def test_a_sum_claim_is_downgraded_when_one_of_its_invoices_is_taken() -> None:
    lines = [line(5000, "F-2024-001", ref="L1"), line(8000, "F-2024-001 F-2024-002", ref="L2")]
    invoices = [invoice("a", "F-2024-001", 5000), invoice("b", "F-2024-002", 3000)]

    first, second = match_lines(lines, invoices)

    assert first.outcome == "sure"
    assert (second.outcome, second.candidates) == ("proposed", ("a", "b"))


# ---------------------------------------------------------------- from a real file


def test_camt_statement_matched_end_to_end() -> None:
    statement = parse_statement((Path(__file__).parent / "samples" / "camt053_v08.xml").read_bytes())
    invoices = [
        invoice("inv-17", "F2024-017", 150000, buyer="Société Générale d'Équipement"),
        invoice("inv-18", "F2024-018", 90000, buyer="Société Générale d'Équipement"),
    ]

    credit, debit = match_lines(statement.lines, invoices)

    assert (credit.outcome, credit.invoice_ids) == ("sure", ("inv-17", "inv-18"))
    assert debit.outcome == "none"
