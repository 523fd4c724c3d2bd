"""The upload wizard on the Data page, headless, as a person would use it.

Upload a survey export, see what cx detected, correct it, check, import, find the import
in the history and undo it. Every step finds widgets by key and asserts no exception.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx import readers
from cx.i18n import t
from cx.ui.downloads import csv_bytes

ROOT = Path(__file__).resolve().parent.parent
UPLOADS = ROOT / "tests" / "files" / "upload"
FILES = ROOT / "tests" / "files"


def upload_bytes(name: str) -> bytes:
    return (UPLOADS / name).read_bytes()


@pytest.fixture
def downloads(monkeypatch):
    """What each download button would hand the browser, by file name (AppTest keeps no media)."""
    from streamlit.runtime import memory_media_file_storage as media

    seen: dict[str, bytes] = {}
    original = media.MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes | str):
            seen[filename] = path_or_data if isinstance(path_or_data, bytes) else path_or_data.encode()
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(media.MemoryMediaFileStorage, "load_and_get_id", spy)
    return seen



def upload(at, name: str, data: bytes | None = None):
    at.file_uploader(key="upload_file").set_value((name, upload_bytes(name) if data is None else data,
                                                   "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    return at


def check(at):
    at.button(key="upload_validate").click().run()
    assert not at.exception, at.exception
    return at


def exclude(at, column: str, text: str):
    """Add one row to the "rows to leave out" table, as a person would in the editor."""
    at.session_state["upload_exclude"] = {"edited_rows": {}, "deleted_rows": [],
                                          "added_rows": [{"column": column, "text": text}]}
    at.run()
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "warning", "error", "text")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def reasons(at):
    """The table of rejected rows (line and reason)."""
    return [d.value for d in at.dataframe if t("check.reason") in d.value.columns][0]


def history(at):
    """The import history table (the dataframe with an 'Import' column)."""
    frames = [d.value for d in at.dataframe if t("history.id") in d.value.columns]
    return frames[0] if frames else None


# ----------------------------------------------------------------------------- reading and mapping

def test_an_uploaded_csv_shows_the_detected_mapping_one_dropdown_per_column(page):
    upload(page, "customers.csv")
    mapped = [page.selectbox(key=f"map_{i}").value for i in range(7)]
    assert mapped[0] == "responded_at"
    assert mapped[4] == "nps"
    assert mapped[1] == "touchpoint"


def test_the_target_table_is_preset_by_detection(page):
    upload(page, "customers.csv")
    assert page.selectbox(key="upload_kind").value == "customer_responses"


def test_the_first_rows_are_previewed_as_plain_text_cells(page):
    upload(page, "customers.csv")
    preview = page.dataframe[[i for i, d in enumerate(page.dataframe) if "Touchpoint" in d.value.columns][0]].value
    assert preview["Touchpoint"].tolist()[:2] == ["Web shop", "Customer service"]
    assert preview["How likely are you to recommend us?"].tolist()[0] == "9"


def test_a_workbook_with_two_sheets_preselects_the_answers_sheet_not_the_first(page):
    upload(page, "two_sheets.xlsx")
    sheet = page.selectbox(key="upload_sheet")
    assert sheet.options == ["Read me", "Answers"]
    assert sheet.value == "Answers"
    assert page.selectbox(key="map_3").value == "nps"


def test_choosing_another_sheet_reads_that_sheet(page):
    upload(page, "two_sheets.xlsx")
    page.selectbox(key="upload_sheet").set_value("Read me").run()
    assert not page.exception
    assert page.selectbox(key="upload_sheet").value == "Read me"


def test_the_header_row_can_be_overridden_and_the_file_is_read_again(page):
    upload(page, "customers.csv")
    page.number_input(key="upload_header_row").set_value(2).run()
    assert not page.exception
    assert page.number_input(key="upload_header_row").value == 2
    assert page.selectbox(key="map_0").value == ""  # the first answer row is now the "header"


def test_a_rerun_does_not_read_the_file_again(page, monkeypatch):
    upload(page, "customers.csv")
    calls = []
    real = readers.read_table
    monkeypatch.setattr(readers, "read_table", lambda *a, **k: calls.append(k) or real(*a, **k))
    page.selectbox(key="map_5").set_value("").run()
    assert not page.exception
    assert calls == []


def test_changing_one_dropdown_changes_the_profile(page, downloads):
    upload(page, "customers.csv")
    page.selectbox(key="map_2").set_value("segment").run()
    assert not page.exception
    profile = json.loads(downloads["cx-import-profile.json"])
    assert profile["columns"]["Channel"] == "segment"


def test_two_columns_to_the_same_place_is_said_plainly_and_blocks_the_check(page):
    upload(page, "customers.csv")
    page.selectbox(key="map_6").set_value("channel").run()
    assert not page.exception
    assert t("map.duplicate", columns="channel") in [e.value for e in page.error]
    assert not [b for b in page.button if b.key == "upload_validate"]


# ----------------------------------------------------------------------------- files that cannot be read

def test_a_garbage_file_gives_a_plain_sentence_a_next_step_and_no_exception(page):
    upload(page, "garbage.csv", (FILES / "garbage.csv").read_bytes())
    assert [e.value for e in page.error] == [t("upload.rejected.not_a_table")]
    assert t("upload.rejected_next") in [e.value for e in page.info]


def test_an_empty_file_says_it_is_empty(page):
    upload(page, "empty.csv", b"")
    assert [e.value for e in page.error] == [t("upload.rejected.empty_file")]


def test_a_password_protected_workbook_says_so(page):
    upload(page, "encrypted.xlsx", (FILES / "encrypted.xlsx").read_bytes())
    assert [e.value for e in page.error] == [t("upload.rejected.password_protected")]


def test_one_file_after_another_in_the_same_session_starts_afresh(page):
    upload(page, "customers.csv")
    page.number_input(key="upload_header_row").set_value(2).run()
    upload(page, "garbage.csv", (FILES / "garbage.csv").read_bytes())
    upload(page, "two_sheets.xlsx")
    assert page.selectbox(key="upload_sheet").value == "Answers"
    assert page.number_input(key="upload_header_row").value == 1


def test_an_unexpected_failure_is_a_sentence_not_a_traceback(page, monkeypatch):
    from cx import mapping

    def broken(*args, **kwargs):
        raise RuntimeError("detector broke")

    monkeypatch.setattr(mapping, "detect", broken)
    upload(page, "customers.csv")
    assert [e.value for e in page.error] == [t("upload.unexpected")]
    assert any("detector broke" in e.value for e in page.text)


def test_the_readers_own_sentence_is_plain_text_not_markdown(page):
    upload(page, "garbage.csv", (FILES / "garbage.csv").read_bytes())
    assert any("not a CSV or Excel" in e.value for e in page.text)


def test_finnish_users_get_the_sentence_in_finnish(page):
    page.session_state["lang"] = "fi"
    upload(page, "garbage.csv", (FILES / "garbage.csv").read_bytes())
    assert [e.value for e in page.error] == [t("upload.rejected.not_a_table", "fi")]


# ----------------------------------------------------------------------------- check, import, history, undo

def test_the_check_shows_rows_to_load_skip_and_reject_before_anything_is_written(page, workspace):
    upload(page, "customers.csv")
    check(page)
    counts = metrics(page)
    assert counts[t("check.read")] == "8"
    assert counts[t("check.rejected")] == "1"
    assert workspace.counts()["customer_responses"] == 0


def test_rejected_rows_are_listed_with_line_and_reason(page):
    upload(page, "customers.csv")
    check(page)
    listed = reasons(page)
    assert listed[t("check.line")].tolist() == [5]
    assert "11" in listed[t("check.reason")].iloc[0]


def test_the_reasons_download_is_formula_safe(page, downloads):
    upload(page, "customers.csv")
    check(page)
    assert "cx-rejected-rows.csv" in downloads
    assert csv_bytes(["Line", "Reason"], [(3, "=1+2"), (4, "-5"), (5, "@x"), (6, "\tx")]).decode("utf-8-sig") == (
        '"Line","Reason"\r\n"3","\'=1+2"\r\n"4","\'-5"\r\n"5","\'@x"\r\n"6","\'\tx"\r\n')


def test_survey_preview_rows_are_suggested_for_leaving_out_and_counted_as_left_out(page):
    upload(page, "customers.csv")
    suggested = page.data_editor(key="upload_exclude").value
    assert suggested.to_dict("records") == [{"column": "Status", "text": "Survey Preview"}]
    check(page)
    counts = metrics(page)
    assert counts[t("check.skipped")] == "1"
    assert counts[t("check.load")] == "6"


def test_rows_can_be_left_out_by_any_column_and_text(page):
    exclude(upload(page, "customers.csv"), "Unit", "Tampere")
    check(page)
    assert metrics(page)[t("check.skipped")] == "4"

def test_a_changed_setting_asks_for_a_new_check(page):
    upload(page, "customers.csv")
    check(page)
    page.selectbox(key="map_5").set_value("").run()
    assert t("check.stale") in [e.value for e in page.info]
    assert not [b for b in page.button if b.key == "upload_import"]


def test_import_loads_the_rows_and_the_history_shows_it(page, workspace):
    upload(page, "customers.csv")
    check(page)
    page.button(key="upload_import").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 6
    assert any(e.value.startswith("Import #1 done") for e in page.success)
    rows = history(page)
    assert rows[t("history.file")].tolist() == ["customers.csv"]
    assert rows[t("history.status")].tolist() == [t("history.status.loaded")]


def test_undo_needs_a_confirmation_then_removes_exactly_that_import(page, workspace):
    upload(page, "customers.csv")
    check(page)
    page.button(key="upload_import").click().run()
    page.button(key="history_undo").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 6  # asked, not done
    page.button(key="history_undo_confirm").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 0
    assert history(page)[t("history.status")].tolist() == [t("history.status.undone")]


def test_undo_can_be_cancelled(page, workspace):
    upload(page, "customers.csv")
    check(page)
    page.button(key="upload_import").click().run()
    page.button(key="history_undo").click().run()
    page.button(key="history_undo_cancel").click().run()
    assert workspace.counts()["customer_responses"] == 6
    assert not [b for b in page.button if b.key == "history_undo_confirm"]


def test_the_same_answers_are_never_loaded_twice(page, workspace):
    upload(page, "customers.csv")
    check(page)
    page.button(key="upload_import").click().run()
    check(page)
    assert metrics(page)[t("check.load")] == "0"
    assert "already exists" in " ".join(reasons(page)[t("check.reason")])
    assert any(e.value.startswith("Exactly this file was imported before") for e in page.warning)


def test_importing_the_same_bytes_again_needs_an_explicit_confirmation(page, workspace):
    upload(page, "customers.csv")
    exclude(page, "Unit", "Tampere")
    check(page)
    page.button(key="upload_import").click().run()
    assert workspace.counts()["customer_responses"] == 4  # Tampere and the survey preview left out
    page.session_state["upload_exclude"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": []}
    page.run()
    check(page)
    assert metrics(page)[t("check.load")] == "2"
    assert page.button(key="upload_import").disabled
    page.checkbox(key="upload_confirm_duplicate").check().run()
    assert not page.button(key="upload_import").disabled
    page.button(key="upload_import").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 6


def test_a_file_that_cannot_be_loaded_as_mapped_says_why_after_the_check(page):
    upload(page, "customers.csv")
    page.selectbox(key="map_1").set_value("").run()
    check(page)
    assert [e.value for e in page.error] == [t("upload.rejected.no_touchpoint")]
    assert any("touchpoint" in e.value for e in page.text)


def test_value_labels_turn_choice_texts_into_scores(page):
    upload(page, "choice_text.csv")
    page.selectbox(key="map_0").set_value("responded_at").run()
    check(page)
    assert metrics(page)[t("check.load")] == "1"
    page.session_state["upload_values"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"column": "nps", "text": "10 - Extremely likely", "value": "10"},
        {"column": "nps", "text": "0 - Not at all likely", "value": "0"},
        {"column": "*", "text": "Don't know", "value": ""}]}
    page.run()
    check(page)
    assert metrics(page)[t("check.load")] == "3"


def test_the_wide_layout_makes_one_row_per_respondent_and_touchpoint(page, downloads):
    upload(page, "wide_fi.csv")
    page.toggle(key="upload_wide").set_value(True).run()
    page.multiselect(key="upload_wide_columns").set_value(["Verkkokauppa", "Asiakaspalvelu", "Myymälä"]).run()
    page.selectbox(key="upload_wide_metric").set_value("csat").run()
    page.text_input(key="upload_wide_missing").input("0, EOS").run()
    assert not page.exception
    assert page.selectbox(key="map_2").disabled
    profile = json.loads(downloads["cx-import-profile.json"])
    assert profile["wide"] == {"value_columns": ["Verkkokauppa", "Asiakaspalvelu", "Myymälä"], "into": "touchpoint",
                               "metric": "csat", "missing_values": [0, "EOS"]}
    check(page)
    assert metrics(page)[t("check.load")] == "9"  # 12 cells less two 0s and one EOS


# ----------------------------------------------------------------------------- profiles

def test_a_saved_profile_is_the_mapping_on_screen_and_downloads_as_the_same_json(page, downloads, workspace):
    upload(page, "customers.csv")
    page.text_input(key="upload_profile_name").input("Monthly web survey")
    page.button(key="upload_profile_save").click().run()
    assert not page.exception
    profile = json.loads(downloads["cx-import-profile.json"])
    assert profile["kind"] == "customer_responses"
    assert profile["columns"] == {"Date": "responded_at", "Touchpoint": "touchpoint", "Channel": "channel",
                                  "Unit": "unit", "How likely are you to recommend us?": "nps",
                                  "Comment": "comment"}
    assert page.selectbox(key="upload_profile_pick").options == ["Monthly web survey"]


def test_a_profile_file_fills_in_the_dropdowns(page):
    upload(page, "customers.csv")
    profile = {"kind": "customer_responses", "columns": {"Date": "responded_at", "Status": "segment"}}
    page.file_uploader(key="upload_profile_file").set_value(
        ("profile.json", json.dumps(profile).encode(), "application/json"))
    page.run()
    assert not page.exception
    assert page.selectbox(key="map_6").value == "segment"
    assert page.selectbox(key="map_4").value == ""


def test_a_broken_profile_file_is_refused_with_a_sentence(page):
    upload(page, "customers.csv")
    page.file_uploader(key="upload_profile_file").set_value(("profile.json", b"{not json", "application/json"))
    page.run()
    assert not page.exception
    assert t("profile.bad") in [e.value for e in page.error]


# ----------------------------------------------------------------------------- uploaded text stays plain

def test_uploaded_text_never_reaches_markdown_labels_or_headers(page):
    upload(page, "customers.csv")
    check(page)
    shown = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "success",
                                  "warning", "error") for e in getattr(page, kind)]
    labels = [w.label for kind in ("selectbox", "button", "text_input", "number_input", "checkbox", "multiselect")
              for w in getattr(page, kind)]
    for uploaded in ("HYPERLINK", "How likely", "customers.csv", "Quick delivery", "Web shop"):
        assert not [s for s in shown + labels if uploaded in str(s)], uploaded
