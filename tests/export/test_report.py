"""Municipality reports (``fritekst report``) on the demo survey and the demo networks: five
municipality reports and one comparison in each format, numbers that are the summary's,
small-cell suppression, Nynorsk, a Word file with real headings, and an HTML page that a
real browser renders without fetching anything."""

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from conftest import DEMO_XLSX
from fritekst import analyze_network, code_files, demo_network_files
from fritekst.errors import InputError
from fritekst.export.report import build_reports, write_documents
from fritekst.export.report.build import match_networks
from fritekst.export.report.charts import Bar, figure_svg, rating_chart
from fritekst.export.report.html_writer import scope_ids
from fritekst.export.report.md_writer import document_markdown
from fritekst.export.report.model import Figure, Heading, Table
from fritekst.export.report.text import Words
from fritekst.summarize.roles import with_roles
from fritekst.summarize.tables import round_half_up, summarize

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PLACES = ["alta", "levanger", "ringsaker", "stord", "sunndal"]
NAMED = re.compile(r"^(?P<label>.+) nevnes av (?P<n>\d+) av (?P<of>\d+) som svarte "
                   r"\((?P<pct>\d+) %\)\.$")


def _summary(coded, min_cell: int):
    """The summary with its breakdown by function, as ``fritekst report`` makes it."""
    units, survey, codebook = coded
    s = summarize(units.units, survey, units.meta, codebook, quotes=3, redact=True,
                  min_cell=min_cell)
    return with_roles(s, units.units, survey, codebook)


@pytest.fixture(scope="module")
def coded(coder):
    units = code_files([DEMO_XLSX], coder=coder)
    return units, units.survey, coder.codebook


@pytest.fixture(scope="module")
def summary(coded):
    return _summary(coded, 0)


@pytest.fixture(scope="module")
def analysis():
    return analyze_network(demo_network_files())


@pytest.fixture(scope="module")
def docs(summary, analysis):
    return build_reports(summary, analysis)


@pytest.fixture(scope="module")
def written(docs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rapporter")
    return folder, {fmt: write_documents(docs, folder, fmt) for fmt in ("md", "html", "docx")}


def _doc(docs, stem):
    return next(d for d in docs if d.stem == stem)


def test_five_municipality_reports_and_a_comparison_in_every_format(written):
    folder, files = written
    for fmt in ("md", "html", "docx"):
        reports = sorted(p.name for p in files[fmt] if p.suffix == f".{fmt}")
        assert reports == sorted([f"rapport_{p}.{fmt}" for p in PLACES]
                                 + [f"rapport_sammenligning.{fmt}"])
    pictures = {p.name for p in files["md"] if p.suffix == ".png"}
    assert {f"nettverk_{p}_ukentlig.png" for p in PLACES} <= pictures
    assert "rapport_alta_vurderinger.png" in pictures
    for md in (p for p in files["md"] if p.suffix == ".md"):  # every picture it names exists
        for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md.read_text(encoding="utf-8")):
            assert (folder / name).is_file(), name


def test_sentences_state_the_numbers_of_the_summary_theme_table(docs, summary):
    checked = 0
    themes = summary.themes
    for place in summary.responses["municipality"]:
        doc = _doc(docs, f"rapport_{place.lower()}")
        for sentence in doc.sentences():
            m = NAMED.match(sentence)
            if not m:
                continue
            row = themes[(themes["municipality"] == place) & (themes["label"] == m["label"])]
            assert len(row) == 1, sentence
            r = row.iloc[0]
            assert (int(m["n"]), int(m["of"])) == (r["respondents"], r["answered"]), sentence
            assert int(m["pct"]) == round_half_up(100 * r["share"], 0)
            checked += 1
    assert checked >= 15  # the top themes of five municipalities, both polarities
    alta = _doc(docs, "rapport_alta").sentences()
    top = themes[(themes["municipality"] == "Alta") & (themes["polarity"] == "utfordring")]
    r = top.iloc[0]
    assert (f"{r['label']} nevnes av {r['respondents']} av {r['answered']} som svarte "
            f"({round_half_up(100 * r['share'], 0):.0f} %).") in alta


def test_rating_sentences_use_the_rating_table(docs, summary):
    r = summary.ratings
    alta = r[(r["municipality"] == "Alta")].iloc[0]
    total = r[(r["municipality"] == "Totalt") & (r["item"] == alta["item"])].iloc[0]
    mean = f"{alta['mean']:.2f}".replace(".", ",")
    text = " ".join(_doc(docs, "rapport_alta").sentences())
    assert f"snittet er {mean} (N = {alta['n']})" in text
    assert f"mot {total['mean']:.2f} i alle kommunene".replace(".", ",") in text


def test_small_cells_give_no_sentence_with_their_number(coded):
    summary = _summary(coded, 5)
    docs = build_reports(summary)
    hidden = summary.themes[summary.themes["suppressed"]]
    assert len(hidden) > 10
    for place, group in hidden.groupby("municipality"):
        text = " ".join(_doc(docs, f"rapport_{place.lower()}").sentences())
        for label in group["label"]:
            assert f"{label} nevnes av" not in text
        cells = [c for b in _doc(docs, f"rapport_{place.lower()}").blocks
                 if isinstance(b, Table) for row in b.rows for c in row]
        assert "<5" in cells
    shown = summary.themes[~summary.themes["suppressed"] & (summary.themes["rank"] == 1)]
    assert any(NAMED.match(s) for d in docs for s in d.sentences())  # larger ones still are
    assert len(shown)


def test_nynorsk_changes_the_fixed_text_not_the_numbers(summary, docs):
    nb, nn = docs, build_reports(summary, nynorsk=True)
    heads_nb = [b.text for b in nb[0].blocks if isinstance(b, Heading)]
    heads_nn = [b.text for b in nn[0].blocks if isinstance(b, Heading)]
    assert "Utfordringer" in heads_nb and "Utfordringar" in heads_nn
    assert "Om tala" in heads_nn and "Om tallene" not in heads_nn
    numbers = [re.findall(r"\d+", s) for s in nb[0].sentences() if " nevnes av " in s]
    numbers_nn = [re.findall(r"\d+", s) for s in nn[0].sentences() if " vert nemnt av " in s]
    assert numbers and numbers == numbers_nn
    assert nn[0].language == "nn"


def test_the_word_file_has_word_headings_tables_and_pictures(written, docs):
    folder, _ = written
    word = docx.Document(str(folder / "rapport_alta.docx"))
    styles = {}
    for p in word.paragraphs:
        styles.setdefault(p.style.name, []).append(p.text)
    assert styles["Title"] == ["Det boligsosiale arbeidet i Alta"]
    assert {"Svar", "Styrker", "Utfordringer", "Vurderinger", "Per funksjon", "Nettverket",
            "Om tallene"} <= set(styles["Heading 1"])
    assert "Kontakt med politisk nivå" in styles["Heading 2"]
    doc = _doc(docs, "rapport_alta")
    assert len(word.tables) == sum(isinstance(b, Table) for b in doc.blocks)
    first = word.tables[0]
    assert [c.text for c in first.rows[0].cells][:2] == ["Kommune", "Respondenter"]
    assert first.rows[1].cells[0].text == "Alta"
    assert len(word.inline_shapes) == sum(isinstance(b, Figure) for b in doc.blocks) == 2
    assert word.core_properties.language == "nb-NO"


def test_html_is_self_contained(written):
    folder, files = written
    for page in files["html"]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//|file:)""", html,
                             re.I), page.name
        assert "<link" not in html and "<script" not in html and "@import" not in html
        assert "default-src 'none'" in html
        # each picture's ids are its own: no id is defined twice in one page
        ids = re.findall(r'\bid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), page.name
    alta = (folder / "rapport_alta.html").read_text(encoding="utf-8")
    assert alta.count("<svg") == 2 and alta.count("<table") >= 8


def test_rating_chart_svg_is_the_same_for_the_same_data():
    bars = [Bar("Alta", {"1": 10.0, "2": 20.0, "3": 30.0, "4": 20.0, "5": 10.0, "6": None,
                         "Vet ikke": None}, 10), Bar("Stord", None, "<3")]
    one, two = (figure_svg(rating_chart(bars, 6, Words())) for _ in range(2))
    assert one == two
    assert "<dc:date>" not in one and "<metadata>" not in one


def test_scope_ids_keeps_two_pictures_apart():
    svg = '<svg><defs><path id="a"/></defs><use xlink:href="#a"/><g clip-path="url(#a)"/></svg>'
    scoped = scope_ids(svg, "f2")
    assert 'id="f2-a"' in scoped and 'href="#f2-a"' in scoped and "url(#f2-a)" in scoped


def test_a_network_of_a_municipality_not_in_the_survey_is_refused(analysis):
    with pytest.raises(InputError, match=r"network of 'Levanger'.*Alta, Volda"):
        match_networks(["Alta", "Volda"], analysis)


def test_municipality_report_markdown_matches_the_golden_file(docs, update_golden):
    text = document_markdown(_doc(docs, "rapport_alta"))
    text = re.sub(r"Laget \d+\. \w+ \d{4}", "Laget <dato>", text)
    text = re.sub(r"med fritekst \S+ \(", "med fritekst <versjon> (", text)
    golden = GOLDEN / "rapport_alta.md"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


CHROMIUM = shutil.which("chromium")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_html_report_renders_in_chromium(written, tmp_path):
    folder, _ = written
    page = (folder / "rapport_sammenligning.html").as_uri()
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profil'}"]
    dom = subprocess.run([*base, "--dump-dom", page], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert dom.count("<svg") >= 7  # two rating charts and five networks
    assert dom.count("<table") >= 10
    assert "Mangel på egnede boliger nevnes i alle 5 kommunene" in dom
    shot = tmp_path / "side.png"
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,2000", page],
                   capture_output=True, timeout=60, check=True)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1200, 2000)
        colours = image.convert("RGB").getcolors(maxcolors=100000)
    assert colours is None or len(colours) > 50  # text, tables and charts, not a blank page


def test_a_nynorsk_report_says_the_network_in_nynorsk(summary, analysis):
    nn = _doc(build_reports(summary, analysis, nynorsk=True), "rapport_alta")
    text = " ".join(nn.sentences())
    assert "Nettverket har" in text and " personar" in text and "band med kontakt" in text
    for bokmal in (" personer", "bånd", "Tettheten", "hverandre", "brobygger"):
        assert bokmal not in text, bokmal
    cells = {c for b in nn.blocks if isinstance(b, Table) for row in b.rows for c in row}
    assert {"Personar", "Tettleik", "Brubyggjarar"} <= cells and "Tetthet" not in cells
