"""The layout memory's learning curve: on each family, the accuracy on a member after 0, 1 and 2 other
members were corrected (their ground truth as the correction, learned from their text or their scan variant),
reading the member in every variant it has.

Member i of a family of n is read after learning members i+1 .. i+k (modulo n), so every member is read
once per k and no member is ever learned from itself. k = 2 needs families of 3 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.capture_corpus import UNSEEN_LABEL, Tally, field_results, predicted_values
from benchmarks.capture_families import Family, Member, short_name
from benchmarks.capture_read import FIELDS_ONLY, Learned, MemoryDict, Task, learn_all, run_all

CORRECTED = (0, 1, 2)
LEARN_VARIANTS = ("text", "scan")


@dataclass(frozen=True)
class Reading:
    """One member read in one variant after `corrected` members were learned from `learned_on`."""

    family: Family
    member: Member
    variant: str
    corrected: int
    learned_on: str | None  # None at 0 corrections
    memories: tuple[MemoryDict, ...] = ()


@dataclass
class Curve:
    overall: Tally = field(default_factory=Tally)  # (learned on, read variant, corrected)
    per_family: Tally = field(default_factory=Tally)  # (family name, corrected)
    fired: Tally = field(default_factory=Tally)  # corrected -> a memory read the invoice
    learned: list[Learned] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)


def plan(families: Sequence[Family], learned: dict[tuple[str, str], Learned]) -> list[Reading]:
    readings = []
    for family in (f for f in families if len(f.members) >= 2):
        members, n = family.members, len(family.members)
        for i, target in enumerate(members):
            for variant in target.files:
                readings.append(Reading(family, target, variant, 0, None))
                for k in (c for c in CORRECTED if 0 < c < n):
                    teachers = [members[(i + j) % n] for j in range(1, k + 1)]
                    for on in LEARN_VARIANTS:
                        if all((t.name, on) in learned for t in teachers):
                            found = (learned[(t.name, on)].memory for t in teachers)
                            memories = tuple(m for m in found if m is not None)
                            readings.append(Reading(family, target, variant, k, on, memories))
    return readings


def learning_curve(families: Sequence[Family], cache: str | None, workers: int | None = None) -> Curve:
    jobs = [(m, on) for f in families if len(f.members) >= 2 for m in f.members for on in LEARN_VARIANTS
            if on in m.files]  # fmt: skip
    learned = dict(
        zip(
            ((m.name, on) for m, on in jobs),
            learn_all([(m.files[on], m.truth) for m, on in jobs], cache, workers),
            strict=True,
        )
    )
    curve = Curve(learned=list(learned.values()), readings=plan(families, learned))
    tasks = [Task(r.member.files[r.variant], FIELDS_ONLY, cache, r.memories) for r in curve.readings]
    for reading, row in zip(curve.readings, run_all(tasks, workers), strict=True):
        oks = list(field_results(reading.member.truth, predicted_values(row)).values())
        family = f"{UNSEEN_LABEL} (all together)" if reading.family.unseen else reading.family.name
        curve.per_family.add((family, reading.corrected), oks)
        curve.fired.add(reading.corrected, [bool(row.get("layout_match"))])
        for on in [reading.learned_on] if reading.learned_on else LEARN_VARIANTS:
            curve.overall.add((on, reading.variant, reading.corrected), oks)
    return curve


def print_curve(curve: Curve, families: Sequence[Family]) -> None:
    read = [f for f in families if len(f.members) >= 2]
    shown = [f for f in read if not f.unseen]
    hidden = [f for f in read if f.unseen]
    print(f"  {len(read)} families of 2 invoices or more ({sum(len(f.members) for f in read)} invoices; "
          f"{len(families) - len(read)} invoices alone in their layout are not read), "
          f"{len(hidden)} of them from the never-seen sources (in the totals only):")  # fmt: skip
    for family in shown:
        names = ", ".join(short_name(m.name) for m in family.members[1:])
        print(f"    {family.name} + {len(family.members) - 1}: {names}")
    print("  accuracy on the other members after k corrected members (k=2: families of 3 or more):")
    print(f"    {'learned on':<11}{'read':<7}" + "".join(f"{f'k={k}':<22}" for k in CORRECTED))
    for on in LEARN_VARIANTS:
        for variant in sorted({key[1] for key in curve.overall.keys()}, key=_variant_rank):
            cells = "".join(f"{curve.overall.cell((on, variant, k)):<22}" for k in CORRECTED)
            print(f"    {on:<11}{variant:<7}{cells}")
    used = ", ".join(f"k={k}: {curve.fired.right(k)}/{curve.fired.scored(k)}" for k in CORRECTED[1:])
    print(f"    readings a memory read (matched the page): {used}")
    print("  per family (learned on text or scan, read in every variant):")
    for name in sorted({key[0] for key in curve.per_family.keys()}):
        cells = "".join(f"{curve.per_family.cell((name, k)):<22}" for k in CORRECTED)
        print(f"    {name[:40]:<41}{cells}")


def _variant_rank(variant: str) -> int:
    return ("text", "scan", "photo").index(variant) if variant in ("text", "scan", "photo") else 9
