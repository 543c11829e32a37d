"""Responsibility clauses: which units lead an item and which support it, in the words the text uses.

Published plans write the same facts in many ways; these are read:

- labelled lists, in （）, (), 〔〕, [] or 【】, anywhere in the item, or on lines of their own after it:
  （责任单位：A、B，C）, （牵头单位：A；配合单位：B、C）, 〔负责部门：A；适用范围：…〕, 牵头单位：A;
- units followed by what they do: （A牵头，B、C配合）, （A、B按职责分工负责）, （A指导）;
- rule statements, which hold for what follows: 排在第一位的部门为牵头部门，下同 / 列第一位者为牵头单位
  (the default anyway), 责任单位即为牵头单位 (every responsible unit leads), 排名不分先后 (none does).

The lead is the first unit unless the text says otherwise. A clause the drafter cannot read whole assigns
nothing: its words are kept for a TODO, because a wrong assignment is worse than an open one.
"""

import re
from dataclasses import dataclass, field

from jinsanjiao_cli.plans.drafting.model import Cell, DraftItem
from jinsanjiao_cli.plans.drafting.units import all_units, bracket_groups, lists_organisations, split_top, split_units

# The roles a clause gives: units that lead, are responsible (NEUTRAL: see LABELS), support or guide;
# and words that name a person, a scope or a deadline rather than a unit.
LEAD, NEUTRAL, SUPPORT, GUIDE = "lead", "neutral", "support", "guide"
PERSON, SCOPE, DEADLINE = "person", "scope", "deadline"
UNIT_ROLES = (LEAD, NEUTRAL, SUPPORT, GUIDE)

# Label → role. NEUTRAL units are responsible without a stated lead: the first leads (unless a rule says
# otherwise), or all support when another label names the lead (牵头单位：A / 责任单位：B, C).
LABELS: dict[str, str] = {
    **dict.fromkeys(("牵头单位", "牵头部门", "牵头责任单位", "牵头处室"), LEAD),
    **dict.fromkeys(
        ("主要责任单位", "责任单位", "责任部门", "负责单位", "负责部门", "主责单位", "承办单位", "实施单位"), NEUTRAL
    ),
    **dict.fromkeys(
        ("配合单位", "配合部门", "协办单位", "参与单位", "协同单位", "协助单位", "参加单位", "支持单位"), SUPPORT
    ),
    **dict.fromkeys(
        ("牵头领导", "责任领导", "分管领导", "联系领导", "牵头市领导", "牵头区领导", "牵头县领导", "责任人"), PERSON
    ),
    **dict.fromkeys(("适用范围", "实施范围"), SCOPE),
    **dict.fromkeys(("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时限"), DEADLINE),
}
_LABEL = re.compile(rf"({'|'.join(sorted(LABELS, key=len, reverse=True))})\s*[:：]\s*(.*)", re.S)
_VERBS: dict[str, str] = {
    # 分别负责 / 分别牵头: each unit answers for its own share, so every one of them leads
    **dict.fromkeys(("分别负责", "分别牵头", "牵头负责", "牵头落实", "牵头实施", "牵头推进", "牵头抓总", "牵头"), LEAD),
    **dict.fromkeys(
        ("配合落实", "配合实施", "配合推进", "按职责配合", "积极配合", "配合", "参与", "协助", "协同", "协办"), SUPPORT
    ),
    **dict.fromkeys(
        (
            "按职责分工负责",
            "按职责分工落实",
            "按职责负责",
            "共同负责",
            "负责落实",
            "负责实施",
            "具体负责",
            "组织实施",
            "负责",
            "落实",
        ),
        NEUTRAL,
    ),
    **dict.fromkeys(("督促指导", "指导"), GUIDE),
}
_VERB = re.compile(rf"(?:具体|并|均|另)?由?(.+?)({'|'.join(sorted(_VERBS, key=len, reverse=True))})", re.S)
_EACH = ("分别负责", "分别牵头")
# 其中市工信局牵头 / 市工信局为牵头单位 / 由市工信局作为牵头部门: the unit that leads, named after the list.
_WITHIN = "其中"
_NAMED_LEAD = re.compile(r"(?:由|以)?(.+?)(?:为|是|任|作为)(?:牵头|主责)(?:单位|部门)?")
# 市发展改革委会同市财政局负责: the first leads, the ones it works with support.
_TOGETHER = re.compile(r"(.+?)(?:会同|联合)(.+)")
# Words that make a bracket a responsibility clause even when it cannot be read whole.
HINT = re.compile(r"牵头|配合|责任单位|责任部门|负责部门|按职责|协办|参与单位")
_DEADLINE_WORDS = re.compile(r"\d{4}\s*年.*(?:前|底|末|完成|以前|之前)|长期坚持|持续推进|长期|持续")

# Part of a rule statement that changes nothing by itself: 下同, 其他为配合单位, 责任单位中（排在第一位的…）.
_NEUTRAL_PIECE = re.compile(
    r"^(?:下同|无牵头单位的?|(?:其他|其余)(?:单位|部门)?为(?:配合|参与|责任)(?:单位|部门)|(?:责任)?(?:单位|部门)中)$"
)
# Rule statements: how the lead is found in this clause and the ones that follow.
FIRST, ALL, NONE = "first", "all", "none"
_RULES = (
    (re.compile(r"即为牵头|均为牵头|都是牵头"), ALL),
    (re.compile(r"不分先后|排名不分|无先后"), NONE),
    (re.compile(r"第一[位个]?.*牵头|排名第一|排序第一|首位.*牵头"), FIRST),
    (_NEUTRAL_PIECE, ""),
)
_NOTE_PREFIX = re.compile(r"^(?:注|备注|说明)\s*\d*\s*[:：]\s*")

_LEAD_MARK = re.compile(r"\s*[（(]牵头(?:单位|部门)?[）)]$")  # 市发展改革委（牵头）

# "北原市、南湖市人民政府是…的责任主体": the units an item makes responsible, all of them leads.
_SUBJECT = re.compile(r"(?:^|[。\n])([^。,，;；\n]{2,80}?)是[^。]*?责任主体")
OPEN_REASONS = ("unread", "ambiguous", "no_lead", "bare")


# ---------------------------------------------------------------- one clause


@dataclass
class Segment:
    role: str
    units: list[str]
    written: str


@dataclass
class Clause:
    written: str
    segments: list[Segment] = field(default_factory=list)
    rule: str | None = None  # FIRST, ALL or NONE when the clause states how the lead is found
    unread: list[str] = field(default_factory=list)  # pieces that fit no form

    @property
    def deadline(self) -> str | None:
        return next((s.written for s in self.segments if s.role == DEADLINE), None)


def read_clause(content: str) -> Clause | None:
    """The clause a bracket's content (or a label line) states; None when it is no responsibility clause."""
    reading = _Reading(Clause(content.strip()))
    for piece in (p.strip() for p in split_top(content, r"[,，;；。]")):
        if piece:
            reading.take(piece)
    clause = reading.done()
    if not clause.segments and clause.rule and not clause.unread:  # a rule alone: （列第一位者为牵头单位，下同）
        return clause
    if not clause.segments:
        return Clause(clause.written, unread=[clause.written]) if HINT.search(content) else None
    return clause


class _Reading:
    """One clause read piece by piece (the pieces between its commas and semicolons)."""

    def __init__(self, clause: Clause) -> None:
        self.clause = clause
        self.continuing: Segment | None = None  # a labelled list the next piece may continue
        self.pending: list[str] = []  # units waiting for their verb: A、B，C负责

    def take(self, piece: str) -> None:
        if piece.startswith(_WITHIN):  # A、B，其中B牵头: the list is responsible, and one of it leads
            self._flush()
            piece = piece.removeprefix(_WITHIN).strip()
        if labelled := _LABEL.fullmatch(piece):
            self._labelled(piece, LABELS[labelled[1]], labelled[2].strip())
        elif (rule := _rule(piece)) is not None:
            self.clause.rule, self.continuing = rule or self.clause.rule, None
        elif _DEADLINE_WORDS.fullmatch(piece):
            self._add(Segment(DEADLINE, [], piece))
        elif (named := _NAMED_LEAD.fullmatch(piece)) and all_units(units := split_units(named[1])):
            self._units(LEAD, units, piece)
            self.continuing = None
        elif (acting := _VERB.fullmatch(piece)) and (read := _acting(acting[1], _VERBS[acting[2]])):
            (role, units), *others = read
            self._units(role, [*self.pending, *units], piece)
            for other_role, other_units in others:
                self._units(other_role, other_units, piece)
            self.pending, self.continuing = [], None
        elif (
            self.continuing is not None
            and self.continuing.role in UNIT_ROLES
            and all_units(units := split_units(piece))
        ):
            self._units(self.continuing.role, units, piece, extend=True)
        elif self.continuing is not None and self.continuing.role in (PERSON, SCOPE):
            self.continuing.written += f"，{piece}"
        elif all_units(units := split_units(piece)):
            self.pending += units
        else:
            self.clause.unread.append(piece)

    def _labelled(self, piece: str, role: str, value: str) -> None:
        if role not in UNIT_ROLES:
            self._add(Segment(role, [], value))
            self.continuing = self.clause.segments[-1]
            return
        acting = _VERB.fullmatch(value) if role == NEUTRAL else None
        read = _acting(acting[1], _VERBS[acting[2]]) if acting else None
        if read:  # 责任单位：A牵头，B参与
            for acting_role, units in read:
                self._units(acting_role, units, piece)
            self.continuing = None
        else:
            self._units(role, split_units(value), piece)

    def _flush(self) -> None:
        """Units listed without a verb (A、B，其中B牵头) are responsible: the first or a named one leads."""
        if self.pending:
            self._units(NEUTRAL, self.pending, "、".join(self.pending))
            self.pending, self.continuing = [], None

    def _units(self, role: str, units: list[str], written: str, extend: bool = False) -> None:
        """A segment of units in a role (or more units for the list being continued); a unit marked
        A（牵头） in the list leads, the others keep the role."""
        marked = [_LEAD_MARK.sub("", unit) for unit in units if _LEAD_MARK.search(unit)]
        plain = [unit for unit in units if not _LEAD_MARK.search(unit)]
        if role == LEAD:
            plain, marked = [_LEAD_MARK.sub("", unit) for unit in units], []
        if marked:
            self.clause.segments.append(Segment(LEAD, marked, written))
        if extend and self.continuing is not None:
            self.continuing.units += plain
            return
        self._add(Segment(role, plain, written))
        self.continuing = self.clause.segments[-1]

    def _add(self, segment: Segment) -> None:
        self.clause.segments.append(segment)
        self.continuing = None

    def done(self) -> Clause:
        each = [s for s in self.clause.segments if s.role == LEAD and s.written.endswith(_EACH)]
        if each and len(each) < sum(s.role == LEAD for s in self.clause.segments):
            for segment in each:  # A牵头，B、C分别负责: a lead named apart; those answering each for a share support
                segment.role = SUPPORT
        if self.pending and self.clause.rule and not any(s.role in UNIT_ROLES for s in self.clause.segments):
            # 市交通运输局、市财政局。列第一位者为牵头单位: the list is responsible, the rule says who leads
            self.clause.segments.insert(0, Segment(NEUTRAL, self.pending, "、".join(self.pending)))
            self.pending = []
        if self.pending and self.clause.segments:  # units no verb or label claims: the clause is not read whole
            self.clause.unread.append("、".join(self.pending))
        return self.clause


def _acting(units_written: str, role: str) -> list[tuple[str, list[str]]] | None:
    """(role, units) for the units before a verb; A会同B负责 has A lead and B support. None when the words
    are not all unit names (a connective word is never taken for a unit)."""
    together = _TOGETHER.fullmatch(units_written)
    if together and role in (LEAD, NEUTRAL):
        first, others = split_units(together[1]), split_units(together[2])
        return [(LEAD, first), (SUPPORT, others)] if all_units(first) and all_units(others) else None
    units = split_units(units_written)
    return [(role, units)] if all_units(units) else None


def _rule(piece: str) -> str | None:
    return next((rule for pattern, rule in _RULES if pattern.search(piece)), None)


def rule_note(text: str) -> str | None:
    """The rule a line of its own states, for the items that follow: （列第一位者为牵头单位，下同）, 注：排在
    第一位的为牵头单位。 None for any other line; a line that only says 下同 states no rule either."""
    inner = text.strip()
    if bracket_groups(inner) == [(0, len(inner))]:
        inner = inner[1:-1]
    pieces = [p.strip() for p in split_top(_NOTE_PREFIX.sub("", inner.strip()), r"[,，;；。]") if p.strip()]
    rules = [_rule(piece) for piece in pieces]
    if not rules or None in rules:
        return None
    return next((rule for rule in reversed(rules) if rule), None)


def is_label_line(text: str) -> bool:
    """A line such as 牵头单位：市发展改革委, which gives the units of the item above it."""
    return bool(_LABEL.match(text))


def stated_rule(texts: list[str]) -> str | None:
    """The last rule statement in prose (a cover letter may say 责任单位即为牵头单位 once for the plan)."""
    rules = [rule for text in texts for pattern, rule in _RULES[:3] if pattern.search(text)]
    return rules[-1] if rules else None


# ---------------------------------------------------------------- an item's clauses


CUT = "\ue000"  # where a clause stood in an item's first sentence: the title ends there


def item_clauses(item: DraftItem, by_rule: bool = False) -> tuple[list[Clause], list[str]]:
    """The item's clauses (bracketed, on label lines, from table cells) and its paragraphs with the read
    clauses cut out (a clause that could not be read stays in the text, so nothing is lost). With `by_rule`
    (the text has stated how leads are found), a closing bracket that only lists units is a clause too."""
    clauses: list[Clause] = []
    kept: list[str] = []
    for index, paragraph in enumerate(item.paragraphs):
        found, text = _bracketed(paragraph, first=index == 0)
        clauses += found
        kept.append(text)
    if lines := [c for line in item.label_lines if (c := read_clause(line)) is not None]:
        # 牵头单位：A and 责任单位：B on lines of their own state one clause: B supports A.
        merged = Clause("；".join(c.written for c in lines), [s for c in lines for s in c.segments])
        merged.rule, merged.unread = last_rule(lines), [p for c in lines for p in c.unread]
        clauses.append(merged)
    if item.cells:
        clauses.append(_table_clause(item.cells))
    kept = [text for text in kept if text]
    if by_rule and not _names(clauses) and not any(c.unread for c in clauses) and (bare := closing_list(kept)):
        content, start, end = bare
        clauses.append(Clause(content, [Segment(NEUTRAL, split_units(content), content)]))
        kept[-1] = (kept[-1][:start] + kept[-1][end:]).strip()
    return clauses, [text for text in kept if text]


def _bracketed(paragraph: str, first: bool = False) -> tuple[list[Clause], str]:
    """The clauses in a paragraph's brackets, in order, and the paragraph without those read whole. In an
    item's first paragraph, a clause read within the first sentence and followed by more of it is marked
    with CUT: the words before it are the item's title."""
    found: list[Clause] = []
    text = paragraph
    for start, end in reversed(bracket_groups(paragraph)):
        clause = read_clause(paragraph[start + 1 : end - 1])
        if clause is None or (not clause.unread and all(s.role == DEADLINE for s in clause.segments)):
            continue  # no clause, or only a date (（2024年底前完成）), which stays in the text
        found.insert(0, clause)
        if clause.unread:
            continue
        within = first and "。" not in paragraph[:start] and re.match(r"[，,；;]\s*\S", paragraph[end:])
        text = text[:start] + (CUT if within and clause.segments else "") + text[end:]
    if text.count(CUT) > 1:  # the title ends at the first clause
        head, _, tail = text.partition(CUT)
        text = head + CUT + tail.replace(CUT, "")
    return found, text.strip()


def closing_list(paragraphs: list[str]) -> tuple[str, int, int] | None:
    """A bracket at the end of the item that only lists units (（市商务局、市财政局）): its content and span."""
    last = paragraphs[-1] if paragraphs else ""
    groups = bracket_groups(last)
    if groups and groups[-1][1] >= len(last.rstrip("。；")):
        start, end = groups[-1]
        if lists_organisations(content := last[start + 1 : end - 1]):
            return content, start, end
    return None


def read_unlabelled(item: DraftItem, paragraphs: list[str]) -> None:
    """An item without a clause: the units it makes 责任主体 lead; a closing bracket that only lists units
    names them (they are listed under units:), but says nothing of who leads: a TODO quotes it."""
    if subject := _SUBJECT.search(f"{item.title}。{item.text}"):
        item.lead = split_units(subject[1])
        item.named, item.units_from = list(item.lead), "subject"
        return
    if bare := closing_list(paragraphs):
        item.open_words, item.open_reason = [bare[0]], "bare"
        item.named, item.units_from = split_units(bare[0]), "clause"


# 市发展改革委等部门负责, A、B等: the list names some of the units only.
_SOME_ONLY = re.compile(r"等(?:有关|相关|其他|其它)?(?:部门|单位)?(?=$|[、，,；;。]|按|负责|牵头|配合|参与|落实|指导)")


def some_only(clauses: list[Clause]) -> list[str]:
    """The words of the item's clauses that name some units only (…等部门), for a TODO."""
    segments = (s for c in clauses for s in c.segments if s.role in UNIT_ROLES)
    return list(dict.fromkeys(s.written for s in segments if _SOME_ONLY.search(s.written)))


def _table_clause(cells: tuple[Cell, ...]) -> Clause:
    clause = Clause("；".join(f"{cell.header}：{cell.value}" for cell in cells if cell.role != DEADLINE))
    for cell in cells:
        units = split_units(cell.value) if cell.role in UNIT_ROLES else []
        clause.segments.append(Segment(cell.role, units, cell.value))
    return clause


@dataclass
class Assignment:
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)
    open_words: list[str] = field(default_factory=list)
    open_reason: str | None = None


def assign(clauses: list[Clause], rule: str) -> Assignment:
    """Lead and support from an item's clauses, under the rule in force (FIRST unless the text said other).

    Each clause is read on its own (an item whose sub-points (1) (2) carry their own clauses has the leads
    of each), and the results joined. A clause not read whole, or one that does not say who leads, may
    change the meaning of the rest: then nothing is assigned and the words are kept for a TODO."""
    named = _names(clauses)
    if unread := [c.written for c in clauses if c.unread]:
        return Assignment(named=named, open_words=unread, open_reason="unread")
    resolved = [(clause, _resolve(clause, next_rule([clause], rule))) for clause in clauses]
    if ambiguous := [clause.written for clause, roles in resolved if roles is None]:
        return Assignment(named=named, open_words=ambiguous, open_reason="ambiguous")
    settled = [roles for _, roles in resolved if roles is not None]  # every one, after the check above
    lead = list(dict.fromkeys(name for roles in settled for name in roles[0]))
    support = [n for n in dict.fromkeys(n for roles in settled for n in roles[1]) if n not in lead]
    found = Assignment(lead, support, named)
    if support and not lead:
        found.open_words, found.open_reason = [c.written for c in clauses], "no_lead"
    return found


def _resolve(clause: Clause, rule: str) -> tuple[list[str], list[str]] | None:
    """(lead, support) of one clause; None when it does not say which unit leads."""
    roles: dict[str, list[str]] = {role: [] for role in UNIT_ROLES}
    for segment in clause.segments:
        if segment.role in UNIT_ROLES:
            roles[segment.role] += segment.units
    if roles[LEAD]:
        return roles[LEAD], roles[NEUTRAL] + roles[GUIDE] + roles[SUPPORT]
    # Who 负责 leads where another unit 指导 (guides); a unit that only guides leads when it is alone.
    responsible = roles[NEUTRAL] or roles[GUIDE]
    guiding = roles[GUIDE] if roles[NEUTRAL] else []
    if responsible and rule == NONE:  # 排名不分先后: the order says nothing
        return None
    if rule == ALL:
        return responsible, guiding + roles[SUPPORT]
    return responsible[:1], responsible[1:] + guiding + roles[SUPPORT]


def _names(clauses: list[Clause]) -> list[str]:
    units = (u for c in clauses for s in c.segments if s.role in UNIT_ROLES for u in s.units)
    return list(dict.fromkeys(units))


def as_written(clause: Clause) -> str:
    """The clause as the text writes it; a lone 责任单位：… list without its label, which the key
    `responsible_as_written` already names."""
    labelled = _LABEL.fullmatch(clause.written) if len(clause.segments) == 1 and not clause.unread else None
    return labelled[2].strip() if labelled and labelled[1] == "责任单位" else clause.written


def last_rule(clauses: list[Clause]) -> str | None:
    """The last rule these clauses state (how the lead is found), if any."""
    stated = [clause.rule for clause in clauses if clause.rule]
    return stated[-1] if stated else None


def next_rule(clauses: list[Clause], rule: str) -> str:
    """The rule in force after these clauses: a statement holds for what follows (下同)."""
    return last_rule(clauses) or rule
