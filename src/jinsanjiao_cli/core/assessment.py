"""The assessment score (结果考评) of each responsible unit: pure, from figures jsj already computes.

    C (progress against schedule) = 100 × min(1, completion / 序时进度); 100 when 序时进度 is 0
    R (reporting)                 = the on-time reporting rate over every period due by the date; 100 if none
    P (problems)                  = 100 × closed by their due date / problems due by the date (those the unit
                                    raised or was asked to act on); 100 if none is due
    score = wC·C + wR·R + wP·P, rounded to 2 decimals; default weights 0.60, 0.25, 0.15 (settings.assessment)

Units are ranked by score, best first; equal scores share a rank (1, 2, 2, 4). README "Assessment" has a
worked example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from jinsanjiao_cli.core.problems import Problem
from jinsanjiao_cli.core.progress import rank_desc


class Weights(NamedTuple):
    progress: float = 0.60
    reporting: float = 0.25
    problems: float = 0.15


class UnitInput(NamedTuple):
    name: str
    completion: float  # the unit's completion, 0-100
    expected: float  # its 序时进度
    reporting_rate: float | None  # None: no period due yet
    problems_due: int
    problems_closed_on_time: int


class UnitScore(NamedTuple):
    name: str
    completion: float
    expected: float
    c: float
    reporting_rate: float | None
    r: float
    problems_due: int
    problems_closed_on_time: int
    p: float
    score: float
    rank: int


def progress_component(completion: float, expected: float) -> float:
    return 100.0 if expected <= 0 else 100.0 * min(1.0, completion / expected)


def problems_component(due: int, closed_on_time: int) -> float:
    return 100.0 if due == 0 else 100.0 * closed_on_time / due


def problem_record(unit: str, problems: Iterable[Problem], as_of: dt.date) -> tuple[int, int]:
    """(problems due by `as_of` that the unit raised or was asked to act on, those closed by their due date)."""
    due = [(p, p.due) for p in problems if p.due is not None and p.due <= as_of and p.involves(unit)]
    on_time = [p for p, by in due if p.state == "closed" and p.closed_on is not None and p.closed_on <= by]
    return len(due), len(on_time)


def score(units: Sequence[UnitInput], weights: Weights) -> list[UnitScore]:
    """Every unit's components and score, ranked best first."""
    parts = []
    for u in units:
        c = progress_component(u.completion, u.expected)
        r = 100.0 if u.reporting_rate is None else u.reporting_rate
        p = problems_component(u.problems_due, u.problems_closed_on_time)
        total = round(weights.progress * c + weights.reporting * r + weights.problems * p, 2)
        parts.append((u, c, r, p, total))
    ranks = rank_desc([total for *_, total in parts])
    scored = [
        UnitScore(u.name, u.completion, u.expected, c, u.reporting_rate, r, u.problems_due, u.problems_closed_on_time,
                  p, total, rank)
        for (u, c, r, p, total), rank in zip(parts, ranks, strict=True)
    ]  # fmt: skip
    return sorted(scored, key=lambda s: (s.rank, [u.name for u in units].index(s.name)))
