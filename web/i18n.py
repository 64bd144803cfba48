"""UI text in French by default, English on request.

A language's catalogue is the union of the flat JSON files in web/locales/<language>/, one file per area of
the UI, so that work on one area never edits another's file. A key defined twice is an error."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api.errors import EncaisseError

LOCALES_DIR = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")
LANGUAGE_COOKIE = "encaisse_lang"


@cache
def catalogue(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language).glob("*.json")):
        part: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"{path.name} defines keys already defined elsewhere: {sorted(twice)}")
        merged.update(part)
    return merged


def choose_language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language
        self._messages = catalogue(language)
        self._fallback = catalogue(DEFAULT_LANGUAGE)

    def __call__(self, key: str, **values: object) -> str:
        return self.get(key, **values) or key

    def get(self, key: str, **values: object) -> str | None:
        """The sentence for `key`, or None when no catalogue has it."""
        text = self._messages.get(key) or self._fallback.get(key)
        if text is None:
            return None
        return text.format(**values) if values else text

    def reason(self, reason: str | None, params: dict[str, object], fallback: str) -> str:
        """A service's coded reason in the reader's language; its English detail only if none is written."""
        return (self.get(f"reason.{reason}", **params) if reason else None) or fallback

    def problem(self, reason: str | None, params: dict[str, object], code: str) -> str:
        """A service's refusal in the reader's language: its coded reason's sentence, else a sentence for its
        kind (`problem.<code>`: not found, conflict...), never the English detail the JSON API returns."""
        coded = self.get(f"reason.{reason}", **params) if reason else None
        return coded or self.get(f"problem.{code}") or self("problem.generic")

    def error(self, exc: EncaisseError) -> str:
        """What a page says of a refused action (see `problem`)."""
        return self.problem(exc.reason, exc.params, exc.code)

    def code(self, prefix: str, value: str | None) -> str:
        """The word for a stored code (a status, a reminder step): `prefix + value` in the catalogue, or the
        value itself when it is a name a user chose (a step of their own sequence)."""
        if not value:
            return ""
        return self.get(prefix + value) or value
