"""`jsj export`: the progress ledger workbook (工作台账) as of a date.

Sheets, in this order (names in the current language):

======================  ===========================================================================
总览 / Overview          plan title, as-of date, plan completion against 序时进度, the sections, key
                        tasks per light, every key task with its completion and light, one table per
                        target, a bar chart of unit completion and a line chart of the zone's volume
                        index against the target path (real-growth targets with a zone)
任务台账 / Ledger        one row per task × responsible unit; the task's number, title, completion,
                        序时进度 and light are merged over its units' rows. Key tasks and every
                        safeguard that names units; safeguards are listed, with their reports, but
                        as everywhere get no light and no 序时进度 and are never counted
单位完成情况 / Units     the unit ranking
重点项目 / Projects      each named project with the latest report that names it
进展记录 / Records       every milestone dated on or before the as-of date, every field
月度趋势 / Monthly trend completion of the plan, each section and each unit at each month end
报送情况 / Reporting     units × reporting periods (reported/owed, coloured), contacts, on-time rate,
                        and the overdue list of the last period due (when the plan has a schedule)
问题清单 / Problems      every problem raised by the as-of date, major and overdue first, with its state
考评 / Assessment       each unit's assessment score with its components (as `jsj assess`)
更正记录 / Corrections   every amendment and void, old and new values, who and why
======================  ===========================================================================

The figures are the ones `jsj status --format json` prints (render/status.py: status_document, task_record,
target_document), so the workbook and the JSON never disagree.

Built with the workbook toolkit (`workbook.py`); the records sheet and its fast writer are in
`records.py`.
Conventions (real dates and numbers, titles and frozen headers, widths, printing, text never a formula)
are the toolkit's (`workbook.py`). Nothing in a cell depends on the clock, so two exports of the same data
as of the same date hold the same cells.

The file is written beside the target under a temporary name and renamed into place (`save_workbook`); on
any error the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook  # noqa: F401  (tests replace Workbook.save to simulate a failed save)
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.worksheet.pagebreak import Break

from jinsanjiao_cli.core import growth, progress
from jinsanjiao_cli.core.targets import TargetInfo
from jinsanjiao_cli.render import targets as render_targets
from jinsanjiao_cli.render.outfiles import output_errors, signals_end_cleanly
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.text.wording import kind_label, section_row, sections_heading_of
from jinsanjiao_cli.views.documents import r2
from jinsanjiao_cli.views.export import ExportInputs
from jinsanjiao_cli.views.status import StatusView, task_record
from jinsanjiao_cli.workbooks.assessment_sheet import assessment_sheet
from jinsanjiao_cli.workbooks.corrections_sheet import corrections_sheet
from jinsanjiao_cli.workbooks.milestones_sheet import records_sheet
from jinsanjiao_cli.workbooks.problems_sheet import problems_sheet
from jinsanjiao_cli.workbooks.reporting_sheet import reporting_sheet
from jinsanjiao_cli.workbooks.workbook import (
    HEADER_ROW,
    LIGHT_FILLS,
    Book,
    SheetBuilder,
    check_target,
    save_workbook,
    table_ref,
)

__all__ = ["LIGHT_FILLS", "export_ledger"]

# --------------------------------------------------------------------------------------------------
# Values out of render's documents


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _light_style(light: str | None) -> str:
    return "text" if light is None else f"light.{light}"  # an uncounted item has no light


def _action(action: str, name: str) -> str:
    """The plan's action with the project put back where the plan wrote it (以…为重点 -> 以新材料为重点)."""
    return action.replace("…", name, 1) if "…" in action else action


# --------------------------------------------------------------------------------------------------
# The export


def export_ledger(inputs: ExportInputs, target: Path) -> Path:
    """Write the ledger workbook to `target` (atomically); returns the path written."""
    target = Path(target)
    check_target(target)  # fail before the work, not after
    view, as_of = inputs.view, inputs.view.overview.as_of
    with signals_end_cleanly(), output_errors(target), Book() as book:
        _overview_sheet(book, view, inputs.status)
        _ledger_sheet(book, view.overview)
        _units_sheet(book, inputs.status, as_of)
        _projects_sheet(book, inputs.projects, view.overview)
        records_sheet(book, inputs.milestones, as_of)
        _trend_sheet(book, inputs, view)
        if inputs.cycle is not None:
            reporting_sheet(book, inputs.cycle, inputs.contacts, inputs.deliveries)
        problems_sheet(book, inputs.problems, as_of)
        assessment_sheet(book, inputs.assessment)
        corrections_sheet(book, inputs.corrections)
        return save_workbook(book.wb, target)


# -- 总览 / Overview


def _overview_sheet(book: Book, view: StatusView, document: dict) -> None:
    sheet = book.sheet(t("xl.sheet.overview"))
    plan = document["plan"]
    sheet.title_row(plan["title"], 9)
    sheet.add(
        (t("xl.overview.as_of"), "label"),
        (view.overview.as_of, "value_date"),
        None,
        (t("xl.overview.period"), "label"),
        (t("xl.overview.period_value", start=plan["period_start"], end=plan["period_end"]), "value"),
    )
    sheet.add()
    sheet.add(
        (t("xl.overview.plan"), "label"),
        (plan["completion"], "value_num"),
        (t("xl.overview.expected"), "label"),
        (plan["expected"], "value_num"),
        (t("xl.overview.state"), "label"),
        (plan["label"], _light_style(plan["light"])),
    )

    sheet.add()
    sheet.title_row(sections_heading_of(row.kind for row in view.overview.sections), 6, "subtitle")
    sheet.header(
        [
            t("xl.col.no"),
            t("xl.col.section"),
            t("xl.col.tasks"),
            t("xl.col.progress"),
            t("xl.col.expected"),
            t("xl.col.status"),
        ]
    )
    for s in document["sections"]:
        no, title = section_row(s["no"], s["part"], s["title"])
        sheet.add(
            (s["no"], "int") if s["part"] is None else (no, "text"),
            (title, "text"),
            (s["tasks"], "int"),
            (s["completion"], "num"),
            (s["expected"], "num"),
            (s["label"], _light_style(s["light"])),
        )

    sheet.add()
    sheet.title_row(t("xl.overview.lights"), 2, "subtitle")
    sheet.header([t("xl.col.light"), t("xl.col.tasks")])
    for light, count in plan["light_counts"].items():
        sheet.add((t(f"light.{light}"), _light_style(light)), (count, "int"))

    sheet.add()
    sheet.title_row(t("xl.overview.tasks"), 6, "subtitle")
    sheet.header(
        [
            t("xl.col.no"),
            t("xl.col.task"),
            t("xl.col.lead"),
            t("xl.col.progress"),
            t("xl.col.expected"),
            t("xl.col.status"),
        ]
    )
    for task in document["tasks"]:
        sheet.add(
            (task["no"], "int"),
            (task["title"], "wrap"),
            (task["lead_unit"], "text"),
            (task["completion"], "num"),
            (task["expected"], "num"),
            (task["label"], _light_style(task["light"])),
        )

    index_rows = _target_tables(sheet, view, document)

    sheet.add()
    sheet.title_row(t("xl.overview.units"), 4, "subtitle")
    units_header = sheet.header([t("xl.col.rank"), t("xl.col.unit"), t("xl.col.progress"), t("xl.col.status")])
    for u in document["units"]:
        sheet.add(
            (u["rank"], "int"), (u["name"], "text"), (u["completion"], "num"), (u["label"], _light_style(u["light"]))
        )
    units_last = sheet.last_row

    sheet.caps[1] = 22
    ws = sheet.write(freeze="A3", title_rows="1:2")
    # The charts go under the tables, each starting a page of its own, so the tables print at full size
    # and the charts are not squeezed beside them.
    row = sheet.last_row + 2
    if document["units"]:
        values = [u["completion"] for u in document["units"]]
        row = _on_a_page_of_its_own(ws, _units_chart(ws, units_header, units_last, values), row)
    if index_rows is not None:
        _on_a_page_of_its_own(ws, _index_chart(ws, *index_rows), row)


CHART_ROWS = 26  # rows of the default height a chart of 11 cm takes, with a margin


def _on_a_page_of_its_own(ws, chart, row: int) -> int:
    """Anchor `chart` at column A of `row`, after a page break; returns the row after it."""
    ws.row_breaks.append(Break(id=row - 1))
    ws.add_chart(chart, f"A{row}")
    return row + CHART_ROWS


def _target_tables(sheet: SheetBuilder, view: StatusView, document: dict):
    """One table per target; returns (header row, last row, info) of the first zone index table, for its chart."""
    if not view.targets:
        sheet.add()
        sheet.title_row(t("xl.overview.no_target"), 9, "subtitle")
        return None
    chart = None
    for (track, info), target in zip(view.targets, document["targets"], strict=True):
        sheet.add()
        sheet.title_row(render_targets.target_line(track, info), 9, "subtitle")
        if target["measure"] == "real_growth":
            rows = _growth_table(sheet, target, info)
            chart = chart or rows
        else:
            _level_table(sheet, target)
    return chart


def _growth_table(sheet: SheetBuilder, target: dict, info: TargetInfo):
    sheet.header(
        [
            t("xl.col.scope"),
            t("xl.col.year"),
            t("xl.col.growth"),
            t("xl.col.index"),
            t("xl.col.target_path"),
            t("xl.col.gap"),
            t("xl.col.realised"),
            t("xl.col.required"),
            t("xl.col.target_status"),
        ]
    )
    for scope in target["scopes"]:
        tail = (
            (scope["realised_average"], "num2"),
            (scope["required_average"] if scope["remaining_years"] else None, "num2"),
            (t(f"target.status.{scope['status']}"), "text"),
        )
        years = scope["years"] or [None]
        first = sheet.last_row + 1
        for year in years:
            if year is None:
                sheet.add((scope["scope"], "text"), (None, "int"), *[(None, "num2")] * 4, *tail)
                continue
            sheet.add(
                (scope["scope"], "text"),
                (year["year"], "int"),
                (year["real_growth"], "num2"),
                (year["volume_index"], "num2"),
                (year["target_index"], "num2"),
                (year["gap"], "num2"),
                *tail,
            )
        if sheet.last_row > first:
            for col in (1, 7, 8, 9):
                sheet.merge(first, col, sheet.last_row, col)
            for row in sheet.rows[first:]:  # rows first+1.. (0-based first) are covered by the merges
                for col in (0, 6, 7, 8):
                    cell = row[col]
                    row[col] = (None, cell[1]) if cell else None
    if not target["scopes"] or info.zone is None or info.rate is None:  # (a growth target has a rate)
        return None
    # The zone (the last scope) year by year, from the base year to the target year, for the line chart.
    zone = target["scopes"][-1]
    by_year = {row["year"]: row["volume_index"] for row in zone["years"]}
    base, last_year = target["base_year"], target["target_year"]
    sheet.add()
    sheet.title_row(t("xl.overview.index_table", zone=info.zone.name, base=base), 3, "subtitle")
    header = sheet.header([t("xl.col.year"), t("xl.col.index"), t("xl.col.target_path")])
    plotted: list[float | None] = []
    for year in range(base, max(last_year, target["as_of_year"]) + 1):
        index = 100.0 if year == base else by_year.get(year)
        path = r2(growth.target_index(year - base, info.rate))
        sheet.add((year, "int"), (index, "num2"), (path, "num2"))
        plotted += [index, path]
    return header, sheet.last_row, info, plotted


def _level_table(sheet: SheetBuilder, target: dict) -> None:
    """A level or share target: each scope's recorded values against the target value."""
    sheet.header(
        [t("xl.col.scope"), t("xl.col.year"), t("xl.col.value"), t("xl.col.target_value"), t("xl.col.target_status")]
    )
    for scope in target["scopes"]:
        status = (t(f"level.status.{scope['status']}"), "text")
        for year in scope["years"] or [None]:
            if year is None:
                sheet.add(
                    (scope["scope"], "text"), (None, "int"), (None, "num2"), (target["target_value"], "num2"), status
                )
            else:
                sheet.add(
                    (scope["scope"], "text"),
                    (year["year"], "int"),
                    (year["value"], "num2"),
                    (target["target_value"], "num2"),
                    status,
                )


def axis_bounds(values: Sequence[float | None], *, floor: float | None = None, step: float = 10) -> tuple[float, float]:
    """An axis that fits its data: from `floor` (else the data's least value) to its greatest, each rounded
    out to a multiple of `step`; a flat or empty series still gets one step of room."""
    present = [value for value in values if value is not None]
    if not present:
        low = floor or 0.0
        return low, low + step
    low = floor if floor is not None else math.floor(min(present) / step) * step
    high = math.ceil(max(present) / step) * step
    return low, high if high > low else low + step


def _units_chart(ws, header_row: int, last_row: int, values: list[float]) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("xl.chart.units")
    chart.add_data(Reference(ws, min_col=3, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=header_row + 1, max_row=last_row))
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 on top
    low, high = axis_bounds(values, floor=0.0)  # completion 0-100: to the furthest unit, not always to 100
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = low, min(high, 100.0)
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, 11
    return chart


def _index_chart(ws, header_row: int, last_row: int, info: TargetInfo, values: list[float | None]) -> LineChart:
    chart = LineChart()
    assert info.zone is not None  # _growth_table gives a chart only for a target with a zone
    chart.title = t("xl.chart.index", zone=info.zone.name, rate=info.rate)
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.y_axis.title = t("xl.col.index")
    chart.x_axis.title = t("xl.col.year")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = axis_bounds(values)  # the index runs from about 100
    chart.width, chart.height = 18, 9
    return chart


# -- 任务台账 / Ledger

LEDGER_COLUMNS = (
    "xl.col.no",
    "xl.col.task",
    "xl.col.task_progress",
    "xl.col.task_expected",
    "xl.col.task_status",
    "xl.col.unit",
    "xl.col.role",
    "xl.col.progress",
    "xl.col.expected",
    "xl.col.status",
    "xl.col.latest_note",
    "xl.col.date",
    "xl.col.deadline",
)


def ledger_tasks(overview: progress.Overview) -> list[progress.TaskResult]:
    """The ledger's tasks: the key tasks and the safeguards that name responsible units, by number."""
    return sorted((*overview.tasks, *(s for s in overview.safeguards if s.assignments)), key=lambda task: task.no)


def _ledger_sheet(book: Book, overview: progress.Overview) -> None:
    sheet = book.sheet(t("xl.sheet.ledger"))
    sheet.title_row(t("xl.title.ledger", as_of=overview.as_of.isoformat()), len(LEDGER_COLUMNS))
    sheet.header([t(key) for key in LEDGER_COLUMNS])
    for task in ledger_tasks(overview):
        record = task_record(task)
        first = sheet.last_row + 1
        deadline = _date(record["deadline"])
        task_light = _light_style(record["light"])
        for i, a in enumerate(record["assignments"]):
            reported = a["latest_date"] is not None
            first_row = i == 0
            sheet.add(
                (record["no"] if first_row else None, "merged"),
                (record["title"] if first_row else None, "merged"),
                # the task's own totals, merged beside it over its units' rows
                (record["completion"] if first_row else None, "num"),
                (record["expected"] if first_row else None, "num"),
                (record["label"] if first_row else None, task_light),
                (a["unit"], "text"),
                (t(f"role.{a['role']}"), "text"),
                (a["progress"] if reported else None, "num"),  # empty, not 0, until the unit reports
                (a["expected"], "num"),
                (a["label"], _light_style(a["light"])),
                (a["note"], "wrap"),
                (_date(a["latest_date"]), "date"),
                (deadline, "date"),
            )
        if sheet.last_row > first:
            for column in range(1, 6):
                sheet.merge(first, column, sheet.last_row, column)
    sheet.caps.update({2: 30, 11: 50})
    sheet.min_widths.update({1: 6, 2: 24, 11: 30})
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(LEDGER_COLUMNS)))


# -- 单位完成情况 / Units

UNITS_COLUMNS = (
    "xl.col.rank",
    "xl.col.unit",
    "xl.col.tasks",
    "xl.col.progress",
    "xl.col.status",
    "xl.col.last_report",
    "xl.col.reports",
)


def _units_sheet(book: Book, document: dict, as_of: dt.date) -> None:
    sheet = book.sheet(t("xl.sheet.units"))
    sheet.title_row(t("xl.title.units", as_of=as_of.isoformat()), len(UNITS_COLUMNS))
    sheet.header([t(key) for key in UNITS_COLUMNS])
    for u in document["units"]:
        sheet.add(
            (u["rank"], "int"),
            (u["name"], "text"),
            (u["tasks"], "int"),
            (u["completion"], "num"),
            (u["label"], _light_style(u["light"])),
            (_date(u["last_report"]), "date"),
            (u["reports"], "int"),
        )
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(UNITS_COLUMNS)))


# -- 重点项目 / Projects

PROJECTS_COLUMNS = (
    "xl.col.no",
    "xl.col.task",
    "xl.col.project",
    "xl.col.kind",
    "xl.col.action",
    "xl.col.report_date",
    "xl.col.report_unit",
    "xl.col.report_progress",
    "xl.col.report_note",
)


def _projects_sheet(book: Book, projects: dict[int, list], overview: progress.Overview) -> None:
    sheet = book.sheet(t("xl.sheet.projects"))
    sheet.title_row(t("xl.title.projects", as_of=overview.as_of.isoformat()), len(PROJECTS_COLUMNS))
    sheet.header([t(key) for key in PROJECTS_COLUMNS])
    for task in sorted((*overview.tasks, *overview.safeguards), key=lambda task: task.no):
        rows = projects.get(task.no, [])
        first = sheet.last_row + 1
        for i, p in enumerate(rows):
            sheet.add(
                (task.no if i == 0 else None, "merged"),
                (task.title if i == 0 else None, "merged"),
                (p["name"], "wrap"),
                (kind_label(p["kind"]), "text"),
                (_action(p["action"], p["name"]), "wrap"),
                (p["date"], "date"),
                (p["unit"], "text"),
                (p["progress"], "num"),
                (p["note"], "wrap"),
            )
        if sheet.last_row > first:
            sheet.merge(first, 1, sheet.last_row, 1)
            sheet.merge(first, 2, sheet.last_row, 2)
    sheet.caps.update({2: 24, 3: 30, 5: 40, 9: 50})
    sheet.min_widths.update({1: 6, 2: 20})
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(PROJECTS_COLUMNS)))


# -- 进展记录 / Records


def _trend_sheet(book: Book, inputs: ExportInputs, view: StatusView) -> None:
    as_of = view.overview.as_of
    sections = [s.title for s in view.overview.sections]
    ranked = {u.name for u in view.overview.units}
    units = [name for name in inputs.units if name in ranked]
    headers = [t("xl.col.month_end"), t("xl.col.expected"), t("xl.col.plan"), *sections, *units]
    sheet = book.sheet(t("xl.sheet.trend"))
    sheet.title_row(t("xl.title.trend", as_of=as_of.isoformat()), min(len(headers), 12))
    sheet.header(headers)
    for point in inputs.trend:
        sheet.add(
            (point.day, "date"),
            (r2(point.expected), "num"),
            (r2(point.completion), "num"),
            *[(r2(point.sections.get(s.key)), "num") for s in view.overview.sections],
            *[(r2(point.units.get(name)), "num") for name in units],
        )
    for col in range(4, len(headers) + 1):
        sheet.caps[col] = 14  # long section and unit names wrap in the header
    sheet.write(freeze="B3", autofilter=table_ref(HEADER_ROW, sheet.last_row, len(headers)))
