from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.extract_command import extract_files


def test_jsonl_reports_each_file_and_goes_on_after_a_failure(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    good = str(corpus / "xml/cen-en16931__cii__examples__CII_example1.xml")
    status = extract_files([str(broken), good, str(tmp_path / "missing.pdf")], fmt="jsonl")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1
    assert [row["file"] for row in rows] == [str(broken), good, str(tmp_path / "missing.pdf")]
    assert rows[0]["error"].startswith("The PDF cannot be opened")
    assert rows[1]["error"] is None
    assert rows[1]["fields"]["total_incl_tax"]["value"] == "250.33"
    assert rows[2]["error"].startswith("cannot read the file")
    assert set(rows[1]) == {"file", "method", "pages", "elapsed_ms", "fields", "lines", "vat_breakdown",
                            "warnings", "error"}  # fmt: skip


def test_table_format_and_success_status(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = extract_files([str(corpus / "xml/cen-en16931__cii__examples__CII_example1.xml")], fmt="table")
    out = capsys.readouterr().out
    assert status == 0
    assert "invoice_number   12115118" in out
    assert out.endswith("1 read, 0 failed\n")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        extract_files([], fmt="xml")


def test_warnings_come_as_code_params_and_message_and_the_table_shows_the_message(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(corpus / "xml/securibox__Basic__Facture_FR_BASIC.pdf")  # its SIRETs fail their Luhn key
    extract_files([path], fmt="jsonl")
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["warnings"][0] == {
        "code": "not_valid",
        "params": {"field": "seller_siret", "value": "99999999800010", "kind": "SIRET"},
        "message": "seller_siret: '99999999800010' is not a valid SIRET (14 digits, Luhn key)",
    }

    extract_files([path], fmt="table")
    out = capsys.readouterr().out
    assert "  warning: seller_siret: '99999999800010' is not a valid SIRET (14 digits, Luhn key)\n" in out
