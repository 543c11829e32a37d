"""Byte scans of an xlsx sheet's XML, streamed a block at a time, made before calamine reads the sheet.

One pass answers three questions calamine cannot: is any formula saved without its computed value (calamine
would read it as empty), which cells are errors (``#DIV/0!``, read as empty too), and how far the cells
reach. The last one guards calamine itself: it allocates the whole rectangle from the first to the last row
and column holding a value, so one value at XFD1048576 beside A1 would abort the process (see `limits`).

The reach is found cheaply on ordinary sheets: the last cell reference of each block bounds the rest of the
block, checked by one regular expression that matches only a reference beyond that bound (wider than the
last column, a longer row number, a cell without an ``r`` attribute). Only when one is found, or the bound
is too loose to prove the sheet small enough, is every cell tag read (`_exact_extent`), as calamine reads it.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.etree import ElementTree

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets import limits
from jinsanjiao_cli.io.sheets.limits import column_index
from jinsanjiao_cli.text.i18n import t

_MAX_PENDING = 64 * 1024 * 1024  # one row's XML; a row of 500 cells at the cell text limit is ~50 MB


@dataclass
class CellScan:
    uncached: str | None = None  # the first cell holding a formula without a cached value
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, "#DIV/0!") 0-based


def check_reach(path: str, zf: zipfile.ZipFile, member: str, file: str, where: str) -> None:
    """Refuse (BadFile) a sheet whose cells reach beyond Excel's limits or span more than calamine may
    allocate; the XML is inflated under `limits.inflate`'s bounds. Must run before calamine reads the sheet."""
    bound: _Reach | None = None
    for block in _row_blocks(path, zf, member, file, where):
        if bound is None:
            bound = _Reach(_namespace_prefix(block))
        bound.add(block)
        if bound.exact_needed or bound.cells() > limits.MAX_SHEET_CELLS:
            break  # the exact pass refuses as soon as the cells reach too far, not after the whole part
    if bound is None:
        return
    if bound.exact_needed or bound.cells() > limits.MAX_SHEET_CELLS:
        rows, columns = _exact_extent(path, zf, member, file, where)
    else:
        rows, columns = (0, bound.last_row), (0, bound.last_column)
    if rows[1] >= 0:
        limits.check_extent(rows, columns, where)


def scan_cells(path: str, zf: zipfile.ZipFile, member: str, file: str, where: str) -> CellScan:
    """Formulas without cached values and error cells: what calamine reads as empty. Safe to run beside
    calamine (in a thread: calamine releases the GIL while it parses), once `check_reach` passed."""
    scan = CellScan()
    prefix = None
    for block in _row_blocks(path, zf, member, file, where):
        if prefix is None:
            prefix = _namespace_prefix(block)
        if scan.uncached is None:
            scan.uncached = first_uncached_formula(block, prefix)
        scan.errors += error_cells(block)
    return scan


def _row_blocks(path: str, zf: zipfile.ZipFile, member: str, file: str, where: str):
    """The XML in blocks that end after a closing cell or row tag, so no cell is cut in two."""
    pending = b""
    for data in limits.inflate(path, zf, member, file):
        pending += data
        cut = max(pending.rfind(b"c>"), pending.rfind(b"row>"))
        if cut < 0:
            if len(pending) > _MAX_PENDING:
                raise BadFile(t("sheets.row_too_big", where=where, size=_MAX_PENDING // (1024 * 1024)))
            continue
        end = pending.find(b">", cut) + 1
        yield pending[:end]
        pending = pending[end:]
    if pending:
        yield pending


# --------------------------------------------------------------------------------------------------
# The reach of the cells
#
# A cell counts whether it holds a value or only formatting: Excel's own used range counts both, and telling
# them apart would cost a pass over every tag.

_REF = re.compile(rb' r="([A-Za-z]{1,3})([0-9]{1,7})"')
_SAMPLE = 16 * 1024  # bytes at each end of a block whose references set the block's column bound
_PREFIX = re.compile(rb"<(\w{1,8}:)?worksheet[\s>]")


def _namespace_prefix(block: bytes) -> bytes:
    """The prefix the sheet writes its elements with ('' or e.g. 'x:'), from its root element."""
    m = _PREFIX.search(block, 0, 4096)
    return m.group(1) or b"" if m else b""


@functools.cache
def _cell_without_ref(prefix: bytes) -> re.Pattern[bytes]:
    """A cell tag not written as '<c r="...' (no reference, or attributes in another order): calamine may
    then place the cell by counting, so every tag must be read. Starts with the literal tag, which the
    regular expression engine finds fast."""
    return re.compile(b"<" + re.escape(prefix) + rb'c(?=[\s>/])(?! r=")')


class _Reach:
    """Upper bounds of the last row and column holding a cell (0-based), a block at a time."""

    def __init__(self, prefix: bytes) -> None:
        self.prefix = prefix
        self.last_row = -1
        self.last_column = -1
        self.exact_needed = False

    def add(self, block: bytes) -> None:
        tail = _REF.findall(block, max(0, len(block) - _SAMPLE))
        refs = tail + _REF.findall(block, 0, _SAMPLE)
        if not refs:
            self.exact_needed = self.exact_needed or _cell_without_ref(self.prefix).search(block) is not None
            return
        # Every cell of the block must be written '<c r="' + a column no later than the widest near the block's
        # start and end + a row no larger than its last row rounded up at its leading digit: true of every
        # sheet written in order and at most 26 columns wide. One pattern finds any cell that is not so.
        row_bound = _round_up(int((tail or refs)[-1][1]))
        column = max(column_index(letters.decode("ascii")) for letters in {letters for letters, _ in refs})
        if column > 25 or _outside(self.prefix, row_bound, column).search(block):
            self.exact_needed = True
            return
        self.last_row = max(self.last_row, row_bound - 1)
        self.last_column = max(self.last_column, column)

    def cells(self) -> int:
        return (self.last_row + 1) * (self.last_column + 1)


def _round_up(row: int) -> int:
    """100001 -> 199999: the largest number with as many digits and a leading digit no larger."""
    digits = str(row)
    return (int(digits[0]) + 1) * 10 ** (len(digits) - 1) - 1


@functools.cache
def _outside(prefix: bytes, row_bound: int, column: int) -> re.Pattern[bytes]:
    """A pattern matching a cell tag not written '<c r="' + a letter up to `column` + a row number up to
    `row_bound` (no leading zero) + '"'. Starts with the literal tag, which the engine finds fast."""
    last = chr(65 + column)
    letters = f"[A-{last}a-{last.lower()}]"
    digits = str(row_bound + 1)  # e.g. 200000: fewer digits, or as many and a smaller leading digit
    shorter = rf"[1-9]\d{{0,{len(digits) - 2}}}" if len(digits) > 1 else ""
    lead = int(digits[0])
    same = rf"[1-{lead - 1}]\d{{{len(digits) - 1}}}" if lead > 1 else ""
    rows = "|".join(p for p in (shorter, same) if p) or "(?!)"
    return re.compile(b"<" + re.escape(prefix) + rf'c(?=[\s>/])(?! r="{letters}(?:{rows})")'.encode())


_TAG = re.compile(rb"<(?:\w{1,8}:)?(row|c)(?=[\s>/])([^>]*)>")
_ATTR_R = re.compile(rb'\sr="([A-Za-z]*)([0-9]*)"')


def _exact_extent(
    path: str, zf: zipfile.ZipFile, member: str, file: str, where: str
) -> tuple[tuple[int, int], tuple[int, int]]:
    """(first, last row), (first, last column) of the cells, 0-based, placed as calamine places them: by their
    reference, or after the previous cell of the row when they have none; ((-1, -1), (-1, -1)) when there is
    none. Refuses as soon as the reach is beyond a bound."""
    extent = _Extent()
    row = -1
    without_ref = None
    for block in _row_blocks(path, zf, member, file, where):
        without_ref = without_ref or _cell_without_ref(_namespace_prefix(block))
        if without_ref.search(block):
            row = _count_positions(block, row, extent)
        else:
            refs = _REF.findall(block)
            if refs:
                rows = [int(number) for _, number in refs]
                columns = [column_index(letters.decode("ascii")) for letters in {letters for letters, _ in refs}]
                extent.add(min(rows) - 1, max(rows) - 1, min(columns), max(columns))
                row = rows[-1] - 1
        if extent.rows[1] >= 0:
            limits.check_extent(extent.rows, extent.columns, where)
    return extent.rows, extent.columns


class _Extent:
    def __init__(self) -> None:
        self.rows = self.columns = (-1, -1)

    def add(self, r0: int, r1: int, c0: int, c1: int) -> None:
        if self.rows[1] < 0:
            self.rows, self.columns = (r0, r1), (c0, c1)
        else:
            self.rows = (min(self.rows[0], r0), max(self.rows[1], r1))
            self.columns = (min(self.columns[0], c0), max(self.columns[1], c1))


def _count_positions(block: bytes, row: int, extent: _Extent) -> int:
    """Every row and cell tag of the block in order, as calamine places a cell without a reference."""
    col = -1
    for match in _TAG.finditer(block):
        ref = _ATTR_R.search(match.group(2))
        if match.group(1) == b"row":
            row = int(ref.group(2)) - 1 if ref and ref.group(2) else row + 1
            col = -1
            continue
        if ref and ref.group(1):
            col = column_index(ref.group(1).decode("ascii"))
            cell_row = int(ref.group(2)) - 1 if ref.group(2) else row
        else:
            col, cell_row = col + 1, row
        extent.add(cell_row, cell_row, col, col)
    return row


# --------------------------------------------------------------------------------------------------
# Formulas without values, error cells

_FORMULA_NO_VALUE = re.compile(
    rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>)"  # a formula element...
    rb"(?!\s*<(?:\w+:)?v(?:\s[^>]*)?>[^<])"  # ...not followed by a non-empty cached <v>
)
_CELL_REF = re.compile(rb'\sr="([A-Za-z]{1,3}[0-9]+)"')
_CELL_TYPE = re.compile(rb'\st="([a-zA-Z]+)"')
_EMPTY_V = re.compile(rb"\s*<(?:\w+:)?v(?:\s[^>]*)?(?:/>|>\s*</(?:\w+:)?v>)")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)</(?:\w+:)?v>")
_A1 = re.compile(r"([A-Za-z]{1,3})([0-9]+)")


@functools.cache
def _formula_start(prefix: bytes) -> re.Pattern[bytes]:
    return re.compile(b"<" + re.escape(prefix) + rb"f[\s>/]")


def first_uncached_formula(data: bytes, prefix: bytes = b"") -> str | None:
    """The reference of the first cell holding a formula saved without its computed value, else None."""
    if _formula_start(prefix).search(data) is None:
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


def _cell_tag_before(data: bytes, pos: int) -> bytes:
    """The opening tag of the cell whose child starts at pos (the last '<...c ...>' before pos)."""
    start = data.rfind(b"<", 0, pos)
    return data[start:pos] if start >= 0 else b""


def error_cells(data: bytes) -> list[tuple[int, int, str]]:
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
                r, c = a1_to_index(ref.group(1).decode("ascii"))
                found.append((r, c, value.group(1).decode("utf-8", "replace")))
        pos = data.find(b't="e"', pos + 5)
    return found


def a1_to_index(ref: str) -> tuple[int, int]:
    """'C3' -> (2, 2); (-1, -1) for anything else."""
    m = _A1.fullmatch(ref)
    if not m:
        return (-1, -1)
    return int(m.group(2)) - 1, column_index(m.group(1))


# --------------------------------------------------------------------------------------------------
# Workbook structure


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
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
        real = names.get(_resolve(target).lower())
        if real is not None:
            result[el.get("name", "")] = real
    return result


def _resolve(target: str) -> str:
    """A relationship target (relative to xl/, or absolute) as a zip member path."""
    member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    parts: list[str] = []
    for part in member.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


# --------------------------------------------------------------------------------------------------
# The shared-string table
#
# calamine reads xl/sharedStrings.xml whole when it opens the workbook and keeps every <si> as a string of
# its own: 7.8 million one-character strings (11.5 MB zipped) cost 450 MB. The table is counted here as it
# is inflated (at most `limits.MAX_WHOLE_PART_BYTES`, under a second), and refused beyond
# `limits.MAX_SHARED_STRINGS`: at once when its declared uniqueCount says so, else once counted.
#
# An item is counted by "<si" or ":si" (calamine takes any prefix): the text of an item cannot hold a '<',
# no other element of the table starts with "si", and a ":si" in some text only counts one item too many.

_UNIQUE_COUNT = re.compile(rb'<(?:[A-Za-z_][\w.-]{0,19}:)?sst\b[^>]*?\suniqueCount="\s*(\d{1,20})\s*"')


def check_shared_strings(path: str, zf: zipfile.ZipFile, member: str, file: str) -> None:
    """Refuse (BadFile) a shared-string table of more than `limits.MAX_SHARED_STRINGS` items, declared or
    counted, or one larger than `limits.MAX_WHOLE_PART_BYTES`."""
    count, carry, head = 0, b"", True
    for block in limits.inflate(path, zf, member, file, limits.MAX_WHOLE_PART_BYTES):
        data = carry + block
        if head:
            declared = _UNIQUE_COUNT.search(data, 0, 4096)
            _refuse_strings(int(declared.group(1)) if declared else 0, file)
            head = False
        end = max(0, len(data) - 2)  # a 3-byte mark starting in the last 2 bytes is counted with the next block
        count += data.count(b"<si", 0, end) + data.count(b":si", 0, end)
        carry = data[end:]
    _refuse_strings(count + carry.count(b"<si") + carry.count(b":si"), file)


def _refuse_strings(count: int, file: str) -> None:
    if count > limits.MAX_SHARED_STRINGS:
        raise BadFile(
            t("sheets.too_many_shared_strings", file=file, count=f"{count:,}", max=f"{limits.MAX_SHARED_STRINGS:,}")
        )
