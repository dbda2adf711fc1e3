"""Write the bundled demo survey for fritekst into the package (``src/fritekst/data/demo/``).

The demo is a made-up Questback-style export of a survey among the people who work with
"boligsosialt arbeid" in five municipalities: one row per respondent, the question text as the
column header, ratings from 1 to 6 plus "Vet ikke", and open answers written the way real
respondents write them (fragments, lists, Bokmål and Nynorsk, typos, empty cells).

Every answer below was written for this project. No answer comes from a real person; the one
name with a phone number and the one name in a comment are invented so that redaction can be
tested.

Output (all deterministic, byte for byte), in src/fritekst/data/demo/:
    boligsosial_demo.xlsx  sheet "Data"
    boligsosial_demo.csv   as Norwegian Excel saves "CSV (semikolonseparert)":
                           cp1252, ';', CRLF, multi-line cells quoted
and corpora/demo/README.md: what the files are and what they are meant to contain

Run from anywhere:  python scripts/make_demo.py
"""

from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "src" / "fritekst" / "data" / "demo"
README_DIR = REPO_ROOT / "corpora" / "demo"
XLSX_NAME = "boligsosial_demo.xlsx"
CSV_NAME = "boligsosial_demo.csv"
SEED = 20250903

Q_STRENGTHS = (
    "Ut fra ditt ståsted, hva opplever du som de to viktigste styrkene i det boligsosiale "
    "arbeidet i din kommune?"
)
COL_ID = "Respondent-ID"
COL_TIME = "Tidspunkt"
COL_MUNICIPALITY = "Kommune"
COL_FUNCTION = "Hvilken funksjon har du i det boligsosiale nettverket?"
# the function question is a Questback checkbox matrix: one column "<question> - <option>"
# per option, the option text where it was ticked; several may be ticked
FUNCTION_OPTIONS = [
    "Tildeling",
    "Tjenester i hjemmet",
    "Økonomisk rådgivning og virkemidler",
    "NAV",
    "Husleiekontrakter",
    "Bygging og eiendomsforvaltning",
    "Areal- og samfunnsplanlegging",
    "Boligsosial handlingsplan",
    "Flyktningtjenesten",
    "Folkevalgt",
    "Ledelse",
    "Annet",
]
FUNCTION_COLUMNS = [f"{COL_FUNCTION} - {option}" for option in FUNCTION_OPTIONS]
# the Nynorsk answers below name their function in Nynorsk; the form's options are Bokmål
_NYNORSK_FUNCTION = {
    "Tenester i heimen": "Tjenester i hjemmet",
    "Økonomisk rådgiving og verkemiddel": "Økonomisk rådgivning og virkemidler",
    "Husleigekontraktar": "Husleiekontrakter",
    "Bygging og eigedomsforvaltning": "Bygging og eiendomsforvaltning",
    "Bustadsosial handlingsplan": "Boligsosial handlingsplan",
    "Flyktningtenesta": "Flyktningtjenesten",
    "Folkevald": "Folkevalgt",
}
# a second function some respondents also tick, drawn from its own generator so that every
# other value of the export stays as it was before the question became a matrix
SECOND_FUNCTION_SEED = SEED + 14
SECOND_FUNCTION_SHARE = 0.25
SECOND_FUNCTIONS = {"Tildeling": 4, "NAV": 2, "Tjenester i hjemmet": 3, "Ledelse": 4,
                    "Boligsosial handlingsplan": 2, "Annet": 1}
COL_COORDINATION = (
    "Hvor godt mener du at SAMORDNINGEN av det boligsosiale arbeidet fungerer i din kommune?"
)
COL_RESPONSIBILITY = (
    "Hvor godt mener du at ANSVARSAVKLARINGEN i det boligsosiale arbeidet fungerer i din kommune?"
)
COL_STRENGTH_1 = f"{Q_STRENGTHS} - Styrke 1"
COL_STRENGTH_2 = f"{Q_STRENGTHS} - Styrke 2"
COL_CHALLENGES = (
    "Ut fra ditt ståsted, hva opplever du som de to største utfordringene i det boligsosiale "
    "arbeidet i din kommune?"
)
COL_COORD_CHALLENGES = (
    "Hvilke utfordringer ser du når det gjelder samordning av det boligsosiale arbeidet i kommunen?"
)
COL_COMMENTS = "Andre kommentarer"
COLUMNS = [
    COL_ID,
    COL_TIME,
    COL_MUNICIPALITY,
    *FUNCTION_COLUMNS,
    COL_COORDINATION,
    COL_RESPONSIBILITY,
    COL_STRENGTH_1,
    COL_STRENGTH_2,
    COL_CHALLENGES,
    COL_COORD_CHALLENGES,
    COL_COMMENTS,
]
RATING_COLUMNS = [COL_COORDINATION, COL_RESPONSIBILITY]

V = "Vet ikke"  # the "don't know" option of both rating items
RATING_LABELS = {1: "1 - Svært dårlig", 2: "2", 3: "3", 4: "4", 5: "5", 6: "6 - Svært godt", V: V}

Rating = int | str | None  # 1..6, V, or None for a skipped item


@dataclass(frozen=True)
class Answer:
    """One respondent's answers, in the order of the questionnaire."""

    funksjon: str
    samordning: Rating
    ansvar: Rating
    styrke1: str = ""
    styrke2: str = ""
    utfordringer: str = ""
    samordning_utf: str = ""
    kommentar: str = ""


# --------------------------------------------------------------------------------------------
# The answers. Written per municipality so that each place has its own profile (see PROFILES).
# Stord and Sunndal answered in Nynorsk, so their functions are written in Nynorsk here; the
# export ticks the form's (Bokmål) option for them (_NYNORSK_FUNCTION).
# --------------------------------------------------------------------------------------------

LEVANGER = [
    Answer(
        funksjon="Tildeling",
        samordning=5,
        ansvar=5,
        styrke1="Tildelingsgruppa som møtes hver 14. dag. Der sitter alle de viktige aktørene "
        "rundt samme bord.",
        styrke2="Godt samarbeid med NAV",
        utfordringer="1) For få kommunale boliger, særlig små leiligheter. 2) Folk blir boende "
        "for lenge i kommunal bolig fordi det ikke finnes noe å flytte videre til.",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=4,
        ansvar=4,
        styrke1="Engasjerte ansatte som står på for brukerne",
        styrke2="Boligkontoret",
        utfordringer="- For lite bo-oppfølging\n"
        "- Mangler egnede boliger for personer med rus og psykiske lidelser",
        samordning_utf="Vi i hjemmetjenesten får ofte vite om nye leietakere først når det har "
        "oppstått problemer.",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=5,
        ansvar=4,
        styrke1="Startlån brukes aktivt, også til refinansiering",
        styrke2="kort vei til tildelingsgruppa",
        utfordringer="Boligmangel. Dyrt å leie privat i sentrum.",
    ),
    Answer(
        funksjon="NAV",
        samordning=5,
        ansvar=5,
        styrke1="Samarbeidet mellom NAV og boligkontoret",
        styrke2="Faste møter",
        utfordringer="For få boliger og lite gjennomstrømning",
        samordning_utf="-",
        kommentar="Ingen kommentar",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=4,
        ansvar=V,
        styrke1="Kommunen har fått på plass et boligkontor som samler mye av arbeidet.",
        styrke2="Se over.",
        utfordringer="Det bygges for lite. Vi trenger flere utleieboliger, og kommunen må tørre "
        "å kjøpe boliger i det private markedet i stedet for å vente på at noen andre skal "
        "bygge dem.",
        kommentar="Spennende undersøkelse, ser frem til å se resultatene.",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=5,
        ansvar=4,
        styrke1="tildelingsmøtet",
        styrke2="kompetente kolleger",
        utfordringer="1. Ingen boliger å tilby når det haster\n"
        "2. Beboere som ikke flytter ut selv om økonomien deres er blitt bedre",
    ),
    Answer(
        funksjon="Bygging og eiendomsforvaltning",
        samordning=3,
        ansvar=3,
        styrke1="God oversikt over egen boligmasse",
        styrke2="Korte avstander mellom avdelingene",
        utfordringer="Slitasje og skader i boligene, og vi får ikke midler til vedlikehold. "
        "Manglende boliger generelt.",
        samordning_utf="Eiendom blir ofte ikke tatt med før beslutningen om tildeling er tatt.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=6,
        ansvar=5,
        styrke1="Tildelingsgruppa fungerer veldig godt, vi har klare rutiner og fast møtetid.",
        styrke2="Startlån og bostøtte blir godt brukt",
        utfordringer="For få boliger",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=4,
        ansvar=3,
        styrke1="Dyktige tilsette innan psykisk helse og rus",
        styrke2="samarbeid",
        utfordringer="Vi har ikkje nok bustader for dei som treng tett oppfylging. Og "
        "oppfylginga i bustaden er for tynn.",
    ),
    Answer(
        funksjon="NAV",
        samordning=5,
        ansvar=4,
        styrke1="Godt samarbeid med NAV og flyktningtjenesten",
        styrke2="Boligkontoret",
        utfordringer="bolgmangel\nlite bo-oppfølging",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=4,
        ansvar=4,
        styrke1="Vi er flinke til å bruke Husbankens virkemidler",
        styrke2="Ansatte med høy kompetanse",
        utfordringer="Mangel på egnede utleieboliger. Mange står lenge på venteliste.",
    ),
    Answer(
        funksjon="Boligsosial handlingsplan",
        samordning=5,
        ansvar=4,
        styrke1="Vi har en oppdatert boligsosial handlingsplan som faktisk blir brukt.",
        styrke2="Tildelingsgruppa",
        utfordringer="• Boligmangel, særlig for ROP-brukere\n• Oppfølging i bolig",
        samordning_utf="Det er fortsatt en del silotenkning mellom helse og eiendom.",
    ),
    Answer(
        funksjon="Areal- og samfunnsplanlegging",
        samordning=V,
        ansvar=V,
        styrke1="Vet ikke",
        utfordringer="Høye tomtepriser og et presset boligmarked",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=5,
        ansvar=5,
        styrke1="fast møte hver tirsdag",
        styrke2="Alle kjenner hverandre",
        utfordringer="For få boliger. Folk bor for lenge i de kommunale boligene.",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=3,
        ansvar=3,
        styrke1="  engasjement hos de ansatte  ",
        utfordringer="Brukerne får bolig, men så slipper vi taket. Det er for lite oppfølging "
        "etter innflytting, og flere av dem som sliter med rus mister boligen igjen etter kort "
        "tid. Da er vi tilbake der vi startet.",
        samordning_utf="Informasjonen når ikke fram til oss som skal følge opp.",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=4,
        ansvar=5,
        styrke1="Klare roller. Alle vet hvem som har ansvar for hva.",
        styrke2="Boligkontoret",
        utfordringer="Beboere som blir boende i årevis. Gjennomstrømningen er for dårlig.",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=4,
        ansvar=4,
        styrke1="1) Kommunestyret har prioritert boligsosialt arbeid 2) startlån",
        utfordringer="Boligmangel",
    ),
    Answer(
        funksjon="Flyktningtjenesten",
        samordning=5,
        ansvar=4,
        styrke1="Samarbeidet i tildelingsgruppa",
        styrke2="Gode rutiner for bosetting av flyktninger",
        utfordringer="- Mangel på store boliger for familier\n- Mangel på små boliger for enslige",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=None,
        styrke1="Samarbeid",
        styrke2="Kompetanse",
        utfordringer="Tid.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=5,
        ansvar=4,
        styrke1="Vi har et tverrfaglig tildelingsmøte der også NAV og helse deltar",
        styrke2="Lokalkunnskap",
        utfordringer="1) Ingen egnede boliger for rusavhengige 2) For lite gjennomstrømning i de "
        "kommunale boligene",
        samordning_utf="Samarbeidet fungerer godt, men vi kunne hatt bedre systemer for å dele "
        "informasjon.",
    ),
    Answer(
        funksjon="Bygging og eiendomsforvaltning",
        samordning=None,
        ansvar=4,
        styrke1="-",
        utfordringer="for få boliger og for lite penger til å bygge nye",
    ),
]

STORD = [
    Answer(
        funksjon="Tildeling",
        samordning=3,
        ansvar=2,
        styrke1="Engasjerte tilsette som kjenner brukarane godt",
        styrke2="Godt samarbeid med NAV",
        utfordringer="1) For få kommunale bustader 2) Uklar ansvarsfordeling mellom einingane",
        samordning_utf="Det er ingen som har det overordna ansvaret. Kvar eining tenkjer på sitt.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=3,
        styrke1="Eldsjeler",
        styrke2="Vi kjenner brukarane",
        utfordringer="- Manglar eigna bustader for rusavhengige\n- Oppfylginga blir tilfeldig",
        samordning_utf="Vi manglar ein fast møtestad der alle som jobbar med bustad kan møtast.",
    ),
    Answer(
        funksjon="Bustadsosial handlingsplan",
        samordning=2,
        ansvar=2,
        styrke1="Kompetente folk i fleire einingar",
        utfordringer="Den bustadsosiale handlingsplanen er frå 2014 og er ikkje rullert. Vi har "
        "difor ingen felles mål å styre etter, og ingen veit heilt kven som skal ta tak i saker "
        "som går på tvers av einingane.",
        samordning_utf="Manglande plan og manglande leiing på tvers.",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=3,
        styrke1="Startlån og bustøtte",
        styrke2="Korte avstandar",
        utfordringer="vi har ikkje nok bustader",
    ),
    Answer(
        funksjon="Økonomisk rådgiving og verkemiddel",
        samordning=3,
        ansvar=2,
        styrke1="Vi nyttar startlånet godt, fleire har fått kjøpe eigen bustad.",
        styrke2="Fagfolk som kan jobben sin",
        utfordringer="Bustadmangel og uklare roller",
        samordning_utf="Kven eig saka? Det er det store spørsmålet.",
    ),
    Answer(
        funksjon="Folkevald",
        samordning=V,
        ansvar=V,
        styrke1="vet ikkje",
        utfordringer="For få bustader. Dyr leigemarknad.",
        kommentar="Eg kjenner for lite til det daglege arbeidet til å svare på alt.",
    ),
    Answer(
        funksjon="Flyktningtenesta",
        samordning=3,
        ansvar=2,
        styrke1="Gode tilsette",
        styrke2="Vilje til å finne løysingar",
        utfordringer="1. Det er vanskeleg å finne bustader til flyktningar vi skal busetje. "
        "2. Ingen tek ansvar når det oppstår problem i bustaden.",
        samordning_utf="Samarbeidet mellom einingane er personavhengig.",
    ),
    Answer(
        funksjon="Husleigekontraktar",
        samordning=2,
        ansvar=1,
        styrke1="?",
        utfordringer="Alt hamnar hos oss. Uklar ansvarsfordeling, og ingen tek tak før det er "
        "for seint.",
        samordning_utf="Det manglar rutinar for kven som gjer kva.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=4,
        ansvar=3,
        styrke1="Små forhold gjør at vi finner løsninger raskt",
        styrke2="Engasjement",
        utfordringer="For få boliger\nMangler oppdatert boligsosial plan",
    ),
    Answer(
        funksjon="Bygging og eigedomsforvaltning",
        samordning=3,
        ansvar=3,
        styrke1="Vi har kjøpt nokre nye bustader dei siste åra",
        utfordringer="Manglande langsiktig planlegging. Vi kjøper bustader når det brenn, ikkje "
        "etter ein plan.",
        samordning_utf="Eigedom kjem for seint inn.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=None,
        styrke1="tverrfagleg samarbeid i enkeltsaker",
        utfordringer="bustadmangel",
    ),
    Answer(
        funksjon="Areal- og samfunnsplanlegging",
        samordning=3,
        ansvar=3,
        styrke1="Kommuneplanen har eit eige kapittel om bustad",
        utfordringer="Vi manglar ein strategi for korleis kommunen skal skaffe bustader til "
        "vanskelegstilte. Bustadsosial handlingsplan er utdatert.",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=3,
        styrke1="samarbied med psykisk helse",
        styrke2="Bustøtte",
        utfordringer="For få bustader og lang ventetid",
        samordning_utf="Informasjonsflyten mellom NAV og resten av kommunen kunne vore betre.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=2,
        ansvar=2,
        styrke1="Dei tilsette",
        utfordringer="1) ingen bustader å tilby\n2) ingen har ansvaret for heilskapen",
        samordning_utf="Vi jobbar i siloar.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=3,
        styrke1="Dyktige ansatte i hjemmetjenesten",
        styrke2="Korte avstander",
        utfordringer="Mangel på boliger tilpasset personer med psykiske lidelser. Noen bor i "
        "boliger som er i dårlig stand.",
    ),
    Answer(
        funksjon="Folkevald",
        samordning=4,
        ansvar=3,
        styrke1="Openheit og vilje til å samarbeide",
        utfordringer="Bustadmarknaden på Stord er pressa.",
        kommentar="Fint at det blir sett fokus på dette.",
    ),
    Answer(
        funksjon="Flyktningtenesta",
        samordning=3,
        ansvar=3,
        styrke1="Vi har fått til god busetjing av flyktningar dei siste åra.",
        styrke2="Startlån til flyktningfamiliar",
        utfordringer="Det er for få store bustader til familiar, og kven som skal følgje opp "
        "etter busetjinga er uklart.",
    ),
    Answer(
        funksjon="Bustadsosial handlingsplan",
        samordning=3,
        ansvar=2,
        styrke1="Kompetanse",
        styrke2="Lokalkunnskap",
        utfordringer="Plan\nAnsvar",
        samordning_utf="-",
    ),
    Answer(
        funksjon="Økonomisk rådgiving og verkemiddel",
        samordning=4,
        ansvar=3,
        styrke1="Godt samarbeid med Husbanken",
        utfordringer="Ikkje nok bustader. Lite gjennomstrøyming i dei kommunale bustadene.",
        kommentar="Ring gjerne Kari Nygård på 912 34 567 om de vil vite meir om korleis vi "
        "brukar startlån.",
    ),
]

SUNNDAL = [
    Answer(
        funksjon="Tildeling",
        samordning=4,
        ansvar=4,
        styrke1="Oversiktleg kommune, vi veit kven vi skal ringje.",
        styrke2="Politikarane er opptekne av bustadsosiale spørsmål",
        utfordringer="1) For få kommunale bustader 2) For lite oppfylging av dei som bur i dei",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=4,
        ansvar=3,
        styrke1="alle kjenner alle",
        styrke2="korte avstandar",
        utfordringer="Vi har ikkje kapasitet til å følgje opp alle som treng det. For få folk og "
        "for lite tid.",
        samordning_utf="Vi får ofte ikkje vite at nokon har fått bustad før dei har flytta inn.",
    ),
    Answer(
        funksjon="Folkevald",
        samordning=5,
        ansvar=4,
        styrke1="Kommunestyret har løyvd pengar til nye utleigebustader.",
        styrke2="Lokalkunnskap",
        utfordringer="Bustadmangel",
        kommentar="Eg har berre site i kommunestyret i eitt år, så svara mine er prega av det.",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=4,
        styrke1="Godt samarbeid med kommunen, kort vei",
        styrke2="Bostøtte og startlån brukes aktivt",
        utfordringer="- Mangler boliger\n- Dårlig standard på flere av de kommunale boligene",
    ),
    Answer(
        funksjon="Økonomisk rådgiving og verkemiddel",
        samordning=4,
        ansvar=4,
        styrke1="Startlån",
        styrke2="Små forhold",
        utfordringer="For få eigna bustader, og den private leigemarknaden er nesten "
        "ikkje-eksisterande.",
    ),
    Answer(
        funksjon="Bygging og eigedomsforvaltning",
        samordning=3,
        ansvar=3,
        styrke1="-",
        utfordringer="Gamle bustader med dårleg standard. Bråk og konfliktar mellom naboar i "
        "eitt av bygga, og det går ut over alle som bur der.",
        samordning_utf="Vi som forvaltar bustadene blir ikkje tekne med når dei tildeler.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=3,
        styrke1="Dyktige og engasjerte kollegaer",
        utfordringer="For lite oppfylging i bustaden. Mange av dei som bur i kommunale bustader "
        "treng hjelp til å meistre kvardagen, og det har vi ikkje ressursar til.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=5,
        ansvar=4,
        styrke1="Vi kjenner kommunen og folka godt",
        styrke2="Fleksible løysingar",
        utfordringer="bustader\ntid",
    ),
    Answer(
        funksjon="Husleigekontraktar",
        samordning=4,
        ansvar=V,
        styrke1="God dialog med leigetakarane",
        utfordringer="Vi har ikkje noko problem med bustadmangel akkurat no, men oppfylginga av "
        "leigetakarane sviktar.",
    ),
    Answer(
        funksjon="Folkevald",
        samordning=5,
        ansvar=5,
        styrke1="Stor politisk semje om at bustad er viktig",
        styrke2="Oversiktlege forhold",
        utfordringer="Ressursar. Det kostar å byggje.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=3,
        styrke1="Samarbeid på tvers i enkeltsaker",
        utfordringer="1. For få tilrettelagte boliger for personer med rus og psykiske lidelser\n"
        "2. For lite tid til oppfølging i hjemmet",
        samordning_utf="Det er tilfeldig hvem som tar initiativ.",
    ),
    Answer(
        funksjon="Areal- og samfunnsplanlegging",
        samordning=V,
        ansvar=V,
        styrke1="Vet ikkje",
        utfordringer="Vet ikkje",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=4,
        styrke1="Kort veg mellom NAV og helse",
        styrke2="Dei tilsette kjenner brukarane",
        utfordringer="Manglande bustader, spesielt for unge som skal ut i eigen bustad for "
        "første gong.",
    ),
    Answer(
        funksjon="Flyktningtenesta",
        samordning=4,
        ansvar=3,
        styrke1="God lokalkunnskap",
        styrke2="Politisk vilje til å busetje",
        utfordringer="Det er vanskeleg å skaffe bustader til flyktningane. Dei endar ofte opp i "
        "dei same slitne bustadene.",
    ),
    Answer(
        funksjon="Bustadsosial handlingsplan",
        samordning=4,
        ansvar=4,
        styrke1="politisk forankring",
        styrke2="lokalkunnskap",
        utfordringer="oppfylging\nbustadmangel",
        samordning_utf="nei",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=None,
        ansvar=4,
        styrke1="Små forhold gjer at vi finn løysingar",
        utfordringer="Vi har for få bustader, og dei vi har passar ikkje for dei med rus- og "
        "psykiske problem.",
    ),
    Answer(
        funksjon="Tenester i heimen",
        samordning=3,
        ansvar=2,
        styrke1="Eg veit ikkje",
        utfordringer="For lite personale. Oppfylging i heimen blir nedprioritert når det er "
        "travelt, og då mistar folk bustaden.",
        samordning_utf="Ansvaret for oppfylging etter at nokon har flytta inn er ikkje avklart.",
    ),
]

ALTA = [
    Answer(
        funksjon="Tildeling",
        samordning=3,
        ansvar=2,
        styrke1="Forvaltningskontoret",
        styrke2="Startlån",
        utfordringer="1) Dyrt leiemarked og for få kommunale boliger 2) Uklart hvem som har "
        "ansvar for hva",
        samordning_utf="Hver enhet jobber for seg. Det mangler noen som koordinerer.",
    ),
    Answer(
        funksjon="NAV",
        samordning=3,
        ansvar=3,
        styrke1="Dyktige saksbehandlere",
        styrke2="Bostøtten",
        utfordringer="Lange ventelister fordi det ikke finnes boliger. Vi må ofte bruke hybler "
        "og campinghytter som midlertidig løsning.",
    ),
    Answer(
        funksjon="Boligsosial handlingsplan",
        samordning=2,
        ansvar=2,
        styrke1="Det finnes mye kompetanse i organisasjonen",
        utfordringer="Vi har ingen oppdatert boligsosial handlingsplan, og dermed ingen felles "
        "retning. I tillegg er det uklart hvem som eier de ulike oppgavene.",
        samordning_utf="Mangler overordnet strategi og koordinering.",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=3,
        ansvar=2,
        styrke1="tildelingsmøtet hver uke",
        utfordringer="- For få boliger for ROP-brukere\n- Ingen tar tak når noe går galt",
        samordning_utf="Vi sitter i hver vår silo.",
    ),
    Answer(
        funksjon="Flyktningtjenesten",
        samordning=2,
        ansvar=2,
        styrke1="Godt samarbeid med NAV",
        styrke2="Engasjerte ansatte",
        utfordringer="Bosetting av flyktninger er vanskelig når det ikke finnes boliger. Vi sier "
        "ja til å bosette, men har ingenting å tilby.",
        samordning_utf="Flyktningtjenesten blir ikke tatt med i tildelingen.",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=3,
        ansvar=3,
        styrke1="Startlånordningen",
        styrke2="Vet ikke",
        utfordringer="Boligmangel",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=4,
        ansvar=3,
        styrke1="Startlån brukes godt, og flere har gått fra leie til eie.",
        styrke2="Vi samarbeider godt med Husbanken",
        utfordringer="Boligprisene har steget mye, og leiemarkedet er dyrt. Kriteriene for "
        "tildeling av kommunal bolig oppleves som uklare.",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=1,
        ansvar=1,
        styrke1="-",
        styrke2="-",
        utfordringer="Hvem eier saken? Ingen vet. Og det finnes ikke boliger.",
        samordning_utf="Ansvarsfordelingen er uklar, og det blir mye dobbeltarbeid.",
    ),
    Answer(funksjon="", samordning=3, ansvar=None),  # one rating, nothing else
    Answer(
        funksjon="Tildeling",
        samordning=3,
        ansvar=3,
        styrke1="Forvaltningskontoret samler søknadene på ett sted",
        styrke2="Fagkompetanse",
        utfordringer="1. Lang venteliste\n2. For få boliger",
    ),
    Answer(
        funksjon="Bygging og eiendomsforvaltning",
        samordning=2,
        ansvar=3,
        styrke1="Vi har fått på plass et fast tildelingsmøte.",
        utfordringer="Det mangler en langsiktig plan for anskaffelse av boliger. Det meste skjer "
        "ad hoc.",
    ),
    Answer(
        funksjon="NAV",
        samordning=V,
        ansvar=V,
        styrke1="Vet ikke",
        utfordringer="Vet ikke",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=3,
        ansvar=2,
        styrke1="Kompetente ansatte innen rus og psykisk helse",
        styrke2="Godt samarbeid med spesialisthelsetjenesten",
        utfordringer="det finnes rett og slett ikke boliger for rusavhengige i alta",
        samordning_utf="Ingen har ansvaret for helheten.",
    ),
    Answer(
        funksjon="Areal- og samfunnsplanlegging",
        samordning=3,
        ansvar=3,
        styrke1="Vi har en ny kommuneplan med vekt på boligbygging",
        utfordringer="Boligsosiale hensyn kommer for sent inn i planleggingen. Få utleieboliger "
        "i markedet.",
        samordning_utf="Planavdelingen blir sjelden involvert.",
    ),
    Answer(
        funksjon="Flyktningtjenesten",
        samordning=2,
        ansvar=2,
        styrke1="Engasjerte tilsette",
        utfordringer="1) Vi har ikkje bustader til flyktningane vi skal busetje 2) Uklar "
        "ansvarsfordeling",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=3,
        ansvar=3,
        styrke1="Vi har et forvaltningskontor som fungerer",
        styrke2="Politisk enighet om at dette er viktig",
        utfordringer="Pengene strekker ikke til. Vi har ikke råd til å bygge så mange boliger som "
        "det er behov for.",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=2,
        ansvar=2,
        styrke1="samarbeid i enkeltsaker",
        utfordringer="Mangel på boliger og mangel på en plan for hvordan vi skal skaffe flere",
        samordning_utf="Uklart hvem som koordinerer",
        kommentar="Håper resultatene blir lagt fram for kommunestyret.",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=3,
        ansvar=3,
        styrke1="Startlån og tilskudd",
        styrke2="Faglig dyktige kollegaer",
        utfordringer="For få boliger. Lite gjennomstrømning i kommunale boliger fordi det ikke "
        "finnes noe å flytte til.",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=4,
        ansvar=3,
        styrke1="Tildelingsmøtet",
        utfordringer="Nabokonflikter og slitte boliger i enkelte kommunale bygg",
    ),
    Answer(
        funksjon="NAV",
        samordning=2,
        ansvar=2,
        styrke1="?",
        utfordringer="For få boliger; uklar ansvarsfordeling; for lite tid.",
        samordning_utf="Samordningen er svak. Vi får ikke informasjon fra de andre enhetene.",
    ),
    Answer(
        funksjon="Boligsosial handlingsplan",
        samordning=3,
        ansvar=2,
        styrke1="Forvaltningskontoret og tildelingsmøtet",
        styrke2="Kunnskapen hos de ansatte",
        utfordringer="• Den boligsosiale handlingsplanen er utdatert\n• Boligmangel",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=None,
        ansvar=3,
        styrke1="Vi gjør så godt vi kan",
        utfordringer="lite folk, mye å gjøre",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=3,
        ansvar=3,
        styrke1="Vi har et fast tildelingsmøte med klare rutiner.",
        styrke2="Startlån",
        utfordringer="Lange ventelister, og det er vanskelig å prioritere mellom søkerne når ingen "
        "boliger er ledige.",
        kommentar="Snakk gjerne med Trine Olsen på forvaltningskontoret om dere vil ha tall.",
    ),
]

RINGSAKER = [
    Answer(
        funksjon="Tildeling",
        samordning=4,
        ansvar=3,
        styrke1="Fast møte i boligteamet hver uke",
        styrke2="Godt samarbeid med NAV",
        utfordringer="1) For få kommunale boliger 2) Lav prioritet hos politikerne",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=V,
        ansvar=V,
        styrke1="Vet ikke",
        utfordringer="Boligmangel, særlig i sentrumsnære områder.",
        kommentar="Som folkevalgt har jeg lite innsyn i det daglige arbeidet.",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=3,
        styrke1="Samarbeidet mellom NAV og boligteamet er godt.",
        styrke2="Engasjerte folk",
        utfordringer="- Mangler boliger\n"
        "- Uklart hvem som har ansvaret når en leietaker trenger mer hjelp",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=3,
        ansvar=3,
        styrke1="Kompetanse på rus og psykisk helse",
        utfordringer="Ikke noe problem med boligmangel i vår del av kommunen, men "
        "ansvarsfordelingen er uklar.",
        samordning_utf="Vi får for lite informasjon om nye leietakere.",
    ),
    Answer(
        funksjon="Bygging og eiendomsforvaltning",
        samordning=V,
        ansvar=3,
        styrke1="God oversikt over boligmassen",
        utfordringer="Folk blir boende for lenge. Vi har leietakere som har bodd i kommunal "
        "bolig i over ti år.",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=4,
        ansvar=4,
        styrke1="Startlån",
        styrke2="Boligteamet",
        utfordringer="For få boliger til unge og enslige",
    ),
    Answer(
        funksjon="Areal- og samfunnsplanlegging",
        samordning=V,
        ansvar=V,
        styrke1="-",
        styrke2="-",
        utfordringer="Boligsosiale hensyn har lav prioritet, både i planleggingen og hos "
        "politikerne.",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=3,
        ansvar=2,
        styrke1="samarbeid",
        utfordringer="uklar ansvarsfordeling. ingen tar tak før det blir krise",
        samordning_utf="Hvem eier saken når en leietaker ikke betaler husleie og samtidig trenger "
        "helsehjelp?",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=4,
        ansvar=4,
        styrke1="Boligteamet møtes fast, og der blir sakene drøftet grundig.",
        styrke2="Kunnskap om brukerne",
        utfordringer="Boligmangel og lite gjennomstrømning",
    ),
    Answer(
        funksjon="NAV",
        samordning=3,
        ansvar=V,
        styrke1="NAV-samarbeidet",
        utfordringer="For få boliger.  For lite fokus fra ledelsen.",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=V,
        ansvar=V,
        styrke1="Vet ikke",
        utfordringer="Ingen egnede boliger for personer med rus og psykiske lidelser. De blir "
        "boende i leiligheter der de ikke fungerer, og naboene klager.",
    ),
    Answer(
        funksjon="Folkevalgt",
        samordning=V,
        ansvar=3,
        styrke1="Vi har mange dyktige ansatte",
        utfordringer="Vi politikere har ikke prioritert boligsosialt arbeid høyt nok. Det er ikke "
        "satt av penger.",
    ),
    Answer(
        funksjon="Flyktningtjenesten",
        samordning=4,
        ansvar=3,
        styrke1="Godt samarbeid med NAV",
        styrke2="Boligteamet",
        utfordringer="For få boliger når vi skal bosette familier",
        samordning_utf="Informasjon går tapt mellom enhetene.",
    ),
    Answer(
        funksjon="Boligsosial handlingsplan",
        samordning=3,
        ansvar=3,
        styrke1='Faste møter i "boligteamet"',
        styrke2="Engasjerte ansatte",
        utfordringer="1. Uklare roller mellom enhetene 2. Boligsosialt arbeid har lav status i "
        "organisasjonen",
        samordning_utf="Siloer. Hver enhet har sine egne mål.",
    ),
    Answer(
        funksjon="Økonomisk rådgivning og virkemidler",
        samordning=4,
        ansvar=4,
        styrke1="Bustøtte og startlån",
        styrke2="Godt samarbeid med NAV",
        utfordringer="For få utleigebustader",
    ),
    Answer(
        funksjon="Tildeling",
        samordning=V,
        ansvar=3,
        styrke1="boligteamet",
        utfordringer="Ventelisten er lang, og det er ikke alltid tydelig hvem som prioriteres.",
    ),
    Answer(
        funksjon="Tjenester i hjemmet",
        samordning=3,
        ansvar=2,
        styrke1="Vi kjenner brukerne godt",
        utfordringer="Folk blir boende for lenge i kommunale boliger fordi de ikke får noe annet. "
        "Samtidig er det uklart hvem som har ansvaret for å hjelpe dem videre.",
    ),
    Answer(
        funksjon="NAV",
        samordning=4,
        ansvar=None,
        styrke1="Samarbeidet med boligteamet",
        utfordringer="For få boliger\n",
    ),
    Answer(
        funksjon="Husleiekontrakter",
        samordning=None,
        ansvar=V,
        utfordringer="Boligmangel og dårlig standard på flere kommunale boliger",
        kommentar="Ingen kommentar",
    ),
    Answer(
        funksjon="Bygging og eiendomsforvaltning",
        samordning=3,
        ansvar=3,
        styrke1="Vi har god kontroll på vedlikeholdet",
        utfordringer="Lite gjennomstrømning. Det er vanskelig å få leietakere til å flytte videre.",
    ),
]

ANSWERS = {
    "Levanger": LEVANGER,
    "Stord": STORD,
    "Sunndal": SUNNDAL,
    "Alta": ALTA,
    "Ringsaker": RINGSAKER,
}

# First day the survey link was sent in each municipality (reminder a week later).
SURVEY_START = {
    "Levanger": date(2025, 9, 1),
    "Stord": date(2025, 9, 3),
    "Sunndal": date(2025, 9, 8),
    "Alta": date(2025, 9, 9),
    "Ringsaker": date(2025, 9, 15),
}


@dataclass(frozen=True)
class Profile:
    """What a municipality's answers are written to show (goes into the README)."""

    language: str
    strengths: str
    challenges: str
    ratings: str


PROFILES = {
    "Levanger": Profile(
        language="Bokmål (one Nynorsk writer)",
        strengths="moteplasser (tildelingsgruppa, boligkontoret, faste møter); samordning "
        "(NAV); kompetanse; virkemidler (startlån, bostøtte)",
        challenges="boligmangel; gjennomstromning; oppfolging (bo-oppfølging); rus_psykisk; "
        "a little ressurser and bomiljo",
        ratings="highest on both items",
    ),
    "Stord": Profile(
        language="Nynorsk (two Bokmål writers)",
        strengths="kompetanse (engaged staff); virkemidler (startlån, bustøtte); samordning "
        "in single cases; some lokalkunnskap; no formal meeting place",
        challenges="boligmangel; ansvarsavklaring (kven eig saka); plan_strategi (handlingsplan "
        "frå 2014); samordning (siloar, no møtestad)",
        ratings="low, ansvarsavklaring lowest but one",
    ),
    "Sunndal": Profile(
        language="Nynorsk (two Bokmål writers)",
        strengths="lokalkunnskap (alle kjenner alle, små forhold); politisk_forankring; "
        "virkemidler; kompetanse",
        challenges="boligmangel (one respondent says it is not a problem); oppfolging; "
        "ressurser (tid, folk); bomiljo (standard, naboar); rus_psykisk",
        ratings="fairly high",
    ),
    "Alta": Profile(
        language="Bokmål (one Nynorsk writer)",
        strengths="moteplasser (forvaltningskontoret, tildelingsmøtet); virkemidler (startlån); "
        "kompetanse",
        challenges="boligmangel (dyrt leiemarked); ansvarsavklaring; plan_strategi; samordning "
        "(siloer); tildeling (ventelister, kriterier); ressurser; flyktninger",
        ratings="lowest on both items; one respondent answered only one rating",
    ),
    "Ringsaker": Profile(
        language="Bokmål (one Nynorsk writer)",
        strengths="moteplasser (boligteamet); samordning (NAV); kompetanse",
        challenges="boligmangel (one respondent says it is not a problem); ansvarsavklaring; "
        "politisk_forankring (lav prioritet); gjennomstromning; samordning (informasjonsflyt)",
        ratings="middle, with a large Vet ikke share",
    ),
}


def _timestamp(rng: random.Random, start: date) -> datetime:
    """A plausible moment of answering: mostly weekdays in office hours, soon after a mail."""
    day = rng.choices(range(14), weights=[9, 6, 4, 3, 2, 1, 1, 6, 4, 2, 1, 1, 1, 1])[0]
    when = start + timedelta(days=day)
    if when.weekday() >= 5 and rng.random() < 0.8:
        when += timedelta(days=7 - when.weekday())
    if rng.random() < 0.12:
        hour = rng.randint(19, 22)
    else:
        hour = rng.choices(range(8, 16), weights=[3, 4, 4, 2, 3, 4, 3, 2])[0]
    return datetime(when.year, when.month, when.day, hour, rng.randrange(60))


def _cell(value: Rating) -> str:
    return "" if value is None else RATING_LABELS[value]


def _function_cells(function: str, rng: random.Random) -> list[str]:
    """The checkbox matrix cells of one respondent: the option text where ticked."""
    ticked = {_NYNORSK_FUNCTION.get(function, function)} if function else set()
    if ticked and rng.random() < SECOND_FUNCTION_SHARE:
        options = [o for o in SECOND_FUNCTIONS if o not in ticked]
        ticked.add(rng.choices(options, weights=[SECOND_FUNCTIONS[o] for o in options])[0])
    unknown = ticked - set(FUNCTION_OPTIONS)
    if unknown:
        raise SystemExit(f"function {sorted(unknown)[0]!r} is not an option of the form")
    return [option if option in ticked else "" for option in FUNCTION_OPTIONS]


def build_rows(seed: int = SEED) -> list[list[object]]:
    """Assemble the export: one row per respondent, ordered by answer time like Questback."""
    rng = random.Random(seed)
    stamped = []
    for municipality, answers in ANSWERS.items():
        for number, ans in enumerate(answers):
            when = _timestamp(rng, SURVEY_START[municipality])
            stamped.append((when, municipality, number, ans))
    stamped.sort(key=lambda item: (item[0], item[1], item[2]))
    ids = sorted(rng.sample(range(48000, 49600), len(stamped)))
    second = random.Random(SECOND_FUNCTION_SEED)
    rows = []
    for rid, (when, municipality, _, ans) in zip(ids, stamped, strict=True):
        rows.append(
            [
                rid,
                when.strftime("%Y-%m-%d %H:%M"),
                municipality,
                *_function_cells(ans.funksjon, second),
                _cell(ans.samordning),
                _cell(ans.ansvar),
                ans.styrke1,
                ans.styrke2,
                ans.utfordringer,
                ans.samordning_utf,
                ans.kommentar,
            ]
        )
    return rows


FIXED_ZIP_TIME = (2025, 9, 30, 8, 0, 0)
FIXED_DOC_TIME = "2025-09-30T08:00:00Z"


def _stable_zip(data: bytes) -> bytes:
    """Rewrite an xlsx so that repeated runs give identical bytes (no save-time stamps)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_DOC_TIME.encode(),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, content)
    return out.getvalue()


def write_xlsx(rows: list[list[object]], path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(COLUMNS)
    for row in rows:
        ws.append([None if value == "" else value for value in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [14, 17, 12, *[16] * len(FUNCTION_COLUMNS), 18, 18, 40, 40, 55, 45, 40]
    for column_cells, width in zip(ws.columns, widths, strict=True):
        ws.column_dimensions[column_cells[0].column_letter].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "fritekst scripts/make_demo.py"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue()))


def write_csv(rows: list[list[object]], path: Path) -> None:
    """Write as Norwegian Excel's "CSV (semikolonseparert)": cp1252, ';', CRLF."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def rating_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean (Vet ikke left out), N with a score, Vet ikke count and blanks per municipality."""
    records = []
    for municipality in ANSWERS:
        part = frame[frame[COL_MUNICIPALITY] == municipality]
        record: dict[str, object] = {"Kommune": municipality, "Respondenter": len(part)}
        for column, short in zip(RATING_COLUMNS, ["samordning", "ansvar"], strict=True):
            values = part[column].str.slice(0, 1)
            scores = pd.to_numeric(values[values.str.isdigit()])
            record[f"{short}_snitt"] = round(scores.mean(), 2)
            record[f"{short}_n"] = len(scores)
            record[f"{short}_vet_ikke"] = int((part[column] == V).sum())
            record[f"{short}_tom"] = int((part[column] == "").sum())
        records.append(record)
    return pd.DataFrame.from_records(records)


def write_readme(table: pd.DataFrame, path: Path) -> None:
    total = int(table["Respondenter"].sum())
    lines = [
        "# Demo data: boligsosialt arbeid i fem kommuner",
        "",
        f"A made-up survey export with {total} respondents in five municipalities, for trying "
        "fritekst and for its tests.",
        "The questions follow the surveys used in real housing-social projects; **every answer "
        "was written by this project for the demo** (no real respondents; the names and the "
        "phone number in two comments are invented, there to test redaction).",
        "",
        f"- `{XLSX_NAME}`: Questback-style wide export, sheet `Data`, one row per respondent, "
        "question text as column header. The function question (\"Hvilken funksjon har du i det "
        "boligsosiale nettverket?\") is a checkbox matrix as Questback exports it: one column "
        "per option headed `<question> - <option>`, the option text where it was ticked; about "
        "a quarter of the respondents ticked two, and one ticked none.",
        f'- `{CSV_NAME}`: the same data as Norwegian Excel saves "CSV (semikolonseparert)": '
        "cp1252, `;`, CRLF, multi-line cells in quotes.",
        "",
        "The files live inside the package, in `src/fritekst/data/demo/`, so that an installed "
        "fritekst carries them (`fritekst demo`); this README describes them.",
        "",
        "Regenerate (deterministic, byte-identical): `python scripts/make_demo.py`",
        "",
        "## Intended content per municipality",
        "",
        "Theme ids are those of the default coding frame. Strengths/challenges list the themes "
        "most respondents in that municipality name, roughly in order; lack of suitable housing "
        "(boligmangel) is a challenge everywhere.",
        "",
        "| Kommune | N | Language | Strengths | Challenges | Rating profile |",
        "|---|---|---|---|---|---|",
    ]
    counts = dict(zip(table["Kommune"], table["Respondenter"], strict=True))
    for municipality, profile in PROFILES.items():
        lines.append(
            f"| {municipality} | {counts[municipality]} | {profile.language} | "
            f"{profile.strengths} | {profile.challenges} | {profile.ratings} |"
        )
    lines += [
        "",
        "## Rating table (mean with Vet ikke left out)",
        "",
        "| Kommune | Samordning mean | N | Vet ikke | blank | Ansvarsavklaring mean | N | "
        "Vet ikke | blank |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for rec in table.to_dict("records"):
        lines.append(
            f"| {rec['Kommune']} | {rec['samordning_snitt']:.2f} | {rec['samordning_n']} | "
            f"{rec['samordning_vet_ikke']} | {rec['samordning_tom']} | "
            f"{rec['ansvar_snitt']:.2f} | {rec['ansvar_n']} | {rec['ansvar_vet_ikke']} | "
            f"{rec['ansvar_tom']} |"
        )
    lines += [
        "",
        'Messiness on purpose: empty cells, "Vet ikke"/"vet ikkje", "-", "?", "nei", '
        '"Ingen kommentar", typos (bolgmangel, samarbied), extra spaces, a trailing line '
        'break, a negated theme ("Ikke noe problem med boligmangel ..."), `;` and `"` inside '
        "answers, and one respondent who gave only the municipality and one rating.",
        "",
        "## Demo report (PDF)",
        "",
        "`rapport_demo.pdf` is a made-up 40-page research note (\"Notat nr. 6/2015\", "
        "\"Boligsosialt arbeid i fem kommuner\") for trying `fritekst literature`, `search`, "
        "`meta` and `extract` (`fritekst demo --reports`). Its text is this project's own: the "
        "report sentences of `corpora/training/parts/sentences.csv` and claims about Volda, "
        "Rissa, Nærøy, Ørland and Oppdal written for it; the authors, publisher, ISSN and ISBN "
        "are invented. It has a title page, a colophon, a table of contents, a summary and an "
        "English summary, running heads, page numbers, two-column pages, hyphenation, a ruled "
        "table, a scanned page and a reference list. It also lives in `src/fritekst/data/demo/`.",
        "",
        "Regenerate (byte-identical): `python scripts/make_test_pdfs.py --demo`",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def _read_back(xlsx: Path, csv_path: Path) -> pd.DataFrame:
    """Read both files as text and check that they hold exactly the same table."""
    from_xlsx = pd.read_excel(xlsx, sheet_name="Data", dtype=str, keep_default_na=False)
    from_csv = pd.read_csv(csv_path, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(from_xlsx, from_csv)
    if list(from_xlsx.columns) != COLUMNS:
        raise SystemExit("column headers changed on the way to disk")
    return from_xlsx


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    rows = build_rows()
    xlsx_path = OUT_DIR / XLSX_NAME
    csv_path = OUT_DIR / CSV_NAME
    write_xlsx(rows, xlsx_path)
    write_csv(rows, csv_path)
    table = rating_table(_read_back(xlsx_path, csv_path))
    write_readme(table, README_DIR / "README.md")
    counts = ", ".join(f"{r['Kommune']} {r['Respondenter']}" for r in table.to_dict("records"))
    print(f"Wrote {len(rows)} respondents to {OUT_DIR.relative_to(REPO_ROOT)}: {counts}")


if __name__ == "__main__":
    main()
