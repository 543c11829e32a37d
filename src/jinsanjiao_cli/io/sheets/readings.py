"""Step 4 of parsing a sheet: how the progress column is read (rules 2 and 3 of the `rows` docstring), decided
by one explicit function, `decide_reading`, and applied a chunk at a time by `ProgressReader`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain

from jinsanjiao_cli.core.values import POINTS, POINTS_STATED, Invalid, is_fraction_progress, progress_value
from jinsanjiao_cli.io.sheets.cells import Bad, Column, blank, cell_at, nfkc, unstated_number
from jinsanjiao_cli.io.sheets.formats import PercentCells
from jinsanjiao_cli.io.sheets.header import Layout
from jinsanjiao_cli.io.sheets.reader import SheetRows
from jinsanjiao_cli.text.i18n import t


@dataclass(frozen=True)
class Reading:
    """How one column's values were read, for the import summary and JSON."""

    column: str  # the letter, e.g. "D"
    header: str  # the header text as in the sheet
    field: str  # e.g. "progress"
    reading: str  # stable code: "cell_format", "points_header", "fraction" or "points"
    reason: str  # one sentence in the current language, saying why


def decide_reading(header: str, numbers: Iterable[float]) -> tuple[str, str]:
    """Rule 3 of the module docstring, for the numbers whose meaning the file does not state (in row order,
    over the rows not skipped): (reading, the message key of why). Stops consuming `numbers` as soon as one
    settles it, so a column whose first such number is above 1 costs nothing more."""
    if "%" in nfkc(header):
        return "points_header", "sheets.reading.points_header"
    inside = False
    for x in numbers:
        if not is_fraction_progress(x):
            return "points", "sheets.reading.points"
        inside = inside or 0 < x < 1
    if inside:
        return "fraction", "sheets.reading.fraction"
    return "points", "sheets.reading.points_whole"


class ProgressReader:
    """Applies steps 4's decision to each chunk of progress cells: the cell formats (rule 2) for xlsx and
    ods numbers, read only for rows whose number is above 0 and at most 1; the column's reading (rule 3),
    decided by `decide_reading` when the first value that needs it is met, with the values ahead of it."""

    def __init__(
        self, layout: Layout, source: SheetRows, missing: Bad, skipped: Callable[[Layout, Sequence[object]], bool]
    ) -> None:
        """`skipped(layout, row)`: step 3 for one row on its own, for the rows read ahead."""
        self.layout, self.source, self.missing, self.skipped = layout, source, missing, skipped
        self.column = layout.columns["progress"]
        self.formats = source.format in ("xlsx", "ods")
        self.reading: str | None = None
        self.why = ""
        self.unstated_seen = False
        self.number_cells = False  # xlsx/ods: a number cell was met (rule 2 applied)
        self.as_fraction = False
        self._percent: PercentCells | None = None
        self._converters: dict[str | None, Column] = {}

    def convert(self, first: int, cells: tuple[object, ...], skipped: set[int]) -> list[object]:
        """The chunk's progress cells (spreadsheet rows first+1 ...) as points, Bad, or the missing mark."""
        kinds = set(map(type, cells))
        if self.formats and not self.number_cells:
            self.number_cells = float in kinds or int in kinds
        if self.reading is None and (not self.formats or str in kinds):  # (xlsx: text only)
            here = [
                x
                for i, v in enumerate(cells)
                if i not in skipped and (x := unstated_number(v, self.formats)) is not None
            ]
            if here:
                self.unstated_seen = True
                ahead = self._numbers_after(first + len(cells))
                self.reading, self.why = decide_reading(self.layout.headers["progress"], chain(here, ahead))
                self.as_fraction = self.as_fraction or self.reading == "fraction"
        converted = self._converter(self.reading).cells(cells) if cells else []
        if self.formats:
            self._apply_formats(first, cells, converted)
        return converted

    def _converter(self, reading: str | None) -> Column:
        column = self._converters.get(reading)
        if column is None:
            column = self._converters[reading] = Column(
                partial(_progress_cell, self.missing, reading or POINTS, self.formats)
            )
        return column

    def _apply_formats(self, first: int, cells: tuple[object, ...], converted: list[object]) -> None:
        """Rule 2: a number whose reading depends on its format (converted to a `_ByFormat`) is a fraction when
        its cell is formatted as a percentage, else points; the formats are read only for chunks that hold one."""
        if _ByFormat not in set(map(type, converted)):
            return
        pending = [i for i, x in enumerate(converted) if x.__class__ is _ByFormat]
        if self._percent is None:
            self._percent = self.source.percent_cells(self.column) or PercentCells(iter(()))
        percent = self._percent.rows_between(first + pending[0], first + pending[-1])
        for i in pending:
            shown_as_percent = first + i in percent
            value = progress_value(converted[i].number, POINTS, shown_as_percent)  # type: ignore[attr-defined]
            converted[i] = Bad(value.reason()) if isinstance(value, Invalid) else value
            self.as_fraction = self.as_fraction or shown_as_percent

    def _numbers_after(self, start: int) -> Iterator[float]:
        """The rule-3 numbers of the rows from `start` (0-based) on: a second pass, read only as far as
        `decide_reading` asks."""
        col = self.column
        for first, rows in self.source.chunks():
            if first + len(rows) <= start:
                continue
            for i, row in enumerate(rows, first):
                if i < start or self.skipped(self.layout, row):
                    continue
                x = unstated_number(cell_at(row, col), self.formats)
                if x is not None:
                    yield x

    def readings(self) -> list[Reading]:
        """The rule applied to each kind of cell met: in .xlsx/.ods, number cells by their format (rule 2) and
        number-like text by the column rule (rule 3, worded as about text); elsewhere every number by rule 3."""
        layout = self.layout
        letter, header = layout.letters["progress"], layout.headers["progress"]
        found = []
        if self.formats and (self.number_cells or not self.unstated_seen):
            found.append(Reading(letter, header, "progress", "cell_format", t("sheets.reading.cell_format")))
        if not self.formats or self.unstated_seen:
            reading, why = (self.reading, self.why) if self.reading else decide_reading(header, ())
            if self.formats:
                why = why.replace("sheets.reading.", "sheets.reading.text.", 1)
            found.append(Reading(letter, header, "progress", reading, t(why, header=header)))
        return found


class _ByFormat:
    """A number whose reading waits for its cell's format (rule 2)."""

    __slots__ = ("number",)

    def __init__(self, number: float) -> None:
        self.number = number


def _by_format(v: float) -> bool:
    """Whether a number's format decides what it stores: one within -0.01 and 1.01 but 0. As a percentage
    it is a fraction: 1.00004 shown as 100.004% is 100 and 1.0001 shown as 100.01% is refused (as points
    both would be 1), -0.0001 shown as -0.01% is refused (as points, 0). A larger number is points whatever
    its format: 45 shown as 4500% was typed as 45."""
    return -0.01 < v < 1.01 and v != 0


def _progress_cell(missing: Bad, reading: str, formats: bool, v: object) -> object:
    if v.__class__ is float or v.__class__ is int:
        if formats and _by_format(v):
            return _ByFormat(v)
        if (formats or reading == POINTS_STATED) and 0 <= v <= 100:
            return round(v, 2) + 0.0
    if blank(v):
        return missing
    value = progress_value(v, reading or POINTS, False if formats else None)
    return Bad(value.reason()) if value.__class__ is Invalid else value
