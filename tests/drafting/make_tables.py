"""Writes the corpus's task tables as the offices publish them: 14-task-table.docx (a notice, then a table
under each part heading) and 15-task-table.xlsx (a title row, merged heading rows, date cells).

The texts are invented for the tests, in the official style. Run from the repository root after editing:

    .venv/bin/python tests/drafting/make_tables.py
"""

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent

DOCX_COVER = [
    "各街道办事处，区政府各部门：",
    "现将《明德区2024年优化营商环境重点任务责任清单》印发给你们，请认真抓好落实。",
    "明德区人民政府办公室",
    "2024年3月18日",
    "（此件公开发布）",
    "明德区2024年优化营商环境重点任务责任清单",
    "为持续优化营商环境，现将2024年重点任务分解如下。",
]
DOCX_HEADER = ["序号", "重点工作", "责任领导", "牵头单位", "责任单位", "完成时限"]
DOCX_PARTS = [
    (
        "一、提升政务服务水平",
        [
            [
                "1",
                "推行惠企政策“免申即享”。梳理可免申即享政策事项清单。",
                "副区长",
                "区发展改革局",
                "区财政局、区政务服务管理局",
                "2024年6月底前",
            ],
            [
                "2",
                "深化“一业一证”改革。覆盖行业扩大到30个。",
                "副区长",
                "区政务服务管理局",
                "区市场监管局",
                "2024年12月底前",
            ],
            [
                "3",
                "优化水电气网联合报装。实行一站式办理。",
                "副区长",
                "区住房城乡建设局",
                "区供电公司、区水务集团，各街道办事处",
                "2024年第三季度",
            ],
        ],
    ),
    (
        "二、加强市场主体服务",
        [
            [
                "4",
                "建立企业诉求快速响应机制。企业诉求办结率达到95%以上。",
                "常务副区长",
                "区工商联",
                "区发展改革局、区市场监管局",
                "长期坚持",
            ],
            [
                "5",
                "开展银企对接活动。全年举办银企对接会不少于12场。",
                "常务副区长",
                "区金融服务中心",
                "区财政局、人行明德支行",
                "2024年11月30日前",
            ],
        ],
    ),
]

XLSX_TITLE = "东川区2024年民生实事任务清单"
XLSX_HEADER = ["序号", "主要任务", "牵头单位", "配合单位", "完成时限"]
XLSX_ROWS = [
    ["一、教育医疗"],
    [1, "新建公办幼儿园2所。", "区教育局", "区住房城乡建设局、区财政局", dt.datetime(2024, 8, 31)],
    [2, "建设社区医院1家。", "区卫生健康局", "区发展改革局", "2024年12月底前"],
    ["二、城市品质"],
    [3, "改造城镇老旧小区15个。", "区住房城乡建设局", "各街道办事处", dt.datetime(2024, 11, 30)],
    [4, "新增公共停车泊位2000个。", "区城市管理局", "区交通运输局、区公安分局", "2024年底"],
]


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for text in DOCX_COVER:
        document.add_paragraph(text)
    for heading, rows in DOCX_PARTS:
        document.add_paragraph(heading)
        table = document.add_table(rows=1 + len(rows), cols=len(DOCX_HEADER))
        for column, text in enumerate(DOCX_HEADER):
            table.cell(0, column).text = text
        for index, row in enumerate(rows, 1):
            for column, text in enumerate(row):
                table.cell(index, column).text = text
        # 责任领导 merged down the part's rows, as in a published table
        merged = table.cell(1, 2).merge(table.cell(len(rows), 2))
        merged.text = rows[0][2]
    document.add_paragraph("抄送：区委办公室，区人大常委会办公室。")
    document.save(str(path))


def write_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务清单"
    width = len(XLSX_HEADER)
    sheet.append([XLSX_TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(XLSX_HEADER)
    for row in XLSX_ROWS:
        sheet.append(row)
        if len(row) == 1:  # a part heading merged across the table
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
        elif isinstance(row[-1], dt.datetime):
            sheet.cell(sheet.max_row, width).number_format = "yyyy年m月d日"
    book.save(str(path))


if __name__ == "__main__":
    write_docx(HERE / "14-task-table.docx")
    write_xlsx(HERE / "15-task-table.xlsx")
