"""Is a password good enough? Pure rules: the length, then not built on the user's email or organisation,
then hard to guess by zxcvbn's estimate (its dictionaries of common passwords, words, names, keyboard
patterns, sequences and dates, plus a few French favourites below)."""

from __future__ import annotations

import re

from zxcvbn import zxcvbn  # type: ignore[import-untyped]

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
MIN_SCORE = 3  # zxcvbn's 0-4 scale: 3 is "safely unguessable", about 10^8 guesses or more
PERSONAL_MIN_LENGTH = 4  # shorter parts of an email ("jo", "fr") say nothing
# French passwords and words that zxcvbn's English lists miss; matched as dictionary words, so "Azerty2024!"
# or "motdepasse123" are guessed as fast as "password1".
FRENCH_WORDS = (
    "motdepasse", "azerty", "azertyuiop", "bonjour", "soleil", "doudou", "chouchou", "loulou", "marseille",
    "paris", "france", "coucou", "jetaime", "amour", "bisous", "chocolat", "princesse", "encaisse",
    "facture", "factures", "compta", "comptabilite", "entreprise", "societe", "boulangerie", "nicolas",
    "camille", "julien", "isabelle", "nathalie", "sylvie", "stephane", "christophe", "frederic",
)  # fmt: skip

_PARTS = re.compile(r"[^\w]+|_")


def personal_words(email: str, organisation_name: str) -> list[str]:
    """The parts of the email and of the organisation's name long enough to matter, lower-case."""
    local, _, domain = email.lower().partition("@")
    words = [local, *_PARTS.split(local), *domain.split(".")[:-1], *_PARTS.split(organisation_name.lower())]
    compact = "".join(_PARTS.split(organisation_name.lower()))
    return sorted({word for word in (*words, compact) if len(word) >= PERSONAL_MIN_LENGTH})


def password_problem(
    password: str, *, email: str = "", organisation_name: str = ""
) -> tuple[str, int | None] | None:
    """None for a good password, else a problem code ("too_short", "too_long", "personal", "weak") and
    its limit."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "too_short", MIN_PASSWORD_LENGTH
    if len(password) > MAX_PASSWORD_LENGTH:
        return "too_long", MAX_PASSWORD_LENGTH
    personal = personal_words(email, organisation_name)
    folded = password.lower()
    if any(word in folded for word in personal):
        return "personal", None
    if zxcvbn(password, user_inputs=[*personal, *FRENCH_WORDS])["score"] < MIN_SCORE:
        return "weak", None
    return None
