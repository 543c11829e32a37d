"""How well `jsj plan draft` reads the corpus of plan forms in tests/drafting/.

Each source there (.txt, .docx, .xlsx, .csv) has beside it, under the same name with .yaml, the plan a
careful reader writes by hand. This prints, per source and over the corpus, the share drafted right of:

- items: number, part, section, title, text and counted flag all as the reader has them;
- units: the units the reader lists, and how many the draft names that the reader does not (wrong);
- assignments: (item, lead or support, unit); a wrong one is worse than one left open as a TODO.

    .venv/bin/python benchmarks/draft_corpus.py
"""

import sys
from dataclasses import dataclass, fields
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "drafting"
SOURCE_SUFFIXES = (".txt", ".docx", ".xlsx", ".csv")


def cases() -> list[tuple[Path, Path]]:
    """(source, expected plan) for every source of the corpus, in name order."""
    sources = sorted(p for p in CORPUS.iterdir() if p.suffix in SOURCE_SUFFIXES)
    return [(source, source.with_suffix(".yaml")) for source in sources]


def drafted_items(draft) -> list[tuple]:
    return [(i.no, i.part, i.section, i.title, i.text, i.counted) for i in draft.items]


def expected_items(plan) -> list[tuple]:
    return [(t.no, t.part, t.section, t.title, t.text, t.counted) for t in plan.tasks]


def drafted_assignments(draft) -> set[tuple]:
    return {(i.no, role, unit) for i in draft.items for role in ("lead", "support") for unit in getattr(i, role)}


def expected_assignments(plan) -> set[tuple]:
    return {(t.no, role, unit) for t in plan.tasks for role in ("lead", "support") for unit in getattr(t, role)}


@dataclass
class Score:
    items_right: int = 0
    items: int = 0
    units_right: int = 0
    units: int = 0
    units_wrong: int = 0
    assignments_right: int = 0
    assignments: int = 0
    assignments_wrong: int = 0
    assignments_open: int = 0

    def __add__(self, other: "Score") -> "Score":
        return Score(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def score(source: Path, expected: Path) -> Score:
    from jinsanjiao_cli.plans.drafting import draft_from_file
    from jinsanjiao_cli.plans.plan import load_plan

    draft = draft_from_file(source).draft
    plan = load_plan(expected)[0]
    mine, theirs = drafted_items(draft), expected_items(plan)
    units, their_units = set(draft.units), {unit.name for unit in plan.units}
    assigned, their_assigned = drafted_assignments(draft), expected_assignments(plan)
    return Score(
        items_right=len(set(mine) & set(theirs)),
        items=len(theirs),
        units_right=len(units & their_units),
        units=len(their_units),
        units_wrong=len(units - their_units),
        assignments_right=len(assigned & their_assigned),
        assignments=len(their_assigned),
        assignments_wrong=len(assigned - their_assigned),
        assignments_open=len(their_assigned - assigned),
    )


def share(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.1f}%)" if total else "0/0"


def main() -> int:
    total = Score()
    print(f"{'source':<32} {'items':>9} {'units':>9} {'assignments':>12} {'wrong':>6} {'open':>5}")
    for source, expected in cases():
        case = score(source, expected)
        total += case
        print(
            f"{source.name:<32} {case.items_right:>4}/{case.items:<4} {case.units_right:>4}/{case.units:<4} "
            f"{case.assignments_right:>6}/{case.assignments:<5} {case.assignments_wrong + case.units_wrong:>6} "
            f"{case.assignments_open:>5}"
        )
    print(
        f"corpus: {len(cases())} sources; items {share(total.items_right, total.items)}; "
        f"units {share(total.units_right, total.units)}, {total.units_wrong} wrong; "
        f"assignments {share(total.assignments_right, total.assignments)}, {total.assignments_wrong} wrong, "
        f"{total.assignments_open} left as TODO"
    )
    return 0 if total.assignments_wrong == total.units_wrong == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
