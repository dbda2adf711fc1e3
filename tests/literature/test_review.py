"""The literature review over generated reports: sections, coded claims with pages, search."""

import shutil

import pytest

from fritekst.literature import review as review_module
from fritekst.literature.review import review_files
from fritekst.literature.search import search


@pytest.fixture(scope="module")
def review(report_pdfs):
    return review_files([report_pdfs["report"]])  # the shipped model, as users get it


def test_every_sentence_is_accounted_for(review):
    c = review.meta["counts"]
    assert (c["files"], c["reports"], c["failed_files"], c["pages"], c["pages_skipped"]) == \
        (1, 1, 0, 40, 1)
    assert (c["sentences"], c["coded"], c["uncoded"], c["not_coded"]) == (807, 641, 125, 41)
    assert len(review.sentences) == c["sentences"]
    assert review.meta["model"] == "fritekst-nb-nn@2.1.0"
    assert review.meta["codebook"]["version"] == "1.1.0"
    # what is not coded, and why, follows from the report's sections, not from the model
    not_coded = review.sentences[review.sentences["status"] == "not_coded"]
    assert not_coded["reason"].value_counts().to_dict() == {
        "heading": 16, "table of contents": 10, "title pages": 6, "reference list": 4,
        "caption of a table or figure": 3, "English summary (the coder reads Norwegian)": 1,
        "table": 1}


def test_sections_that_are_not_claims(review):
    s = review.sentences
    kinds = dict(zip(s["text"], s["kind"], strict=False))
    assert kinds["2 Metode 8"] == "toc"
    assert kinds["Strand, A. (2011). Bo-oppfølging i praksis. Oslo: Fagforlaget."] == "references"
    english = s[s["section"] == "Summary"]
    assert set(english["kind"]) == {"heading", "english_summary"}
    assert (english["status"] == "not_coded").all()
    assert set(s.loc[s["section"] == "Sammendrag", "kind"]) == {"heading", "summary"}


def test_claims_about_the_five_municipalities_have_the_right_pages(review, report_truth):
    s = review.sentences
    for claim in report_truth["claims"]:
        on_page = s[(s["page_index"] == claim["page_index"])
                    & s["municipalities"].str.contains(claim["municipality"])]
        hit = on_page[on_page["themes"].str.split(";").map(lambda t, c=claim: c["theme"] in t)
                      & (on_page["polarity"] == claim["polarity"])]
        assert len(hit), claim


def test_municipality_matrix_cites_report_and_page(review):
    matrix = review.municipality_theme().set_index("Kommune")
    assert matrix.loc["Volda", "Møteplasser og formelle fora"] == \
        "Yttredal og Brekke 2015, s. 6 (styrke)"
    assert {"Rissa (nå Indre Fosen)", "Nærøy (nå Nærøysund)", "Volda", "Ørland",
            "Oppdal"} <= set(matrix.index)
    themes = review.theme_report().set_index("Tema")
    # how many sentences name the theme as a strength, a challenge and without judging,
    # and the printed pages they are on
    assert themes.loc["Tilgang på egnede boliger", "Yttredal og Brekke 2015"] == (
        "13 styrke, 62 utfordring, 11 nøytral (s. 1, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, "
        "18, 19, 20, 21, 22, 23, 24, 25, 27, "
        "28, 29, 30, 33, 34, 35, 36)")


def test_search_is_lemma_aware_across_written_standards(review):
    hits = search(review.sentences, "bolig")
    words = {h.lower() for h in hits["match"]}
    # the README's promise: inflections, Nynorsk and compounds
    assert {"boligene", "boliger", "bustader", "bustad", "utleieboliger",
            "utleigebustad"} <= words
    assert all("bolig" in w or "bustad" in w for w in words)
    rissa = search(review.sentences, "ansvar", municipality="Rissa")
    assert list(rissa["page_label"]) == ["11"]
    only = search(review.sentences, "samarbeid", theme="samordning")
    assert len(only) == 36 and only["themes"].str.contains("samordning").all()
    assert len(search(review.sentences, "samarbeid")) == 40   # 4 not coded as samordning


def test_english_summary_ends_at_a_heading_as_large_as_its_own():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText
    from fritekst.literature.sections import sections

    pages = [PdfPage("x.pdf", 0, "1", "", [
        Block("Summary", 16.0), Block("The municipalities differ in how they work.", 10.0),
        Block("Tildeling", 16.0),
        Block("Tildelingsgruppa i Volda møtes kvar veke og fungerer godt for", 10.0),
    ]), PdfPage("x.pdf", 1, "2", "", [
        Block("dei som søkjer bustad.", 10.0), Block("Samandrag", 16.0),
        Block("Kort om funna.", 10.0), Block("Funn", 12.0), Block("Meir om funna.", 10.0)])]
    kinds = [(b.kind, b.page_label, b.text) for b in sections(PdfText("x.pdf", pages, {}))]
    assert kinds[1][0] == "english_summary"
    # the unnumbered chapter after the English summary is body text again, and the sentence
    # that runs on across the page break is one block, cited on the page it starts
    assert ("body", "1", "Tildelingsgruppa i Volda møtes kvar veke og fungerer godt for dei "
            "som søkjer bustad.") in kinds
    # a smaller subheading inside the summary keeps it a summary
    assert kinds[-1][0] == "summary"


def test_memo_without_numbered_headings_is_coded():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText
    from fritekst.literature.sections import sections

    prose = ("I Volda er det for få kommunale boliger, og mange står lenge på venteliste før "
             "de får et tilbud. Samarbeidet mellom NAV og helsetjenesten fungerer likevel godt, "
             "og tildelingsmøtet blir trukket fram av de fleste.")
    pages = [PdfPage("x.pdf", 0, "", "", [Block("Notat om bustadsosialt arbeid", 18.0),
                                            Block("Bakgrunn", 12.0, bold=True),
                                            Block(prose, 10.0)])]
    kinds = [b.kind for b in sections(PdfText("x.pdf", pages, {}))]
    assert kinds == ["heading", "heading", "body"]


def test_search_needs_a_word_and_survives_an_empty_corpus(review):
    import pandas as pd

    from fritekst.errors import InputError
    from fritekst.literature.review import SENTENCE_COLUMNS

    with pytest.raises(InputError) as exc:
        search(review.sentences, "2015")
    assert str(exc.value) == "search for '2015': give at least one word with letters"
    empty = pd.DataFrame(columns=SENTENCE_COLUMNS)
    assert search(empty, "bolig", theme="boligmangel", municipality="Volda").empty


class _Judging:
    """A coder that codes every sentence mentioning "bolig" as boligmangel and judges a
    sentence about the field when it names "bolig" or "bustad": a stand-in with known
    answers for the relevance bookkeeping."""

    name, version, model_version = "stub", "1", None

    def __init__(self, coder):
        self.codebook = coder.codebook

    def describe(self):
        return {"name": self.name, "version": self.version, "codebook": {}}

    def code(self, texts, polarities, kinds=None):
        from fritekst.coding.base import Coding

        out = []
        for i, t in enumerate(texts):
            about = "bolig" in t.lower() or "bustad" in t.lower()
            pol = ("styrke", "utfordring", "nøytral")[i % 3]
            out.append(Coding(("boligmangel",) if about else (), {}, {}, 0.9,
                              pol if about else None, {}, 0.9 if about else 0.1))
        return out


def test_reports_hardly_about_the_field_are_flagged_and_left_out(report_pdfs, coder):
    stub = _Judging(coder)
    review = review_files([report_pdfs["report"]], stub)
    s = review.sentences
    claims = s[s["status"].isin(["coded", "uncoded"])]
    share = float((claims["relevance"] >= 0.5).mean())
    assert review.reports["relevant_share"].tolist() == [share]
    assert 0.10 < share < 0.9
    off = claims[claims["relevance"] < 0.5]
    assert (off["status"] == "uncoded").all() and (off["reason"] == "utenfor feltet").all()
    # strengths, challenges and neutral mentions are counted apart
    coded = claims[claims["status"] == "coded"]
    counts = coded["polarity"].value_counts()
    cell = review.theme_report().set_index("Tema").iloc[0, 0]
    assert cell.startswith(f"{counts['styrke']} styrke, {counts['utfordring']} utfordring, "
                           f"{counts['nøytral']} nøytral (s. ")
    # above the share asked for, the report is flagged, left out, and named in the meta
    strict = review_files([report_pdfs["report"]], stub, min_relevant=share + 0.01)
    assert strict.reports["in_matrices"].tolist() == [False]
    assert strict.theme_report().shape[1] == 1  # only the theme column
    assert strict.municipality_theme().empty
    assert strict.meta["left_out"] == [{"report": strict.reports["citation"][0],
                                        "source": str(report_pdfs["report"]),
                                        "relevant_share": round(share, 3)}]
    assert len(strict.sentences) == len(review.sentences)  # nothing dropped
    every = review_files([report_pdfs["report"]], stub, min_relevant=share + 0.01,
                         all_documents=True)
    assert every.theme_report().equals(review.theme_report())
    assert every.meta["left_out"] == []


def test_names_in_the_reference_list_are_not_what_the_report_speaks_about(review):
    s = review.sentences
    refs = s[s["kind"] == "references"]
    assert refs["text"].str.contains("Oslo").any()  # a publisher's place
    assert (refs["municipalities"] == "").all() and (refs["municipality_evidence"] == "").all()
    volda = s[s["text"] == "Også i Volda mangler kommunen egnede boliger for unge med "
                           "rusproblemer."]
    assert list(volda["municipality_evidence"]) == ["Volda: «i Volda»"]
    tagged = s[s["municipalities"] != ""]
    assert (tagged["municipalities"].str.count("; ") ==
            tagged["municipality_evidence"].str.count("»; ")).all()


def test_citation_names_the_institution_year_and_printed_page():
    import pandas as pd

    from fritekst.literature.meta import ReportMeta
    from fritekst.literature.review import Review

    review = Review(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), [], {})
    report = ReportMeta("plan.pdf", title="Planbeskrivelse", authors=["Asker kommune"],
                        year=2026).citation
    assert review.cite({"report": report, "page_label": "10", "page_index": 8}) == \
        "Asker kommune 2026, s. 10"
    # no number printed on the page: the PDF's page, marked as such
    assert review.cite({"report": report, "page_label": "", "page_index": 8}) == \
        "Asker kommune 2026, s. [pdf 9]"


@pytest.mark.skipif(shutil.which("tesseract") is None,
                    reason="Tesseract is not installed")
def test_sentences_and_hits_from_a_scanned_page_are_marked_ocr(scanned_report, coder):
    review = review_files([scanned_report], coder, ocr=True)
    s = review.sentences
    assert review.meta["counts"]["pages_ocr"] == 1 and review.skipped_pages.empty
    assert set(s.loc[s["page_index"] == 0, "ocr"]) == {False}
    scanned = s[s["page_index"] == 1]
    assert len(scanned) >= 6 and set(scanned["ocr"]) == {True}
    assert "Volda" in set(scanned["municipalities"])
    hits = search(s, "tildelingspraksis")
    assert list(hits["ocr"]) == [True] and list(hits["page_index"]) == [1]
    assert list(search(s, "notatet")["ocr"]) == [False]


def test_without_ocr_the_scanned_page_is_listed_as_skipped(scanned_report, coder):
    from fritekst.extract.pdf import SCAN_REASON

    review = review_files([scanned_report], coder)
    assert list(review.skipped_pages["reason"]) == [SCAN_REASON]
    assert not review.sentences["ocr"].any()


def test_reading_and_coding_share_one_bar_that_never_goes_back(monkeypatch):
    """Reading counts in the reader's units (pages, when OCR counts pages), and a file that
    could not be read codes nothing: the coding half goes on in those units to the end."""
    from fritekst.extract.pdf import Failure

    def fake_extract(files, *, progress=None, **_):
        for page in range(11):  # 10 pages in two readable files and one broken one
            progress(page, 10)
        return ["a", "b"], [Failure("c.pdf", "damaged")]

    monkeypatch.setattr(review_module, "extract_pdfs", fake_extract)
    monkeypatch.setattr(review_module, "review_documents",
                        lambda docs, coder, workers=None, done=None: [done(i) for i in
                                                                      range(len(docs))])
    seen: list[tuple[int, int]] = []
    docs, _parts, failures = review_module.read_and_review(
        ["a.pdf", "b.pdf", "c.pdf"], None, progress=lambda d, t: seen.append((d, t)))
    assert docs == ["a", "b"] and len(failures) == 1
    assert {t for _, t in seen} == {20}
    done = [d for d, _ in seen]
    assert done == sorted(done) and done[-1] == 20 and done[10] == 10
