"""The Data page's administration, headless: workspaces, settings, templates and exports.

(The upload wizard itself is specified in test_upload_wizard.py.)
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from cx import store
from cx.i18n import t
from cx.ui import downloads

ROOT = Path(__file__).resolve().parent.parent



def press(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception, at.exception
    return at


def test_the_page_opens_with_its_tabs_and_the_audit_trail_for_the_admin(page):
    assert page.title[0].value == t("page.data")
    assert [tab.label for tab in page.tabs] == [t(f"data.tab.{k}") for k in ("upload", "history", "workspaces",
                                                                               "downloads", "audit")]


def test_the_page_opens_in_finnish(page):
    page.session_state["lang"] = "fi"
    page.run()
    assert not page.exception
    assert page.title[0].value == t("page.data", "fi")


# ----------------------------------------------------------------------------- workspaces

def test_a_new_workspace_is_created_and_opened(page):
    page.text_input(key="ws_new_name").input("spring-2026")
    press(page, "ws_create")
    assert store.exists("spring-2026")
    assert page.session_state["ws"] == "spring-2026"
    assert t("ws.created", name="spring-2026") in [e.value for e in page.success]


def test_an_invalid_name_is_refused_with_a_plain_sentence(page):
    page.text_input(key="ws_new_name").input("Spring 2026!")
    press(page, "ws_create")
    assert [e.value for e in page.error] == [t("ws.bad_name")]
    assert store.list_workspaces() == ["test"]


def test_an_existing_name_is_refused(page):
    page.text_input(key="ws_new_name").input("test")
    press(page, "ws_create")
    assert [e.value for e in page.error] == [t("ws.exists")]


def test_renaming_points_the_sidebar_at_the_new_name(page):
    page.text_input(key="ws_rename_to").input("renamed")
    press(page, "ws_rename")
    assert store.list_workspaces() == ["renamed"]
    assert page.session_state["ws"] == "renamed"
    assert not page.error


def test_delete_asks_first_and_then_points_the_sidebar_at_a_remaining_workspace(page):
    store.create_workspace("other")
    page.run()
    press(page, "ws_delete")
    assert store.exists("test")  # asked, not done
    press(page, "ws_delete_confirm")
    assert store.list_workspaces() == ["other"]
    assert page.session_state["ws"] == "other"


def test_delete_can_be_cancelled(page):
    press(page, "ws_delete")
    press(page, "ws_delete_cancel")
    assert store.exists("test")
    assert not [b for b in page.button if b.key == "ws_delete_confirm"]


def test_deleting_the_last_workspace_leaves_a_page_that_can_create_one(page):
    press(page, "ws_delete")
    press(page, "ws_delete_confirm")
    assert store.list_workspaces() == []
    assert t("data.no_workspace") in [e.value for e in page.info]
    page.text_input(key="ws_new_name").input("fresh")
    press(page, "ws_create")
    assert store.list_workspaces() == ["fresh"]


# ----------------------------------------------------------------------------- settings

def test_settings_start_at_the_defaults(page):
    assert page.number_input(key="settings_min_n").value == 30
    assert page.number_input(key="settings_confidentiality_min").value == 5


def test_changed_settings_are_saved_in_the_workspace(page, workspace):
    page.number_input(key="settings_min_n").set_value(50)
    page.number_input(key="settings_confidentiality_min").set_value(8)
    press(page, "settings_save")
    assert workspace.settings()["min_n"] == 50
    assert workspace.settings()["confidentiality_min"] == 8
    assert t("settings.saved") in [e.value for e in page.success]


# ----------------------------------------------------------------------------- templates and exports

def test_there_is_a_template_download_for_every_importable_table(page):
    from cx import schema

    keys = {b.key for b in page.download_button}
    assert {f"template_{kind}" for kind in schema.IMPORTABLE} <= keys
    assert "export_download" in keys


def test_a_csv_export_is_a_zip_with_one_file_per_table(workspace):
    archive = zipfile.ZipFile(io.BytesIO(downloads.export_bytes("test", "csv")))
    names = archive.namelist()
    assert any(n.endswith("customer_responses.csv") for n in names)


def test_an_xlsx_export_is_one_workbook(workspace):
    assert downloads.export_bytes("test", "xlsx")[:2] == b"PK"


def test_export_file_names_say_workspace_and_format():
    assert downloads.export_file_name("test", "parquet")[0] == "cx-test-parquet.zip"
    assert downloads.export_file_name("test", "xlsx")[0] == "cx-test.xlsx"


def test_a_formula_in_a_cell_stays_text_in_downloaded_csv():
    text = downloads.csv_bytes(["a"], [["=SUM(A1)"], ["+1"], ["plain"], [-3]]).decode("utf-8-sig")
    assert text.splitlines() == ['"a"', '"\'=SUM(A1)"', '"\'+1"', '"plain"', '"-3"']
