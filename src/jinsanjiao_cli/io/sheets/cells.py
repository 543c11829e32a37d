"""Cell values -> field values: the column converters that apply the value rules of `core.values` to whole
columns, fast.

The rules themselves (`date_value`, `progress_value`, `whole_number`, `line_text`, `note_text`) live in
core/values.py, the same for `record`, `amend`, the portal and `import`; `rows` states them for users.
`Column` applies a rule to a chunk of one column's cells, converting each distinct value once through a
memo (units, task numbers, dates and progress repeat heavily), with fast paths for the numbers and dates
that xlsx/xls cells are. tests/test_sheets_rows.py checks that a whole sheet parsed this way agrees with the
rules applied cell by cell.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Sequence

from jinsanjiao_cli.core.values import Invalid, line_text, note_text, progress_text, show_value

__all__ = ["Bad", "Column", "blank", "cell_at", "nfkc", "notes", "show_value", "text_cell", "unstated_number"]


def nfkc(s: str) -> str:
    return s if s.isascii() else unicodedata.normalize("NFKC", s)


def unstated_number(value: object, formats: bool) -> float | None:
    """The number in a progress cell whose meaning the file does not state, else None: number-like text
    without %, and (when formats are unknown) any number."""
    if value is None or value.__class__ is bool:
        return None
    if value.__class__ is float or value.__class__ is int or isinstance(value, int | float):
        return None if formats else float(value)
    if isinstance(value, str):
        parsed = progress_text(value)
        if parsed is not None and not parsed[1]:
            return parsed[0]
    return None


# --------------------------------------------------------------------------------------------------
# Column converters


def cell_at(row: Sequence[object], col: int) -> object:
    """The cell of a row at a 0-based column; None past its end (or for a column the sheet lacks, -1)."""
    return row[col] if 0 <= col < len(row) else None


def blank(v: object) -> bool:
    return v is None or (v.__class__ is str and not v.strip())


class Bad:
    """A converted cell that is a problem: the reason, and whether to report the cell as empty (None)."""

    __slots__ = ("empty", "reason")

    def __init__(self, reason: str, empty: bool = False) -> None:
        self.reason = reason
        self.empty = empty


_NONE_TYPE = type(None)
_TYPED = (float, int, datetime.date, datetime.datetime)  # what xlsx/xls/ods cells are, besides text


class _Memo(dict[object, object]):
    """cell value -> converted value, for one `Column` and one kind of cell (text, or one type)."""

    __slots__ = ("column", "text")

    def __init__(self, column: Column, text: bool) -> None:
        super().__init__()
        self.column = column
        self.text = text

    def __missing__(self, key: object) -> object:
        column = self.column
        value = column.convert(key)
        if value.__class__ is Bad:
            column.bad = True
        if (
            (key is None or (key.__class__ is str and key.strip()))
            if self.text
            else (key.__class__ is not datetime.datetime or key.tzinfo is None)
        ):
            self[key] = value  # (equal aware datetimes may fall on different dates)
        return value


class Column:
    """Converts the cells of one column of one sheet, a chunk at a time; ``bad`` once a cell converted to a
    Bad. Each distinct value is converted once, through a memo:

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
            if any(x.__class__ is Bad for x in converted):
                self.bad = True
            return converted


def task_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v if v.__class__ is int and v >= 1 else int(v) if v.__class__ is float and v.is_integer() and v >= 1 else get(v)
        for v in cells
    ]


def date_fast(cells: Sequence[object], get: Callable[[object], object]) -> list[object]:
    return [
        v if v.__class__ is datetime.date else v.date() if v.__class__ is datetime.datetime else get(v) for v in cells
    ]


def text_cell(v: object) -> object:
    """A one-line text cell (unit, status, project, who) as stored, None when empty, or Bad."""
    value = line_text(v)
    return Bad(value.reason()) if value.__class__ is Invalid else value


def note_cell(v: object) -> object:
    """A free-text cell (note, issue) as stored, None when empty, or Bad."""
    value = note_text(v)
    return Bad(value.reason()) if value.__class__ is Invalid else value


def notes(cells: Sequence[object]) -> list[object]:
    return [None if v is None else note_cell(v) for v in cells]
