"""Split one answer box into answer units, and recognise non-answers.

Respondents asked for "the two most important …" write "1) … 2) …", "1. … 2. …", dash or bullet
lists, one point per line, or a single sentence holding two points. Each point becomes a unit.

Splitting never drops or changes a word of the answer: only list markers (bullets, "1)",
"2.", "a)"), the "og" that joins two points, and whitespace go.
"""

from __future__ import annotations

import re

_NON_ANSWERS = {
    "", "-", "--", "---", "–", ".", "..", "...", "?", "??", "x", "xx", "0", "/",
    "vet ikke", "vet ikkje", "veit ikkje", "veit ikke", "vet ik", "vet ikke.", "usikker",
    "ingen kommentar", "ingen kommentarer", "ingen kommentar.", "ingen merknad", "ingen merknader",
    "nei", "nei takk", "ingen", "ingenting", "nada", "ikke noe", "ikkje noko", "ikke noe spesielt",
    "ikkje noko spesielt", "ingen formening", "har ingen formening", "ingen mening",
    "ikke relevant", "ikkje relevant", "ikke aktuelt", "ikkje aktuelt", "n/a", "na", "ubesvart",
    "kan ikke svare", "kan ikkje svare", "vanskelig å si", "vanskeleg å seie", "se over",
    "sjå over", "som over", "ditto", "ingen svar", "ikke svar",
}
# a bullet: a dash or dot, a lone "o" (Word's second-level bullet: "o Tid"), "1)", "2.", "a)";
# a number followed by a point or colon and more figures is a number ("1.5", "12.000", "2:1")
# ("1.Tid" is a marker before a capital; "1.mai" is a date)
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪●]|o(?=\s)|\d{1,2}\s*\)|\d{1,2}\s*[.:](?=\s|$|[A-ZÆØÅ])|"
                     r"[a-e]\)(?=\s|$|[^\W\d_]))\s*")
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})\s*[).]\s+(?=\S)")
_INLINE_LETTER = re.compile(r"(?:(?<=\s)|^)\(?([a-e])\)\s+(?=\S)")
_MARK_CHAR = re.compile(r"[\d)]")
_INLINE_DASH = re.compile(r"\s+[-–•]\s+")
_SUBJECTS = {"vi", "me", "eg", "jeg", "det", "de", "dei", "man", "ein", "en", "kommunen",
             "hvem", "kven", "hva", "kva", "som", "at", "om", "når", "fordi"}
_PREPOSITIONS = {"med", "til", "av", "fra", "frå", "om", "hos", "på", "i", "for", "mot",
                 "blant", "rundt", "etter", "over", "under", "innen", "innan", "innenfor",
                 "innanfor", "mellom", "ved", "overfor"}
_IDIOMS = {("rett", "slett"), ("av", "til"), ("opp", "ned"), ("fram", "tilbake"),
           ("frem", "tilbake"), ("nå", "da"), ("no", "då"),
           # "rus og psykisk helse" is one field of work (ROP), not two points
           ("rus", "psykisk"), ("rus", "psykiatri")}
# a question and its answer are one point ("Hvem eier saken? Ingen vet."): split after . and !
_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-ZÆØÅ])")
# a full stop after these ends no sentence ("Bl.a. NAV og …", "Ca. 20 boliger")
_ABBREVIATIONS = {"bl.a.", "f.eks.", "ca.", "mv.", "m.v.", "osv.", "jf.", "dvs.", "evt.",
                  "inkl.", "pga.", "ifm.", "mht.", "m.fl.", "nr.", "kap.", "ev.", "t.d."}
# a point of one to three words before a sentence ("Tid. Vi får ikkje informasjon …")
_KEYWORD_POINT = 3


_NON_ANSWER_PHRASES = re.compile(
    r"^(nei,? )?(ingen|inga|har ingen|har inga) (kommentar|kommentarer|merknad|merknader|"
    r"formening|meining|mening|innspill|tilføyelser|synspunkt)( \w+){0,4}$|"
    r"^(ikke|ikkje) noe[kt]?o? (å|å) (tilføye|legge til|leggje til|si|seie|kommentere)( \w+){0,3}$|"
    r"^(jeg |eg )?(kjenner|kjenne) (ikke|ikkje) (godt )?(nok )?til (dette|det|arbeidet)"
    r"( \w+){0,3}$|"
    r"^(det er )?(vanskelig|vanskeleg) (å|å) (svare|si|seie)( på)?( \w+){0,2}$|"
    r"^(jeg |eg )?(vet|veit) (ikke|ikkje)( nok)?( om)?( dette| det)?$|^nei,? ingen$"
)


def is_non_answer(text: str) -> bool:
    """True for empty cells and for "Vet ikke", "-", "Ingen kommentar", "nei" and the like."""
    norm = " ".join(text.lower().split()).strip(" .!,;:")
    return (norm in _NON_ANSWERS or not any(ch.isalnum() for ch in norm)
            or bool(_NON_ANSWER_PHRASES.match(norm)))


def split_units(text: str) -> list[str]:
    """Split one answer box into its points; never drops words, only list markers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return []
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > 1:
        units = [_strip_marker(ln) for ln in _join_continuations(lines)]
        return [u for u in units if u]
    line = lines[0]
    for splitter in (_split_numbered, _split_inline_dashes, _split_semicolons, _split_sentences,
                     _split_og):
        parts = splitter(line)
        if len(parts) > 1:
            return parts
    return [_strip_marker(line)] if _strip_marker(line) else [line]


def _strip_marker(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def _join_continuations(lines: list[str]) -> list[str]:
    """Lines of one wrapped sentence belong together: a line starting in lower case after a line
    that ends mid-sentence (no punctuation, not a list item) continues it."""
    out: list[str] = []
    for ln in lines:
        is_item = bool(_BULLET.match(ln))
        if (out and not is_item and ln[:1].islower() and not out[-1].rstrip().endswith(
                (".", "!", "?", ":", ";", ",")) and not _BULLET.match(out[-1])
                and len(out[-1].split()) >= 4 and not any(_BULLET.match(x) for x in lines)):
            out[-1] = f"{out[-1]} {ln}"
        else:
            out.append(ln)
    return out


def _split_numbered(line: str) -> list[str]:
    if not _MARK_CHAR.search(line):  # no figure and no ")": no "1)", "2." or "a)" in it
        return [line]
    marks = list(_INLINE_NUMBER.finditer(line))
    numbers = [int(m.group(1)) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        marks = list(_INLINE_LETTER.finditer(line))
        letters = [m.group(1) for m in marks]
        if len(marks) < 2 or letters != list("abcde"[:len(marks)]):
            return [line]
    parts = []
    if line[: marks[0].start()].strip():
        parts.append(line[: marks[0].start()].strip())
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        end = nxt.start() if nxt else len(line)
        part = line[m.end():end].strip().rstrip(",;")
        if part:
            parts.append(part.strip())
    return parts


def _split_inline_dashes(line: str) -> list[str]:
    if not re.match(r"^\s*[-–•]\s", line):
        return [line]
    parts = [p.strip() for p in _INLINE_DASH.split(_strip_marker(line)) if p.strip()]
    return parts


def _split_semicolons(line: str) -> list[str]:
    parts = [p.strip() for p in line.split(";") if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [line]


def _split_sentences(line: str) -> list[str]:
    """Short sentences are points of their own ("For få boliger. Uklar ansvar."); so is a
    keyword before a longer sentence ("Tid. Vi får ikkje informasjon …")."""
    parts: list[str] = []
    for p in _SENTENCE_END.split(line):
        p = p.strip()
        if parts and parts[-1].split()[-1].lower() in _ABBREVIATIONS:
            parts[-1] = f"{parts[-1]} {p}"
        elif p:
            parts.append(p)
    if len(parts) < 2:
        return [line]
    if all(len(p.split()) <= 8 for p in parts) or len(parts[0].split()) <= _KEYWORD_POINT:
        return parts
    return [line]


def _split_og(line: str) -> list[str]:
    """"For få boliger og uklar ansvarsfordeling" holds two points; "samarbeid mellom NAV og
    helse" holds one. Split only a short, comma-free fragment with one "og" and two words or
    more on each side."""
    words = line.rstrip(".").split()
    if "," in line or len(words) > 10:
        return [line]
    low = [w.lower().strip(".,:;!?") for w in words]
    if low.count("og") != 1:
        return [line]
    i = low.index("og")
    left, right = words[:i], words[i + 1:]
    if len(left) < 2 or len(right) < 2:
        return [line]
    # a clause with a subject, "mellom A og B", "både A og B", "rett og slett", and
    # "samarbeid med NAV og psykisk helse" (og joins the object of a preposition) stay whole
    if low[0] in _SUBJECTS or {"mellom", "både", "båe"} & set(low[:i]) \
            or (low[i - 1], low[i + 1]) in _IDIOMS or line.rstrip().endswith("?") \
            or _PREPOSITIONS & set(low[max(1, i - 2):i]):
        return [line]
    return [" ".join(left), " ".join(right)]
