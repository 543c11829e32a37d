"""Everything the progress-ledger workbook (`jsj export`) is written from, assembled from one Picture and
the few reads only the workbook needs (projects, every report, the trend, the corrections)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.cycle import Contact, Reporting
from jinsanjiao_cli.core.delivery import Delivery
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.views.assessment import assessment
from jinsanjiao_cli.views.cycle import reporting_view
from jinsanjiao_cli.views.documents import assessment_document, problem_document
from jinsanjiao_cli.views.status import StatusView, status_document, status_view
from jinsanjiao_cli.views.trend import TrendPoint


class ExportInputs(NamedTuple):
    view: StatusView
    status: dict  # the `jsj status --format json` document
    projects: dict[int, list[Any]]  # task → its projects with the latest report naming each (ledger rows)
    milestones: list[Any]  # every effective report dated by the as-of date (ledger rows)
    trend: list[TrendPoint]
    units: list[str]  # every unit, plan order (the trend's columns)
    cycle: Reporting | None
    contacts: dict[str, Contact]
    problems: list[dict]  # `jsj problem list --state all --format json`
    assessment: dict  # `jsj assess --format json`
    corrections: list[Any]  # every amendment and void (ledger rows)
    deliveries: tuple[Delivery, ...] = ()  # every attempt to deliver a notice, oldest first (masked addresses)


def export_inputs(
    picture: Picture,
    *,
    projects: Iterable[Any],
    milestones: list[Any],
    trend: list[TrendPoint],
    corrections: list[Any],
    deliveries: list[Delivery] | None = None,
) -> ExportInputs:
    overview = progress.assess(picture.snapshot)
    view = status_view(picture, overview)
    by_task: dict[int, list[Any]] = {}
    for row in projects:
        by_task.setdefault(row["task_no"], []).append(row)
    scores = assessment(picture, overview)
    as_of = picture.as_of
    return ExportInputs(
        view=view,
        status=status_document(view),
        projects=by_task,
        milestones=milestones,
        trend=trend,
        units=[unit.name for unit in picture.units],
        cycle=reporting_view(picture),
        contacts=picture.contacts,
        problems=[problem_document(p, as_of) for p in view.problems],
        assessment=assessment_document(as_of, picture.weights, scores),
        corrections=corrections,
        deliveries=tuple(deliveries or ()),
    )
