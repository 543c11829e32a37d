"""The bulletin's sentence on the units' ranking says 居前三位 only where three units are ahead."""

from jinsanjiao_cli.render.bulletin import _top_and_bottom


def units(*figures: float) -> list[dict]:
    return [{"name": f"单位{i}", "completion": figure} for i, figure in enumerate(figures, 1)]


def test_one_unit_ahead_of_many_tied_is_not_called_the_top_three():
    sentence = _top_and_bottom(units(6.25, *[0.0] * 14))
    assert sentence.startswith("完成进度居前的是单位1（6.25%）；") and "居前三位" not in sentence
    assert "同为最低（0.00%）的有14个单位" in sentence


def test_three_units_ahead_are_the_top_three():
    sentence = _top_and_bottom(units(30.0, 20.0, 10.0, *[0.0] * 12))
    assert sentence.startswith("完成进度居前三位的是单位1（30.00%）、单位2（20.00%）、单位3（10.00%）；")


def test_no_ties_names_the_top_and_the_bottom_three():
    sentence = _top_and_bottom(units(60.0, 50.0, 40.0, 30.0, 20.0, 10.0))
    assert sentence == (
        "完成进度居前三位的是单位1（60.00%）、单位2（50.00%）、单位3（40.00%）；"
        "居后三位的是单位4（30.00%）、单位5（20.00%）、单位6（10.00%）。"
    )
