"""Byte scans of an ods ``content.xml``, streamed a row at a time: the merged ranges and the reach of each
table's cells (before calamine opens the file), and the percentage-formatted cells of one column.

calamine returns no merged ranges for ods, so they are read here (``table:number-rows-spanned`` /
``number-columns-spanned``). And ods compresses repetition into attributes: one cell
``table:number-columns-repeated="16384"`` in a row ``table:number-rows-repeated="1048576"`` is 17 billion
cells, which calamine allocates when it opens the file. Repeated *empty* cells are what LibreOffice writes
after every sheet's data, and cost nothing; a repeated cell with a value counts every repetition
(`limits.check_extent`).

Speed: a row without repeated or spanned cells (nearly every row) is measured with a few byte counts; only
the others are taken apart cell by cell. An XML parser walking every element took 4 s for 100,000 rows, eight
times calamine's own read.
"""

from __future__ import annotations

import operator
import re
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets import limits
from jinsanjiao_cli.text.i18n import t

Span = tuple[tuple[int, int], tuple[int, int]]  # calamine-style ((r0, c0), (r1, c1)), 0-based

_TOKEN = re.compile(rb"<(/?)table:(table-row|table|table-column)(?=[\s/>])([^>]*?)(/?)>")
_CELL = re.compile(rb"<(/?)table:(table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>")
_NAME = re.compile(rb'table:name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
_ROWS_SPANNED = re.compile(rb'table:number-rows-spanned="(\d+)"')
_COLUMNS_SPANNED = re.compile(rb'table:number-columns-spanned="(\d+)"')
_STYLE_NAME = re.compile(rb'table:style-name="([^"]*)"')
_DEFAULT_STYLE = re.compile(rb'table:default-cell-style-name="([^"]*)"')
_MAX_PENDING = 64 * 1024 * 1024  # one row's XML


@dataclass
class Row:
    """One top-level row of a table: its XML (from its start tag to its end tag) and where it stands."""

    table: str
    index: int  # 0-based row of the table
    repeat: int  # table:number-rows-repeated
    xml: bytes


@dataclass
class PlainRows:
    """Consecutive rows of a table without repeated, spanned or nested cells: one cell tag per column."""

    table: str
    index: int  # 0-based row of the first
    xml: list[bytes]  # each row's XML up to its end tag (left off), after what closed the row before
    count: int  # how many rows (xml is [] when the walk was told the block is not wanted)


@dataclass
class Column:
    """A table-column element: how many columns it stands for, and their default cell style."""

    table: str
    repeat: int
    style: str


def _number(pattern: re.Pattern[bytes], text: bytes, default: int = 1) -> int:
    m = pattern.search(text)
    return int(m.group(1)) if m else default


class Restart:
    """`walk` starts again from the top, taking nested tables apart (what came before is to be forgotten)."""


class _Nested(Exception):
    """A table inside a cell: the row-splitting walk cannot tell its rows from the sheet's."""


_ROW_START = b"<table:table-row"
_CELL_COUNT = operator.methodcaller("count", b"<table:table-cell")
_ROW_END = b"</table:table-row>"


def walk(
    path: str, zf: zipfile.ZipFile, file: str, wanted: Callable[[bytes], bool] | None = None
) -> Iterator[Row | PlainRows | Column | Restart]:
    """Every top-level row and column element of every table of content.xml, in order. Rows are found by
    splitting at row end tags, which is fast; a table nested in a cell (rare) makes it start again, yielding
    `Restart`, with a walk that counts depth. A block of plain rows that `wanted` (given the block) refuses
    is yielded as `PlainRows` with no XML, its rows only counted."""
    try:
        yield from _walk_flat(path, zf, file, wanted)
    except _Nested:
        yield Restart()
        yield from _walk_nested(path, zf, file)


def _walk_flat(
    path: str, zf: zipfile.ZipFile, file: str, wanted: Callable[[bytes], bool] | None
) -> Iterator[Row | PlainRows | Column]:
    table, row = "", 0
    carry = b""
    for data in limits.inflate(path, zf, "content.xml", file):
        block = carry + data
        pieces = block.split(_ROW_END)
        carry = pieces.pop()  # after the last row end: the next rows, incomplete
        if len(carry) > _MAX_PENDING:
            raise BadFile(t("sheets.row_too_big", where=file, size=_MAX_PENDING // (1024 * 1024)))
        if not pieces:
            continue
        end = len(block) - len(carry)
        if all(block.find(breaker, 0, end) < 0 for breaker in _PLAIN_BREAKERS):
            # Rows and cells only (the usual block): each piece is one row, from its start tag on.
            yield PlainRows(table, row, pieces if wanted is None or wanted(block) else [], len(pieces))
            row += len(pieces)
            continue
        for piece in pieces:
            table, row = yield from _piece(piece, table, row)


# What a block of plain rows never holds: a repeat or span (table:number-...), a table's start (its columns
# follow it, in the same piece). Each is looked for by a substring rarely begun in a sheet's XML: "<table:table"
# begins every cell, and searching for it took longer than the rest of the walk.
_PLAIN_BREAKERS = (b":number-", b"table:name=")


def _piece(piece: bytes, table: str, row: int) -> Generator[Row | Column, None, tuple[str, int]]:
    """The elements of one piece (what ends at a row end tag): (the table, the next row) after it."""
    start = piece.rfind(_ROW_START)
    if start < 0:
        raise _Nested
    xml = piece[start:] + _ROW_END
    if b"<table:table " in xml or b"<table:table>" in xml:
        raise _Nested
    if b"<table:table" in piece[:start]:  # what stands between two rows: tables, columns, groups
        for item in _between_rows(piece[:start]):
            if isinstance(item, str):
                table, row = item, 0
            else:
                item.table = table
                yield item
    repeat = _number(_ROWS_REPEATED, xml[: xml.find(b">")])
    yield Row(table, row, repeat, xml)
    return table, row + repeat


def _between_rows(xml: bytes) -> Iterator[str | Column]:
    """The name of a table starting here, and the columns declared here; a cell here means nesting."""
    for m in _TOKEN.finditer(xml):
        closing, kind, attrs, _ = m.groups()
        if closing:
            continue
        if kind == b"table":
            name = _NAME.search(attrs)
            yield name.group(1).decode("utf-8", "replace") if name else ""
        elif kind == b"table-column":
            style = _DEFAULT_STYLE.search(attrs)
            yield Column(
                "", _number(_COLUMNS_REPEATED, attrs), style.group(1).decode("utf-8", "replace") if style else ""
            )
    if _CELL.search(xml):
        raise _Nested


def _walk_nested(path: str, zf: zipfile.ZipFile, file: str) -> Iterator[Row | Column]:
    """The same walk, counting the depth of rows, for a content.xml with tables inside cells."""
    table = ""
    row = 0
    pending = b""
    for data in limits.inflate(path, zf, "content.xml", file):
        pending += data
        pos = 0
        depth = 0  # rows open: a row inside a nested table stays inside its cell
        start = -1
        for m in _TOKEN.finditer(pending):
            closing, kind, attrs, empty = m.groups()
            if kind == b"table-row":
                if not closing:
                    if depth == 0:
                        start = m.start()
                    if not empty:
                        depth += 1
                    elif depth == 0:  # <table:table-row/>: a row with no cells
                        repeat = _number(_ROWS_REPEATED, attrs)
                        yield Row(table, row, repeat, m.group(0))
                        row += repeat
                        pos = m.end()
                elif depth:
                    depth -= 1
                    if depth == 0:
                        xml = pending[start : m.end()]
                        repeat = _number(_ROWS_REPEATED, xml[: xml.find(b">")])
                        yield Row(table, row, repeat, xml)
                        row += repeat
                        pos = m.end()
            elif depth == 0 and not closing:
                if kind == b"table":
                    name = _NAME.search(attrs)
                    table, row = (name.group(1).decode("utf-8", "replace") if name else ""), 0
                elif kind == b"table-column":
                    style = _DEFAULT_STYLE.search(attrs)
                    repeat = _number(_COLUMNS_REPEATED, attrs)
                    yield Column(table, repeat, style.group(1).decode("utf-8", "replace") if style else "")
                pos = m.end()
        pending = pending[pos:]
        if len(pending) > _MAX_PENDING:
            raise BadFile(t("sheets.row_too_big", where=file, size=_MAX_PENDING // (1024 * 1024)))


@dataclass
class Cell:
    column: int  # 0-based first column
    repeat: int  # table:number-columns-repeated
    attrs: bytes  # the start tag's attributes
    valued: bool  # has a value (a value type, or content)
    covered: bool


def cells(xml: bytes) -> Iterator[Cell]:
    """The top-level cells of a row's XML."""
    column = 0
    depth = 0
    opened: tuple[int, bytes, bool] | None = None
    for m in _CELL.finditer(xml):
        closing, kind, attrs, empty = m.groups()
        covered = kind == b"covered-table-cell"
        if closing:
            depth -= 1
            if depth == 0 and opened is not None:
                at, start_attrs, was_covered = opened
                valued = b"office:value-type" in start_attrs or m.start() > at
                repeat = _number(_COLUMNS_REPEATED, start_attrs)
                yield Cell(column, repeat, start_attrs, valued, was_covered)
                column += repeat
                opened = None
        elif empty:
            if depth == 0:
                repeat = _number(_COLUMNS_REPEATED, attrs)
                yield Cell(column, repeat, attrs, b"office:value-type" in attrs, covered)
                column += repeat
        else:
            if depth == 0:
                opened = (m.end(), attrs, covered)
            depth += 1


# --------------------------------------------------------------------------------------------------
# Reach and merged ranges


@dataclass
class TableScan:
    merged: list[Span] = field(default_factory=list)
    rows: tuple[int, int] = (1 << 62, -1)  # first and last row with a value
    columns: tuple[int, int] = (1 << 62, -1)

    def reach(self, r0: int, r1: int, c0: int, c1: int, where: Callable[[str], str], table: str) -> None:
        """Cells with a value in rows r0..r1, columns c0..c1: refuse the table once it reaches too far."""
        rows = (min(self.rows[0], r0), max(self.rows[1], r1))
        columns = (min(self.columns[0], c0), max(self.columns[1], c1))
        self.rows, self.columns = rows, columns
        if (
            rows[1] >= limits.EXCEL_MAX_ROWS
            or columns[1] >= limits.EXCEL_MAX_COLUMNS
            or (rows[1] - rows[0] + 1) * (columns[1] - columns[0] + 1) > limits.MAX_SHEET_CELLS
        ):
            limits.check_extent(rows, columns, where(table))


def scan_tables(path: str, zf: zipfile.ZipFile, file: str, where: Callable[[str], str]) -> dict[str, TableScan]:
    """Every table's merged ranges, by name, in one pass; raises BadFile when a table's cells reach too far.
    Must run before calamine opens the file: calamine reads every table of an ods when it opens it.
    ``where(name)`` is the location prefix of a message about that table."""
    scans: dict[str, TableScan] = {}
    for item in walk(path, zf, file):
        if isinstance(item, Restart):
            scans.clear()
        elif isinstance(item, PlainRows):
            # One cell tag per column: the block reaches no further than its widest row.
            width = max(map(_CELL_COUNT, item.xml))  # (no span, so no covered cell)
            scan = scans.setdefault(item.table, TableScan())
            scan.reach(item.index, item.index + item.count - 1, 0, width - 1, where, item.table)
        elif isinstance(item, Row):
            _scan_row(scans.setdefault(item.table, TableScan()), item, where)
    _check_book(scans, file)
    return scans


def _check_book(scans: dict[str, TableScan], file: str) -> None:
    """calamine holds every table at once: their rectangles together may not pass `limits.MAX_BOOK_CELLS`."""
    total = sum(
        (s.rows[1] - s.rows[0] + 1) * (s.columns[1] - s.columns[0] + 1) for s in scans.values() if s.rows[1] >= 0
    )
    if total > limits.MAX_BOOK_CELLS:
        raise BadFile(t("sheets.book_too_many_cells", file=file, cells=f"{total:,}", max=f"{limits.MAX_BOOK_CELLS:,}"))


def _scan_row(scan: TableScan, row: Row, where: Callable[[str], str]) -> None:
    for cell in cells(row.xml):
        rows_span = _number(_ROWS_SPANNED, cell.attrs)
        cols_span = _number(_COLUMNS_SPANNED, cell.attrs)
        if not cell.covered and (rows_span > 1 or cols_span > 1):
            scan.merged.append(((row.index, cell.column), (row.index + rows_span - 1, cell.column + cols_span - 1)))
        if cell.valued:
            scan.reach(
                row.index, row.index + row.repeat - 1, cell.column, cell.column + cell.repeat - 1, where, row.table
            )


# --------------------------------------------------------------------------------------------------
# Percentage-formatted cells of one column


def percent_cells(
    path: str, zf: zipfile.ZipFile, sheet: str, column: int, percent_styles: set[str], file: str
) -> Iterator[int]:
    """The 0-based rows, in order, whose cell in one column of one table is percentage-formatted: of value
    type percentage, or with a style (its own, else its column's default) among `percent_styles`. A block
    of plain rows that names neither is passed over whole."""
    defaults: list[str] = []
    wanted = _MayHoldPercent(percent_styles)
    for item in walk(path, zf, file, wanted):
        if isinstance(item, Restart):
            defaults = []
        elif item.table != sheet:
            continue
        elif isinstance(item, Column):
            defaults += [item.style] * min(item.repeat, column + 1 - len(defaults))
            wanted.every_block = column < len(defaults) and defaults[column] in percent_styles
        else:
            default = defaults[column] if column < len(defaults) else ""
            if isinstance(item, PlainRows):
                if not item.xml:
                    continue
                rows = [(item.index + i, _row_xml(xml), 1) for i, xml in enumerate(item.xml)]
            else:
                rows = [(item.index, item.xml, item.repeat)]
            for index, xml, repeat in rows:
                attrs = _cell_attrs(xml, column)
                if attrs is not None and _is_percent(attrs, default, percent_styles):
                    yield from range(index, index + min(repeat, limits.EXCEL_MAX_ROWS))


class _MayHoldPercent:
    """Whether a block of rows may hold a percentage cell: it names the percentage value type or a percentage
    style, or the column's default style is one (`every_block`, set as the columns are read)."""

    def __init__(self, percent_styles: set[str]) -> None:
        self.markers = [b'"percentage"'] + [b'table:style-name="' + name.encode() + b'"' for name in percent_styles]
        self.every_block = False

    def __call__(self, block: bytes) -> bool:
        return self.every_block or any(marker in block for marker in self.markers)


def _row_xml(piece: bytes) -> bytes:
    return piece[piece.rfind(_ROW_START) :]


def _is_percent(attrs: bytes, default_style: str, percent_styles: set[str]) -> bool:
    if b'office:value-type="percentage"' in attrs:
        return True
    style = _STYLE_NAME.search(attrs)
    return (style.group(1).decode("utf-8", "replace") if style else default_style) in percent_styles


def _cell_attrs(xml: bytes, column: int) -> bytes | None:
    """The start-tag attributes of the row's cell at `column`, or None when the row ends before it."""
    if b"-repeated=" not in xml[xml.find(b">") :]:
        # One cell per column: the cell is the column-th '<table:' element after the row's own tag (cells
        # hold text elements, never table ones, in a row without nested tables).
        parts = xml.split(b"<table:", column + 3)
        if len(parts) < column + 3:
            return None
        part = parts[column + 2]
        if part.startswith((b"table-cell", b"covered-table-cell")):
            return part[: part.find(b">")]
    for cell in cells(xml):
        if cell.column <= column < cell.column + cell.repeat:
            return cell.attrs
        if cell.column > column:
            return None
    return None
