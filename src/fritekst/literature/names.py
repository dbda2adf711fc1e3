"""Who wrote a report: people's names and the names of public bodies and institutes.

An institutional author is a municipality or county ("Asker kommune", "Vestfold og Telemark
fylkeskommune", checked against the municipality gazetteer and the counties), a state agency or
a research institute from a short list of public names, or a name a cover says made the report
("produseres av Eiendomsverdi").
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicon import first_names, gazetteer

# counties, as they are and as they were (public facts)
COUNTIES = (
    "Østfold", "Akershus", "Oslo", "Buskerud", "Vestfold", "Telemark", "Vestfold og Telemark",
    "Agder", "Aust-Agder", "Vest-Agder", "Rogaland", "Hordaland", "Vestland", "Sogn og Fjordane",
    "Møre og Romsdal", "Trøndelag", "Sør-Trøndelag", "Nord-Trøndelag", "Nordland", "Troms",
    "Finnmark", "Troms og Finnmark", "Hedmark", "Oppland", "Innlandet", "Viken",
)
# state agencies and research institutes that publish reports (public names)
AGENCIES = (
    "Folkehelseinstituttet", "Arbeids- og velferdsdirektoratet", "NAV", "Husbanken",
    "Statistisk sentralbyrå", "Helsedirektoratet", "Bufdir", "IMDi",
    "Integrerings- og mangfoldsdirektoratet", "Kommunal- og distriktsdepartementet",
    "Kommunal- og moderniseringsdepartementet", "Direktoratet for byggkvalitet", "KS",
    "Riksrevisjonen", "Statens vegvesen", "Kartverket", "NOVA", "NIBR", "Fafo", "SINTEF",
    "Møreforsking", "Østlandsforskning", "Telemarksforsking", "Nordlandsforskning",
    "Vestlandsforsking", "Agderforskning", "Trøndelag Forskning og Utvikling",
    "Norsk institutt for by- og regionforskning", "OsloMet", "NTNU", "Rambøll",
    "Oxford Research", "Proba samfunnsanalyse", "Samfunnsøkonomisk analyse",
)
# publishing houses (imprint before owner: "Fagbokforlaget" is a Vigmostad & Bjørke imprint),
# with the place a library records for them
PUBLISHERS = {
    "Fagbokforlaget": "Bergen", "Universitetsforlaget": "Oslo",
    "Cappelen Damm Akademisk": "Oslo", "Gyldendal Akademisk": "Oslo", "Gyldendal": "Oslo",
    "Scandinavian Academic Press": "Oslo", "Abstrakt forlag": "Oslo", "Pax forlag": "Oslo",
    "Det Norske Samlaget": "Oslo", "Samlaget": "Oslo", "Novus forlag": "Oslo",
    "Res Publica": "Oslo", "Spartacus": "Oslo", "Vigmostad & Bjørke": "Bergen",
}
_NAME = r"[A-ZÆØÅ][\w'’-]+(?:\s+(?:[A-ZÆØÅ]\.|[A-ZÆØÅ][\w'’-]+|von|van|de|af))+"
NAME = re.compile(_NAME)
NAMES = re.compile(rf"^{_NAME}(?:\s*(?:,|og|and|&)\s*{_NAME})*$")
_PUBLIC = re.compile(r"((?:[A-ZÆØÅ][\w-]*\s+(?:og\s+)?){1,3}?)([Ff]ylkeskommune|[Kk]ommune)\b")
_MADE_BY = re.compile(
    r"\b(?:produsert|produseres|utarbeidet|utarbeides|utarbeidd|utarbeida|utgitt|"
    r"utgjeve)\s+(?:av|frå|fra)\s+(?:analyseenheten\s+(?:i\s+)?)?"
    r"([A-ZÆØÅ][\w&-]*(?:\s+(?:og\s+|&\s+)?[A-ZÆØÅ][\w&-]*){0,3})")
_ADDRESSED = re.compile(r"((?:[A-ZÆØÅ][\w-]*\s+(?:og\s+)?){1,3}(?:fylkeskommune|kommune))\s+"
                        r"(?:Postadresse|Postboks|Besøksadresse|Sentralbord|Telefon|www\.)")
_LEAD = re.compile(r"^(?:kilde|kjelde|utgiver|utgjevar|utgitt av|utgjeve av|ansvarlig redaktør|"
                   r"ansvarleg redaktør|©)\s*:?\s*", re.IGNORECASE)


@cache
def _agencies() -> re.Pattern:
    words = sorted(AGENCIES, key=len, reverse=True)
    return re.compile(r"(?<![\w.@/-])(" + "|".join(re.escape(w) for w in words)
                      + r")(?![\w@/-]|\.\w)")


def public_body(text: str) -> str:
    """The first municipality, county or known agency named in the text, or ''.
    "Asker kommune Katrineåsveien 20" -> "Asker kommune"; "Grenland kommune" -> '' (no such
    municipality)."""
    found = []
    for m in _PUBLIC.finditer(text):
        name = " ".join(m.group(1).split())
        # the shortest tail that is a real name: "Plan for Asker" -> "Asker"
        words = name.split()
        for k in range(len(words)):
            cand = " ".join(words[k:])
            if cand.split()[0] == "og":
                continue
            kind = m.group(2).lower()
            known = cand in COUNTIES if kind == "fylkeskommune" else cand in gazetteer()
            if known:
                found.append((m.start(1) + len(" ".join(words[:k])), f"{cand} {kind}"))
                break
    if (agency := _agencies().search(text)):
        found.append((agency.start(), agency.group(1)))
    return min(found)[1] if found else ""


def issuer(line: str) -> str:
    """The public body or institute a short line of a cover, footer or back page names as
    the one behind the report: "Kilde: NAV", "Sykdomsbyrde i Vestfold og Telemark •
    Folkehelseinstituttet • 2021", "Telemark fylkeskommune Postadresse: …", "…produseres av
    Eiendomsverdi og …"; '' when it names none."""
    if (m := _MADE_BY.search(line)):
        made = re.split(r"\s+og\s+(?:presenteres|i samarbeid)", m.group(1))[0].strip()
        if made and not is_person(made):
            if (body := public_body(made)):
                return body
            if len(made.split()) <= 3 and " og " not in made:
                return made
    # the address on a back page: "Vestfold og Telemark fylkeskommune Postadresse: …"
    if (m := _ADDRESSED.search(line)) and (body := public_body(m.group(1))):
        return body
    for part in re.split(r"\s*[•·|]\s*", line):
        part = _LEAD.sub("", part.strip())
        if not part or len(part.split()) > 8 or part.endswith("."):
            continue
        name = public_body(part)
        if name and part.startswith(name):
            return name
    return ""


def is_person(name: str) -> bool:
    """A name of two or more capitalised words starting with a known first name."""
    return re.fullmatch(_NAME, name) is not None and name.split()[0] in first_names()


def split_names(value: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\bog\b|\band\b|&)\s*", value)
    return [" ".join(p.split()) for p in parts if p.strip()]


def people(value: str) -> list[str]:
    """The names in "INGEBORG W. OWESEN og HELENE AARSETH (red.)", "Kari Nordmann, Ola
    Nordmann": capitals as in a name, the editors' mark dropped; [] when any part is not a
    person's name."""
    value = re.sub(r"\(?\b(?:red|eds?|ed)\.?\)?\s*$", "", value.strip()).strip(" ,:")
    value = re.sub(r"^(?:av|by|redigert av|redaktører|redaktørar|red\.)\s*:?\s+", "", value,
                   flags=re.IGNORECASE)
    names = [_name_case(n) for n in split_names(value)]
    if names and all(is_person(n) for n in names):
        return names
    return []


def _name_case(name: str) -> str:
    """'INGEBORG W. OWESEN' -> 'Ingeborg W. Owesen'; a name already in mixed case stays."""
    return name.title() if name.isupper() else name
