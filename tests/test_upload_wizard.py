"""The upload wizard on the Data page, headless, as a person would use it.

Upload a survey export, answer what the file does not say, see what cx detected and what the
check found, import, land on the journey filtered to the new answers, find the import in the
history and undo it. Every step finds widgets by key and asserts no exception.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import page_file

from cx import readers
from cx.i18n import t
from cx.imports.recognise import TOOL_NAMES
from cx.ui.downloads import csv_bytes
from tests.tool_files import TOOL_FILES, figures, rows

ROOT = Path(__file__).resolve().parent.parent
UPLOADS = ROOT / "tests" / "files" / "upload"
FILES = ROOT / "tests" / "files"


THREE_ANSWERS = (b"Date,Touchpoint,NPS\n2026-03-02 09:10:00,Web shop,9\n2026-03-03 09:10:00,Web shop,7\n"
                 b"2026-03-04 09:10:00,Store,3\n")
NO_TOUCHPOINT = b"Date,NPS\n2026-03-02 09:10:00,9\n2026-03-03 09:10:00,7\n2026-03-04 09:10:00,3\n"


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


def import_now(at):
    """Press Import; the app then opens the page that shows the new answers."""
    at.button(key="upload_import").click().run()
    assert not at.exception, at.exception
    return at


def back_to_data(at):
    at.switch_page(page_file("data")).run()
    assert not at.exception, at.exception
    return at


def new_touchpoint(at, name: str = "Web shop", stage: str = "Offer and purchase"):
    at.text_input(key="upload_touchpoint_name").input(name).run()
    at.selectbox(key="upload_stage").set_value(stage).run()
    assert not at.exception, at.exception
    return at


def has_button(at, key: str) -> bool:
    return any(b.key == key for b in at.button)


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


def reasons(at, lang: str = "en"):
    """The table of rejected rows (line and reason)."""
    return [d.value for d in at.dataframe if t("check.reason", lang) in d.value.columns][0]


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


def test_a_rerun_that_changes_nothing_does_not_read_the_file_again(page, monkeypatch):
    upload(page, "customers.csv")
    calls = []
    real = readers.read_table
    monkeypatch.setattr(readers, "read_table", lambda *a, **k: calls.append(k) or real(*a, **k))
    page.run()
    page.radio(key="upload_level").set_value("transaction").run()
    assert not page.exception
    assert calls == []


def test_changing_one_dropdown_changes_the_profile(page, downloads):
    upload(page, "customers.csv")
    page.selectbox(key="map_2").set_value("segment").run()
    assert not page.exception
    profile = json.loads(downloads["cx-import-profile.json"])
    assert profile["columns"]["Channel"] == "segment"


def test_two_columns_to_the_same_place_is_said_plainly_and_blocks_the_import(page):
    upload(page, "customers.csv")
    page.selectbox(key="map_6").set_value("channel").run()
    assert not page.exception
    assert t("map.duplicate", columns="channel") in [e.value for e in page.error]
    assert not has_button(page, "upload_import")


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

def test_the_check_runs_by_itself_and_shows_rows_to_load_skip_and_reject_before_anything_is_written(page,
                                                                                                     workspace):
    upload(page, "customers.csv")
    counts = metrics(page)
    assert counts[t("check.read")] == "8"
    assert counts[t("check.rejected")] == "1"
    assert workspace.counts()["customer_responses"] == 0


def test_rejected_rows_are_listed_with_line_and_reason(page):
    upload(page, "customers.csv")
    listed = reasons(page)
    assert listed[t("check.line")].tolist() == [5]
    assert "11" in listed[t("check.reason")].iloc[0]


def test_a_finnish_user_reads_the_reasons_and_what_was_decided_in_finnish(page):
    page.session_state["lang"] = "fi"
    upload(page, "customers.csv")
    assert reasons(page, "fi")[t("check.reason", "fi")].tolist() == ["NPS pitää olla kokonaisluku 0–10, nyt 11"]
    assert any("luettiin muodossa" in e.value for e in page.text)


def test_the_reasons_download_is_formula_safe(page, downloads):
    upload(page, "customers.csv")
    assert "cx-rejected-rows.csv" in downloads
    assert csv_bytes(["Line", "Reason"], [(3, "=1+2"), (4, "-5"), (5, "@x"), (6, "\tx")]).decode("utf-8-sig") == (
        '"Line","Reason"\r\n"3","\'=1+2"\r\n"4","\'-5"\r\n"5","\'@x"\r\n"6","\'\tx"\r\n')


def test_survey_preview_rows_are_suggested_for_leaving_out_and_counted_as_left_out(page):
    upload(page, "customers.csv")
    suggested = page.data_editor(key="upload_exclude").value
    assert suggested.to_dict("records") == [{"column": "Status", "text": "Survey Preview"}]
    counts = metrics(page)
    assert counts[t("check.skipped")] == "1"
    assert counts[t("check.load")] == "6"


def test_rows_can_be_left_out_by_any_column_and_text(page):
    exclude(upload(page, "customers.csv"), "Unit", "Tampere")
    assert metrics(page)[t("check.skipped")] == "4"


def test_a_changed_mapping_is_checked_again_by_itself(page):
    upload(page, "customers.csv")
    assert metrics(page)[t("check.load")] == "6"
    page.selectbox(key="map_5").set_value("").run()  # the comments left out: the same rows load
    assert metrics(page)[t("check.load")] == "6"
    page.selectbox(key="map_0").set_value("").run()  # no dates: nothing can load
    assert not page.exception
    assert [e.value for e in page.error] == [t("upload.rejected.no_usable_column")]
    assert any("responded_at" in e.value or "date" in e.value for e in page.text)
    assert not has_button(page, "upload_import")


def test_the_import_button_says_how_many_rows_of_how_many_and_why_not_all(page):
    upload(page, "customers.csv")
    assert page.button(key="upload_import").label == t(
        "check.import_some", n="6", read="8", why=", ".join([t("check.why.skipped", n="1"),
                                                              t("check.why.rejected", n="1")]))


def test_the_import_button_says_only_the_count_when_every_row_loads(page):
    upload(page, "three.csv", THREE_ANSWERS)
    assert page.button(key="upload_import").label == t("check.import", n="3")


def test_import_loads_the_rows_and_the_history_shows_it(page, workspace):
    upload(page, "customers.csv")
    import_now(page)
    assert workspace.counts()["customer_responses"] == 6
    back_to_data(page)
    assert any(e.value.startswith("Import #1 done") for e in page.success)
    rows = history(page)
    assert rows[t("history.file")].tolist() == ["customers.csv"]
    assert rows[t("history.status")].tolist() == [t("history.status.loaded")]


def test_undo_needs_a_confirmation_then_removes_exactly_that_import(page, workspace):
    back_to_data(import_now(upload(page, "customers.csv")))
    page.button(key="history_undo").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 6  # asked, not done
    page.button(key="history_undo_confirm").click().run()
    assert not page.exception
    assert workspace.counts()["customer_responses"] == 0
    assert history(page)[t("history.status")].tolist() == [t("history.status.undone")]


def test_undo_can_be_cancelled(page, workspace):
    back_to_data(import_now(upload(page, "customers.csv")))
    page.button(key="history_undo").click().run()
    page.button(key="history_undo_cancel").click().run()
    assert workspace.counts()["customer_responses"] == 6
    assert not has_button(page, "history_undo_confirm")


def test_the_same_answers_are_never_loaded_twice(page, workspace):
    back_to_data(import_now(upload(page, "customers.csv")))
    upload(page, "customers.csv")
    assert metrics(page)[t("check.load")] == "0"
    assert t("check.overlap", n="6") in [e.value for e in page.info]
    assert any(e.value.startswith("Exactly this file was imported before") for e in page.warning)
    assert not has_button(page, "upload_import")


def test_importing_the_same_bytes_again_needs_an_explicit_confirmation(page, workspace):
    upload(page, "customers.csv")
    exclude(page, "Unit", "Tampere")
    back_to_data(import_now(page))
    assert workspace.counts()["customer_responses"] == 4  # Tampere and the survey preview left out
    upload(page, "customers.csv")  # afresh: Tampere's rows are not left out this time
    assert metrics(page)[t("check.load")] == "2"
    assert page.button(key="upload_import").disabled
    page.checkbox(key="upload_confirm_duplicate").check().run()
    assert not page.button(key="upload_import").disabled
    import_now(page)
    assert workspace.counts()["customer_responses"] == 6


def test_choice_texts_with_their_end_points_load_without_being_told(page):
    upload(page, "choice_text.csv")
    assert metrics(page)[t("check.load")] == "3"  # "10 - Extremely likely", "0 - Not at all likely", 7


def test_value_labels_typed_in_the_details_turn_texts_into_scores(page):
    upload(page, "labels.csv", b"Date,Touchpoint,NPS\n2026-04-01 08:00:00,Web shop,nine\n"
                               b"2026-04-01 09:00:00,Web shop,9\n2026-04-02 10:00:00,Store,7\n"
                               b"2026-04-02 11:00:00,Store,8\n2026-04-02 12:00:00,Store,10\n")
    assert metrics(page)[t("check.load")] == "4"
    page.session_state["upload_values"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [
        {"column": "nps", "text": "nine", "value": "9"}]}
    page.run()
    assert metrics(page)[t("check.load")] == "5"


def test_the_wide_layout_makes_one_row_per_respondent_and_touchpoint(page, downloads):
    upload(page, "wide_fi.csv")
    page.toggle(key="upload_wide").set_value(True).run()
    page.multiselect(key="upload_wide_columns").set_value(["Verkkokauppa", "Asiakaspalvelu", "Myymälä"]).run()
    page.selectbox(key="upload_wide_metric").set_value("csat").run()
    page.text_input(key="upload_wide_missing").input("0, EOS").run()
    assert not page.exception
    assert page.selectbox(key="map_2").disabled
    assert not [s for s in page.selectbox if s.key == "upload_touchpoint"]  # the headers name the touchpoints
    profile = json.loads(downloads["cx-import-profile.json"])
    assert profile["wide"] == {"value_columns": ["Verkkokauppa", "Asiakaspalvelu", "Myymälä"], "into": "touchpoint",
                               "metric": "csat", "missing_values": [0, "EOS"]}
    assert metrics(page)[t("check.load")] == "9"  # 12 cells less two 0s and one EOS


# ----------------------------------------------------------------------------- every tool's export

def _journey_map(ws) -> None:
    """The workspace's journey map has the touchpoint the tool files are about, on a stage."""
    with ws.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage, stage_order) VALUES ('Web shop', 'Offer and purchase', 3)")


def _cli_rows(capsys, tool_file) -> list[tuple]:
    from cx import store
    from cx.cli import main

    _journey_map(store.create_workspace("by-set"))
    assert main(["import", str(tool_file.path), "--workspace", "by-set", *tool_file.set_args(), "--json"]) == 0
    capsys.readouterr()
    return rows(store.open_workspace("by-set"), tool_file.kind)


def test_the_tool_and_the_answers_it_holds_are_said_plainly_before_anything_is_asked(page):
    upload(page, "qualtrics_numeric.csv", (FILES / "tools" / "qualtrics_numeric.csv").read_bytes())
    assert page.success[0].value == t("found.tool", tool="Qualtrics")
    said = [e.value for e in page.caption if e.value.startswith(t("found.summary", answers="", left="")[:10])]
    assert said and all(t(f"col.{c}") in said[0] for c in ("nps", "csat", "ces"))


@pytest.mark.parametrize("tool_file", TOOL_FILES, ids=[f.name for f in TOOL_FILES])
def test_each_tools_export_loads_through_the_wizard_as_on_the_command_line(page, workspace, capsys, tool_file):
    _journey_map(workspace)
    upload(page, tool_file.name, tool_file.path.read_bytes())
    assert page.success[0].value == t("found.tool", tool=TOOL_NAMES[tool_file.tool])
    if "touchpoint" in tool_file.sets:
        page.selectbox(key="upload_touchpoint").set_value(tool_file.sets["touchpoint"]).run()
        assert page.radio(key="upload_level").value == tool_file.sets["level"]
    counts = metrics(page)
    assert [counts[t(k)] for k in ("check.read", "check.load", "check.skipped", "check.rejected")] == [
        str(tool_file.read), str(tool_file.loaded), str(tool_file.skipped), str(tool_file.rejected)]
    import_now(page)
    assert figures(workspace, tool_file.kind, tool_file.figures) == tool_file.figures
    assert rows(workspace, tool_file.kind) == _cli_rows(capsys, tool_file)


@pytest.mark.parametrize("tool_file", TOOL_FILES, ids=[f.name for f in TOOL_FILES])
def test_each_tools_export_takes_at_most_six_steps_from_the_demo_to_its_page(demo_ws, tool_file):
    """A first-time user on the demo: open the Data page, drop the file, name the touchpoint and its
    stage (a new workspace has no journey map yet), import; the page that shows the answers opens."""
    from conftest import open_app

    steps = ["open the Data page"]
    at = open_app("data")
    upload(at, tool_file.name, tool_file.path.read_bytes())
    steps.append("drop the file")
    if "touchpoint" in tool_file.sets:
        new_touchpoint(at, tool_file.sets["touchpoint"])
        steps += ["type the touchpoint", "pick its stage"]
    import_now(at)
    steps.append("press Import")
    page = {"customer_responses": "page.journey", "employee_responses": "page.linkage"}[tool_file.kind]
    assert [e.value for e in at.title][-1:] == [t(page)]
    assert at.session_state["ws"] != "demo"
    assert len(steps) <= 6, steps


# ----------------------------------------------------------------------------- a column cx cannot read

WORDS_FOR_SCORES = (b"Date,Touchpoint,NPS\n2026-03-02 09:10:00,Web shop,9\n2026-03-03 09:10:00,Web shop,ten\n"
                    b"2026-03-04 09:10:00,Web shop,ten\n2026-03-05 09:10:00,Web shop,nine\n"
                    b"2026-03-06 09:10:00,Web shop,8\n")


def test_a_column_that_would_reject_more_than_a_fifth_of_the_rows_stops_before_importing(page):
    upload(page, "words.csv", WORDS_FOR_SCORES)
    assert not has_button(page, "upload_import")
    assert t("check.stop", n="3", read="5", column=t("col.nps")) in [e.value for e in page.warning]
    shown = page.data_editor(key="upload_unreadable_0").value
    assert shown[["value", "rows"]].values.tolist() == [["ten", 2], ["nine", 1]]


def test_the_unreadable_values_can_be_mapped_and_then_every_row_loads(page, workspace):
    upload(page, "words.csv", WORDS_FOR_SCORES)
    page.session_state["upload_unreadable_0"] = {"edited_rows": {0: {"means": "10"}, 1: {"means": "9"}},
                                                 "added_rows": [], "deleted_rows": []}
    page.button(key="upload_unreadable_apply_0").click().run()
    assert not page.exception
    assert page.button(key="upload_import").label == t("check.import", n="5")
    import_now(page)
    scores = workspace.cursor().execute("SELECT nps FROM customer_responses ORDER BY responded_at").fetchall()
    assert [s for (s,) in scores] == [9, 10, 10, 9, 8]


def test_rejecting_the_unreadable_rows_is_a_choice_the_import_button_then_explains(page):
    upload(page, "words.csv", WORDS_FOR_SCORES)
    page.checkbox(key="upload_accept_rejections").check().run()
    assert not page.exception
    assert page.button(key="upload_import").label == t("check.import_some", n="2", read="5",
                                                       why=t("check.why.rejected", n="3"))


# ----------------------------------------------------------------------------- what no file says

def test_a_file_without_a_touchpoint_asks_which_one_first_and_waits_for_the_answer(page):
    upload(page, "nps.csv", NO_TOUCHPOINT)
    assert page.radio(key="upload_level").value == "transaction"
    assert t("ask.touchpoint_open") in [e.value for e in page.info]
    assert not has_button(page, "upload_import")


def test_a_new_touchpoint_needs_its_stage_and_its_answers_carry_both(page, workspace):
    upload(page, "nps.csv", NO_TOUCHPOINT)
    page.text_input(key="upload_touchpoint_name").input("Web shop").run()
    assert t("ask.stage_open") in [e.value for e in page.info]
    page.selectbox(key="upload_stage").set_value("Offer and purchase").run()
    import_now(page)
    rows = workspace.cursor().execute("SELECT DISTINCT touchpoint, stage, level FROM customer_responses").fetchall()
    assert rows == [("Web shop", "Offer and purchase", "transaction")]


def test_the_touchpoint_is_picked_from_the_workspaces_journey_map(page, workspace):
    with workspace.write() as cur:
        cur.execute("INSERT INTO touchpoints (touchpoint, stage, stage_order) VALUES ('Store', 'Offer and purchase', 3), "
                    "('Installation', 'Onboarding', 4)")
    upload(page, "nps.csv", NO_TOUCHPOINT)
    question = page.selectbox(key="upload_touchpoint")
    assert question.options == ["Installation · Onboarding", "Store · Offer and purchase", t("ask.touchpoint.new")]
    question.set_value("Installation").run()
    import_now(page)
    rows = workspace.cursor().execute("SELECT DISTINCT touchpoint, stage FROM customer_responses").fetchall()
    assert rows == [("Installation", "Onboarding")]


def test_relationship_answers_need_no_touchpoint(page, workspace):
    upload(page, "nps.csv", NO_TOUCHPOINT)
    page.radio(key="upload_level").set_value("relationship").run()
    assert not [s for s in page.text_input if s.key == "upload_touchpoint_name"]
    import_now(page)
    assert workspace.cursor().execute("SELECT DISTINCT level, touchpoint FROM customer_responses").fetchall() == [
        ("relationship", None)]


def test_one_unit_and_one_channel_for_the_whole_file_go_on_every_row(page, workspace):
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    page.selectbox(key="upload_unit").set_value("+new").run()
    page.text_input(key="upload_unit_name").input("Oulu").run()
    page.selectbox(key="upload_channel").set_value("+new").run()
    page.text_input(key="upload_channel_name").input("web").run()
    import_now(page)
    assert workspace.cursor().execute("SELECT DISTINCT unit, channel FROM customer_responses").fetchall() == [
        ("Oulu", "web")]


def test_a_file_with_a_unit_column_is_not_asked_for_a_unit(page):
    upload(page, "customers.csv")
    assert not [s for s in page.selectbox if s.key == "upload_unit"]
    assert [s for s in page.selectbox if s.key == "upload_channel"] == []


def test_staff_answers_without_a_unit_column_must_name_the_unit(page, workspace):
    upload(page, "staff.csv", b"Date,eNPS\n2026-03-02,9\n2026-03-03,4\n")
    page.selectbox(key="upload_kind").set_value("employee_responses").run()
    page.selectbox(key="map_1").set_value("enps").run()
    assert t("ask.unit_open") in [e.value for e in page.info]
    assert not has_button(page, "upload_import")
    page.selectbox(key="upload_unit").set_value("+new").run()
    page.text_input(key="upload_unit_name").input("Tampere").run()
    import_now(page)
    assert workspace.cursor().execute("SELECT DISTINCT unit FROM employee_responses").fetchall() == [("Tampere",)]


def test_dates_that_read_two_ways_are_never_guessed_the_user_says_their_format(page, workspace):
    upload(page, "ambiguous.csv", (FILES / "import" / "google_forms_ambiguous.csv").read_bytes())
    new_touchpoint(page)
    assert [e.value for e in page.error] == [t("upload.rejected.ambiguous_dates")]
    assert not has_button(page, "upload_import")
    page.selectbox(key="upload_date_format_ask").set_value("%d/%m/%Y %H:%M:%S").run()
    import_now(page)
    days = workspace.cursor().execute("SELECT CAST(responded_at AS DATE) FROM customer_responses ORDER BY 1")
    assert [str(d) for (d,) in days.fetchall()][:2] == ["2026-08-09", "2026-09-09"]


def test_a_long_layout_asks_which_question_is_enps_and_which_are_items(page, workspace):
    upload(page, "peakon.csv", (FILES / "tools" / "peakon.csv").read_bytes())
    assert [page.selectbox(key=f"upload_long_{i}").value for i in range(2)] == ["enps", "wellbeing"]
    page.selectbox(key="upload_long_1").set_value("").run()  # wellbeing left out
    import_now(page)
    assert figures(workspace, "employee_responses", ("enps", "wellbeing")) == {"enps": (4, 25.0)}


def test_a_new_question_next_month_is_reported_and_never_counted_as_enps(page, workspace):
    upload(page, "peakon_next_month.csv", (FILES / "tools" / "peakon_next_month.csv").read_bytes())
    assert t("ask.long_new", n=1) in [e.value for e in page.warning]
    assert "How likely are you to recommend our products to a friend?" in [e.value for e in page.text]
    assert page.selectbox(key="upload_long_2").value == ""
    import_now(page)
    enps = workspace.cursor().execute("SELECT count(enps) FROM employee_responses").fetchone()[0]
    assert enps == len([line for line in (FILES / "tools" / "peakon_next_month.csv").read_text().splitlines()
                        if ",q-enps," in line])


def test_two_questions_to_the_same_item_are_refused_before_the_import(page):
    upload(page, "peakon.csv", (FILES / "tools" / "peakon.csv").read_bytes())
    page.selectbox(key="upload_long_1").set_value("enps").run()
    assert t("ask.long_twice") in [e.value for e in page.info]
    assert not has_button(page, "upload_import")


def test_the_questions_are_asked_in_finnish_too(page):
    page.session_state["lang"] = "fi"
    upload(page, "nps.csv", NO_TOUCHPOINT)
    assert page.radio(key="upload_level").label == t("ask.level", "fi")
    assert t("ask.touchpoint_open", "fi") in [e.value for e in page.info]


# ----------------------------------------------------------------------------- the workspace it goes into

def test_on_the_demo_the_upload_goes_into_a_new_workspace_named_after_the_file_never_the_demo(demo_ws,
                                                                                               monkeypatch):
    from conftest import open_app

    at = open_app("data")
    demo_answers = demo_ws.counts()["customer_responses"]
    upload(at, "customers.csv")
    assert at.selectbox(key="upload_workspace").value == "+new"
    assert at.text_input(key="upload_workspace_name").value == "customers"
    assert at.button(key="upload_import").label.endswith(t("check.into_new", ws="customers"))
    import_now(at)
    from cx import store

    assert store.open_workspace("customers").counts()["customer_responses"] == 6
    assert demo_ws.counts()["customer_responses"] == demo_answers
    assert at.session_state["ws"] == "customers"


def test_a_workspace_chosen_in_the_sidebar_is_the_default_destination(page):
    upload(page, "customers.csv")
    assert page.selectbox(key="upload_workspace").value == "test"


def test_a_taken_or_bad_new_workspace_name_is_refused_before_the_import(page):
    upload(page, "customers.csv")
    page.selectbox(key="upload_workspace").set_value("+new").run()
    page.text_input(key="upload_workspace_name").input("test").run()
    assert t("ws.exists") in [e.value for e in page.error]
    assert not has_button(page, "upload_import")
    page.text_input(key="upload_workspace_name").input("Not OK!").run()
    assert t("ws.bad_name") in [e.value for e in page.error]


def test_a_signed_in_analyst_loads_only_into_workspaces_they_may_import_into_and_is_recorded(tmp_path, monkeypatch,
                                                                                             workspace):
    from conftest import open_app

    from cx import store
    from cx.team import audit
    from cx.team.access import User
    from cx.ui import auth

    rules = tmp_path / "cx-access.toml"
    rules.write_text('admins = ["lead@example.com"]\n[workspaces.test]\nviewer = ["bo@example.com"]\n'
                     '[workspaces.client-a]\nanalyst = ["bo@example.com"]\n')
    monkeypatch.setenv("CX_ACCESS_FILE", str(rules))
    monkeypatch.setenv("CX_WORKSPACE", "test")
    monkeypatch.setattr(auth, "configured", lambda: True)
    monkeypatch.setattr(auth, "current_user", lambda: User("bo@example.com", "Bo"))
    client = store.create_workspace("client-a")
    at = open_app("data")
    upload(at, "customers.csv")
    assert at.selectbox(key="upload_workspace").options == ["client-a"]  # no new workspace, not the viewer's one
    import_now(at)
    assert client.counts()["customer_responses"] == 6
    assert workspace.counts()["customer_responses"] == 0
    trail = audit.trail(client)
    assert (trail["actor"].iloc[-1], trail["action"].iloc[-1]) == ("bo@example.com", "import")


def test_a_viewer_everywhere_gets_their_role_instead_of_an_upload(tmp_path, monkeypatch, workspace):
    from conftest import open_app

    from cx.team.access import User
    from cx.ui import auth

    rules = tmp_path / "cx-access.toml"
    rules.write_text('admins = ["lead@example.com"]\n[workspaces.test]\nviewer = ["bo@example.com"]\n')
    monkeypatch.setenv("CX_ACCESS_FILE", str(rules))
    monkeypatch.setenv("CX_WORKSPACE", "test")
    monkeypatch.setattr(auth, "configured", lambda: True)
    monkeypatch.setattr(auth, "current_user", lambda: User("bo@example.com", "Bo"))
    at = open_app("data")
    assert not at.exception
    assert t("auth.role", role=t("role.viewer")) in [e.value for e in at.info]
    assert not [u for u in at.get("file_uploader") if getattr(u, "key", None) == "upload_file"]


# ----------------------------------------------------------------------------- landing on the journey

def test_the_import_opens_the_journey_at_its_touchpoint_for_the_dates_of_the_new_answers(page):
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    import_now(page)
    assert [e.value for e in page.title] == [t("page.journey")]
    assert page.query_params["tp"] == "Web shop"
    assert page.query_params["period"] == "custom"
    assert page.query_params["dates"] == ["2026-03-02", "2026-03-04"]
    assert page.session_state["tp"] == "Web shop"


def test_the_landing_clears_filters_that_would_hide_the_new_answers(page):
    page.session_state["_cx_view"] = {"segment": ["Business"]}
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    import_now(page)
    assert page.session_state["segment"] == []


def test_the_landing_says_when_every_figure_is_below_the_minimum_and_where_that_setting_is(page):
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    import_now(page)
    said = [e.value for e in page.warning]
    assert t("landing.below_minimum", n="3", minimum="30", setting=t("settings.min_n"),
             tab=t("data.tab.workspaces"), page=t("page.data")) in said


def test_the_landing_says_nothing_about_the_minimum_when_a_figure_reaches_it(page, workspace):
    workspace.set_setting("min_n", 3)
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    import_now(page)
    assert not [e for e in page.warning if "minimum" in e.value]


def test_the_landing_note_stays_until_closed_or_the_user_leaves_the_page(page):
    new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT))
    import_now(page)
    page.switch_page(page_file("journey")).run()  # a rerun on the journey (a filter changed, say)
    assert any(e.value.startswith("Import #1 is in") for e in page.success)
    page.button(key="upload_landing_close").click().run()
    assert not [e for e in page.success if e.value.startswith("Import #1 is in")]
    page.switch_page(page_file("journey")).run()
    assert not [e for e in page.success if e.value.startswith("Import #1 is in")]


def test_the_landing_note_is_gone_once_the_user_goes_to_another_page(page):
    import_now(new_touchpoint(upload(page, "nps.csv", NO_TOUCHPOINT)))
    page.switch_page(page_file("overview")).run()
    page.switch_page(page_file("journey")).run()
    assert not page.exception
    assert not [e for e in page.success if e.value.startswith("Import #1 is in")]


def test_touchpoints_on_no_stage_get_the_journey_map_template_with_their_names(page, downloads):
    import io

    import openpyxl

    import_now(upload(page, "customers.csv"))
    assert t("landing.unstaged", n="3", page=t("page.data")) in [e.value for e in page.info]
    book = openpyxl.load_workbook(io.BytesIO(downloads["cx-journey-map.xlsx"]))
    names = [row[0] for row in book["touchpoints"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Customer service", "Store", "Web shop"]


def test_the_filled_in_template_places_the_touchpoints_on_their_stages(page, workspace):
    import io

    import openpyxl

    from cx.landing import journey_map_template

    import_now(upload(page, "customers.csv"))
    book = openpyxl.load_workbook(io.BytesIO(journey_map_template(["Customer service", "Store", "Web shop"])))
    for row, stage in zip(book["touchpoints"].iter_rows(min_row=2), ("Use and service", "Offer and purchase",
                                                                     "Offer and purchase"), strict=True):
        row[1].value = stage
    filled = io.BytesIO()
    book.save(filled)
    back_to_data(page)
    upload(page, "cx-journey-map.xlsx", filled.getvalue())
    assert page.selectbox(key="upload_kind").value == "touchpoints"
    import_now(page)
    stages = workspace.cursor().execute("SELECT DISTINCT touchpoint, stage FROM customer_responses ORDER BY 1")
    assert stages.fetchall() == [("Customer service", "Use and service"), ("Store", "Offer and purchase"),
                                 ("Web shop", "Offer and purchase")]


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
    shown = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "info", "success",
                                  "warning", "error") for e in getattr(page, kind)]
    labels = [w.label for kind in ("selectbox", "button", "text_input", "number_input", "checkbox", "multiselect")
              for w in getattr(page, kind)]
    for uploaded in ("HYPERLINK", "How likely", "customers.csv", "Quick delivery", "Web shop"):
        assert not [s for s in shown + labels if uploaded in str(s)], uploaded
