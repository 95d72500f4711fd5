"""`tracker check`, `tracker move --override` and the checklist in `tracker show`, as a new
user meets them (the default checklist on)."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli(run, tmp_path, monkeypatch):
    config = tmp_path / "checklist.toml"
    config.write_text(
        'member = "ana"\ntimezone = "Europe/Berlin"\nlocal_words = ["St Elsewhere"]\n'
    )
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    run("add", "Unknown case 12", "--stage", "review")
    return run


def test_a_caption_that_names_the_hospital_and_the_day_cannot_be_published_unchecked(cli):
    cli("edit", "1", "--caption", "43-year-old seen last Tuesday at St Elsewhere")

    code, out, err = cli("move", "1", "published")

    assert (code, out) == (2, "") and err.count("\n") == 1
    assert "checklist open" in err and "3 identifier finding(s)" in err and "--override" in err
    assert "review" in cli("show", "1")[1].splitlines()[1]


def test_check_lists_the_findings_and_ticks_items(cli):
    cli("edit", "1", "--caption", "Seen last Tuesday")
    code, out, _ = cli("check", "1")
    assert code == 0 and '"last Tuesday"' in out and "Open: text, images" in out

    code, out, _ = cli("check", "1", "all")
    assert code == 0 and "[x] consent" in out and out.strip().endswith("Open: text.")
    code, _, err = cli("check", "1", "bogus")
    assert code == 2 and 'no checklist item "bogus"' in err


def test_an_override_is_kept_and_shown_on_the_card(cli):
    reason = "Consent on file, reviewed by the privacy officer"
    code, out, _ = cli("move", "1", "published", "--override", reason)
    assert code == 0 and "review → published" in out
    shown = cli("show", "1")[1]
    assert "Override by ana" in shown and reason in shown and "into published" in shown


def test_a_checklist_emptied_in_the_config_lets_everything_through(run):
    run("add", "A tutorial", "--stage", "review")  # the shared fixture's config: checklist = {}
    assert run("move", "1", "published")[0] == 0
    assert "no pre-publish checklist" in run("check", "1")[1]


def test_show_json_gives_each_checklist_item_as_an_object_with_named_keys(cli):
    import json

    cli("edit", "1", "--caption", "Seen last Tuesday")
    cli("check", "1", "consent")
    cli("move", "1", "published", "--override", "Consent on file, reviewed twice")

    checklist = json.loads(cli("show", "1", "--json")[1])["checklist"]

    items = {entry["item"]: entry for entry in checklist["items"]}
    assert set(checklist["items"][0]) == {"item", "why", "done"}
    assert items["consent"] == {
        "item": "consent",
        "why": "the patient's consent, whenever in doubt",
        "done": True,
    }
    assert items["text"]["done"] is False and items["images"]["done"] is False
    assert checklist["open"] == [key for key, entry in items.items() if not entry["done"]]
    assert [f["finding"]["text"] for f in checklist["findings"]] == ["last Tuesday"]
    [override] = checklist["overrides"]
    assert override["stage"] == "published" and override["reason"].startswith("Consent on file")
