import pytest

from fritekst.coding.codebook import load_codebook
from fritekst.coding.rules import RuleCoder
from fritekst.errors import CodebookError

FIXED_IDS = ["boligmangel", "ansvarsavklaring", "oppfolging", "samordning", "moteplasser",
             "plan_strategi", "politisk_forankring", "kompetanse", "ressurser", "virkemidler",
             "flyktninger", "gjennomstromning", "lokalkunnskap", "rus_psykisk", "tildeling",
             "bomiljo"]


def test_default_codebook_has_the_fixed_themes():
    cb = load_codebook()
    assert cb.ids == FIXED_IDS
    assert all(t.label and t.definition and t.patterns for t in cb.themes)
    assert cb.version and len(cb.sha256) == 64


def test_users_own_codebook(tmp_path):
    path = tmp_path / "min.toml"
    path.write_text('''
[codebook]
name = "min"
version = "2"

[[theme]]
id = "transport"
label = "Transport"
patterns = ["buss", "kollektiv*", "lang + reisevei"]
''', encoding="utf-8")
    coder = RuleCoder(path)
    assert coder.version == "min@2"
    got = coder.code(["Bussen går sjelden", "Kollektivtilbudet er dårlig", "For få boliger"],
                     [None] * 3)
    assert [c.themes for c in got] == [("transport",), ("transport",), ()]


@pytest.mark.parametrize(("text", "message"), [
    ("not toml = = =", "not a valid TOML codebook"),
    ("[codebook]\nname='x'\n", "no \\[\\[theme\\]\\] entries"),
    ("[[theme]]\nid='Bolig Mangel'\npatterns=['x']\n", "ids are lower-case"),
    ("[[theme]]\nid='a'\npatterns=['x']\n[[theme]]\nid='a'\npatterns=['y']\n", "appears twice"),
    ("[[theme]]\nid='a'\npatterns=[]\n", "has no patterns"),
    ("[[theme]]\nid='a'\npatterns='x'\n", "must be a list"),
])
def test_bad_codebooks(tmp_path, text, message):
    path = tmp_path / "kb.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        load_codebook(path)


def test_missing_codebook(tmp_path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.toml")


def test_polarity_labels_are_read_and_checked(tmp_path):
    path = tmp_path / "kb.toml"
    path.write_text('[[theme]]\nid = "samordning"\nlabel = "Samordning"\n'
                    'labels = { styrke = "Godt samarbeid", utfordring = "Siloer" }\n'
                    'patterns = ["samarbeid"]\n\n[[theme]]\nid = "tid"\nlabel = "Tid"\n'
                    'patterns = ["tid"]\n', encoding="utf-8")
    cb = load_codebook(path)
    assert cb.labels_for("styrke") == {"samordning": "Godt samarbeid", "tid": "Tid"}
    assert cb.labels_for("utfordring") == {"samordning": "Siloer", "tid": "Tid"}
    assert cb.labels_for(None) == cb.labels == {"samordning": "Samordning", "tid": "Tid"}
    path.write_text('[[theme]]\nid = "tid"\nlabels = { positiv = "Nok tid" }\n'
                    'patterns = ["tid"]\n', encoding="utf-8")
    with pytest.raises(CodebookError) as exc:
        load_codebook(path)
    assert str(exc.value) == (f"{path}: theme 'tid': labels must be a table such as "
                              '{ styrke = "Godt samarbeid", utfordring = "Svakt samarbeid" }.')
