"""The assessment score (结果考评) of each responsible unit: pure, from figures jsj already computes.

    C (progress against schedule) = 100 × min(1, completion / 序时进度); 100 when 序时进度 is 0
    R (reporting)                 = 100 × (on-time reports + late_weight × late reports) / reports owed, over
                                    every period due by the date; 100 when none is due
    P (problems)                  = 100 × closed by their due date / problems due by the date, of the problems
                                    the unit was asked to act on (`actors`); none due: no P
    score = wC·C + wR·R + wP·P, rounded to 2 decimals; default weights 0.60, 0.25, 0.15 and late_weight 0.5
    (settings.assessment). A unit with no P shares its P weight between C and R in proportion to theirs.

Raising a problem never counts against the unit that raised it: P judges the units asked to act. Units are
ranked by score, best first; equal scores share a rank (1, 2, 2, 4). docs/formulas.md has a worked example.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from jinsanjiao_cli.core.problems import Problem
from jinsanjiao_cli.core.progress import rank_desc
from jinsanjiao_cli.core.values import round_half_up


class Weights(NamedTuple):
    progress: float = 0.60
    reporting: float = 0.25
    problems: float = 0.15
    late: float = 0.5  # what a late report (迟报) counts for in R: settings.assessment.late_weight


class UnitInput(NamedTuple):
    name: str
    completion: float  # the unit's completion, 0-100
    expected: float  # its 序时进度
    reporting_rate: float | None  # the on-time rate; None: no period due yet
    reporting_score: float | None  # the same with late reports at their weight (R before its default)
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
    p: float | None  # None: no problem the unit was asked to act on is due
    score: float
    rank: int
    weights: Weights  # the weights this unit's score used (P's shared out when it has none)


def progress_component(completion: float, expected: float) -> float:
    return 100.0 if expected <= 0 else 100.0 * min(1.0, completion / expected)


def problems_component(due: int, closed_on_time: int) -> float | None:
    return None if due == 0 else 100.0 * closed_on_time / due


def actors(problem: Problem, lead: str | None) -> tuple[str, ...]:
    """The units asked to act on a problem: those it names (`--needs`), else its task's lead unit unless
    the lead raised it itself (a unit is never judged for raising a problem)."""
    if problem.needs:
        return problem.needs
    return (lead,) if lead is not None and lead != problem.unit else ()


def problem_record(unit: str, problems: Iterable[Problem], leads: dict[int, str], as_of: dt.date) -> tuple[int, int]:
    """(problems due by `as_of` that the unit was asked to act on, those closed by their due date)."""
    due = [p for p in problems if p.due is not None and p.due <= as_of and unit in actors(p, leads.get(p.task))]
    on_time = [p for p in due if p.state == "closed" and _closed_by_due(p)]
    return len(due), len(on_time)


def _closed_by_due(problem: Problem) -> bool:
    return problem.closed_on is not None and problem.due is not None and problem.closed_on <= problem.due


def effective_weights(weights: Weights, has_p: bool) -> Weights:
    """The weights a unit's score uses: as set, or without P, P's weight shared between C and R in
    proportion to their own weights (equally when both are 0)."""
    if has_p:
        return weights
    rest = weights.progress + weights.reporting
    if rest <= 0:
        return weights._replace(progress=0.5, reporting=0.5, problems=0.0)
    return weights._replace(progress=weights.progress / rest, reporting=weights.reporting / rest, problems=0.0)


def score(units: Sequence[UnitInput], weights: Weights) -> list[UnitScore]:
    """Every unit's components and score, ranked best first."""
    parts = []
    for u in units:
        c = progress_component(u.completion, u.expected)
        r = 100.0 if u.reporting_score is None else u.reporting_score
        p = problems_component(u.problems_due, u.problems_closed_on_time)
        used = effective_weights(weights, p is not None)
        total = round_half_up(used.progress * c + used.reporting * r + used.problems * (p or 0.0), 2)
        parts.append((u, c, r, p, total, used))
    ranks = rank_desc([part[4] for part in parts])
    scored = [
        UnitScore(u.name, u.completion, u.expected, c, u.reporting_rate, r, u.problems_due, u.problems_closed_on_time,
                  p, total, rank, used)
        for (u, c, r, p, total, used), rank in zip(parts, ranks, strict=True)
    ]  # fmt: skip
    order = [u.name for u in units]
    return sorted(scored, key=lambda s: (s.rank, order.index(s.name)))
