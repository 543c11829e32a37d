"""An official document (公文) as plain data: a title, numbered sections, paragraphs, tables and figures.

The bulletin (工作进展通报) is built as one of these from the plan's numbers; writers turn it into a Word
file laid out to GB/T 9704-2012 (`officialdoc.docx.write_docx`) or into Markdown
(`officialdoc.markdown.to_markdown`). The model holds text, already worded and formatted, and figures as
finished PNG images with their captions: a writer renders exactly what it is given and adds no words of
its own. A line break ("\n") in any text is a line
break in the document: that is how a long title is broken where its sense allows (GB/T 9704-2012 7.3.3).

Importing this package costs nothing: python-docx is imported by the .docx writer alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from jinsanjiao_cli.render.safe_text import inert_text as inert

Align = Literal["left", "center", "right"]
Lang = Literal["zh", "en"]
Level = Literal[1, 2]

ALIGNMENTS: tuple[Align, ...] = ("left", "center", "right")
LANGS: tuple[Lang, ...] = ("zh", "en")
LEVELS: tuple[Level, ...] = (1, 2)


@dataclass(frozen=True)
class Table:
    """A table with one header row. Cells are text, formatted by the caller ("45.0%", "—")."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[Align, ...] = ()  # per column; () means every column left
    widths: tuple[float, ...] = ()  # relative column widths; () means equal
    caption: str | None = None  # a line above the table, e.g. "表1 各单位推进情况"
    whole: tuple[int, ...] = ()  # columns whose cells never break over lines (dates, lights): made wide enough

    def __post_init__(self) -> None:
        # A ragged table is a bug in the code that built it: say so here rather than as a broken file.
        count = len(self.columns)
        if count == 0:
            raise ValueError("a table needs at least one column")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != count:
                raise ValueError(f"table row {number} has {len(row)} cells for {count} columns")
        if self.align and (len(self.align) != count or not set(self.align) <= set(ALIGNMENTS)):
            raise ValueError(f"align needs one of {ALIGNMENTS} per column, got {self.align}")
        if self.widths and (len(self.widths) != count or min(self.widths) <= 0):
            raise ValueError(f"widths needs one positive number per column, got {self.widths}")
        if any(not 0 <= column < count for column in self.whole):
            raise ValueError(f"whole names columns 0-{count - 1}, got {self.whole}")

    def column_align(self, column: int) -> Align:
        return self.align[column] if self.align else "left"

    def relative_widths(self) -> tuple[float, ...]:
        """Each column's share of the table width; the shares add up to 1."""
        widths = self.widths or (1.0,) * len(self.columns)
        total = sum(widths)
        return tuple(width / total for width in widths)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Image:
    """A figure: a PNG image, centred, `width_cm` wide, with its caption under it ("图1 进度趋势") and a text
    alternative (what the figure shows, in words: Word's alternative text; Markdown's paragraph)."""

    png: bytes
    width_cm: float
    caption: str
    alt: str

    def __post_init__(self) -> None:
        if not self.png.startswith(PNG_SIGNATURE):
            raise ValueError("an image block holds PNG data")
        if not 0 < self.width_cm <= 15.6:  # the type area is 156 mm wide
            raise ValueError(f"an image is between 0 and 15.6 cm wide, got {self.width_cm}")


@dataclass(frozen=True)
class Section:
    """A heading and what follows it. The heading carries its own numbering as written ("一、", "(一)")."""

    heading: str
    level: Level  # 1: 一、 in 黑体; 2: (一) in 楷体_GB2312
    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"a section's level is 1 or 2, got {self.level!r}")


Block = str | Table | Image | Section  # a str is one body paragraph


@dataclass(frozen=True)
class Record:
    """The 版记 (GB/T 9704-2012 7.4): the 抄送 line, if any, and who printed the document when, between
    rules, at the foot of the last page."""

    printed_by: str  # 印发机关
    printed_on: str  # 印发日期, as written: "2022年6月30日印发"
    copied_to: str | None = None  # the whole 抄送 line: "抄送：临汾市人民政府，运城市人民政府。"


@dataclass(frozen=True)
class OfficialDocument:
    """The whole document. `issuer` and `date` (成文日期, as written) close it, placed as GB/T 9704-2012
    7.3.5.2 places an unsealed document's signature: the issuer right-aligned, the date under it.
    `recipients` is the 主送 line (7.3.3: under the title, flush left, ending with a full-width colon), and
    `record` the 版记 (7.4)."""

    title: str  # may be long: it wraps, centred
    subtitle: tuple[str, ...] = ()  # centred lines under the title, e.g. ("(第3期)", "2022年6月30日")
    blocks: tuple[Block, ...] = ()
    lang: Lang = "zh"  # "en": Latin fonts chosen for English text as well (see officialdoc.docx)
    issuer: str | None = None
    date: str | None = None
    recipients: str | None = None  # "临汾市发展改革委、运城市发展改革委、省直有关部门："
    record: Record | None = None

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"lang is one of {LANGS}, got {self.lang!r}")


def walk(blocks: tuple[Block, ...]) -> list[Block]:
    """Every block in reading order, sections before their contents."""
    found: list[Block] = []
    for block in blocks:
        found.append(block)
        if isinstance(block, Section):
            found.extend(walk(block.blocks))
    return found


def one_line(text: str, lang: Lang) -> str:
    """A text broken over lines (a long title) as one line, where a line must be one: joined without a
    space in Chinese, with one in English."""
    return ("" if lang == "zh" else " ").join(line.strip() for line in text.splitlines())


def inert_document(document: OfficialDocument) -> OfficialDocument:
    """The document with every text made inert (render/safe_text.py): a control or bidirectional-control
    character that reached the ledger from another program shows as a visible stand-in, in the .docx
    (which cannot hold most of them at all) and in Markdown alike. Line breaks stay line breaks."""
    return replace(
        document,
        title=inert(document.title),
        subtitle=tuple(map(inert, document.subtitle)),
        blocks=tuple(_inert_block(block) for block in document.blocks),
        issuer=_inert_optional(document.issuer),
        date=_inert_optional(document.date),
    )


def _inert_block(block: Block) -> Block:
    if isinstance(block, Section):
        return replace(block, heading=inert(block.heading), blocks=tuple(map(_inert_block, block.blocks)))
    if isinstance(block, Table):
        return replace(
            block,
            columns=tuple(map(inert, block.columns)),
            rows=tuple(tuple(map(inert, row)) for row in block.rows),
            caption=_inert_optional(block.caption),
        )
    if isinstance(block, Image):
        return replace(block, caption=inert(block.caption), alt=inert(block.alt))
    return inert(block)


def _inert_optional(text: str | None) -> str | None:
    return None if text is None else inert(text)
