"""The assessment table: every component beside the score, so nobody has to take a number on trust."""

from __future__ import annotations

from jinsanjiao_cli.core.values import fixed
from jinsanjiao_cli.render import _table, console, pct, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import t


def show_assessment(document: dict, output: Format) -> None:
    if output is Format.json:
        return write_json(document)
    if output is Format.csv:
        return write_csv([_flat(u) for u in document["units"]])
    w = document["weights"]
    title = t("assess.title", as_of=document["as_of"], wc=w["progress"], wr=w["reporting"], wp=w["problems"])
    table = _table(
        title,
        [
            # On a narrow terminal the inputs go first; the components and the score stay, never cut.
            (t("col.rank"), "right"),
            (t("col.unit"), "wrap"),
            (t("col.completion"), "right", 6),
            (t("col.expected"), "right", 7),
            (t("col.c"), "right"),
            (t("col.reporting_rate"), "right", 4),
            (t("col.r"), "right"),
            (t("col.problems_due"), "right", 2),
            (t("col.closed_on_time"), "right", 3),
            (t("col.p"), "right"),
            (t("col.score"), "right"),
            (t("col.weights_used"), "right", 5),
        ],
    )
    for u in document["units"]:
        table.add_row(
            str(u["rank"]), u["name"], pct(u["completion"]), pct(u["expected"]), pct(u["C"]), pct(u["reporting_rate"]),
            pct(u["R"]), str(u["problems_due"]), str(u["problems_closed_on_time"]), _p(u["P"]), fixed(u["score"], 2),
            _weights(u["weights"]),
        )  # fmt: skip
    console().print(table)
    return None


def _p(value: float | None) -> str:
    return "—" if value is None else pct(value)


def _weights(weights: dict) -> str:
    """The weights a unit's score used, C/R/P: 0.60/0.25/0.15, or 0.71/0.29/0 when it has no P."""
    return "/".join(fixed(weights[key], 2) if weights[key] else "0" for key in ("progress", "reporting", "problems"))


def _flat(unit: dict) -> dict:
    """A unit's row for CSV: its weights as three columns."""
    row = {key: value for key, value in unit.items() if key != "weights"}
    row.update({f"weight_{key}": value for key, value in unit["weights"].items()})
    return row
