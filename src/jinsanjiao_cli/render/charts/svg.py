"""matplotlib's SVG made ready to sit inline in an HTML page beside other charts.

- Each drawn value becomes a group with the mark's id, `data-label`, `data-series`, `data-value` (and the
  mark's extra `data-` attributes) and a `<title>`, which browsers show on hover. A series is one group
  (its gid): its bars are `<path>` elements, the points of a line `<use>` elements, in the order of the
  values drawn; each is wrapped in a group of its own.
- Every other id is prefixed with the chart's key, with the references to it, so the clip paths and markers
  of two charts on one page cannot be confused.
- The root's size is given in CSS pixels (the page's stylesheet lets it shrink to fit); it gains
  `role="img"` and an `aria-label`; the prolog, the metadata and matplotlib's global `<style>` go (its
  rule, round joins and butt caps, becomes the root's own attributes, which every element inherits).
- No `style` attribute is left: each of matplotlib's `style="fill: …; stroke: …"` becomes the same SVG
  presentation attributes (`fill="…" stroke="…"`). The portal's Content-Security-Policy (`style-src 'self'`)
  blocks inline styles, and would leave a chart black; presentation attributes are not styles and draw
  the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from jinsanjiao_cli.render.charts.specs import ChartSpec, Mark

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
_G, _USE, _PATH, _TITLE = (f"{{{SVG_NS}}}{tag}" for tag in ("g", "use", "path", "title"))
_HREF = f"{{{XLINK_NS}}}href"
_REFERENCE = re.compile(r"url\(#([^)]+)\)")


def finish(text: str, spec: ChartSpec) -> str:
    root = ET.fromstring(text)
    _strip(root)
    _prefix_ids(root, spec.key)
    groups = {element.get("id"): element for element in root.iter(_G) if element.get("id")}
    by_series: dict[str, list[Mark]] = {}
    for mark in spec.marks:
        by_series.setdefault(mark.series, []).append(mark)
    for series in spec.series:
        marks = by_series.get(series.key, [])
        if marks:
            drawn = _PATH if series.style == "bar" else _USE  # a bar is a path; a point, a marker in use
            _wrap(groups[f"{spec.key}-{series.key}"], drawn, marks)
    _presentation(root)
    root.set("role", "img")
    root.set("aria-label", spec.title)
    root.set("class", "jsj-svg")
    return ET.tostring(root, encoding="unicode")


def _strip(root: ET.Element) -> None:
    for name in ("width", "height"):  # 518.4pt → 691px: its natural size, which the page may shrink
        value = root.get(name, "")
        if value.endswith("pt"):
            root.set(name, f"{float(value[:-2]) * 4 / 3:.0f}")
    for parent in [root, *root.iter(f"{{{SVG_NS}}}defs")]:
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"):
                parent.remove(child)


def _presentation(root: ET.Element) -> None:
    """Every `style` attribute as presentation attributes, and the global rule matplotlib puts in its
    `<style>` (`*{stroke-linejoin: round; stroke-linecap: butt}`) on the root, inherited by all that do not
    say otherwise (as the rule lost to each element's own style before)."""
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for declaration in style.split(";"):
                name, _, value = declaration.partition(":")
                if name.strip() and value.strip():
                    element.set(name.strip(), value.strip())
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")


def _prefix_ids(root: ET.Element, key: str) -> None:
    """matplotlib's own ids (figure_1, clip paths, marker shapes) made unique on the page."""
    own = f"{key}-"
    renamed = {}
    for element in root.iter():
        old = element.get("id")
        if old and not old.startswith(own):
            renamed[old] = f"{key}--{old}"
            element.set("id", renamed[old])
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == _HREF and value.startswith("#") and value[1:] in renamed:
                element.set(name, "#" + renamed[value[1:]])
            elif "url(#" in value:
                element.set(name, _REFERENCE.sub(lambda m: f"url(#{renamed.get(m.group(1), m.group(1))})", value))


def _annotate(group: ET.Element, mark: Mark) -> None:
    group.set("id", mark.id)
    group.set("class", "jsj-mark")
    group.set("data-label", mark.label)
    group.set("data-series", mark.series)
    group.set("data-value", repr(float(mark.value)))
    for name, value in mark.extra:
        group.set(f"data-{name}", value)
    title = ET.Element(_TITLE)
    title.text = mark.title
    group.insert(0, title)


def _wrap(series: ET.Element, tag: str, marks: list[Mark]) -> None:
    """Each drawn value of a series (its bars, or the markers of its line), in the order drawn, inside a
    group of its own carrying its mark."""
    holders = [(parent, child) for parent in series.iter() for child in list(parent) if child.tag == tag]
    if len(holders) != len(marks):
        raise ValueError(f"{series.get('id')}: {len(holders)} values drawn for {len(marks)} marks")
    for (parent, element), mark in zip(holders, marks, strict=True):
        position = list(parent).index(element)
        group = ET.Element(_G)
        _annotate(group, mark)
        parent.remove(element)
        group.append(element)
        parent.insert(position, group)
