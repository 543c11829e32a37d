"""The draft as plain data: what the text settled, where it stood, and what it left open.

A source is read into blocks: `Line`s of text and `TaskRow`s of a task table (分工表), each with its line
number (the line of a .txt, the paragraph or table row of a .docx, the row of a sheet), so every open
question can be reported at its place.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    no: int  # 1-based: line of a .txt, paragraph or table row of a .docx, row of a sheet
    text: str


@dataclass(frozen=True)
class Cell:
    """One responsibility or deadline cell of a task row: its role (see `clauses`), its header and value."""

    role: str
    header: str
    value: str


@dataclass(frozen=True)
class TaskRow:
    """One task of a task table (序号, 重点工作, 牵头单位, 责任单位, 完成时限 …)."""

    no: int
    number: str | None  # the 序号 cell as written
    task: str
    cells: tuple[Cell, ...]


Block = Line | TaskRow


@dataclass
class DraftPart:
    no: int
    numeral: str | None  # None for the one implicit part of a text without 一、 headings
    title: str
    line: int = 0
    text: list[str] = field(default_factory=list)  # prose paragraphs
    counted: bool | None = None  # None: the part has no items


@dataclass
class DraftSection:
    no: int
    numeral: str
    title: str


@dataclass
class DraftItem:
    line: int
    written: str  # the number as the text writes it: "3.", "（三）", "3"
    number: int | None  # what that number reads as; None when it is no number
    part: int
    section: int | None
    paragraphs: list[str]  # the item's own text, bracketed clauses included
    label_lines: list[str] = field(default_factory=list)  # 牵头单位：… lines after the item
    cells: tuple[Cell, ...] = ()  # the responsibility and deadline cells of a task-table row
    from_table: bool = False
    no: int = 0  # the plan's number: the written one, unless another item has it already
    title: str = ""
    text: str = ""
    responsible_as_written: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # every unit the item names, assigned or not
    units_from: str | None = None  # "clause", "table", "subject" (责任主体) or None
    open_words: list[str] = field(default_factory=list)  # clause words the drafter could not place
    open_reason: str | None = None  # why they could not be placed (see clauses.OPEN_REASONS)
    some_only: list[str] = field(default_factory=list)  # clause words naming some units only (…等部门)
    deadline_written: str | None = None
    deadline: dt.date | None = None
    counted: bool = True


@dataclass
class DraftMeta:
    title: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    recipients: list[str] = field(default_factory=list)
    copied_to: list[str] = field(default_factory=list)
    disclosure: str | None = None
    preamble: str | None = None
    end: dt.date | None = None  # the plan's horizon
    end_from: str = ""  # what the end was read from, for the comment beside it


@dataclass
class Draft:
    source: str
    meta: DraftMeta
    parts: list[DraftPart]
    sections: list[DraftSection]
    items: list[DraftItem]
    unplaced: list[Line]  # body text that belongs to no part text or item
    target_candidates: list[tuple[str, str]] = field(default_factory=list)  # (where, sentence)

    @property
    def units(self) -> list[str]:
        """Every unit the items name, in order of first mention."""
        return list(dict.fromkeys(name for item in self.items for name in item.named))
