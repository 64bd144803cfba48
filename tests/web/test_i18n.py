"""The catalogues: both languages say the same things, and every key a template asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from web.i18n import LANGUAGES, LOCALES_DIR, catalogue

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
# t("some.key") with a literal key; keys built at run time ("status." ~ s) are not checked here.
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']\s*[,)]""")


def test_every_language_has_the_same_keys() -> None:
    french = set(catalogue("fr"))
    for language in LANGUAGES:
        keys = set(catalogue(language))
        assert sorted(french - keys) == [], f"missing in {language}"
        assert sorted(keys - french) == [], f"only in {language}"


def test_every_area_file_exists_in_every_language() -> None:
    areas = {lang: sorted(p.name for p in (LOCALES_DIR / lang).glob("*.json")) for lang in LANGUAGES}
    assert len({tuple(names) for names in areas.values()}) == 1, areas


def test_every_literal_key_in_the_templates_exists() -> None:
    known = set(catalogue("fr"))
    missing = {
        f"{path.name}: {key}"
        for path in TEMPLATES.glob("*.html")
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
        if key not in known
    }
    assert sorted(missing) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_empty(language: str) -> None:
    assert [key for key, text in catalogue(language).items() if not text.strip()] == []
