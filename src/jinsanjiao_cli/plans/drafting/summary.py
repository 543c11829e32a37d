"""The summary of a draft: what was found and what is left, as data (for --format json) and as one line."""

from collections import Counter

from jinsanjiao_cli.plans.drafting.model import Draft
from jinsanjiao_cli.plans.drafting.writing import TODO_KINDS
from jinsanjiao_cli.text.i18n import join, t


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
