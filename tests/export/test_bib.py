"""BibTeX and RIS for reference managers: author-year-word keys, entry types, attachments."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from fritekst.export.bib import to_bibtex, to_ris
from fritekst.literature.meta import ReportMeta

PLAN = ReportMeta("rapporter/asker plan.pdf", title="Planbeskrivelse",
                  subtitle="kommuneplanens arealdel 2027-2039", authors=["Asker kommune"],
                  year=2026, publisher="Asker kommune", place="Røyken")
BOOK = ReportMeta("/data/bok.pdf", title="Kjønn og akademia", subtitle="På vei mot BALANSE?",
                  editors=["Ingeborg W. Owesen", "Helene Aarseth"], year=2022,
                  publisher="Fagbokforlaget", place="Bergen", isbn="978-82-450-4410-2",
                  doi="10.55669/oa1608", kind="book")
CHAPTER = ReportMeta("/data/kap.pdf", title="Om bustader i små kommunar",
                     authors=["Kari Ødegård"], editors=["Per Hansen", "Marte Vold"], year=2019,
                     publisher="Universitetsforlaget", kind="chapter",
                     booktitle="Bustader for alle")


def keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib, re.MULTILINE)


def test_keys_are_author_year_and_first_significant_title_word():
    assert keys(to_bibtex([PLAN, BOOK, CHAPTER])) == [
        "asker2026planbeskrivelse", "owesen2022kjonn", "odegard2019bustader"]
    other = ReportMeta("x.pdf", title="Et notat", authors=["Østlandsforskning"], year=2015)
    twice = keys(to_bibtex([other, other, other]))
    assert twice == ["ostlandsforskning2015notat", "ostlandsforskning2015notata",
                     "ostlandsforskning2015notatb"]


@given(st.text(max_size=30), st.text(max_size=40), st.integers(1950, 2049) | st.none())
def test_a_key_is_always_plain_ascii(author, title, year):
    meta = ReportMeta("x.pdf", title=title, authors=[author] if author.strip() else [],
                      year=year)
    (key,) = keys(to_bibtex([meta]))
    assert re.fullmatch(r"[a-z0-9]+", key)


def test_entry_types_follow_the_document():
    bib = to_bibtex([PLAN, BOOK, CHAPTER])
    plan, book, chapter = bib.split("\n\n")
    assert plan.startswith("@techreport{") and "  author = {{Asker kommune}}," in plan
    assert "  institution = {Asker kommune}," in plan and "publisher" not in plan
    assert ("  title = {Planbeskrivelse: kommuneplanens arealdel 2027-2039}," in plan)
    assert book.startswith("@book{") and "author" not in book
    assert "  editor = {Ingeborg W. Owesen and Helene Aarseth}," in book
    assert "  publisher = {Fagbokforlaget}," in book and "  address = {Bergen}," in book
    assert "  doi = {10.55669/oa1608}," in book
    assert chapter.startswith("@incollection{") and "  booktitle = {Bustader for alle}," in chapter
    assert "  author = {Kari Ødegård}," in chapter
    ris = [r.splitlines() for r in to_ris([PLAN, BOOK, CHAPTER]).strip().split("\n\n")]
    assert [r[0] for r in ris] == ["TY  - RPRT", "TY  - BOOK", "TY  - CHAP"]
    assert "AU  - Asker kommune" in ris[0] and "CY  - Røyken" in ris[0]
    assert [line for line in ris[1] if line.startswith("ED")] == \
        ["ED  - Owesen, Ingeborg W.", "ED  - Aarseth, Helene"]
    assert "T2  - Bustader for alle" in ris[2] and "AU  - Ødegård, Kari" in ris[2]


def test_pdf_attached_by_absolute_path_as_zotero_imports_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = tmp_path / "rapporter" / "asker plan.pdf"
    bib = to_bibtex([PLAN])
    assert f"  file = {{:{absolute}:PDF}}" in bib.splitlines()
    ris = to_ris([PLAN]).splitlines()
    assert f"L1  - {absolute.as_uri()}" in ris and absolute.as_uri().startswith("file:///")
    # a colon in a path would end the path in the file field: it is escaped
    odd = ReportMeta(str(tmp_path / "a:b.pdf"), title="X")
    assert f"file = {{:{tmp_path}/a\\:b.pdf:PDF}}" in to_bibtex([odd])
