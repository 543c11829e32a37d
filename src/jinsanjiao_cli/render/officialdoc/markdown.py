"""An OfficialDocument as Markdown (GitHub-flavoured), for OA systems and messages.

The title is a `#` heading and the subtitle lines plain lines under it (Markdown cannot centre them);
level-1 sections are `##`, level-2 `###`; a table is a pipe table under its caption line; the 主送 line is
a plain line under the subtitle; the issuer and the date close the document as plain lines, and the 版记
follows under a rule. A figure is not drawn: Markdown goes where pictures do not (messages, OA text
fields), so it is written as its caption and its text alternative.

Text is always text: a unit's note may hold `*`, `|`, `<b>` or `&amp;`, and the reader must see exactly
those characters. Every character Markdown or HTML would act on is escaped with a backslash (which
CommonMark defines for all ASCII punctuation), so nothing becomes emphasis, a link, a tag or an entity,
and a `|` cannot split a table cell. A line break inside a paragraph is a Markdown hard break; inside a
table cell, where a pipe table has no other way to break a line, it is `<br>`.
"""

from __future__ import annotations

import re

from jinsanjiao_cli.render.officialdoc import (
    Align,
    Image,
    Lang,
    OfficialDocument,
    Section,
    Table,
    inert_document,
    one_line,
    walk,
)

# Acted on anywhere in a line: emphasis, code, links, raw HTML and entities, table cells, headings'
# closing sequences, GitHub's strikethrough and maths.
_INLINE = re.compile(r"([\\`*_\[\]<&|~#$])")
# Acted on only at the start of a line: lists (- + 1. 1)), block quotes (>), setext underlines (= -).
# A digit cannot be escaped, so an ordered list's marker is broken at its "." or ")".
_LINE_START = re.compile(r"^[-+=>]")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
_DELIMITER: dict[Align, str] = {"left": ":---", "center": ":---:", "right": "---:"}
_HARD_BREAK = "\\\n"
_CELL_BREAK = "<br>"


def to_markdown(document: OfficialDocument) -> str:
    """The document as Markdown text, ending with a newline."""
    document = inert_document(document)
    blocks = [_heading(1, document.title, document.lang)]
    blocks += [escape(line) for line in document.subtitle]
    blocks += [escape(document.recipients)] if document.recipients else []
    blocks += [_block(block, document.lang) for block in walk(document.blocks)]
    blocks += [escape(line) for line in (document.issuer, document.date) if line]
    if document.record is not None:  # the 版记, under a rule
        record = document.record
        blocks += ["---", *([escape(record.copied_to)] if record.copied_to else [])]
        blocks.append(escape(f"{record.printed_by}　　{record.printed_on}"))
    return "\n\n".join(block for block in blocks if block) + "\n"


def _block(block: str | Table | Image | Section, lang: Lang) -> str:
    if isinstance(block, Section):
        return _heading(block.level + 1, block.heading, lang)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Image):
        return f"{escape(block.caption)}\n\n{escape(block.alt)}"
    return escape(block)


def _heading(level: int, text: str, lang: Lang) -> str:
    """A heading is one line in Markdown: a title broken over two lines in the .docx is joined again."""
    return f"{'#' * level} {_escape_line(one_line(text, lang))}"


def _table(table: Table) -> str:
    delimiters = tuple(_DELIMITER[table.column_align(column)] for column in range(len(table.columns)))
    lines = [_row(tuple(_cell(text) for text in table.columns)), _row(delimiters)]
    lines += [_row(tuple(_cell(text) for text in row)) for row in table.rows]
    if table.caption:
        return f"{escape(table.caption)}\n\n" + "\n".join(lines)
    return "\n".join(lines)


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: str) -> str:
    return _CELL_BREAK.join(_escape_inline(line.strip()) for line in text.splitlines()) if text.strip() else ""


def escape(text: str) -> str:
    """Plain text as Markdown that renders as exactly that text; line breaks become hard breaks."""
    lines = [_escape_line(line.strip()) for line in text.splitlines()]
    return _HARD_BREAK.join(line for line in lines if line)


def _escape_line(line: str) -> str:
    line = _LINE_START.sub(lambda match: "\\" + match.group(0), _escape_inline(line))
    return _ORDERED_MARKER.sub(r"\1\\\2", line)


def _escape_inline(text: str) -> str:
    return _INLINE.sub(r"\\\1", text)
