"""`jsj export`: the progress ledger workbook (工作台账) as of a date.

Sheets, in this order (names in the current language):

======================  ===========================================================================
总览 / Overview          plan title, as-of date, plan completion against 序时进度, the six sections, key
                        tasks per light, the growth-target table, a bar chart of unit completion and a
                        line chart of the zone's volume index against the target path
任务台账 / Ledger        one row per task × responsible unit; the task's number and title are merged over
                        its units' rows. Key tasks 1-16 and every safeguard that names units (in the
                        bundled plan only 17, 加强组织领导, which 运城 and 临汾 lead); safeguards are listed
                        with their own light but, as everywhere, never counted in the plan's completion
单位完成情况 / Units     the unit ranking
重点项目 / Projects      each named project with the latest report that names it
进展记录 / Records       every milestone dated on or before the as-of date, every field
月度趋势 / Monthly trend completion of the plan, each section and each unit at each month end
======================  ===========================================================================

The figures are the ones `jsj status --format json` prints (render.status_document, task_record,
target_document), so the workbook and the JSON never disagree.

Conventions: real dates and numbers (formats ``yyyy-mm-dd``, ``yyyy-mm-dd hh:mm:ss`` for 录入时间, ``0.0``); a
title row above each table; on the table sheets the header is row 2, frozen below it, with an autofilter (the
overview holds several small tables: rows 1-2, title and date, are frozen, and it has no filter); widths that
fit Chinese text (an East Asian wide character counts as two; long text wraps at a capped width); A4
landscape, fit to one page wide, rows 1-2 repeated on every page. Status cells are filled by light
(`LIGHT_FILLS`). Text is never a formula: a cell that would start with = + - @ tab or CR is stored as a
string with Excel's quote prefix, and text that looks like an error code (#N/A) stays text. Nothing in a cell
depends on the clock, so two exports of the same data as of the same date hold the same cells.

Writing. The workbook is openpyxl's write-only kind (rows are streamed to disk, nothing is kept). Write-only
sheets take column widths, row heights and freeze panes only before their first row; autofilter, print
settings, charts, data validation (``ws.data_validations.append``) and merged ranges (``ws.merged_cells.add``:
there is no ``merge_cells`` method, but the ranges are written with the sheet's tail all the same) at any
time before saving; cells only in row order, so the small sheets are assembled in memory first
(`SheetBuilder`) and streamed once their widths are known. The records sheet can hold 100,000 rows, and
openpyxl spends ~7 µs a cell serialising them (more with styles), so its rows are rendered here straight to
SpreadsheetML (`_RawRowsWriter`, a subclass of openpyxl's own worksheet writer; the styles are registered
through openpyxl, the rest of the sheet is openpyxl's XML): the whole export then takes about a quarter of
the time of a bare ``ws.append`` loop over the same rows. If openpyxl's internals ever stop matching, the
sheet falls back to ordinary styled ``ws.append`` rows, same cells (`RAW_ROWS`).

The file is written beside the target under a temporary name and renamed into place (`save_workbook`); on
any error the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .. import growth, progress, render, report, store
from ..db import Database, Row
from ..errors import BadValue
from ..i18n import t
from ..outfiles import output_errors, signals_end_cleanly, write_atomically
from . import labels

try:  # openpyxl internals, for the fast records sheet; without them the sheet is written the ordinary way
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.xml.constants import REL_NS, SHEET_MAIN_NS
    from openpyxl.xml.functions import tostring
except ImportError:  # pragma: no cover
    WorksheetWriter = None  # type: ignore[assignment,misc]

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
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Text starting with one of these is what spreadsheet programs take for a formula."""
MAX_TEXT = 32767  # Excel's limit for one cell
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

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def clean_text(text: str) -> str:
    """Text a cell can hold as written: no XML-illegal control characters, Excel's _xHHHH_ escapes
    themselves escaped (so `_x0041_` reads back as written, not as "A"), at most 32,767 characters."""
    if _ILLEGAL.search(text):
        text = _ILLEGAL.sub("", text)
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
            proto = Cell(self._ref)  # type: ignore[arg-type]
            for attribute, value in STYLES[style.removesuffix("|quoted")].items():
                setattr(proto, attribute, value)
            if quoted:
                proto.quotePrefix = True
            array = self._arrays[style] = proto._style
        return array

    def style_id(self, style: str) -> int:
        """The index of the style in the workbook's cell formats (registering it), for raw XML."""
        proto = Cell(self._ref, style_array=self._array(style))  # type: ignore[arg-type]
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


def print_setup(ws, title_rows: str | None = "1:2") -> None:
    """A4 landscape, one page wide, the title and header rows repeated on every page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows


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
        for col, width in sorted(self.widths().items()):
            ws.column_dimensions[get_column_letter(col)].width = width
        for row, height in self.heights.items():
            ws.row_dimensions[row].height = height
        if freeze:
            ws.freeze_panes = freeze
        print_setup(ws, title_rows)
        if autofilter:
            ws.auto_filter.ref = autofilter
        for ref in self.merges:
            ws.merged_cells.add(ref)
        cell = self.book.cell
        for row in self.rows:
            ws.append([None if spec is None else cell(ws, spec[0], spec[1]) for spec in row])
        return ws


def table_ref(first_row: int, last_row: int, columns: int) -> str:
    return f"A{first_row}:{get_column_letter(columns)}{max(last_row, first_row)}"


# --------------------------------------------------------------------------------------------------
# Values out of render's documents


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _light_style(light: str) -> str:
    return f"light.{light}"


def _action(action: str, name: str) -> str:
    """The plan's action with the project put back where the plan wrote it (以…为重点 -> 以新材料为重点)."""
    return action.replace("…", name, 1) if "…" in action else action


# --------------------------------------------------------------------------------------------------
# The export


def export_ledger(db: Database, as_of: dt.date, target: Path) -> Path:
    """Write the ledger workbook as of `as_of` to `target` (atomically); returns the path written."""
    target = Path(target)
    check_target(target)  # fail before the work, not after
    overview = progress.assess(store.snapshot(db, as_of))
    view = report.status_view(db, overview)
    document = render.status_document(view)
    with signals_end_cleanly(), output_errors(target), Book() as book:
        _overview_sheet(book, view, document)
        _ledger_sheet(book, overview)
        _units_sheet(book, document, as_of)
        _projects_sheet(book, db, overview)
        _records_sheet(book, store.history(db, until=as_of), as_of)
        _trend_sheet(book, db, view)
        return save_workbook(book.wb, target)


# -- 总览 / Overview


def _overview_sheet(book: Book, view: report.StatusView, document: dict) -> None:
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
    sheet.title_row(t("status.sections"), 6, "subtitle")
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
        sheet.add(
            (s["no"], "int"),
            (s["title"], "text"),
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
    if document["units"]:
        ws.add_chart(_units_chart(ws, units_header, units_last), "K4")
    if index_rows is not None and view.target_info is not None:
        ws.add_chart(_index_chart(ws, *index_rows, view.target_info), "K26")


def _target_tables(sheet: SheetBuilder, view: report.StatusView, document: dict) -> tuple[int, int] | None:
    """The growth-target table and the zone's index-vs-path table; returns the latter's header and last row."""
    sheet.add()
    target, info = document["target"], view.target_info
    if target is None or view.target is None or info is None:
        sheet.title_row(t("xl.overview.no_target"), 9, "subtitle")
        return None
    sheet.title_row(render.target_line(view.target, info), 9, "subtitle")
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
                    row[col] = (None, row[col][1]) if row[col] else None
    if not target["scopes"]:
        return None
    # The zone (the last scope) year by year, from the base year to the target year, for the line chart.
    zone = target["scopes"][-1]
    by_year = {row["year"]: row["volume_index"] for row in zone["years"]}
    base, last_year = target["base_year"], target["target_year"]
    sheet.add()
    sheet.title_row(t("xl.overview.index_table", zone=info.zone.name, base=base), 3, "subtitle")
    header = sheet.header([t("xl.col.year"), t("xl.col.index"), t("xl.col.target_path")])
    for year in range(base, max(last_year, target["as_of_year"]) + 1):
        index = 100.0 if year == base else by_year.get(year)
        path = render.r2(growth.target_index(year - base, info.rate))
        sheet.add((year, "int"), (index, "num2"), (path, "num2"))
    return header, sheet.last_row


def _units_chart(ws, header_row: int, last_row: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("xl.chart.units")
    chart.add_data(Reference(ws, min_col=3, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=2, min_row=header_row + 1, max_row=last_row))
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 on top
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, 11
    return chart


def _index_chart(ws, header_row: int, last_row: int, info: report.TargetInfo) -> LineChart:
    chart = LineChart()
    chart.title = t("xl.chart.index", zone=info.zone.name, rate=info.rate)
    chart.add_data(Reference(ws, min_col=2, max_col=3, min_row=header_row, max_row=last_row), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_row))
    chart.y_axis.title = t("xl.col.index")
    chart.x_axis.title = t("xl.col.year")
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.width, chart.height = 18, 9
    return chart


# -- 任务台账 / Ledger

LEDGER_COLUMNS = (
    "xl.col.no",
    "xl.col.task",
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
        record = render.task_record(task)
        first = sheet.last_row + 1
        deadline = _date(record["deadline"])
        for i, a in enumerate(record["assignments"]):
            reported = a["latest_date"] is not None
            sheet.add(
                (record["no"] if i == 0 else None, "merged"),
                (record["title"] if i == 0 else None, "merged"),
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
            sheet.merge(first, 1, sheet.last_row, 1)
            sheet.merge(first, 2, sheet.last_row, 2)
    sheet.caps.update({2: 30, 8: 50})
    sheet.min_widths.update({1: 6, 2: 24, 8: 30})
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


def _projects_sheet(book: Book, db: Database, overview: progress.Overview) -> None:
    sheet = book.sheet(t("xl.sheet.projects"))
    sheet.title_row(t("xl.title.projects", as_of=overview.as_of.isoformat()), len(PROJECTS_COLUMNS))
    sheet.header([t(key) for key in PROJECTS_COLUMNS])
    for task in sorted((*overview.tasks, *overview.safeguards), key=lambda task: task.no):
        rows = store.project_reports(db, task.no, overview.as_of)
        first = sheet.last_row + 1
        for i, p in enumerate(rows):
            sheet.add(
                (task.no if i == 0 else None, "merged"),
                (task.title if i == 0 else None, "merged"),
                (p["name"], "wrap"),
                (labels.kind_label(p["kind"]), "text"),
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

RECORDS_COLUMNS = (
    ("xl.col.record_id", "int"),
    ("xl.col.task_no", "int"),
    ("xl.col.task", "text"),
    ("xl.col.unit", "text"),
    ("xl.col.date", "date"),
    ("xl.col.progress", "num"),
    ("xl.col.status", "text"),
    ("xl.col.note", "text"),
    ("xl.col.project", "text"),
    ("xl.col.by", "text"),
    ("xl.col.recorded_at", "datetime"),
    ("xl.col.batch", "int"),
)
_EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 30).toordinal()


def _record_values(row: Row) -> tuple:
    """A history row in the sheet's column order, dates as dates (text left as is if it is not one)."""
    return (
        row["id"],
        row["task_no"],
        row["task_title"],
        row["unit"],
        _as_date(row["date"]),
        row["progress"],
        row["status"],
        row["note"],
        row["project"],
        row["recorded_by"],
        _as_datetime(row["recorded_at"]),
        row["batch_id"],
    )


def _as_date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def _as_datetime(value):
    try:
        return dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value


def _records_sheet(book: Book, records: list[Row], as_of: dt.date) -> None:
    title = t("xl.title.records", as_of=as_of.isoformat(), count=len(records))
    headers = [t(key) for key, _ in RECORDS_COLUMNS]
    styles = [style for _, style in RECORDS_COLUMNS]
    ws = book.wb.create_sheet(t("xl.sheet.records"))
    widest = [value_width(h) for h in headers]
    for row in records[:WIDTH_SAMPLE]:
        for i, value in enumerate(_record_values(row)):
            widest[i] = max(widest[i], value_width(value))
    caps = {2: 30, 7: 60}
    for i, width in enumerate(widest):
        ws.column_dimensions[get_column_letter(i + 1)].width = fit_width(width, caps.get(i, 30))
    ws.row_dimensions[TITLE_ROW].height = 24
    ws.freeze_panes = "A3"
    print_setup(ws)
    last = HEADER_ROW + len(records)
    ws.auto_filter.ref = table_ref(HEADER_ROW, last, len(headers))
    ws.merged_cells.add(f"A{TITLE_ROW}:{get_column_letter(len(headers))}{TITLE_ROW}")
    if _raw_rows_supported(ws):
        ws._writer = _RawRowsWriter(ws, _raw_record_rows(book, title, headers, records))
        ws._writer.write_top()
        return
    ws.append([book.cell(ws, title, "title")])
    ws.append([book.cell(ws, h, "header") for h in headers])
    cell = book.cell
    for row in records:
        ws.append([cell(ws, v, s) for v, s in zip(_record_values(row), styles, strict=True)])


RAW_ROWS = WorksheetWriter is not None
"""Write the records sheet's rows as ready-made XML (tests switch this off to check the fallback)."""


def _raw_rows_supported(ws) -> bool:
    """The write-only sheet is as `_RawRowsWriter` expects: no writer or rows yet, and the hooks exist."""
    return (
        RAW_ROWS
        and getattr(ws, "_writer", False) is None
        and getattr(ws, "_rows", False) is None
        and all(callable(getattr(WorksheetWriter, name, None)) for name in ("get_stream", "write_rows", "write_top"))
    )


class _RawRowsWriter(WorksheetWriter or object):  # type: ignore[misc]
    """openpyxl's worksheet writer, with <sheetData> taken from ready-made <row> strings.

    Everything else (sheet properties, view, columns, autofilter, merges, print settings) is openpyxl's
    own XML, serialised element by element into a plain file instead of through et_xmlfile.
    """

    def __init__(self, ws, rows: Iterable[str]):
        self._raw_rows = rows
        super().__init__(ws)

    def get_stream(self):
        with open(self.out, "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')
            out.write(f'<worksheet xmlns="{SHEET_MAIN_NS}" xmlns:r="{REL_NS}">')
            try:
                while True:
                    element = yield
                    if element is True:
                        yield out
                    elif element is not None:
                        out.write(tostring(element).decode("utf-8"))
            except GeneratorExit:
                pass
            out.write("</worksheet>")

    def write_rows(self):
        out = self.xf.send(True)
        out.write("<sheetData>")
        out.writelines(self._raw_rows)
        out.write("</sheetData>")
        self.xf.send(None)


def _xml_escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class _Fragments:
    """What follows ``<c r="XN"`` for each kind of value: style, type and value, closed."""

    def __init__(self, book: Book):
        self.ids = {name: book.style_id(name) for name in ("title", "header", "int", "text", "num", "date", "datetime")}
        self.quoted = {name: book.style_id(f"{name}|quoted") for name in ("title", "header", "text")}
        self._dates: dict[str, str] = {}
        self._texts: dict[str, str] = {}

    def empty(self, style: str) -> str:
        return f' s="{self.ids[style]}"/>'

    def text(self, value: str, style: str = "text") -> str:
        value = clean_text(value)
        sid = self.quoted[style] if value.startswith(RISKY_PREFIXES) else self.ids[style]
        return f' s="{sid}" t="inlineStr"><is><t xml:space="preserve">{_xml_escape(value)}</t></is></c>'

    def cached_text(self, value: str) -> str:
        fragment = self._texts.get(value)
        if fragment is None:
            fragment = self._texts[value] = self.text(value)
        return fragment

    def number(self, value, style: str) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.text(str(value))
        return f' s="{self.ids[style]}"><v>{value!r}</v></c>'

    def date(self, value: str) -> str:
        fragment = self._dates.get(value)
        if fragment is None:
            day = _as_date(value)
            if isinstance(day, dt.date):
                fragment = f' s="{self.ids["date"]}"><v>{day.toordinal() - _EXCEL_EPOCH_ORDINAL}</v></c>'
            else:
                fragment = self.text(str(value))
            self._dates[value] = fragment
        return fragment

    def datetime(self, value: str) -> str:
        moment = _as_datetime(value)
        if not isinstance(moment, dt.datetime):
            return self.text(str(value))
        seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
        serial = moment.toordinal() - _EXCEL_EPOCH_ORDINAL + seconds / 86400
        return f' s="{self.ids["datetime"]}"><v>{serial!r}</v></c>'


def _raw_record_rows(book: Book, title: str, headers: list[str], records: list[Row]) -> Iterator[str]:
    f = _Fragments(book)
    letters = [get_column_letter(i + 1) for i in range(len(headers))]
    yield f'<row r="1" ht="24" customHeight="1"><c r="A1"{f.text(title, "title")}</row>'
    yield (
        '<row r="2">' + "".join(f'<c r="{c}2"{f.text(h, "header")}' for c, h in zip(letters, headers, strict=True))
    ) + "</row>"
    empty_int, empty_text = f.empty("int"), f.empty("text")
    int_style = f' s="{f.ids["int"]}"><v>'
    cached, text, number, date, moment = f.cached_text, f.text, f.number, f.date, f.datetime
    for r, row in enumerate(records, start=FIRST_ROW):
        rid, task_no, title_, unit, day, value, status, note, project, at, by, batch = row
        n = str(r)
        yield "".join(
            (
                f'<row r="{n}"><c r="A{n}"{int_style}{rid}</v></c><c r="B{n}"{int_style}{task_no}</v></c>',
                f'<c r="C{n}"{cached(title_)}<c r="D{n}"{cached(unit)}<c r="E{n}"{date(day)}',
                f'<c r="F{n}"{number(value, "num")}',
                f'<c r="G{n}"{empty_text if status is None else cached(status)}',
                f'<c r="H{n}"{empty_text if note is None else text(note)}',
                f'<c r="I{n}"{empty_text if project is None else cached(project)}',
                f'<c r="J{n}"{empty_text if by is None else cached(by)}',
                f'<c r="K{n}"{moment(at)}',
                f'<c r="L{n}"{empty_int if batch is None else number(batch, "int")}</row>',
            )
        )


# -- 月度趋势 / Monthly trend


def month_ends(start: dt.date, as_of: dt.date) -> list[dt.date]:
    """Each month end from the month of `start` up to `as_of`, then `as_of` itself if it is not one."""
    days = []
    year, month = start.year, start.month
    while True:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
        if end > as_of:
            break
        days.append(end)
        year, month = following.year, following.month
    if not days or days[-1] != as_of:
        days.append(as_of)
    return days


def _trend_sheet(book: Book, db: Database, view: report.StatusView) -> None:
    as_of = view.overview.as_of
    sections = [s.title for s in view.overview.sections]
    ranked = {u.name for u in view.overview.units}
    units = [u.name for u in store.units(db) if u.name in ranked]
    headers = [t("xl.col.month_end"), t("xl.col.expected"), t("xl.col.plan"), *sections, *units]
    sheet = book.sheet(t("xl.sheet.trend"))
    sheet.title_row(t("xl.title.trend", as_of=as_of.isoformat()), min(len(headers), 12))
    sheet.header(headers)
    r2 = render.r2
    for day in month_ends(view.period_start, as_of):
        o = progress.assess(store.snapshot(db, day, with_activity=False))
        by_unit = {u.name: u.completion for u in o.units}
        sheet.add(
            (day, "date"),
            (r2(o.expected), "num"),
            (r2(o.completion), "num"),
            *[(r2(s.completion), "num") for s in o.sections],
            *[(r2(by_unit.get(name)), "num") for name in units],
        )
    for col in range(4, len(headers) + 1):
        sheet.caps[col] = 14  # long section and unit names wrap in the header
    sheet.write(freeze="B3", autofilter=table_ref(HEADER_ROW, sheet.last_row, len(headers)))
