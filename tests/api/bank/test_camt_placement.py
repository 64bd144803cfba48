"""CAMT entries and accounts are read only where the message puts them: Document/BkToCstmrStmt/Stmt. The
reader's parser reports only the end of Ntry, Acct and Stmt elements wherever they are; an entry, account or
statement elsewhere (in supplementary data, in a statement nested in another element) is not read."""

from __future__ import annotations

import pytest

from api.bank.formats import StatementError, parse_statement

HEAD = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
ACCOUNT = "<Acct><Id><IBAN>FR7630004008210001234567843</IBAN></Id><Ccy>EUR</Ccy></Acct>"
OTHER_ACCOUNT = "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>USD</Ccy></Acct>"


def entry(amount: str, ref: str) -> str:
    return (f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2024-03-04</Dt>'
            f"</BookgDt><AcctSvcrRef>{ref}</AcctSvcrRef></Ntry>")  # fmt: skip


def test_entries_accounts_and_statements_outside_their_place_are_not_read() -> None:
    stray = (
        f"<SplmtryData><Envlp><Stmt>{OTHER_ACCOUNT}{entry('99.00', 'NESTED')}</Stmt></Envlp></SplmtryData>"
    )
    data = (f"{HEAD}<BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S1</Id>{ACCOUNT}"
            f"{entry('10.00', 'A')}<NtryDtls>{entry('55.00', 'INSIDE')}</NtryDtls>{entry('20.00', 'B')}"
            f"{stray}</Stmt>{stray}</BkToCstmrStmt>{stray}</Document>").encode()  # fmt: skip

    statement = parse_statement(data)

    assert [(line.line_ref, line.amount) for line in statement.lines] == [("camt:A", 1000), ("camt:B", 2000)]
    assert (statement.account, statement.currency) == ("FR7630004008210001234567843", "EUR")


def test_a_statement_one_level_too_deep_is_no_statement() -> None:
    data = (f"{HEAD}<Wrapper><BkToCstmrStmt><Stmt>{ACCOUNT}{entry('10.00', 'A')}</Stmt></BkToCstmrStmt>"
            "</Wrapper></Document>").encode()  # fmt: skip

    with pytest.raises(StatementError, match="no statement"):
        parse_statement(data)
