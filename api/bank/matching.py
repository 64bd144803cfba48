"""Matching bank statement credits to open invoices. Pure: no database, no web framework.

Only credits (amount > 0) are matched, and only against invoices in the line's currency with a
balance still due. For each credit, in this order:

1. Reference. An invoice is referenced when its number, or its `pay_reference`, appears in the
   remittance text as a whole token, compared without case, accents, spaces, dashes, slashes and
   dots: "F-2024-001" is found in "facture F2024001", but not in "F2024-0012" nor "REF2024001".
   References shorter than four letters or digits are never looked for: "12" would be found in
   any amount or date.
   - the amount equals the balance of exactly one referenced invoice → "sure" (of several → "proposed");
   - several invoices are referenced and the amount equals the sum of their balances → "sure",
     all of them;
   - otherwise (a partial or excess payment) → "proposed", the referenced invoices first.
2. Amount and payer. The payer name matches a buyer name when, after removing accents, case,
   punctuation, legal forms (SARL, SAS, ...) and the words banks add ("VIR SEPA"), rapidfuzz's
   token_set_ratio is at least 90.
   - the amount equals the balance of exactly one invoice whose buyer matches the payer → "sure";
   - the amount equals several balances, none or several of them the payer's → "proposed";
   - the amount equals one balance but the names do not match → "proposed";
   - the name matches but no balance equals the amount → "proposed".
3. Anything else → "none".

An invoice is claimed "sure" by one line per batch only. Reference evidence beats amount-and-name
evidence, then the earlier line wins; any other line claiming the same invoice becomes "proposed".
Candidates are always listed best first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from api.bank.formats.lines import StatementLine

Outcome = Literal["sure", "proposed", "none"]
MIN_REFERENCE_CHARS = 4
NAME_THRESHOLD = 90.0
# Words that say what kind of company or transfer it is, not who: they must not make two names
# look alike nor keep them apart.
NOISE_WORDS = frozenset(
    "SARL SAS SASU SA EURL SNC SCI SCOP SELARL SELAS SCP SCM EI EIRL GIE STE SOCIETE ETS"
    " ETABLISSEMENTS M MR MME MLLE VIR VIREMENT SEPA INST RECU EMIS DE FRM".split()
)
_REFERENCE_SEPARATORS = r"[\s./-]*"

# How sure a decision is: a reference found in the text outranks a coincidence of amount and name.
_BY_REFERENCE, _BY_NAME, _UNSURE = 2, 1, 0


@dataclass(frozen=True)
class OpenInvoice:
    id: str
    number: str | None
    buyer_name: str | None
    balance_due: int  # minor units
    currency: str
    pay_reference: str | None = None


@dataclass(frozen=True)
class MatchDecision:
    line_ref: str
    outcome: Outcome
    invoice_ids: tuple[str, ...]  # what the line pays, when "sure"
    candidates: tuple[str, ...]  # what a person should look at, when "proposed"; best first
    reason: str


def match_lines(lines: Sequence[StatementLine], invoices: Sequence[OpenInvoice]) -> list[MatchDecision]:
    """One decision per line, in the order of `lines`."""
    judged = [judge(line, invoices) for line in lines]
    return claim_once(judged)


def judge(line: StatementLine, invoices: Sequence[OpenInvoice]) -> tuple[MatchDecision, int]:
    """One line's decision on its own, and how sure it is: `claim_once` then settles the lines of a batch
    that claim the same invoice. A line judged "none" stays "none" whatever the others are."""
    return _judge(line, invoices)


def claim_once(judged: list[tuple[MatchDecision, int]]) -> list[MatchDecision]:
    """The decisions, in the order given, once each invoice is claimed "sure" by one line only."""
    return _claim_once(judged)


def _judge(line: StatementLine, invoices: Sequence[OpenInvoice]) -> tuple[MatchDecision, int]:
    if line.amount <= 0:
        return _none(line, "only credits are matched"), _UNSURE
    pool = [inv for inv in invoices if inv.currency == line.currency and inv.balance_due > 0]
    if not pool:
        return _none(line, f"no open invoice in {line.currency}"), _UNSURE
    text = _fold(line.remittance or "")
    referenced = [inv for inv in pool if _is_referenced(inv, text)]
    if referenced:
        return _by_reference(line, referenced, pool)
    return _by_amount_and_name(line, pool)


def _by_reference(
    line: StatementLine, referenced: list[OpenInvoice], pool: list[OpenInvoice]
) -> tuple[MatchDecision, int]:
    exact = [inv for inv in referenced if inv.balance_due == line.amount]
    if len(exact) == 1:
        return _sure(line, exact, f"invoice {_label(exact[0])} referenced, amount equal"), _BY_REFERENCE
    if len(exact) > 1:
        return _proposed(line, exact, f"amount equal to {len(exact)} referenced invoices"), _UNSURE
    if len(referenced) > 1 and sum(inv.balance_due for inv in referenced) == line.amount:
        reason = f"invoices {', '.join(map(_label, referenced))} referenced, amount equal to their sum"
        return _sure(line, referenced, reason), _BY_REFERENCE
    # A partial payment is worth a look, and so is an unreferenced invoice of exactly that amount.
    referenced_ids = {inv.id for inv in referenced}
    others = [inv for inv in pool if inv.balance_due == line.amount and inv.id not in referenced_ids]
    ranked = sorted(referenced, key=lambda inv: abs(inv.balance_due - line.amount)) + others
    reason = f"invoice(s) {', '.join(map(_label, referenced))} referenced, amount differs"
    return _proposed(line, ranked, reason), _UNSURE


def _by_amount_and_name(line: StatementLine, pool: list[OpenInvoice]) -> tuple[MatchDecision, int]:
    scores = {inv.id: name_score(line.payer_name, inv.buyer_name) for inv in pool}
    by_name = sorted(pool, key=lambda inv: -scores[inv.id])  # stable: ties keep the caller's order
    same_amount = [inv for inv in by_name if inv.balance_due == line.amount]
    named = [inv for inv in by_name if scores[inv.id] >= NAME_THRESHOLD]
    both = [inv for inv in same_amount if scores[inv.id] >= NAME_THRESHOLD]
    if len(both) == 1:
        return _sure(line, both, f"amount equal to {_label(both[0])}, payer name matches buyer"), _BY_NAME
    if len(same_amount) > 1:
        return _proposed(line, same_amount, f"amount equal to {len(same_amount)} invoices"), _UNSURE
    if same_amount:
        reason = f"amount equal to {_label(same_amount[0])}, payer name does not match buyer"
        payer_invoices = [inv for inv in named if inv.id != same_amount[0].id]
        return _proposed(line, same_amount + payer_invoices, reason), _UNSURE
    if named:
        closest = sorted(named, key=lambda inv: abs(inv.balance_due - line.amount))
        return _proposed(line, closest, "payer name matches buyer, amount differs"), _UNSURE
    return _none(line, "no reference, amount or payer name matches"), _UNSURE


def _claim_once(judged: list[tuple[MatchDecision, int]]) -> list[MatchDecision]:
    decisions = [decision for decision, _ in judged]
    claimed: dict[str, str] = {}  # invoice id -> line_ref of the line that has it
    for index in sorted(range(len(judged)), key=lambda i: (-judged[i][1], i)):
        decision = decisions[index]
        if decision.outcome != "sure":
            continue
        taken = [invoice_id for invoice_id in decision.invoice_ids if invoice_id in claimed]
        if taken:
            reason = f"{decision.reason}; but already matched to line {claimed[taken[0]]}"
            decisions[index] = replace(
                decision, outcome="proposed", invoice_ids=(), candidates=decision.invoice_ids, reason=reason
            )
        else:
            claimed.update(dict.fromkeys(decision.invoice_ids, decision.line_ref))
    return decisions


def _is_referenced(invoice: OpenInvoice, folded_remittance: str) -> bool:
    if not folded_remittance:
        return False
    patterns = (_reference_pattern(ref) for ref in (invoice.number, invoice.pay_reference) if ref)
    return any(pattern is not None and pattern.search(folded_remittance) for pattern in patterns)


@lru_cache(maxsize=4096)
def _reference_pattern(reference: str) -> re.Pattern[str] | None:
    chars = [c for c in _fold(reference) if c.isalnum()]
    if len(chars) < MIN_REFERENCE_CHARS:
        return None
    # Separators may fall anywhere, but a letter or digit right before or after means another token.
    body = _REFERENCE_SEPARATORS.join(map(re.escape, chars))
    return re.compile(rf"(?<![A-Z0-9]){body}(?![A-Z0-9])")


def name_score(payer: str | None, buyer: str | None) -> float:
    """0-100 likeness of two company names; 0 when either is unknown or nothing but noise."""
    left, right = _name_key(payer), _name_key(buyer)
    if len(left) < 3 or len(right) < 3:
        return 0.0
    return float(fuzz.token_set_ratio(left, right))


@lru_cache(maxsize=4096)
def _name_key(name: str | None) -> str:
    # "S.A.R.L." is one word, SARL, before other punctuation is turned into spaces.
    text = re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group().replace(".", ""), _fold(name or ""))
    words = re.sub(r"[^A-Z0-9]+", " ", text).split()
    return " ".join(word for word in words if word not in NOISE_WORDS)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def _label(invoice: OpenInvoice) -> str:
    return invoice.number or invoice.id


def _sure(line: StatementLine, invoices: list[OpenInvoice], reason: str) -> MatchDecision:
    return MatchDecision(line.line_ref, "sure", tuple(inv.id for inv in invoices), (), reason)


def _proposed(line: StatementLine, invoices: list[OpenInvoice], reason: str) -> MatchDecision:
    return MatchDecision(line.line_ref, "proposed", (), tuple(inv.id for inv in invoices), reason)


def _none(line: StatementLine, reason: str) -> MatchDecision:
    return MatchDecision(line.line_ref, "none", (), (), reason)
