"""The portal's status page names a part without sections as the part it is, as `jsj status` does."""

import json

from conftest import REPO
from portal_client import add_account, signed_in, text_of

SECOND = REPO / "tests" / "plans" / "county-commerce-2024.yaml"


def test_a_part_without_sections_is_named_as_a_part(tmp_path, monkeypatch, jsj):
    db = tmp_path / "second.sqlite3"
    monkeypatch.setenv("JSJ_DB", str(db))
    monkeypatch.setenv("JSJ_PLAN", str(SECOND))
    assert jsj("init").exit_code == 0
    add_account("boss", "--analyst")
    parts = [s for s in json.loads(jsj("status", "--format", "json").stdout)["sections"] if s["part"] is not None]
    assert parts, "the second plan has a part without sections"
    web, _ = signed_in(str(db), "boss")
    page = text_of(web.get("/status").text)
    for row in parts:
        assert f"{row['title']}（第" in page and "部分）" in page, page
