"""The CSV reader's per-file fast path (`_LineReader`) reads and refuses every row exactly as the plain
`_line(_record(…))` does: same lines, same content refs, same reasons, same physical line numbers."""

from __future__ import annotations

import pytest

from api.bank.formats import CsvMapping, parse_statement
from api.bank.formats.csv_mapping import _line, _LineReader, _record
from api.bank.formats.lines import ContentRefs

CREDIT_DEBIT = CsvMapping(date="Date", credit="Crédit", debit="Débit", payer="Émetteur", reference="Libellé")
SIGNED = CsvMapping(
    date="Date", amount="Montant", payer="Tiers", currency="Devise", id="Id", decimal_comma=False
)

ROWS_CREDIT_DEBIT = [
    ["01/02/2026", "CLIENT  A", "VIR  FACTURE F-1", "", "1 234,56"],
    ["01/02/2026", "Client a", "vir facture f-1", "", "1234,56"],  # folds like the first: second occurrence
    ["1/2/2026", "Ünïcode SÀRL", "Ré\u00a0f", "12,00", ""],
    ["31/02/2026", "X", "Y", "", "1,00"],  # no such day
    ["", "X", "Y", "", "1,00"],
    ["01/02/2026", "X", "Y", "1,00", "2,00"],  # both
    ["01/02/2026", "X", "Y", "", ""],  # no amount
    ["01/02/2026", "X", "Y", "", "0,00"],
    ["01/02/2026", "X", "Y", "", "12.50"],  # ambiguous with a decimal comma
    ["01/02/2026", "X", "Y", "", "1,005"],  # more decimals than EUR has
    ["01/02/2026", "X", "Y", "", "99999999999999999999,00"],
    ["01/02/2026", "X", "Y", "", "-3,50 €"],
    ["01/02/2026", "X", "Y", "", "1,00", "", ""],  # trailing delimiters
    ["01/02/2026", "X", "Y", "", "1,00", "extra"],
    ["01/02/2026", "X"],
    ["  ", "", "", "", ""],
    ["2026-02-01", "X", "Y", "", "1,00"],
]
ROWS_SIGNED = [
    ["2026-02-01", "12.5", "A", "eur", ""],
    ["2026-02-01", "-1,234.50", "A", " usd ", "B-1"],
    ["2026-02-01", "1", "A", "EURO", ""],
    ["2026-02-01", "1", "A", "", ""],
    ["2026-02-01", "1.234", "A", "JPY", "X"],
    ["2026-02-01", "1234", "A", "JPY", "Y"],
    ["01/02/2026", "1", "A", "EUR", ""],
]


def _outcome(read, cells: list[str]) -> object:
    try:
        return read(list(cells))
    except ValueError as exc:
        return ("refused", str(exc))


@pytest.mark.parametrize(
    ("mapping", "header", "rows"),
    [
        (CREDIT_DEBIT, ["date", "émetteur", "libellé", "débit", "crédit"], ROWS_CREDIT_DEBIT),
        (SIGNED,
         ["date", "montant", "tiers", "devise", "id"], ROWS_SIGNED),
    ],
)  # fmt: skip
def test_the_fast_reader_reads_and_refuses_each_row_as_the_plain_one(mapping, header, rows) -> None:
    fast = _LineReader(header, mapping, ContentRefs())
    plain_refs = ContentRefs()

    def plain(cells: list[str]):
        return _line(_record(header, cells), mapping, plain_refs)

    for cells in rows * 2:  # twice: the dates and currencies remembered, and the refs numbered on
        assert _outcome(fast, cells) == _outcome(plain, cells), cells


def test_a_quoted_line_break_keeps_the_physical_line_numbers_of_refusals() -> None:
    data = (
        "Date;Émetteur;Libellé;Débit;Crédit\n"
        '01/02/2026;"A\nB";x;;1,00\n'
        "bad;A;x;;1,00\n"
        '01/02/2026;A;"open at the end\n'
    ).encode()
    parsed = parse_statement(data, csv_mapping=CREDIT_DEBIT)
    assert [line.payer_name for line in parsed.lines] == ["A B"]
    # The last row's quote is open at the end of the file: its line break is counted, as it always was.
    refused = [(r.line_no, r.reason.split(" ")[0]) for r in parsed.rejected]
    assert refused == [(4, "date"), (4, "expected")]
