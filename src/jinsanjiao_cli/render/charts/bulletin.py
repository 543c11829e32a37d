"""The bulletin's figures: the trend (图1, under 一、总体进展), the units (图2, under 三、各单位推进情况) and
the scores (图3, under 四、考评情况), drawn as PNG with a CJK font found on the machine.

No such font: no figures (None), and the caller says so; a figure never shows boxes for characters.
"""

from __future__ import annotations

from jinsanjiao_cli.render.bulletin import BulletinFigure
from jinsanjiao_cli.render.charts import fonts, specs


def bulletin_figures(status: dict, trend: dict, scores: dict) -> dict[str, BulletinFigure] | None:
    """The figures by chart key, from the status, trend and assessment documents; None without a CJK font."""
    chosen = {
        "trend": specs.trend(trend, sections=False),
        "units": specs.units(status),
        "assessment": specs.assessment(scores),
    }
    drawable = {key: spec for key, spec in chosen.items() if spec.empty is None}
    font = fonts.cjk_font("".join(specs.drawn_text(spec) for spec in drawable.values()))
    if font is None:
        return None
    from jinsanjiao_cli.render.charts import draw

    return {
        key: BulletinFigure(draw.png(spec, font), spec.title, specs.alt_text(spec)) for key, spec in drawable.items()
    }
