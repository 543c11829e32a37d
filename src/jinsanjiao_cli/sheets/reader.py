"""Bytes on disk -> a grid of typed cell values.

Formats (chosen by content first, extension second):

* ``.xlsx``/``.xlsm``, ``.xls`` and ``.ods`` are read with python-calamine. A workbook whose content does
  not match its extension (an xls saved as ``.xlsx``) is read by its content.
* ``.csv``, ``.tsv`` and ``.txt`` are delimited text. Encoding: UTF-8 (with or without BOM), else GB18030
  (a superset of GBK, the default of Chinese Excel), each tried strictly; a UTF-16 BOM (Excel's "Unicode
  text") is honoured; ``encoding=`` overrides the detection. Delimiter: comma, unless tabs or semicolons
  are clearly what separates the fields of the first lines (an Excel ``sep=X`` first line is obeyed and
  dropped). CSV cells are always text (``str``) or None.

Cells: ``str``, ``int``, ``float``, ``bool``, ``datetime.date``/``datetime.datetime`` (calamine also yields
``datetime.time``/``timedelta`` for time-formatted cells), or None for an empty cell. Whole numbers from
xlsx/ods come back as floats (``1.0``; xls gives ints). Row 0 of the grid is spreadsheet row 1 and column 0
is column A, whatever is empty around the data. Rows may have different lengths (always so in a CSV): a
cell past the end of its row is empty. An xlsx error cell (``#DIV/0!``, ``#N/A`` ...), which calamine reads
as empty, comes back as its error text, so a parser reports it instead of taking it for a blank.

Merged cells: every cell of a merged range gets the range's top-left value, so a task number merged over
its units' rows comes out on every row. calamine's ``merged_cell_ranges`` provides the ranges for xlsx/xlsm
and xls; for ods it returns None, so the ranges are read from ``content.xml`` (``table:number-rows-spanned``
/ ``number-columns-spanned``). A CSV has no merges: a value "merged" in Excel is exported on the first row
only.

Sheet choice: `read_grid` returns the named sheet, else the first sheet of the workbook (hidden or not).
Finding "the first sheet that has a report header" is the parser's job (`rows.read_report`), which uses
`open_workbook` so the file is opened once. `sheet_names` lists a workbook's sheets; it is [] for delimited
text, whose one sheet is read with ``sheet=None`` (naming a sheet for a CSV is a BadFile).

Everything that can go wrong with the file raises `BadFile` with one line naming the file (and the sheet or
row): missing file, unsupported extension, not a spreadsheet, damaged zip, password protection, unknown
sheet, empty sheet (`EmptySheet`, a `BadFile`), NUL bytes or undecodable bytes in a CSV, a row wider than
`MAX_COLUMNS`, and xlsx formulas saved without their computed values. An unknown ``encoding`` name is a
`BadValue`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import python_calamine as pc

from .. import i18n
from ..errors import BadFile, BadValue
from ..i18n import t
from . import messages  # noqa: F401  (registers the catalogue)

MAX_COLUMNS = 500
"""A row with a non-empty cell beyond this many columns is refused (it is nearly always a stray cell)."""

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
SUPPORTED_EXTENSIONS = WORKBOOK_EXTENSIONS + TEXT_EXTENSIONS

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_CSV_FIELD_LIMIT = 1 << 24
_CHUNK = 2048  # rows handled at a time, so that they are still in the CPU cache for the next step


@dataclass
class Grid:
    file: str  # path as given
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


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def where(file: str, sheet: str | None) -> str:
    """The location prefix of a message: the file, and the sheet when there is one."""
    if sheet is None:
        return t("sheets.where.file", file=file)
    return t("sheets.where.sheet", file=file, sheet=sheet)


# --------------------------------------------------------------------------------------------------
# Opening


class Workbook:
    """An opened spreadsheet file. `sheet_names` is empty for delimited text (which has one unnamed sheet).

    Use `grid(name)` for each sheet wanted; `close()` (or a ``with`` block) releases the file.
    """

    def __init__(self, path: Path, file: str, fmt: str, encoding: str | None = None) -> None:
        self.path = path
        self.file = file
        self.format = fmt  # "xlsx" (also xlsm), "xls", "ods" or "csv"
        self.encoding = encoding
        self._book: pc.CalamineWorkbook | None = None
        self._zip_sheet_paths: dict[str, str] | None = None
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

    # -- calamine
    def _open_calamine(self) -> None:
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

    def grid(self, sheet: str | None = None) -> Grid:
        """The named sheet (the first sheet if None) as a Grid. Raises BadFile / EmptySheet."""
        with gc_paused():
            return self._grid(sheet)

    def _grid(self, sheet: str | None) -> Grid:
        if self.format == "csv":
            if sheet is not None:
                raise BadFile(t("sheets.csv_has_no_sheets", file=self.file, sheet=sheet))
            return _read_csv(self.path, self.file, self.encoding)
        if sheet is None:
            sheet = self.sheet_names[0]
        elif sheet not in self.sheet_names:
            raise BadFile(t("sheets.no_such_sheet", file=self.file, sheet=sheet, sheets=i18n.join(self.sheet_names)))
        return self._read_sheet(sheet)

    def _read_sheet(self, name: str) -> Grid:
        if self._book is None:
            raise BadFile(t("sheets.unreadable_book", file=self.file, error="closed"))
        loc = where(self.file, name)
        scan: dict[str, object] = {}
        thread = None
        if self.format == "xlsx":
            # The formula scan decompresses the sheet XML again; calamine releases the GIL while it parses,
            # so the two run side by side.
            thread = threading.Thread(target=self._scan_xlsx_sheet, args=(name, scan), daemon=True)
            thread.start()
        try:
            try:
                cal_sheet = self._book.get_sheet_by_name(name)
                raw = cal_sheet.to_python(skip_empty_area=False)
                merged = cal_sheet.merged_cell_ranges
            finally:
                if thread is not None:
                    thread.join()
        except pc.PasswordError:
            raise BadFile(t("sheets.encrypted", file=self.file)) from None
        except (pc.CalamineError, OSError, ValueError) as exc:
            raise BadFile(t("sheets.unreadable_sheet", where=loc, error=_one_line(exc))) from None

        uncached = scan.get("uncached")
        if uncached:
            raise BadFile(t("sheets.uncached_formula", where=loc, cell=uncached))

        rows = _blank_to_none(raw)
        if self.format == "ods" and merged is None:
            merged = self._ods_merged_ranges(name)
        if merged:
            _fill_merged(rows, merged)
        errors = scan.get("errors")
        if errors:
            _put_error_values(rows, errors)  # type: ignore[arg-type]
        rows = _check_width(rows, loc)
        if not _has_value(rows):
            raise EmptySheet(t("sheets.empty_sheet", where=loc))
        return Grid(file=self.file, sheet=name, rows=rows)

    # -- xlsx: formulas without cached values, error cells
    def _sheet_xml_path(self, zf: zipfile.ZipFile, name: str) -> str | None:
        if self._zip_sheet_paths is None:
            self._zip_sheet_paths = _xlsx_sheet_paths(zf)
        return self._zip_sheet_paths.get(name)

    def _scan_xlsx_sheet(self, name: str, out: dict[str, object]) -> None:
        """Runs in a thread: never raises; a scan that cannot be done is skipped (calamine read the file)."""
        try:
            with zipfile.ZipFile(self.path) as zf:
                member = self._sheet_xml_path(zf, name)
                if member is None:
                    return
                data = zf.read(member)
            out["uncached"] = _first_uncached_formula(data)
            out["errors"] = _error_cells(data)
        except Exception:  # pragma: no cover - defensive: the scan is advisory only
            return

    # -- ods: merged ranges
    def _ods_merged_ranges(self, name: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        try:
            with zipfile.ZipFile(self.path) as zf:
                data = zf.read("content.xml")
        except (OSError, KeyError, zipfile.BadZipFile):
            return []
        if b"-spanned=" not in data:
            return []
        try:
            return _ods_spans(data, name)
        except (ElementTree.ParseError, ValueError):
            return []


def open_workbook(path: Path | str, encoding: str | None = None) -> Workbook:
    """Open a spreadsheet or delimited-text file, checking that it exists and what it contains."""
    path = Path(path)
    file = str(path)
    if encoding is not None:
        encoding = _check_encoding(encoding)
    if not path.exists():
        raise BadFile(t("sheets.missing", file=file))
    if path.is_dir():
        raise BadFile(t("sheets.is_dir", file=file))
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise BadFile(t("sheets.unsupported_ext", file=file, ext=path.suffix or t("sheets.no_ext")))
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
        try:
            with open(path, "rb") as fh:
                # The CFB directory of an encrypted OOXML package names its "EncryptedPackage" stream;
                # directory sectors sit near the start in the files Office writes, but scan it all (cheap).
                blob = fh.read()
        except OSError as exc:
            raise BadFile(t("sheets.unreadable", file=file, error=_one_line(exc))) from None
        if _ENCRYPTED_PACKAGE in blob:
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


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


def _check_encoding(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise BadValue(t("sheets.unknown_encoding", encoding=encoding)) from None


# --------------------------------------------------------------------------------------------------
# Grid post-processing


def _blank_to_none(rows: list[list[object]]) -> list[list[object]]:
    """calamine gives "" for an empty cell: make it None, in place (``in``/``index`` are the fast scans)."""
    for start in range(0, len(rows), _CHUNK):
        for row in rows[start : start + _CHUNK]:
            if "" in row:
                if row.count("") == 1:
                    row[row.index("")] = None
                else:
                    row[:] = [None if v == "" else v for v in row]
        gc_settle()
    return rows


def _fill_merged(rows: list[list[object]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    nrows = len(rows)
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= nrows or r0 < 0 or c0 < 0:
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else None
        if value is None:
            continue
        for r in range(r0, min(r1, nrows - 1) + 1):
            row = rows[r]
            stop = min(c1, len(row) - 1)
            for c in range(c0, stop + 1):
                row[c] = value


def _put_error_values(rows: list[list[object]], errors: list[tuple[int, int, str]]) -> None:
    for r, c, text in errors:
        if 0 <= r < len(rows) and 0 <= c < MAX_COLUMNS:
            row = rows[r]
            if c >= len(row):
                row.extend([None] * (c + 1 - len(row)))
            if row[c] is None:
                row[c] = text


def _check_width(rows: list[list[object]], loc: str) -> list[list[object]]:
    width = max((len(row) for row in rows), default=0)
    if width <= MAX_COLUMNS:
        return rows
    for i, row in enumerate(rows):
        if len(row) > MAX_COLUMNS:
            last = _last_value_index(row)
            if last >= MAX_COLUMNS:
                raise BadFile(t("sheets.too_many_columns", where=loc, row=i + 1, count=last + 1, max=MAX_COLUMNS))
    return [row[:MAX_COLUMNS] if len(row) > MAX_COLUMNS else row for row in rows]


def _last_value_index(row: list[object]) -> int:
    for i in range(len(row) - 1, -1, -1):
        if row[i] is not None:
            return i
    return -1


def _has_value(rows: list[list[object]]) -> bool:
    for row in rows:
        for v in row:
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return True
    return False


# --------------------------------------------------------------------------------------------------
# xlsx XML scans


_FORMULA_NO_VALUE = re.compile(
    rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>)"  # a formula element...
    rb"(?!\s*<(?:\w+:)?v(?:\s[^>]*)?>[^<])"  # ...not followed by a non-empty cached <v>
)
_CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3}[0-9]+)"')
_CELL_TYPE = re.compile(rb'\st="([a-zA-Z]+)"')
_EMPTY_V = re.compile(rb"\s*<(?:\w+:)?v(?:\s[^>]*)?(?:/>|>\s*</(?:\w+:)?v>)")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_A1 = re.compile(r"([A-Za-z]{1,3})([0-9]+)")


_PREFIX = re.compile(rb"<(\w+:)?worksheet[\s>]")


def _has_formula(data: bytes) -> bool:
    """Cheap pre-check: is there any <f ...> element at all (with the document's namespace prefix)?"""
    m = _PREFIX.search(data, 0, 4096)
    probe = b"<" + (m.group(1) or b"" if m else b"") + b"f"
    pos = data.find(probe)
    while pos >= 0:
        if data[pos + len(probe) : pos + len(probe) + 1] in (b">", b"/", b" ", b"\t", b"\r", b"\n"):
            return True
        pos = data.find(probe, pos + 1)
    return False


def _cell_tag_before(data: bytes, pos: int) -> bytes:
    """The opening tag of the cell whose child starts at pos (the last '<...c ...>' before pos)."""
    start = data.rfind(b"<", 0, pos)
    return data[start:pos] if start >= 0 else b""


def _first_uncached_formula(data: bytes) -> str | None:
    if not _has_formula(data):
        return None
    pos = 0
    while True:
        m = _FORMULA_NO_VALUE.search(data, pos)
        if m is None:
            return None
        tag = _cell_tag_before(data, m.start())
        ctype = _CELL_TYPE.search(tag)
        if ctype and ctype.group(1) == b"str" and _EMPTY_V.match(data, m.end()):
            pos = m.end()  # a formula whose cached result is the empty string
            continue
        ref = _CELL_REF.search(tag)
        return ref.group(1).decode("ascii").upper() if ref else "?"


def _error_cells(data: bytes) -> list[tuple[int, int, str]]:
    """(row, col, text) of cells of type "e" (#DIV/0!, #N/A ...), which calamine reads as empty."""
    found: list[tuple[int, int, str]] = []
    pos = data.find(b't="e"')
    while pos >= 0:
        start = data.rfind(b"<", 0, pos)
        tag_end = data.find(b">", pos)
        if start >= 0 and tag_end > 0 and data[tag_end - 1 : tag_end] != b"/":
            ref = _CELL_REF.search(data, start, tag_end)
            cell_end = data.find(b"c>", tag_end)
            value = _ERROR_VALUE.search(data, tag_end, cell_end if cell_end >= 0 else len(data))
            if ref and value:
                r, c = _a1_to_index(ref.group(1).decode("ascii"))
                found.append((r, c, value.group(1).decode("utf-8", "replace")))
        pos = data.find(b't="e"', pos + 5)
    return found


def _a1_to_index(ref: str) -> tuple[int, int]:
    m = _A1.fullmatch(ref)
    if not m:
        return (-1, -1)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xlsx_sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> zip member of its XML, from xl/workbook.xml and its relationships."""
    names = {n.lower(): n for n in zf.namelist()}
    wb_member = names.get("xl/workbook.xml")
    rels_member = names.get("xl/_rels/workbook.xml.rels")
    if wb_member is None or rels_member is None:
        return {}
    targets: dict[str, str] = {}
    for el in ElementTree.fromstring(zf.read(rels_member)).iter():
        if _local(el.tag) == "Relationship" and el.get("Id") and el.get("Target"):
            targets[el.get("Id", "")] = el.get("Target", "")
    result: dict[str, str] = {}
    for el in ElementTree.fromstring(zf.read(wb_member)).iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid or "")
        if not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts: list[str] = []
        for part in member.split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        real = names.get("/".join(parts).lower())
        if real is not None:
            result[el.get("name", "")] = real
    return result


# --------------------------------------------------------------------------------------------------
# ods merged ranges

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = "{" + _TABLE_NS + "}"


def _ods_spans(data: bytes, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The merged ranges of one table of an ODS content.xml, as calamine-style ((r0, c0), (r1, c1))."""
    table, row_tag = _T + "table", _T + "table-row"
    cell_tags = (_T + "table-cell", _T + "covered-table-cell")
    ranges: list[tuple[tuple[int, int], tuple[int, int]]] = []
    in_table = False
    nested = 0  # >0 while inside a cell (anything nested in a cell is not part of the grid)
    row = col = 0
    for event, el in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = el.tag
        if tag == table and nested == 0:
            if event == "start":
                in_table = el.get(_T + "name") == sheet
                row = 0
            elif in_table:
                break
            continue
        if not in_table:
            if event == "end" and tag == row_tag:
                el.clear()
            continue
        if tag in cell_tags:
            if event == "start":
                if nested == 0:
                    rows_span = int(el.get(_T + "number-rows-spanned") or 1)
                    cols_span = int(el.get(_T + "number-columns-spanned") or 1)
                    if tag == cell_tags[0] and (rows_span > 1 or cols_span > 1):
                        ranges.append(((row, col), (row + rows_span - 1, col + cols_span - 1)))
                    col += int(el.get(_T + "number-columns-repeated") or 1)
                nested += 1
            else:
                nested -= 1
        elif tag == row_tag and nested == 0:
            if event == "start":
                col = 0
            else:
                row += int(el.get(_T + "number-rows-repeated") or 1)
                el.clear()
    return ranges


# --------------------------------------------------------------------------------------------------
# Delimited text


_PLAIN_DELIMITERS = (",", "\t", ";")


def _read_csv(path: Path, file: str, encoding: str | None) -> Grid:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadFile(t("sheets.unreadable", file=file, error=_one_line(exc))) from None
    if not data:
        raise EmptySheet(t("sheets.empty_file", file=file))
    text = _decode(data, file, encoding)
    del data
    if text.startswith("\ufeff"):
        text = text[1:]

    lines = _head(text, 31).split("\n", 31)
    delimiter = None
    first = lines[0].strip()
    if len(first) == 5 and first.lower().startswith("sep="):
        delimiter = first[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    if delimiter is None:
        delimiter = _sniff_delimiter(lines[:30], path.suffix.lower())

    rows: list[list[object]] = []
    if delimiter in _PLAIN_DELIMITERS and '"' not in text and "\x00" not in text and len(text) < _CSV_FIELD_LIMIT:
        # No quote anywhere: every line splits at the delimiter, exactly as the csv module would split it
        # (and faster: tests/test_sheets_reader.py compares the two).
        plain = _split_lines(text)
        del text
        for start in range(0, len(plain), _CHUNK):
            chunk = [line.split(delimiter) if line else [] for line in plain[start : start + _CHUNK]]
            _add_records(rows, chunk, file)  # type: ignore[arg-type]
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        del text
        old_limit = csv.field_size_limit()
        csv.field_size_limit(_CSV_FIELD_LIMIT)
        try:
            while True:
                chunk = []
                error = None
                try:
                    chunk.extend(islice(reader, _CHUNK))  # keeps the records read before an error
                except csv.Error as exc:
                    error = exc
                _add_records(rows, chunk, file)  # a record too wide comes before the error after it
                if error is not None:
                    line = reader.line_num
                    raise BadFile(t("sheets.bad_csv", file=file, line=line, error=_one_line(error))) from None
                if len(chunk) < _CHUNK:
                    break
        finally:
            csv.field_size_limit(old_limit)
    if not _has_value(rows):
        raise EmptySheet(t("sheets.no_data", file=file))
    return Grid(file=file, sheet=None, rows=rows)


def _head(text: str, lines: int) -> str:
    """The text up to its `lines`-th newline (all of it if it has fewer), without copying the rest."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[:end]


def _split_lines(text: str) -> list[str]:
    """The lines of the text, as ``io.StringIO(text, newline="")`` yields them, without their line ends."""
    if "\r" not in text:
        lines = text.split("\n")
    else:
        lines = text.split("\r\n")
        breaks = len(lines) - 1
        if text.count("\r") != breaks or text.count("\n") != breaks:  # also a lone \r or \n
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the text ends with a line end (or is empty): no line after it
    return lines


def _add_records(rows: list[list[object]], records: list[list[object]], file: str) -> None:
    """Append the records read (lists of str) to the rows: "" -> None, and the column cap checked."""
    for record in records:
        if "" in record:
            if record.count("") == 1:
                record[record.index("")] = None
            else:
                record[:] = [v or None for v in record]
    if records and max(map(len, records)) > MAX_COLUMNS:
        for j, record in enumerate(records):
            if len(record) > MAX_COLUMNS:
                last = _last_value_index(record)
                if last >= MAX_COLUMNS:
                    raise BadFile(
                        t(
                            "sheets.too_many_columns",
                            where=where(file, None),
                            row=len(rows) + j + 1,
                            count=last + 1,
                            max=MAX_COLUMNS,
                        )
                    )
                records[j] = record[:MAX_COLUMNS]
    rows += records
    gc_settle()


def _decode(data: bytes, file: str, encoding: str | None) -> str:
    if encoding is None and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    if encoding is None or not encoding.startswith(("utf-16", "utf-32")):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise BadFile(t("sheets.nul_byte", file=file, line=data.count(b"\n", 0, nul) + 1, offset=nul + 1))
    if encoding is not None:
        try:
            return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError as exc:
            raise BadFile(
                t(
                    "sheets.undecodable",
                    file=file,
                    encodings=encoding,
                    line=data.count(b"\n", 0, exc.start) + 1,
                    offset=exc.start + 1,
                )
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gb_error = exc.start
    # Report the position reached by the encoding that got further: most likely the one meant.
    pos = max(utf8_error, gb_error)
    raise BadFile(
        t(
            "sheets.undecodable",
            file=file,
            encodings="UTF-8, GB18030",
            line=data.count(b"\n", 0, pos) + 1,
            offset=pos + 1,
        )
    )


def _sniff_delimiter(lines: list[str], ext: str) -> str:
    """Comma, unless tab (or semicolon) clearly separates the fields: on at least as many sample lines as
    commas do, and more often. ``.tsv`` starts from tab."""
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        return "\t" if ext == ".tsv" else ","

    def score(d: str) -> tuple[int, int]:
        return sum(1 for ln in lines if d in ln), sum(ln.count(d) for ln in lines)

    default = "\t" if ext == ".tsv" else ","
    best, best_score = default, score(default)
    for d in ("\t", ",", ";"):
        if d == default:
            continue
        s = score(d)
        if s[0] >= best_score[0] and s[1] > best_score[1] and s[0] >= max(1, len(lines) // 2):
            best, best_score = d, s
    return best
