import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CHALLENGE_Q, RATING_Q, STRENGTH_Q, write_delimited
from fritekst.api import code_files, summarize_files
from fritekst.summarize.tables import (
    DONT_KNOW_LABEL,
    TOTAL,
    Summary,
    mark_small_rows,
    rating_table,
)


@pytest.fixture
def summary(tmp_path):
    header = ["Respondent", "Kommune", f"{STRENGTH_Q} - 1", f"{STRENGTH_Q} - 2", CHALLENGE_Q,
              RATING_Q]
    rows = [
        # respondent 1 names housing shortage twice (two points): counts once
        ["1", "Rissa", "Tildelingsteamet", "", "1) For få boliger 2) Boligmangel", "4"],
        ["2", "Rissa", "Tildelingsteam", "Korte avstander", "Mangel på utleieboliger", "5"],
        ["3", "Rissa", "", "", "Uklar ansvarsfordeling", "Vet ikke"],
        ["4", "Rissa", "Vet ikke", "", "Vet ikke", "Vet ikke"],
        ["5", "Oppdal", "Samarbeid", "", "For få bustader", "2"],
        ["6", "Oppdal", "", "", "", ""],
    ]
    path = write_delimited(tmp_path / "x.csv", header, rows, delimiter=";", encoding="cp1252")
    return summarize_files([path])


def _row(summary, muni, pol, theme):
    t = summary.themes
    sub = t[(t.municipality == muni) & (t.polarity == pol) & (t.theme == theme)]
    assert len(sub) == 1, sub
    return sub.iloc[0]


def test_respondents_not_answers(summary):
    r = _row(summary, "Rissa", "utfordring", "boligmangel")
    assert r.respondents == 2          # respondent 1 counted once despite two points
    assert r.answered == 3             # respondent 4 said only "Vet ikke"
    assert r.share == pytest.approx(2 / 3)
    assert r["rank"] == 1
    # one quote per respondent: respondent 1's second point ("Boligmangel") is not used
    assert sorted(r.quotes) == ["For få boliger", "Mangel på utleieboliger"]


def test_strength_table_and_matrix(summary):
    r = _row(summary, "Rissa", "styrke", "moteplasser")
    assert (r.respondents, r.answered) == (2, 2)
    m = summary.matrices["utfordring"]
    assert m.loc["Mangel på egnede boliger", "Rissa"] == 2
    assert m.loc["Mangel på egnede boliger", "Oppdal"] == 1
    assert m.loc["Utfordringer med bosetting av flyktninger"].sum() == 0   # every theme is a row
    assert list(m.columns) == ["Oppdal", "Rissa"]


def test_rating_means_leave_dont_know_out(summary):
    r = summary.ratings.set_index("municipality")
    assert r.loc["Rissa", "n"] == 4
    assert r.loc["Rissa", "dont_know"] == 2
    assert r.loc["Rissa", "mean"] == 4.5
    assert r.loc["Rissa", "distribution"]["Vet ikke"] == 50.0
    assert r.loc["Oppdal", "n"] == 1     # the empty cell is not counted
    assert r.loc["Totalt", "mean"] == 3.67   # (4 + 5 + 2) / 3, rounded half up


def test_rating_mean_rounds_only_at_the_end():
    ratings = pd.DataFrame({
        "municipality": ["Volda"] * 3, "item": ["Q"] * 3,
        "value": pd.array([4, 4, 3], dtype="Int64"), "dont_know": [False] * 3})
    t = rating_table(ratings, ["Volda"])
    assert t.iloc[0]["mean"] == 3.67
    assert t.iloc[0]["distribution"] == {"1": 0.0, "2": 0.0, "3": 33.3, "4": 66.7, "5": 0.0,
                                         "6": 0.0, "Vet ikke": 0.0}


def test_responses_and_meta_counts(summary):
    resp = summary.responses.set_index("municipality")
    assert resp.loc["Rissa", "respondents"] == 4
    assert resp.loc["Oppdal", "respondents"] == 2
    c = summary.meta["counts"]
    # 6 rows × 3 boxes; respondent 4 wrote two "Vet ikke"; respondent 1 two points
    assert {k: c[k] for k in ("rows", "respondents", "skipped_rows", "boxes", "empty",
                              "non_answers", "answered_boxes", "units", "coded", "uncoded",
                              "to_review")} == {
        "rows": 6, "respondents": 6, "skipped_rows": 0, "boxes": 18, "empty": 8,
        "non_answers": 2, "answered_boxes": 8, "units": 9, "coded": 9, "uncoded": 0,
        "to_review": 0}
    assert summary.meta["codebook"]["name"] == "fritekst-boligsosialt"


def test_coded_rows_have_the_documented_columns(survey_csv):
    units = code_files([survey_csv]).units
    assert list(units.columns) == ["source", "row", "respondent", "municipality", "question",
                                   "polarity", "unit", "text", "themes", "confidence",
                                   "evidence", "status", "polarity_from"]
    assert units["themes"].tolist() == [
        "moteplasser", "lokalkunnskap", "boligmangel", "ansvarsavklaring", "samordning",
        "boligmangel", "oppfolging", "", "", "boligmangel", "virkemidler",
        "boligmangel;flyktninger"]
    assert units["status"].tolist() == ["coded"] * 7 + ["non_answer"] * 2 + ["coded"] * 3
    coded = units[units.status == "coded"]
    assert coded.confidence.between(0.8, 1).all()   # measured 0.84-0.995
    assert units.loc[units.status == "non_answer", "confidence"].isna().all()


def test_round_half_up():
    from fritekst.summarize.tables import round_half_up

    assert round_half_up(25 / 8) == 3.13
    assert round_half_up(2.675) == 2.68
    assert round_half_up(3.0) == 3.0


def test_min_cell_hides_counts_shares_and_quotes_in_json(survey_csv):
    data = summarize_files([survey_csv], min_cell=2).to_json()
    small = [t for t in data["themes"] if t["respondents"] == "<2"]
    assert len(small) == 8 and all(t["share"] is None and t["quotes"] == [] for t in small)
    # the one row at the limit or above is left whole
    (kept,) = [t for t in data["themes"] if t["respondents"] != "<2"]
    assert (kept["municipality"], kept["polarity"], kept["theme"], kept["respondents"],
            kept["share"]) == ("Volda", "utfordring", "boligmangel", 3, 1.0)
    assert kept["quotes"] == ["Mangel på egnede utleieboliger", "For få bustader",
                              "boligmangel, boligmangel og atter boligmangel"]
    r = {x["municipality"]: x for x in data["ratings"]}
    assert (r["Oppdal"]["n"], r["Oppdal"]["mean"]) == (2, 1.5)   # 2 is not below 2


def test_model_read_polarity_does_not_move_respondents_between_tables(tmp_path):
    """A plain text column has no polarity: the model's reading is shown, but the tables keep
    every respondent in one group, so shares stay shares of all who answered."""
    rows = [[str(i), t] for i, t in enumerate(
        ["For få boliger", "Godt samarbeid med NAV", "Spennende undersøkelse", "Tid"] * 3)]
    path = write_delimited(tmp_path / "x.csv", ["id", "text"], rows)
    from fritekst.extract.columns import ColumnOptions

    opts = ColumnOptions(text_columns=["text"], id_column="id")
    units = code_files([path], opts).units
    # the model reads a polarity for the coded units; "Spennende undersøkelse" has no theme
    assert units["polarity"].fillna("").tolist() == ["utfordring", "styrke", "",
                                                     "utfordring"] * 3
    assert units["polarity_from"].tolist() == ["model", "model", "", "model"] * 3
    summary = summarize_files([path], opts)
    t = summary.themes
    assert set(t["polarity"]) == {""}
    assert sorted(zip(t["theme"], t["respondents"], t["answered"], t["share"],
                      strict=True)) == [("boligmangel", 3, 12, 0.25), ("ressurser", 3, 12, 0.25),
                                        ("samordning", 3, 12, 0.25)]


def test_non_answers_inside_a_list_are_non_answers(tmp_path):
    header = ["Kommune", CHALLENGE_Q]
    rows = [["Volda", "1. Vet ikke\n2. -"], ["Volda", "1) For få boliger 2) vet ikke"]]
    s = code_files([write_delimited(tmp_path / "x.csv", header, rows)]).units
    assert s["status"].tolist()[0] == "non_answer"
    assert s[s["respondent"] == "rad 3"]["text"].tolist() == ["For få boliger"]


def test_min_cell_hides_small_rating_rows(tmp_path):
    header = ["Kommune", RATING_Q, CHALLENGE_Q]
    rows = [["Volda", "4", "Tid"], ["Volda", "5", "Tid"], ["Volda", "3", "Tid"],
            ["Rissa", "2", "Tid"]]
    data = summarize_files([write_delimited(tmp_path / "x.csv", header, rows)],
                           min_cell=3).to_json()
    r = {x["municipality"]: x for x in data["ratings"]}
    assert r["Rissa"]["mean"] is None and r["Rissa"]["distribution"] is None
    assert r["Volda"]["mean"] == 4.0
    # the total would give Rissa's value away: it is hidden too
    assert r["Totalt"]["mean"] is None


def test_styrke_and_utfordring_boxes_under_one_stem_are_two_questions(tmp_path):
    q = "Hva mener du om det boligsosiale arbeidet?"
    header = ["Kommune", f"{q} - Styrke 1", f"{q} - Styrke 2", f"{q} - Utfordring 1",
              f"{q} - Utfordring 2"]
    rows = [["Volda", "Tildelingsgruppa", "", "For få boliger", "Tid"]]
    units = code_files([write_delimited(tmp_path / "x.csv", header, rows)]).units
    pol = dict(zip(units["text"], units["polarity"], strict=True))
    assert pol == {"Tildelingsgruppa": "styrke", "For få boliger": "utfordring",
                   "Tid": "utfordring"}


def test_quotes_zero_and_redaction_before_shortening(tmp_path):
    long = "Vi trenger flere boliger. " * 5 + "Ring Kari Nygård på 912 34 567 for mer"
    rows = [["Volda", long], ["Volda", "For få boliger"]]
    path = write_delimited(tmp_path / "x.csv", ["Kommune", CHALLENGE_Q], rows)
    head = "Vi trenger flere boliger. " * 5
    # the quote is shortened inside the phone number: shortened first, "912 34" would leak
    unredacted = summarize_files([path], redact=False).themes
    assert unredacted["quotes"].tolist() == [["For få boliger",
                                              head + "Ring Kari Nygård på 912 34 …"]]
    t = summarize_files([path]).themes
    assert t["quotes"].tolist() == [["For få boliger", head + "Ring [navn] på [telefon] for …"]]
    none = summarize_files([path], quotes=0).themes
    assert none[["theme", "respondents"]].values.tolist() == [["boligmangel", 2]]
    assert none["quotes"].tolist() == [[]]


def _ratings_row(summary, muni):
    r = summary.ratings
    return r[(r["item"] == RATING_Q) & (r["municipality"] == muni)].iloc[0]


def test_the_same_ids_in_two_files_are_different_people_in_every_table(tmp_path):
    """Two exports without a municipality column, each numbering its respondents 1-3."""
    header = ["Respondent", CHALLENGE_Q, RATING_Q]
    a = write_delimited(tmp_path / "bolk1.csv", header, [
        ["1", "For få boliger", "4"], ["2", "Uklar ansvarsfordeling", "3"],
        ["3", "For få utleieboliger", "5"]])
    b = write_delimited(tmp_path / "bolk2.csv", header, [
        ["1", "Mangel på boliger", "2"], ["2", "For lite tid", "Vet ikke"],
        ["3", "Boligmangel", "6"]])
    s = summarize_files([a, b])
    shortage = _row(s, "Alle", "utfordring", "boligmangel")
    assert (shortage.respondents, shortage.answered) == (4, 6)
    rating = _ratings_row(s, "Alle")
    assert (rating.n, rating["mean"], rating.dont_know) == (6, 4.0, 1)
    assert s.responses.loc[0, "respondents"] == 6
    assert ("3 respondent ids occur in more than one file for the same municipality (e.g. 1, "
            "2, 3): a respondent is an id within one file, so these count as different people. "
            "If the files overlap, remove the repeated rows.") in s.meta["notes"]


def test_rows_of_one_file_with_the_same_id_are_one_respondent_in_every_table(tmp_path):
    header = ["Respondent", "Kommune", CHALLENGE_Q, RATING_Q]
    path = write_delimited(tmp_path / "dobbel.csv", header, [
        ["7", "Volda", "For få boliger", "2"],
        ["8", "Volda", "Uklar ansvarsfordeling", "3"],
        ["7", "Volda", "Mangel på utleieboliger og lite oppfølging", "5"],  # sent again
    ])
    s = summarize_files([path])
    shortage = _row(s, "Volda", "utfordring", "boligmangel")
    assert (shortage.respondents, shortage.answered) == (1, 2)
    assert _row(s, "Volda", "utfordring", "oppfolging").respondents == 1
    rating = _ratings_row(s, "Volda")
    assert (rating.n, rating["mean"]) == (2, 4.0)  # 7's later rating (5) and 8's (3)
    c = s.meta["counts"]
    assert (c["rows"], c["respondents"], c["duplicate_rows"], c["skipped_rows"],
            c["ratings_replaced"]) == (3, 2, 1, 0, 1)
    assert c["rows"] == c["respondents"] + c["duplicate_rows"] + c["skipped_rows"]
    assert (f"{path}: 2 rows share a respondent id with another row of the same file and "
            "municipality (id 7 in rows 2, 4): each id counts as one respondent in every table, "
            "with the answers of all its rows and, per rating item, the last value given. "
            "Check for duplicate submissions.") in s.meta["notes"]


def test_tables_name_a_theme_for_their_polarity():
    """A strength table never reads "Mangel på egnede boliger"."""
    from fritekst.coding.codebook import load_codebook
    from fritekst.summarize.tables import theme_matrix, theme_table

    units = pd.DataFrame({
        "source": "x.csv", "respondent": ["1", "2"], "municipality": "Alta",
        "polarity": ["styrke", "utfordring"], "polarity_from": "question",
        "text": ["Mange ledige utleieboliger", "For få boliger"],
        "themes": "boligmangel", "confidence": 0.9, "status": "coded"})
    codebook = load_codebook()
    table = theme_table(units, codebook)
    assert dict(zip(table["polarity"], table["label"], strict=True)) == {
        "styrke": "God tilgang på egnede boliger", "utfordring": "Mangel på egnede boliger"}
    strengths = theme_matrix(table, codebook.labels_for("styrke"), ["Alta"], "styrke")
    assert strengths.loc["God tilgang på egnede boliger", "Alta"] == 1
    assert codebook.labels["boligmangel"] == "Tilgang på egnede boliger"


def test_ids_that_restart_per_municipality_are_different_people(tmp_path):
    """Regression: id 1 in Volda and id 1 in Ørsta of one file were taken for one person, and
    Volda vanished from the rating and response tables."""
    header = ["ID", "Kommune", RATING_Q, STRENGTH_Q]
    path = write_delimited(tmp_path / "samla.csv", header, [
        ["1", "Volda", "2", "Godt samarbeid med NAV"], ["2", "Volda", "3", "Flinke folk"],
        ["1", "Ørsta", "6", "Gode rutiner for tildeling"], ["2", "Ørsta", "5", "Boligkontoret"],
        ["3", "Ørsta", "4", "Godt samarbeid"]], delimiter=";")
    s = summarize_files([path])
    assert s.responses[["municipality", "respondents", "answered_styrke",
                        "answered_rating"]].values.tolist() == [["Volda", 2, 2, 2],
                                                                ["Ørsta", 3, 3, 3]]
    assert (_ratings_row(s, "Volda").n, _ratings_row(s, "Volda")["mean"]) == (2, 2.5)
    assert (_ratings_row(s, "Ørsta").n, _ratings_row(s, "Ørsta")["mean"]) == (3, 5.0)
    c = s.meta["counts"]
    assert (c["respondents"], c["duplicate_rows"], c["ratings_replaced"]) == (5, 0, 0)
    assert ("2 respondent ids occur under more than one municipality in the same file (e.g. "
            "1, 2): ids that restart per municipality are different people, and so they are "
            "counted. If one person answered twice and named another municipality, remove one "
            "of the rows.") in s.meta["notes"]


# ---- the promise in words: --min-cell N hides every count below N, and none can be worked out
_answers = st.lists(st.tuples(st.sampled_from(["Alta", "Bø", "Vik"]),
                              st.sampled_from([1, 2, 3, 4, 5, 6, "vet ikke"])),
                    min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_answers, st.integers(2, 5))
def test_no_small_count_is_shown_or_can_be_worked_out(answers, min_cell):
    raw = pd.DataFrame([{"municipality": m, "item": "Samordning",
                         "value": pd.NA if v == "vet ikke" else v, "dont_know": v == "vet ikke"}
                        for m, v in answers])
    raw["value"] = raw["value"].astype("Int64")
    ratings = mark_small_rows(rating_table(raw, ["Alta", "Bø", "Vik"]), min_cell)
    summary = Summary(pd.DataFrame(), {}, ratings, pd.DataFrame(), {}, min_cell)
    shown = summary.shown_ratings()
    small = f"<{min_cell}"
    gone_by_column: dict[str, bool] = {}
    for r, counts in zip(shown.itertuples(index=False), ratings["counts"], strict=True):
        if r.distribution is None:  # the whole row is hidden: only <N, or no N at all
            assert r.n in (small, None) or r.municipality == TOTAL
            assert r.mean is None and r.dont_know is None
            continue
        assert isinstance(r.n, int) and (r.n == 0 or r.n >= min_cell)
        assert r.dont_know in (small, None) or r.dont_know == 0 or r.dont_know >= min_cell
        gone = [k for k, v in r.distribution.items() if v is None]
        for k, v in r.distribution.items():  # a shown percentage stands for 0 or ≥ N people
            assert v is None or counts[k] == 0 or counts[k] >= min_cell
            if v is None:
                assert counts[k] > 0  # a gap is never a zero
        assert len(gone) != 1, "one gap in a row with its N shown can be worked out"
        assert (r.dont_know is None or r.dont_know == small) == (DONT_KNOW_LABEL in gone)
        if r.municipality != TOTAL:
            for k in gone:
                gone_by_column[k] = True
        else:  # a column with a gap among the municipalities has a gap in the total too
            assert all(r.distribution[k] is None for k in gone_by_column)
