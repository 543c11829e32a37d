"""Reading charts back: the drawn values of an SVG chart (its marks), and the figures of a cockpit page.

A mark is an SVG group with class `jsj-mark`: its id, `data-` attributes and `<title>`. For bars, the
geometry is read too (the width or height of the bar's path), so a test can check that what is drawn is
proportional to the number the mark claims.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
_FIGURE = re.compile(r'<figure class="jsj-chart" id="chart-([^"]+)".*?</figure>', re.S)
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def marks(svg_text: str) -> dict[str, dict]:
    """Every mark of a chart by id: its data- attributes (without the prefix), title and bar extent."""
    root = ET.fromstring(svg_text)
    found = {}
    for element in root.iter(f"{SVG}g"):
        if element.get("class") != "jsj-mark":
            continue
        data = {k.removeprefix("data-"): v for k, v in element.attrib.items() if k.startswith("data-")}
        data["value"] = float(data["value"])
        data["title"] = element.find(f"{SVG}title").text
        path = element.find(f"{SVG}path")
        if path is not None:
            data["extent"] = extent(path.get("d"))
        found[element.get("id")] = data
    return found


def extent(d: str) -> tuple[float, float]:
    """The width and height of a path's bounding box."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return max(xs) - min(xs), max(ys) - min(ys)


def series(found: dict[str, dict], chart: str, name: str) -> dict[int, dict]:
    """The marks of one series, by their category index (the id's last part)."""
    prefix = f"{chart}-{name}-"
    return {int(key.removeprefix(prefix)): mark for key, mark in found.items() if key.startswith(prefix)}


def figures(html: str) -> dict[str, str]:
    """A cockpit page's figures by chart key: the figure's HTML (with its SVG, legend and table)."""
    return {match.group(1): match.group(0) for match in _FIGURE.finditer(html)}


def figure_svg(figure_html: str) -> str:
    return _SVG.search(figure_html).group(0)


def page_marks(html: str) -> dict[str, dict[str, dict]]:
    """Every drawn chart of a page: its key → its marks."""
    return {key: marks(figure_svg(text)) for key, text in figures(html).items() if "<svg" in text}
