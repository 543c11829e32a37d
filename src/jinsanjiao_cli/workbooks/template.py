"""`jsj template`: a fill-in workbook for responsible units, which `jsj import` reads back.

Sheets: 填报表 / Report (the form), 填报说明 / Instructions, and a hidden 下拉选项 / Lists sheet that holds
the dropdown values. The form has a title row, then the header in row 2 (序号, 重点任务, 责任单位, 填报日期,
完成进度(%), 状态, 最新进展, 重点项目, 填报人 — names the importer recognises), then one row per
assignment (task × unit, in plan order; the safeguards that name units included), with 序号, 重点任务 and
责任单位 filled in and the rest empty. Rows left without date, progress and note are skipped on import, so
the form can go back with only some rows filled in.

Data validation, applied to the filled rows and the next `SPARE_ROWS` (units copy rows to report twice):
责任单位 and 重点项目 are dropdowns fed from the hidden sheet, 完成进度 takes a number 0-100 (12.5 as well
as 60), and 填报日期 a date not before the plan's start. The 报送期 column says which reporting period a
row reports for (filled in with the form's period on the rows owed for it; left empty, the row counts for
the period its date falls in) and is text, so a spreadsheet does not turn 2022-06 into a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from jinsanjiao_cli.render.outfiles import output_errors
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.text.wording import long_date, period_name
from jinsanjiao_cli.views.template import TemplateForm
from jinsanjiao_cli.workbooks.workbook import HEADER_ROW, Book, check_target, save_workbook, table_ref

SPARE_ROWS = 500
"""Validated rows below the filled ones, for rows a unit adds."""

COLUMNS = (
    # (header, style, help)
    ("xl.col.no", "int", "xl.help.no"),
    ("xl.col.task", "wrap", "xl.help.task"),
    ("xl.col.unit", "text", "xl.help.unit"),
    ("xl.col.date", "date", "xl.help.date"),
    ("xl.col.progress", "input_number", "xl.help.progress"),
    ("xl.col.status", "text", "xl.help.status"),
    ("xl.col.latest_note", "wrap", "xl.help.note"),
    ("xl.col.project", "text", "xl.help.project"),
    ("xl.col.by", "text", "xl.help.by"),
    ("xl.col.issue", "wrap", "xl.help.issue"),
    ("xl.col.period", "input_text", "xl.help.report_period"),
)
UNIT_COL, DATE_COL, PROGRESS_COL, PROJECT_COL, PERIOD_COL = 3, 4, 5, 8, 11
NOTES = ("xl.help.blank_rows", "xl.help.required", "xl.help.copy_rows", "xl.help.header", "xl.help.import")


class PeriodMarks(NamedTuple):
    """With `--period`: the period the form is for, and where each owed (task, unit) stands in it."""

    label: str
    due: dt.date
    states: Mapping[tuple[int, str], str]  # (task, unit) → reported | late | overdue | pending; absent: owes nothing


def write_template(data: TemplateForm, target: Path, period: PeriodMarks | None = None) -> Path:
    """Write the fill-in workbook (for `data.unit`, or for all units); returns the path."""
    target = Path(target)
    check_target(target)  # fail before the work, not after
    start, rows, unit_names, projects, unit = data.plan_start, data.rows, data.unit_names, data.projects, data.unit
    with output_errors(target), Book() as book:
        form = book.sheet(t("xl.sheet.template"))
        title = (
            t("xl.title.template_unit", title=data.plan_title, unit=unit)
            if unit
            else t("xl.title.template", title=data.plan_title)
        )
        if period is not None:
            title += t("xl.title.template_period", period=period_name(period.label), due=long_date(period.due))
        columns = len(COLUMNS) + (1 if period else 0)
        form.title_row(title, columns)
        form.header([t(key) for key, _, _ in COLUMNS] + ([t("xl.col.this_period")] if period else []))
        for no, task_title, name in rows:
            marks = [(_mark(period, no, name), "text")] if period else []
            owed = period is not None and (no, name) in period.states
            form.add(
                (no, "int"),
                (task_title, "wrap"),
                (name, "text"),
                *[(None, style) for _, style, _ in COLUMNS[3:-1]],
                (period.label if owed and period else None, "input_text"),
                *marks,
            )
        form.caps.update({2: 30, 7: 50, 10: 40})
        form.min_widths.update({4: 12, 5: 12, 6: 12, 7: 40, 8: 16, 9: 10, 10: 24, 11: 10})
        last = form.last_row
        ws = form.write(autofilter=table_ref(HEADER_ROW, last, columns))
        validated = max(last, HEADER_ROW) + SPARE_ROWS
        lists = t("xl.sheet.lists")
        _validate(ws, _list_rule(lists, "A", len(unit_names), "xl.template.unit_error"), UNIT_COL, validated)
        if projects:
            _validate(ws, _list_rule(lists, "B", len(projects), "xl.template.project_error"), PROJECT_COL, validated)
        _validate(ws, _date_rule(start), DATE_COL, validated)
        _validate(ws, _progress_rule(), PROGRESS_COL, validated)

        help_sheet = book.sheet(t("xl.sheet.instructions"))
        help_sheet.title_row(t("xl.title.instructions"), 2)
        help_sheet.header([t("xl.col.column"), t("xl.col.meaning")])
        if period is not None:
            due = t("xl.help.period", period=period_name(period.label), due=long_date(period.due))
            help_sheet.add((t("xl.col.this_period"), "label"), (due, "wrap"))
        for key, _, help_key in COLUMNS:
            help_sheet.add((t(key), "text"), (t(help_key, start=start.isoformat()), "wrap"))
        help_sheet.add()
        for i, key in enumerate(NOTES):
            help_sheet.add((t("xl.help.notes"), "label") if i == 0 else None, (t(key), "wrap"))
        help_sheet.caps.update({2: 80})
        help_sheet.min_widths.update({1: 14, 2: 60})
        help_sheet.write(freeze="A3")

        choices = book.sheet(lists)
        choices.add((t("xl.col.unit"), "header"), (t("xl.col.project"), "header"))
        for i in range(max(len(unit_names), len(projects))):
            choices.add(
                (unit_names[i], "value") if i < len(unit_names) else None,
                (projects[i], "value") if i < len(projects) else None,
            )
        hidden = choices.write(freeze=None, title_rows=None)
        hidden.sheet_state = "hidden"
        return save_workbook(book.wb, target)


def _mark(period: PeriodMarks, task: int, unit: str) -> str | None:
    state = period.states.get((task, unit))
    return t(f"xl.period.{state}") if state else None


def _list_rule(sheet: str, column: str, count: int, error: str) -> DataValidation:
    source = f"{quote_sheetname(sheet)}!${column}$2:${column}${count + 1}"
    return DataValidation(type="list", formula1=source, allow_blank=True, error=t(error))


def _date_rule(start: dt.date) -> DataValidation:
    serial = (start - dt.date(1899, 12, 30)).days
    return DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1=str(serial),
        allow_blank=True,
        error=t("xl.template.date_error", start=start.isoformat()),
    )


def _progress_rule() -> DataValidation:
    # A decimal, as record and import take it: 12.5 is 12.5 percentage points.
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        error=t("xl.template.progress_error"),
    )


def _validate(ws, rule: DataValidation, column: int, last_row: int) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = t("xl.template.error_title")
    letter = get_column_letter(column)
    rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
    ws.data_validations.append(rule)
