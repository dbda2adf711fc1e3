"""The word and name lists fritekst looks words up in, each loaded once and only when needed.

- :func:`lemma_dictionaries`: simplemma's Bokmål and Nynorsk dictionaries (form → lemma) and
  the set of their lemmas. simplemma ships them compressed, and decoding them costs seconds,
  so the first use on a machine writes them as MARISA tries to the user's cache folder
  (``FRITEKST_CACHE_DIR`` overrides it); every later process maps those files in a few
  milliseconds and shares the pages with the others.
- :func:`nn_nb_map`: this project's Nynorsk → Bokmål key map (``data/nn_nb.tsv``).
- :func:`first_names`: first names for redaction and author detection (``data/fornavn.txt``).
- :func:`gazetteer`: Norwegian municipalities, their numbers, Sami and Kven names and historic
  names (``data/kommuner.tsv``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path

LANGUAGES = ("nb", "nn")
# what the cached tries hold; a new layout gets a new folder instead of misreading an old one
CACHE_FORMAT = 1


class TrieMapping(Mapping[str, str]):
    """A read-only ``str → str`` mapping over a MARISA ``BytesTrie`` (one value per key)."""

    def __init__(self, trie) -> None:
        self._trie = trie

    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if not _storable(key):
            return default
        found = self._trie.get(key)
        return found[0].decode("utf-8") if found else default

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and _storable(key) and key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.iterkeys())

    def __len__(self) -> int:
        return len(self._trie)


class Dictionaries:
    """simplemma's dictionaries for Bokmål and Nynorsk in the shape this project uses them:
    ``nb`` and ``nn`` map a word form to its lemma, ``lemmas`` holds every lemma of both.
    It is also a simplemma ``DictionaryFactory``, so simplemma's own lemmatizer can use the
    same tries instead of decoding its files a second time."""

    def __init__(self, nb: Mapping[str, str], nn: Mapping[str, str], lemmas) -> None:
        self.nb, self.nn, self.lemmas = nb, nn, lemmas

    def is_lemma(self, word: str) -> bool:
        """A base form in simplemma's dictionaries or in the project's Nynorsk key map."""
        return word in _key_map_words() or (_storable(word) and word in self.lemmas)

    def is_known(self, word: str) -> bool:
        """A form or a lemma of either dictionary, or a word of the Nynorsk key map."""
        return word in self.nb or word in self.nn or self.is_lemma(word)

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        if lang not in LANGUAGES:
            raise ValueError(f"fritekst has no dictionary for '{lang}'")
        return self.nb if lang == "nb" else self.nn


def _storable(key: str) -> bool:
    """Can the key be in a trie at all? Tries hold UTF-8 without NUL characters."""
    if "\x00" in key:
        return False
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


def cache_dir() -> Path:
    """Where built word lists are kept: ``FRITEKST_CACHE_DIR``, else the user's cache folder."""
    override = os.environ.get("FRITEKST_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fritekst", appauthor=False))


@cache
def lemma_dictionaries() -> Dictionaries:
    """The Bokmål and Nynorsk dictionaries and their lemmas, from the cache or built now."""
    from importlib.metadata import version

    # the version from the installed package's metadata: importing simplemma compiles its
    # rules (a quarter of a second), which a search with an index should not wait for
    folder = cache_dir() / f"simplemma-{version('simplemma')}-v{CACHE_FORMAT}"
    paths = {name: folder / f"{name}.marisa" for name in (*LANGUAGES, "lemmas")}
    tries = _open_tries(paths) if all(p.is_file() for p in paths.values()) else None
    if tries is None:
        tries = _build_tries()
        _save(tries, paths)
    nb, nn, lemmas = tries
    return Dictionaries(TrieMapping(nb), TrieMapping(nn), lemmas)


def _open_tries(paths: dict[str, Path]):
    import marisa_trie

    try:
        nb, nn = marisa_trie.BytesTrie(), marisa_trie.BytesTrie()
        lemmas = marisa_trie.Trie()
        nb.mmap(str(paths["nb"]))
        nn.mmap(str(paths["nn"]))
        lemmas.mmap(str(paths["lemmas"]))
    except (OSError, RuntimeError, ValueError):
        return None  # a damaged cache file: build again
    if not len(nb) or not len(lemmas):
        return None
    return nb, nn, lemmas


def _build_tries():
    """Decode simplemma's dictionaries (seconds) and turn them into tries."""
    import marisa_trie
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    factory = DefaultDictionaryFactory(cache_max_size=0)
    out, lemmas = [], set[str]()
    for lang in LANGUAGES:
        pairs = list(factory.get_dictionary(lang).items())
        lemmas.update(lemma for _, lemma in pairs)
        out.append(marisa_trie.BytesTrie((form, lemma.encode("utf-8")) for form, lemma in pairs))
    return out[0], out[1], marisa_trie.Trie(lemmas)


def _save(tries, paths: dict[str, Path]) -> None:
    """Write each trie beside its target and rename it into place, so that processes building
    at the same time never read half a file; a cache that cannot be written is no error."""
    folder = next(iter(paths.values())).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for trie, path in zip(tries, paths.values(), strict=True):
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
            os.close(fd)
            try:
                trie.save(tmp)
                os.chmod(tmp, 0o644 & ~_umask())  # a shared cache folder serves every user
                os.replace(tmp, path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    except OSError as exc:
        # a read-only home folder: the tries stay in memory for this process, and the user
        # learns why every run takes seconds longer
        sys.stderr.write(f"Note: cannot keep the word lists in {folder} ({exc.strerror}); "
                         "each run decodes them again (a few seconds). Set FRITEKST_CACHE_DIR "
                         "to a folder you can write to.\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _data(name: str) -> str:
    return files("fritekst.data").joinpath(name).read_text(encoding="utf-8")


@cache
def nn_nb_map() -> dict[str, str]:
    """The project's Nynorsk → Bokmål key map."""
    out = {}
    for line in _data("nn_nb.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            nn, nb = line.split("\t")
            out[nn.strip()] = nb.strip()
    return out


@cache
def _key_map_words() -> frozenset[str]:
    return frozenset(nn_nb_map()) | frozenset(nn_nb_map().values())


def is_known(word: str) -> bool:
    """True when a lower-case word is a form or lemma in the Bokmål or Nynorsk dictionary."""
    return lemma_dictionaries().is_known(word)


def is_lemma(word: str) -> bool:
    """True when a lower-case word is a lemma (base form) in either dictionary."""
    return lemma_dictionaries().is_lemma(word)


@cache
def first_names() -> frozenset[str]:
    """Norwegian first names, as written (capitalised)."""
    return frozenset(w for line in _data("fornavn.txt").splitlines()
                     if not line.startswith("#") for w in line.split())


@cache
def gazetteer() -> dict[str, list[tuple[str, str, str, str]]]:
    """Name form → [(municipality number, municipality of today, kind, year it ended), …]."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for line in _data("kommuner.tsv").splitlines()[1:]:
        if line.startswith("#") or line.startswith("form\t"):
            continue
        form, number, municipality, kind, until = line.split("\t")
        out.setdefault(form, []).append((number, municipality, kind, until))
    return out


@cache
def municipality_names() -> frozenset[str]:
    """Every name form of a municipality, old and new (for redaction to leave alone)."""
    return frozenset(gazetteer())


@cache
def function_words() -> frozenset[str]:
    """Bokmål stop words (spaCy's list) and their Nynorsk forms: words that carry no theme."""
    from spacy.lang.nb.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {
        "ikkje", "eg", "kva", "korleis", "noko", "nokon", "mykje", "berre", "dei", "frå", "òg",
        "fleire", "heile", "vere", "gjere", "ein", "eit", "me", "vi", "ho", "han", "då",
        "sjølv", "kvar", "kven", "blir", "bli", "vert", "vart", "har", "hadde", "fått", "får",
        "få"}
