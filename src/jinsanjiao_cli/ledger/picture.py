"""Reading the Picture (core/picture.py): everything a view needs as of a date, in one read transaction.

Two statements, whatever the size of the plan or of its history: the plan's structure with each
assignment's latest report, the problems and the statistics (one multi-part read), then the reporting
windows and each unit's report counts (which need the periods, so come second). `--since` and the monthly
trend each add one statement (`latest_reports`, `latest_at_month_ends`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from jinsanjiao_cli.core import settings as settings_rules
from jinsanjiao_cli.core.assessment import Weights
from jinsanjiao_cli.core.cycle import Contact, Owed, Placements, WindowReports, place_reports, windows
from jinsanjiao_cli.core.names import Named
from jinsanjiao_cli.core.picture import PartInfo, Picture, PlanHeader, TaskText
from jinsanjiao_cli.core.problems import Problem, Update
from jinsanjiao_cli.core.progress import (
    AssignmentInput,
    Report,
    SectionInput,
    Settings,
    Snapshot,
    TaskInput,
    UnitActivity,
)
from jinsanjiao_cli.core.schedule import Period, Schedule, periods
from jinsanjiao_cli.core.targets import Statistic, TargetInfo
from jinsanjiao_cli.ledger.db import Database, Part

JsonRow = list[Any]  # one row of a multi-part read: values as JSON gives them

# The assignment's latest effective report on or before :as_of (the later-recorded one wins on a date).
LATEST = (
    "SELECT id FROM milestone WHERE task_no = a.task_no AND unit_id = a.unit_id AND date <= :as_of"
    " AND state = 'effective' ORDER BY date DESC, recorded_at DESC, id DESC LIMIT 1"
)
_LATEST_COLUMNS = "a.task_no, a.unit_id, m.date, m.progress, m.status, m.note, p.name, m.recorded_at"
_LATEST_SOURCE = f"assignment a JOIN milestone m ON m.id = ({LATEST}) LEFT JOIN project p ON p.id = m.project_id"

_PLAN_COLUMNS = (
    "title, issuer, issued_on, period_start, period_end, base_year, preamble, recipients, copied_to, disclosure,"
    " lead_weight, support_weight, yellow_behind, red_behind, report_frequency, report_due_day, report_first,"
    " report_last, weight_progress, weight_reporting, weight_problems, late_weight"
)

STRUCTURE: dict[str, Part] = {
    "plan": Part(_PLAN_COLUMNS, "plan", "id"),
    "settings": Part("key, value", "setting", "key"),
    "parts": Part("no, numeral, title", "part", "no"),
    "sections": Part("no, numeral, title", "section", "no"),
    "tasks": Part(
        "no, kind, part_no, section_no, title, text, responsible_as_written, period_start, period_end", "task", "no"
    ),
    "units": Part(
        "u.id, u.name, u.full_name, u.aliases, c.contact, c.phone, c.email, u.coordinating",
        "unit u LEFT JOIN unit_contact c ON c.unit_id = u.id",
        "u.ord",
    ),
    "assignments": Part("a.task_no, a.unit_id, a.role", "assignment a", "a.task_no, a.ord"),
    "latest": Part(_LATEST_COLUMNS, _LATEST_SOURCE, "a.task_no, a.ord"),
    "problems": Part(
        "p.id, p.task_no, t.title, u.name, p.text, p.major, p.raised, p.due, p.state, p.closed_on, p.closing_note,"
        " p.evidence",
        "problem p JOIN task t ON t.no = p.task_no JOIN unit u ON u.id = p.unit_id",
        "p.id",
    ),
    "needs": Part("n.problem_id, u.name", "problem_need n JOIN unit u ON u.id = n.unit_id", "n.problem_id, u.ord"),
    "updates": Part("problem_id, date, kind, note, by_user", "problem_update", "problem_id, id"),
    "targets": Part(
        "key, indicator, measure, annual_growth, target_year, zone_name, zone_aliases, value, unit, level_unit",
        "target",
        "ord, key",
    ),
    "scopes": Part("target_key, name, aliases", "scope", "target_key, ord"),
    "statistics": Part("target_key, scope, year, gdp, growth, value", "indicator", "year, id"),
}


# One unit's own share of the reading (`read_picture(unit=…)`): its assignments and their latest reports.
_ONE_UNIT = "(SELECT id FROM unit WHERE name = :unit)"
UNIT_STRUCTURE: dict[str, Part] = {
    **STRUCTURE,
    "assignments": Part(
        "a.task_no, a.unit_id, a.role", f"assignment a WHERE a.unit_id = {_ONE_UNIT}", "a.task_no, a.ord"
    ),
    "latest": Part(_LATEST_COLUMNS, f"{_LATEST_SOURCE} WHERE a.unit_id = {_ONE_UNIT}", "a.task_no, a.ord"),
}


def read_picture(db: Database, as_of: dt.date, *, unit: str | None = None) -> Picture:
    """Everything the views need as of `as_of`, read in one transaction (two statements).

    With `unit` (a plan name), only that unit's assignments, latest reports, reporting windows and counts
    are read: a picture for that unit's own pages (本期应报), a fraction of the work on a long history. Its
    plan-wide figures would be wrong, so nothing computes status from it."""
    with db.snapshot():
        found = db.query_parts(UNIT_STRUCTURE if unit else STRUCTURE, {"as_of": as_of, "unit": unit})
        overrides = {key: value for key, value in found["settings"]}
        header, settings, weights, schedule = _plan(found["plan"][0], overrides)
        all_periods = periods(schedule, header.period_start) if schedule else ()
        names = {row[0]: row[1] for row in found["units"]}
        tasks = tuple(_task(row) for row in found["tasks"])
        owed = _owed(found["assignments"], tasks, names)
        placed, counts, last_key = _report_counts(db, all_periods, as_of, names, unit)
    assignments = _assignments(found["assignments"], found["latest"], names)
    coordinating = frozenset(row[1] for row in found["units"] if row[7])
    return Picture(
        as_of=as_of,
        plan=header,
        snapshot=Snapshot(
            as_of=as_of,
            settings=settings,
            sections=tuple(SectionInput(no, title) for no, _, title in found["sections"]),
            tasks=tasks,
            assignments=assignments,
            units=tuple(name for name in names.values() if name not in coordinating),
            activity=_activity(assignments, counts),
            parts=tuple(SectionInput(no, title, "part") for no, _, title in found["parts"]),
        ),
        parts=tuple(PartInfo(*row) for row in found["parts"]),
        task_texts=_task_texts(found["tasks"], found["sections"]),
        units=tuple(Named(row[1], (row[2], *json.loads(row[3]))) for row in found["units"]),
        coordinating=coordinating,
        contacts={row[1]: Contact(row[1], *row[4:7]) for row in found["units"] if any(row[4:7])},
        weights=weights,
        schedule=schedule,
        periods=all_periods,
        owed=owed,
        placed=placed,
        last_reports=last_key,
        problems=_problems(found["problems"], found["needs"], found["updates"]),
        leads={task_no: names[unit_id] for task_no, unit_id, role in found["assignments"] if role == "lead"},
        targets=_targets(found["targets"], found["scopes"], header.base_year),
        statistics=tuple(Statistic(*row) for row in found["statistics"]),
    )


def read_problems(db: Database, problem_id: int | None = None) -> tuple[Problem, ...]:
    """Every problem (or one) with its units asked to act and its notes: one statement."""
    parts = {name: STRUCTURE[name] for name in ("problems", "needs", "updates")}
    if problem_id is not None:
        parts = {
            "problems": parts["problems"]._replace(source=parts["problems"].source + " WHERE p.id = :id"),
            "needs": parts["needs"]._replace(source=parts["needs"].source + " WHERE n.problem_id = :id"),
            "updates": parts["updates"]._replace(source=parts["updates"].source + " WHERE problem_id = :id"),
        }
    found = db.query_parts(parts, {"id": problem_id})
    return _problems(found["problems"], found["needs"], found["updates"])


def read_targets(db: Database) -> tuple[TargetInfo, ...]:
    """The plan's targets alone (`jsj indicator`): one statement."""
    parts = {"plan": Part("base_year", "plan", "id"), "targets": STRUCTURE["targets"], "scopes": STRUCTURE["scopes"]}
    found = db.query_parts(parts)
    return _targets(found["targets"], found["scopes"], found["plan"][0][0])


def latest_reports(db: Database, as_of: dt.date) -> tuple[AssignmentInput, ...]:
    """Every assignment with its latest report as of another date (`--since`): one statement."""
    found = db.query_parts(
        {
            "assignments": STRUCTURE["assignments"],
            "latest": STRUCTURE["latest"],
            "units": Part("id, name", "unit", "ord"),
        },
        {"as_of": as_of},
    )
    return _assignments(found["assignments"], found["latest"], {row[0]: row[1] for row in found["units"]})


def latest_at_month_ends(db: Database, days: list[dt.date]) -> dict[dt.date, dict[tuple[int, str], float]]:
    """For each day, every assignment's latest progress on or before it: (task, unit) → progress. One
    statement, one index probe per assignment and day (the monthly trend)."""
    if not days:
        return {}
    ends = " UNION ALL ".join("SELECT ? AS day" for _ in days)  # the driver binds each as a date
    rows = db.query(
        f'SELECT e.day AS "day [date]", a.task_no, u.name, m.progress FROM ({ends}) e CROSS JOIN assignment a'
        f" JOIN unit u ON u.id = a.unit_id JOIN milestone m ON m.id = ({LATEST.replace(':as_of', 'e.day')})",
        tuple(days),
    )
    found: dict[dt.date, dict[tuple[int, str], float]] = {day: {} for day in days}
    for day, task_no, unit, progress in rows:
        found[day][(task_no, unit)] = progress
    return found


# ---------------------------------------------------------------- rows to values


def _day(value: str) -> dt.date:
    """A date as JSON carries it (ISO text)."""
    return dt.date.fromisoformat(value)


def _date(value: str | None) -> dt.date | None:
    return None if value is None else _day(value)


_PLAN_FIELDS = tuple(name.strip() for name in _PLAN_COLUMNS.split(","))


def _plan(row: JsonRow, overrides: dict[str, str]) -> tuple[PlanHeader, Settings, Weights, Schedule | None]:
    """The plan's header and its settings in force: the plan file's, under the ledger's overrides."""
    plan = settings_rules.apply(dict(zip(_PLAN_FIELDS, row, strict=True)), overrides)
    header = PlanHeader(
        plan["title"],
        plan["issuer"],
        _day(plan["issued_on"]),
        _day(plan["period_start"]),
        _day(plan["period_end"]),
        plan["base_year"],
        plan["preamble"],
        tuple(json.loads(plan["recipients"])),
        tuple(json.loads(plan["copied_to"])),
        plan["disclosure"],
    )
    settings = Settings(plan["lead_weight"], plan["support_weight"], plan["yellow_behind"], plan["red_behind"])
    weights = Weights(plan["weight_progress"], plan["weight_reporting"], plan["weight_problems"], plan["late_weight"])
    return header, settings, weights, _schedule(plan)


def _schedule(plan: dict[str, Any]) -> Schedule | None:
    """settings.reporting in force, every default filled in; None when the plan has no schedule."""
    first, last = settings_rules.schedule_bounds(plan)
    if first is None or last is None:
        return None
    return Schedule(plan["report_frequency"], plan["report_due_day"], first, last)


def _task(row: JsonRow) -> TaskInput:
    no, kind, part_no, section_no, title, _text, _written, start, end = row
    return TaskInput(no, kind, section_no, title, _day(start), _day(end), part_no)


def _task_texts(tasks: list[JsonRow], sections: list[JsonRow]) -> dict[int, TaskText]:
    titles = {no: title for no, _, title in sections}
    return {row[0]: TaskText(row[5], row[6], row[2], titles.get(row[3])) for row in tasks}


def _assignments(
    assignments: list[JsonRow], latest: list[JsonRow], names: dict[int, str]
) -> tuple[AssignmentInput, ...]:
    reports = {
        (task_no, unit_id): Report(_day(day), progress, status, note, project, recorded_at)
        for task_no, unit_id, day, progress, status, note, project, recorded_at in latest
    }
    return tuple(
        AssignmentInput(task_no, names[unit_id], role, reports.get((task_no, unit_id)))
        for task_no, unit_id, role in assignments
    )


def _owed(assignments: list[JsonRow], tasks: tuple[TaskInput, ...], names: dict[int, str]) -> tuple[Owed, ...]:
    """Every (key task, responsible unit) pair, in plan order: each owes a report every period."""
    key_tasks = {task.no: task.title for task in tasks if task.kind == "key_task"}
    return tuple(
        Owed(task_no, key_tasks[task_no], names[unit_id]) for task_no, unit_id, _ in assignments if task_no in key_tasks
    )


def _activity(assignments: tuple[AssignmentInput, ...], counts: dict[str, int]) -> dict[str, UnitActivity]:
    """Each unit's last report date (the latest of its assignments' latest reports) and report count."""
    last: dict[str, dt.date] = {}
    for a in assignments:
        if a.latest is not None and (a.unit not in last or a.latest.date > last[a.unit]):
            last[a.unit] = a.latest.date
    return {name: UnitActivity(last.get(name), counts.get(name, 0)) for name in last.keys() | counts.keys()}


def _report_counts(
    db: Database, all_periods: tuple[Period, ...], as_of: dt.date, names: dict[int, str], unit: str | None = None
) -> tuple[Placements, dict[str, int], dict[str, dt.date]]:
    """The periods each (key task, unit) reported for (`core.cycle.place_reports`), each unit's number of
    reports and its latest report on a key task, in one statement: the per-day counts grouped by window (one
    row per pair and window, not per report day: the counts are bounded by the plan's days, however many
    reports were made), the reports that name their period (a partial index holds only those), and one
    grouped scan for the activity. With `unit` (a plan name), that unit's only (the portal's pages)."""
    params: dict[str, Any] = {"as_of": as_of, "unit": unit}
    only = "" if unit is None else f" AND {{alias}}.unit_id = {_ONE_UNIT}"
    parts = {"activity": _ACTIVITY if unit is None else _UNIT_ACTIVITY, "own": _own(only.format(alias="m"))}
    spans = windows(all_periods, as_of)
    if spans:
        cases = []
        for index, (_, end) in enumerate(spans):
            params[f"e{index}"] = end
            cases.append(f"WHEN r.date <= :e{index} THEN {index}")
        params["first_day"] = spans[0][0]
        parts["windows"] = Part(
            "x.task_no, x.unit_id, x.w, sum(x.by_window), min(x.date), max(x.date)",
            f"(SELECT r.task_no, r.unit_id, r.date, r.by_window, CASE {' '.join(cases)} END AS w"
            " FROM report_count r JOIN task t ON t.no = r.task_no WHERE t.kind = 'key_task'"
            " AND r.by_window > 0 AND r.date >= :first_day AND r.date <= :as_of"
            f"{only.format(alias='r')}) x"
            " GROUP BY x.task_no, x.unit_id, x.w",
            "x.task_no, x.unit_id, x.w",
        )
    found = db.query_parts(parts, params)
    return _placements(found, all_periods, names), *_activity_counts(found["activity"], names)


def _placements(
    found: dict[str, list[list[Any]]], all_periods: tuple[Period, ...], names: dict[int, str]
) -> Placements:
    """Each pair's placed periods (`core.cycle.place_reports`)."""
    in_windows: dict[tuple[int, str], dict[int, WindowReports]] = {}
    for task_no, unit_id, window, count, first, last in found.get("windows", ()):
        in_windows.setdefault((task_no, names[unit_id]), {})[window] = WindowReports(
            int(count), _day(first), _day(last)
        )
    labels = {period.label: index for index, period in enumerate(all_periods)}
    own: dict[tuple[int, str], dict[int, dt.date]] = {}
    for task_no, unit_id, label, first in found["own"]:
        if label in labels:  # a period since dropped from the schedule (jsj settings) counts for none
            own.setdefault((task_no, names[unit_id]), {})[labels[label]] = _day(first)
    return {pair: place_reports(in_windows.get(pair, {}), own.get(pair, {}), all_periods) for pair in in_windows | own}


def _activity_counts(rows: list[list[Any]], names: dict[int, str]) -> tuple[dict[str, int], dict[str, dt.date]]:
    counts: dict[str, int] = {}
    last_key: dict[str, dt.date] = {}
    for unit_id, key_task, reports, latest in rows:
        name = names[unit_id]
        counts[name] = counts.get(name, 0) + int(reports)
        if key_task:
            last_key[name] = _day(latest)
    return counts, last_key


_KEY = "CASE WHEN t.kind = 'key_task' THEN 1 ELSE 0 END"
_ACTIVITY = Part(
    f"r.unit_id, {_KEY}, sum(r.reports), max(r.date)",
    "report_count r JOIN task t ON t.no = r.task_no WHERE r.date <= :as_of AND r.reports > 0"
    f" GROUP BY r.unit_id, {_KEY}",
    f"r.unit_id, {_KEY}",
)


def _own(only: str = "") -> Part:
    """The reports that name their own period, as of the date: the earliest per (pair, period) decides."""
    return Part(
        "m.task_no, m.unit_id, m.period, min(m.date)",
        "milestone m JOIN task t ON t.no = m.task_no WHERE m.period IS NOT NULL AND m.state = 'effective'"
        f" AND m.date <= :as_of AND t.kind = 'key_task'{only} GROUP BY m.task_no, m.unit_id, m.period",
        "m.task_no, m.unit_id, m.period",
    )


_UNIT_ACTIVITY = Part(
    f"r.unit_id, {_KEY}, sum(r.reports), max(r.date)",
    "report_count r JOIN task t ON t.no = r.task_no WHERE r.date <= :as_of AND r.reports > 0"
    f" AND r.unit_id = {_ONE_UNIT} GROUP BY r.unit_id, {_KEY}",
    f"r.unit_id, {_KEY}",
)


def _problems(problems: list[JsonRow], needs: list[JsonRow], updates: list[JsonRow]) -> tuple[Problem, ...]:
    needed: dict[int, list[str]] = {}
    for problem_id, name in needs:
        needed.setdefault(problem_id, []).append(name)
    notes: dict[int, list[Update]] = {}
    for problem_id, day, kind, note, by in updates:
        notes.setdefault(problem_id, []).append(Update(_day(day), kind, note, by))
    return tuple(
        Problem(
            pid,
            task_no,
            title,
            unit,
            text,
            tuple(needed.get(pid, ())),
            bool(major),
            _day(raised),
            _date(due),
            state,
            _date(closed_on),
            closing_note,
            evidence,
            tuple(notes.get(pid, ())),
        )
        for pid, task_no, title, unit, text, major, raised, due, state, closed_on, closing_note, evidence in problems
    )


def _targets(targets: list[JsonRow], scopes: list[JsonRow], base_year: int) -> tuple[TargetInfo, ...]:
    by_target: dict[str, list[Named]] = {}
    for key, name, aliases in scopes:
        by_target.setdefault(key, []).append(Named(name, tuple(json.loads(aliases))))
    return tuple(
        TargetInfo(
            indicator=indicator,
            rate=rate,
            target_year=target_year,
            base_year=base_year,
            zone=Named(zone_name, tuple(json.loads(zone_aliases))) if zone_name else None,
            scopes=tuple(by_target.get(key, ())),
            key=key,
            measure=measure,
            value=value,
            unit=unit,
            level_unit=level_unit,
        )
        for key, indicator, measure, rate, target_year, zone_name, zone_aliases, value, unit, level_unit in targets
    )
