"""Writing a Draft as plan.yaml text, every open question a `# TODO:` comment at the key it concerns.

The writer counts its TODOs by kind as it writes them, so the summary reports exactly what the file holds.
"""

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

from jinsanjiao_cli.plans.drafting.clauses import HINT
from jinsanjiao_cli.plans.drafting.model import Draft, DraftItem, DraftMeta, DraftPart, DraftSection
from jinsanjiao_cli.plans.drafting.units import is_group

TODO = "# TODO:"
_PROJECTS_TODO = "the named projects, platforms and events this item lists"
_GROUP_TODO = "a group, not a unit: name the units it means, here and in the tasks' lead/support"
TODO_KINDS = ("meta", "counted", "lead", "clause", "deadline", "placement", "unit", "projects", "targets", "settings")


def draft_yaml(draft: Draft) -> str:
    return write_draft(draft)[0]


def write_draft(draft: Draft) -> tuple[str, Counter]:
    """The draft as plan.yaml text, and its TODOs counted by kind."""
    writer = _Writer()
    blocks = [
        _header(draft),
        writer.meta(draft.meta),
        writer.parts(draft.parts),
        _sections(draft.sections),
        writer.units(draft.units),
        writer.tasks(draft.items, draft.meta.issued_on, draft.meta.end),
        writer.unplaced(draft),
        writer.targets(draft.target_candidates),
        [
            writer.todo(
                "settings",
                "settings: lights, role weights, reporting schedule and assessment weights take their defaults;",
            ),
            "#   give any that differ (docs/plan-format.md, `settings`).",
        ],
    ]
    return "\n".join(line for block in blocks for line in block) + "\n", writer.counts


def _header(draft: Draft) -> list[str]:
    return [
        f"# Drafted by `jsj plan draft` from {Path(draft.source).name or 'the plan text'}.",
        f"# Resolve each `{TODO}` (or leave it empty), then run `jsj plan check` on this file.",
        '# Format reference: docs/plan-format.md. Keys "no" are quoted: YAML 1.1 reads a bare no: as false.',
        "format: 1",
    ]


def _sections(sections: list[DraftSection]) -> list[str]:
    if not sections:
        return ["sections: []"]
    rows = [f'  - {{"no": {s.no}, numeral: {scalar(s.numeral)}, title: {scalar(s.title)}}}' for s in sections]
    return ["sections:", *rows]


class _Writer:
    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def todo(self, kind: str, text: str) -> str:
        self.counts[kind] += 1
        return f"{TODO} {text}"

    def field(self, key: str, value: object, todo: str, indent: int = 2, note: str = "") -> str:
        """`key: value`, or `key:` with a TODO when the text did not give the value."""
        pad = " " * indent
        if value is None or value == "":
            return f"{pad}{key}:  {self.todo('meta', todo)}"
        return f"{pad}{key}: {scalar(value)}" + (f"  # {note}" if note else "")

    def meta(self, meta: DraftMeta) -> list[str]:
        return [
            "plan:",
            self.field("title", meta.title, "the plan's title, as in 《…》"),
            self.field("issuer", meta.issuer, "the issuing body, as signed"),
            self.field("issued_on", meta.issued_on, "the signature date, YYYY-MM-DD"),
            f"  recipients: {flow(meta.recipients)}",
            f"  copied_to: {flow(meta.copied_to)}",
            *([f"  disclosure: {scalar(meta.disclosure)}"] if meta.disclosure else []),
            self.field("preamble", meta.preamble, "the paragraph before 一、, if any"),
            "  period:",
            self.field("start", meta.issued_on, "when the tasks start", indent=4, note="the issue date"),
            self.field("end", meta.end, "when the tasks end", indent=4, note=meta.end_from),
        ]

    def parts(self, parts: list[DraftPart]) -> list[str]:
        return ["parts:", *(self._part(part) for part in parts)]

    def _part(self, part: DraftPart) -> str:
        fields = [f'"no": {part.no}', f"numeral: {scalar(part.numeral)}", f"title: {scalar(part.title)}"]
        if part.text:
            fields.append(f"text: {scalar(chr(10).join(part.text))}")
        if part.counted is False:
            fields.append("counted: false")
        line = f"  - {{{', '.join(fields)}}}"
        if part.counted is False:
            why = f"confirm: {part.title} reads as safeguards, so its items are drafted as not counted"
            line += f"  {self.todo('counted', why)}"
        elif part.numeral is None:
            line += "  # the text has no 一、 parts: this one part holds every item"
        return line

    def units(self, units: list[str]) -> list[str]:
        lines = ["units:  # every unit the items name, in order of first mention" if units else "units: []"]
        for name in units:
            group = f"  {self.todo('unit', _GROUP_TODO)}" if is_group(name) else ""
            lines += [
                f"  - name: {scalar(name)}{group}",
                f"    full_name:  {self.todo('unit', 'the official full name (the name above is used if left empty)')}",
                f"    level:  {self.todo('unit', 'province | city | enterprise | other (other if left empty)')}",
                f"    aliases: []  {self.todo('unit', 'short forms users may type')}",
            ]
        return lines

    def tasks(self, items: list[DraftItem], start: dt.date | None, end: dt.date | None) -> list[str]:
        lines = ["tasks:"]
        for item in items:
            written = f"  # written {item.written} in the text" if item.number != item.no and item.written else ""
            lines += [
                f'  - "no": {item.no}{written}',
                f"    part: {item.part}",
                f"    section: {'null' if item.section is None else item.section}",
                f"    title: {scalar(item.title)}",
                f"    text: {scalar(item.text)}",
                f"    responsible_as_written: {scalar(item.responsible_as_written)}",
                f"    lead: {flow(item.lead)}{self._lead_note(item)}",
                f"    support: {flow(item.support)}",
                *self._some_only(item),
                f"    projects: []  {self.todo('projects', _PROJECTS_TODO)}",
                *self._period(item, start, end),
            ]
        return lines

    def _lead_note(self, item: DraftItem) -> str:
        quoted = "；".join(item.open_words)
        if item.open_reason == "unread":
            return f"  {self.todo('clause', f'fill in lead and support: the clause “{quoted}” could not be read')}"
        if item.open_reason == "ambiguous":
            return f"  {self.todo('clause', f'fill in lead and support: “{quoted}” does not say which unit leads')}"
        if item.open_reason == "no_lead":
            return f"  {self.todo('clause', f'fill in lead: “{quoted}” names only supporting units')}"
        if item.open_reason == "bare":
            why = f"fill in lead and support: “{quoted}” names the units (listed under units:), not who leads"
            return f"  {self.todo('clause', why)}"
        if item.units_from == "subject":
            return "  # the units the item names as 责任主体"
        if item.lead or not item.counted:
            return ""
        if hinted := [s for s in re.split(r"[。；\n]", f"{item.title}。{item.text}") if HINT.search(s)]:
            return f"  {self.todo('lead', f'fill in lead and support: the units may be in “{hinted[0]}”')}"
        return f"  {self.todo('lead', 'fill in lead (and support): the text names no responsible unit here')}"

    def _some_only(self, item: DraftItem) -> list[str]:
        if not item.some_only:
            return []
        quoted = "；".join(item.some_only)
        why = f"“{quoted}” names some of the units only (等): list the others in lead/support, and under units:"
        return [f"    {self.todo('unit', why)}"]

    def _period(self, item: DraftItem, start: dt.date | None, end: dt.date | None) -> list[str]:
        """The task's own period when its 完成时限 names a day after the issue date; without an issue date,
        that day as its end (the start is the plan's, still to fill in); a TODO when it names no day."""
        if not item.deadline_written:
            return []
        written, day = item.deadline_written, item.deadline
        if day and start and day >= start:
            return [f"    period: {{start: {start}, end: {day}}}  # 完成时限: {written}"]
        if day and start is None and day == end:
            return [f"    # 完成时限 {written}: the plan's end, so the task runs over the plan's period"]
        if day and start is None:
            why = f"start: the plan's start, as plan.period.start (the issue date); end: 完成时限 {written}"
            return [f"    period: {{start: null, end: {day}}}  {self.todo('deadline', why)}"]
        if day is None:
            why = f"完成时限 “{written}” names no day to meet: give {{start: …, end: …}} or leave it empty"
        else:
            why = f"完成时限 {written} is before the issue date {start}: give {{start: …, end: …}} or leave it empty"
        return [f"    period:  {self.todo('deadline', why)}"]

    def unplaced(self, draft: Draft) -> list[str]:
        if not draft.unplaced:
            return []
        lines = [self.todo("placement", "text under a section heading before its first item; place it or drop it:")]
        return lines + [f"#   line {line.no}: {line.text}" for line in draft.unplaced]

    def targets(self, candidates: list[tuple[str, str]]) -> list[str]:
        lines = ["targets: []"]
        if candidates:
            lines.append(
                self.todo("targets", "sentences that state a target; encode those to track (docs/plan-format.md):")
            )
            lines += [f"#   {where}: {sentence}" for where, sentence in candidates]
        return lines


def flow(names: list[str]) -> str:
    return f"[{', '.join(scalar(name) for name in names)}]"


# Plain YAML is kept for text that starts with a CJK character (or a bracket, as in "(一)") and holds none
# of YAML's indicators; anything else is written double-quoted, in JSON's syntax, which YAML reads alike.
_PLAIN = re.compile(r"(?:[^\x00-\x7f]|\()[^:#,\[\]{}&*!|>'\"%@`\\\n]*")


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if _PLAIN.fullmatch(text) and text == text.strip() else json.dumps(text, ensure_ascii=False)
