"""Step 1 of parsing a sheet: find the header row and the columns it names (the rules are stated in the
`rows` docstring, "Header row")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets.reader import EmptySheet, Grid, GridRows, SheetRows, column_letter, has_value, where
from jinsanjiao_cli.text import (
    i18n,
)
from jinsanjiao_cli.text.i18n import t

FIELDS = ("task_no", "unit", "date", "progress", "status", "note", "project", "by", "record_id", "issue", "period")
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
    "issue": ("存在问题", "problems", "problem", "issue"),  # the template's optional column: raises a problem
    "period": ("报送期", "所属报送期", "报送期别", "reporting period", "period"),  # the period a report is for
}
"""Known header names per field, most specific first (compared after `header_key`)."""

# The exported 任务台账 in either language: its 状态/Status column is the computed light, not a report field.
LEDGER_MARKERS = frozenset({"序时进度", "expected"})


class NoHeader(BadFile):
    """No header row in the first rows of the sheet."""


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
# The layout of a sheet


@dataclass
class Layout:
    """Where each field is: found once from the header row, used for every chunk."""

    file: str
    sheet: str | None
    header_row: int  # 1-based
    header_cells: tuple
    columns: dict[str, int]  # field -> 0-based column
    headers: dict[str, str]  # field -> header text as in the sheet
    kind: str  # "ledger" | "report"
    letters: dict[str, str] = field(default_factory=dict)  # field -> column letter

    def __post_init__(self) -> None:
        self.letters = {f: column_letter(c) for f, c in self.columns.items()}


def layout_of(file: str, sheet: str | None, index: int, row: Sequence[object]) -> Layout | None:
    """The layout when this row (0-based index) is a header row, else None."""
    columns, ledger = _read_header(list(row))
    if not all(f in columns for f in REQUIRED_HEADER):
        return None
    if ledger:
        columns.pop("status", None)
    headers = {f: " ".join(str(row[c]).split()) for f, c in columns.items()}
    kind = "ledger" if ledger else "report"
    return Layout(file, sheet, index + 1, tuple(row), columns, headers, kind)


Chunks = Iterator[tuple[int, list[list[object]]]]  # (0-based index of the first row, rows)


def find_layout(source: SheetRows, chunks: Chunks) -> tuple[Layout, tuple[int, list[list[object]]]]:
    """(the layout, the rows after the header in its chunk with the index of the first); NoHeader, or
    EmptySheet when the sheet holds nothing at all."""
    seen: list[list[object]] = []
    for first, rows in chunks:
        for index, row in enumerate(rows, first):
            if index >= HEADER_SEARCH_ROWS:
                raise _no_header(source)
            layout = layout_of(source.file, source.sheet, index, row)
            if layout is not None:
                return layout, (index + 1, rows[index - first + 1 :])
            seen.append(row)
    if not has_value(seen) and not isinstance(source, GridRows):
        if source.format == "csv":
            raise EmptySheet(t("sheets.no_data", file=source.file))
        raise EmptySheet(t("sheets.empty_sheet", where=where(source.file, source.sheet)))
    raise _no_header(source)


def _no_header(source: SheetRows) -> NoHeader:
    where_ = where(source.file, source.sheet)
    return NoHeader(t("sheets.no_header", where=where_, rows=HEADER_SEARCH_ROWS, names=expected_names()))
