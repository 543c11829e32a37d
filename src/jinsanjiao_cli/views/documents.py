"""Plain-data documents of what jsj reports: the JSON a script reads, and what tables, notices, the
workbook and the bulletin are rendered from. Keys are the stable English ones documented in the README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jinsanjiao_cli.core.cycle import (
    Contact,
    Item,
    Late,
    Overdue,
    Reporting,
    UnitRecord,
    UnitSummary,
    late_list,
    overdue_list,
)
from jinsanjiao_cli.core.progress import Judgement, SectionInput, SectionResult
from jinsanjiao_cli.core.schedule import Period
from jinsanjiao_cli.core.secrets import mask_address
from jinsanjiao_cli.core.values import round_half_up
from jinsanjiao_cli.text.i18n import t


def r2(value: float | None) -> float | None:
    """A figure as every document carries it: 2 decimals, rounded half up (core/values.py)."""
    return None if value is None else round_half_up(value, 2)


def section_identity(row: SectionInput | SectionResult) -> dict:
    """A row of the sections' summary as JSON names it: a section by its number (`part` null), a part
    without sections, which stands as its own row, by its part's number (`no` null)."""
    is_part = row.kind == "part"
    return {"no": None if is_part else row.no, "part": row.no if is_part else None, "title": row.title}


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def state_label(judgement: Judgement) -> str:
    """A light's state in words (已完成 / 序时推进 / 进度滞后 …)."""
    return t(f"state.{judgement.state}")


def period_document(period: Period) -> dict:
    return {"label": period.label, "start": iso(period.start), "end": iso(period.end), "due": iso(period.due)}


def unit_summary_document(summary: UnitSummary) -> dict:
    return {
        "name": summary.name,
        "owed": summary.owed,
        "reported": summary.reported,
        "late": summary.late,
        "overdue": summary.overdue,
        "pending": summary.pending,
        "rate": r2(summary.rate),
        "last_report": iso(summary.last_report),
    }


def overdue_document(item: Overdue) -> dict:
    return {
        "unit": item.unit,
        "task": item.task,
        "title": item.title,
        "due": iso(item.due),
        "days_overdue": item.days_overdue,
    }


def late_document(item: Late) -> dict:
    return {
        "unit": item.unit,
        "task": item.task,
        "title": item.title,
        "due": iso(item.due),
        "reported_on": iso(item.reported_on),
        "days_late": item.days_late,
    }


def record_document(record: UnitRecord) -> dict:
    return {
        "unit": record.unit,
        "rate": r2(record.rate),
        "periods": [
            {
                "period": p.period,
                "due": iso(p.due),
                "owed": p.owed,
                "reported": p.reported,
                "late": p.late,
                "overdue": p.overdue,
                "pending": p.pending,
            }
            for p in record.periods
        ],
    }


def reports_document(
    view: Reporting, period_index: int, *, unit: str | None = None, task: int | None = None, everything: bool = False
) -> dict:
    """`jsj reports`: one period's units and overdue list; with `everything`, each unit's record too."""
    period = view.periods[period_index]
    period_items = [i for i in view.items(period_index, task) if unit is None or i.owed.unit == unit]
    summaries = [s for s in view.unit_summaries(period_items) if unit is None or s.name == unit]
    document = {
        "as_of": view.as_of.isoformat(),
        "period": period_document(period),
        "units": [unit_summary_document(s) for s in summaries if s.owed or unit is not None],
        "late": [late_document(item) for item in late_list(period_items)],
        "overdue": [overdue_document(o) for o in overdue_list(period_items, view.as_of)],
    }
    if everything:
        records = [r for r in view.records(task) if unit is None or r.unit == unit]
        document["history"] = [record_document(r) for r in records if any(p.owed for p in r.periods)]
    return document


def _contact_keys(contact: Contact | None) -> dict:
    return {
        "contact": contact.contact if contact else None,
        "phone": contact.phone if contact else None,
        "email": contact.email if contact else None,
    }


def chase_document(view: Reporting, period_index: int, contacts: dict[str, Contact], unit: str | None) -> dict:
    """`jsj remind`: every overdue report of the period, with the unit's contact (a report made late is not
    overdue: its unit is never told it has not reported)."""
    period_items = [i for i in view.items(period_index) if unit is None or i.owed.unit == unit]
    rows = [
        {**overdue_document(o), **_contact_keys(contacts.get(o.unit))} for o in overdue_list(period_items, view.as_of)
    ]
    return {
        "as_of": view.as_of.isoformat(),
        "period": period_document(view.periods[period_index]),
        **_by_unit("overdue", rows, view.units),
    }


def _by_unit(key: str, rows: list[dict], units: Sequence[str]) -> dict:
    """The rows one unit after another (plan order), each unit's by task, under `key`; and `units`: each
    unit once, with its contact, and its rows (`items`) without the unit's keys, as its notice groups them."""
    place = {name: index for index, name in enumerate(units)}
    rows = sorted(rows, key=lambda row: (place.get(row["unit"], len(place)), row["task"]))
    grouped: dict[str, dict] = {}
    for row in rows:
        entry = grouped.setdefault(row["unit"], {"unit": row["unit"], **{k: row[k] for k in _CONTACT}, "items": []})
        entry["items"].append({k: value for k, value in row.items() if k != "unit" and k not in _CONTACT})
    return {key: rows, "units": list(grouped.values())}


_CONTACT = ("contact", "phone", "email")


def upcoming_document(
    view: Reporting, period_index: int, contacts: dict[str, Contact], unit: str | None, within: int
) -> dict:
    """`jsj remind --upcoming`: reports still pending that fall due within `within` days (0 = today)."""
    period = view.periods[period_index]
    days_left = (period.due - view.as_of).days
    pending: list[Item] = []
    if 0 <= days_left <= within:
        pending = [
            i for i in view.items(period_index) if i.state == "pending" and (unit is None or i.owed.unit == unit)
        ]
    rows = [
        {
            "unit": i.owed.unit,
            "task": i.owed.task,
            "title": i.owed.title,
            "due": iso(period.due),
            "days_left": days_left,
            **_contact_keys(contacts.get(i.owed.unit)),
        }
        for i in pending
    ]
    return {
        "as_of": view.as_of.isoformat(),
        "period": period_document(period),
        **_by_unit("upcoming", rows, view.units),
    }


def units_document(roles, contacts: dict[str, Contact], notify: dict[str, list[str]] | None = None) -> list[dict]:
    """`jsj unit list`: each unit with its full name, aliases, the tasks it leads and supports, its contact,
    where its notices go (every address masked), and whether it is a coordinating unit (added with `jsj unit
    add`, named in no task)."""
    import json

    units: dict[str, dict] = {}
    for row in roles:
        entry = units.setdefault(
            row["name"],
            {
                "name": row["name"],
                "full_name": row["full_name"],
                "aliases": json.loads(row["aliases"]),
                "lead": [],
                "support": [],
                **_contact_keys(contacts.get(row["name"])),
                "notify": [mask_address(address) for address in (notify or {}).get(row["name"], [])],
                "coordinating": bool(row["coordinating"]),
            },
        )
        if row["task_no"] is not None:
            entry[row["role"]].append(row["task_no"])
    return list(units.values())


def problem_document(problem, as_of: dt.date) -> dict:
    """One problem as `jsj problem list --format json` gives it (as it stood on `as_of`)."""
    return {
        "id": problem.id,
        "task": problem.task,
        "unit": problem.unit,
        "text": problem.text,
        "needs": list(problem.needs),
        "major": problem.major,
        "raised": iso(problem.raised),
        "due": iso(problem.due),
        "state": problem.state,
        "overdue": problem.overdue(as_of),
        "updates": [
            {"date": iso(u.date), "note": u.note, "by": u.by, "kind": u.kind}
            for u in problem.updates
            if u.date <= as_of
        ],
        "closed_at": iso(problem.closed_on),
        "closing_note": problem.closing_note,
        "evidence": problem.evidence,
    }


def problem_counts(problems, as_of: dt.date) -> dict:
    """The plan-level line of `jsj status`: open problems, overdue ones, open major ones."""
    open_ = [p for p in problems if p.state == "open"]
    return {
        "open": len(open_),
        "overdue": sum(p.overdue(as_of) for p in open_),
        "major_open": sum(p.major for p in open_),
    }


def weights_document(weights) -> dict:
    # Four decimals: a unit without P has 0.60/0.85 = 0.7059 for C; at two (0.71) its parts would not add
    # up to its score, and the score must be checkable from the document.
    return {name: round_half_up(getattr(weights, name), 4) for name in ("progress", "reporting", "problems")}


def assessment_document(as_of: dt.date, weights, scores) -> dict:
    """`jsj assess`: the weights and every unit's components beside its score, with the weights its score
    used (a unit without P shares P's weight between C and R)."""
    return {
        "as_of": as_of.isoformat(),
        "weights": weights_document(weights),
        "late_weight": weights.late,
        "units": [
            {
                "name": s.name,
                "completion": r2(s.completion),
                "expected": r2(s.expected),
                "C": r2(s.c),
                "reporting_rate": r2(s.reporting_rate),
                "R": r2(s.r),
                "problems_due": s.problems_due,
                "problems_closed_on_time": s.problems_closed_on_time,
                "P": r2(s.p),
                "score": s.score,
                "rank": s.rank,
                "weights": weights_document(s.weights),
            }
            for s in scores
        ],
    }
