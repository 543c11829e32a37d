"""The summary of a draft: what was found and what is left, as data (for --format json) and as one line."""

from collections import Counter

from jinsanjiao_cli.i18n import join, register, t

from .model import Draft
from .writing import TODO_KINDS

register(
    {
        "draft.summary": (
            "{head}：{parts} 个部分、{sections} 节、{items} 项事项（计入完成度 {counted} 项）、{units} 个单位、"
            "牵头 {leads} 处、分工 {assignments} 处、目标候选 {targets} 句；待补充（TODO）{todos} 处{kinds}",
            "{head}: {parts} parts, {sections} sections, {items} items ({counted} counted), {units} units, "
            "{leads} leads, {assignments} assignments, {targets} target candidates; {todos} TODOs{kinds}",
        ),
        "draft.to_file": ("已写入草稿 {file}", "drafted {file}"),
        "draft.to_stdout": ("已输出草稿", "drafted"),
        "draft.kinds": ("：{kinds}", ": {kinds}"),
        "draft.kind.meta": ("基本信息", "plan details"),
        "draft.kind.counted": ("确认不计入", "not-counted parts"),
        "draft.kind.lead": ("牵头单位", "leads"),
        "draft.kind.clause": ("未读懂的责任条款", "unread clauses"),
        "draft.kind.deadline": ("完成时限", "deadlines"),
        "draft.kind.placement": ("未归位的文字", "unplaced text"),
        "draft.kind.unit": ("单位信息", "unit details"),
        "draft.kind.projects": ("项目", "projects"),
        "draft.kind.targets": ("目标", "targets"),
        "draft.kind.settings": ("设置", "settings"),
    }
)


def draft_summary(draft: Draft, todos: Counter, source: str) -> dict:
    """What the draft holds and what a person must still fill in, counted."""
    counted = [item for item in draft.items if item.counted]
    return {
        "source": source,
        "parts": len(draft.parts),
        "sections": len(draft.sections),
        "items": {"total": len(draft.items), "counted": len(counted), "not_counted": len(draft.items) - len(counted)},
        "units": len(draft.units),
        "leads": sum(len(item.lead) for item in draft.items),
        "assignments": sum(len(item.lead) + len(item.support) for item in draft.items),
        "counted_without_lead": sum(1 for item in counted if not item.lead),
        "target_candidates": len(draft.target_candidates),
        "todos": {"total": sum(todos.values()), **{kind: todos[kind] for kind in TODO_KINDS}},
    }


def summary_line(summary: dict, output: str | None) -> str:
    """The summary as one line: counts first, then the TODOs by kind (the kinds that have any)."""
    kinds = [f"{t(f'draft.kind.{kind}')} {summary['todos'][kind]}" for kind in TODO_KINDS if summary["todos"][kind]]
    return t(
        "draft.summary",
        head=t("draft.to_file", file=output) if output else t("draft.to_stdout"),
        parts=summary["parts"],
        sections=summary["sections"],
        items=summary["items"]["total"],
        counted=summary["items"]["counted"],
        units=summary["units"],
        leads=summary["leads"],
        assignments=summary["assignments"],
        targets=summary["target_candidates"],
        todos=summary["todos"]["total"],
        kinds=t("draft.kinds", kinds=join(kinds)) if kinds else "",
    )
