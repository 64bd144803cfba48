"""Families of invoices (one seller's template, different values) for the layout memory's learning curve.

The rule, so anyone can check a grouping: two invoices are of one family when they come from the same source
and the stable words of their first page (text layer; lower-cased alphabetic tokens of 3 letters or more, so
no amounts, dates or numbers) overlap with a Jaccard index >= FAMILY_JACCARD; families are the connected
groups of that relation (single linkage). Exact duplicates (same first-page text, digits included) count once:
learning on a copy of the invoice read would flatter the curve. The same wording laid out by another template
stays apart (different words: another language's labels, another generator's boilerplate); securibox's
French Facture_* and its English Facture_UE are two families, as their labels differ.
Synthetic families come from tests/support/invoice_family.py's make_family(seed, count).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.capture_corpus import VISUAL_VARIANTS, Doc, is_unseen
from ocr.layout import Word
from ocr.pdf_text import read_text_page
from ocr.pdfium_lock import PDFIUM_LOCK

FAMILY_JACCARD = 0.6
_TOKEN = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Member:
    """One invoice of a family: its variants' files and the values it must read."""

    name: str
    files: Mapping[str, str]  # variant -> path
    truth: Mapping[str, str]


@dataclass(frozen=True)
class Family:
    name: str
    source: str
    members: tuple[Member, ...]
    synthetic: bool = False

    @property
    def unseen(self) -> bool:
        return not self.synthetic and is_unseen(self.source)


@dataclass(frozen=True)
class Page1:
    """What the family rule looks at on a first page."""

    stable: frozenset[str]
    text: str = field(compare=False)


def page_one(words: Iterable[Word]) -> Page1:
    texts = [w.text for w in words]
    stable = {token.casefold() for text in texts if not any(c.isdigit() for c in text)
              for token in _TOKEN.findall(text)}  # fmt: skip
    return Page1(frozenset(stable), " ".join(texts))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def group(items: Sequence[tuple[str, str, Page1]], threshold: float = FAMILY_JACCARD) -> list[list[str]]:
    """Families of (source, key, page 1) items: keys grouped per the rule above, exact duplicates dropped,
    each family's keys sorted; families of one member are kept (they only score at 0 corrections)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    kept: dict[tuple[str, str], str] = {}  # (source, page-1 text) -> first key: duplicates dropped
    by_source: dict[str, list[tuple[str, Page1]]] = defaultdict(list)
    for source, key, page in sorted(items, key=lambda item: item[1]):
        if kept.setdefault((source, page.text), key) != key:
            continue
        parent[key] = key
        for other, other_page in by_source[source]:
            if jaccard(page.stable, other_page.stable) >= threshold:
                parent[root(key)] = root(other)
        by_source[source].append((key, page))
    families: dict[str, list[str]] = defaultdict(list)
    for key in sorted(parent):
        families[root(key)].append(key)
    return sorted(families.values())


def short_name(stem: str) -> str:
    """A corpus file's own name, without its source's path ("Facture_FR_BASIC")."""
    return stem.split("__")[-1]


def first_page_words(path: Path) -> list[Word]:
    """The text layer of a PDF's first page (empty for a page without one)."""
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[0]
            words = read_text_page(page, 1).words
            page.close()
        finally:
            pdf.close()
    return words


def corpus_families(docs: Sequence[Doc]) -> list[Family]:
    """The families of the corpus's visual documents, grouped on their text variant's first page."""
    members: dict[str, dict[str, str]] = defaultdict(dict)
    truths: dict[str, Mapping[str, str]] = {}
    sources: dict[str, str] = {}
    for doc in docs:
        if doc.variant in VISUAL_VARIANTS:
            members[doc.stem][doc.variant] = str(doc.path)
            truths[doc.stem], sources[doc.stem] = doc.fields, doc.source
    items = [(sources[stem], stem, page_one(first_page_words(Path(files["text"]))))
             for stem, files in members.items() if "text" in files]  # fmt: skip
    return [
        Family(
            f"{sources[keys[0]]}: {short_name(keys[0])}",
            sources[keys[0]],
            tuple(Member(k, members[k], truths[k]) for k in keys),
        )  # fmt: skip
        for keys in group(items)
    ]


def synthetic_families(folder: Path, seeds: Sequence[int], count: int) -> list[Family]:
    """Families made by tests/support/invoice_family.py (none while it does not exist), written to `folder`
    as text PDFs with their scan-like variants (an image-only PDF, and a JPEG of page 1 as the photo)."""
    try:
        from tests.support import invoice_family
    except ImportError:
        return []
    families = []
    for seed in seeds:
        members = []
        for index, made in enumerate(invoice_family.make_family(seed, count)):
            data, truth = made[0], made[1]
            name = f"synthetic-{seed}-{index}"
            noise = seed * 1000 + index
            files = {
                "text": _write(folder / f"{name}.text.pdf", data),
                "scan": _write(folder / f"{name}.scan.pdf", invoice_family.scan_variant(data, noise)),
                "photo": _write(
                    folder / f"{name}.scan.jpg", invoice_family.scan_variant(data, noise, jpeg=True)
                ),
            }
            members.append(Member(name, files, {k: str(v) for k, v in truth.items() if v is not None}))
        families.append(Family(f"synthetic-{seed}", "synthetic", tuple(members), synthetic=True))
    return families


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)
