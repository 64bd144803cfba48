"""Beyond FULL_SCAN_POOL open invoices in a currency the matcher finds the buyers a payer may name through a
word index instead of scoring every buyer. Its decisions are those of `judge` (every rule on every invoice)
for names sharing a rare word or differing by their spacing; for a payer whose only common word with buyers is
one many of them have ("CLIENT 17" and "CLIENT 171" score 95), it proposes fewer candidates, never another
"sure" decision."""

from __future__ import annotations

from datetime import date

from api.bank.formats import StatementLine
from api.bank.matching import FULL_SCAN_POOL, Matcher, OpenInvoice, judge

SPECIAL = [
    ("F-2026-9001", "Garage Dupont SA", 98000),
    ("F-2026-9002", "Le Roy Transports", 45000),
    ("F-2026-9003", "Client Services SARL", 12345),
]


def pool() -> list[OpenInvoice]:
    invoices = [OpenInvoice(f"i{n}", f"F-2026-{n:04d}", f"Client {n} SARL", 10_000 + 7 * n, "EUR")
                for n in range(FULL_SCAN_POOL + 500)]  # fmt: skip
    invoices += [OpenInvoice(number, number, buyer, amount, "EUR") for number, buyer, amount in SPECIAL]
    return invoices


def line(payer: str, amount: int, remittance: str = "VIR SEPA") -> StatementLine:
    return StatementLine(f"r-{payer}-{amount}", date(2026, 12, 1), amount, "EUR", payer, remittance, None)


def test_the_indexed_matcher_decides_as_the_full_scan() -> None:
    invoices = pool()
    matcher = Matcher(invoices)
    lines = [
        line("GARAGE DUPONT", 98000),  # a rare word: sure
        line("GARAGE DUPONT", 50000),  # name matches, amount differs: proposed
        line("LEROY TRANSPORTS", 45000),  # spacing differs
        line("LEROY TRANSPORTS", 1000),
        line("CLIENT 17", 10_000 + 7 * 17),  # "CLIENT" is every buyer's: the number decides
        line("CLIENT 17", 5),
        line("CLIENT SERVICES", 1),  # only common words: the buyers holding them all
        line("PAYEUR INCONNU", 10_000 + 7 * 40),  # amount only: proposed
    ]
    for each in lines:
        indexed, full = matcher.judge(each)[0], judge(each, invoices)[0]
        if each.payer_name and each.payer_name.startswith("CLIENT"):
            assert (indexed.outcome, indexed.invoice_ids) == (full.outcome, full.invoice_ids), each
            assert set(indexed.candidates) <= set(full.candidates), each
        else:
            assert indexed == full, each
    outcomes = [matcher.judge(each)[0].outcome for each in lines]
    assert outcomes == ["sure", "proposed", "sure", "proposed", "sure", "proposed", "proposed", "proposed"]
