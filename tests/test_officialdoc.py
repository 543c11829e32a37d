"""The official-document writers: a real .docx written and read back with python-docx, checked against
GB/T 9704-2012 as issue 11 states it, and the same document as Markdown parsed with a CommonMark parser."""

import errno
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from markdown_it import MarkdownIt

from jinsanjiao_cli.render.officialdoc import OfficialDocument, Section, Table, walk
from jinsanjiao_cli.render.officialdoc.docx import TEXT_WIDTH, signature_indents, write_docx
from jinsanjiao_cli.render.officialdoc.markdown import to_markdown
from jinsanjiao_cli.render.outfiles import OutputError

TITLE = "晋陕豫黄河金三角承接产业转移示范区\n(山西片区)建设工作进展通报"
BODY = "截至2022年6月30日，总体完成进度为46.8%，序时进度为48.6%。"
HOSTILE = ("a|b", "<b>不是粗体</b> &amp;", "*不是斜体* _x_ `y` [链接](http://x)", "1. 不是列表\n# 不是标题")
RANKING = Table(
    columns=("排名", "责任单位", "完成进度"),
    rows=(
        ("1", "省能源局", "72.0%"),
        ("2", "临汾市人民政府", "47.9%"),
        *((str(n), text, "—") for n, text in enumerate(HOSTILE, 3)),
    ),
    align=("center", "left", "right"),
    widths=(1, 3, 2),
    caption="表1 各单位推进情况",
)
DOCUMENT = OfficialDocument(
    title=TITLE,
    subtitle=("(第1期)", "2022年6月30日"),
    blocks=(
        Section("一、总体进展", 1, (BODY, "16项重点任务中，已完成2项。")),
        Section("二、各板块进展", 1, (Section("(一)积极承接产业转移", 2, ("3项任务完成进度51.2%。",)),)),
        Section("三、各单位推进情况", 1, (RANKING, "位居前三的是省能源局、临汾市人民政府。")),
    ),
    issuer="山西省发展和改革委员会",
    date="2022年6月30日",
)
FACES = {  # text → (East Asian font, size in pt)
    TITLE: ("方正小标宋简体", 22),
    "(第1期)": ("仿宋_GB2312", 16),
    "一、总体进展": ("黑体", 16),
    "(一)积极承接产业转移": ("楷体_GB2312", 16),
    BODY: ("仿宋_GB2312", 16),
    "表1 各单位推进情况": ("黑体", 14),
    "山西省发展和改革委员会": ("仿宋_GB2312", 16),
}
LINE_PITCH = Pt(28.95)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    return write_docx(DOCUMENT, tmp_path_factory.mktemp("doc") / "bulletin.docx")


@pytest.fixture(scope="module")
def word(written):
    return docx.Document(str(written))


def paragraph(word, text: str, *, last: bool = False):
    found = [p for p in word.paragraphs if p.text == text]
    return found[-1] if last else found[0]


def east_asian_font(run) -> str | None:
    return run.element.rPr.rFonts.get(qn("w:eastAsia"))


# -- Page


def test_the_page_is_a4_with_the_standards_margins(word):
    section = word.sections[0]
    measured = [section.page_width, section.page_height]
    measured += [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    for length, mm in zip(measured, (210, 297, 37, 35, 28, 26), strict=True):
        assert abs(length.mm - mm) < 0.1


# -- Text


@pytest.mark.parametrize("text", FACES, ids=lambda text: text[:8])
def test_each_role_has_its_font_and_size_on_every_run(word, text):
    font, size = FACES[text]
    runs = paragraph(word, text).runs
    assert runs
    for run in runs:
        assert east_asian_font(run) == font
        assert run.font.size == Pt(size)


@pytest.mark.parametrize("text", [BODY, "一、总体进展", "(一)积极承接产业转移"], ids=["body", "heading 1", "heading 2"])
def test_body_and_headings_have_the_exact_line_pitch_and_a_two_character_indent(word, text):
    layout = paragraph(word, text).paragraph_format
    assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(layout.line_spacing.pt - 28.95) < 0.01
    assert layout.first_line_indent == Pt(32)


def test_latin_text_beside_fangsong_is_times_new_roman(word):
    assert {run.font.name for run in paragraph(word, BODY).runs} == {"Times New Roman"}


def test_the_title_and_subtitle_are_centred_and_the_title_breaks_where_its_author_broke_it(word):
    for text in (TITLE, "(第1期)", "2022年6月30日"):
        assert paragraph(word, text).alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert paragraph(word, TITLE).text.count("\n") == 1  # a w:br, read back as a line break


def test_every_run_names_its_east_asian_and_latin_fonts(written):
    with zipfile.ZipFile(written) as package:
        parts = [name for name in package.namelist() if name.startswith("word/") and name.endswith(".xml")]
        texts = {name: package.read(name) for name in parts}
    runs = 0
    for xml in texts.values():
        for run in etree.fromstring(xml).iter(qn("w:r")):
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert fonts is not None and fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:ascii")), etree.tostring(run)
            runs += 1
    assert runs > 40


def test_the_defaults_and_normal_style_are_the_body_font(word):
    normal = word.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    defaults = word.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win over the name


def test_the_signature_is_placed_as_the_standard_places_it(word):
    issuer, date = paragraph(word, "山西省发展和改革委员会"), paragraph(word, "2022年6月30日", last=True)
    assert issuer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert issuer.paragraph_format.right_indent == Pt(2 * 16)  # 11 characters: the issuer sits 2 in
    assert date.paragraph_format.right_indent == Pt(4.5 * 16)  # 6.5 characters: it starts 2 right of it
    assert issuer.paragraph_format.space_before == LINE_PITCH  # one blank line after the text


def test_signature_indents_by_hand():
    assert signature_indents(11, 6.5) == (2, 4.5)  # a long issuer: the issuer 2 in
    assert signature_indents(4, 6.5) == (6.5, 2)  # a short one: the date 2 in, the issuer moves left
    assert signature_indents(0, 6.5)[1] == 2  # a date alone


# -- Tables


def test_table_runs_are_12_point_with_a_bold_header(word):
    table = word.tables[0]
    header, first = table.rows[0], table.rows[1]
    for row, bold in ((header, True), (first, None)):
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                assert run.font.size == Pt(12) and east_asian_font(run) == "仿宋_GB2312"
                assert run.font.bold is bold
    layout = first.cells[0].paragraphs[0].paragraph_format
    assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY and layout.line_spacing == Pt(18)


def test_the_header_row_repeats_rows_do_not_split_and_every_cell_has_a_border(word):
    table = word.tables[0]
    rows = [row._tr for row in table.rows]
    assert [row.trPr.find(qn("w:tblHeader")) is not None for row in rows] == [True] + [False] * (len(rows) - 1)
    assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    edges = {edge.tag.split("}")[1]: edge.get(qn("w:val")) for edge in borders}
    assert edges == dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), "single")


def test_columns_take_the_models_share_of_the_type_area(word):
    widths = [column.width for column in word.tables[0].columns]
    assert sum(width.twips for width in widths) == TEXT_WIDTH.twips
    assert [round(width.twips / TEXT_WIDTH.twips, 3) for width in widths] == [0.167, 0.5, 0.333]
    alignments = [cell.paragraphs[0].alignment for cell in word.tables[0].rows[1].cells]
    assert alignments == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT]


def test_a_long_table_stays_one_table_with_its_header_marked_to_repeat(tmp_path):
    rows = tuple((str(n), f"单位{n}", f"{n}.0%") for n in range(1, 61))
    long = OfficialDocument(title="长表", blocks=(Table(columns=("排名", "单位", "进度"), rows=rows),))
    word = docx.Document(str(write_docx(long, tmp_path / "long.docx")))
    assert len(word.tables) == 1
    table = word.tables[0]
    assert len(table.rows) == 61
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[60].cells[1].text == "单位60"


def test_ragged_tables_and_unknown_levels_are_refused():
    with pytest.raises(ValueError, match="row 2 has 1 cells for 2 columns"):
        Table(columns=("a", "b"), rows=(("1", "2"), ("3",)))
    with pytest.raises(ValueError, match="align"):
        Table(columns=("a",), rows=(), align=("middle",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level"):
        Section("四、", 3)  # type: ignore[arg-type]


# -- Page numbers


def test_page_numbers_are_a_page_field_between_dashes_odd_right_even_left(word):
    section = word.sections[0]
    assert word.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, None)):
        number = footer.paragraphs[0]
        xml = number._p.xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert [text.text for text in number._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert number.text.startswith("— ") and number.text.endswith(" —")
        assert number.alignment == (alignment or WD_ALIGN_PARAGRAPH.LEFT)
        for run in number.runs:
            assert east_asian_font(run) == "宋体" and run.font.size == Pt(14)


# -- The same document, the same file


def test_a_document_written_twice_is_the_same_file(written, tmp_path):
    again = write_docx(DOCUMENT, tmp_path / "again.docx")
    assert again.read_bytes() == written.read_bytes()
    with zipfile.ZipFile(again) as package:
        assert {entry.date_time for entry in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = docx.Document(str(again)).core_properties
    assert properties.created is None and properties.modified is None
    assert properties.title == "".join(TITLE.splitlines())


# -- Markdown


def rendered_blocks(markdown: str) -> list[str]:
    """The text of each heading, paragraph and table cell as a CommonMark renderer shows it; fails if any
    of the document's text became markup (emphasis, a link, code, HTML other than a cell's line break)."""
    texts, inline_kinds = [], set()
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown):
        if token.type != "inline":
            continue
        pieces = []
        for child in token.children or []:
            inline_kinds.add(child.type)
            if child.type == "text":
                pieces.append(child.content)
            elif child.type in ("softbreak", "hardbreak") or (child.type == "html_inline" and child.content == "<br>"):
                pieces.append("\n")
            else:
                pytest.fail(f"text became markup: {child.type} {child.content!r}")
        texts.append("".join(pieces))
    return texts


def model_blocks(document: OfficialDocument) -> list[str]:
    texts = [document.title, *document.subtitle]
    for block in walk(document.blocks):
        if isinstance(block, Section):
            texts.append(block.heading)
        elif isinstance(block, Table):
            texts += [block.caption] if block.caption else []
            texts += [*block.columns, *(cell for row in block.rows for cell in row)]
        else:
            texts.append(block)
    return [*texts, document.issuer, document.date]


def docx_blocks(word) -> list[str]:
    """Every paragraph and table cell of the body, in order."""
    texts = []
    for block in word.iter_inner_content():
        if hasattr(block, "rows"):
            texts += [cell.text for row in block.rows for cell in row.cells]
        else:
            texts.append(block.text)
    return texts


def words(texts: list[str]) -> list[str]:
    return ["".join(text.split()) for text in texts]  # line breaks and spaces aside


def test_the_docx_renders_exactly_the_model(word):
    assert docx_blocks(word) == model_blocks(DOCUMENT)  # no placeholder, nothing lost, in order


def test_markdown_has_the_same_words_and_numbers_as_the_docx(word):
    assert words(rendered_blocks(to_markdown(DOCUMENT))) == words(docx_blocks(word))


def test_markdown_structure():
    markdown = to_markdown(DOCUMENT)
    lines = markdown.splitlines()
    assert lines[0] == "# 晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作进展通报"
    assert "## 一、总体进展" in lines and "### (一)积极承接产业转移" in lines
    assert "| 排名 | 责任单位 | 完成进度 |" in lines and "| :---: | :--- | ---: |" in lines
    assert lines[1:4] == ["", "(第1期)", ""]


def test_markdown_cells_keep_pipes_and_markup_as_text():
    markdown = to_markdown(DOCUMENT)
    assert "| 3 | a\\|b | — |" in markdown
    rendered = rendered_blocks(markdown)
    for text in HOSTILE:
        assert text in rendered
    table_rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert {line.replace("\\|", "").count("|") for line in table_rows} == {4}  # three cells, every row


def test_markdown_paragraphs_keep_markup_as_text():
    hostile = OfficialDocument(title="# *t*", blocks=(*HOSTILE, "- 不是列表", "+ 1) > 引用 ==="))
    assert rendered_blocks(to_markdown(hostile)) == ["# *t*", *HOSTILE, "- 不是列表", "+ 1) > 引用 ==="]


# -- Writing the file


def test_a_failed_save_leaves_no_file_and_the_old_one_intact(tmp_path, monkeypatch):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "bulletin.docx"
    target.write_bytes(b"last month's bulletin")

    def disk_full(self, data):
        with open(self, "wb") as handle:
            handle.write(data[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(OutputError, match="磁盘空间不足"):
        write_docx(DOCUMENT, target)
    assert target.read_bytes() == b"last month's bulletin"
    assert [path.name for path in out_dir.iterdir()] == ["bulletin.docx"]


def test_english_documents_emphasise_latin_text_only(tmp_path):
    english = OfficialDocument(
        title="Progress bulletin", blocks=(Section("I. Progress of 临汾市", 1, ("Done: 46.8%.",)),), lang="en"
    )
    word = docx.Document(str(write_docx(english, tmp_path / "en.docx")))
    heading = paragraph(word, "I. Progress of 临汾市")
    assert [(run.text, run.font.bold, run.font.name, east_asian_font(run)) for run in heading.runs] == [
        ("I. Progress of ", True, "Arial", "黑体"),
        ("临汾市", None, "Arial", "黑体"),
    ]
    assert paragraph(word, "Progress bulletin").runs[0].font.bold
    assert {run.font.name for run in paragraph(word, "Done: 46.8%.").runs} == {"Times New Roman"}


def test_the_model_and_markdown_writer_do_not_import_python_docx():
    probe = (
        "import sys, jinsanjiao_cli.render.officialdoc.markdown; print('docx' in sys.modules, 'lxml' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# -- Figures


def small_png() -> bytes:
    import io

    from PIL import Image as Picture

    data = io.BytesIO()
    Picture.new("RGB", (300, 150), "white").save(data, format="PNG")
    return data.getvalue()


def test_a_figure_is_centred_at_its_width_with_its_caption_under_it_and_its_alt_text(tmp_path):
    from docx.shared import Cm

    from jinsanjiao_cli.render.officialdoc import Image

    figure = Image(small_png(), 15.0, "图1 进度趋势", "进度趋势。计划总体：2022-05 1.00%、2022-06 3.93%。")
    document = OfficialDocument(title="通报", blocks=(Section("一、总体进展", 1, ("正文。", figure)),))
    word = docx.Document(str(write_docx(document, tmp_path / "f.docx")))
    (picture,) = word.inline_shapes
    assert picture.width == Cm(15) and picture.height == Cm(7.5)
    texts = [p.text for p in word.paragraphs]
    holder = word.paragraphs[texts.index("正文。") + 1]
    assert holder._p.find(f".//{qn('wp:docPr')}").get("descr") == figure.alt
    assert holder.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert holder.paragraph_format.line_spacing_rule != WD_LINE_SPACING.EXACTLY  # an exact pitch would clip it
    assert holder.paragraph_format.keep_with_next
    caption = word.paragraphs[texts.index("正文。") + 2]
    assert caption.text == "图1 进度趋势" and caption.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {east_asian_font(r) for r in caption.runs} == {"黑体"} and caption.runs[0].font.size == Pt(14)


def test_markdown_gives_a_figure_as_its_caption_and_text_alternative():
    from jinsanjiao_cli.render.officialdoc import Image

    figure = Image(small_png(), 15.0, "图1 进度趋势", "计划总体：2022-06 3.93%。")
    markdown = to_markdown(OfficialDocument(title="通报", blocks=("正文。", figure)))
    assert markdown == "# 通报\n\n正文。\n\n图1 进度趋势\n\n计划总体：2022-06 3.93%。\n"


def test_a_figure_must_be_png_and_fit_the_type_area():
    from jinsanjiao_cli.render.officialdoc import Image

    with pytest.raises(ValueError, match="PNG"):
        Image(b"GIF89a", 15.0, "图1", "")
    with pytest.raises(ValueError, match=r"15\.6"):
        Image(small_png(), 17.0, "图1", "")
