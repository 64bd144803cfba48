"""Reading bank statement files: CAMT.053, OFX v1/v2 and French-style CSV exports."""

from __future__ import annotations

import ast
import re
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from api.bank.formats import CsvMapping, ParsedStatement, StatementError, parse_statement

SAMPLES = Path(__file__).parent / "samples"
FRENCH_CSV = CsvMapping(
    date="Date", credit="Crédit", debit="Débit", payer="Libellé", reference="Libellé", currency="Devise"
)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def amounts(statement: ParsedStatement) -> list[int]:
    return [line.amount for line in statement.lines]


def refs(statement: ParsedStatement) -> list[str]:
    return [line.line_ref for line in statement.lines]


def rejected_numbers(statement: ParsedStatement) -> list[int]:
    return [rejected.line_no for rejected in statement.rejected]


def camt(entries: str, version: str = "02") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"><BkToCstmrStmt><Stmt>
<Id>S1</Id><Acct><Id><IBAN>FR7630004008210001234567843</IBAN></Id><Ccy>EUR</Ccy></Acct>
{entries}
</Stmt></BkToCstmrStmt></Document>""".encode()


def entry(amount: str = "10.00", indicator: str = "CRDT", extra: str = "") -> str:
    return (
        f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>'
        f"<BookgDt><Dt>2024-03-04</Dt></BookgDt>{extra}</Ntry>"
    )


# ---------------------------------------------------------------- CAMT.053


def test_camt_v02_reads_credits_debits_and_batches_in_cents() -> None:
    statement = parse_statement(sample("camt053_v02.xml"))

    assert (statement.format, statement.account, statement.currency) == (
        "camt.053",
        "FR7630004008210001234567843",
        "EUR",
    )
    assert amounts(statement) == [120000, 35050, -8990, 100000, 50000, 7500]
    first, second, debit, batch_one, batch_two, cheque = statement.lines
    assert first.booking_date == date(2024, 3, 4)
    assert first.payer_name == "DUPONT BATIMENT SARL"
    assert first.remittance == "FACTURE F-2024-001 CHANTIER RUE DES LILAS"
    assert (second.payer_name, second.remittance) == ("Boulangerie Lefèvre", "RF18539007547034")
    assert (debit.payer_name, debit.remittance) == ("ORANGE SA", "Abonnement fibre mars 2024")
    assert (batch_one.payer_name, batch_one.remittance) == ("CABINET ROUX", "FA-2024-0107")
    assert (batch_two.payer_name, batch_two.remittance) == ("GARAGE PETIT EURL", "Acompte devis D-88")
    assert (cheque.payer_name, cheque.remittance) == (None, "REMISE CHEQUE 1234567")


def test_camt_broken_entries_are_rejected_with_their_ordinal_and_the_rest_kept() -> None:
    statement = parse_statement(sample("camt053_v02.xml"))

    assert rejected_numbers(statement) == [4, 6]
    assert "no amount" in statement.rejected[0].reason
    assert "2024-02-30" in statement.rejected[1].reason
    assert len(statement.lines) == 6


def test_camt_line_refs_are_the_bank_references() -> None:
    statement = parse_statement(sample("camt053_v02.xml"))

    assert refs(statement)[:5] == [
        "camt:2024030400001872",
        "camt:2024030400001873",
        "camt:2024030400001874",
        "camt:2024030400001876-01",
        "camt:2024030400001876-02",
    ]
    assert statement.lines[0].bank_reference == "2024030400001872"
    assert refs(statement)[5].startswith("sha256:")  # the entry without any reference


def test_camt_v08_party_names_date_times_and_pending_entries() -> None:
    statement = parse_statement(sample("camt053_v08.xml"))

    assert amounts(statement) == [240000, -1999]
    credit, debit = statement.lines
    assert credit.payer_name == "Société Générale d'Équipement S.A.S."
    assert credit.remittance == "Factures F2024-017 et F2024-018"
    assert credit.line_ref == "camt:CA24068A1B2C3D"
    # 00:30 at +01:00 is the 7th in UTC; the statement's own calendar date is kept.
    assert credit.booking_date == date(2024, 3, 8)
    assert (debit.payer_name, debit.booking_date) == ("OVH SAS", date(2024, 3, 8))  # from ValDt
    assert debit.line_ref == "camt-ntry:N0002@2024-03-08"
    assert rejected_numbers(statement) == [3]
    assert "PDNG" in statement.rejected[0].reason


def test_camt_identical_entries_without_reference_stay_two_and_refs_are_stable() -> None:
    data = camt(entry(extra="<AddtlNtryInf>CB CAFE</AddtlNtryInf>") * 2)

    first, again = parse_statement(data), parse_statement(data)

    assert len(set(refs(first))) == 2
    assert refs(first) == refs(again)


def test_camt_batch_without_per_transaction_amounts_stays_one_line() -> None:
    details = (
        "<NtryDtls>"
        "<TxDtls><RltdPties><Dbtr><Nm>A</Nm></Dbtr></RltdPties><RmtInf><Ustrd>F1</Ustrd></RmtInf></TxDtls>"
        "<TxDtls><RltdPties><Dbtr><Nm>B</Nm></Dbtr></RltdPties><RmtInf><Ustrd>F2</Ustrd></RmtInf></TxDtls>"
        "</NtryDtls>"
    )

    statement = parse_statement(camt(entry("30.00", extra=details)))

    assert amounts(statement) == [3000]
    assert (statement.lines[0].payer_name, statement.lines[0].remittance) == ("A", "F1 F2")


def test_camt_amount_with_more_decimals_than_the_currency_is_rejected_not_rounded() -> None:
    statement = parse_statement(camt(entry("10.005") + entry("10.01")))

    assert amounts(statement) == [1001]
    assert rejected_numbers(statement) == [1]


def test_other_iso20022_messages_are_refused_by_name() -> None:
    for other in (b"camt.052.001.02", b"pain.001.001.03"):
        data = camt("").replace(b"camt.053.001.02", other)

        with pytest.raises(StatementError, match=re.escape(other.decode()[:8])):
            parse_statement(data)


def camt054(entries: str, version: str = "02") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}"><BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>N1</MsgId></GrpHdr><Ntfctn><Id>N1-1</Id>
<Acct><Id><IBAN>FR7630004008210001234567843</IBAN></Id><Ccy>EUR</Ccy></Acct>
{entries}
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>""".encode()


@pytest.mark.parametrize("version", ["02", "08"])
def test_camt054_notifications_are_read_like_statements(version: str) -> None:
    entries = entry("1234.56") + entry("20.00", "DBIT") + entry("oops")

    notification = parse_statement(camt054(entries, version))
    statement = parse_statement(camt(entries, version))

    assert notification.format == "camt.054"
    assert (notification.account, notification.currency) == ("FR7630004008210001234567843", "EUR")
    assert amounts(notification) == amounts(statement) == [123456, -2000]
    assert rejected_numbers(notification) == rejected_numbers(statement) == [3]


def test_a_camt054_without_notification_is_refused() -> None:
    empty = camt054("").replace(b"<Ntfctn><Id>N1-1</Id>", b"<Other>").replace(b"</Ntfctn>", b"</Other>")

    with pytest.raises(StatementError, match="Ntfctn"):
        parse_statement(empty)


def test_malformed_xml_is_a_statement_error() -> None:
    with pytest.raises(StatementError, match="not well-formed"):
        parse_statement(camt(entry())[:-40])


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-04</Dt></BookgDt>
<AddtlNtryInf>&lol9;</AddtlNtryInf></Ntry>
</Stmt></BkToCstmrStmt></Document>"""


def test_xml_entity_bomb_is_refused_without_expanding_it() -> None:
    started = time.monotonic()

    with pytest.raises(StatementError, match="DTD"):
        parse_statement(BILLION_LAUGHS)

    assert time.monotonic() - started < 2


def test_xml_external_entity_is_refused() -> None:
    data = BILLION_LAUGHS.replace(b'<!ENTITY lol "lol">', b'<!ENTITY lol SYSTEM "file:///etc/passwd">')

    with pytest.raises(StatementError, match="DTD"):
        parse_statement(data)


def test_xml_entity_declarations_hidden_behind_a_long_comment_are_refused_too() -> None:
    hidden = b"<!--" + b" " * 100_000 + b'-->\n<!DOCTYPE Document [<!ENTITY who "EVIL">]>\n'
    data = camt(entry(extra="<AddtlNtryInf>&who;</AddtlNtryInf>")).replace(b"?>\n", b"?>\n" + hidden, 1)

    with pytest.raises(StatementError, match="DTD"):
        parse_statement(data)


# ---------------------------------------------------------------- OFX


def test_ofx_v1_sgml_as_french_banks_export_it() -> None:
    statement = parse_statement(sample("ofx1_sgml_cp1252.ofx"))

    assert (statement.format, statement.account, statement.currency) == ("ofx", "00012345678", "EUR")
    # "350,50" (decimal comma, against the spec) and "+75.00" are read exactly.
    assert amounts(statement) == [120000, -8990, 35050, 7500]
    first, debit, accented, cheque = statement.lines
    assert (first.payer_name, first.remittance) == ("VIR SEPA DUPONT BATIMENT", "FACTURE F-2024-001")
    assert (debit.payer_name, debit.booking_date) == ("PRLV SEPA ORANGE SA", date(2024, 3, 4))
    assert accented.payer_name == "BOULANGERIE LEFÈVRE & FILS"  # CHARSET:1252 and &amp;
    assert accented.remittance == "Règlement facture FA-0042"
    # "20240305000000[+1:CET]" is the 4th in UTC; the bank's calendar date is kept.
    assert accented.booking_date == date(2024, 3, 5)
    assert (cheque.payer_name, cheque.remittance) == ("REMISE CHEQUE", None)
    assert refs(statement) == [
        "ofx:4D2A0C1F00001",
        "ofx:4D2A0C1F00002",
        "ofx:4D2A0C1F00003",
        "ofx:4D2A0C1F00005",
    ]
    assert accented.bank_reference == "4D2A0C1F00003"


def test_ofx_bad_transaction_is_rejected_and_the_rest_kept() -> None:
    statement = parse_statement(sample("ofx1_sgml_cp1252.ofx"))

    assert rejected_numbers(statement) == [4]
    assert "douze euros" in statement.rejected[0].reason


def test_ofx_v2_xml_payee_aggregate_and_transaction_currency() -> None:
    statement = parse_statement(sample("ofx2.ofx"))

    assert (statement.format, statement.account) == ("ofx", "00020012345")
    assert amounts(statement) == [98040, -2310, 25000]
    payee, card, foreign = statement.lines
    assert (payee.payer_name, payee.remittance) == ("Menuiserie Gaël Le Bihan", "REGLEMENT F/2024/031")
    assert payee.booking_date == date(2024, 3, 11)
    assert (card.payer_name, card.currency) == ("CB CARREFOUR BREST", "EUR")
    assert foreign.currency == "GBP"
    assert rejected_numbers(statement) == [3]
    assert "DTPOSTED" in statement.rejected[0].reason


def test_ofx_headers_ofxtools_refuses_are_read_by_the_fallback_scan() -> None:
    original = sample("ofx1_sgml_cp1252.ofx")
    utf8 = original.decode("cp1252").replace("CHARSET:1252", "CHARSET:UTF-8").encode()
    headerless = original[original.index(b"<OFX>") :]

    for variant in (utf8, headerless):
        statement = parse_statement(variant)
        assert statement.lines == parse_statement(original).lines
        assert statement.account == "00012345678"
        assert rejected_numbers(statement) == [4]


def ofx_without_fitid(transactions: str) -> bytes:
    return (
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
        "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS>"
        f"<CURDEF>EUR<BANKTRANLIST>{transactions}</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>"
    ).encode("cp1252")


def test_ofx_identical_transactions_without_fitid_stay_two_with_stable_refs() -> None:
    coffee = "<STMTTRN><TRNTYPE>POS<DTPOSTED>20240305<TRNAMT>-4.50<NAME>CB CAFE</STMTTRN>"
    data = ofx_without_fitid(coffee * 2)

    first, again = parse_statement(data), parse_statement(data)

    assert amounts(first) == [-450, -450]
    assert len(set(refs(first))) == 2
    assert refs(first) == refs(again)


def test_ofx_entities_from_a_doctype_are_not_expanded() -> None:
    data = sample("ofx2.ofx").replace(
        b"<OFX>", b'<!DOCTYPE OFX [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<OFX>'
    )
    data = data.replace(b"REGLEMENT F/2024/031", b"&xxe;")

    statement = parse_statement(data)

    assert statement.lines[0].remittance == "&xxe;"


def test_ofx_without_statement_is_a_statement_error() -> None:
    with pytest.raises(StatementError, match="no bank or card statement"):
        parse_statement(b"OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>")


# ---------------------------------------------------------------- CSV


def test_french_csv_credit_and_debit_columns_in_cp1252() -> None:
    statement = parse_statement(sample("releve_fr_cp1252.csv"), csv_mapping=FRENCH_CSV)

    assert (statement.format, statement.account, statement.currency) == ("csv", None, "EUR")
    assert amounts(statement) == [120000, -8990, -450, -450, 123456, 350]
    dupont, orange, coffee, _, lefevre, _ = statement.lines
    assert dupont.booking_date == date(2024, 3, 4)
    assert dupont.remittance == "VIR SEPA DUPONT BATIMENT SARL FACTURE F-2024-001"
    assert orange.payer_name == "PRLV SEPA ORANGE SA"
    assert coffee.payer_name == "CB CAFÉ DE LA GARE 04/03"
    # A quoted cell spanning two physical lines, with a non-breaking space in "1 234,56".
    assert lefevre.remittance == "VIR SEPA BOULANGERIE LEFÈVRE RÈGLEMENT FA-0042"


def test_french_csv_garbage_lines_are_rejected_with_their_physical_line_number() -> None:
    statement = parse_statement(sample("releve_fr_cp1252.csv"), csv_mapping=FRENCH_CSV)

    reasons = {rejected.line_no: rejected.reason for rejected in statement.rejected}
    assert sorted(reasons) == [9, 10, 13, 15, 16]
    assert "columns" in reasons[9]
    assert "31/02/2024" in reasons[10]
    assert reasons[13] == "no amount"
    assert "12.50" in reasons[15]  # ambiguous with a decimal comma: rejected, not read as 1250
    assert "Solde" in reasons[16]


def test_csv_identical_lines_stay_two_and_refs_are_stable_across_imports() -> None:
    data = sample("releve_fr_cp1252.csv")

    first = parse_statement(data, csv_mapping=FRENCH_CSV)
    again = parse_statement(data, csv_mapping=FRENCH_CSV)

    assert refs(first) == refs(again)
    assert len(set(refs(first))) == len(first.lines)
    assert first.lines[2].line_ref != first.lines[3].line_ref  # the two identical coffees


def test_csv_refs_do_not_depend_on_how_the_amount_was_written() -> None:
    mapping = CsvMapping(date="Date", amount="Montant", reference="Libellé")
    written = parse_statement(
        "Date;Montant;Libellé\n04/03/2024;1 200,00;VIR  X\n".encode(), csv_mapping=mapping
    )
    rewritten = parse_statement(
        "Date;Montant;Libellé\n04/03/2024;1200,0;vir x\n".encode(), csv_mapping=mapping
    )

    assert refs(written) == refs(rewritten)


def signed(cell: str, currency: str = "EUR", decimal_comma: bool = True) -> ParsedStatement:
    mapping = CsvMapping(
        date="Date", amount="Montant", default_currency=currency, decimal_comma=decimal_comma, delimiter=";"
    )
    return parse_statement(f"Date;Montant\n04/03/2024;{cell}\n".encode(), csv_mapping=mapping)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 234,56", 123456),
        ("1\u00a0234,56", 123456),
        ("1\u202f234,56", 123456),
        ("1.234,56", 123456),
        ("-12,00", -1200),
        ("+3,5", 350),
        ("0,01", 1),
        ("42", 4200),
        ("12,50 €", 1250),
    ],
)
def test_csv_french_amounts_are_exact(cell: str, expected: int) -> None:
    assert amounts(signed(cell)) == [expected]


@pytest.mark.parametrize("cell", ["12.50", "1,2,3", "12,345", "douze", "12,50-", "1e3", "NaN"])
def test_csv_unreadable_amounts_are_rejected(cell: str) -> None:
    statement = signed(cell)

    assert statement.lines == ()
    assert rejected_numbers(statement) == [2]


def test_csv_amounts_with_decimal_point_and_grouping_commas() -> None:
    assert amounts(signed("1,234.56", decimal_comma=False)) == [123456]
    assert rejected_numbers(signed("1.234,56", decimal_comma=False)) == [2]


def test_csv_minor_units_follow_the_currency_exponent() -> None:
    assert amounts(signed("1 234", currency="JPY")) == [1234]
    assert rejected_numbers(signed("12,5", currency="JPY")) == [2]


def test_csv_debit_column_gives_the_sign_however_it_is_written() -> None:
    data = "Date;Débit;Crédit\n04/03/2024;-12,50;\n04/03/2024;12,50;\n04/03/2024;1,00;2,00\n".encode()
    mapping = CsvMapping(date="Date", debit="Débit", credit="Crédit")

    statement = parse_statement(data, csv_mapping=mapping)

    assert amounts(statement) == [-1250, -1250]
    assert rejected_numbers(statement) == [4]
    assert "both" in statement.rejected[0].reason


def test_csv_utf8_comma_delimited_with_id_column_and_empty_line() -> None:
    data = (
        "\ufeffid,booking,amount,counterparty,details\n"
        "TX-1,2024-03-04,1200.00,Dupont Bâtiment,Invoice F-2024-001\n"
        "\n"
        "TX-2,2024-03-05,-4.50,Café,\n"
    ).encode()
    mapping = CsvMapping(
        date="booking",
        amount="amount",
        payer="counterparty",
        reference="details",
        id="id",
        date_format="%Y-%m-%d",
        decimal_comma=False,
    )

    statement = parse_statement(data, csv_mapping=mapping)

    assert amounts(statement) == [120000, -450]
    assert refs(statement) == ["csv:TX-1", "csv:TX-2"]
    assert statement.lines[0].payer_name == "Dupont Bâtiment"
    assert statement.lines[1].remittance is None
    assert [(r.line_no, r.reason) for r in statement.rejected] == [(3, "empty line")]


def test_csv_tab_delimiter_is_sniffed() -> None:
    data = "Date\tMontant\tLibellé\n04/03/2024\t12,00\tVIR A\n05/03/2024\t-1,00\tCB B\n".encode()

    statement = parse_statement(data, csv_mapping=CsvMapping(date="Date", amount="Montant"))

    assert amounts(statement) == [1200, -100]


def test_csv_header_must_name_every_mapped_column() -> None:
    data = "Date;Libellé;Montant\n04/03/2024;X;1,00\n".encode()
    mapping = CsvMapping(date="Date", credit="Crédit", debit="Débit")

    with pytest.raises(StatementError, match="Crédit, Débit"):
        parse_statement(data, filename="export.csv", csv_mapping=mapping)


def test_csv_mapping_needs_exactly_one_way_of_reading_amounts() -> None:
    with pytest.raises(ValueError, match="needs an amount"):
        CsvMapping(date="Date")
    with pytest.raises(ValueError, match="not both"):
        CsvMapping(date="Date", amount="Montant", credit="Crédit")


# ---------------------------------------------------------------- not a statement


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \r\n ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Date;Montant\n".encode("utf-16"), "UTF-16"),
        (b"<html><body>Session expired</body></html>", "not a CAMT.053"),
    ],
)
def test_files_that_are_no_statement_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(StatementError, match=message):
        parse_statement(data, csv_mapping=FRENCH_CSV)


def test_a_french_export_without_a_mapping_is_read_as_with_its_mapping() -> None:
    detected = parse_statement(sample("releve_fr_cp1252.csv"))
    mapped = parse_statement(sample("releve_fr_cp1252.csv"), csv_mapping=FRENCH_CSV)
    assert [(line.booking_date, line.amount, line.remittance) for line in detected.lines] == [
        (line.booking_date, line.amount, line.remittance) for line in mapped.lines
    ]


def test_text_that_shows_no_statement_lines_without_a_mapping_is_refused() -> None:
    with pytest.raises(StatementError, match="column mapping") as refused:
        parse_statement("Bonjour;à tous\nceci n'est;pas un relevé\n".encode())
    assert refused.value.code == "needs_mapping"


def test_garbage_text_lacks_the_mapped_header_and_the_message_names_the_file() -> None:
    with pytest.raises(StatementError, match=r"^notes\.txt: .*Date, Crédit, Débit, Libellé, Devise"):
        parse_statement(
            b"Lorem ipsum dolor sit amet\nconsectetur\n", filename="notes.txt", csv_mapping=FRENCH_CSV
        )


def test_text_in_no_known_encoding_is_refused() -> None:
    with pytest.raises(StatementError, match="neither UTF-8 nor Windows-1252"):
        parse_statement(b"Date;Montant\n04/03/2024;\x81\x8d\n", csv_mapping=FRENCH_CSV)


def test_statement_error_is_a_value_error_with_a_reason() -> None:
    with pytest.raises(ValueError, match="empty") as caught:
        parse_statement(b"")

    assert isinstance(caught.value, StatementError)
    assert caught.value.reason == "The file is empty."


# ---------------------------------------------------------------- purity

BANK = Path(__file__).resolve().parents[3] / "api" / "bank"
THIRD_PARTY = {"lxml", "ofxtools", "babel", "rapidfuzz"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize(
    "path", [*sorted((BANK / "formats").glob("*.py")), BANK / "matching.py"], ids=lambda p: p.name
)
def test_parsing_and_matching_import_only_the_standard_library_and_their_parsers(path: Path) -> None:
    allowed = sys.stdlib_module_names | THIRD_PARTY | {"__future__"}
    foreign = {
        module
        for module in imported_modules(path)
        if module.split(".")[0] not in allowed and not module.startswith("api.bank.formats")
    }

    assert foreign == set()


def commented(original: bytes, *parts: bytes) -> bytes:
    """The sample with each part wrapped in an XML comment, as an export tool leaves what it disabled."""
    for part in parts:
        assert part in original
        original = original.replace(part, b"<!-- " + part + b" -->")
    return original


def test_ofx_comments_are_never_data() -> None:
    original = sample("ofx2.ofx")
    card = original[original.index(b"<STMTTRN>\n            <TRNTYPE>POS") :]
    card = card[: card.index(b"</STMTTRN>") + len(b"</STMTTRN>")]
    data = commented(original, card)

    statement = parse_statement(data)

    assert amounts(statement) == [98040, 25000]  # the commented-out card payment is not a line
    assert "CARREFOUR" not in repr(statement.lines)


def test_ofx_without_a_currency_outside_comments_rejects_its_lines_with_the_reason() -> None:
    data = commented(sample("ofx2.ofx"), b"<CURDEF>EUR</CURDEF>", b"<ACCTID>00020012345</ACCTID>")

    statement = parse_statement(data)

    assert statement.currency is None
    assert statement.account is None
    assert [line.currency for line in statement.lines] == ["GBP"]  # only the line that names its own
    reasons = [r.reason for r in statement.rejected if "currency" in r.reason]
    assert len(reasons) == 2
    assert all("no CURDEF" in reason for reason in reasons)


def test_ofx_an_unclosed_comment_hides_everything_after_it() -> None:
    original = sample("ofx2.ofx")
    data = original.replace(b"<BANKTRANLIST>", b"<!-- <BANKTRANLIST>")

    statement = parse_statement(data)

    assert (statement.lines, statement.rejected) == ((), ())


def test_ofx_lines_not_read_say_why_as_codes_pages_can_translate() -> None:
    data = sample("ofx2.ofx").replace(b"<TRNAMT>-23.10", b"<TRNAMT>abc")
    data = data.replace(
        b"<DTPOSTED>20240312</DTPOSTED>\n            <TRNAMT>250",
        b"<DTPOSTED>2024031X</DTPOSTED>\n<TRNAMT>250",
    )

    rejected = parse_statement(data).rejected

    assert [(r.line_no, r.code, r.params) for r in rejected] == [
        (2, "not_an_amount", {"value": "abc"}),
        (3, "no_date", {}),
        (4, "not_a_date", {"value": "2024031X"}),
    ]
    without_currency = parse_statement(commented(sample("ofx2.ofx"), b"<CURDEF>EUR</CURDEF>")).rejected
    assert {r.code for r in without_currency} >= {"no_currency"}
