"""The assessment (结果考评) as of a date, from a Picture and its overview (docs: "Assessment")."""

from __future__ import annotations

from jinsanjiao_cli.core import assessment as scoring
from jinsanjiao_cli.core.assessment import UnitScore
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.progress import Overview
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.status import problems_as_of


def assessment(picture: Picture, overview: Overview) -> list[UnitScore]:
    """Every ranked unit's assessment score as of the overview's date."""
    cycle = reporting_view(picture)
    raised = problems_as_of(picture)
    late_weight = picture.weights.late
    units = []
    for unit in sorted(overview.units, key=lambda u: u.rank):
        due, on_time = scoring.problem_record(unit.name, raised, picture.leads, overview.as_of)
        rate = cycle.on_time_rate(unit.name) if cycle is not None else None
        weighted = cycle.weighted_rate(unit.name, late_weight) if cycle is not None else None
        units.append(scoring.UnitInput(unit.name, unit.completion, unit.expected, rate, weighted, due, on_time))
    return scoring.score(units, picture.weights)
