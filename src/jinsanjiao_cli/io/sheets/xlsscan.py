"""Byte scans of an .xls, made before calamine opens it: calamine reads every sheet of an xls on opening.

An .xls is a stream of BIFF records (named "Workbook", or "Book" for BIFF5/7) inside an OLE2 compound file
(CFB: fixed-size sectors, a FAT chaining them, a directory of named streams). calamine trusts both layers
and allocates from what they claim, for every sheet, before jsj sees a row:

* a sector number past the end of the file makes it grow its buffer to that offset (4 GiB sector numbers
  exist), and a loop in a sector chain never ends;
* a sheet's DIMENSIONS record (0x0200) is reserved as cells, and the rectangle from its first to its last
  row and leftmost to rightmost column holding a value is allocated whole (about 32 bytes a cell) -- a
  9.7 KB file of eight sheets, each with values at A1 and IV65536, asks for 4 GB;
* the shared-string table (SST, 0x00FC) is reserved at the count it declares.

So the compound file is read here first, every sector number checked against the file's size and every
chain bounded, and the records of every sheet walked once, as calamine walks them: each sheet's declared
and actual rectangle must pass `limits.check_extent`, and all sheets together `limits.MAX_BOOK_CELLS`
(calamine holds them all at once). The walk holds the workbook stream (at most the file's size) and visits
each record once: 0.25 s for 65,536 rows of 10 cells. Anything calamine could not survive is a `BadFile`.
"""

from __future__ import annotations

import codecs
import struct
import sys
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets import limits
from jinsanjiao_cli.text.i18n import t

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFF_FFFE
_DIFSECT = 0xFFFF_FFFC  # DIFAT entries from here up name no FAT sector
_RESERVED = 0xFFFF_FFFA  # a DIFAT chain ends at the first number from here up
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # calamine takes a stream shorter than this from the mini stream, whatever the header says

Where = Callable[[str], str]


def check_book(path: str, file: str, where: Where) -> None:
    """Refuse (BadFile) an .xls whose compound file or sheets would make calamine allocate without bound.
    ``where(sheet)`` is the location prefix of a message about that sheet. Must run before calamine opens it."""
    try:
        with open(path, "rb") as fh:
            stream = _Compound(fh, file).workbook_stream()
    except OSError as exc:
        raise BadFile(t("sheets.unreadable", file=file, error=str(exc))) from None
    if stream is not None:
        check_records(stream, file, where)


def _corrupt(file: str, detail: str) -> BadFile:
    return BadFile(t("sheets.corrupt_xls", file=file, error=detail))


# --------------------------------------------------------------------------------------------------
# The compound file


@dataclass
class _Entry:
    name: str
    start: int
    size: int


class _Compound:
    """The sectors of a compound file, read on demand; every sector number is checked before it is used."""

    def __init__(self, fh: BinaryIO, file: str) -> None:
        self.fh, self.file = fh, file
        self.size = fh.seek(0, 2)
        head = self._read(0, 512)
        if len(head) < 512 or head[:8] != OLE_MAGIC:
            raise _corrupt(file, "no compound file header")
        shift, mini_shift = struct.unpack_from("<HH", head, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise _corrupt(file, f"sector shift {shift}, mini sector shift {mini_shift}")
        self.sector = 1 << shift
        self.count = max(0, -(-(self.size - self.sector) // self.sector))  # sectors present (the last may be short)
        dir_len, fat_len, self.dir_start = struct.unpack_from("<III", head, 40)
        self.minifat_start, self.minifat_len, self.difat_start = struct.unpack_from("<III", head, 60)
        for what, sectors in (("directory", dir_len), ("FAT", fat_len), ("mini FAT", self.minifat_len)):
            if sectors > self.count:  # calamine reserves these many sectors up front
                raise _corrupt(file, f"{what} of {sectors:,} sectors in a file of {self.count:,}")
        self.dir_bytes = dir_len * self.sector
        self.fat = self._fat(list(struct.unpack_from("<109I", head, 76)))

    def _read(self, offset: int, length: int) -> bytes:
        self.fh.seek(offset)
        return self.fh.read(length)

    def _sector(self, sid: int) -> bytes:
        if sid >= self.count:
            raise _corrupt(self.file, f"sector {sid:,} beyond the end of the file ({self.count:,} sectors)")
        return self._read((sid + 1) * self.sector, self.sector)

    def _fat(self, difat: list[int]) -> array:
        """The FAT, from the sectors the DIFAT names (the header's 109, then a chain of DIFAT sectors)."""
        sid, seen = self.difat_start, set()
        while sid < _RESERVED:
            if sid in seen:
                raise _corrupt(self.file, f"the DIFAT chain loops at sector {sid:,}")
            seen.add(sid)
            block = self._sector(sid)
            difat += struct.unpack_from(f"<{len(block) // 4}I", block)
            sid = difat.pop()  # the last entry of a DIFAT sector chains to the next
        ids = [sid for sid in difat if sid < _DIFSECT]
        if len(set(ids)) != len(ids) or len(ids) > self.count:
            raise _corrupt(self.file, "the DIFAT names a FAT sector twice")
        fat = array("I")
        for sid in ids:
            block = self._sector(sid)
            fat.frombytes(block[: len(block) // 4 * 4])
        if sys.byteorder == "big":
            fat.byteswap()
        return fat

    def _chain(self, start: int, table: array, available: int, what: str) -> list[int]:
        """The sector numbers of a chain, as calamine follows it to ENDOFCHAIN: each must name a sector that
        exists and has a table entry, and none may come twice (calamine would loop for ever)."""
        ids: list[int] = []
        seen = bytearray(available)
        sid = start
        while sid != _ENDOFCHAIN:
            if sid >= available or sid >= len(table):
                raise _corrupt(self.file, f"{what}: sector {sid:,} does not exist")
            if seen[sid]:
                raise _corrupt(self.file, f"{what}: the sector chain loops at {sid:,}")
            seen[sid] = 1
            ids.append(sid)
            sid = table[sid]
        return ids

    def _stream(self, start: int, size: int, what: str) -> bytes:
        """A chain of regular sectors, read a run of consecutive sectors at a time, cut to ``size`` (if > 0)."""
        if size > self.size:  # calamine reserves the declared size before reading
            raise _corrupt(self.file, f"{what} declares {size:,} bytes in a file of {self.size:,}")
        ids = self._chain(start, self.fat, self.count, what)
        parts, i = [], 0
        while i < len(ids):
            j = i + 1
            while j < len(ids) and ids[j] == ids[j - 1] + 1:
                j += 1
            parts.append(self._read((ids[i] + 1) * self.sector, (j - i) * self.sector))
            i = j
        data = b"".join(parts)
        return data[:size] if size else data

    def _directory(self) -> list[_Entry]:
        data = self._stream(self.dir_start, self.dir_bytes, "directory")
        wide = self.sector != 512  # version 4 files hold 64-bit stream sizes
        entries = []
        for at in range(0, len(data) - 127, 128):
            name = data[at : at + 64].decode("utf-16-le", "replace").split("\x00")[0]
            start = struct.unpack_from("<I", data, at + 116)[0]
            size = struct.unpack_from("<Q" if wide else "<I", data, at + 120)[0]
            entries.append(_Entry(name, start, size))
        if not entries:
            raise _corrupt(self.file, "empty directory")
        return entries

    def workbook_stream(self) -> bytes | None:
        """The "Workbook" (else "Book") stream, or None when there is neither (calamine then refuses the file).
        The mini stream and mini FAT are read and checked whenever the header declares a mini FAT, since
        calamine loads them then."""
        entries = self._directory()
        mini, minifat = b"", array("I")
        if self.minifat_len:
            root = entries[0]
            mini = self._stream(root.start, root.size, "mini stream")
            minifat = array("I")
            block = self._stream(self.minifat_start, self.minifat_len * self.sector, "mini FAT")
            minifat.frombytes(block[: len(block) // 4 * 4])
            if sys.byteorder == "big":
                minifat.byteswap()
        entry = next((e for e in entries if e.name == "Workbook"), None)
        entry = entry or next((e for e in entries if e.name == "Book"), None)
        if entry is None:
            return None
        if entry.size >= _MINI_CUTOFF:
            return self._stream(entry.start, entry.size, entry.name)
        ids = self._chain(entry.start, minifat, -(-len(mini) // _MINI_SECTOR), entry.name)
        data = b"".join(mini[i * _MINI_SECTOR : (i + 1) * _MINI_SECTOR] for i in ids)
        return data[: entry.size] if entry.size else data


# --------------------------------------------------------------------------------------------------
# The BIFF records

_RECORD = struct.Struct("<HH")
_U16X2 = struct.Struct("<HH")
_EOF, _BOF, _BOUNDSHEET, _SST, _FILEPASS, _CODEPAGE = 0x000A, 0x0809, 0x0085, 0x00FC, 0x002F, 0x0042
_DIMENSIONS, _MULRK, _FORMULA, _STRING = 0x0200, 0x00BD, 0x0006, 0x0207
# Records that calamine turns into one value cell, with the length it needs to read them: NUMBER, LABEL,
# BOOLERR, RK, LABELSST.
_CELLS = {0x0203: 14, 0x0204: 6, 0x0205: 8, 0x027E: 10, 0x00FD: 10}


def check_records(stream: bytes, file: str, where: Where) -> None:
    """Walk the workbook globals, then every sheet's records, as calamine does when it opens the file."""
    sheets = _globals(stream, file)
    total = scanned = 0
    for pos, name in sheets:
        reach = _scan_sheet(stream, pos, file)
        scanned += reach.end - pos
        if scanned > len(stream):  # each sheet's records are its own: calamine would read some many times
            raise _corrupt(file, "the sheets' records overlap")
        total += reach.check(where(name))
        if total > limits.MAX_BOOK_CELLS:
            raise BadFile(
                t("sheets.book_too_many_cells", file=file, cells=f"{total:,}", max=f"{limits.MAX_BOOK_CELLS:,}")
            )


def _records(stream: bytes, pos: int, file: str) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, end of data) from ``pos`` to the end of the stream."""
    size = len(stream)
    while pos + 4 <= size:
        typ, length = _RECORD.unpack_from(stream, pos)
        start = pos + 4
        pos = start + length
        if pos > size:
            raise _corrupt(file, f"record 0x{typ:04X} runs past the end of the workbook stream")
        yield typ, start, pos


def _globals(stream: bytes, file: str) -> list[tuple[int, str]]:
    """The sheets (offset of their records, name), from the BOUNDSHEET records before the first EOF; the
    shared-string table's declared count is checked on the way. [] for an encrypted file (calamine refuses
    it before reading a sheet)."""
    sheets: list[tuple[int, str]] = []
    biff8, codepage = True, 1252
    records = _records(stream, 0, file)
    for typ, start, end in records:
        if typ == _EOF:
            break
        if typ == _BOF and end - start >= 2:
            biff8 = struct.unpack_from("<H", stream, start)[0] in (0x0600, 0)
        elif typ == _CODEPAGE and end - start >= 2:
            codepage = struct.unpack_from("<H", stream, start)[0]
        elif typ == _FILEPASS and end - start >= 2 and stream[start : start + 2] != b"\0\0":
            return []
        elif typ == _SST and end - start >= 8:
            _check_sst(struct.unpack_from("<i", stream, start + 4)[0], file)
        elif typ == _BOUNDSHEET:
            if end - start < 8:
                raise _corrupt(file, "short BOUNDSHEET record")
            pos = struct.unpack_from("<I", stream, start)[0]
            if pos >= len(stream):
                raise _corrupt(file, f"a sheet starts at byte {pos:,}, past the end of the workbook stream")
            sheets.append((pos, _sheet_name(stream[start + 6 : end], biff8, codepage)))
    return sheets


def _check_sst(count: int, file: str) -> None:
    if count < 0:
        raise _corrupt(file, f"the shared-string table declares {count} strings")
    if count > limits.MAX_SHARED_STRINGS:
        raise BadFile(
            t("sheets.too_many_shared_strings", file=file, count=f"{count:,}", max=f"{limits.MAX_SHARED_STRINGS:,}")
        )


def _sheet_name(data: bytes, biff8: bool, codepage: int) -> str:
    """A BOUNDSHEET's name (for messages only): BIFF8 is Latin-1 or UTF-16, BIFF5 the workbook's code page."""
    count = data[0]
    if biff8:
        wide = len(data) > 1 and data[1] & 1
        raw = data[2 : 2 + count * (2 if wide else 1)]
        text = raw.decode("utf-16-le" if wide else "latin-1", "replace")
    else:
        try:
            encoding = codecs.lookup("utf-16-le" if codepage == 1200 else f"cp{codepage}").name
        except LookupError:
            encoding = "latin-1"
        text = data[1 : 1 + count].decode(encoding, "replace")
    return text.replace("\x00", "")


@dataclass
class _Reach:
    """What calamine allocates for one sheet: the DIMENSIONS rectangle it reserves, and the rectangles of
    the value cells and the formula cells (first to last row in record order, leftmost to rightmost column)."""

    end: int = 0  # where the sheet's records end
    declared: tuple[tuple[int, int], tuple[int, int]] | None = None
    values: list[int] | None = None  # first row, last row, first column, last column
    formulas: list[int] | None = None

    def check(self, where: str) -> int:
        """Refuse the sheet if a rectangle reaches too far; return the cells calamine allocates for it."""
        cells = 0
        if self.declared is not None:
            limits.check_extent(*self.declared, where)
            (r0, r1), (c0, c1) = self.declared
            cells = (r1 - r0 + 1) * (c1 - c0 + 1)
        for rect in (self.values, self.formulas):
            if rect is None:
                continue
            first, last, c0, c1 = rect
            if last < first:  # calamine takes last - first + 1 rows, modulo 2**32
                raise BadFile(t("sheets.rows_out_of_order", where=where, first=first + 1, last=last + 1))
            limits.check_extent((first, last), (c0, c1), where)
            area = (last - first + 1) * (c1 - c0 + 1)
            cells = max(cells, area) if rect is self.values else cells + area
        return cells


def _scan_sheet(stream: bytes, pos: int, file: str) -> _Reach:
    """One sheet's records, from its offset to its EOF record (or the end of the stream)."""
    reach = _Reach()
    values: list[int] | None = None
    formulas: list[int] | None = None
    formula_at = (0, 0)  # calamine places a STRING record at the last formula's cell (A1 before any)
    cells, pair = _CELLS, _U16X2.unpack_from
    for typ, start, end in _records(stream, pos, file):
        need = cells.get(typ)
        if need is not None:
            if end - start >= need:
                values = _extend(values, *pair(stream, start))
        elif typ == _EOF:
            reach.end = end
            break
        elif typ == _MULRK:
            values = _mulrk(stream, start, end, values)
        elif typ == _FORMULA and end - start >= 20:
            formula_at = pair(stream, start)
            values = _extend(values, *formula_at)  # its cached value (a string one comes as a STRING record)
            formulas = _extend(formulas, *formula_at)
        elif typ == _STRING and end - start >= 4:
            values = _extend(values, *formula_at)
        elif typ == _DIMENSIONS:
            reach.declared = _dimensions(stream[start:end], file) or reach.declared
    else:
        reach.end = len(stream)
    reach.values, reach.formulas = values, formulas
    return reach


def _extend(rect: list[int] | None, row: int, col: int) -> list[int]:
    if rect is None:
        return [row, row, col, col]
    rect[1] = row
    if col < rect[2]:
        rect[2] = col
    elif col > rect[3]:
        rect[3] = col
    return rect


def _mulrk(stream: bytes, start: int, end: int, values: list[int] | None) -> list[int] | None:
    """MULRK: one row, columns first..last, one 6-byte value each; calamine refuses other lengths."""
    if end - start < 6:
        return values
    row, first = _U16X2.unpack_from(stream, start)
    last = struct.unpack_from("<H", stream, end - 2)[0]
    count = (end - start - 6) // 6
    if count < 1 or end - start != 6 + 6 * count or first + count - 1 != last:
        return values
    values = _extend(values, row, first)
    return _extend(values, row, last)


def _dimensions(data: bytes, file: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """DIMENSIONS: first row, last row + 1, first column, last column + 1 (rows 16-bit in BIFF5/7, 32-bit in
    BIFF8). calamine reserves (last - first + 1) rows x columns, modulo 2**32: a last before the first asks for
    billions. None for another length (calamine refuses the record)."""
    if len(data) == 10:
        r0, r1, c0, c1 = struct.unpack_from("<4H", data)
    elif len(data) == 14:
        r0, r1, c0, c1 = struct.unpack_from("<IIHH", data)
    else:
        return None
    if r1 < 1 or c1 < 1:
        return (r0, r0), (c0, c0)
    if r1 - 1 < r0 or c1 - 1 < c0:
        raise _corrupt(file, f"DIMENSIONS rows {r0}-{r1}, columns {c0}-{c1}")
    return (r0, r1 - 1), (c0, c1 - 1)
