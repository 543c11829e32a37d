"""Delimited text (``.csv``, ``.tsv``, ``.txt``), streamed: rows a chunk at a time, in bounded memory.

Encoding
    UTF-8 (with or without BOM) or GB18030 (a superset of GBK, the default of Chinese Excel), decided line
    by line: an ASCII line fits both; a line that is valid UTF-8 is UTF-8; any other must be GB18030. When
    lines disagree (a GBK file with one line pasted from a UTF-8 one), the file is refused and the lines of
    each kind are named, because decoding it either way would store some notes garbled. A UTF-16 BOM
    (Excel's "Unicode text") is honoured. ``encoding=`` overrides all of this (and decodes every line so).

Bounds
    One pass over the bytes first (`scan_text`) decides the encoding and refuses at once a line longer than
    `limits.MAX_LINE_BYTES`, a NUL byte, or bytes neither encoding can read, each naming the line. While
    reading, a quoted field may not grow past the same bound (an unclosed quote would swallow the rest of
    the file), and a row may not have more fields than a spreadsheet has columns.

Delimiter
    Comma, unless tabs or semicolons clearly separate the fields of the first lines (an Excel ``sep=X``
    first line is obeyed and dropped). Lines without a quote split at the delimiter exactly as the csv module
    would split them, and faster; lines with quotes go through the csv module.

Cells are text (``str``) or None for an empty field.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets import limits
from jinsanjiao_cli.io.sheets.limits import EXCEL_MAX_COLUMNS, MAX_LINE_BYTES
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.i18n import t

CHUNK = 2048  # rows handed on at a time
_MAX_NAMED = 5  # lines named per encoding when they disagree
_UTF16 = ("utf-16", "utf-32")

MAX_COLUMNS = 500
"""A row with a non-empty cell beyond this many columns is refused (it is nearly always a stray cell)."""


# --------------------------------------------------------------------------------------------------
# The byte pass: encoding and bounds


class _LineKinds:
    """Which lines were read as UTF-8 and which as GB18030 (the first few of each, and how many)."""

    def __init__(self) -> None:
        self.lines: dict[str, list[int]] = {"utf-8": [], "gb18030": []}
        self.counts = {"utf-8": 0, "gb18030": 0}

    def add(self, kind: str, line: int) -> None:
        self.counts[kind] += 1
        if len(self.lines[kind]) < _MAX_NAMED:
            self.lines[kind].append(line)

    def encoding(self) -> str:
        return "gb18030" if self.counts["gb18030"] else "utf-8"

    def mixed(self) -> bool:
        return bool(self.counts["utf-8"] and self.counts["gb18030"])


def scan_text(path: Path, file: str, encoding: str | None) -> str:
    """The encoding to read the file with, after one bounded pass over its bytes; raises BadFile."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if encoding is None and head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    if encoding is not None and encoding.startswith(_UTF16):
        return encoding
    kinds = _LineKinds()
    for line_no, offset, block in _byte_blocks(path, file):
        _check_block(block, (line_no, offset), file, encoding, kinds)
    if encoding is not None:
        return "utf-8-sig" if encoding == "utf-8" else encoding
    if kinds.mixed():
        raise BadFile(_mixed_message(path, file))
    return "utf-8-sig" if kinds.encoding() == "utf-8" else "gb18030"


def _byte_blocks(path: Path, file: str) -> Iterator[tuple[int, int, bytes]]:
    """(number of the block's first line, its byte offset, block): whole lines, each at most MAX_LINE_BYTES."""
    line_no = 1
    offset = 0
    carry = b""
    with open(path, "rb") as fh:
        while True:
            raw = fh.read(limits.BLOCK)
            data = carry + raw
            # At the last line end: \n, or a lone \r in a file of old Mac line ends (a \r\n is never cut in two:
            # a window holding no \n at all is a line too long anyway)
            cut = (data.rfind(b"\n") + 1 or data.rfind(b"\r") + 1) if raw else len(data)
            block, carry = data[:cut], data[cut:]
            first = block.find(b"\n")
            first = first if first >= 0 else block.find(b"\r")
            if len(carry) > MAX_LINE_BYTES or (first if first >= 0 else len(block)) > MAX_LINE_BYTES:
                raise BadFile(t("sheets.line_too_long", file=file, line=line_no, max=f"{MAX_LINE_BYTES:,}"))
            if block:
                yield line_no, offset, block
                line_no += block.count(b"\n")
                offset += len(block)
            if not raw:
                return


def _check_block(block: bytes, at: tuple[int, int], file: str, encoding: str | None, kinds: _LineKinds) -> None:
    """NUL bytes and undecodable bytes refuse the file; each non-ASCII line is counted as UTF-8 or GB18030."""
    line_no, offset = at
    nul = block.find(b"\x00")
    if nul >= 0:
        line = line_no + block.count(b"\n", 0, nul)
        raise BadFile(t("sheets.nul_byte", file=file, line=line, offset=offset + nul + 1))
    if block.isascii():
        return
    if encoding is not None:
        try:
            block.decode(encoding)
        except UnicodeError as exc:  # not only UnicodeDecodeError: some codecs (idna) raise the base class
            start = getattr(exc, "start", 0)
            line = line_no + block.count(b"\n", 0, start)
            raise BadFile(
                t("sheets.undecodable", file=file, encodings=encoding, line=line, offset=offset + start + 1)
            ) from None
        return
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # every line of the block is UTF-8 (line ends never fall inside a character)
        kinds.add("utf-8", line_no + block.count(b"\n", 0, _first_non_ascii(block)))
        return
    start = offset
    for number, text in enumerate(block.split(b"\n"), line_no):
        if not text.isascii():
            kinds.add(_line_kind(text, (number, start), file), number)
        start += len(text) + 1


def _first_non_ascii(block: bytes) -> int:
    for i, byte in enumerate(block):
        if byte >= 0x80:
            return i
    return 0


def _line_kind(line: bytes, at: tuple[int, int], file: str) -> str:
    """ "utf-8" or "gb18030" for a non-ASCII line at (line number, byte offset); BadFile if neither reads it."""
    try:
        line.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        line.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError as exc:
        # Report the position reached by the encoding that got further: most likely the one meant.
        offset = at[1] + max(utf8_error, exc.start) + 1
        raise BadFile(
            t("sheets.undecodable", file=file, encodings="UTF-8, GB18030", line=at[0], offset=offset)
        ) from None


def _mixed_message(path: Path, file: str) -> str:
    """Name the lines of each encoding: a second, line-by-line pass (only for a file being refused)."""
    kinds = _LineKinds()
    for line_no, offset, block in _byte_blocks(path, file):
        start = offset
        for number, line in enumerate(block.split(b"\n"), line_no):
            if not line.isascii():
                kinds.add(_line_kind(line, (number, start), file), number)
            start += len(line) + 1
    return t(
        "sheets.mixed_encoding",
        file=file,
        utf8=_named_lines(kinds, "utf-8"),
        gb=_named_lines(kinds, "gb18030"),
    )


def _named_lines(kinds: _LineKinds, kind: str) -> str:
    named = i18n.join([str(n) for n in kinds.lines[kind]])
    total = kinds.counts[kind]
    if total == len(kinds.lines[kind]):
        return t("sheets.lines", lines=named)
    return t("sheets.lines_more", lines=named, total=total)


# --------------------------------------------------------------------------------------------------
# Decoding


def _text_blocks(path: Path, file: str, encoding: str) -> Iterator[str]:
    """The decoded text, in blocks that end at a line end (the last may not)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    carry = ""
    line, offset = 1, 0  # the line and byte the block read next starts at (for a message)
    with open(path, "rb") as fh:
        while True:
            raw = fh.read(limits.BLOCK)
            text = carry + _decode(decoder, raw, (file, encoding, line, offset))
            offset += len(raw)
            cut = (text.rfind("\n") + 1 or text.rfind("\r") + 1) if raw else len(text)
            block, carry = text[:cut], text[cut:]
            if len(carry) > MAX_LINE_BYTES:  # only UTF-16 gets here: the byte pass bounded the others
                raise BadFile(t("sheets.line_too_long", file=file, line="?", max=f"{MAX_LINE_BYTES:,}"))
            if block:
                line += block.count("\n")
                yield block
            if not raw:
                return


def _decode(decoder: codecs.IncrementalDecoder, raw: bytes, at: tuple[str, str, int, int]) -> str:
    """Decode the next bytes; an error names the line and byte (UTF-16 and UTF-32 named with --encoding skip
    the byte pass, so a UTF-8 file read as UTF-16 fails only here)."""
    file, encoding, line, offset = at
    buffered = len(decoder.getstate()[0])
    try:
        return decoder.decode(raw, final=not raw)
    except UnicodeError as exc:  # also the base class: "UTF-16 stream does not start with BOM"
        start = max(0, offset - buffered + getattr(exc, "start", 0))
        raise BadFile(t("sheets.undecodable", file=file, encodings=encoding, line=line, offset=start + 1)) from None


# --------------------------------------------------------------------------------------------------
# Records


class CsvRows:
    """The rows of a delimited text file; `chunks()` reads it from the start each time it is called."""

    format = "csv"
    sheet: str | None = None

    def __init__(self, path: Path, file: str, encoding: str | None) -> None:
        self.path = path
        self.file = file
        self.encoding = scan_text(path, file, encoding)

    def chunks(self) -> Iterator[tuple[int, list[list[object]]]]:
        """(0-based index of the first row, rows), CHUNK rows at a time; "" fields are None."""
        texts = _text_blocks(self.path, self.file, self.encoding)
        first = next(texts, "")
        if first.startswith("\ufeff"):
            first = first[1:]
        first, delimiter = _delimiter(first, self.path.suffix.lower())
        blocks = _prepend(first, texts)
        count = 0
        for records in _records(blocks, delimiter, self.file):
            for start in range(0, len(records), CHUNK):
                part = records[start : start + CHUNK]
                rows = _rows(part, count, self.file)
                yield count, rows
                count += len(rows)

    def percent_cells(self, column: int) -> None:
        return None  # text has no cell formats


def _prepend(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest


def _delimiter(text: str, ext: str) -> tuple[str, str]:
    """(the text without an Excel ``sep=X`` line, the delimiter)."""
    head = _head(text, 31).split("\n", 31)
    first = head[0].strip()
    if len(first) == 5 and first.lower().startswith("sep="):
        return (text.split("\n", 1)[1] if "\n" in text else ""), first[4]
    return text, _sniff_delimiter(head[:30], ext)


def _head(text: str, lines: int) -> str:
    """The text up to its `lines`-th newline (all of it if it has fewer), without copying the rest."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[:end]


def _sniff_delimiter(lines: list[str], ext: str) -> str:
    """Comma, unless tab (or semicolon) clearly separates the fields: on at least as many sample lines as
    commas do, and more often. ``.tsv`` starts from tab."""
    lines = [ln for ln in lines if ln.strip()]
    default = "\t" if ext == ".tsv" else ","
    if not lines:
        return default

    def score(d: str) -> tuple[int, int]:
        return sum(1 for ln in lines if d in ln), sum(ln.count(d) for ln in lines)

    best, best_score = default, score(default)
    for d in ("\t", ",", ";"):
        if d == default:
            continue
        s = score(d)
        if s[0] >= best_score[0] and s[1] > best_score[1] and s[0] >= max(1, len(lines) // 2):
            best, best_score = d, s
    return best


class _LineFeed:
    """Lines (with their line ends) for the csv module, taken from text blocks as it asks for them."""

    def __init__(self, blocks: Iterator[str]) -> None:
        self.blocks = blocks
        self.lines: deque[str] = deque()
        self.line_no = 0  # lines handed out so far, over the whole file

    def __iter__(self) -> _LineFeed:
        return self

    def __next__(self) -> str:
        if not self.lines:
            self.lines.extend(io.StringIO(next(self.blocks), newline=""))
        self.line_no += 1
        return self.lines.popleft()


def _records(blocks: Iterator[str], delimiter: str, file: str) -> Iterator[list[list[str]]]:
    """The records of each block: split at the delimiter when the block has no quote (exactly as the csv
    module would split it: tests/test_sheets_reader.py compares the two), else through the csv module,
    which may take lines of the next blocks for a quoted field that spans them."""
    feed = _LineFeed(blocks)
    reader = csv.reader(feed, delimiter=delimiter)
    while True:
        if not feed.lines:
            text = next(blocks, None)
            if text is None:
                return
            if '"' not in text and delimiter in _PLAIN_DELIMITERS:
                lines = _split_lines(text)
                feed.line_no += len(lines)
                yield [line.split(delimiter) if line else [] for line in lines]
                continue
            feed.lines.extend(io.StringIO(text, newline=""))
        yield _quoted_records(feed, reader, file)


_PLAIN_DELIMITERS = (",", "\t", ";")


def _quoted_records(feed: _LineFeed, reader: Iterator[list[str]], file: str) -> list[list[str]]:
    """The records of the lines queued in the feed (the last may take more lines from later blocks)."""
    records: list[list[str]] = []
    old_limit = csv.field_size_limit(MAX_LINE_BYTES)
    try:
        while feed.lines:
            records.append(next(reader))
    except StopIteration:
        pass
    except csv.Error as exc:
        raise BadFile(t("sheets.bad_csv", file=file, line=feed.line_no, error=_one_line(exc))) from None
    finally:
        csv.field_size_limit(old_limit)
    return records


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


def _rows(records: list[list[str]], first: int, file: str) -> list[list[object]]:
    """Records as rows: "" -> None; a row wider than the column cap refused, or cut when only empties."""
    rows: list[list[object]] = records  # type: ignore[assignment]
    for record in rows:
        if "" in record:
            if record.count("") == 1:
                record[record.index("")] = None
            else:
                record[:] = [v or None for v in record]
    if rows and max(map(len, rows)) > MAX_COLUMNS:
        for j, record in enumerate(rows):
            if len(record) > MAX_COLUMNS:
                rows[j] = cap_width(record, first + j + 1, t("sheets.where.file", file=file))
    return rows


def cap_width(row: list[object], row_no: int, where: str) -> list[object]:
    """A row cut to MAX_COLUMNS, when nothing is beyond; else BadFile naming the row."""
    if len(row) > EXCEL_MAX_COLUMNS:
        raise BadFile(t("sheets.too_many_fields", where=where, row=row_no, count=len(row), max=EXCEL_MAX_COLUMNS))
    last = len(row) - 1
    while last >= 0 and row[last] is None:
        last -= 1
    if last >= MAX_COLUMNS:
        raise BadFile(t("sheets.too_many_columns", where=where, row=row_no, count=last + 1, max=MAX_COLUMNS))
    return row[:MAX_COLUMNS]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__
