"""A Grid -> parsed report rows. Pure: no database, no unit or task resolution (that is the caller's job).

Header row
    The first row, within the first 30, whose cells name at least the task number, the unit and the
    progress columns. Rows above it (titles, notes) are ignored. Header cells are compared after NFKC,
    lower-casing, removing all whitespace and ``*``, and dropping a trailing ``(%)``/``（%）``/``%``; a header
    with a trailing parenthesised remark (``填报日期(年-月-日)``) also matches, with lower priority. Known names,
    most specific first (when several columns name one field, the most specific wins, then the leftmost):

    ==========  ======================================================
    task_no     任务编号, 任务序号, task_no, task no, 序号, task, 编号, no.
    unit        责任单位, 填报单位, 单位, unit
    date        填报日期, 报告日期, 日期, date, 时间
    progress    完成进度, 完成比例, 进度, progress   (also with "(%)")
    note        最新进展, 进展情况, 进展, note, 备注
    status      进展状态, 状态, status
    project     重点项目, 项目, project
    by          填报人, 录入人, reported by, by
    record_id   记录编号, 记录id, id
    ==========  ======================================================

    Other columns are ignored. A sheet with a ``序时进度`` column is the exported 任务台账 ("ledger"): its
    状态 column is the computed traffic light, so status is ignored (None); 序时进度, 完成时限, 牵头, 配合
    match no field anyway.

Rows
    A row whose date, note and progress cells are all empty (a blank row, an unfilled template row, a
    ledger row for a unit with no report yet) is skipped and counted in ``skipped_blank``; a row repeating
    the header (sheets pasted one under another) is skipped and counted in ``skipped_header``. Every other
    row must have task_no, unit, date and progress: a missing one is a problem (no filling down: a task
    number merged in Excel but exported to CSV is on its first row only, the others are problems). If the
    sheet has no date column at all, ``date`` is None on every row and no problem is reported for it:
    ``"date" not in columns`` tells the caller to supply a date or refuse. status, note, project, by and
    record_id are optional. All problems of the sheet are collected, in row then column order; ``rows``
    holds only the rows without any problem (``ParsedSheet.problem_rows()`` lists the others).

Values
    task_no / record_id: a positive whole number (1, 1.0, "1", "１", " 1 "); 1.5, "abc", 0, -1 are problems.
    unit, project, status, by: `normalise_text` (NFKC, trimmed, inner whitespace collapsed, "" -> None).
    note: trimmed text, line breaks kept (CRLF -> LF), no NFKC (Chinese punctuation is kept as written).
    date: a spreadsheet date or datetime (its date), or text 2022-06-30, 2022/6/30, 2022.6.30,
    2022年6月30日 (also with full-width digits, and with a trailing time); an impossible date (2022-02-30)
    or anything else is a problem, including a plain number (an Excel serial such as 44742 in a CSV or in
    a cell not formatted as a date).

Progress (percentage points, 0-100)
    Accepted: 60, 60.0, "60", "60%", "６０％", " 60 % ". Outside 0-100, or not a number, is a problem.
    A percent-formatted cell that shows 60% is stored as 0.6, so the column is read like this:

    1. text with a % sign is always percentage points ("0.5%" is 0.5);
    2. if the progress header contains "%" (完成进度(%)), every value is percentage points;
    3. otherwise the column is read as fractions (x 100) when every numeric value in it (numbers, and
       number-like text without %, over the rows that are not skipped) lies within [0, 1] and at least
       one lies strictly between 0 and 1. So 0.6 -> 60; a column of only 0 and 1 stays 0 and 1; to report
       under 1% in such a column, write text "0.5%".

    ``ParsedSheet.progress_as_fraction`` tells which reading was used.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from pathlib import Path

from .. import i18n
from ..errors import BadFile
from ..i18n import lang, t
from ..values import PLAIN_NUMBER, date_from_text
from . import messages  # noqa: F401  (registers the catalogue)
from .reader import EmptySheet, Grid, column_letter, gc_paused, gc_settle, open_workbook, where

FIELDS = ("task_no", "unit", "date", "progress", "status", "note", "project", "by", "record_id")
REQUIRED_HEADER = ("task_no", "unit", "progress")
HEADER_SEARCH_ROWS = 30

HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "task_no": ("任务编号", "任务序号", "task_no", "task no", "task no.", "序号", "task", "编号", "no."),
    "unit": ("责任单位", "填报单位", "单位", "unit"),
    "date": ("填报日期", "报告日期", "日期", "date", "时间"),
    "progress": ("完成进度", "完成比例", "进度", "progress"),
    "note": ("最新进展", "进展情况", "latest progress", "进展", "note", "备注"),
    "status": ("进展状态", "状态", "status"),
    "project": ("重点项目", "项目", "project"),
    "by": ("填报人", "录入人", "reported by", "by"),
    "record_id": ("记录编号", "记录id", "id"),
}
"""Known header names per field, most specific first (compared after `header_key`)."""

# The exported 任务台账 in either language: its 状态/Status column is the computed light, not a report field.
LEDGER_MARKERS = frozenset({"序时进度", "expected"})


class NoHeader(BadFile):
    """No header row in the first rows of the sheet."""


@dataclass
class ReportRow:
    row: int  # 1-based spreadsheet row number
    task_no: int | None
    unit: str | None
    date: datetime.date | None
    progress: float | None  # 0-100 percentage points
    status: str | None
    note: str | None
    project: str | None
    by: str | None
    record_id: int | None


@dataclass
class RowProblem:
    file: str
    sheet: str | None
    row: int  # 1-based spreadsheet row number
    column: str  # the header text as in the sheet
    value: object  # the cell value as read (None if empty)
    reason: str  # one sentence, in the current language
    letter: str = ""  # the column letter (A, B, ...)

    def __str__(self) -> str:
        col = f"{self.column}（{self.letter}）" if lang() != "en" else f"{self.column} ({self.letter})"
        if not self.letter:
            col = self.column
        parts = [self.file]
        if self.sheet is not None:
            parts.append(t("sheets.problem.sheet", sheet=self.sheet))
        parts.append(t("sheets.problem.row", row=self.row))
        parts.append(t("sheets.problem.column", column=col))
        if self.value is not None:
            parts.append(t("sheets.problem.value", value=show_value(self.value)))
        sep = ", " if lang() == "en" else "，"
        colon = ": " if lang() == "en" else "："
        return sep.join(parts) + colon + self.reason


@dataclass
class ParsedSheet:
    file: str
    sheet: str | None
    header_row: int  # 1-based
    columns: dict[str, int]  # field -> 0-based column index (only fields found and used)
    kind: str  # "ledger" (has 序时进度) or "report"
    progress_as_fraction: bool
    rows: list[ReportRow]
    problems: list[RowProblem]
    skipped_blank: int
    skipped_header: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # field -> header text as in the sheet

    def problem_rows(self) -> list[int]:
        """The spreadsheet row numbers that have at least one problem (left out of `rows`)."""
        return sorted({p.row for p in self.problems})


# --------------------------------------------------------------------------------------------------
# Single values


def _nfkc(s: str) -> str:
    return s if s.isascii() else unicodedata.normalize("NFKC", s)


@lru_cache(maxsize=16384)
def _normalise_str(s: str) -> str | None:
    s = " ".join(_nfkc(s).split())
    return s or None


def normalise_text(value: object) -> str | None:
    """Trim, collapse inner whitespace, NFKC (full-width letters/digits/brackets/％ -> ASCII); '' -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        return _normalise_str(value)
    return _normalise_str(show_value(value))


def show_value(value: object) -> str:
    """A cell value as a person would see it: 1.0 -> '1', a date -> '2022-06-30'."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _note_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        s = value.strip()
        if "\r" in s:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        return s or None
    return normalise_text(value)


def parse_date(value: object) -> datetime.date:
    """A date from a spreadsheet date/datetime or from text; raises ValueError with a reason."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    if isinstance(value, str):
        result = _parse_date_text(value)
        if isinstance(result, datetime.date):
            return result
        raise ValueError(t(result))
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(t("sheets.reason.date_is_number"))
    raise ValueError(t("sheets.reason.not_date"))


@lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> datetime.date | str:
    """The date, or the message key of the reason it is not one."""
    result = date_from_text(_nfkc(text).strip())
    return result if isinstance(result, datetime.date) else f"sheets.reason.{result}"


@lru_cache(maxsize=4096)
def _progress_text(text: str) -> tuple[float, bool] | None:
    """(number, has % sign) for progress text, or None if it is not a number."""
    s = _nfkc(text).strip().replace(" ", "")
    pct = s.endswith("%")
    if pct:
        s = s[:-1]
    if not PLAIN_NUMBER.fullmatch(s):
        return None
    return float(s), pct


def _check_progress(x: float) -> float:
    if not math.isfinite(x):
        raise ValueError(t("sheets.reason.not_number"))
    if x < 0 or x > 100:
        raise ValueError(t("sheets.reason.out_of_range"))
    return x + 0.0  # -0.0 -> 0.0


def parse_progress(value: object, *, as_fraction: bool) -> float:
    """Percentage points 0-100 (see the module docstring for the % and fraction rules); raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    if isinstance(value, bool):
        raise ValueError(t("sheets.reason.not_number"))
    if isinstance(value, int | float):
        x = float(value)
        if as_fraction and math.isfinite(x):
            x = round(x * 100, 9)
        return _check_progress(x)
    if isinstance(value, str):
        parsed = _progress_text(value)
        if parsed is None:
            raise ValueError(t("sheets.reason.not_number"))
        x, pct = parsed
        if as_fraction and not pct:
            x = round(x * 100, 9)
        return _check_progress(x)
    raise ValueError(t("sheets.reason.not_number"))


_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


def parse_task_no(value: object) -> int:
    """A positive whole number (1, 1.0, "1", "１", " 1 "); raises ValueError with a reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(t("sheets.reason.required"))
    n: int | None = None
    if isinstance(value, bool):
        n = None
    elif isinstance(value, int):
        n = value
    elif isinstance(value, float):
        n = int(value) if value.is_integer() else None
    elif isinstance(value, str):
        s = _nfkc(value).strip()
        if _WHOLE.fullmatch(s):
            n = int(s.split(".")[0])
    if n is None or n < 1:
        raise ValueError(t("sheets.reason.not_whole"))
    return n


def _numeric_for_fraction(value: object) -> float | None:
    """The number a progress cell holds, for the fraction rule: numbers and number-like text without %."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        parsed = _progress_text(value)
        if parsed is not None and not parsed[1]:
            return parsed[0]
    return None


def decide_fraction(values: list[object], header: str) -> bool:
    """Rule 2 and 3 of the module docstring: read the progress column as fractions?"""
    if "%" in _nfkc(header):
        return False
    inside = False
    for v in values:
        if v.__class__ is float or v.__class__ is int:
            x = v
        else:
            x = _numeric_for_fraction(v)
            if x is None:
                continue
        if not 0 <= x <= 1:
            return False
        if 0 < x < 1:
            inside = True
    return inside


# --------------------------------------------------------------------------------------------------
# Header


_TRAILING_PERCENT = re.compile(r"(?:\(%\)|%)$")
_TRAILING_REMARK = re.compile(r"\([^()]*\)$")


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A header cell as compared with the known names: NFKC, lower case, no whitespace/*, no trailing (%)."""
    s = "".join(unicodedata.normalize("NFKC", text).lower().split()).strip("*")
    return _TRAILING_PERCENT.sub("", s)


def _name_ranks() -> dict[str, tuple[str, int]]:
    ranks: dict[str, tuple[str, int]] = {}
    for fld, names in HEADER_NAMES.items():
        for rank, name in enumerate(names):
            ranks[header_key(name)] = (fld, rank)
    return ranks


_RANKS = _name_ranks()


def _match_header(cell: object) -> tuple[str, int] | None:
    """(field, rank) for a header cell; a match after dropping a trailing remark ranks after all exact ones."""
    if not isinstance(cell, str):
        return None
    key = header_key(cell)
    if key in _RANKS:
        return _RANKS[key]
    stripped = _TRAILING_REMARK.sub("", key)
    if stripped != key and stripped in _RANKS:
        fld, rank = _RANKS[stripped]
        return fld, rank + 100
    return None


def _read_header(row: list[object]) -> tuple[dict[str, int], bool]:
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, col)
    ledger = False
    for col, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        if header_key(cell) in LEDGER_MARKERS:
            ledger = True
            continue
        match = _match_header(cell)
        if match is None:
            continue
        fld, rank = match
        if fld not in best or rank < best[fld][0]:
            best[fld] = (rank, col)
    return {fld: col for fld, (_, col) in best.items()}, ledger


def expected_names() -> str:
    """The names the required header columns may have, for messages."""
    return i18n.join(["/".join(HEADER_NAMES[f]) for f in REQUIRED_HEADER])


def find_header(grid: Grid) -> tuple[int, dict[str, int], bool]:
    """(0-based header row, field -> column, is ledger); raises NoHeader."""
    for r, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        columns, ledger = _read_header(row)
        if all(f in columns for f in REQUIRED_HEADER):
            return r, columns, ledger
    raise NoHeader(
        t("sheets.no_header", where=where(grid.file, grid.sheet), rows=HEADER_SEARCH_ROWS, names=expected_names())
    )


# --------------------------------------------------------------------------------------------------
# The sheet
#
# parse_grid converts column by column, a chunk of rows at a time (so the cells are still in the CPU cache
# for each column of the chunk). Units, task numbers, dates and progress repeat heavily, so each distinct
# value of a column is converted once, through a memo (`_Column`). A row is looked at on its own only when
# a cell of it converts to a problem or to an empty required value (a skipped row is one such). The rules
# are those of the per-cell functions above; tests/test_sheets_rows.py checks that both agree.

_CHUNK = 2048


def _blank(v: object) -> bool:
    return v is None or (v.__class__ is str and not v.strip())  # type: ignore[attr-defined]


class _Bad:
    """A converted cell that is a problem: the reason, and whether to report the cell as empty (None)."""

    __slots__ = ("empty", "reason")

    def __init__(self, reason: str, empty: bool = False) -> None:
        self.reason = reason
        self.empty = empty


_NONE_TYPE = type(None)
_TYPED = (float, int, datetime.date, datetime.datetime)  # what xlsx/xls/ods cells are, besides text


class _Memo(dict):  # type: ignore[type-arg]
    """cell value -> converted value, for one `_Column` and one kind of cell (text, or one type)."""

    __slots__ = ("column", "text")

    def __init__(self, column: _Column, text: bool) -> None:
        super().__init__()
        self.column = column
        self.text = text

    def __missing__(self, key: object) -> object:
        column = self.column
        value = column.convert(key)
        if value.__class__ is _Bad:
            column.bad = True
        if (
            (key is None or (key.__class__ is str and key.strip()))  # type: ignore[attr-defined]
            if self.text
            else (key.__class__ is not datetime.datetime or key.tzinfo is None)  # type: ignore[attr-defined]
        ):
            self[key] = value  # (equal aware datetimes may fall on different dates)
        return value


class _Column:
    """Converts the cells of one column of one sheet, a chunk at a time; ``bad`` once a cell converted to a
    _Bad. Each distinct value is converted once, through a memo:

    * a chunk whose first cell is text (or empty) goes through the text memo, which keeps only None and
      plain str that are not blank: no number or date equals a str, and an equal str subclass converts as
      the str does unless blank (only a plain str can be a blank cell). Other cells miss and are converted
      each time;
    * a chunk all of one type of number or date (what xlsx/xls give) goes through a memo of that type:
      values of different types may compare equal (1 == 1.0 == True) yet convert differently;
    * any other chunk cell by cell: `fast(cells, get)` takes the common numbers and dates inline and the
      rest from `get` (the text memo)."""

    __slots__ = ("bad", "convert", "fast", "memos", "text")

    def __init__(self, convert: Callable[[object], object], fast: Callable[..., list[object]] | None = None) -> None:
        self.convert = convert
        self.fast = fast
        self.bad = False
        self.text = _Memo(self, True)
        self.memos: dict[type, _Memo] = {}

    def cells(self, cells: Sequence[object]) -> list[object]:
        """The converted cells (at least one)."""
        try:
            first = cells[0].__class__
            if first is str or first is _NONE_TYPE:
                return list(map(self.text.__getitem__, cells))
            if first in _TYPED and len(set(map(type, cells))) == 1:
                memo = self.memos.get(first)
                if memo is None:
                    memo = self.memos[first] = _Memo(self, False)
                return list(map(memo.__getitem__, cells))
            if self.fast is not None:
                return self.fast(cells, self.text.__getitem__)
            return list(map(self.text.__getitem__, cells))
        except TypeError:  # an unhashable cell (not one a reader makes): convert one by one
            converted = [self.convert(v) for v in cells]
            if any(x.__class__ is _Bad for x in converted):
                self.bad = True
            return converted


def _task_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v
        if v.__class__ is int and v >= 1  # type: ignore[operator]
        else int(v)  # type: ignore[call-overload]
        if v.__class__ is float and v.is_integer() and v >= 1  # type: ignore[attr-defined,operator]
        else get(v)
        for v in cells
    ]


def _date_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v
        if v.__class__ is datetime.date
        else v.date()  # type: ignore[attr-defined]
        if v.__class__ is datetime.datetime
        else get(v)
        for v in cells
    ]


def _text(v: object) -> str | None:
    if v is None:
        return None
    return _normalise_str(v) if v.__class__ is str else normalise_text(v)  # type: ignore[arg-type]


def _notes(cells: Sequence[object]) -> list[object]:
    return [
        None
        if v is None
        else (v.strip() or None)  # type: ignore[attr-defined]
        if v.__class__ is str and "\r" not in v  # type: ignore[operator]
        else _note_text(v)
        for v in cells
    ]


def _chunks(rows: list[list[object]], indexes: list[int]) -> Iterator[list[tuple[object, ...]]]:
    """The cells of the given columns (two or more; None past the end of a row), a chunk of rows at a time."""
    need = max(indexes) + 1
    getter = itemgetter(*indexes)
    for start in range(0, len(rows), _CHUNK):
        part = rows[start : start + _CHUNK]
        if min(map(len, part)) < need:
            part = [row if len(row) >= need else [*row, *[None] * (need - len(row))] for row in part]
        yield list(zip(*map(getter, part), strict=True))


def _cell(row: list[object], col: int) -> object:
    return row[col] if 0 <= col < len(row) else None


def parse_grid(grid: Grid) -> ParsedSheet:
    """Find the header, then parse every row below it; collect all problems. Raises NoHeader (a BadFile)."""
    with gc_paused():
        return _parse_grid(grid)


def _parse_grid(grid: Grid) -> ParsedSheet:
    header_index, columns, ledger = find_header(grid)
    header_cells = grid.rows[header_index]
    if ledger:
        columns.pop("status", None)
    headers = {f: " ".join(str(header_cells[c]).split()) for f, c in columns.items()}
    letters = {f: column_letter(c) for f, c in columns.items()}
    file, sheet = grid.file, grid.sheet
    i_task, i_unit = columns["task_no"], columns["unit"]
    i_date, i_note = columns.get("date", -1), columns.get("note", -1)
    header_task, header_unit = header_cells[i_task], header_cells[i_unit]

    body = grid.rows[header_index + 1 :]
    count = len(body)
    first_row = header_index + 2  # the spreadsheet row number of body[0]
    missing = _Bad(t("sheets.reason.required"), empty=True)

    def task_cell(v: object) -> object:
        if v.__class__ is float and v.is_integer() and v >= 1:  # type: ignore[attr-defined,operator]
            return int(v)  # type: ignore[call-overload]
        if _blank(v):
            return missing
        try:
            return parse_task_no(v)
        except ValueError as exc:
            return _Bad(str(exc))

    def unit_cell(v: object) -> object:
        s = _text(v)
        return missing if s is None else s

    def date_cell(v: object) -> object:
        if v.__class__ is datetime.date:
            return v
        if v.__class__ is datetime.datetime:
            return v.date()  # type: ignore[attr-defined]
        if _blank(v):
            return missing
        try:
            return parse_date(v)
        except ValueError as exc:
            return _Bad(str(exc))

    def record_id_cell(v: object) -> object:
        if _blank(v):
            return None
        try:
            return parse_task_no(v)
        except ValueError as exc:
            return _Bad(str(exc))

    # A converter per column; the notes need no memo (they seldom repeat).
    checked = ("task_no", "unit", "date", "record_id")  # the columns that can have problems
    converters = {
        "task_no": _Column(task_cell, _task_fast),
        "unit": _Column(unit_cell),
        "date": _Column(date_cell, _date_fast),
        "record_id": _Column(record_id_cell, _task_fast),
        "status": _Column(_text),
        "project": _Column(_text),
        "by": _Column(_text),
    }
    # Progress: percentage points when the header says "%", else the fraction rule decides after all the
    # values kept are known (see the module docstring).
    percent_header = "%" in _nfkc(headers["progress"])
    as_fraction = False

    def progress_cell(v: object) -> object:
        if v.__class__ is float or v.__class__ is int:
            x = round(v * 100, 9) if as_fraction else float(v)  # type: ignore[operator,arg-type]
            if 0 <= x <= 100:
                return x + 0.0
        if _blank(v):
            return missing
        try:
            return parse_progress(v, as_fraction=as_fraction)
        except ValueError as exc:
            return _Bad(str(exc))

    def progress_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
        if as_fraction:
            return [
                x + 0.0
                if (v.__class__ is float or v.__class__ is int) and 0 <= (x := round(v * 100, 9)) <= 100  # type: ignore[operator]
                else get(v)
                for v in cells
            ]
        return [
            v + 0.0  # type: ignore[operator]
            if v.__class__ is float and 0 <= v <= 100  # type: ignore[operator]
            else float(v)  # type: ignore[arg-type]
            if v.__class__ is int and 0 <= v <= 100  # type: ignore[operator]
            else get(v)
            for v in cells
        ]

    converters["progress"] = progress_column = _Column(progress_cell, progress_fast)

    # Every column, chunk by chunk (progress later unless the header says "%").
    used = list(columns)
    converted: dict[str, list[object]] = {f: [] for f in used}
    v_progs: list[object] = []
    if count:
        for chunk in _chunks(body, [columns[f] for f in used]):
            for fld, cells in zip(used, chunk, strict=True):
                if fld == "note":
                    converted[fld] += _notes(cells)
                elif fld != "progress":
                    converted[fld] += converters[fld].cells(cells)
                else:
                    v_progs += cells
                    if percent_header:
                        converted[fld] += progress_column.cells(cells)

    # Rows that may be skipped or have a problem: a problem or an empty required cell in task_no, unit, date
    # or record_id (a blank row has no date; a repeated header row has no task number), or, without a date
    # column, an empty progress cell.
    suspects: set[int] = set()
    for fld in checked:
        if fld in converted and converters[fld].bad:
            suspects.update(i for i, x in enumerate(converted[fld]) if x.__class__ is _Bad)
    if i_date < 0:
        suspects.update(i for i, v in enumerate(v_progs) if _blank(v))
    skipped: set[int] = set()
    skipped_blank = skipped_header = 0
    for i in suspects:
        row = body[i]
        if _blank(_cell(row, i_date)) and _blank(_cell(row, i_note)) and _blank(v_progs[i]):
            skipped_blank += 1
            skipped.add(i)
            continue
        v_task = _cell(row, i_task)
        if v_task.__class__ is str and v_task == header_task and _cell(row, i_unit) == header_unit:
            skipped_header += 1
            skipped.add(i)

    if not percent_header:
        kept = [v for i, v in enumerate(v_progs) if i not in skipped] if skipped else v_progs
        try:  # each distinct value once (values of different types kept apart: 1 == True)
            distinct: list[object] = [v for _, v in dict.fromkeys(zip(map(type, kept), kept, strict=True))]
        except TypeError:
            distinct = kept
        as_fraction = decide_fraction(distinct, headers["progress"])
        for start in range(0, count, _CHUNK):
            converted["progress"] += progress_column.cells(v_progs[start : start + _CHUNK])

    # Problems, in row then column order.
    found: list[tuple[int, int, RowProblem]] = []
    problem_rows: set[int] = set()
    for fld in (*checked, "progress"):
        if fld not in converted or not converters[fld].bad:
            continue
        col, header, letter = columns[fld], headers[fld], letters[fld]
        for i, x in enumerate(converted[fld]):
            if x.__class__ is _Bad and i not in skipped:
                row_no = first_row + i
                value = None if x.empty else _cell(body[i], col)  # type: ignore[attr-defined]
                problem = RowProblem(file, sheet, row_no, header, value, x.reason, letter)  # type: ignore[attr-defined]
                found.append((row_no, col, problem))
                problem_rows.add(i)
    found.sort(key=lambda p: (p[0], p[1]))

    nothing = [None] * count
    fields: list[Sequence[object]] = [
        range(first_row, first_row + count),
        converted["task_no"],
        converted["unit"],
        converted.get("date", nothing),
        converted["progress"],
        converted.get("status", nothing),
        converted.get("note", nothing),
        converted.get("project", nothing),
        converted.get("by", nothing),
        converted.get("record_id", nothing),
    ]
    left_out = skipped | problem_rows
    if left_out:
        keep = [True] * count
        for i in left_out:
            keep[i] = False
        fields = [list(compress(values, keep)) for values in fields]
    reports: list[ReportRow] = []
    for start in range(0, len(fields[0]), _CHUNK):
        reports += map(ReportRow, *[values[start : start + _CHUNK] for values in fields])
        gc_settle()

    return ParsedSheet(
        file=file,
        sheet=sheet,
        header_row=header_index + 1,
        columns=dict(columns),
        kind="ledger" if ledger else "report",
        progress_as_fraction=as_fraction,
        rows=reports,
        problems=[p for _, _, p in found],
        skipped_blank=skipped_blank,
        skipped_header=skipped_header,
        headers=headers,
    )


def read_report(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> tuple[Grid, ParsedSheet]:
    """Read and parse a report file: (the grid read, the parsed sheet).

    With `sheet`, that sheet. Otherwise the first sheet that has a header row, visible sheets first, in
    workbook order; empty and header-less sheets are passed over, any other problem with a sheet (damaged,
    formulas without values, too wide) is raised as is. A CSV has its one unnamed sheet."""
    with gc_paused(), open_workbook(path, encoding) as book:
        if book.format == "csv" or sheet is not None:
            grid = book.grid(sheet)
            return grid, parse_grid(grid)
        names = [n for n in book.sheet_names if n not in book.hidden_sheets]
        names += [n for n in book.sheet_names if n in book.hidden_sheets]
        for name in names:
            try:
                grid = book.grid(name)
                return grid, parse_grid(grid)
            except (EmptySheet, NoHeader):
                continue
        raise NoHeader(
            t(
                "sheets.no_header_any",
                file=book.file,
                sheets=i18n.join(names),
                rows=HEADER_SEARCH_ROWS,
                names=expected_names(),
            )
        )


def parse_file(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> ParsedSheet:
    """`read_report` without the grid."""
    return read_report(path, sheet, encoding)[1]
