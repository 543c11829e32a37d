"""Bytes on disk -> rows of typed cell values, streamed a chunk at a time.

Formats (chosen by content first, extension second):

* ``.xlsx``/``.xlsm``, ``.xls`` and ``.ods`` are read with python-calamine (`Workbook`). A workbook whose
  content does not match its extension (an xls saved as ``.xlsx``) is read by its content.
* ``.csv``, ``.tsv`` and ``.txt`` are delimited text, streamed (`csvread`: encoding per line, delimiter,
  bounds). CSV cells are always text (``str``) or None.

Cells: ``str``, ``int``, ``float``, ``bool``, ``datetime.date``/``datetime.datetime`` (calamine also yields
``datetime.time``/``timedelta`` for time-formatted cells), or None for an empty cell. Whole numbers from
xlsx/ods come back as floats (``1.0``; xls gives ints). Row index 0 is spreadsheet row 1 and column 0 is
column A, whatever is empty around the data. Rows may have different lengths (always so in a CSV): a cell
past the end of its row is empty. An xlsx error cell (``#DIV/0!``, ``#N/A`` ...), which calamine reads as
empty, comes back as its error text, so a parser reports it instead of taking it for a blank.

Merged cells: every cell of a merged range gets the range's top-left value, so a task number merged over
its units' rows comes out on every row. calamine's ``merged_cell_ranges`` provides the ranges for xlsx/xlsm
and xls; for ods they are read from ``content.xml`` (`odsscan`). A CSV has no merges: a value "merged" in
Excel is exported on the first row only.

Streaming: `Workbook.rows(sheet)` returns a `SheetRows`, whose ``chunks()`` yields (first row index, rows)
and may be called again for a second pass; `SheetRows.percent_cells(column)` reads cell formats on demand
(`formats`). `read_grid` collects a whole sheet into a `Grid`, for small files and tests. calamine itself
holds the whole sheet in memory (about 32 bytes a cell, see `limits`); a CSV is never held whole.

Bounded work (`limits`): before calamine reads anything, the zip directory is checked, the parts it will
read are inflated once with a byte count (the shared strings counted too), and the chosen sheet's XML is
scanned for cells beyond Excel's limits or a rectangle too large to allocate (`xlsxscan`, `odsscan`); an
.xls, whose sheets calamine all reads on opening, has its compound file and every sheet's records walked
first (`xlsscan`); text lines and fields are bounded while streaming. Each refusal is one line.

Sheet choice: `read_grid` returns the named sheet, else the first sheet of the workbook (hidden or not).
Finding "the first sheet that has a report header" is the parser's job (`rows.open_report`). `sheet_names`
lists a workbook's sheets; it is [] for delimited text, whose one sheet is read with ``sheet=None`` (naming
a sheet for a CSV is a BadFile).

Everything that can go wrong with the file raises `BadFile` with one line naming the file (with
`display_name`: undecodable bytes of a file name escaped), and the sheet or row: missing file, a directory
or anything else that is not a regular file (a FIFO would block the read forever), unsupported extension,
not a spreadsheet, damaged zip, password protection, unknown sheet, empty sheet (`EmptySheet`, a
`BadFile`), the bounds above, NUL or undecodable bytes or mixed encodings in a CSV, a row wider than
`MAX_COLUMNS`, and xlsx formulas saved without their computed values. An unknown ``encoding``, or one
that does not decode bytes to text (rot13), is a `BadValue`.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import io
import os
import stat
import threading
import zipfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Protocol, cast

import python_calamine as pc

from jinsanjiao_cli.core.errors import BadFile, BadValue
from jinsanjiao_cli.core.values import display_name
from jinsanjiao_cli.io.sheets import formats, limits, odsscan, xlsscan, xlsxscan
from jinsanjiao_cli.io.sheets.csvread import MAX_COLUMNS, CsvRows, cap_width
from jinsanjiao_cli.io.sheets.formats import PercentCells
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.i18n import t

__all__ = ["MAX_COLUMNS", "EmptySheet", "Grid", "SheetRows", "Workbook", "display_name", "open_workbook"]

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
SUPPORTED_EXTENSIONS = WORKBOOK_EXTENSIONS + TEXT_EXTENSIONS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 2048  # rows handled at a time, so that they are still in the CPU cache for the next step

column_letter = limits.column_name
Span = tuple[tuple[int, int], tuple[int, int]]  # a merged range, calamine-style: ((r0, c0), (r1, c1)), 0-based


@dataclass
class Grid:
    file: str  # the file as shown in messages (`display_name`)
    sheet: str | None  # sheet name; None for CSV
    rows: list[list[object]]  # cell values, None for empty; row 0 = spreadsheet row 1


class EmptySheet(BadFile):
    """The sheet (or CSV file) has no non-empty cell."""


class _GcPause:
    """State of `gc_paused`, shared by nested and concurrent uses."""

    lock = threading.Lock()
    depth = 0
    was_on = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection inside (reading a sheet makes nothing cyclic).

    A sheet of 100,000 rows makes hundreds of thousands of lists and objects; the collector, left on,
    walks all of them (and everything else alive) several times over while they are made, long after
    they left the CPU cache, which costs more than reading them. Inside, `gc_settle` after each chunk
    of rows walks just that chunk, once, while it is still cached, and moves it to the oldest generation.
    Nests; the collector is turned back on only if it was on."""
    with _GcPause.lock:
        outer = _GcPause.depth == 0
        if outer:
            _GcPause.was_on = gc.isenabled()
            gc.disable()
        _GcPause.depth += 1
    try:
        yield
    finally:
        with _GcPause.lock:
            _GcPause.depth -= 1
            turn_on = outer and _GcPause.was_on
        if turn_on:
            _collect_young()
            gc.enable()


def gc_settle() -> None:
    """Inside `gc_paused`: the collection of the young objects that is due, now (see `gc_paused`)."""
    if _GcPause.depth and _GcPause.was_on:
        _collect_young()


def _collect_young() -> None:
    if gc.get_count()[0] > gc.get_threshold()[0]:
        gc.collect(1)  # generations 0 and 1: what was made since the last one goes to the oldest


def where(file: str, sheet: str | None) -> str:
    """The location prefix of a message: the file, and the sheet when there is one."""
    if sheet is None:
        return t("sheets.where.file", file=file)
    return t("sheets.where.sheet", file=file, sheet=sheet)


def has_value(rows: list[list[object]]) -> bool:
    """Is any cell neither empty nor blank text?"""
    for row in rows:
        for v in row:
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return True
    return False


# --------------------------------------------------------------------------------------------------
# Sheets as streams of rows


class SheetRows(Protocol):
    """The rows of one sheet: ``chunks()`` yields (0-based index of the first row, rows), each call a new
    pass from the top; ``percent_cells(column)`` tells which cells of a column are percentage-formatted
    (None when the format cannot be read: xls, CSV, a grid in memory)."""

    file: str
    sheet: str | None
    format: str

    def chunks(self) -> Iterator[tuple[int, list[list[object]]]]:
        raise NotImplementedError

    def percent_cells(self, column: int) -> PercentCells | None:
        return None


class GridRows(SheetRows):
    """A Grid already in memory, as a stream (what `rows.parse_grid` reads)."""

    format = "grid"

    def __init__(self, grid: Grid) -> None:
        self.file, self.sheet, self.grid = grid.file, grid.sheet, grid

    def chunks(self) -> Iterator[tuple[int, list[list[object]]]]:
        rows = self.grid.rows
        for start in range(0, len(rows), _CHUNK):
            yield start, rows[start : start + _CHUNK]


class _CalamineRows(SheetRows):
    """A calamine sheet, converted a chunk of rows at a time: "" -> None, merged ranges filled, error cells
    put back, the column cap checked."""

    sheet: str  # always a named sheet

    def __init__(
        self, book: Workbook, name: str, sheet: pc.CalamineSheet, merged: list[Span], errors: list[tuple[int, int, str]]
    ) -> None:
        self.book, self.file, self.sheet, self.format = book, book.file, name, book.format
        self._sheet = sheet
        self._merged = sorted(merged)
        _check_merged_area(self._merged, sheet, where(book.file, name))
        self._errors: dict[int, list[tuple[int, str]]] = {}
        for r, c, text in errors:
            self._errors.setdefault(r, []).append((c, text))

    def chunks(self) -> Iterator[tuple[int, list[list[object]]]]:
        start = self._sheet.start if self._sheet.height else None
        top, left = start if start is not None else (0, 0)
        merges = _Merges(self._merged)
        loc = where(self.file, self.sheet)
        if left >= MAX_COLUMNS:  # every value lies beyond the cap: refuse before building a row that wide
            raise BadFile(t("sheets.too_many_columns", where=loc, row=top + 1, count=left + 1, max=MAX_COLUMNS))
        # Each row is ours to change in place ("" -> None, merged cells filled): cells of any kind, not only
        # calamine's.
        rows_in = cast("Iterator[list[object]]", iter(self._sheet.iter_rows()))
        first = 0
        while True:
            try:
                rows = list(islice(rows_in, _CHUNK))
            except (pc.CalamineError, OSError, ValueError) as exc:
                raise BadFile(t("sheets.unreadable_sheet", where=loc, error=_one_line(exc))) from None
            if not rows:
                return
            _blank_to_none(rows, left)
            merges.fill(first, rows)
            if self._errors:
                _put_error_values(first, rows, self._errors)
            if max(map(len, rows)) > MAX_COLUMNS:
                for i, row in enumerate(rows):
                    if len(row) > MAX_COLUMNS:
                        rows[i] = cap_width(row, first + i + 1, loc)
            yield first, rows
            first += len(rows)

    def percent_cells(self, column: int) -> PercentCells | None:
        return self.book.percent_cells(self.sheet, column)


def _blank_to_none(rows: list[list[object]], left: int) -> None:
    """calamine gives "" for an empty cell: make it None, in place (``in``/``index`` are the fast scans);
    a sheet starting right of column A gets its empty columns back."""
    pad = [None] * left
    for i, row in enumerate(rows):
        if "" in row:
            if row.count("") == 1:
                row[row.index("")] = None
            else:
                row[:] = [None if v == "" else v for v in row]
        if left:
            rows[i] = pad + row


def _check_merged_area(ranges: list[Span], sheet: pc.CalamineSheet, loc: str) -> None:
    """Excel's merged ranges never overlap, so together they cover at most the sheet: ranges covering more
    (each filled cell by cell) are refused before any is filled."""
    if not ranges or not sheet.height:
        return
    start, end = sheet.start, sheet.end
    if start is None or end is None:  # calamine gives both for a sheet with cells
        return
    (top, left), (bottom, right) = start, end
    area = 0
    for (r0, c0), (r1, c1) in ranges:
        rows = min(r1, bottom) - max(r0, top) + 1
        columns = min(c1, right, MAX_COLUMNS - 1) - max(c0, left) + 1
        area += max(rows, 0) * max(columns, 0)
    if area > limits.MAX_SHEET_CELLS:
        raise BadFile(t("sheets.merged_too_large", where=loc, cells=f"{area:,}", max=f"{limits.MAX_SHEET_CELLS:,}"))


class _Merges:
    """Merged ranges applied as rows stream past: each range's top-left value fills the range."""

    def __init__(self, ranges: list[Span]) -> None:
        self.waiting = deque(r for r in ranges if r[0][0] >= 0 and r[0][1] >= 0)  # sorted by first row
        self.active: list[list] = []  # [r0, c0, r1, c1, value]

    def fill(self, first: int, rows: list[list[object]]) -> None:
        last = first + len(rows) - 1
        while self.waiting and self.waiting[0][0][0] <= last:
            (r0, c0), (r1, c1) = self.waiting.popleft()
            self.active.append([r0, c0, r1, c1, None])
        for span in self.active:
            r0, c0, r1, c1, _ = span
            for r in range(max(r0, first), min(r1, last) + 1):
                row = rows[r - first]
                if r == r0:
                    span[4] = row[c0] if c0 < len(row) else None
                if span[4] is not None:
                    for c in range(c0, min(c1, len(row) - 1) + 1):
                        row[c] = span[4]
        self.active = [span for span in self.active if span[2] > last]


def _put_error_values(first: int, rows: list[list[object]], errors: dict[int, list[tuple[int, str]]]) -> None:
    for r in range(first, first + len(rows)):
        for c, text in errors.get(r, ()):
            row = rows[r - first]
            if 0 <= c < MAX_COLUMNS:
                if c >= len(row):
                    row.extend([None] * (c + 1 - len(row)))
                if row[c] is None:
                    row[c] = text


# --------------------------------------------------------------------------------------------------
# Opening


class Workbook:
    """An opened spreadsheet file. `sheet_names` is empty for delimited text (which has one unnamed sheet).

    Use `rows(name)` (or `grid(name)`) for each sheet wanted; `close()` (or a ``with`` block) releases it.
    """

    def __init__(self, path: Path, file: str, fmt: str, encoding: str | None = None) -> None:
        self.path = path
        self.file = file
        self.format = fmt  # "xlsx" (also xlsm), "xls", "ods" or "csv"
        self.encoding = encoding
        self._book: pc.CalamineWorkbook | None = None
        self._zip: zipfile.ZipFile | None = None
        self._sheet_members: dict[str, str] | None = None
        self._ods_tables: dict[str, odsscan.TableScan] = {}
        self.sheet_names: list[str] = []
        self.hidden_sheets: set[str] = set()
        if fmt != "csv":
            self._open_calamine()

    # -- lifecycle
    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._book is not None:
            with contextlib.suppress(pc.CalamineError):
                self._book.close()
            self._book = None
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    # -- calamine
    def _open_calamine(self) -> None:
        if self.format in ("xlsx", "ods"):
            self._check_zip()
        if self.format == "ods":  # calamine reads every table of an ods when it opens it: scan them first
            assert self._zip is not None  # opened by _check_zip
            self._ods_tables = odsscan.scan_tables(
                str(self.path), self._zip, self.file, lambda name: where(self.file, name)
            )
        elif self.format == "xls":  # ... and every sheet of an xls
            xlsscan.check_book(str(self.path), self.file, lambda name: where(self.file, name))
        ext = self.path.suffix.lower()
        matches = (self.format == "xlsx" and ext in (".xlsx", ".xlsm")) or ext == "." + self.format
        try:
            if matches:
                self._book = pc.CalamineWorkbook.from_path(str(self.path))
            else:  # content and extension disagree: let calamine go by the content
                with open(self.path, "rb") as fh:
                    self._book = pc.CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
            self.sheet_names = list(self._book.sheet_names)
            self.hidden_sheets = {
                m.name for m in self._book.sheets_metadata if m.visible != pc.SheetVisibleEnum.Visible
            }
        except pc.PasswordError:
            raise BadFile(t("sheets.encrypted", file=self.file)) from None
        except pc.ZipError as exc:
            raise BadFile(t("sheets.corrupt_zip", file=self.file, error=_one_line(exc))) from None
        except (pc.CalamineError, OSError, ValueError) as exc:
            raise BadFile(t("sheets.unreadable_book", file=self.file, error=_one_line(exc))) from None
        if not self.sheet_names:
            raise EmptySheet(t("sheets.no_sheets", file=self.file))

    def _check_zip(self) -> None:
        """Before calamine opens the zip: its directory, then the size of every small XML part calamine
        reads whole (shared strings, styles, workbook); sheets are scanned when read."""
        try:
            self._zip = zipfile.ZipFile(self.path)
            limits.check_zip_directory(self._zip, self.file)
            for name in self._zip.namelist():
                lowered = name.lower()
                if lowered.endswith("sharedstrings.xml"):
                    xlsxscan.check_shared_strings(str(self.path), self._zip, name, self.file)
                elif lowered.endswith((".xml", ".rels")) and not lowered.startswith(("xl/worksheets/", "content.xml")):
                    limits.check_whole_part(str(self.path), self._zip, name, self.file)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise BadFile(t("sheets.corrupt_zip", file=self.file, error=_one_line(exc))) from None

    def rows(self, sheet: str | None = None) -> SheetRows:
        """The named sheet (the first sheet if None) as a stream of rows. Raises BadFile."""
        if self.format == "csv":
            if sheet is not None:
                raise BadFile(t("sheets.csv_has_no_sheets", file=self.file, sheet=sheet))
            return CsvRows(self.path, self.file, self.encoding)
        if sheet is None:
            sheet = self.sheet_names[0]
        elif sheet not in self.sheet_names:
            raise BadFile(t("sheets.no_such_sheet", file=self.file, sheet=sheet, sheets=i18n.join(self.sheet_names)))
        return self._calamine_rows(sheet)

    def grid(self, sheet: str | None = None) -> Grid:
        """The named sheet (the first sheet if None) as a Grid. Raises BadFile / EmptySheet."""
        with gc_paused():
            source = self.rows(sheet)
            rows: list[list[object]] = []
            for _, chunk in source.chunks():
                rows += chunk
            if not has_value(rows):
                if source.format == "csv":
                    raise EmptySheet(t("sheets.no_data", file=self.file))
                raise EmptySheet(t("sheets.empty_sheet", where=where(self.file, source.sheet)))
            return Grid(file=self.file, sheet=source.sheet, rows=rows)

    def _calamine_rows(self, name: str) -> SheetRows:
        if self._book is None:
            raise BadFile(t("sheets.unreadable_book", file=self.file, error="closed"))
        loc = where(self.file, name)
        member = self._sheet_member(name) if self.format == "xlsx" else None
        merged = None
        cells = xlsxscan.CellScan()
        scan = None
        if member is not None:
            xlsxscan.check_reach(str(self.path), self._zip, member, self.file, loc)  # type: ignore[arg-type]
            # The formula scan inflates the sheet XML again; calamine releases the GIL while it parses, so the
            # two run side by side.
            scan = threading.Thread(target=self._scan_cells, args=(member, loc, cells), daemon=True)
            scan.start()
        elif self.format == "ods":
            merged = self._ods_tables[name].merged if name in self._ods_tables else []
        try:
            try:
                cal_sheet = self._book.get_sheet_by_name(name)
                if merged is None:
                    merged = cal_sheet.merged_cell_ranges
            finally:
                if scan is not None:
                    scan.join()
        except pc.PasswordError:
            raise BadFile(t("sheets.encrypted", file=self.file)) from None
        except (pc.CalamineError, OSError, ValueError) as exc:
            raise BadFile(t("sheets.unreadable_sheet", where=loc, error=_one_line(exc))) from None
        if cells.uncached:
            raise BadFile(t("sheets.uncached_formula", where=loc, cell=cells.uncached))
        return _CalamineRows(self, name, cal_sheet, merged or [], cells.errors)

    def _scan_cells(self, member: str, loc: str, out: xlsxscan.CellScan) -> None:
        """Runs in a thread: never raises; a scan that cannot be done is skipped (check_reach read the
        same bytes, and calamine reads the file)."""
        try:
            found = xlsxscan.scan_cells(str(self.path), self._zip, member, self.file, loc)  # type: ignore[arg-type]
        except Exception:  # pragma: no cover - defensive: the scan is advisory only
            return
        out.uncached, out.errors = found.uncached, found.errors

    def _sheet_member(self, name: str) -> str | None:
        if self._sheet_members is None:
            try:
                self._sheet_members = xlsxscan.sheet_paths(self._zip)  # type: ignore[arg-type]
            except Exception:  # an unusual workbook.xml: calamine read it; scan nothing rather than fail
                self._sheet_members = {}
        return self._sheet_members.get(name)

    def percent_cells(self, name: str, column: int) -> PercentCells | None:
        """Which cells of a column of the sheet are percentage-formatted; None for xls (not read)."""
        if self.format == "xlsx":
            member = self._sheet_member(name)
            if member is None:
                return None
            return formats.xlsx_percent_cells(str(self.path), self._zip, member, column, self.file)  # type: ignore[arg-type]
        if self.format == "ods":
            return formats.ods_percent_cells(str(self.path), self._zip, name, column, self.file)  # type: ignore[arg-type]
        return None


def open_workbook(path: Path | str, encoding: str | None = None) -> Workbook:
    """Open a spreadsheet or delimited-text file, checking that it exists and what it contains."""
    path = Path(path)
    file = display_name(path)
    if encoding is not None:
        encoding = _check_encoding(encoding)
    ext = path.suffix.lower()
    _check_regular_file(path, file)
    if ext not in SUPPORTED_EXTENSIONS:
        raise BadFile(t("sheets.unsupported_ext", file=file, ext=display_name(path.suffix) or t("sheets.no_ext")))
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
        size = path.stat().st_size
    except OSError as exc:
        raise BadFile(t("sheets.unreadable", file=file, error=_one_line(exc))) from None
    if size == 0:
        raise EmptySheet(t("sheets.empty_file", file=file))

    if ext in TEXT_EXTENSIONS:
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
            raise BadFile(t("sheets.workbook_as_text", file=file, ext=path.suffix))
        return Workbook(path, file, "csv", encoding)

    fmt = _sniff_workbook(path, file, head, ext)
    return Workbook(path, file, fmt)


def _check_regular_file(path: Path, file: str) -> None:
    """Missing, a directory, or not a regular file (a FIFO, a device, a socket): refused before opening it,
    since opening a FIFO waits for a writer forever."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise BadFile(t("sheets.missing", file=file)) from None
    except OSError as exc:
        raise BadFile(t("sheets.unreadable", file=file, error=_one_line(exc))) from None
    if stat.S_ISDIR(mode):
        raise BadFile(t("sheets.is_dir", file=file))
    if not stat.S_ISREG(mode):
        kind = "fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
        raise BadFile(t("sheets.not_regular", file=file, kind=t(f"sheets.kind.{kind}")))


def sheet_names(path: Path | str) -> list[str]:
    """The sheet names of a workbook, in workbook order ([] for delimited text)."""
    with open_workbook(path) as book:
        return list(book.sheet_names)


def read_grid(path: Path | str, sheet: str | None = None, encoding: str | None = None) -> Grid:
    """The named sheet, else the first sheet, of a spreadsheet file (or the rows of a CSV) as a Grid."""
    with open_workbook(path, encoding) as book:
        return book.grid(sheet)


# --------------------------------------------------------------------------------------------------
# Content sniffing


_MAGIC_KINDS = (
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)


def _sniff_workbook(path: Path, file: str, head: bytes, ext: str) -> str:
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                limits.check_zip_directory(zf, file)
                names = {n.lower() for n in zf.namelist()}
                mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise BadFile(t("sheets.corrupt_zip", file=file, error=_one_line(exc))) from None
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                raise BadFile(t("sheets.not_spreadsheet_kind", file=file, ext=ext, kind=t("sheets.kind.xlsb")))
            return "xlsx"
        if b"opendocument.spreadsheet" in mimetype or (not mimetype and "content.xml" in names):
            return "ods"
        if "word/document.xml" in names:
            kind = t("sheets.kind.docx")
        elif "ppt/presentation.xml" in names:
            kind = t("sheets.kind.pptx")
        else:
            kind = t("sheets.kind.zip")
        raise BadFile(t("sheets.not_spreadsheet_kind", file=file, ext=ext, kind=kind))
    if head.startswith(_OLE_MAGIC):
        # The CFB directory of an encrypted OOXML package names its "EncryptedPackage" stream; directory
        # sectors sit near the start in the files Office writes, but scan it all, a block at a time.
        if _file_contains(path, file, _ENCRYPTED_PACKAGE):
            raise BadFile(t("sheets.encrypted", file=file))
        return "xls"
    for magic, kind in _MAGIC_KINDS:
        if head.startswith(magic):
            raise BadFile(t("sheets.not_spreadsheet_kind", file=file, ext=ext, kind=t(f"sheets.kind.{kind}")))
    try:
        with open(path, "rb") as fh:
            sample = fh.read(4096)
    except OSError:
        sample = head
    lowered = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta")):
        raise BadFile(t("sheets.html_as_workbook", file=file, ext=ext))
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
            is_text = True
        except UnicodeDecodeError as exc:
            is_text = exc.start > len(sample) - 4  # cut in the middle of a character
            if not is_text:
                try:
                    sample.decode("gb18030")
                    is_text = True
                except UnicodeDecodeError:
                    is_text = False
        if is_text:
            raise BadFile(t("sheets.text_as_workbook", file=file, ext=ext))
    raise BadFile(t("sheets.not_spreadsheet", file=file, ext=ext))


def _file_contains(path: Path, file: str, needle: bytes) -> bool:
    overlap = len(needle) - 1
    tail = b""
    try:
        with open(path, "rb") as fh:
            while block := fh.read(limits.BLOCK):
                if needle in tail + block:
                    return True
                tail = block[-overlap:]
    except OSError as exc:
        raise BadFile(t("sheets.unreadable", file=file, error=_one_line(exc))) from None
    return False


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


def _check_encoding(encoding: str) -> str:
    """The codec's own name; refused unless it is one that turns bytes into text (not rot13, hex, zlib ...)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise BadValue(t("sheets.unknown_encoding", encoding=encoding)) from None
    if not getattr(info, "_is_text_encoding", True):  # what bytes.decode() itself checks
        raise BadValue(t("sheets.not_text_encoding", encoding=encoding))
    return info.name
