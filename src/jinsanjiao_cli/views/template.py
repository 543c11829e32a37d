"""What the fill-in workbook (`jsj template`) lists, from a Picture."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from jinsanjiao_cli.core.picture import Picture


class TemplateForm(NamedTuple):
    """What the fill-in workbook lists: the plan, its rows (task, title, unit) and the dropdowns' choices."""

    plan_title: str
    plan_start: dt.date
    rows: list[tuple[int, str, str]]  # (task no, task title, unit), plan order
    unit_names: list[str]
    projects: list[str]
    unit: str | None = None  # the unit the form is for (--unit), else every unit


def template_form(picture: Picture, projects: list[str], unit: str | None) -> TemplateForm:
    """The fill-in workbook's rows: every assignment in plan order (only `unit`'s if given)."""
    titles = {task.no: task.title for task in picture.snapshot.tasks}
    rows = [(a.task_no, titles[a.task_no], a.unit) for a in picture.snapshot.assignments if unit in (None, a.unit)]
    names = [u.name for u in picture.units if u.name not in picture.coordinating]  # they report on nothing
    return TemplateForm(picture.plan.title, picture.plan.period_start, rows, names, projects, unit)
