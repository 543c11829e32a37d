"""The dashboard file carries the glyphs of its own Chinese text (render/charts/webfont.py): a subset of
the machine's CJK font as an inline @font-face, first in the page's font lists, kept in the cache so the
next run does not cut it again; without a CJK font the page goes without it."""

import base64
import io
import re

from fontTools.ttLib import TTFont

from jinsanjiao_cli.render.charts import fonts, webfont
from test_charts import record_bundled

AS_OF = "2022-06-30"
FACE = re.compile(r'@font-face\{font-family:"jsj-cjk";src:url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)')


def test_every_chinese_character_of_the_page_is_in_its_own_font(jsj, tmp_path):
    record_bundled(jsj)
    out = tmp_path / "cockpit.html"
    assert jsj("dashboard", out, "--as-of", AS_OF).exit_code == 0
    page = out.read_text(encoding="utf-8")
    found = FACE.search(page)
    assert found, "no inline font"
    font = TTFont(io.BytesIO(base64.b64decode(found.group(1))))
    covered = set(map(chr, font.getBestCmap()))
    text = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    needed = {char for char in text if ord(char) > 127 and not char.isspace()}
    assert {"晋", "陕", "豫", "序", "时", "进", "度"} <= needed
    assert needed <= covered, sorted(needed - covered)[:10]
    assert '.jsj-cockpit svg text{font-family:"jsj-cjk",' in page


def test_the_subset_is_cut_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(webfont, "_cache_dir", lambda: tmp_path / "fonts")
    first = webfont.font_face("进度滞后")
    assert first and list((tmp_path / "fonts").glob("*.otf"))

    def no_cutting(*args):
        raise AssertionError("cut again")

    monkeypatch.setattr(webfont, "_cut", no_cutting)
    assert webfont.font_face("进度滞后") == first


def test_without_a_chinese_font_the_page_goes_without_one(monkeypatch):
    monkeypatch.setattr(fonts, "cjk_font_file", lambda text: None)
    assert webfont.font_face("进度滞后") == ""


def test_the_cache_keeps_only_the_most_recent_subsets(tmp_path, monkeypatch):
    monkeypatch.setattr(webfont, "_cache_dir", lambda: tmp_path / "fonts")
    monkeypatch.setattr(webfont, "KEPT", 2)
    for text in ("进度", "滞后", "完成"):
        assert webfont.font_face(text)
    assert len(list((tmp_path / "fonts").glob("*.otf"))) == 2
