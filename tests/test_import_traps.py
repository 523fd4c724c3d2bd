"""The traps of issue 15, one behaviour per test: label scales and their end points, unreadable values
that stop an import, a long layout with a new question, blank first-row headers, an unterminated
quote, mixed encodings, an overlapping re-export, camelCase headers and the new profile keys."""
from __future__ import annotations

import json

import pytest

from cx import store
from cx.cli import main
from cx.imports import pipeline
from cx.imports.notes import ImportRefused
from cx.profiles import ImportProfile
from tests.tool_files import BY_NAME, TOOLS, WEB_SHOP, figures

CUSTOMER = {"kind": "customer_responses", "constants": {"touchpoint": "Web shop"}}


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def values(ws, column: str, table: str = "customer_responses") -> list:
    return [r[0] for r in ws.cursor().execute(f"SELECT {column} FROM {table} ORDER BY responded_at").fetchall()]


def load(ws, data: bytes, profile: dict | None = None, **constants):
    return pipeline.import_file(ws, data, "f.csv", profile=ImportProfile.from_dict(profile) if profile else None,
                                constants=constants or None)


# -- 3. text answer scales ----------------------------------------------------------------------------------

def test_a_likelihood_scales_end_labels_are_answers_never_rejections(workspace):
    data = csv("Date,How likely are you to recommend us?", "2026-11-02,0 - Not at all likely",
               "2026-11-03,10 - Extremely likely", "2026-11-04,7")
    result = load(workspace, data, touchpoint="Web shop")
    assert (result.rows_loaded, result.rows_rejected) == (3, 0)
    assert values(workspace, "nps") == [0, 10, 7]


def test_finnish_agreement_labels_are_read_as_their_points(workspace):
    data = csv("Pvm;Olen tyytyväinen palveluun", "2.11.2026;Täysin samaa mieltä", "3.11.2026;Täysin eri mieltä",
               "4.11.2026;Ei samaa eikä eri mieltä")
    load(workspace, data, touchpoint="Verkkokauppa")
    assert values(workspace, "csat") == [5, 1, 3]


def test_agree_next_to_somewhat_agree_is_read_on_the_seven_point_scale_and_rescaled_to_one_to_five(workspace):
    data = csv("Date,Overall satisfaction", "2026-11-02,Strongly agree", "2026-11-03,Somewhat agree",
               "2026-11-04,Agree", "2026-11-05,Strongly disagree")
    result = load(workspace, data, touchpoint="Web shop")
    assert values(workspace, "csat") == [5, 4, 4, 1]  # 7, 5 and 6 of seven points: 5, 3.67 and 4.33 rounded
    assert any("1 + (answer − 1) × (5 − 1) / (7 − 1)" in n for n in result.decisions["notes"])


def test_a_column_whose_labels_reject_over_a_fifth_of_rows_stops_the_command_line_listing_them(capsys, tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes(csv("Date,Touchpoint,NPS", "2026-11-02,Web,9", "2026-11-03,Web,Loved it",
                         "2026-11-04,Web,Meh", "2026-11-05,Web,8", "2026-11-06,Web,Meh"))
    code = main(["import", str(path), "--workspace", "stop"])
    err = capsys.readouterr().err
    assert code == 2
    assert "'Meh' (2)" in err and "'Loved it' (1)" in err and "3 of 5 rows" in err
    assert store.open_workspace("stop").counts()["customer_responses"] == 0


def test_the_proposal_lists_the_unreadable_values_and_asks_to_map_them(workspace):
    data = csv("Date,Touchpoint,NPS", "2026-11-02,Web,9", "2026-11-03,Web,Loved it", "2026-11-04,Web,Meh")
    proposal = pipeline.propose(workspace, data, "f.csv")
    assert proposal.blocked and proposal.preview is None
    assert [(u.column, u.values, u.rows, u.of) for u in proposal.unreadable] == [
        ("nps", (("Loved it", 1), ("Meh", 1)), 2, 3)]
    ask = next(a for a in proposal.asks if a.code == "values")
    assert ask.column == "nps" and set(ask.options) == {"Loved it", "Meh"}
    assert "Meh" not in ask.question.text("fi") and ask.question.text("fi") != ask.question.text("en")
    with pytest.raises(ImportRefused):
        pipeline.run(workspace, proposal)


def test_mapping_the_unreadable_values_lets_the_import_run(workspace):
    data = csv("Date,Touchpoint,NPS", "2026-11-02,Web,9", "2026-11-03,Web,Loved it", "2026-11-04,Web,Meh")
    proposal = pipeline.propose(workspace, data, "f.csv")
    result = pipeline.run(workspace, proposal, pipeline.Answers(values={"nps": {"Loved it": 10, "Meh": None}}))
    assert (result.rows_loaded, result.rows_rejected) == (2, 1)  # 'Meh' is not answered: no score
    assert values(workspace, "nps") == [9, 10]


# -- 4. long layouts ------------------------------------------------------------------------------------

def peakon_profile(ws) -> ImportProfile:
    proposal = pipeline.propose(ws, (TOOLS / "peakon.csv").read_bytes(), "peakon.csv")
    ask = next(a for a in proposal.asks if a.code == "long_questions")
    return pipeline.profile_for(proposal, pipeline.Answers(long_questions=ask.proposed))


def test_a_long_export_is_pivoted_to_one_row_per_person_with_the_picked_questions(workspace):
    result = pipeline.import_file(workspace, (TOOLS / "peakon.csv").read_bytes(), "peakon.csv",
                                  profile=peakon_profile(workspace))
    assert result.rows_loaded == 4
    assert figures(workspace, "employee_responses", ["enps", "wellbeing"]) == {"enps": (4, 25.0),
                                                                                "wellbeing": (3, 3.0)}


def test_a_new_question_next_month_is_reported_and_never_counted_as_enps(workspace):
    profile = peakon_profile(workspace)
    pipeline.import_file(workspace, (TOOLS / "peakon.csv").read_bytes(), "peakon.csv", profile=profile)
    result = pipeline.import_file(workspace, (TOOLS / "peakon_next_month.csv").read_bytes(), "next.csv",
                                  profile=profile)
    assert any("How likely are you to recommend our products" in n and "never counted as eNPS" in n
               for n in result.decisions["notes"])
    december = workspace.cursor().execute("SELECT enps FROM employee_responses WHERE responded_at >= "
                                          "'2026-12-01' ORDER BY unit, enps").fetchall()
    assert sorted(r[0] for r in december) == [4, 9, 10]  # the eNPS question's answers, not 2/10/10


def test_a_long_export_never_stores_the_persons_id(workspace):
    pipeline.import_file(workspace, (TOOLS / "peakon.csv").read_bytes(), "peakon.csv", profile=peakon_profile(workspace))
    ids = [r[0] for r in workspace.cursor().execute("SELECT response_id FROM employee_responses").fetchall()]
    assert len(set(ids)) == 4 and not any(i.startswith(("e1", "e2", "e3", "e4")) or "/" in i for i in ids)


def test_the_user_can_pick_another_question_as_enps(workspace):
    proposal = pipeline.propose(workspace, (TOOLS / "peakon.csv").read_bytes(), "peakon.csv")
    ask = next(a for a in proposal.asks if a.code == "long_questions")
    assert ask.required and len(ask.options) == 2
    picked = {q: "enps" for q, c in ask.proposed.items() if c == "wellbeing"}
    result = pipeline.run(workspace, proposal, pipeline.Answers(long_questions=picked))
    assert result.rows_loaded == 3  # the person who skipped that question has no score


# -- 5. two-row headers ---------------------------------------------------------------------------------

def test_a_matrix_row_named_only_in_the_second_header_row_is_mapped_by_that_name(workspace):
    tool = BY_NAME["surveymonkey.csv"]
    proposal = pipeline.propose(workspace, tool.path.read_bytes(), tool.name)
    named = "Thinking of your last contact: - How easy was it to handle your issue?"
    assert proposal.profile.columns[named] == "ces"


def test_a_mapped_column_with_a_blank_first_row_header_is_never_dropped(workspace):
    data = csv("Date,Touchpoint,Rate us:,", ",,Speed,Ease", "2026-11-02,Web,4,5", "2026-11-03,Web,3,")
    profile = dict(CUSTOMER, columns={"Date": "responded_at", "Touchpoint": "touchpoint",
                                      "Rate us: - Ease": "ease", "Rate us:": "efficiency"}, skip_rows=1)
    result = load(workspace, data, profile)
    assert result.rows_loaded == 2 and values(workspace, "ease") == [5, None]


# -- 7. monthly re-exports ------------------------------------------------------------------------------

def test_an_overlapping_re_export_is_reported_and_skipped_never_doubled(workspace):
    tool = BY_NAME["qualtrics_numeric.csv"]
    first = pipeline.import_file(workspace, tool.path.read_bytes(), tool.name, constants=WEB_SHOP)
    lines = tool.path.read_text(encoding="utf-8-sig").splitlines()
    later = "\n".join(lines[:3] + lines[5:] + [lines[-2].replace("R_006aB3c", "R_100aB3c")]).encode()
    result = pipeline.import_file(workspace, later, "december.csv", constants=WEB_SHOP)
    assert result.rows_loaded == 1 and len(result.overlap) == 4  # R_003 to R_006 again; R_100 is new
    assert f"(import {first.import_id})" in result.overlap[0].reason
    assert workspace.counts()["customer_responses"] == 6


def test_camel_case_headers_are_recognised(workspace):
    data = csv("responseId,recordedDate,touchPoint,npsScore", "r1,2026-11-02,Web,9")
    result = load(workspace, data)
    assert result.mapping == {"responseId": "response_id", "recordedDate": "responded_at",
                              "touchPoint": "touchpoint", "npsScore": "nps"}


# -- 8. never lose a row quietly -------------------------------------------------------------------------

def test_an_unclosed_quote_rejects_its_line_and_keeps_the_lines_after_it(workspace):
    data = csv("Date,Touchpoint,NPS,Comment", '2026-11-02,Web,9,"Good', "2026-11-03,Web,7,Fine",
               "2026-11-04,Web,3,Slow")
    result = load(workspace, data)
    assert [(r.line, "opens a quote that never closes" in r.reason) for r in result.rejections] == [(1, True)]
    assert values(workspace, "comment") == ["Fine", "Slow"]


def test_a_file_mixing_utf8_and_windows_1252_keeps_each_line_exact_and_names_the_1252_lines(workspace):
    data = (b"Date;Touchpoint;NPS;Comment\n" + "2026-11-02;Café;9;Hyvä\n".encode() +
            "2026-11-03;Café;7;Hyvä\n".encode("cp1252") + "2026-11-04;Café;8;Äänekoski\n".encode())
    result = load(workspace, data)
    assert values(workspace, "touchpoint") == ["Café"] * 3
    assert values(workspace, "comment") == ["Hyvä", "Hyvä", "Äänekoski"]
    assert any("line 3 of the file was read as Windows-1252" in n for n in result.decisions["notes"])


# -- 6. profile keys ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("scale", "answers", "expected"), [
    ((0, 10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5]),
    ((1, 7), [1, 2, 3, 4, 5, 6, 7], [1, 2, 2, 3, 4, 4, 5]),
])
def test_rescale_maps_the_files_scale_onto_the_columns_by_the_stated_rule(workspace, scale, answers, expected):
    data = csv("Date,Ease", *(f"2026-11-{1 + i:02d},{a}" for i, a in enumerate(answers)))
    load(workspace, data, dict(CUSTOMER, rescale={"ease": list(scale)}))
    assert values(workspace, "ease") == expected


def test_a_value_off_the_files_scale_is_rejected_with_the_columns_range(workspace):
    result = load(workspace, csv("Date,Ease", "2026-11-02,12"), dict(CUSTOMER, rescale={"ease": [0, 10]}))
    assert result.rejections[0].reason == "Ease must be a whole number 1–5, got 12"


def test_a_yes_no_question_goes_into_an_item_column(workspace):
    data = csv("Date,Was it quick?", "2026-11-02,Yes", "2026-11-03,ei", "2026-11-04,No")
    profile = dict(CUSTOMER, columns={"Date": "responded_at", "Was it quick?": "efficiency"},
                   yes_no={"efficiency": {"yes": 5, "no": 1}})
    load(workspace, data, profile)
    assert values(workspace, "efficiency") == [5, 1, 1]


def test_multi_select_columns_are_left_out_with_a_note(workspace):
    proposal = pipeline.propose(workspace, BY_NAME["google_forms.csv"].path.read_bytes(), "g.csv")
    assert proposal.profile.multi_select == ("Which channels did you use?",)
    assert "Which channels did you use?" not in proposal.profile.columns
    assert any("multi-select" in n.text("en") and "monivalinta" in n.text("fi") for n in proposal.decisions)


def test_time_zone_converts_the_files_times_to_the_workspaces_zone(workspace):
    load(workspace, csv("Date,NPS", "2026-11-02 10:00:00,9"), dict(CUSTOMER, time_zone="UTC"))
    assert str(values(workspace, "responded_at")[0]) == "2026-11-02 12:00:00"


def test_require_leaves_out_rows_with_an_empty_cell_as_skipped(workspace):
    data = csv("Date,Done,NPS", "2026-11-02,yes,9", "2026-11-03,,7")
    result = load(workspace, data, dict(CUSTOMER, require=["Done"]))
    assert (result.rows_loaded, result.rows_skipped, result.rows_rejected) == (1, 1, 0)


def test_profiles_without_the_new_keys_are_read_as_before():
    old = {"kind": "customer_responses", "columns": {"Pvm": "responded_at"}, "constants": {"touchpoint": "W"}}
    assert json.loads(ImportProfile.from_dict(old).to_json()) == old


def test_an_unclosed_quote_in_a_big_file_read_by_the_columnar_path_rejects_only_its_line():
    from cx.imports.read import read_table

    rows = b"".join(b"2026-11-06,Web,7,Fine %d\n" % i for i in range(60_000))
    table = read_table(b'Date,Touchpoint,NPS,Comment\n2026-11-05,Web,9,"Good\n' + rows, "big.csv")
    assert len(table) == 60_001 and list(table.bad_rows) == [1]
    assert table.frame.iloc[60_000].tolist() == ["2026-11-06", "Web", "7", "Fine 59999"]


def test_a_quoted_comment_over_two_lines_is_kept_whole():
    from cx.imports.read import read_table

    table = read_table(b'Date,Touchpoint,NPS,Comment\n2026-11-05,Web,9,"Good\nstill good"\n2026-11-06,Web,7,ok\n',
                       "two.csv")
    assert table.bad_rows == {} and table.frame.iloc[0, 3] == "Good\nstill good"


def test_row_reasons_and_reader_notes_read_in_finnish():
    from cx.imports.notes import translate

    assert translate("NPS must be a whole number 0–10, got 12", "fi") == "NPS pitää olla kokonaisluku 0–10, nyt 12"
    assert translate("The touchpoint is missing (needed for transaction answers); has no score (needs at least "
                     "one of NPS)", "fi").startswith("Kosketuspiste puuttuu")
    assert translate("Detected delimiter ';' and decimal comma.", "fi") == \
        "Erottimeksi tunnistettiin ';' ja desimaalipilkku."
    assert translate("Something cx never says", "fi") == "Something cx never says"


def test_a_new_touchpoint_is_placed_on_a_stage_and_the_answers_take_that_stage(workspace):
    load(workspace, csv("Touchpoint,Stage,Stage order", "Web shop,Purchase,2", "Ad,Awareness,1"),
         {"kind": "touchpoints"})
    assert pipeline.stages(workspace) == [("Awareness", 1), ("Purchase", 2)]
    pipeline.place_touchpoint(workspace, "Chat", "Purchase")
    pipeline.place_touchpoint(workspace, "Invoice", "After-sales")
    load(workspace, csv("Date,NPS", "2026-11-02,9"), touchpoint="Chat")
    assert workspace.cursor().execute("SELECT touchpoint, stage, stage_order FROM touchpoints ORDER BY ALL").fetchall() \
        == [("Ad", "Awareness", 1), ("Chat", "Purchase", 2), ("Invoice", "After-sales", 3), ("Web shop", "Purchase", 2)]
    assert values(workspace, "stage") == ["Purchase"]


def test_a_whole_file_refusal_reads_in_finnish_too(workspace):
    from cx.imports.notes import translate
    from cx.imports.read import FileRejected

    with pytest.raises(FileRejected) as refused:
        load(workspace, csv("Date,NPS", "2026-11-02,9"))
    assert refused.value.code == "no_touchpoint"
    assert translate(str(refused.value), "fi").startswith("Tiedostossa ei ole kosketuspistesaraketta")


def test_a_matrix_row_where_everyone_chose_the_same_label_is_still_a_score(workspace):
    text = BY_NAME["surveymonkey.csv"].path.read_text(encoding="utf-8")
    for label in ("Satisfied", "Dissatisfied", "Neither satisfied nor dissatisfied"):
        text = text.replace(f",{label},", ",Very satisfied,")
    proposal = pipeline.propose(workspace, text.encode(), "sm.csv")
    assert proposal.profile.columns["Thinking of your last contact:"] == "csat"


def test_the_json_summary_of_a_stopped_import_lists_the_values_to_map(capsys, tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes(csv("Date,Touchpoint,NPS", "2026-11-02,Web,9", "2026-11-03,Web,Meh", "2026-11-04,Web,Meh"))
    assert main(["import", str(path), "--workspace", "stop", "--json"]) == 2
    body = json.loads(capsys.readouterr().out)
    assert body["code"] == "unreadable_values"
    assert body["unreadable"] == [{"column": "nps", "header": "NPS", "rows": 2, "of": 3,
                                   "values": [{"value": "Meh", "rows": 2}]}]


def test_a_csv_whose_first_line_starts_with_a_bracket_is_still_read_as_csv():
    from cx.imports.read import read_table

    table = read_table(b"[Survey] Customer feedback\nDate,NPS\n2026-11-02,9\n2026-11-03,7\n", "x.csv")
    assert table.headers == ["Date", "NPS"] and len(table) == 2
