"""The cockpit (驾驶舱) as HTML: one self-contained page for `jsj dashboard`, or a fragment and its stylesheet
for a page of the portal.

Self-contained means: the charts are inline SVG, the stylesheet is inline, there is no script, and nothing
is fetched, so the file opens from a file share on an intranet. Each chart is a `<figure>` with its number
and caption, a legend in HTML, the SVG (every drawn value hoverable, with its number), and a table of the
same numbers under 数据表, its text alternative. A chart with nothing to draw says why instead.
Every text from the ledger is escaped. Nothing depends on the clock: the same data as of the same date
gives the same page.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import NamedTuple

from jinsanjiao_cli import __version__
from jinsanjiao_cli.render.charts import specs
from jinsanjiao_cli.render.charts.specs import LIGHT_EDGES, LIGHT_FILLS, ChartSpec
from jinsanjiao_cli.text.i18n import lang, t
from jinsanjiao_cli.text.wording import long_date


class Drawn(NamedTuple):
    spec: ChartSpec
    svg: str | None  # None: nothing to draw (spec.empty says why)


def draw_all(chart_specs: list[ChartSpec], svg: Callable[[ChartSpec], str] | None = None) -> list[Drawn]:
    """Each chart drawn as SVG, by `svg` (the portal passes its cache of drawn charts) or by matplotlib."""
    if svg is None:
        from jinsanjiao_cli.render.charts import draw

        svg = draw.svg
    drawing = svg
    return [Drawn(spec, None if spec.empty else drawing(spec)) for spec in chart_specs]


def cockpit_charts(documents, svg: Callable[[ChartSpec], str] | None = None) -> list[Drawn]:
    """Every chart of the cockpit, drawn, from `views.cockpit.CockpitDocuments`."""
    d = documents
    return draw_all(specs.cockpit_specs(d.status, d.trend, d.reports, d.problems, d.assessment), svg)


def page(documents, charts: list[Drawn]) -> str:
    """The whole cockpit as one HTML document."""
    status = documents.status
    title = t("cockpit.title", plan=status["plan"]["title"])
    body = fragment(status, charts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"en" if lang() == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{STYLE}{_own_font(title + body)}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def _own_font(text: str) -> str:
    """The file's own Chinese glyphs (render/charts/webfont.py), first in every font list of the page."""
    from jinsanjiao_cli.render.charts import webfont

    face = webfont.font_face(text)
    if not face:
        return ""
    family = f'"{webfont.FAMILY}",{FONT_STACK}'
    return f"{face}.jsj-cockpit{{font-family:{family}}}\n.jsj-cockpit svg text{{font-family:{family} !important}}\n"


def fragment(status: dict, charts: list[Drawn], links: dict[str, str] | None = None, *, heading: bool = True) -> str:
    """The cockpit as one `<div class="jsj-cockpit">`, needing `STYLE`. `links`: a chart key's page, where
    the chart's caption links to (the portal's status, reporting, problem, assessment and target pages).
    `heading`: the plan's title as the page's `<h1>` (a portal page has its own)."""
    parts = ['<div class="jsj-cockpit">', _header(status, heading), '<div class="jsj-grid">']
    for number, chart in enumerate(charts, start=1):
        parts.append(figure(chart, number, (links or {}).get(chart.spec.key)))
    parts.append("</div>")
    footer = t("cockpit.footer", version=__version__, date=_e(status["as_of"]))
    parts.append(f'<footer class="jsj-footer">{footer}</footer>\n</div>')
    return "\n".join(parts)


def _header(status: dict, heading: bool = True) -> str:
    plan = status["plan"]
    counts = plan["light_counts"]
    summary = t(
        "cockpit.summary",
        completion=specs.number(plan["completion"]),
        expected=specs.number(plan["expected"]),
        label=plan["label"],
    )
    lights = t("cockpit.lights", count=len(status["tasks"]), **counts)
    as_of = t("cockpit.as_of", date=long_date(dt.date.fromisoformat(status["as_of"])))
    light = specs.light_of(plan)
    return (
        '<header class="jsj-header">\n'
        + (f"<h1>{_e(t('cockpit.title', plan=plan['title']))}</h1>\n" if heading else "")
        + f'<p class="jsj-asof">{_e(as_of)}</p>\n'
        f'<p class="jsj-summary">{_dot(light)}{_e(summary)}'
        f"{'' if lang() == 'zh' else ' '}{_e(lights)}</p>\n</header>"
    )


def figure(chart: Drawn, number: int, link: str | None = None) -> str:
    spec = chart.spec
    caption = f'<span class="jsj-no">{_e(t("cockpit.figure", no=number))}</span> {_e(spec.title)}'
    if link:
        caption += f' <a class="jsj-more" href="{_e(link)}">{_e(t("cockpit.more"))}</a>'
    head = (
        f'<figure class="jsj-chart" id="chart-{spec.key}" data-chart="{spec.key}">\n<figcaption>{caption}</figcaption>'
    )
    if chart.svg is None:
        return f'{head}\n<p class="jsj-empty">{_e(spec.empty or "")}</p>\n</figure>'
    note = f'<p class="jsj-note">{_e(spec.note)}</p>\n' if spec.note else ""
    return f'{head}\n{legend(spec)}\n<div class="jsj-plot">{chart.svg}</div>\n{note}{table(spec)}\n</figure>'


def legend(spec: ChartSpec) -> str:
    items = []
    for series in spec.series:
        if len(series.fills) > 1:  # coloured by light: one entry per light shown
            shown = dict.fromkeys(dict(extra)["light"] for extra in series.extras)
            items += [f'<li><i class="{_colours(LIGHT_FILLS[light], LIGHT_EDGES[light])}"></i>'
                      f"{_e(specs.light_name(light))}</li>" for light in shown]  # fmt: skip
        elif series.style == "tick":
            items.append(f'<li><i class="jsj-tick"></i>{_e(series.name)}</li>')
        elif series.style in ("line", "dashed"):
            kind = "jsj-line jsj-dashed" if series.style == "dashed" else "jsj-line"
            items.append(f'<li><i class="{kind} {_colours(series.fill(0))}"></i>{_e(series.name)}</li>')
        else:
            items.append(f'<li><i class="{_colours(series.fill(0), series.edge(0))}"></i>{_e(series.name)}</li>')
    return f'<ul class="jsj-legend">{"".join(items)}</ul>'


# The legend's keys and the header's light take their colours from classes, one per colour of the charts'
# palette (`PALETTE_STYLE`), not from style attributes: the portal's Content-Security-Policy blocks inline
# styles, and the keys would lose their colours there.
PALETTE = sorted(
    {*LIGHT_FILLS.values(), *LIGHT_EDGES.values(), specs.INK, *specs.SERIES_COLOURS, *specs.PART_COLOURS.values()}
)


def _colours(fill: str, edge: str | None = None) -> str:
    if fill not in PALETTE or (edge is not None and edge not in PALETTE):
        raise ValueError(f"{fill} / {edge}: not a colour of the cockpit's palette")
    return f"jsj-c-{fill[1:]}" + (f" jsj-e-{edge[1:]}" if edge else "")


def _dot(light: str) -> str:
    return f'<span class="jsj-dot {_colours(LIGHT_FILLS[light], LIGHT_EDGES[light])}"></span>'


def table(spec: ChartSpec) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in spec.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in spec.rows)
    return (
        f'<details class="jsj-data"><summary>{_e(t("cockpit.table"))}</summary>\n'
        f'<div class="jsj-scroll"><table>\n<caption>{_e(spec.title)}</caption>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table></div>\n</details>"
    )


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


FONT_STACK = (
    'system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",'
    '"Source Han Sans SC","WenQuanYi Micro Hei",sans-serif'
)

STYLE = (
    (
        ".jsj-cockpit{--ink:#262626;--muted:#595959;--rule:#D9D9D9;max-width:1400px;margin:0 auto;"
        f"padding:12px 16px 24px;\n color:var(--ink);background:#fff;font:15px/1.6 {FONT_STACK}}}\n"
        f".jsj-cockpit svg text{{font-family:{FONT_STACK} !important}}\n"
    )
    + """\
.jsj-header h1{font-size:1.4rem;margin:.2rem 0}
.jsj-asof{color:var(--muted);margin:0}
.jsj-summary{margin:.3rem 0 0}
.jsj-dot{display:inline-block;width:.8em;height:.8em;border-radius:50%;border:1px solid var(--e,var(--c));
 background:var(--c);margin-right:.4em;vertical-align:-.05em}
.jsj-grid{margin-top:1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:16px}
.jsj-chart{margin:0;padding:10px 12px;border:1px solid var(--rule);border-radius:6px;min-width:0}
.jsj-chart figcaption{font-weight:600;margin-bottom:.3rem}
.jsj-no{color:var(--muted);font-weight:400;margin-right:.3em}
.jsj-more{font-weight:400;font-size:.85rem;margin-left:.5em}
.jsj-legend{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:0;margin:0 0 .3rem;font-size:.85rem}
.jsj-legend i{display:inline-block;width:.9em;height:.9em;border:1px solid var(--e,var(--c));background:var(--c);
 margin-right:.35em;vertical-align:-.1em}
.jsj-legend i.jsj-line{width:1.6em;height:0;border:0;border-top:2px solid var(--c);background:none}
.jsj-legend i.jsj-dashed{border-top-style:dashed}
.jsj-legend i.jsj-tick{width:0;height:1em;border:0;border-left:2px solid var(--ink);background:none}
.jsj-plot{overflow-x:auto}
.jsj-plot svg{display:block;max-width:100%;min-width:460px;height:auto}
.jsj-mark:hover{opacity:.75}
.jsj-note{color:var(--muted);font-size:.85rem;margin:.2rem 0 0}
.jsj-empty{color:var(--muted);margin:1.5rem 0;text-align:center}
.jsj-data summary{cursor:pointer;color:var(--muted);font-size:.85rem;margin-top:.3rem}
.jsj-scroll{overflow-x:auto}
.jsj-data table{border-collapse:collapse;font-size:.85rem;margin-top:.3rem}
.jsj-data caption{text-align:left;color:var(--muted)}
.jsj-data th,.jsj-data td{border:1px solid var(--rule);padding:2px 6px;text-align:left;white-space:nowrap}
.jsj-footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
@media print{.jsj-chart{break-inside:avoid}.jsj-data{display:none}}
"""
)
STYLE += "".join(f".jsj-c-{c[1:]}{{--c:{c}}}.jsj-e-{c[1:]}{{--e:{c}}}\n" for c in PALETTE)
