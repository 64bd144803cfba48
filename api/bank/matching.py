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

from rapidfuzz import fuzz, process

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
    matcher = Matcher(invoices)
    return claim_once([matcher.judge(line) for line in lines])


def judge(line: StatementLine, invoices: Sequence[OpenInvoice]) -> tuple[MatchDecision, int]:
    """One line's decision on its own, and how sure it is: `claim_once` then settles the lines of a batch
    that claim the same invoice. A line judged "none" stays "none" whatever the others are."""
    return _judge(line, invoices)


def claim_once(judged: list[tuple[MatchDecision, int]]) -> list[MatchDecision]:
    """The decisions, in the order given, once each invoice is claimed "sure" by one line only."""
    return _claim_once(judged)


class Matcher:
    """`judge` for many lines against the same invoices, prepared once: the pool of each currency, an index
    of the references by their letters and digits, and the buyers' name keys. Decides exactly as `judge`
    does; a statement of 100,000 lines is then not 100,000 scans of every invoice's reference pattern."""

    def __init__(self, invoices: Sequence[OpenInvoice]) -> None:
        self._pools: dict[str, list[OpenInvoice]] = {}
        for inv in invoices:
            if inv.balance_due > 0:
                self._pools.setdefault(inv.currency, []).append(inv)
        self._by_compact: dict[str, list[OpenInvoice]] = {}
        self._order: dict[str, int] = {}
        self._keys: dict[str, str] = {}
        name_key = _name_key.__wrapped__  # 100,000 distinct buyers would only churn its cache
        for pool in self._pools.values():
            for index, inv in enumerate(pool):
                self._order[inv.id], self._keys[inv.id] = index, name_key(inv.buyer_name)
                for ref in {r for r in (inv.number, inv.pay_reference) if r}:
                    compact = _compact(_fold(ref))
                    if len(compact) >= MIN_REFERENCE_CHARS:  # as _reference_pattern, without compiling it
                        self._by_compact.setdefault(compact, []).append(inv)
        self._lengths = sorted({len(compact) for compact in self._by_compact})
        self._pool_keys = {
            currency: [self._keys[inv.id] for inv in pool] for currency, pool in self._pools.items()
        }
        self._named_cache: dict[tuple[str, str], tuple[tuple[int, float], ...]] = {}
        # Built now, not at the first payer looked up: with the rest of what lives as long as the matcher.
        self._name_index = {currency: _NameIndex(keys) for currency, keys in self._pool_keys.items()
                            if len(keys) > FULL_SCAN_POOL}  # fmt: skip
        self._by_amount: dict[str, dict[int, list[OpenInvoice]]] = {}
        for currency, pool in self._pools.items():
            for inv in pool:
                self._by_amount.setdefault(currency, {}).setdefault(inv.balance_due, []).append(inv)

    def judge(self, line: StatementLine) -> tuple[MatchDecision, int]:
        if line.amount <= 0:
            return _none(line, "only credits are matched"), _UNSURE
        pool = self._pools.get(line.currency)
        if not pool:
            return _none(line, f"no open invoice in {line.currency}"), _UNSURE
        text = _fold(line.remittance or "")
        referenced = self._referenced(text, line.currency)
        if referenced:
            return _by_reference(line, referenced, pool)
        return self._by_amount_and_name(line, pool)

    def _referenced(self, folded: str, currency: str) -> list[OpenInvoice]:
        """The invoices `_is_referenced` finds in the text, in the pool's order, with no pattern compiled per
        invoice: a reference's letters and digits in a row within a run of the text (letters and digits joined
        by the separators a reference may hold), with no letter or digit right before or after them."""
        if not folded or not self._lengths:
            return []
        found: dict[str, OpenInvoice] = {}
        by_compact = self._by_compact
        for run in _RUNS.findall(folded):
            compact = _compact(run)
            positions: list[int] | None = None  # where each of compact's characters is in the run
            for size in self._lengths:
                # Every run of `size` letters and digits that is some reference's: a set operation, in C.
                windows = [compact[start : start + size] for start in range(len(compact) - size + 1)]
                for key in by_compact.keys() & windows if windows else ():
                    if positions is None:
                        positions = [m.start() for m in _ALNUM.finditer(run)]
                    if not _bounded(run, positions, compact, key):
                        continue
                    for inv in by_compact[key]:
                        if inv.currency == currency:
                            found[inv.id] = inv
        return sorted(found.values(), key=lambda inv: self._order[inv.id])

    def _named(self, payer: str, currency: str) -> tuple[tuple[int, float], ...]:
        """(index in the pool, score) of the buyers that match this payer: computed once per payer, since a
        statement names the same payers again and again."""
        if len(payer) < 3:
            return ()
        found = self._named_cache.get((payer, currency))
        if found is None:
            keys = self._pool_keys[currency]
            if len(keys) <= FULL_SCAN_POOL:
                matches = process.extract(payer, keys, scorer=fuzz.token_set_ratio, limit=None,
                                          score_cutoff=NAME_THRESHOLD, processor=None)  # fmt: skip
                found = tuple((index, float(score)) for _, score, index in matches if len(keys[index]) >= 3)
            else:
                index = self._name_index.get(currency) or self._name_index.setdefault(
                    currency, _NameIndex(keys)
                )
                found = index.matches(payer)
            if len(self._named_cache) >= _NAMED_CACHE:
                self._named_cache.clear()
            self._named_cache[(payer, currency)] = found
        return found

    def _by_amount_and_name(self, line: StatementLine, pool: list[OpenInvoice]) -> tuple[MatchDecision, int]:
        """`_by_amount_and_name` without a look at every invoice in Python: those of the line's amount from
        an index, those whose buyer matches the payer from one pass of rapidfuzz over the pool's names."""
        scores: dict[str, float] = {}
        named = []
        for index, score in self._named(_name_key(line.payer_name), line.currency):
            scores[pool[index].id] = score
            named.append(pool[index])
        same_amount = self._by_amount[line.currency].get(line.amount, [])
        for inv in same_amount:
            if inv.id not in scores:
                scores[inv.id] = name_score(line.payer_name, inv.buyer_name)

        def best_name_first(inv: OpenInvoice) -> tuple[float, int]:
            return -scores[inv.id], self._order[inv.id]

        return _decide_by_amount_and_name(
            line, sorted(same_amount, key=best_name_first), sorted(named, key=best_name_first), scores
        )


_NAMED_CACHE = 50_000  # payers remembered by a Matcher (then forgotten all at once)
# Up to this many open invoices in a currency, a payer's name is compared with every buyer's; beyond, only
# with the buyers an index says could match (see _NameIndex).
FULL_SCAN_POOL = 5000
COMMON_WORD = 500  # buyers sharing a word beyond which it alone no longer makes them candidates


class _NameIndex:
    """The buyers' name keys of a large pool by each of their words and by their letters and digits alone.

    token_set_ratio reaches NAME_THRESHOLD for two names sharing a word, or, sharing none, for two names
    written almost alike as a whole, which in practice differ by their spacing ("LE ROY" / "LEROY") and are
    found under their letters and digits. A word shared by more than COMMON_WORD buyers does not make them
    candidates on its own (all of them would be); a payer of only such words is looked for among the buyers
    holding them all. Only candidates are scored, as the full scan scores them. What this may miss (a name
    sharing no rare word and misspelt otherwise) only ever drops a "payer name matches, amount differs"
    proposal: the invoices of the line's amount are always scored one by one, so each "sure" decision is the
    same as with the full scan."""

    def __init__(self, keys: list[str]) -> None:
        self._keys = keys
        by_word: dict[str, list[int]] = {}
        by_compact: dict[str, list[int]] = {}
        for index, key in enumerate(keys):
            if len(key) < 3:
                continue
            for word in set(key.split()):
                by_word.setdefault(word, []).append(index)
            by_compact.setdefault(key.replace(" ", ""), []).append(index)
        # Tuples, not lists, once built: 100,000 lists are 100,000 objects each full collection of the garbage
        # collector walks through, where tuples of integers drop out of its sight once it has seen them.
        self._by_word = {word: tuple(indexes) for word, indexes in by_word.items()}
        self._by_compact = {compact: tuple(indexes) for compact, indexes in by_compact.items()}

    def matches(self, payer: str) -> tuple[tuple[int, float], ...]:
        candidates: set[int] = set(self._by_compact.get(payer.replace(" ", ""), ()))
        postings = sorted((self._by_word.get(word, ()) for word in set(payer.split())), key=len)
        rare = [posting for posting in postings if len(posting) <= COMMON_WORD]
        for posting in rare:
            candidates.update(posting)
        if postings and not rare and postings[0]:
            # Only words many buyers share ("CLIENT", "GARAGE"): the buyers holding them all (who score 100).
            holding_all = set(postings[0])
            for posting in postings[1:]:
                holding_all.intersection_update(posting)
            candidates |= holding_all
        ordered = sorted(candidates)
        keys = [self._keys[index] for index in ordered]
        found = process.extract(payer, keys, scorer=fuzz.token_set_ratio, limit=None,
                                score_cutoff=NAME_THRESHOLD, processor=None)  # fmt: skip
        # process.extract orders by score, then by position: the same order as over the whole pool.
        return tuple((ordered[position], float(score)) for _, score, position in found)


# Runs of letters and digits joined by the separators a reference may hold (spaces, dots, slashes, dashes).
_RUNS = re.compile(r"[^\W_]+(?:[\s./-]+[^\W_]+)*")


_NOT_ALNUM = re.compile(r"[\W_]+")
_ALNUM = re.compile(r"[^\W_]")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _bounded(run: str, positions: list[int], compact: str, key: str) -> bool:
    """Whether `key` is somewhere in `compact` (a run's letters and digits, at `positions` in the run) with no
    A-Z or 0-9 right before its first character nor right after its last one: as _reference_pattern's
    lookarounds decide (separators between its characters are the run's own)."""
    start = compact.find(key)
    while start >= 0:
        first, last = positions[start], positions[start + len(key) - 1]
        if (first == 0 or run[first - 1] not in _TOKEN_CHARS) and (
            last == len(run) - 1 or run[last + 1] not in _TOKEN_CHARS
        ):
            return True
        start = compact.find(key, start + 1)
    return False


def _compact(text: str) -> str:
    """Its letters and digits only (what str.isalnum keeps)."""
    return _NOT_ALNUM.sub("", text)


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
    return _decide_by_amount_and_name(line, same_amount, named, scores)


def _decide_by_amount_and_name(
    line: StatementLine, same_amount: list[OpenInvoice], named: list[OpenInvoice], scores: dict[str, float]
) -> tuple[MatchDecision, int]:
    """`same_amount`: the invoices of the line's amount, `named`: those whose buyer matches the payer, both
    best name first (ties in the pool's order); `scores` has the name score of each of them."""
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
    if text.isascii():  # nothing to decompose: the common case, at a fraction of the cost
        return text.upper()
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
