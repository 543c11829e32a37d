"""Task tables (分工方案, 责任清单): one task a row, its columns recognised by their headers.

A table is read from a .docx (among its paragraphs, in document order) and from an .xlsx, .xls, .ods or
.csv given as SOURCE, through the project's sheet reader (`sheets.reader`: merged cells repeated, bounded
work). Header cells are compared as the importer compares them (`sheets.header.header_key`: NFKC, no
spaces, lower case), and a trailing remark such as 完成时限（年月） is ignored. A header row names a task
column (重点工作, 主要任务 …) and at least one unit column (牵头单位, 责任单位, 配合单位 …); 责任领导 and the
like name persons and give no unit; 完成时限 gives the task's own deadline. Rows above the header are the
title block; a row holding a single value (a merged 一、… or （一）… row) is a heading or a note.
"""

import datetime as dt
import re

from jinsanjiao_cli.core.values import fold
from jinsanjiao_cli.plans.drafting import clauses
from jinsanjiao_cli.plans.drafting.model import Block, Cell, Line, TaskRow

_TASK_NAMES = (
    "重点工作",
    "主要任务",
    "重点任务",
    "工作任务",
    "重点工作任务",
    "任务内容",
    "具体任务",
    "工作内容",
    "工作事项",
    "任务举措",
    "工作举措",
    "具体措施",
    "工作措施",
    "主要内容",
    "任务",
)
_NUMBER_NAMES = ("序号", "编号", "任务编号")
HEADER_SEARCH_ROWS = 30  # as the importer: a header further down is not a header
_REMARK = re.compile(r"[（(][^（）()]*[）)]$")


def _key(cell: str) -> str:
    from jinsanjiao_cli.io.sheets.header import header_key  # the importer's rule, imported with the sheet reader

    key = header_key(cell)
    return _REMARK.sub("", key) or key


def header_columns(row: list[str]) -> dict[str, tuple[int, str]] | None:
    """Field ("number", "task" or a clause role) → (column, header as written), for a task table's header
    row; None for any other row."""
    columns: dict[str, tuple[int, str]] = {}
    for column, cell in enumerate(row):
        key = _key(cell) if cell else ""
        field = "task" if key in _TASK_NAMES else "number" if key in _NUMBER_NAMES else clauses.LABELS.get(key)
        if field and field not in columns:
            columns[field] = (column, cell.strip())
    has_units = any(role in columns for role in clauses.UNIT_ROLES)
    return columns if "task" in columns and has_units else None


def table_blocks(rows: list[list[str]], first_no: int) -> list[Block] | None:
    """The blocks of a table whose rows are given as text (row i is line first_no + i); None when the table
    has no task-table header in its first rows."""
    index = next((i for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if header_columns(row)), None)
    if index is None:
        return None
    columns = header_columns(rows[index])
    assert columns is not None, "rows[index] is the header row"
    blocks: list[Block] = [Line(first_no + i, text) for i, row in enumerate(rows[:index]) for text in _distinct(row)]
    for offset, row in enumerate(rows[index + 1 :], index + 1):
        if header_columns(row) != columns:  # a header repeated on every page of a long table is skipped
            blocks += _row_blocks(row, columns, first_no + offset)
    return blocks


def _distinct(row: list[str]) -> list[str]:
    return list(dict.fromkeys(cell.strip() for cell in row if cell and cell.strip()))


def _row_blocks(row: list[str], columns: dict[str, tuple[int, str]], no: int) -> list[Block]:
    values = _distinct(row)
    task = _cell(row, columns["task"][0])
    if len(values) <= 1 or not task:  # a merged heading (一、… / （一）…) or a note
        return [Line(no, " ".join(values))] if values else []
    cells = tuple(
        Cell(field, header, value)
        for field, (column, header) in columns.items()
        if field not in ("task", "number") and (value := _cell(row, column))
    )
    number = _cell(row, columns["number"][0]) if "number" in columns else ""
    return [TaskRow(no, number or None, task, cells)]


def _cell(row: list[str], column: int) -> str:
    return row[column].strip() if column < len(row) and row[column] else ""


def cell_text(value: object) -> str:
    """A sheet cell as text: whole numbers without .0 (序号 1.0 is 1), dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------- deadlines

_NOT_A_DEADLINE = re.compile(r"起|开始|长期|持续|每年|每季|每月|常态|定期")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_YEAR_FORM = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?|([上下])半年|第?([一二三四1-4])季度)?")
_RANGE = re.compile(r"\d{4}年?[—–\-－~～至到]+(\d{4})年")
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}


def deadline(written: str) -> dt.date | None:
    """The day a 完成时限 names: 2024年6月底前 → 2024-06-30, 2024年底 → 2024-12-31, 2024年第三季度 →
    2024-09-30, 2024年上半年 → 2024-06-30, 2024—2025年 → 2025-12-31; None when it names no day to meet
    (长期坚持, 2024年起 …)."""
    text = re.sub(r"\s+", "", fold(written))
    if _NOT_A_DEADLINE.search(text):
        return None
    if match := _ISO.fullmatch(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    text = _RANGE.sub(r"\1年", text)
    forms = list(_YEAR_FORM.finditer(text))
    if not forms:
        return None
    year, month, day, half, quarter = forms[-1].groups()
    if month:
        return _day(int(year), int(month), int(day) if day else None)
    if quarter:
        return _day(int(year), 3 * (_QUARTER.get(quarter) or int(quarter)), None)
    return _day(int(year), 6 if half == "上" else 12, None)


def _day(year: int, month: int, day: int | None) -> dt.date | None:
    """The day, or the month's last day when none is given; None for a date that does not exist."""
    try:
        if day is not None:
            return dt.date(year, month, day)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    except ValueError:
        return None
