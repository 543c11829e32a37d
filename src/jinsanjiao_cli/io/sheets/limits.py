"""How much work any input file may cost, and the checks that hold it to that.

A spreadsheet is a zip of XML parts, and both layers can promise far more than they hold: a 4.6 MB
workbook whose sheet expands to 1.1 GB, a 1.8 KB one with a single value at XFD1048576 that makes
python-calamine (which keeps every cell of a sheet's rectangle) allocate 512 GiB and abort the process.
Every refusal here happens before the expensive step, reading a bounded number of bytes, so a hostile
file costs seconds and a few megabytes, and says why in one line.

The bounds sit far beyond any real ledger (a province's reports run to tens of thousands of rows):

* `EXCEL_MAX_ROWS` x `EXCEL_MAX_COLUMNS`: a cell beyond them was not written by a spreadsheet program;
* `MAX_SHEET_CELLS`: the rectangle calamine allocates (about 32 bytes a cell, empty or not);
* `MAX_BOOK_CELLS`: the same for all sheets together, where calamine reads them all on opening (xls, ods);
* `MAX_SHARED_STRINGS`: the shared-string table calamine holds whole (xlsx, xls);
* `MAX_PART_BYTES`, `MAX_RATIO`: what one zip part may expand to, and by how much over its compressed size,
  checked in the zip directory first and again on the bytes actually inflated; inflating stops one byte past
  the size the directory declares (the directory can lie, and a lie is refused at once);
* `MAX_LINE_BYTES`, `EXCEL_MAX_COLUMNS`: a text line, and the fields on it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.text.i18n import t

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384

MAX_SHEET_CELLS = 6_000_000
"""calamine holds a sheet as one dense rectangle (first to last row x first to last column holding a value),
about 32 bytes a cell: 6,000,000 cells is ~190 MB, and 100,000 rows of 60 columns."""

MAX_BOOK_CELLS = MAX_SHEET_CELLS
"""calamine reads every sheet of an .xls or .ods when it opens the file and holds them all: the sheets'
rectangles together get the budget of one sheet."""

MAX_SHARED_STRINGS = 1_000_000
"""Items in a workbook's shared-string table (its declared uniqueCount, or the items counted). calamine holds
each as a string of its own (about 50 bytes beside the text): 1,000,000 is ~50 MB. A 100,000-row ledger with
a distinct note on every row has ~100,000; no office template comes near a million."""

MAX_PART_BYTES = 512 * 1024 * 1024
"""An expanded zip part: a 100,000-row sheet written by openpyxl is 37 MB of XML. (A sheet is streamed; its
cells are bounded by `MAX_SHEET_CELLS`.)"""

MAX_WHOLE_PART_BYTES = 128 * 1024 * 1024
"""A part that calamine holds whole (shared strings, styles, the workbook): 100,000 rows with a distinct note
each make about 10 MB of shared strings."""

MAX_PARTS = 10_000
"""Entries in the zip: a workbook has a few dozen (one per sheet, chart, image ...)."""

MAX_RATIO = 200
"""Expanded over compressed size: real sheet XML compresses 5-20 times; a whitespace bomb, a thousand."""

RATIO_FLOOR = 8 * 1024 * 1024
"""Parts smaller than this expanded may compress as well as they like: they cannot cost much."""

MAX_LINE_BYTES = 1024 * 1024
"""One line of a text file: a ledger row with a note at the 32,767-character cell limit is ~100 KB."""

BLOCK = 1024 * 1024  # bytes read (or inflated) at a time


def check_zip_directory(zf: zipfile.ZipFile, file: str) -> None:
    """Refuse a zip whose directory declares too many parts, or a part too large, or compressed too well,
    to be a ledger."""
    if len(zf.infolist()) > MAX_PARTS:
        raise BadFile(t("sheets.too_many_parts", file=file, count=f"{len(zf.infolist()):,}", max=f"{MAX_PARTS:,}"))
    for info in zf.infolist():
        if info.file_size > MAX_PART_BYTES:
            raise BadFile(t("sheets.part_too_big", file=file, part=info.filename, size=_mb(info.file_size)))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise BadFile(t("sheets.part_ratio", file=file, part=info.filename, ratio=ratio, max=MAX_RATIO))


def inflate(path: str, zf: zipfile.ZipFile, member: str, file: str, most: int = MAX_PART_BYTES) -> Iterator[bytes]:
    """The bytes of one zip part, a block at a time, counting what is actually inflated.

    zipfile (and calamine's zip reader) trust the directory's sizes; here a part that inflates past
    `most` bytes (`MAX_PART_BYTES`), past `MAX_RATIO`, or to another size than its directory entry declares
    is refused, whatever the directory says. Inflating never goes more than one byte past the declared size:
    a bomb whose directory claims 1 MB is refused after 1 MB, not after `most`."""
    info = zf.getinfo(member)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        yield from _inflate_by_zipfile(zf, info, file, most)
        return
    allowed = min(most, max(RATIO_FLOOR, MAX_RATIO * max(info.compress_size, 1)))
    produced = 0
    with open(path, "rb") as raw:
        raw.seek(_data_offset(raw, info, file))
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        left = info.compress_size
        pending = b""
        while left or pending:
            if not pending:
                pending = raw.read(min(BLOCK // 4, left))
                if not pending:
                    raise BadFile(t("sheets.corrupt_zip", file=file, error=f"{member}: truncated"))
                left -= len(pending)
            if inflater is None:
                block, pending = pending, b""
            else:
                try:  # at most one byte past the declared size (max_length 0 would mean no limit)
                    block = inflater.decompress(pending, min(BLOCK, info.file_size + 1 - produced))
                except zlib.error as exc:
                    raise BadFile(t("sheets.corrupt_zip", file=file, error=f"{member}: {exc}")) from None
                pending = inflater.unconsumed_tail
            produced += len(block)
            if produced > info.file_size:
                raise BadFile(
                    t("sheets.part_exceeds_directory", file=file, part=member, declared=f"{info.file_size:,}")
                )
            if produced > allowed:
                raise BadFile(t("sheets.part_inflates", file=file, part=member, size=_mb(allowed)))
            if block:
                yield block
            if inflater is not None and inflater.eof:
                break
    if produced != info.file_size:
        raise BadFile(t("sheets.part_size_lies", file=file, part=member, declared=info.file_size, actual=produced))


def _data_offset(raw, info: zipfile.ZipInfo, file: str) -> int:
    """Where a part's data starts: after its local header, whose name and extra lengths are its own."""
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise BadFile(t("sheets.corrupt_zip", file=file, error=f"{info.filename}: bad local header"))
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length


def _inflate_by_zipfile(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, most: int) -> Iterator[bytes]:
    """Parts compressed another way (bzip2, lzma: never seen in xlsx/ods) go through zipfile, still counted."""
    produced = 0
    with zf.open(info) as part:  # ZipExtFile stops at the declared size itself
        while block := part.read(BLOCK):
            produced += len(block)
            if produced > most:
                raise BadFile(t("sheets.part_inflates", file=file, part=info.filename, size=_mb(most)))
            yield block


def check_whole_part(path: str, zf: zipfile.ZipFile, member: str, file: str) -> None:
    """Inflate a part that calamine will hold whole, keeping nothing, to prove its size before it does."""
    for _ in inflate(path, zf, member, file, MAX_WHOLE_PART_BYTES):
        pass


def check_extent(rows: tuple[int, int], columns: tuple[int, int], where: str) -> None:
    """Refuse a sheet whose cells (0-based first and last row and column holding a value) lie beyond
    Excel's limits, or span a rectangle larger than `MAX_SHEET_CELLS`."""
    (r0, r1), (c0, c1) = rows, columns
    if r1 >= EXCEL_MAX_ROWS or c1 >= EXCEL_MAX_COLUMNS:
        raise BadFile(
            t(
                "sheets.beyond_excel",
                where=where,
                cell=f"{column_name(c1)}{r1 + 1}",
                rows=f"{EXCEL_MAX_ROWS:,}",
                columns=f"{EXCEL_MAX_COLUMNS:,}",
            )
        )
    cells = (r1 - r0 + 1) * (c1 - c0 + 1)
    if cells > MAX_SHEET_CELLS:
        raise BadFile(
            t(
                "sheets.too_many_cells",
                where=where,
                first=f"{column_name(c0)}{r0 + 1}",
                last=f"{column_name(c1)}{r1 + 1}",
                cells=f"{cells:,}",
                max=f"{MAX_SHEET_CELLS:,}",
            )
        )


def column_name(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA' (the column letters of a 0-based index)."""
    letters = ""
    index += 1
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """'A' -> 0, 'AA' -> 26 (the inverse of `column_name`)."""
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"
