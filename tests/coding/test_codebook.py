import hashlib
import re
from importlib.resources import files

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
    assert cb.version == "1.1.0"
    assert cb.sha256 == hashlib.sha256(
        (files("fritekst") / "data" / "codebook.toml").read_bytes()).hexdigest()


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
    ("[codebook]\nname='x'\n", "no [[theme]] entries; see the default codebook's format."),
    ("[[theme]]\nid='Bolig Mangel'\npatterns=['x']\n",
     "theme 1 has id 'Bolig Mangel'; ids are lower-case letters, digits and _."),
    ("[[theme]]\nid='a'\npatterns=['x']\n[[theme]]\nid='a'\npatterns=['y']\n",
     "theme id 'a' appears twice."),
    ("[[theme]]\nid='a'\npatterns=[]\n", "theme 'a' has no patterns."),
    ("[[theme]]\nid='a'\npatterns='x'\n",
     "theme 'a': patterns must be a list of non-empty strings."),
])
def test_bad_codebooks(tmp_path, text, message):
    path = tmp_path / "kb.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as exc:
        load_codebook(path)
    assert str(exc.value) == f"{path}: {message}"


def test_codebook_that_is_not_toml(tmp_path):
    path = tmp_path / "kb.toml"
    path.write_text("not toml = = =", encoding="utf-8")
    with pytest.raises(CodebookError) as exc:
        load_codebook(path)
    # the part in brackets is tomllib's own message, with the line and column
    assert re.fullmatch(re.escape(f"{path}: not a valid TOML codebook (") + r".+\(at line 1, "
                        r"column \d+\)\)\.", str(exc.value)), str(exc.value)


def test_missing_codebook(tmp_path):
    with pytest.raises(CodebookError) as exc:
        load_codebook(tmp_path / "nope.toml")
    assert str(exc.value) == f"{tmp_path / 'nope.toml'}: codebook file not found."


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
