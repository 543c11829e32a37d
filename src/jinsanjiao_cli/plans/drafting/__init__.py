"""Drafting a plan.yaml from an official plan text or task table: what the source settles is written, the
rest is left to a person as `# TODO:` comments, never filled with an invented value.

The steps, one module each:

- `source`: the file (.txt, .docx, or a task table as .xlsx/.xls/.ods/.csv) read into numbered blocks;
- `front`: the cover notice, title, addressees, issuer and date, disclosure, 抄送 and the plan's horizon;
- `structure`: parts, sections and items, at whatever level the text numbers them;
- `clauses`: responsibility clauses: who leads, who supports; `units`: the unit lists they name;
- `tables`: task tables (分工表) and their 完成时限;
- `targets`: sentences that state a number to reach;
- `writing`: the YAML, each TODO at the key it concerns; `summary`: what was found and what is left.
"""

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.plans.drafting import clauses, front, tables
from jinsanjiao_cli.plans.drafting.model import Block, Draft, DraftItem, DraftMeta, Line, TaskRow
from jinsanjiao_cli.plans.drafting.source import MAX_SOURCE_BYTES, read_blocks
from jinsanjiao_cli.plans.drafting.structure import Body, is_structural, part_heading, read_body
from jinsanjiao_cli.plans.drafting.summary import draft_summary, summary_line
from jinsanjiao_cli.plans.drafting.targets import target_candidates
from jinsanjiao_cli.plans.drafting.units import split_units
from jinsanjiao_cli.plans.drafting.writing import draft_yaml, write_draft
from jinsanjiao_cli.text.i18n import join, t

__all__ = [
    "MAX_SOURCE_BYTES",
    "Draft",
    "Drafted",
    "draft_from_file",
    "draft_plan",
    "draft_summary",
    "draft_yaml",
    "split_units",
    "summary_line",
    "write_draft",
]


_IMPLICIT_PART = "正文"  # the one part of a text without 一、 headings, when the text gives no title either


@dataclass
class Drafted:
    draft: Draft
    yaml: str
    todos: Counter
    summary: dict


def draft_from_file(path: Path) -> Drafted:
    """The draft of the plan source at `path`, its YAML and its summary."""
    from jinsanjiao_cli.plans.plan_yaml import shown

    draft = draft_plan(read_blocks(path), shown(path))
    text, todos = write_draft(draft)
    return Drafted(draft, text, todos, draft_summary(draft, todos, shown(path)))


def draft_plan(blocks: list[Block] | list[str], source: str = "") -> Draft:
    """Read the plan's layout from its blocks (or plain paragraphs, numbered from 1)."""
    blocks = [Line(no, block) if isinstance(block, str) else block for no, block in enumerate(blocks, 1)]
    texts = [block.text if isinstance(block, Line) else "" for block in blocks]
    bound = next((i for i, b in enumerate(blocks) if isinstance(b, TaskRow) or part_heading(texts[i])), len(blocks))
    span = front.title_span(texts[:bound])
    after = span[1] if span else 0
    parts_follow = any(part_heading(text) for text in texts[after:])
    start = next((i for i in range(after, len(blocks)) if is_structural(blocks[i], parts_follow)), len(blocks))
    end = front.body_end(texts, start)
    meta = _meta(texts, span, start)
    body = read_body(blocks[start:end], meta.title or _IMPLICIT_PART)
    if not body.items:
        raise PlanError(_no_items(body, blocks[start:end] or blocks[after:] or blocks[-1:], source))
    _settle(body.items, clauses.stated_rule(texts[:start]), body.rules)
    deadlines = [item.deadline for item in body.items if item.deadline]
    meta.end, meta.end_from = front.horizon(texts[start:end], meta.title, deadlines)
    draft = Draft(source, meta, body.parts, body.sections, body.items, body.unplaced)
    draft.target_candidates = target_candidates(body.parts, body.items)
    return draft


def _meta(texts: list[str], span: tuple[int, int] | None, start: int) -> DraftMeta:
    """The cover notice and title block before the body, with the signature and 抄送 from anywhere."""
    meta = DraftMeta()
    if span is not None:
        meta.title = "".join(texts[span[0] : span[1]])
        # A note of how leads are found (（列第一位者为牵头单位，下同）) is a rule for the items, not preamble.
        preamble = [text for text in texts[span[1] : start] if text and not clauses.rule_note(text)]
        meta.preamble = "\n".join(preamble) or None
    meta.recipients = front.recipients([text for text in texts[: span[0] if span else start] if text])
    meta.issuer, meta.issued_on = front.signature([text for text in texts if text])
    meta.disclosure = front.disclosure(texts[:start])
    meta.copied_to = front.copied_to(texts)
    return meta


def _no_items(body: Body, blocks: list[Block], source: str) -> str:
    """Where items were expected: under the part headings, else in the body's lines."""
    headings = [part.line for part in body.parts if part.line]
    if headings:
        return t("draft.no_items_under", file=source, lines=join([str(no) for no in headings]))
    first, last = (blocks[0].no, blocks[-1].no) if blocks else (1, 1)
    return t("draft.no_items_in", file=source, lines=f"{first}–{last}" if last > first else str(first))


def _settle(items: list[DraftItem], stated: str | None, notes: list[tuple[int, str]]) -> None:
    """Each item's title, text, units and deadline. A rule statement (in the notice, in a clause, or a note on
    a line of its own) holds for the items that follow. Once the text states one for all (a note, or a clause
    that says 下同), a bracket that only lists units is read by it."""
    notes = sorted(notes)
    general = stated is not None
    for item in items:
        while notes and notes[0][0] < item.line:
            stated, general = notes.pop(0)[1], True
        found, paragraphs = clauses.item_clauses(item, by_rule=general)
        if ruled := clauses.last_rule(found):
            stated, general = ruled, general or any("下同" in clause.written for clause in found)
        assignment = clauses.assign(found, stated or clauses.FIRST)
        item.lead, item.support, item.named = assignment.lead, assignment.support, assignment.named
        item.open_words, item.open_reason = assignment.open_words, assignment.open_reason
        item.some_only = clauses.some_only(found)
        written = [clauses.as_written(c) for c in found if any(s.role != clauses.DEADLINE for s in c.segments)]
        item.responsible_as_written = "；".join(written) or None
        item.title, item.text = _title_and_text(paragraphs)
        item.units_from = ("table" if item.from_table else "clause") if item.named else None
        if not item.named and item.open_reason is None:
            clauses.read_unlabelled(item, paragraphs)
        item.deadline_written = next((c.deadline for c in found if c.deadline), None)
        item.deadline = tables.deadline(item.deadline_written) if item.deadline_written else None


def _title_and_text(paragraphs: list[str]) -> tuple[str, str]:
    """The title is the first paragraph up to its first 。, or up to a clause within that sentence
    (加快高速公路建设（…牵头），新开工…); the text is the rest."""
    if not paragraphs:
        return "", ""
    title, cut, tail = paragraphs[0].partition(clauses.CUT)
    if cut:
        tail = tail.lstrip("，,；; ")
    else:
        title, _, tail = paragraphs[0].partition("。")
    return title.strip(), "\n".join(p for p in [tail.strip(), *paragraphs[1:]] if p)
