"""Names printed for the payment: the account's holder, a cheque's or a QR bill's payee, a slip's "To:"."""

from __future__ import annotations

from . import party_labels
from .candidates import Candidate
from .document import Document
from .layout import Phrase
from .name_cleaning import clean_name
from .party_name_shapes import Names, is_name_like, name_in
from .party_sections import slip_lines


def payment_names(document: Document) -> Names:
    """Names printed for the payment: the account's holder, a cheque's or a QR bill's payee (seller), a QR
    bill's debtor (buyer), who a tear-off slip's payment goes "To:" (seller). Evidence that votes with
    the letterhead's blocks; alone it is weaker than a letterhead (a factor may hold the account)."""
    found = Names([], [])
    slip = slip_lines(document)
    for line in document.lines:
        for phrase in line.phrases:
            for label, names, score in (
                (party_labels.PAYEE, found.seller, 0.55),
                (party_labels.PAYER, found.buyer, 0.55),
                (party_labels.SLIP_TO if line.index in slip else None, found.seller, 0.6),
            ):
                hit = label.match(phrase.text) if label is not None else None
                named = None if hit is None else _labelled_name(document, phrase, hit.end(), score)
                if named is not None:
                    names.append(named)
    return found


def _labelled_name(document: Document, label: Phrase, end: int, score: float) -> Candidate | None:
    """The name after a label: in its phrase, else beside it, else under it (past an account number)."""
    order = document.line_of(label).index
    rest = label.text[end:].strip(" :")
    if rest:
        name = clean_name(rest)
        start = label.text.find(name, end)
        if not name or start < 0 or not is_name_like(name):
            return None
        return Candidate(name, score, label, start, start + len(name), order)
    right = document.right_of(label)
    if right is not None and right.x0 - label.x1 < 0.3 * document.pages[label.page].width:
        return name_in(right, score, order)
    for under in document.block_after(label, max_lines=3):
        if not any(c.isdigit() for c in under.text):
            return name_in(under, score, order)
    return None
