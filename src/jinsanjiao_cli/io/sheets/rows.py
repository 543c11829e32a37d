"""Rows of a sheet -> report rows, streamed a chunk at a time. No database, no unit or task resolution (that
is the caller's job).

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
    issue       存在问题, problems, problem, issue   (text, like note: a problem raised with the report)
    period      报送期, 所属报送期, 报送期别, reporting period, period   (2022-06 or 2022Q2: the period the
                report is for; a date cell, as Excel makes of a typed 2022-06, names its month)
    ==========  ======================================================

    Other columns are ignored. A sheet with a ``序时进度`` column is the exported 任务台账 ("ledger"): its
    状态 column is the computed traffic light, so status is ignored (None); 序时进度, 完成时限, 牵头, 配合
    match no field anyway.

Rows
    A row whose date, note, progress and issue cells are all empty (a blank row, an unfilled template row, a
    ledger row for a unit with no report yet) is skipped and counted in ``skipped_blank`` (a row holding
    only a 存在问题 is not blank: it raises its problem and reports nothing, see ``issue_only``); a row
    repeating
    the header (sheets pasted one under another) is skipped and counted in ``skipped_header``. Every other
    row must have task_no, unit, date and progress: a missing one is a problem (no filling down: a task
    number merged in Excel but exported to CSV is on its first row only, the others are problems). If the
    sheet has no date column at all, ``date`` is None on every row and no problem is reported for it:
    ``"date" not in columns`` tells the caller to supply a date or refuse. status, note, project, by and
    record_id are optional. Every problem of a row is reported, in column order; a row with a problem has
    no report row.

Values (the rules of core/values.py, the same for `record`, `amend` and the portal)
    task_no / record_id: a positive whole number (1, 1.0, "1", "１", " 1 "); 1.5, "abc", 0, -1 are problems.
    unit, project, status, by: one line of text (`line_text`: trimmed, every run of whitespace one space,
    NFC, "" -> None); full-width punctuation is kept as written (推进中（前期工作） stays so).
    note, issue: trimmed text, line breaks kept (CRLF -> LF), NFC (`note_text`).
    Any text holding a control character (other than tab and line breaks), a bidirectional control
    (U+202E …) or more than 32,767 characters is a problem.
    date: a spreadsheet date or datetime (its date), or text 2022-06-30, 2022/6/30, 2022.6.30,
    2022年6月30日 (also with full-width digits, and with a trailing time); an impossible date (2022-02-30)
    or anything else is a problem, including a plain number (an Excel serial such as 44742 in a CSV or in
    a cell not formatted as a date).

Progress (percentage points, 0-100): a number means what the cell shows
    Accepted: 60, 60.0, "60", "60%", "６０％", " 60 % ". Kept to 2 decimals, then outside 0-100, or not a
    number, is a problem (`progress_value`): -0.004 is 0 and 100.004 is 100, -0.01 and 100.01 are problems.
    Each value is read by the first of these that applies:

    1. Text with a % sign is percentage points: "0.5%" is 0.5, "60%" is 60.
    2. In .xlsx/.xlsm and .ods files, a number cell is read as the cell shows it: formatted as a
       percentage (``0%``, ``0.0%``, any format with a % sign) it is a fraction, so 0.45 shown as 45% is
       45 and 1 shown as 100% is 100; with any other format it is percentage points (0.45 is 0.45, 1 is 1),
       whatever else is in the column; then kept by the one progress rule, so 1.00004 shown as 100.004% is
       100 and 1.0001 shown as 100.01% is refused. A number of 1.01 or more, or -0.01 or less, is points
       whatever its format (45 shown as 4500% was typed as 45). (The formats are read from the file only
       when the column holds a number other than 0 between -0.01 and 1.01.)
    3. Every other number: any number in .xls and CSV files (whose formats cannot be read), and
       number-like text without % ("70", "0.45") in any file, is read by one rule for its column, over the
       values of this kind in the rows that are not skipped:

       a. the progress header contains "%" (完成进度(%)): percentage points;
       b. else, when every such value is a progress as a fraction (within [0, 1], once kept to 2 decimals
          as a percentage) and at least one lies strictly between 0 and 1, they are fractions (x 100):
          0.6 is 60, 1 is 100, 0 is 0;
       c. else percentage points, and a value strictly between 0 and 1 cannot be settled: it is a
          problem whose reason says how to write it ("0.45 不能确定是 0.45% 还是 45%，请写作 45 或 45%").
          A column of only 0 and 1 is points (1 is 1).

    `ReportSheet.readings` says, for the progress column, which reading was used and why (`Reading`):
    ``cell_format`` (rule 2, xlsx/ods), and for the values of rule 3 ``points_header``, ``fraction`` or
    ``points``.

Streaming
    `open_report` returns a `ReportSheet` whose ``chunks()`` yields the rows below the header in order, a
    chunk at a time, each a `SheetRow` (its report row, or its problems, and its cells as read): memory stays
    flat however long the file. Deciding rule 3 may need the whole column: that happens when the first
    value of rule 3 is reached, reading ahead (a second pass over the file) only until a value settles it
    or the file ends. ``skipped_blank``, ``skipped_header`` and ``readings`` are final once ``chunks()`` is
    exhausted. What is wrong with the file as a whole is found before the first chunk where it can be (no
    header, the bounds of `limits`, mixed encodings, formulas without values), else while streaming (a row
    too wide, a broken quote deep in a CSV): ``chunks()`` then raises BadFile, and a caller that wrote the
    earlier chunks rolls them back. The garbage collector is paused while a chunk is parsed, never across
    a yield. `parse_grid`, `parse_file` and `read_report` collect everything, for small files and tests.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter
from pathlib import Path

from jinsanjiao_cli.core.values import Invalid, date_value, whole_number
from jinsanjiao_cli.io.sheets.cells import (
    Bad,
    Column,
    blank,
    cell_at,
    date_fast,
    notes,
    show_value,
    task_fast,
    text_cell,
)
from jinsanjiao_cli.io.sheets.header import (
    FIELDS,
    HEADER_NAMES,
    HEADER_SEARCH_ROWS,
    REQUIRED_HEADER,
    Chunks,
    Layout,
    NoHeader,
    expected_names,
    find_header,
    find_layout,
    header_key,
)
from jinsanjiao_cli.io.sheets.reader import EmptySheet, Grid, GridRows, SheetRows, gc_paused, open_workbook
from jinsanjiao_cli.io.sheets.readings import ProgressReader, Reading, decide_reading
from jinsanjiao_cli.text import (
    i18n,
)
from jinsanjiao_cli.text.i18n import lang, t

__all__ = [
    "FIELDS",
    "HEADER_NAMES",
    "HEADER_SEARCH_ROWS",
    "REQUIRED_HEADER",
    "NoHeader",
    "ParsedSheet",
    "Reading",
    "ReportRow",
    "ReportSheet",
    "RowProblem",
    "SheetRow",
    "decide_reading",
    "find_header",
    "header_key",
    "open_report",
    "parse_file",
    "parse_grid",
    "read_report",
]


@dataclass(slots=True)
class ReportRow:
    row: int  # 1-based spreadsheet row number
    # A row with a problem has no report row, so a report row has its required fields (task, unit, progress).
    task_no: int
    unit: str
    date: datetime.date | None  # None on every row of a sheet without a date column
    progress: float | None  # 0-100 percentage points; None only on a row holding nothing but 存在问题 (issue_only)
    status: str | None
    note: str | None
    project: str | None
    by: str | None
    record_id: int | None
    issue: str | None = None  # 存在问题: a problem the unit raises with this report
    period: str | None = None  # 报送期: the reporting period it is for, as written (checked against the schedule)

    @property
    def issue_only(self) -> bool:
        """A row that raises a problem and reports nothing: no date, progress or note, only 存在问题."""
        return self.issue is not None and self.date is None and self.progress is None and self.note is None


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
        """The one-line message: file, sheet, row, column (letter), value: reason."""
        en = lang() == "en"
        parts = [self.file]
        if self.sheet is not None:
            parts.append(t("sheets.problem.sheet", sheet=self.sheet))
        parts.append(t("sheets.problem.row", row=self.row))
        parts.append(t("sheets.problem.column", column=self._column_text(en)))
        if self.value is not None:
            parts.append(t("sheets.problem.value", value=show_value(self.value)))
        return (", " if en else "，").join(parts) + (": " if en else "：") + self.reason

    def _column_text(self, en: bool) -> str:
        if not self.letter:
            return self.column
        return f"{self.column} ({self.letter})" if en else f"{self.column}（{self.letter}）"


@dataclass(slots=True)
class SheetRow:
    row: int  # 1-based spreadsheet row
    report: ReportRow | None  # None when the row has problems
    problems: list[RowProblem]
    cells: tuple  # the row's cells as read (for the rejects workbook)


@dataclass
class ParsedSheet:
    """A whole sheet parsed (`parse_grid`, `parse_file`): the rows without problems, and every problem."""

    file: str
    sheet: str | None
    header_row: int  # 1-based
    columns: dict[str, int]  # field -> 0-based column index (only fields found and used)
    kind: str  # "ledger" (has 序时进度) or "report"
    progress_as_fraction: bool  # some progress value was read as a fraction (rule 2 or 3b)
    rows: list[ReportRow]
    problems: list[RowProblem]
    skipped_blank: int
    skipped_header: int = 0
    headers: dict[str, str] = field(default_factory=dict)  # field -> header text as in the sheet
    readings: list[Reading] = field(default_factory=list)

    def problem_rows(self) -> list[int]:
        """The spreadsheet row numbers that have at least one problem (left out of `rows`)."""
        return sorted({p.row for p in self.problems})


# --------------------------------------------------------------------------------------------------
# Step 2: convert the cells (every field but progress, which waits for step 4)

CHECKED = ("task_no", "unit", "date", "record_id")  # the columns whose problem may mark a row to skip
TEXTS = ("status", "note", "project", "by", "issue")  # text columns: a problem is a character text may not hold


def _task_cell(missing: Bad, v: object) -> object:
    if v.__class__ is float and v.is_integer() and v >= 1:
        return int(v)
    if blank(v):
        return missing
    return _or_bad(whole_number(v))


def _or_bad(value: object) -> object:
    """A rule's value, or its Invalid as a Bad."""
    return Bad(value.reason()) if value.__class__ is Invalid else value


def _unit_cell(missing: Bad, v: object) -> object:
    s = text_cell(v)
    return missing if s is None else s


def _date_cell(missing: Bad, v: object) -> object:
    if v.__class__ is datetime.date:
        return v
    if v.__class__ is datetime.datetime:
        return v.date()
    if blank(v):
        return missing
    return _or_bad(date_value(v))


def _record_id_cell(v: object) -> object:
    if blank(v):
        return None
    return _or_bad(whole_number(v))


def _period_cell(v: object) -> object:
    # Excel turns a typed 2022-06 into the date 2022-06-01: such a cell names its month.
    if v.__class__ is datetime.date or v.__class__ is datetime.datetime:
        return f"{v.year}-{v.month:02}"
    return text_cell(v)


def _converters(missing: Bad) -> dict[str, Column]:
    """A converter per field (memos live as long as the sheet); notes need none (they seldom repeat)."""
    return {
        "task_no": Column(partial(_task_cell, missing), task_fast),
        "unit": Column(partial(_unit_cell, missing)),
        "date": Column(partial(_date_cell, missing), date_fast),
        "record_id": Column(_record_id_cell, task_fast),
        "status": Column(text_cell),
        "project": Column(text_cell),
        "by": Column(text_cell),
        "period": Column(_period_cell),
    }


def _columns_of(rows: list[list[object]], indexes: list[int]) -> list[tuple[object, ...]]:
    """The cells of the given columns (None past the end of a row), column by column."""
    need = max(indexes) + 1
    if min(map(len, rows)) < need:
        rows = [row if len(row) >= need else [*row, *[None] * (need - len(row))] for row in rows]
    if len(indexes) == 1:
        return [tuple(row[indexes[0]] for row in rows)]
    return list(zip(*map(itemgetter(*indexes), rows), strict=True))


def convert_cells(
    fields: list[str], cells: list[tuple[object, ...]], converters: dict[str, Column]
) -> dict[str, list[object]]:
    """Step 2: each field's cells converted (progress kept raw for step 4)."""
    converted: dict[str, list[object]] = {}
    for fld, column in zip(fields, cells, strict=True):
        if fld in ("note", "issue"):
            converted[fld] = notes(column)
        elif fld == "progress":
            converted[fld] = list(column)
        else:
            converted[fld] = converters[fld].cells(column)
    return converted


# --------------------------------------------------------------------------------------------------
# Step 3: skip blank and repeated-header rows


def skipped_rows(
    layout: Layout, rows: list[list[object]], converted: dict[str, list[object]], converters: dict[str, Column]
) -> tuple[set[int], int, int]:
    """(indexes in the chunk of the rows skipped, how many blank, how many repeated headers).

    Only rows that have a problem or an empty required cell can be skipped (a blank row has no date; a
    repeated header row has no task number; without a date column, an empty progress cell), so only they
    are looked at."""
    columns = layout.columns
    suspects: set[int] = set()
    for fld in CHECKED:
        if fld in converted and converters[fld].bad:
            suspects.update(i for i, x in enumerate(converted[fld]) if x.__class__ is Bad)
    progress = converted["progress"]
    if "date" not in columns:
        suspects.update(i for i, v in enumerate(progress) if blank(v))
    i_date, i_note, i_issue = columns.get("date", -1), columns.get("note", -1), columns.get("issue", -1)
    i_task, i_unit = columns["task_no"], columns["unit"]
    header_task, header_unit = layout.header_cells[i_task], layout.header_cells[i_unit]
    skipped: set[int] = set()
    blank_rows = header_rows = 0
    for i in suspects:
        row = rows[i]
        if (
            blank(cell_at(row, i_date))
            and blank(cell_at(row, i_note))
            and blank(progress[i])
            and blank(cell_at(row, i_issue))
        ):
            blank_rows += 1
            skipped.add(i)
            continue
        v_task = cell_at(row, i_task)
        if v_task.__class__ is str and v_task == header_task and cell_at(row, i_unit) == header_unit:
            header_rows += 1
            skipped.add(i)
    return skipped, blank_rows, header_rows


def is_skipped(layout: Layout, row: Sequence[object]) -> bool:
    """Step 3 for one row on its own (for reading ahead in step 4)."""
    columns = layout.columns
    progress = cell_at(row, columns["progress"])
    if (
        blank(cell_at(row, columns.get("date", -1)))
        and blank(cell_at(row, columns.get("note", -1)))
        and blank(progress)
        and blank(cell_at(row, columns.get("issue", -1)))
    ):
        return True
    v_task = cell_at(row, columns["task_no"])
    return (
        v_task.__class__ is str
        and v_task == layout.header_cells[columns["task_no"]]
        and cell_at(row, columns["unit"]) == layout.header_cells[columns["unit"]]
    )


# --------------------------------------------------------------------------------------------------
# Steps 5 and 6: collect the problems, build the rows


def problems_of(
    layout: Layout, first: int, rows: list[list[object]], converted: dict[str, list[object]], skipped: set[int]
) -> dict[int, list[RowProblem]]:
    """Step 5: chunk index -> the row's problems, in column order."""
    found: dict[int, list[tuple[int, RowProblem]]] = {}
    letters = layout.letters
    for fld in (*CHECKED, "progress", *TEXTS):
        values = converted.get(fld)
        if values is None or Bad not in set(map(type, values)):
            continue
        col = layout.columns[fld]
        for i, x in enumerate(values):
            if x.__class__ is Bad and i not in skipped:
                value = None if x.empty else cell_at(rows[i], col)
                reason = x.reason
                problem = RowProblem(
                    layout.file, layout.sheet, first + i + 1, layout.headers[fld], value, reason, letters[fld]
                )
                found.setdefault(i, []).append((col, problem))
    return {i: [p for _, p in sorted(ps, key=itemgetter(0))] for i, ps in found.items()}


def build_rows(
    first: int,
    rows: list[list[object]],
    converted: dict[str, list[object]],
    skipped: set[int],
    problems: dict[int, list[RowProblem]],
) -> list[SheetRow]:
    """Step 6: a SheetRow for every row not skipped: its report row, or its problems."""
    count = len(rows)
    nothing = [None] * count
    numbers = range(first + 1, first + 1 + count)
    reports = list(
        map(
            ReportRow,
            numbers,
            converted["task_no"],
            converted["unit"],
            converted.get("date", nothing),
            converted["progress"],
            converted.get("status", nothing),
            converted.get("note", nothing),
            converted.get("project", nothing),
            converted.get("by", nothing),
            converted.get("record_id", nothing),
            converted.get("issue", nothing),
            converted.get("period", nothing),
        )
    )
    if not skipped and not problems:  # the usual chunk
        return [
            SheetRow(n, report, [], cells) for n, report, cells in zip(numbers, reports, map(tuple, rows), strict=True)
        ]
    built = []
    for i in range(count):
        if i in skipped:
            continue
        found = problems.get(i)
        built.append(SheetRow(first + i + 1, None if found else reports[i], found or [], tuple(rows[i])))
    return built


# --------------------------------------------------------------------------------------------------
# The sheet


class ReportSheet:
    """One sheet of report rows, read a chunk at a time (`open_report`). Usable as a context manager."""

    def __init__(self, source: SheetRows, layout: Layout, body: Chunks, close: Callable[[], None] | None) -> None:
        self.file, self.sheet = source.file, source.sheet
        self.header_row, self.header_cells = layout.header_row, layout.header_cells
        self.columns, self.headers, self.kind = dict(layout.columns), dict(layout.headers), layout.kind
        self.skipped_blank = self.skipped_header = 0
        self._layout, self._source, self._body, self._close = layout, source, body, close
        self._missing = Bad(t("sheets.reason.required"), empty=True)
        self._converters = _converters(self._missing)
        self._progress = ProgressReader(layout, source, self._missing, is_skipped)
        self._fields = list(layout.columns)

    def __enter__(self) -> ReportSheet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    @property
    def readings(self) -> list[Reading]:
        """How the progress column was read (final once `chunks()` is exhausted)."""
        return self._progress.readings()

    @property
    def progress_as_fraction(self) -> bool:
        return self._progress.as_fraction

    def chunks(self, size: int = 5000) -> Iterator[list[SheetRow]]:
        """The rows below the header, in order, `size` at a time; blank and repeated-header rows are counted
        in `skipped_blank` / `skipped_header`, not yielded. Raises BadFile when the file turns out bad."""
        pending: list[SheetRow] = []
        while True:
            # The collector is paused while a chunk is read and parsed (it would walk the thousands of new
            # objects several times over), never across a yield: the caller's code runs as it would.
            with gc_paused():
                part = next(self._body, None)
                if part is None:
                    break
                if part[1]:
                    pending += self._parse_chunk(*part)
            while len(pending) >= size:
                yield pending[:size]
                pending = pending[size:]
        if pending:
            yield pending

    def _parse_chunk(self, first: int, rows: list[list[object]]) -> list[SheetRow]:
        layout = self._layout
        cells = _columns_of(rows, [layout.columns[f] for f in self._fields])
        converted = convert_cells(self._fields, cells, self._converters)
        skipped, blank_rows, header_rows = skipped_rows(layout, rows, converted, self._converters)
        self.skipped_blank += blank_rows
        self.skipped_header += header_rows
        converted["progress"] = self._progress.convert(first, tuple(converted["progress"]), skipped)
        _issue_only_rows(layout, rows, converted, skipped)
        problems = problems_of(layout, first, rows, converted, skipped)
        return build_rows(first, rows, converted, skipped, problems)


def _issue_only_rows(
    layout: Layout, rows: list[list[object]], converted: dict[str, list[object]], skipped: set[int]
) -> None:
    """A row holding only a 存在问题 (no date, progress or note) raises its problem and reports nothing: its
    empty date and progress are not missing values but absent ones (the import dates the problem)."""
    columns = layout.columns
    if "issue" not in columns or "date" not in columns:
        return
    i_date, i_note, i_issue = columns["date"], columns.get("note", -1), columns["issue"]
    dates = converted["date"]
    # only a row whose date is missing can be one (a blank date converts to the missing mark, a Bad)
    for i in [i for i, x in enumerate(dates) if x.__class__ is Bad and i not in skipped]:
        row = rows[i]
        if blank(cell_at(row, i_issue)):
            continue
        if blank(cell_at(row, i_date)) and blank(cell_at(row, i_note)) and blank(cell_at(row, columns["progress"])):
            dates[i] = converted["progress"][i] = None


def _body_chunks(after: tuple[int, list[list[object]]], rest: Chunks) -> Chunks:
    yield after
    yield from rest


def _sheet_from(source: SheetRows, close: Callable[[], None] | None = None) -> ReportSheet:
    chunks = iter(source.chunks())
    layout, after = find_layout(source, chunks)
    return ReportSheet(source, layout, _body_chunks(after, chunks), close)


def open_report(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> ReportSheet:
    """Open a report file's sheet for reading a chunk at a time; close it (or use ``with``) when done.

    With `sheet`, that sheet. Otherwise the first sheet that has a header row, visible sheets first, in
    workbook order; empty and header-less sheets are passed over, any other problem with a sheet (damaged,
    formulas without values, too large) is raised as is. A CSV has its one unnamed sheet. Raises BadFile
    (NoHeader, EmptySheet) for the whole file."""
    book = open_workbook(path, encoding)
    try:
        if book.format == "csv" or sheet is not None:
            return _sheet_from(book.rows(sheet), book.close)
        names = [n for n in book.sheet_names if n not in book.hidden_sheets]
        names += [n for n in book.sheet_names if n in book.hidden_sheets]
        for name in names:
            try:
                return _sheet_from(book.rows(name), book.close)
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
    except BaseException:
        book.close()
        raise


# --------------------------------------------------------------------------------------------------
# Conveniences that collect everything


def collect(report: ReportSheet, keep_cells: list[list[object]] | None = None) -> ParsedSheet:
    """Every row of a ReportSheet, read to the end, as one ParsedSheet. With `keep_cells`, each row's cells
    are put there at index row - 1 (rows skipped, and rows above the header but the header, stay [])."""
    rows: list[ReportRow] = []
    problems: list[RowProblem] = []
    if keep_cells is not None:
        keep_cells += [[] for _ in range(report.header_row - 1)]
        keep_cells.append(list(report.header_cells))
    for chunk in report.chunks():
        for sheet_row in chunk:
            if keep_cells is not None:
                keep_cells += [[] for _ in range(sheet_row.row - 1 - len(keep_cells))]
                keep_cells.append(list(sheet_row.cells))
            if sheet_row.report is not None:
                rows.append(sheet_row.report)
            else:
                problems += sheet_row.problems
    return ParsedSheet(
        file=report.file,
        sheet=report.sheet,
        header_row=report.header_row,
        columns=dict(report.columns),
        kind=report.kind,
        progress_as_fraction=report.progress_as_fraction,
        rows=rows,
        problems=problems,
        skipped_blank=report.skipped_blank,
        skipped_header=report.skipped_header,
        headers=dict(report.headers),
        readings=report.readings,
    )


def parse_grid(grid: Grid) -> ParsedSheet:
    """Find the header, then parse every row below it; collect all problems. Raises NoHeader (a BadFile).
    A grid has no cell formats: every number is read by rule 3."""
    with gc_paused():
        return collect(_sheet_from(GridRows(grid)))


def parse_file(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> ParsedSheet:
    """A report file's sheet, parsed whole."""
    with gc_paused(), open_report(path, sheet, encoding) as report:
        return collect(report)


def read_report(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> tuple[Grid, ParsedSheet]:
    """(a grid of the sheet's header and parsed rows, each at index row - 1, skipped rows []; the parsed
    sheet). For the rejects workbook of today's importer; a streaming caller keeps `SheetRow.cells`."""
    with gc_paused(), open_report(path, sheet, encoding) as report:
        cells: list[list[object]] = []
        parsed = collect(report, cells)
        return Grid(file=report.file, sheet=report.sheet, rows=cells), parsed
