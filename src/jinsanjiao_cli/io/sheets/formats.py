"""Which cells of the progress column show their number as a percentage: the cell formats calamine does
not expose, read from the file itself.

Asked only when it matters (a number above 0 and at most 1 in the progress column, see `rows`), and then a
chunk of rows at a time, in order, so one forward pass over the sheet answers every question:

* xlsx/xlsm: ``xl/styles.xml`` maps a cell's style index (its ``s`` attribute, 0 when absent) through
  ``cellXfs`` to a number format: built-in ids 9 (``0%``) and 10 (``0.00%``), or a custom ``numFmt`` whose
  positive section has a ``%`` outside quotes, brackets and escapes. A workbook without such a style pays
  nothing more; otherwise the sheet XML is streamed for the progress column's cells.
* ods: a cell of ``office:value-type="percentage"``, or whose style (its own, else its column's default)
  names a ``number:percentage-style``. Styles come from ``content.xml`` and ``styles.xml``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from jinsanjiao_cli.io.sheets import limits, odsscan
from jinsanjiao_cli.io.sheets.limits import column_name

_BUILT_IN_PERCENT = frozenset({9, 10})


class PercentCells:
    """Answers, for rows asked in increasing order, which rows' progress cells are percentage-formatted."""

    def __init__(self, rows: Iterator[int]) -> None:
        self._rows = rows  # the 0-based rows whose cell is percentage-formatted, in order
        self._next: int | None = None

    def rows_between(self, first: int, last: int) -> set[int]:
        """The 0-based rows in [first, last] whose cell is percentage-formatted."""
        found: set[int] = set()
        while True:
            if self._next is None:
                self._next = next(self._rows, 1 << 62)
            if self._next > last:
                return found
            if self._next >= first:
                found.add(self._next)
            self._next = None


# --------------------------------------------------------------------------------------------------
# xlsx


def xlsx_percent_cells(path: str, zf: zipfile.ZipFile, sheet_member: str, column: int, file: str) -> PercentCells:
    """The percentage-formatted cells of one column of an xlsx sheet."""
    styles = _xlsx_percent_styles(path, zf, file)
    if not styles:
        return PercentCells(iter(()))
    return PercentCells(_xlsx_column_cells(path, zf, sheet_member, column, styles, file))


def _xlsx_percent_styles(path: str, zf: zipfile.ZipFile, file: str) -> frozenset[int]:
    """The cellXfs indexes whose number format shows a positive number as a percentage."""
    member = next((n for n in zf.namelist() if n.lower() == "xl/styles.xml"), None)
    if member is None:
        return frozenset()
    try:
        root = ElementTree.fromstring(b"".join(limits.inflate(path, zf, member, file, limits.MAX_WHOLE_PART_BYTES)))
    except ElementTree.ParseError:
        return frozenset()
    percent_ids = set(_BUILT_IN_PERCENT)
    for el in root.iter():
        if _local(el.tag) == "numFmt" and shows_percent(el.get("formatCode", "")):
            percent_ids.add(int(el.get("numFmtId", "-1")))
    result: set[int] = set()
    for el in root.iter():
        if _local(el.tag) == "cellXfs":
            for index, xf in enumerate(x for x in el if _local(x.tag) == "xf"):
                if int(xf.get("numFmtId", "0")) in percent_ids:
                    result.add(index)
    return frozenset(result)


def shows_percent(code: str) -> bool:
    """Does a number format's first section (the one for positive numbers) have a % that is a format
    character: not inside "quotes" or [brackets], not escaped by \\, not the argument of _ or *."""
    i, quoted = 0, False
    while i < len(code):
        ch = code[i]
        if quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch in "\\_*":
            i += 1  # the next character is literal, or a width/fill character
        elif ch == "[":
            end = code.find("]", i)
            i = len(code) if end < 0 else end
        elif ch == ";":
            return False
        elif ch == "%":
            return True
        i += 1
    return False


def _xlsx_column_cells(
    path: str, zf: zipfile.ZipFile, member: str, column: int, styles: frozenset[int], file: str
) -> Iterator[int]:
    """The 0-based rows whose cell in the column has a percentage style."""
    ref = re.compile(rb' r="' + column_name(column).encode() + rb'([0-9]+)"')
    style = re.compile(rb'\ss="([0-9]+)"')
    pending = b""
    for data in limits.inflate(path, zf, member, file):
        block = pending + data
        cut = block.rfind(b"<")  # a tag may be cut at the block's end: keep it for the next block
        block, pending = block[:cut], block[cut:]
        for m in ref.finditer(block):
            start = block.rfind(b"<", 0, m.start())
            s = style.search(block, start, block.find(b">", m.end()))
            if (int(s.group(1)) if s else 0) in styles:
                yield int(m.group(1)) - 1
    for m in ref.finditer(pending):
        s = style.search(pending, m.end(), pending.find(b">", m.end()))
        if (int(s.group(1)) if s else 0) in styles:
            yield int(m.group(1)) - 1


# --------------------------------------------------------------------------------------------------
# ods

_PERCENT_STYLE = re.compile(rb'<number:percentage-style\b[^>]*?\bstyle:name="([^"]*)"')
_STYLE = re.compile(rb"<style:style\b([^>]*)>")
_STYLE_NAME = re.compile(rb'\bstyle:name="([^"]*)"')
_DATA_STYLE = re.compile(rb'\bstyle:data-style-name="([^"]*)"')
_BODY = b"<office:body"


def ods_percent_cells(path: str, zf: zipfile.ZipFile, sheet: str, column: int, file: str) -> PercentCells:
    """The percentage-formatted cells of one column of one table of an ods file."""
    return PercentCells(odsscan.percent_cells(path, zf, sheet, column, _ods_percent_styles(path, zf, file), file))


def _ods_percent_styles(path: str, zf: zipfile.ZipFile, file: str) -> set[str]:
    """Names of the cell styles whose data style is a percentage style: the common ones (styles.xml) and the
    automatic ones (content.xml, before the body)."""
    text = b""
    if "styles.xml" in zf.namelist():
        text = b"".join(limits.inflate(path, zf, "styles.xml", file, limits.MAX_WHOLE_PART_BYTES))
    head = b""
    for block in limits.inflate(path, zf, "content.xml", file):
        head += block
        if _BODY in head or len(head) > limits.MAX_WHOLE_PART_BYTES:
            break
    text += head.split(_BODY, 1)[0]
    percent = set(_PERCENT_STYLE.findall(text))
    names: set[str] = set()
    for m in _STYLE.finditer(text):
        name, data = _STYLE_NAME.search(m.group(1)), _DATA_STYLE.search(m.group(1))
        if name and data and data.group(1) in percent:
            names.add(name.group(1).decode("utf-8", "replace"))
    return names


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
