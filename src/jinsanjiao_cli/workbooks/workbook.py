"""The workbook toolkit every jsj workbook is built with: styles, widths, a Book of write-only sheets
assembled row by row (`SheetBuilder`), print setup, and the atomic save.

Conventions: real dates and numbers (formats ``yyyy-mm-dd``, ``yyyy-mm-dd hh:mm:ss``, ``0.0``); a title row
above each table; the header in row 2, frozen below it; widths that fit Chinese text (an East Asian wide
character counts as two; long text wraps at a capped width); A4 landscape, fit to one page wide, rows 1-2
repeated on every page. Text is never a formula: a cell that would start with = + - @ tab or CR is stored as
a string with Excel's quote prefix, and text that looks like an error code (#N/A) stays text.

Write-only sheets take column widths, row heights and freeze panes only before their first row; autofilter,
print settings, charts, data validation and merged ranges at any time before saving; cells only in row
order, so small sheets are assembled in memory first (`SheetBuilder`) and streamed once their widths are
known.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.values import MAX_TEXT
from jinsanjiao_cli.render.outfiles import write_atomically
from jinsanjiao_cli.render.safe_text import inert_text
from jinsanjiao_cli.text.i18n import t

# --------------------------------------------------------------------------------------------------
# Looks

LIGHT_FILLS = {"done": "BDD7EE", "green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
"""Status cell fill (RGB) by light: blue for done, then the traffic lights."""
LIGHT_FONTS = {"done": "1F4E78", "green": "006100", "yellow": "9C5700", "red": "9C0006"}
HEADER_FILL = "D9E1F2"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
NUMBER_FORMAT = "0.0"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""Text starting with one of these is what spreadsheet programs take for a formula once the cell is edited
(the full-width forms in an East Asian spreadsheet: docs/commands.md, "Text in the files jsj writes"); such
a cell gets Excel's quotePrefix, which shows nothing and changes no value."""
WIDTH_SAMPLE = 1000  # the records sheet's widths are measured on its first rows only

_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_MIDDLE = Alignment(vertical="center")
_WRAP = Alignment(vertical="center", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _spec(**kwargs) -> dict:
    return kwargs


STYLES: dict[str, dict] = {
    "title": _spec(font=Font(bold=True, size=14), alignment=_MIDDLE),
    "subtitle": _spec(font=Font(bold=True, size=12)),
    "label": _spec(font=Font(bold=True)),
    "value": _spec(),
    "value_num": _spec(number_format=NUMBER_FORMAT),
    "value_date": _spec(number_format=DATE_FORMAT, alignment=Alignment(horizontal="left")),
    "header": _spec(
        font=Font(bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL), border=_BORDER, alignment=_CENTRE
    ),
    "text": _spec(border=_BORDER, alignment=_MIDDLE),
    "wrap": _spec(border=_BORDER, alignment=_WRAP),
    "int": _spec(border=_BORDER, alignment=Alignment(horizontal="center", vertical="center")),
    # A figure a unit types: shown as typed (12.5 stays 12.5, 60 stays 60).
    "input_number": _spec(border=_BORDER, alignment=_MIDDLE, number_format="General"),
    # Text a spreadsheet must not reinterpret (a typed 2022-06 would become a date).
    "input_text": _spec(border=_BORDER, alignment=_MIDDLE, number_format="@"),
    "num": _spec(border=_BORDER, alignment=_MIDDLE, number_format=NUMBER_FORMAT),
    "num2": _spec(border=_BORDER, alignment=_MIDDLE, number_format="0.00"),
    "date": _spec(border=_BORDER, alignment=_MIDDLE, number_format=DATE_FORMAT),
    "datetime": _spec(border=_BORDER, alignment=_MIDDLE, number_format=DATETIME_FORMAT),
    "merged": _spec(border=_BORDER, alignment=_CENTRE),
    **{
        f"light.{light}": _spec(
            border=_BORDER,
            alignment=Alignment(horizontal="center", vertical="center"),
            fill=PatternFill("solid", fgColor=fill),
            font=Font(color=LIGHT_FONTS[light]),
        )
        for light, fill in LIGHT_FILLS.items()
    },
}
WRAPPING = {"wrap", "merged"}
"""Styles whose text wraps: their columns are capped narrower."""


# --------------------------------------------------------------------------------------------------
# Text and widths

_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def clean_text(text: str) -> str:
    """Text a cell can hold as written: control and bidirectional-control characters as visible stand-ins
    (render/safe_text.py; XML cannot hold most of them, and Excel would show the others raw), tabs and line
    breaks kept, Excel's _xHHHH_ escapes themselves escaped (so `_x0041_` reads back as written, not as
    "A"), at most 32,767 characters."""
    text = inert_text(text, "\t\n\r")
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return text[:MAX_TEXT]


@lru_cache(maxsize=16384)
def text_width(text: str) -> int:
    """Display width of the longest line, East Asian wide (and ambiguous) characters counting two."""
    lines = text.split("\n")
    if text.isascii():
        return max(len(line) for line in lines)
    return max(sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in line) for line in lines)


def value_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, str):
        return text_width(value)
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return len(str(value))


def fit_width(widest: int, cap: int) -> float:
    """Column width for the widest value: a little room, at least 6, at most `cap`."""
    return float(min(max(widest + 2, 6), cap))


# --------------------------------------------------------------------------------------------------
# The workbook: styles and atomic saving


class _BookRef:
    """Stands in for a worksheet when building style prototypes: openpyxl only needs `.parent` (the book)."""

    def __init__(self, wb: Workbook):
        self.parent = wb


class Book:
    """A write-only workbook with the named styles above, registered once each."""

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self._ref = _BookRef(self.wb)
        self._arrays: dict[str, object] = {}

    def _array(self, style: str):
        array = self._arrays.get(style)
        if array is None:
            quoted = style.endswith("|quoted")
            proto = Cell(self._ref)
            for attribute, value in STYLES[style.removesuffix("|quoted")].items():
                setattr(proto, attribute, value)
            if quoted:
                proto.quotePrefix = True
            array = self._arrays[style] = proto._style
        return array

    def style_id(self, style: str) -> int:
        """The index of the style in the workbook's cell formats (registering it), for raw XML."""
        proto = Cell(self._ref, style_array=self._array(style))
        return proto.style_id

    def cell(self, ws, value: object, style: str | None) -> Cell | None:
        """A cell for `ws.append`: the value with its style; text is never a formula or an error code."""
        if style is None:
            if value is None:
                return None
            style = "value"
        if isinstance(value, str):
            value = clean_text(value)
            if value.startswith(RISKY_PREFIXES):
                style += "|quoted"
        cell = Cell(ws, row=1, column=1, style_array=self._array(style))
        if value is not None:
            cell.value = value
            if cell.data_type in ("f", "e"):
                cell.data_type = "s"
        return cell

    def sheet(self, title: str) -> SheetBuilder:
        return SheetBuilder(self, title)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if error is not None:
            self.discard()

    def discard(self) -> None:
        """After a failure: finish and delete the temporary files openpyxl streams each sheet to."""
        for ws in self.wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            with suppress(Exception):
                if not ws.closed:
                    ws.close()
            with suppress(Exception):
                writer.cleanup()


def check_target(target: Path) -> Path:
    """The directory the workbook goes in; the target itself must be a new or existing .xlsx file."""
    if target.is_dir():
        raise BadValue(t("xl.target_is_dir", path=target))
    if target.suffix.lower() != ".xlsx":
        raise BadValue(t("xl.not_xlsx", path=target))
    parent = target.parent
    if not parent.exists():
        raise BadValue(t("xl.no_dir", dir=parent))
    if not parent.is_dir():
        raise BadValue(t("xl.not_dir", dir=parent))
    return parent


def save_workbook(wb: Workbook, target: Path) -> Path:
    """Save whole or not at all (see `outfiles.write_atomically`)."""
    check_target(target)
    return write_atomically(target, lambda temp: wb.save(temp))


# Printing legibly: the sheets' 11 pt text is never printed below 9 pt (a scale of 82%). A4 landscape with
# 0.4 in side margins leaves 784 pt across; a column of width w (Excel's characters of the default font) is
# about 7w + 5 pixels, 0.75 pt each.
LEAST_SCALE = 82
PRINTABLE_POINTS = 841.9 - 2 * 0.4 * 72


def printed_points(widths: list[float]) -> float:
    """The printed width at 100% of columns of these widths (Excel's units), in points."""

    return sum((7 * width + 5) * 0.75 for width in widths)


def print_setup(ws, title_rows: str | None = "1:2", widths: list[float] | None = None) -> None:
    """A4 landscape, the title and header rows repeated on every page; one page wide when that keeps the
    text at 9 pt or more, else printed at 82% across as many pages as it needs, its first column repeated
    on each (a wide trend or ledger)."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows
    if widths and 100 * PRINTABLE_POINTS / printed_points(widths) < LEAST_SCALE:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        ws.page_setup.scale = LEAST_SCALE
        ws.print_title_cols = "A:A"
        return
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


# --------------------------------------------------------------------------------------------------
# Small sheets: assembled in memory (widths need every row), then streamed


Spec = tuple[object, str | None] | None
"""A cell to be: (value, style name), or None for nothing at all."""


class SheetBuilder:
    """Rows of (value, style) cells; `write` sizes the columns and streams them to a write-only sheet."""

    def __init__(self, book: Book, title: str):
        self.book = book
        self.title = title
        self.rows: list[list[Spec]] = []
        self.merges: list[str] = []
        self.caps: dict[int, int] = {}  # column (1-based) -> widest allowed
        self.min_widths: dict[int, int] = {}
        self.heights: dict[int, float] = {}
        self._spanning: set[tuple[int, int]] = set()  # cells merged across columns: they size no column

    @property
    def last_row(self) -> int:
        return len(self.rows)

    def add(self, *cells: Spec) -> int:
        """Append a row; returns its row number."""
        self.rows.append(list(cells))
        return len(self.rows)

    def title_row(self, text: str, span: int, style: str = "title") -> int:
        row = self.add((text, style))
        if span > 1:
            self.merge(row, 1, row, span)
        if style == "title":
            self.heights[row] = 24
        return row

    def header(self, names: list[str]) -> int:
        return self.add(*[(name, "header") for name in names])

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        start, end = get_column_letter(first_col), get_column_letter(last_col)
        self.merges.append(f"{start}{first_row}:{end}{last_row}")
        if last_col > first_col:
            self._spanning.add((first_row, first_col))

    def widths(self) -> dict[int, float]:
        widest: dict[int, int] = {}
        wraps: dict[int, bool] = {}
        for r, row in enumerate(self.rows, start=1):
            for col, spec in enumerate(row, start=1):
                if spec is None or (r, col) in self._spanning:
                    continue
                value, style = spec
                widest[col] = max(widest.get(col, 0), value_width(value))
                wraps[col] = wraps.get(col, False) or style in WRAPPING
        return {
            col: max(
                fit_width(width, self.caps.get(col, 36 if wraps[col] else 50)),
                float(self.min_widths.get(col, 0)),
            )
            for col, width in widest.items()
        }

    def write(self, *, freeze: str | None = "A3", autofilter: str | None = None, title_rows: str | None = "1:2"):
        """Create the sheet and stream the rows; returns the worksheet (charts may still be added)."""
        ws = self.book.wb.create_sheet(self.title)
        widths = self.widths()
        for col, width in sorted(widths.items()):
            ws.column_dimensions[get_column_letter(col)].width = width
        for row, height in self.heights.items():
            ws.row_dimensions[row].height = height
        if freeze:
            ws.freeze_panes = freeze
        print_setup(ws, title_rows, list(widths.values()))
        if autofilter:
            ws.auto_filter.ref = autofilter
        for ref in self.merges:
            ws.merged_cells.add(ref)
        make_cell = self.book.cell
        for cells in self.rows:
            ws.append([None if spec is None else make_cell(ws, spec[0], spec[1]) for spec in cells])
        return ws


def table_ref(first_row: int, last_row: int, columns: int) -> str:
    return f"A{first_row}:{get_column_letter(columns)}{max(last_row, first_row)}"
