"""What the portal's forms hold: the words a refusal names each field by, and the values typed, kept so a
refused form comes back as the person left it."""

from __future__ import annotations

from typing import NamedTuple

from jinsanjiao_cli.text.i18n import t

REPORT_FIELDS = ("date", "period", "progress", "status", "note", "project", "problem", "major")


def field_names() -> dict[str, str]:
    """Each field as the form labels it, for the CLI's sentences ("进展 '150' 超出 0-100")."""
    return {
        "date": t("form.date"),
        "period": t("form.period"),
        "progress": t("form.progress"),
        "status": t("form.status"),
        "note": t("form.note"),
        "project": t("form.project"),
        "by": t("form.by"),
        "problem": t("form.problem"),
        "reason": t("form.reason"),
    }


class ReportValues(NamedTuple):
    """A report form's fields as typed (or as prefilled from the last report)."""

    date: str = ""
    progress: str = ""
    status: str = ""
    note: str = ""
    project: str = ""
    problem: str = ""
    major: bool = False
    period: str = ""


def where(errors: dict[str, str], field: str | None) -> str:
    """The form field a refusal belongs beside; the unit or task at fault has no field: the form's head."""
    return field if field in REPORT_FIELDS else "form"
