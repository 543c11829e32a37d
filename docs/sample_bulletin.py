"""A sample bulletin, to show and check the GB/T 9704-2012 layout of `officialdoc.docx`.

ILLUSTRATION ONLY. The sentences and figures below are invented to fill the layout: realistic in length
and form, taken from no ledger. The real bulletin (`jsj bulletin`) builds its content from the plan's
numbers, and its page 1 will replace docs/bulletin-page1.png.

    python docs/sample_bulletin.py OUT.docx [OUT.md]
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinsanjiao_cli.officialdoc import OfficialDocument, Section, Table
from jinsanjiao_cli.officialdoc.docx import write_docx
from jinsanjiao_cli.officialdoc.markdown import to_markdown

# (unit, tasks, completion %, light, change in points): invented, in ranking order
UNITS = [
    ("省能源局", 1, 72.0, "绿灯", 6.0),
    ("省通信管理局", 1, 68.0, "绿灯", 5.5),
    ("太原铁路局", 1, 61.5, "绿灯", 4.0),
    ("省交通厅", 2, 58.3, "绿灯", 7.2),
    ("运城市人民政府", 13, 52.6, "绿灯", 3.8),
    ("省发展改革委", 9, 49.7, "绿灯", 4.1),
    ("临汾市人民政府", 13, 47.9, "黄灯", 2.6),
    ("省商务厅", 4, 46.0, "黄灯", 3.0),
    ("省工信厅", 3, 44.2, "黄灯", 1.9),
    ("省科技厅", 3, 41.5, "黄灯", 2.2),
    ("省生态环境厅", 3, 40.0, "黄灯", 0.0),
    ("省审批服务管理局", 1, 38.0, "黄灯", 1.0),
    ("省农业农村厅", 1, 35.0, "黄灯", 0.0),
    ("省卫健委", 1, 30.0, "红灯", 0.0),
    ("省教育厅", 1, 25.0, "红灯", 0.0),
]


def ranking_table() -> Table:
    rows = tuple(
        (str(rank), unit, str(tasks), f"{completion:.1f}%", light, f"{change:+.1f}")
        for rank, (unit, tasks, completion, light, change) in enumerate(UNITS, start=1)
    )
    return Table(
        columns=("排名", "责任单位", "任务数", "完成进度", "状态", "环比(百分点)"),
        rows=rows,
        align=("center", "left", "center", "right", "center", "right"),
        widths=(1, 3.2, 1.2, 1.6, 1.2, 2),
        caption="表1 各单位推进情况",
    )


def sample() -> OfficialDocument:
    overall = Section(
        "一、总体进展",
        1,
        (
            "截至2022年6月30日，《晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作计划》"
            "总体完成进度为46.8%，序时进度为48.6%，落后序时进度1.8个百分点。",
            "16项重点任务中，已完成2项，序时推进7项，进度滞后5项，严重滞后2项。"
            "与2022年5月31日相比，总体完成进度提高3.9个百分点。",
        ),
    )
    sections = Section(
        "二、各板块进展",
        1,
        (
            Section(
                "(一)积极承接产业转移",
                2,
                ("3项任务完成进度51.2%，高于序时进度2.6个百分点。",),
            ),
            Section(
                "(二)完善基础设施建设",
                2,
                ("2项任务完成进度39.5%，低于序时进度9.1个百分点。",),
            ),
        ),
    )
    units = Section(
        "三、各单位推进情况",
        1,
        (
            ranking_table(),
            "完成进度位居前三的是省能源局、省通信管理局、太原铁路局；位居后三的是省农业农村厅、省卫健委、省教育厅。",
        ),
    )
    return OfficialDocument(
        # The title is too long for one line of 二号 (20 characters); the standard asks that it break where
        # the sense allows, which only its author knows: a line break in the text is kept.
        title="晋陕豫黄河金三角承接产业转移示范区\n(山西片区)建设工作进展通报",
        subtitle=("(第1期)", "2022年6月30日"),
        blocks=(overall, sections, units),
        issuer="山西省发展和改革委员会",
        date="2022年6月30日",
    )


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit(__doc__)
    write_docx(sample(), Path(argv[0]))
    if len(argv) > 1:
        Path(argv[1]).write_text(to_markdown(sample()), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
