"""A ChartSpec drawn with matplotlib: SVG text for the HTML cockpit, PNG bytes for the bulletin.

matplotlib is imported here and nowhere else, so only the commands that draw pay for it. No pyplot: a
`Figure` is made and saved directly, which needs no GUI backend and keeps no global state between charts.

The SVG keeps its text as text (`svg.fonttype: none`), so the viewer's own CJK font draws it and the
machine that makes the file needs none. Its layout is therefore not measured from the text: margins come
from the labels' lengths in characters (`_label_inches`), and the legend is left to the HTML around the
chart. The same data and version give the same SVG (fixed hash salt, no date).

The PNG is drawn with a CJK font found on the machine (`fonts.cjk_font`), at the size it is printed, with
its legend, so a bulletin's figures read like the rest of the page.
"""

from __future__ import annotations

import io
import math
import sys
import warnings
from contextlib import contextmanager
from typing import Any

# matplotlib's projections import the 3D toolkit (mpl_toolkits.mplot3d) when loaded, for a projection no chart
# here uses: a tenth of matplotlib's import time, paid by every `jsj dashboard`. Marking it absent makes that
# import fail quietly (matplotlib then only warns that 3D is unavailable). Not done if it is already loaded.
if "mpl_toolkits.mplot3d" not in sys.modules:
    sys.modules["mpl_toolkits.mplot3d"] = None  # type: ignore[assignment]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import matplotlib.projections
    del sys.modules["mpl_toolkits.mplot3d"]

import matplotlib
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator, PercentFormatter
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from jinsanjiao_cli.render.charts import svg as svg_post
from jinsanjiao_cli.render.charts.specs import INK, LIGHT_EDGES, LIGHT_FILLS, ChartSpec, Series, light_name

BASE_RC: dict[str, Any] = {
    "font.size": 9,
    "font.family": ["DejaVu Sans"],  # bundled with matplotlib: the same SVG on every machine
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#A6A6A6",
    "axes.linewidth": 0.8,
    "xtick.color": "#595959",
    "ytick.color": "#595959",
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "grid.color": "#E7E6E6",
    "grid.linewidth": 0.8,
    "svg.fonttype": "none",
    "svg.hashsalt": "jsj",
}
ROW = 0.3  # inches per bar row of a horizontal bar chart
LABEL_PT = 9
MAX_TICK_LABELS = 12  # more categories than this along x: every n-th label, turned


def svg(spec: ChartSpec, width: float = 7.2) -> str:
    """The chart as inline SVG (no XML prolog), each mark an element with its id, data and title."""
    text = io.StringIO()
    _render(spec, width, text, legend=False, format="svg", metadata={"Date": None, "Creator": None})
    return svg_post.finish(text.getvalue(), spec)


def png(spec: ChartSpec, font: str, width_cm: float = 15.0, dpi: int = 200) -> bytes:
    """The chart as PNG, `width_cm` wide when printed at `dpi`, its text in the CJK `font` (a family name)."""
    data = io.BytesIO()
    _render(spec, width_cm / 2.54, data, legend=True, rc={"font.family": [font]}, format="png", dpi=dpi)
    return data.getvalue()


def _render(
    spec: ChartSpec, width: float, out: Any, *, legend: bool, rc: dict[str, Any] | None = None, **save: Any
) -> None:
    # Tick labels are made when the figure is drawn: the rc must still be in force when it is saved.
    settings: Any = {**BASE_RC, **(rc or {})}  # matplotlib types its keys as a Literal of every rc name
    with matplotlib.rc_context(settings), _quiet():
        draw = {"hbar": _hbar, "columns": _columns, "lines": _lines}[spec.kind]
        figure = draw(spec, width, legend)
        if legend and len(spec.series) > 1:
            _legend(figure, spec)
        figure.savefig(out, facecolor="white", **save)


@contextmanager
def _quiet():
    # The SVG is measured with DejaVu Sans, which has no CJK glyphs: matplotlib warns of each one, but the
    # text is drawn by the viewer's font and the layout does not depend on its measure.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


# ---------------------------------------------------------------- layout


def _label_inches(labels, size: float = LABEL_PT) -> float:
    """How wide the longest label is, counted in characters: a CJK character one em, others about half."""
    widest = max((sum(1.0 if ord(c) > 0x2E7F else 0.58 for c in label) for label in labels), default=0)
    return widest * size / 72


def _margins(figure: Figure, width: float, height: float, left: float, right: float, top: float, bottom: float):
    figure.subplots_adjust(left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height)


def _top(legend: bool) -> float:
    return 0.45 if legend else 0.12


# ---------------------------------------------------------------- horizontal bars (units, tasks, sections, scores)


def _hbar(spec: ChartSpec, width: float, legend: bool) -> Figure:
    count = len(spec.categories)
    top, bottom = _top(legend), 0.35
    height = top + bottom + ROW * count
    figure = Figure(figsize=(width, height))
    ax = figure.add_subplot()
    _margins(figure, width, height, _label_inches(spec.categories) + 0.15, 0.55, top, bottom)
    ys = [count - 1 - i for i in range(count)]  # the first category on top
    left = [0.0] * count
    for series in spec.series:
        if series.style == "tick":
            _ticks(ax, spec, series, ys)
            continue
        _bars(ax, spec, series, ys, left, horizontal=True)
        if spec.stacked:
            left = [a + (b or 0) for a, b in zip(left, series.values, strict=True)]
    _bar_labels(ax, spec, ys, left if spec.stacked else spec.series[0].values)
    _category_labels(ax, spec.categories, ys, horizontal=True)
    ax.set_ylim(-0.6, count - 0.4)
    _value_axis(ax.xaxis, ax, spec, max(left) if spec.stacked else None)
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    return figure


def _bars(ax, spec: ChartSpec, series: Series, positions, base, *, horizontal: bool, offset=0.0, size=0.62):
    """One series of bars as one collection (one artist: a bar each would cost a patch and a limit update),
    drawn in the order of its values; `svg.finish` gives each bar its mark."""
    drawn = [i for i, value in enumerate(series.values) if value is not None]
    if not drawn:
        return
    boxes = []
    for i in drawn:
        low, high = base[i], base[i] + series.values[i]
        middle, half = positions[i] + offset, size / 2
        corners = [(low, middle - half), (low, middle + half), (high, middle + half), (high, middle - half)]
        boxes.append(corners if horizontal else [(y, x) for x, y in corners])
    bars = PolyCollection(
        boxes,
        facecolors=[series.fill(i) for i in drawn],
        edgecolors=[series.edge(i) for i in drawn],
        linewidths=0.8,
        label=series.name,
    )
    bars.set_gid(f"{spec.key}-{series.key}")
    ax.add_collection(bars, autolim=False)


def _ticks(ax, spec: ChartSpec, series: Series, ys) -> None:
    """序时进度 on each bar: a short upright stroke at its value."""
    points = [(v, y) for v, y in zip(series.values, ys, strict=True) if v is not None]
    (line,) = ax.plot(
        [p[0] for p in points],
        [p[1] for p in points],
        linestyle="none",
        marker="|",
        markersize=ROW * 72 * 0.95,
        markeredgewidth=2,
        color=series.fill(0),
        label=series.name,
    )
    line.set_gid(f"{spec.key}-{series.key}")


def _bar_labels(ax, spec: ChartSpec, positions, ends) -> None:
    """Each bar's figure just past its end, or past its 序时进度 stroke when the stroke would cross it."""
    ticks = next((s.values for s in spec.series if s.style == "tick"), [None] * len(positions))
    for label, where, end, tick in zip(spec.bar_labels, positions, ends, ticks, strict=False):
        x = (end or 0) + 1
        if tick is not None and 0 <= tick - x < 7:
            x = tick + 1.2
        ax.text(x, where, label, va="center", ha="left", fontsize=LABEL_PT - 1, color=INK)


def _value_axis(axis, ax, spec: ChartSpec, highest: float | None) -> None:
    if spec.percent:
        limit = 100.0 if highest is None or highest <= 100 else highest
        (ax.set_xlim if axis is ax.xaxis else ax.set_ylim)(0, limit * 1.001)
        axis.set_ticks([0, 20, 40, 60, 80, 100])
        axis.set_major_formatter(PercentFormatter(decimals=0))
        return
    axis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    if highest is not None:
        (ax.set_xlim if axis is ax.xaxis else ax.set_ylim)(0, max(highest * 1.12, 1))


# ---------------------------------------------------------------- columns (reporting, problems)


def _columns(spec: ChartSpec, width: float, legend: bool) -> Figure:
    count = len(spec.categories)
    turned = count > MAX_TICK_LABELS or _label_inches(spec.categories) * count > width - 1
    top, bottom = _top(legend), (_label_inches(spec.categories) * 0.75 + 0.2 if turned else 0.35)
    height = top + bottom + 2.2
    figure = Figure(figsize=(width, height))
    ax = figure.add_subplot()
    _margins(figure, width, height, 0.5, 0.15, top, bottom)
    xs = list(range(count))
    base = [0.0] * count
    bars = [s for s in spec.series if s.style == "bar"]
    size = 0.7 if spec.stacked else 0.8 / len(bars)
    for number, series in enumerate(bars):
        offset = 0.0 if spec.stacked else (number - (len(bars) - 1) / 2) * size
        _bars(ax, spec, series, xs, base, horizontal=False, offset=offset, size=size)
        if spec.stacked:
            base = [a + (b or 0) for a, b in zip(base, series.values, strict=True)]
    highest = max(base) if spec.stacked else max((v or 0) for s in bars for v in s.values)
    _category_axis(ax, spec.categories, turned)
    _value_axis(ax.yaxis, ax, spec, highest)
    ax.grid(axis="y")
    ax.set_axisbelow(True)
    return figure


def _category_axis(ax, categories, turned: bool) -> None:
    count = len(categories)
    step = max(1, math.ceil(count / MAX_TICK_LABELS))
    shown = list(range(0, count, step))
    _category_labels(ax, [categories[i] for i in shown], shown, horizontal=False, turned=turned)
    ax.set_xlim(-0.6, count - 0.4)


def _category_labels(ax, labels, positions, *, horizontal: bool, turned: bool = False) -> None:
    """The categories as plain text beside the axis, not as ticks: a tick is five artists (two marks, a grid
    line, two labels) where a label is one, and a chart's time goes mostly into ticks."""
    pad = 4 / 72  # inches
    if horizontal:
        ax.set_yticks([])
        where = blended_transform_factory(ax.transAxes, ax.transData)
        shift = ScaledTranslation(-pad, 0, ax.figure.dpi_scale_trans)
        for label, y in zip(labels, positions, strict=True):
            ax.text(0, y, label, ha="right", va="center", transform=where + shift)
        return
    ax.set_xticks([])
    where = blended_transform_factory(ax.transData, ax.transAxes)
    shift = ScaledTranslation(0, -pad, ax.figure.dpi_scale_trans)
    style = (
        {"rotation": 90, "ha": "right", "va": "center", "rotation_mode": "anchor"}
        if turned
        else {"ha": "center", "va": "top"}
    )
    for label, x in zip(labels, positions, strict=True):
        ax.text(x, 0, label, transform=where + shift, **style)


# ---------------------------------------------------------------- lines (trend, targets)


def _lines(spec: ChartSpec, width: float, legend: bool) -> Figure:
    count = len(spec.categories)
    turned = count > MAX_TICK_LABELS
    top, bottom = _top(legend), (_label_inches(spec.categories) * 0.75 + 0.2 if turned else 0.35)
    height = top + bottom + 2.4
    figure = Figure(figsize=(width, height))
    ax = figure.add_subplot()
    _margins(figure, width, height, 0.55, 0.15, top, bottom)
    xs = list(range(count))
    for number, series in enumerate(spec.series):
        values = [math.nan if v is None else v for v in series.values]
        main = number == 0
        (line,) = ax.plot(
            xs,
            values,
            color=series.fill(0),
            linestyle="--" if series.style == "dashed" else "-",
            linewidth=2.2 if main else 1.4,
            marker="o",
            markersize=4 if main else 3,
            label=series.name,
            zorder=3 if main else 2,
        )
        line.set_gid(f"{spec.key}-{series.key}")
    _category_axis(ax, spec.categories, turned)
    ax.set_xlim(-0.4, count - 0.6)
    if spec.percent:
        _value_axis(ax.yaxis, ax, spec, None)
    else:
        _fit(ax, spec)
    ax.grid(axis="y")
    return figure


def _fit(ax, spec: ChartSpec) -> None:
    """A value axis around the data (an index near 100, a share near its target), with some room."""
    values = [v for s in spec.series for v in s.values if v is not None]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, abs(high) * 0.02, 0.5)
    ax.set_ylim(low - pad, high + pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))


def _legend(figure: Figure, spec: ChartSpec) -> None:
    """The legend above the chart (the PNG's; the page has its own): a series coloured by light shows one
    entry per light drawn, as the workbook's colours say."""
    handles: list[Any] = []  # matplotlib artists: the series' own handles and patches for each light
    labels: list[str] = []
    for handle, label in zip(*figure.axes[0].get_legend_handles_labels(), strict=True):
        series = next(s for s in spec.series if s.name == label)
        if len(series.fills) > 1:
            for light in dict.fromkeys(dict(extra)["light"] for extra in series.extras):
                handles.append(Patch(facecolor=LIGHT_FILLS[light], edgecolor=LIGHT_EDGES[light], linewidth=0.8))
                labels.append(light_name(light))
        else:
            handles.append(handle)
            labels.append(label)
    figure.legend(handles, labels, loc="upper center", ncol=min(len(labels), 5), frameon=False, fontsize=LABEL_PT)
