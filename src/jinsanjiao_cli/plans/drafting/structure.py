"""Parts, sections and items: the numbered layout of a plan's body, at whatever level the text numbers it.

- 一、二、… are parts. A text with none has one implicit part.
- In a part with 1. 2. … items (or task-table rows), （一）（二）… are sections, numbered through the plan; a
  section heading that runs into prose (（二）推进贸易便利化。围绕…) is the heading and then text.
- In a part without 1. items, （一）（二）… (also （十一） … （五十三）) are the items themselves.
- (1) (2) … and any other paragraph belong to the item above them; label lines (牵头单位：…) too.
- A part about goals or principles (总体要求, 主要目标 …) that names no responsible unit is prose.
- An item keeps its written number unless an earlier item has it (numbering restarted in a new part):
  then it takes the next free number.
"""

import re
from dataclasses import dataclass, field

from jinsanjiao_cli.plans.drafting import clauses
from jinsanjiao_cli.plans.drafting.model import Block, DraftItem, DraftPart, DraftSection, Line, TaskRow
from jinsanjiao_cli.plans.drafting.units import bracket_groups

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "一二三四五六七八九十百〇零两"
_PART = re.compile(rf"([{_CN}]+)[、．.]\s*([^。]{{1,40}})")
_SECTION = re.compile(rf"([（(][{_CN}]+[）)])\s*(.+)", re.S)
_ITEM = re.compile(r"(\d{1,3})\s*[.．、]\s*(.+)", re.S)
_GOALS = re.compile(
    r"总体要求|指导思想|基本原则|工作原则|主要目标|总体目标|工作目标|发展目标|预期目标|总体思路|基本思路"
)
# A part of safeguards: its items are listed, not counted. 强化要素保障 or 保障和改善民生 are key tasks.
_SAFEGUARDS = re.compile(r"保障措施|(?:组织|工作|实施|制度|政策)保障|保障机制|组织实施|工作要求|实施要求|组织领导")


def cn_number(numeral: str) -> int | None:
    """一 → 1, 十一 → 11, 五十三 → 53, 一百零五 → 105; None for anything else."""
    total, digit = 0, None
    for char in numeral:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in "十百":
            total += (1 if digit is None else digit) * (10 if char == "十" else 100)
            digit = None
        else:
            return None
    total += digit or 0
    return total or None


def part_heading(text: str) -> tuple[str, str] | None:
    match = _PART.fullmatch(text)
    return (match[1], match[2].strip()) if match and cn_number(match[1]) else None


def section_heading(text: str) -> tuple[str, str, str] | None:
    """（二）推进贸易便利化。围绕… → ("（二）", "推进贸易便利化", "围绕…")."""
    match = _SECTION.fullmatch(text)
    if not match or not cn_number(match[1][1:-1]):
        return None
    title, _, rest = match[2].strip().partition("。")
    return (match[1], title.strip(), rest.strip()) if title.strip() else None


def item_line(text: str, last: int | None) -> tuple[int, str] | None:
    """1.加强… → (1, "加强…"). A number followed by a digit (11.121人才梯队项目) is an item only when it is
    the next number, so a sub-number (1.1) or a decimal (2.5亿元) is not one."""
    match = _ITEM.fullmatch(text)
    if not match:
        return None
    number, rest = int(match[1]), match[2].strip()
    if rest[:1].isdigit() and number not in (1, (last or 0) + 1):
        return None
    return number, rest


def is_structural(block: Block, parts_follow: bool) -> bool:
    """Where the body starts: a part heading, a task table, or (in a text without parts) the first item."""
    if isinstance(block, TaskRow) or part_heading(block.text):
        return True
    return not parts_follow and bool(section_heading(block.text) or item_line(block.text, None))


# ---------------------------------------------------------------- reading the body


@dataclass
class Body:
    parts: list[DraftPart] = field(default_factory=list)
    sections: list[DraftSection] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    rules: list[tuple[int, str]] = field(default_factory=list)  # (line, rule) of notes on lines of their own

    def rule_note(self, block: Line) -> bool:
        """Whether the line is a note stating how leads are found (（列第一位者为牵头单位，下同）): kept as the
        rule from there on, not as prose to place."""
        rule = clauses.rule_note(block.text)
        if rule:
            self.rules.append((block.no, rule))
        return bool(rule)


def read_body(blocks: list[Block], implicit_title: str) -> Body:
    """Parts, sections and items in document order."""
    body = Body()
    for heading, chunk in _part_chunks(blocks):
        found = part_heading(heading.text) if heading else None
        numeral, title = found if found else (None, implicit_title)
        part = DraftPart(len(body.parts) + 1, numeral, title, heading.no if heading else 0)
        body.parts.append(part)
        if _is_prose(part, chunk, body.items[-1].number if body.items else None):
            part.text = [block.text for block in chunk if isinstance(block, Line) and not body.rule_note(block)]
        else:
            _PartReader(body, part, chunk).read()
    for part in body.parts:
        own = [item for item in body.items if item.part == part.no]
        part.counted = None if not own else not _SAFEGUARDS.search(part.title)
        for item in own:
            item.counted = part.counted is not False
    _number(body.items)
    return body


def _part_chunks(blocks: list[Block]) -> list[tuple[Line | None, list[Block]]]:
    chunks: list[tuple[Line | None, list[Block]]] = []
    for block in blocks:
        if isinstance(block, Line) and part_heading(block.text):
            chunks.append((block, []))
        elif not chunks:
            chunks.append((None, [block]))
        else:
            chunks[-1][1].append(block)
    return chunks


def _is_prose(part: DraftPart, chunk: list[Block], last: int | None) -> bool:
    """Goals and principles that name no responsible unit, or a part with no numbered paragraph at all."""
    lines = [block for block in chunk if isinstance(block, Line)]
    if len(lines) < len(chunk):
        return False
    numbered = _has_items(chunk, last) or any(section_heading(line.text) for line in lines)
    return not numbered or (bool(_GOALS.search(part.title)) and not any(_names_units(line.text) for line in lines))


def _has_items(chunk: list[Block], last: int | None) -> bool:
    """Whether the part numbers items 1. 2. … (or holds task-table rows), given the plan's last number."""
    return any(isinstance(block, TaskRow) or item_line(block.text, last) for block in chunk)


def _names_units(text: str) -> bool:
    if clauses.is_label_line(text):
        return True
    found = (clauses.read_clause(text[start + 1 : end - 1]) for start, end in bracket_groups(text))
    return any(clause is not None and (clause.segments or clause.unread) for clause in found)


class _PartReader:
    """Reads one part's blocks: with 1. items (sections above them) or with （一） items."""

    def __init__(self, body: Body, part: DraftPart, chunk: list[Block]) -> None:
        self.body, self.part, self.chunk = body, part, chunk
        self.numbered = _has_items(chunk, self._last_number())
        self.section: int | None = None
        self.item: DraftItem | None = None

    def read(self) -> None:
        for block in self.chunk:
            if isinstance(block, TaskRow):
                self._add_row(block)
            elif heading := section_heading(block.text):
                self._section(block, heading) if self.numbered else self._section_item(block, heading)
            elif self.numbered and (numbered := item_line(block.text, self._last_number())):
                self._add(block.no, f"{numbered[0]}.", numbered[0], [numbered[1]])
            else:
                self._prose(block)

    def _last_number(self) -> int | None:
        return self.body.items[-1].number if self.body.items else None

    def _section(self, block: Line, heading: tuple[str, str, str]) -> None:
        numeral, title, rest = heading
        self.body.sections.append(DraftSection(len(self.body.sections) + 1, numeral, title))
        self.section, self.item = len(self.body.sections), None
        if rest:  # a heading that runs into prose: the prose introduces the section
            self.body.unplaced.append(Line(block.no, rest))

    def _section_item(self, block: Line, heading: tuple[str, str, str]) -> None:
        numeral, title, rest = heading
        first = f"{title}。{rest}" if rest else title
        self._add(block.no, numeral, cn_number(numeral[1:-1]), [first])

    def _add_row(self, row: TaskRow) -> None:
        item = self._add(row.no, row.number or "", _row_number(row.number), [row.task])
        item.cells, item.from_table = row.cells, True

    def _add(self, line: int, written: str, number: int | None, paragraphs: list[str]) -> DraftItem:
        self.item = DraftItem(line, written, number, self.part.no, self.section, paragraphs)
        self.body.items.append(self.item)
        return self.item

    def _prose(self, block: Line) -> None:
        if self.body.rule_note(block):
            return
        if self.item is not None and clauses.is_label_line(block.text):
            self.item.label_lines.append(block.text)
        elif self.item is not None and not self.item.from_table:
            self.item.paragraphs.append(block.text)
        elif self.section is None and self.item is None:
            self.part.text.append(block.text)
        else:
            self.body.unplaced.append(block)


def _row_number(written: str | None) -> int | None:
    text = (written or "").strip().strip("（()）.．、")
    if text.isdigit():
        return int(text)
    return cn_number(text) if text else None


def _number(items: list[DraftItem]) -> None:
    """Each item keeps its written number unless an earlier item has it; then it takes the next free one."""
    used: set[int] = set()
    highest = 0
    for item in items:
        number = item.number
        item.no = highest + 1 if number is None or number < 1 or number in used else number
        used.add(item.no)
        highest = max(highest, item.no)
