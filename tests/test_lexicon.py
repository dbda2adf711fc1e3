"""The word lists: simplemma's dictionaries cached as tries, and the project's own lists."""

import subprocess
import sys

from conftest import REPO
from fritekst import lexicon
from fritekst.lexicon import _umask


def _lookups_in_fresh_process(cache, *, env_extra=None, stderr=None) -> str:
    """Run lookups in a new process (the dictionaries are cached per process); what it says
    on stderr is appended to ``stderr`` if given."""
    import os

    env = {**os.environ, "FRITEKST_CACHE_DIR": str(cache), **(env_extra or {})}
    code = ("from fritekst import lexicon as L; d = L.lemma_dictionaries(); "
            "print(d.nb.get('boligene'), d.nn.get('bustadene'), d.is_lemma('bolig'), "
            "d.is_lemma('boligene'), L.is_known('bustadene'), L.is_known('xqzv'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    if stderr is not None:
        stderr.append(proc.stderr)
    return proc.stdout.strip()


def test_dictionaries_are_built_once_and_read_from_the_cache(tmp_path):
    expected = "bolig bustad True False True False"
    assert _lookups_in_fresh_process(tmp_path) == expected
    built = sorted(p.name for p in (tmp_path).glob("simplemma-*/*.marisa"))
    assert built == ["lemmas.marisa", "nb.marisa", "nn.marisa"]
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.glob("simplemma-*/*.marisa")}
    assert _lookups_in_fresh_process(tmp_path) == expected
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps  # read, not rebuilt
    assert not list(tmp_path.glob("simplemma-*/.*"))  # no temporary files left
    # readable by every user of a shared cache folder (as the umask allows)
    assert all(p.stat().st_mode & 0o044 == 0o044 & ~_umask() for p in stamps)


def test_a_damaged_cache_is_rebuilt(tmp_path):
    _lookups_in_fresh_process(tmp_path)
    nb = next(tmp_path.glob("simplemma-*/nb.marisa"))
    nb.write_bytes(b"not a trie")
    assert _lookups_in_fresh_process(tmp_path) == "bolig bustad True False True False"
    assert nb.stat().st_size > 100_000


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    said: list[str] = []
    assert _lookups_in_fresh_process(blocked / "cache", stderr=said) == \
        "bolig bustad True False True False"
    folder = next(iter(said)).split("keep the word lists in ")[1].split(" (")[0]
    assert said == [f"Note: cannot keep the word lists in {folder} (Not a directory); each run "
                    "decodes them again (a few seconds). Set FRITEKST_CACHE_DIR to a folder you "
                    "can write to.\n"]
    assert folder.startswith(str(blocked / "cache" / "simplemma-"))


def test_words_a_trie_cannot_hold_are_unknown_not_errors():
    d = lexicon.lemma_dictionaries()
    for word in ("a\x00b", "\x00", "ab\x00", "a\udcffb"):
        assert d.nb.get(word) is None and word not in d.nn
        assert not d.is_lemma(word) and not d.is_known(word)


def test_project_lists():
    assert lexicon.nn_nb_map()["bustad"] == "bolig"
    assert {"Kari", "Ola"} <= lexicon.first_names()
    assert ("1577", "Volda", "current", "") in lexicon.gazetteer()["Volda"]
    assert {"Rissa", "Nærøy", "Volda"} <= lexicon.municipality_names()
    assert "Uoppgitt" not in lexicon.municipality_names()   # SSB's "not stated" placeholder


def test_the_repository_has_no_symlinks():
    """Symlinks break in a Windows checkout; the wheel must carry real files."""
    listing = subprocess.run(["git", "ls-files", "-s"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout
    links = [line.split("\t")[1] for line in listing.splitlines() if line.startswith("120000")]
    assert links == []
