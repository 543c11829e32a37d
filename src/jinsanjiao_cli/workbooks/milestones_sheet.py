"""The 进展记录 / Records sheet: every milestone up to the as-of date, every field.

It can hold 100,000 rows, and openpyxl spends ~7 us a cell serialising them (more with styles), so its rows
are rendered here straight to SpreadsheetML (`_RawRowsWriter`, a subclass of openpyxl's own worksheet writer;
the styles are registered through openpyxl, the rest of the sheet is openpyxl's XML): the whole export then
takes about a quarter of the time of a bare ``ws.append`` loop over the same rows. This is the one place that
depends on openpyxl's internals; if they ever stop matching, the sheet falls back to ordinary styled
``ws.append`` rows, same cells (`RAW_ROWS`; a test checks both give the same cells).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from openpyxl.utils import get_column_letter

from jinsanjiao_cli.core.rows import Row
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.workbooks.workbook import (
    FIRST_ROW,
    HEADER_ROW,
    RISKY_PREFIXES,
    TITLE_ROW,
    WIDTH_SAMPLE,
    Book,
    clean_text,
    fit_width,
    print_setup,
    table_ref,
    value_width,
)

try:  # openpyxl internals, for the fast records sheet; without them the sheet is written the ordinary way
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.xml.constants import REL_NS, SHEET_MAIN_NS
    from openpyxl.xml.functions import tostring
except ImportError:  # pragma: no cover
    WorksheetWriter = None

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
    ("xl.col.period", "text"),
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
        row["period"],
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


def records_sheet(book: Book, records: list[Row], as_of: dt.date) -> None:
    title = t("xl.title.records", as_of=as_of.isoformat(), count=len(records))
    headers = [t(key) for key, _ in RECORDS_COLUMNS]
    styles = [style for _, style in RECORDS_COLUMNS]
    ws = book.wb.create_sheet(t("xl.sheet.records"))
    widest = [value_width(h) for h in headers]
    for row in records[:WIDTH_SAMPLE]:
        for i, value in enumerate(_record_values(row)):
            widest[i] = max(widest[i], value_width(value))
    caps = {2: 30, 7: 60}
    fitted = [fit_width(width, caps.get(i, 30)) for i, width in enumerate(widest)]
    for i, width in enumerate(fitted):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    ws.row_dimensions[TITLE_ROW].height = 24
    ws.freeze_panes = "A3"
    print_setup(ws, widths=fitted)
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
        rid, task_no, title_, unit, day, value, status, note, project, at, by, batch = row[:12]
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
                f'<c r="L{n}"{empty_int if batch is None else number(batch, "int")}',
                f'<c r="M{n}"{empty_text if row["period"] is None else cached(row["period"])}</row>',
            )
        )


# -- 月度趋势 / Monthly trend
