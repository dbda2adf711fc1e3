"""The reports' fixed text in Bokmål and Nynorsk; the data (theme labels, names of
municipalities and functions, the respondents' quotes) stays as it is written."""

from __future__ import annotations

# key → (bokmål, nynorsk); {placeholders} are filled with str.format
TEXT: dict[str, tuple[str, str]] = {
    "title": ("Det boligsosiale arbeidet i {place}", "Det bustadsosiale arbeidet i {place}"),
    "title_all": ("Det boligsosiale arbeidet i {n} kommuner: en sammenligning",
                  "Det bustadsosiale arbeidet i {n} kommunar: ei samanlikning"),
    "intro": ("Rapporten samler svarene fra {place} i spørreundersøkelsen om det boligsosiale "
              "arbeidet: hva respondentene ser som styrker og utfordringer, og hvordan de "
              "vurderer arbeidet.",
              "Rapporten samlar svara frå {place} i spørjeundersøkinga om det bustadsosiale "
              "arbeidet: kva respondentane ser som styrkar og utfordringar, og korleis dei "
              "vurderer arbeidet."),
    "intro_roles": ("Svarene vises også per funksjon, for de ser ulikt på arbeidet ut fra "
                    "hvor de sitter.",
                    "Svara vert òg viste per funksjon, for dei ser ulikt på arbeidet ut frå "
                    "kvar dei sit."),
    "intro_network": ("Til slutt beskrives nettverket: hvem som har kontakt med hvem.",
                      "Til slutt vert nettverket skildra: kven som har kontakt med kven."),
    "intro_all": ("Rapporten sammenligner svarene fra {places} i spørreundersøkelsen om det "
                  "boligsosiale arbeidet.",
                  "Rapporten samanliknar svara frå {places} i spørjeundersøkinga om det "
                  "bustadsosiale arbeidet."),
    "responses": ("Svar", "Svar"),
    "responded": ("{n} personer svarte på undersøkelsen.",
                  "{n} personar svarte på undersøkinga."),
    "responded_few": ("Færre enn {n} personer svarte på undersøkelsen.",
                      "Færre enn {n} personar svarte på undersøkinga."),
    "responded_all": ("Til sammen svarte {n} personer, fra {low} i {low_place} til {high} i "
                      "{high_place}.",
                      "Til saman svarte {n} personar, frå {low} i {low_place} til {high} i "
                      "{high_place}."),
    "wrote": ("{n} av dem skrev om {what}", "{n} av dei skreiv om {what}"),
    "wrote_more": ("{n} om {what}", "{n} om {what}"),
    "styrke": ("Styrker", "Styrkar"),
    "utfordring": ("Utfordringer", "Utfordringar"),
    "": ("Andre tema", "Andre tema"),
    "about_styrke": ("styrker", "styrkar"),
    "about_utfordring": ("utfordringer", "utfordringar"),
    "about_": ("de andre åpne spørsmålene", "dei andre opne spørsmåla"),
    "matrix": ("{what}: tema per kommune", "{what}: tema per kommune"),
    "matrix_note": ("Antall respondenter som nevner temaet (andel av dem som svarte).",
                    "Talet på respondentar som nemner temaet (del av dei som svarte)."),
    "themes_note": ("Antall respondenter som nevner temaet, og andel av dem som svarte.",
                    "Talet på respondentar som nemner temaet, og del av dei som svarte."),
    "named": ("{label} nevnes av {n} av {of} som svarte ({share}).",
              "{label} vert nemnt av {n} av {of} som svarte ({share})."),
    "no_themes": ("Ingen tema ble kodet.", "Ingen tema vart koda."),
    "quotes": ("Sitater", "Sitat"),
    "everywhere": ("{label} nevnes i alle {k} kommunene, oftest i {high} og sjeldnest i {low}.",
                   "{label} vert nemnt i alle dei {k} kommunane, oftast i {high} og sjeldnast "
                   "i {low}."),
    "most_places": ("{label} nevnes i {k} av {of} kommuner, oftest i {high}.",
                    "{label} vert nemnt i {k} av {of} kommunar, oftast i {high}."),
    "where": ("{place} ({n} av {of}, {share})", "{place} ({n} av {of}, {share})"),
    "ratings": ("Vurderinger", "Vurderingar"),
    "rating_note": ("Skala fra 1 (svært dårlig) til {top} (svært godt). Snittet regnes uten "
                    "«Vet ikke»; fordelingen er i prosent av N.",
                    "Skala frå 1 (svært dårleg) til {top} (svært godt). Snittet vert rekna "
                    "utan «Veit ikkje»; fordelinga er i prosent av N."),
    "mean": ("{item}: snittet er {mean} (N = {n}).", "{item}: snittet er {mean} (N = {n})."),
    "mean_total": ("{item}: snittet er {mean} (N = {n}), mot {total} i alle kommunene samlet.",
                   "{item}: snittet er {mean} (N = {n}), mot {total} i alle kommunane samla."),
    "dont_know": ("{n} av {of} svarte «Vet ikke» ({share}).",
                  "{n} av {of} svarte «Veit ikkje» ({share})."),
    "too_few": ("{item}: færre enn {n} svarte, så tallene vises ikke.",
                "{item}: færre enn {n} svarte, så tala vert ikkje viste."),
    "high_low": ("{item}: snittet er høyest i {high} ({high_mean}) og lavest i {low} "
                 "({low_mean}); for alle kommunene samlet er det {total}.",
                 "{item}: snittet er høgast i {high} ({high_mean}) og lågast i {low} "
                 "({low_mean}); for alle kommunane samla er det {total}."),
    "high_low_short": ("{item}: snittet er høyest i {high} ({high_mean}) og lavest i {low} "
                       "({low_mean}).",
                       "{item}: snittet er høgast i {high} ({high_mean}) og lågast i {low} "
                       "({low_mean})."),
    "dont_know_most": ("Flest svarte «Vet ikke» i {place}: {n} av {of} ({share}).",
                       "Flest svarte «Veit ikkje» i {place}: {n} av {of} ({share})."),
    "chart": ("{item}: svarene i prosent", "{item}: svara i prosent"),
    "chart_place": ("Vurderingene i {place}: svarene i prosent",
                    "Vurderingane i {place}: svara i prosent"),
    "roles": ("Per funksjon", "Per funksjon"),
    "roles_note": ("En respondent med flere funksjoner telles under hver av dem, så "
                   "funksjonene kan summere til mer enn kommunen; «Alle» er kommunens eget tall. "
                   "Tallene er antall som nevner temaet (andel av dem i funksjonen som svarte; "
                   "n = antall som svarte).",
                   "Ein respondent med fleire funksjonar vert talt under kvar av dei, så "
                   "funksjonane kan summere til meir enn kommunen; «Alle» er talet for heile "
                   "kommunen. Tala er talet på dei som nemner temaet (del av dei i funksjonen "
                   "som svarte; n = talet på dei som svarte)."),
    "roles_themes": ("{what} per funksjon", "{what} per funksjon"),
    "roles_top": ("De {k} temaene som nevnes oftest, per funksjon; alle temaene står i "
                  "«fritekst summarize --by role».",
                  "Dei {k} temaa som vert nemnde oftast, per funksjon; alle temaa står i "
                  "«fritekst summarize --by role»."),
    "roles_ratings": ("Vurderinger per funksjon", "Vurderingar per funksjon"),
    "roles_vary": ("{label} nevnes oftest av dem i {high} og sjeldnest av dem i {low}.",
                   "{label} vert oftast nemnt av dei i {high} og sjeldnast av dei i {low}."),
    "network": ("Nettverket", "Nettverket"),
    "networks": ("Nettverkene", "Nettverka"),
    "network_intro": ("Hvem har kontakt med hvem, {how}", "Kven har kontakt med kven, {how}"),
    "network_picture": ("{place}: nettverket {how}. Farge: klynge; tykk ramme: brobygger.",
                        "{place}: nettverket {how}. Farge: klynge; tjukk ramme: brubyggjar."),
    "political": ("Kontakt med politisk nivå", "Kontakt med politisk nivå"),
    "political_note": ("Antall som har slik kontakt, av dem i funksjonen som svarte.",
                       "Talet på dei som har slik kontakt, av dei i funksjonen som svarte."),
    "density_range": ("Tettheten er høyest i {high} ({high_value}) og lavest i {low} "
                      "({low_value}).",
                      "Tettleiken er høgast i {high} ({high_value}) og lågast i {low} "
                      "({low_value})."),
    "methods": ("Om tallene", "Om tala"),
    "method_counts": ("Tallene er antall respondenter, ikke antall svar: den som nevner et tema "
                      "to ganger, telles én gang. Andelene er av dem som svarte på spørsmålet "
                      "(om styrker eller om utfordringer) i kommunen. Snittet på vurderingene "
                      "regnes uten «Vet ikke».",
                      "Tala er talet på respondentar, ikkje talet på svar: den som nemner eit "
                      "tema to gonger, vert talt éin gong. Delane er av dei som svarte på "
                      "spørsmålet (om styrkar eller om utfordringar) i kommunen. Snittet på "
                      "vurderingane vert rekna utan «Veit ikkje»."),
    "method_coding": ("Fritekstsvarene er kodet i tema med fritekst {version} (koder {coder} "
                      "{coder_version}, kodebok {codebook} {codebook_version}, {sha}).",
                      "Fritekstsvara er koda i tema med fritekst {version} (kodar {coder} "
                      "{coder_version}, kodebok {codebook} {codebook_version}, {sha})."),
    "method_redacted": ("Navn, telefonnumre, e-postadresser og fødselsnumre i sitatene er "
                        "erstattet.",
                        "Namn, telefonnummer, e-postadresser og fødselsnummer i sitata er "
                        "bytte ut."),
    "method_min_cell": ("Tall under {n} vises som «<{n}», og setningene nevner dem ikke.",
                        "Tal under {n} vert viste som «<{n}», og setningane nemner dei ikkje."),
    "method_date": ("Laget {date} fra {files}.", "Laga {date} frå {files}."),
    "chart_too_few": ("færre enn {n} svarte", "færre enn {n} svarte"),
    "hidden": ("Skjult (få svar)", "Skjult (få svar)"),
    "dont_know_label": ("Vet ikke", "Veit ikkje"),
    "worst": ("svært dårlig", "svært dårleg"),
    "best": ("svært godt", "svært godt"),
    "percent_axis": ("Prosent av dem som svarte", "Prosent av dei som svarte"),
    "all_places": ("Alle kommunene", "Alle kommunane"),
}

# table headings of the shared views, as the Nynorsk report writes them
NYNORSK_COLUMNS = {
    "Respondenter": "Respondentar", "Svart: styrker": "Svart: styrkar",
    "Svart: utfordringer": "Svart: utfordringar", "Svart: uten polaritet": "Svart: andre",
    "Vet ikke": "Veit ikkje", "Vet ikke %": "Veit ikkje %", "Andel": "Del",
    "Mål": "Mål", "Verdi": "Verdi", "Personer": "Personar", "Svarte": "Svarte",
    "Deler": "Delar", "Uten kontakt": "Utan kontakt", "Klynger": "Klynger",
    "Lengste kjede": "Lengste kjede", "Fremste brobygger": "Fremste brubyggjar",
    "Bånd": "Band", "Tetthet": "Tettleik", "Komponenter": "Komponentar",
    "Brobyggere": "Brubyggjarar",
}
BOKMAL_COLUMNS = {"Svart: uten polaritet": "Svart: andre"}

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "desember")


class Words:
    """The fixed text in one written standard: ``words("named", label=…, n=…)``."""

    def __init__(self, nynorsk: bool = False):
        self.nynorsk = nynorsk
        self.language = "nn" if nynorsk else "nb"

    def __call__(self, key: str, **values) -> str:
        return TEXT[key][self.nynorsk].format(**values)

    def column(self, name: str) -> str:
        """A table heading of the shared views in this written standard."""
        return (NYNORSK_COLUMNS if self.nynorsk else BOKMAL_COLUMNS).get(name, name)
