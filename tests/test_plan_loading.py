"""Loading a plan into a ledger and updating it in place (ledger/plan_sync.py), tested directly on both
engines: the counts it reports, an unchanged reload, a reload that keeps recorded progress, and the
refusals that protect it."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from jinsanjiao_cli.core.errors import PlanConflict
from jinsanjiao_cli.core.milestones import NewMilestone
from jinsanjiao_cli.ledger import opening, store
from jinsanjiao_cli.ledger.plan_sync import load_plan_into
from jinsanjiao_cli.plans.plan import load_plan

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data" / "plan.yaml"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request, tmp_path):
    """A new, migrated ledger with no plan, on each engine."""
    location = str(tmp_path / "new.sqlite3") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    db = opening.open_ledger(location, with_plan=False, create=True)
    yield db
    db.close()


def edited(tmp_path: Path, change) -> tuple:
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_plan(path)


def test_loading_counts_what_it_loaded_and_a_reload_changes_nothing(empty):
    plan, digest = load_plan(BUNDLED)
    first = load_plan_into(empty, plan, digest)
    assert (first.changed, first.tasks, first.units, first.projects) == (True, 19, 15, 56)
    assert empty.value("SELECT count(*) FROM assignment") == first.assignments
    again = load_plan_into(empty, plan, digest)
    assert not again.changed


def test_an_edit_is_loaded_in_place_and_progress_is_kept(empty, tmp_path):
    plan, digest = load_plan(BUNDLED)
    load_plan_into(empty, plan, digest)
    unit_id = empty.value("SELECT id FROM unit WHERE name = ?", ("省交通厅",))
    store.add_milestone(empty, NewMilestone(9, unit_id, dt.date(2022, 6, 30), 45.0, None, None, None, "test"))

    def retitle(data):
        data["tasks"][8]["title"] = "改过的标题"

    new_plan, new_digest = edited(tmp_path, retitle)
    assert load_plan_into(empty, new_plan, new_digest).changed
    assert empty.value("SELECT title FROM task WHERE no = 9") == "改过的标题"
    assert empty.value("SELECT count(*) FROM milestone") == 1


def test_a_reload_that_would_orphan_progress_is_refused_and_changes_nothing(empty, tmp_path):
    plan, digest = load_plan(BUNDLED)
    load_plan_into(empty, plan, digest)
    unit_id = empty.value("SELECT id FROM unit WHERE name = ?", ("省交通厅",))
    store.add_milestone(empty, NewMilestone(9, unit_id, dt.date(2022, 6, 30), 45.0, None, None, None, "test"))
    before = empty.value("SELECT count(*) FROM assignment")

    def drop_unit(data):
        task = data["tasks"][8]
        assert task["no"] == 9 and "省交通厅" in task["lead"] + task["support"]
        task["lead"] = [name for name in task["lead"] if name != "省交通厅"] or [task["support"].pop(0)]
        task["support"] = [name for name in task["support"] if name != "省交通厅"]

    new_plan, new_digest = edited(tmp_path, drop_unit)
    with pytest.raises(PlanConflict, match="省交通厅"):
        load_plan_into(empty, new_plan, new_digest)
    assert empty.value("SELECT count(*) FROM assignment") == before
