"""French banks' CSV exports read WITHOUT a column mapping (api.bank.formats.csv_detect), and columns mapped
by position. The samples under samples/banks/ are written by hand after each bank's published export shape
(headers, preamble, encoding, separators); their data is invented. Each holds the same three lines: a credit
paying F-2026-0101, a debit, and another credit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from api.bank.formats import CsvMapping, StatementError, parse_statement
from api.bank.formats.csv_detect import detect_csv, header_role

BANKS = Path(__file__).parent / "samples" / "banks"
EXPECTED = [(date(2026, 3, 4), 120000), (date(2026, 3, 5), -8990), (date(2026, 3, 6), 123456)]


@pytest.mark.parametrize(
    "name",
    [
        "bnp_paribas.csv",  # account line before the header, one signed amount
        "societe_generale.csv",  # account/period line, snake_case headers, trailing ';', CRLF
        "credit_agricole.csv",  # eight preamble lines, Débit/Crédit euros, labels over several lines
        "lcl.csv",  # no header at all, a closing balance row
        "credit_mutuel.csv",  # debit written negative in its own column, value date, balance
        "cic.csv",  # ',' separated, decimal point, amount and balance
        "banque_postale.csv",  # account lines, an amount in euros and one in francs
        "boursorama.csv",  # UTF-8 BOM, ISO dates, camelCase headers, account balance
        "qonto.csv",  # transaction id, counterparty name, dates with a time, currency column
        "shine.csv",  # quoted cells, decimal point, debit/credit and a balance
        "two_soldes.csv",  # the amount and the running balance both headed "Solde"
    ],
)
def test_each_bank_export_is_read_without_a_mapping(name: str) -> None:
    parsed = parse_statement((BANKS / name).read_bytes(), filename=name)

    assert [(line.booking_date, line.amount) for line in parsed.lines] == EXPECTED
    assert "F-2026-0101" in (parsed.lines[0].remittance or "")
    assert {line.currency for line in parsed.lines} == {"EUR"}


def test_lcl_closing_balance_row_is_reported_not_read_as_a_credit() -> None:
    parsed = parse_statement((BANKS / "lcl.csv").read_bytes())
    assert [(r.line_no, r.code) for r in parsed.rejected] == [(4, "no_label")]


def test_the_running_balance_is_told_from_the_amount_by_its_values() -> None:
    detection = detect_csv((BANKS / "two_soldes.csv").read_bytes())
    assert [(c.header, c.role) for c in detection.columns] == [
        ("Date", "date"), ("Libellé", "reference"), ("Solde", "amount"), ("Solde", "balance"),
    ]  # fmt: skip
    # The same file with the columns swapped: the other "Solde" is the amount.
    swapped = "Date;Libellé;Solde;Solde\n04/03/2026;A;11 200,00;1 200,00\n05/03/2026;B;11 110,10;-89,90\n"
    assert detect_csv(swapped.encode()).mapping.amount == "#4"


def test_a_newest_first_export_has_its_balance_recognised_too() -> None:
    data = "Date;Libellé;Montant;Montant\n06/03/2026;C;1 234,56;12 344,66\n05/03/2026;B;-89,90;11 110,10\n" \
           "04/03/2026;A;1 200,00;11 200,00\n"  # fmt: skip
    detection = detect_csv(data.encode())
    assert (detection.mapping.amount, [c.role for c in detection.columns][3]) == ("#3", "balance")


def test_qonto_lines_carry_the_payer_and_the_bank_id() -> None:
    parsed = parse_statement((BANKS / "qonto.csv").read_bytes())
    first = parsed.lines[0]
    assert (first.payer_name, first.remittance, first.bank_reference) == (
        "ATELIER DUPONT", "FACTURE F-2026-0101", "qonto-7f3a-0001",
    )  # fmt: skip


def test_the_preview_shows_the_header_and_first_lines() -> None:
    detection = detect_csv((BANKS / "credit_agricole.csv").read_bytes())
    assert detection.header == ("Date", "Libellé", "Débit euros", "Crédit euros", "")
    assert detection.lines[0][0] == 10  # the physical line the first entry starts on
    assert detection.lines[1][1][:3] == ("05/03/2026", "PRELEVEMENT\nORANGE SA", "89,90")


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Date d'opération", "date"), ("Montant(FRANCS)", "ignored"), ("Montant(EUROS)", "amount"),
        ("Débit euros", "debit"), ("Crédit", "credit"), ("Solde", "balance"), ("accountbalance", "balance"),
        ("libellé_complet_operation", "reference"), ("Nom de la contrepartie", "payer"),
        ("Devise", "currency"), ("ID de transaction", "id"), ("Catégorie opération", "ignored"),
        ("Montant opération", "amount"),
    ],
)  # fmt: skip
def test_header_synonyms(header: str, role: str) -> None:
    assert header_role(header) == role


def test_columns_mapped_by_position_read_a_file_whose_headers_name_two_columns_alike() -> None:
    data = (BANKS / "two_soldes.csv").read_bytes()
    by_position = CsvMapping(date="#1", amount="#3", reference="#2")
    parsed = parse_statement(data, csv_mapping=by_position)
    assert [(line.booking_date, line.amount) for line in parsed.lines] == EXPECTED
    # By name, "Solde" is the last of the two: the running balance, the wrong column.
    by_name = parse_statement(data, csv_mapping=CsvMapping(date="Date", amount="Solde", reference="Libellé"))
    assert by_name.lines[0].amount == 1120000


def test_a_mapping_by_position_finds_its_first_line_after_a_preamble() -> None:
    data = (BANKS / "banque_postale.csv").read_bytes()
    parsed = parse_statement(data, csv_mapping=CsvMapping(date="#1", amount="#3", reference="#2"))
    assert [(line.booking_date, line.amount) for line in parsed.lines] == EXPECTED
    assert parsed.rejected == ()


def test_names_and_positions_can_be_mixed() -> None:
    data = (BANKS / "credit_mutuel.csv").read_bytes()
    parsed = parse_statement(data, csv_mapping=CsvMapping(date="#1", credit="Crédit", debit="#3",
                                                          reference="Libellé"))  # fmt: skip
    assert [(line.booking_date, line.amount) for line in parsed.lines] == EXPECTED


def test_a_position_beyond_the_file_is_refused_as_a_whole() -> None:
    with pytest.raises(StatementError) as refused:
        parse_statement(b"Date;Montant\n01/02/2026;1,00\n", csv_mapping=CsvMapping(date="#7", amount="#2"))
    assert refused.value.code == "csv_columns"


def test_utf8_and_cp1252_read_alike() -> None:
    text = (BANKS / "credit_mutuel.csv").read_bytes().decode("cp1252")
    utf8, cp1252 = parse_statement(text.encode("utf-8")), parse_statement(text.encode("cp1252"))
    assert utf8.lines == cp1252.lines
