"""One streamed pass over an ods ``content.xml`` for one table: its merged ranges and the reach of its cells.

calamine returns no merged ranges for ods, so they are read here (``table:number-rows-spanned`` /
``number-columns-spanned``). And ods compresses repetition into attributes: one cell
``table:number-columns-repeated="16384"`` in a row ``table:number-rows-repeated="1048576"`` is 17 billion
cells that calamine would allocate. Repeated *empty* cells are what LibreOffice writes after every sheet's
data, and cost nothing; a repeated cell with a value counts every repetition (`limits.check_extent`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from . import limits
from .formats import _Chunks

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")

Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class TableScan:
    merged: list[Range] = field(default_factory=list)  # calamine-style ((r0, c0), (r1, c1)), 0-based


class _Walk:
    """Position and reach while walking one table's rows and cells."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.row = self.col = 0
        self.rows_repeat = 1
        self.first = [1 << 62, 1 << 62]
        self.last = [-1, -1]

    def cell(self, el: ElementTree.Element, scan: TableScan) -> None:
        repeat = int(el.get(_TABLE + "number-columns-repeated") or 1)
        rows_span = int(el.get(_TABLE + "number-rows-spanned") or 1)
        cols_span = int(el.get(_TABLE + "number-columns-spanned") or 1)
        if el.tag == _CELLS[0] and (rows_span > 1 or cols_span > 1):
            scan.merged.append(((self.row, self.col), (self.row + rows_span - 1, self.col + cols_span - 1)))
        if el.get(_OFFICE + "value-type") is not None or len(el):
            self.reach(self.col, self.col + repeat - 1)
        self.col += repeat

    def reach(self, c0: int, c1: int) -> None:
        r1 = self.row + self.rows_repeat - 1
        self.first = [min(self.first[0], self.row), min(self.first[1], c0)]
        self.last = [max(self.last[0], r1), max(self.last[1], c1)]
        limits.check_extent((self.first[0], self.last[0]), (self.first[1], self.last[1]), self.where)


def scan_tables(path: str, zf: zipfile.ZipFile, file: str, where) -> dict[str, TableScan]:  # type: ignore[no-untyped-def]
    """Every table's merged ranges, by name, in one pass; raises BadFile when a table's cells reach too far.
    Must run before calamine opens the file: calamine reads every table of an ods when it opens it.
    ``where(name)`` is the location prefix of a message about that table."""
    scans: dict[str, TableScan] = {}
    stream = _Chunks(limits.inflate(path, zf, "content.xml", file))
    scan = walk = None
    depth = 0  # >0 while inside a cell (anything nested in a cell is not part of the grid)
    for event, el in ElementTree.iterparse(stream, events=("start", "end")):  # type: ignore[arg-type]
        tag = el.tag
        if tag == _TABLE + "table" and depth == 0:
            if event == "start":
                name = el.get(_TABLE + "name") or ""
                scan = scans.setdefault(name, TableScan())
                walk = _Walk(where(name))
            else:
                scan = walk = None
                el.clear()
            continue
        if walk is None or scan is None:
            continue
        if tag in _CELLS:
            if event == "end":
                if depth == 1:
                    walk.cell(el, scan)
                depth -= 1
            else:
                depth += 1
        elif tag == _TABLE + "table-row" and depth == 0:
            if event == "start":
                walk.col = 0
                walk.rows_repeat = int(el.get(_TABLE + "number-rows-repeated") or 1)
            else:
                walk.row += walk.rows_repeat
                el.clear()
    return scans
