"""Assembling what a report shows: the core's results, filtered, with the plan's details and the growth target.

Sits between the store (data in) and render (text out); computes nothing that the core does not.
"""

import datetime as dt
import json
from typing import NamedTuple

from jinsanjiao_cli import store
from jinsanjiao_cli.assessment import UnitScore, Weights
from jinsanjiao_cli.db import Database, Row
from jinsanjiao_cli.errors import BadValue
from jinsanjiao_cli.growth import Figure, TargetTrack, track_target
from jinsanjiao_cli.i18n import register, t
from jinsanjiao_cli.levels import LevelTrack, track_level
from jinsanjiao_cli.lookup import Named
from jinsanjiao_cli.progress import Changes, Overview, SectionResult, TaskResult, UnitResult, changes_since
from jinsanjiao_cli.reporting import Reporting
from jinsanjiao_cli.schedule import Period, default_period, find_period, last_due, periods
from jinsanjiao_cli.store import PLAN_WIDE

register(
    {
        "report.no_section": (
            "没有第 {no} 部分（共 {count} 个）",
            "there is no section {no} (there are {count})",
        ),
        "report.no_target": ("计划中没有增长目标", "the plan has no growth target"),
    }
)


class TargetInfo(NamedTuple):
    """A target as the plan states it: its kind (`measure`), what it aims at, where it is measured."""

    indicator: str
    rate: float | None  # real_growth: percent a year
    target_year: int
    base_year: int
    zone: Named | None  # the scopes combined, when the plan names the whole
    scopes: tuple[Named, ...]  # empty: the target is measured for the plan's whole area (PLAN_WIDE)
    key: str = ""
    measure: str = "real_growth"  # real_growth | level | share
    value: float | None = None  # level or share: the value to reach
    unit: str | None = None  # level or share: the value's unit (%, 家, 亿元 …)
    level_unit: str | None = None  # real_growth: the unit GDP levels are given in

    def measured_scopes(self) -> tuple[Named, ...]:
        """Where statistics are recorded: the scopes, or the plan's whole area."""
        return self.scopes or (Named(PLAN_WIDE, (self.key, self.indicator)),)


class ReportingStatus(NamedTuple):
    """What `jsj status` says of the reporting cycle: the last period due, and each unit's record."""

    period: Period | None  # the latest period due by the as-of date; None before the first due date
    owed: int
    reported: int
    overdue: int
    unit_overdue: dict[str, int]  # reports overdue for that period, per unit
    unit_rate: dict[str, float | None]  # reporting rate over every period due so far, per unit


def reporting_status(view: Reporting) -> ReportingStatus:
    period = last_due(view.periods, view.as_of)
    items = view.items(view.periods.index(period)) if period else []
    return ReportingStatus(
        period,
        len(items),
        sum(i.state == "reported" for i in items),
        sum(i.state == "overdue" for i in items),
        {u: sum(i.state == "overdue" and i.owed.unit == u for i in items) for u in view.units},
        {u: view.on_time_rate(u) for u in view.units},
    )


class StatusView(NamedTuple):
    title: str
    period_start: dt.date
    period_end: dt.date
    overview: Overview
    sections: tuple[SectionResult, ...]
    tasks: tuple[TaskResult, ...]
    units: tuple[UnitResult, ...]
    reporting: ReportingStatus | None = None
    problems: tuple = ()  # every problem raised by the as-of date, as it stood then
    targets: tuple = ()  # (track, info) of every target, in the plan's order
    unit: str | None = None  # --unit: the unit whose own assignments the task rows show
    changes: Changes | None = None  # --since: completion now minus then

    @property
    def target(self) -> TargetTrack | LevelTrack | None:
        """The plan's first target's track (`jsj status` JSON `target`, as 0.1 printed it)."""
        return self.targets[0][0] if self.targets else None

    @property
    def target_info(self) -> TargetInfo | None:
        return self.targets[0][1] if self.targets else None

    @property
    def period_ended(self) -> bool:
        """After the plan's end every figure is final: 序时进度 is 100 and unfinished work is late."""
        return self.overview.as_of > self.period_end


class TaskDetail(NamedTuple):
    result: TaskResult
    text: str
    section_title: str | None
    responsible_as_written: str | None
    projects: tuple[Row, ...]
    problems: tuple = ()  # the task's open problems as of the date


def plan_header(db: Database) -> tuple[str, dt.date, dt.date]:
    info = store.plan_info(db)
    return info["title"], info["period_start"], info["period_end"]


def status_view(
    db: Database,
    overview: Overview,
    *,
    unit: str | None = None,
    section: int | None = None,
    earlier: Overview | None = None,
    cycle: Reporting | None = None,
) -> StatusView:
    """The status screen's contents. Filters choose rows; every figure is computed on the whole plan.

    `earlier` is the same picture at the --since date, for the change since then; `cycle` the reporting
    picture as of the same date when the caller has it already.
    """
    tasks, units, sections = overview.tasks, overview.units, overview.sections
    if section is not None:
        if section not in {s.no for s in overview.sections}:
            raise BadValue(t("report.no_section", no=section, count=len(overview.sections)))
        tasks = tuple(t for t in tasks if t.section_no == section)
        sections = tuple(s for s in sections if s.no == section)
        involved = {a.unit for t in tasks for a in t.assignments}
        units = tuple(u for u in units if u.name in involved)
    name = None
    if unit is not None:
        name = store.find_unit(db, unit)
        tasks = tuple(t for t in tasks if name in t.units)
        units = tuple(u for u in units if u.name == name)
        sections = tuple(s for s in sections if any(t.section_no == s.no for t in tasks))
    tracks = tuple(target_tracks(db, overview.as_of))
    title, start, end = plan_header(db)
    if cycle is None:
        cycle = reporting_view(db, overview.as_of)
    summary = reporting_status(cycle) if cycle is not None else None
    raised = problems_as_of(db, overview.as_of)
    changes = changes_since(overview, earlier, start) if earlier is not None else None
    return StatusView(title, start, end, overview, sections, tasks, units, summary, raised, tracks, name, changes)


def problems_as_of(db: Database, as_of: dt.date) -> tuple:
    from jinsanjiao_cli import problems

    return tuple(problems.as_of(p, as_of) for p in problems.listed(db, as_of, state=None))


def task_detail(db: Database, overview: Overview, no: int) -> TaskDetail:
    row = store.task(db, no)
    result = next(t for t in (*overview.tasks, *overview.safeguards) if t.no == no)
    return TaskDetail(
        result=result,
        text=row["text"],
        section_title=store.section_title(db, row["section_no"]),
        responsible_as_written=row["responsible_as_written"],
        projects=tuple(store.project_reports(db, no, overview.as_of)),
        problems=tuple(p for p in problems_as_of(db, overview.as_of) if p.task == no and p.state == "open"),
    )


def target_infos(db: Database) -> list[TargetInfo]:
    """Every target of the plan, in the plan's order."""
    base_year = store.plan_info(db)["base_year"]
    return [
        TargetInfo(
            indicator=row["indicator"],
            rate=row["annual_growth"],
            target_year=row["target_year"],
            base_year=base_year,
            zone=Named(row["zone_name"], tuple(json.loads(row["zone_aliases"]))) if row["zone_name"] else None,
            scopes=tuple(store.scopes(db, row["key"])),
            key=row["key"],
            measure=row["measure"],
            value=row["value"],
            unit=row["unit"],
            level_unit=row["level_unit"],
        )
        for row in store.targets(db)
    ]


def figures(db: Database, info: TargetInfo) -> dict[str, dict[int, Figure]]:
    by_scope: dict[str, dict[int, Figure]] = {scope.name: {} for scope in info.measured_scopes()}
    for row in store.figures(db, info.key):
        if row["scope"] in by_scope:
            by_scope[row["scope"]][row["year"]] = Figure(row["year"], row["gdp"], row["growth"])
    return by_scope


def level_values(db: Database, info: TargetInfo) -> dict[str, dict[int, float]]:
    by_scope: dict[str, dict[int, float]] = {scope.name: {} for scope in info.measured_scopes()}
    for row in store.figures(db, info.key):
        if row["scope"] in by_scope and row["value"] is not None:
            by_scope[row["scope"]][row["year"]] = row["value"]
    return by_scope


def default_as_of_year(years: list[int], as_of: dt.date, base_year: int) -> int:
    """The latest year with statistics that had ended by the as-of date; else the year before it.

    A year's statistics are published after it ends, so a report as of mid-2022 looks at 2021 at most.
    """
    ended = [year for year in years if year < as_of.year]
    return max(max(ended, default=as_of.year - 1), base_year)


def track(
    db: Database,
    info: TargetInfo,
    *,
    as_of: dt.date | None = None,
    base_year: int | None = None,
    as_of_year: int | None = None,
) -> TargetTrack | LevelTrack:
    """How a target stands: the real-growth chain, or a level or share against its value."""
    base = base_year if base_year is not None else info.base_year
    day = as_of or dt.date.today()
    if info.measure == "real_growth":
        by_scope = figures(db, info)
        recorded = [year for scope in by_scope.values() for year in scope]
        year = as_of_year if as_of_year is not None else default_as_of_year(recorded, day, base)
        return track_target(
            by_scope,
            zone=info.zone.name if info.zone else None,
            base_year=base,
            as_of_year=year,
            target_year=info.target_year,
            target_rate=info.rate or 0.0,
        )
    values = level_values(db, info)
    recorded = [year for scope in values.values() for year in scope]
    year = as_of_year if as_of_year is not None else default_as_of_year(recorded, day, base)
    assert info.value is not None
    return track_level(
        values, measure=info.measure, target_value=info.value, unit=info.unit or "", target_year=info.target_year,
        as_of_year=year,
    )  # fmt: skip


def target_tracks(db: Database, as_of: dt.date) -> list[tuple[TargetTrack | LevelTrack, TargetInfo]]:
    return [(track(db, info, as_of=as_of), info) for info in target_infos(db)]


# ---------------------------------------------------------------- the reporting cycle


def reporting_view(db: Database, as_of: dt.date) -> Reporting | None:
    """Who owed which report and who made it, as of a date; None when the plan has no reporting schedule."""
    schedule = store.reporting_schedule(db)
    if schedule is None:
        return None
    all_periods = periods(schedule, store.plan_info(db)["period_start"])
    units = [unit.name for unit in store.units(db)]
    reported = store.reported_windows(db, all_periods, as_of)
    return Reporting(units, store.owed_pairs(db), reported, store.last_reports(db, as_of), all_periods, as_of)


def chosen_period(db: Database, view: Reporting, text: str | None) -> int:
    """The index of the period named by `--period` (else the latest period due by the as-of date)."""
    schedule = store.reporting_schedule(db)
    assert schedule is not None
    period = find_period(text, schedule, view.periods) if text else default_period(view.periods, view.as_of)
    return view.periods.index(period)


def require_schedule(view: Reporting | None) -> Reporting:
    if view is None:
        raise BadValue(t("schedule.none"))
    return view


# ---------------------------------------------------------------- the bulletin


def default_since(cycle: Reporting | None, as_of: dt.date) -> dt.date:
    """The bulletin's --since: the due date of the period before the last one due (the previous bulletin's
    cut-off); else, with no schedule or only one period due, one month before the as-of date."""
    if cycle is not None:
        due = [period for period in cycle.periods if period.due <= as_of]
        if len(due) >= 2:
            return due[-2].due
    return month_before(as_of)


def month_before(day: dt.date) -> dt.date:
    """The same day a month earlier, or that month's last day (03-31 → 02-28)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def bulletin_inputs(db: Database, as_of: dt.date, since: dt.date | None, issue_no: int | None):
    """What the bulletin is written from: the documents `status`, `reports`, `problem list` and `assess` print.
    `since` None: `default_since`."""
    from jinsanjiao_cli import documents, progress
    from jinsanjiao_cli.render.bulletin import BulletinInputs
    from jinsanjiao_cli.render.status import status_document

    cycle = reporting_view(db, as_of)
    since = since if since is not None else default_since(cycle, as_of)
    overview = progress.assess(store.snapshot(db, as_of))
    earlier = progress.assess(store.snapshot(db, since))
    view = status_view(db, overview, earlier=earlier, cycle=cycle)
    reporting, first = None, None
    if cycle is not None:
        first = documents.period_document(cycle.periods[0])
        period = last_due(cycle.periods, as_of)
        if period is not None:
            reporting = documents.reports_document(cycle, cycle.periods.index(period))
    # open as of the date (one closed only later was open then), major and overdue first
    open_problems = [documents.problem_document(p, as_of) for p in view.problems if p.state == "open"]
    status = status_document(view)
    scores = documents.assessment_document(as_of, assessment_weights(db), assessment(db, overview))
    return BulletinInputs(status, reporting, first, open_problems, store.plan_info(db)["issuer"], issue_no, scores)


# ---------------------------------------------------------------- the assessment


def assessment_weights(db: Database) -> Weights:
    row = store.plan_info(db)
    return Weights(row["weight_progress"], row["weight_reporting"], row["weight_problems"])


def assessment(db: Database, overview: Overview) -> list[UnitScore]:
    """Every ranked unit's assessment score as of the overview's date (README "Assessment")."""
    from jinsanjiao_cli import assessment as scoring

    cycle = reporting_view(db, overview.as_of)
    raised = problems_as_of(db, overview.as_of)
    units = []
    for unit in sorted(overview.units, key=lambda u: u.rank):
        due, on_time = scoring.problem_record(unit.name, raised, overview.as_of)
        rate = cycle.on_time_rate(unit.name) if cycle is not None else None
        units.append(scoring.UnitInput(unit.name, unit.completion, unit.expected, rate, due, on_time))
    return scoring.score(units, assessment_weights(db))
