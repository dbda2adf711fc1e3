"""Sentences that say what the tables show, with the tables' own numbers.

Every number in a sentence is read from the table as it may be published (after small-cell
suppression): a cell shown as «<N» gives no sentence with its number, and a share is only
stated with the count and the number who answered that it is a share of.
"""

from __future__ import annotations

import numbers

import pandas as pd

from fritekst.export.report.text import Words
from fritekst.privacy import suppress
from fritekst.summarize import views
from fritekst.summarize.network import joined
from fritekst.summarize.roles import ALL
from fritekst.summarize.tables import TOTAL, Summary, round_half_up

TOP_THEMES = 3  # sentences for the themes ranked this high or higher
MIN_GROUP = 3  # a function is compared with others only when this many or more answered
DONT_KNOW_NOTABLE = 0.2  # a "Vet ikke" share this large is pointed out


def percent(share: float) -> str:
    """"78 %": a share rounded half up, as in every table."""
    return f"{round_half_up(100 * share, 0):.0f} %"


def comma(x: float, places: int = 2) -> str:
    """A number with a decimal comma: 2.714 → "2,71"."""
    return f"{round_half_up(x, places):.{places}f}".replace(".", ",")


def is_count(value) -> bool:
    """A number that may be stated (not a hidden «<N», not a gap)."""
    return (isinstance(value, numbers.Number) and not isinstance(value, bool)
            and not pd.isna(value))


def theme_sentences(summary: Summary, municipality: str, polarity: str, words: Words
                    ) -> list[str]:
    """"Mangel på egnede boliger nevnes av 17 av 21 som svarte (81 %)." for the top themes
    of one municipality and polarity."""
    t = summary.shown_themes()
    rows = t[(t["municipality"] == municipality) & (t["polarity"] == polarity)
             & (t["rank"] <= TOP_THEMES)]
    return [words("named", label=r.label, n=r.respondents, of=r.answered,
                  share=percent(r.share))
            for r in rows.itertuples(index=False)
            if is_count(r.respondents) and is_count(r.answered) and r.share is not None]


def answered_sentences(summary: Summary, municipality: str, words: Words) -> list[str]:
    """How many responded, and how many of them wrote about each kind of question."""
    r = summary.shown_responses()
    row = r[r["municipality"] == municipality].iloc[0]
    if not is_count(row["respondents"]):
        return [words("responded_few", n=summary.min_cell)]
    out = [words("responded", n=row["respondents"])]
    parts: list[str] = []
    for pol in summary.matrices:
        n = row.get(f"answered_{pol or 'uten_polaritet'}")
        if is_count(n) and n:
            parts.append(words("wrote" if not parts else "wrote_more", n=n,
                               what=words(f"about_{pol}")))
    if parts:  # "19 av dem skrev om styrker, 21 om utfordringer og 2 om …"
        out.append(joined(parts) + ".")
    return out


def rating_sentences(summary: Summary, municipality: str, words: Words) -> list[str]:
    """Per rating item: the mean with N (and the mean of all municipalities), and how many
    said "Vet ikke"; nothing but "too few" where the row is hidden."""
    r = summary.shown_ratings()
    out = []
    for item in dict.fromkeys(r["item"]):
        label = views.item_label(item)
        rows = r[r["item"] == item].set_index("municipality")
        row = rows.loc[municipality]
        if not is_count(row["n"]):
            if isinstance(row["n"], str):
                out.append(words("too_few", item=label, n=summary.min_cell))
            continue
        if row["mean"] is not None and not pd.isna(row["mean"]):
            total = rows.loc[TOTAL] if TOTAL in rows.index else None
            if total is not None and total["mean"] is not None and not pd.isna(total["mean"]):
                out.append(words("mean_total", item=label, mean=comma(row["mean"]),
                                 n=row["n"], total=comma(total["mean"])))
            else:
                out.append(words("mean", item=label, mean=comma(row["mean"]), n=row["n"]))
        if is_count(row["dont_know"]) and row["dont_know"]:
            out.append(words("dont_know", n=row["dont_know"], of=row["n"],
                             share=percent(row["dont_know"] / row["n"])))
    return out


def rating_comparison(summary: Summary, item: str, words: Words) -> list[str]:
    """Across municipalities: the highest and lowest mean, the total's, and the largest
    "Vet ikke" share where it is notable."""
    r = summary.shown_ratings()
    rows = r[(r["item"] == item)]
    places = rows[(rows["municipality"] != TOTAL) & rows["n"].map(is_count)
                  & rows["mean"].map(lambda m: m is not None and not pd.isna(m))]
    label = views.item_label(item)
    out = []
    if len(places) >= 2:
        high = places.loc[places["mean"].astype(float).idxmax()]
        low = places.loc[places["mean"].astype(float).idxmin()]
        total = rows[rows["municipality"] == TOTAL]
        if len(total) and is_count(total.iloc[0]["n"]) and total.iloc[0]["mean"] is not None:
            out.append(words("high_low", item=label, high=high["municipality"],
                             high_mean=comma(high["mean"]), low=low["municipality"],
                             low_mean=comma(low["mean"]), total=comma(total.iloc[0]["mean"])))
        else:
            out.append(words("high_low_short", item=label, high=high["municipality"],
                             high_mean=comma(high["mean"]), low=low["municipality"],
                             low_mean=comma(low["mean"])))
    known = places[places["dont_know"].map(is_count)]
    if len(known):
        shares = known["dont_know"].astype(float) / known["n"].astype(float)
        most = known.loc[shares.idxmax()]
        if shares.max() >= DONT_KNOW_NOTABLE:
            out.append(words("dont_know_most", place=most["municipality"], n=most["dont_know"],
                             of=most["n"], share=percent(shares.max())))
    return out


def comparison_sentences(summary: Summary, polarity: str, words: Words, limit: int = 4
                         ) -> list[str]:
    """Themes named in every municipality (where most and least often) or in most of them
    (where most often), the widest spread first."""
    counts, shown = summary.matrices[polarity], summary.shown_matrix(polarity)
    places = list(counts.columns)
    if len(places) < 2:
        return []
    found = []
    for theme in counts.index:
        named = [m for m in places if counts.loc[theme, m] > 0]
        if len(named) * 2 <= len(places):
            continue
        cells = []
        for m in named:
            of = views.answered_count(summary, m, polarity)
            if is_count(shown.loc[theme, m]) and is_count(suppress(of, summary.min_cell)):
                cells.append((int(counts.loc[theme, m]) / of, m, int(counts.loc[theme, m]), of))
        if len(cells) < len(named):  # a hidden cell might be the highest or the lowest
            continue
        cells.sort(key=lambda c: (-c[0], c[1]))
        found.append((len(named), cells[0][0], theme, cells))
    found.sort(key=lambda f: (-f[0], -f[1]))
    out = []
    for k, _, theme, cells in found[:limit]:
        def where(c):
            return words("where", place=c[1], n=c[2], of=c[3], share=percent(c[0]))
        if k == len(places) and len(cells) >= 2:
            out.append(words("everywhere", label=theme, k=k, high=where(cells[0]),
                             low=where(cells[-1])))
        else:
            out.append(words("most_places", label=theme, k=k, of=len(places),
                             high=where(cells[0])))
    return out


def role_sentences(summary: Summary, place: str, polarity: str, words: Words) -> list[str]:
    """For the theme most named in a place: the function that names it most often and the
    one that names it least often, among functions where at least :data:`MIN_GROUP` (and
    never fewer than the suppression limit) answered; nothing where one of their cells is
    hidden."""
    assert summary.by_role is not None
    t = summary.shown_role_themes()
    t = t[(t["municipality"] == place) & (t["polarity"] == polarity)]
    overall = t[(t["role"] == ALL) & t["respondents"].map(is_count)]
    if overall.empty:
        return []
    top = overall.iloc[0]
    least = max(MIN_GROUP, summary.min_cell)
    a = summary.by_role.answered
    a = a[(a["municipality"] == place) & (a["polarity"] == polarity) & (a["role"] != ALL)
          & (a["answered"] >= least)]
    cells = []
    for role, of in zip(a["role"], a["answered"], strict=True):
        row = t[(t["role"] == role) & (t["theme"] == top["theme"])]
        if row.empty:
            cells.append((0.0, role, 0, int(of)))
        elif is_count(row.iloc[0]["respondents"]) and row.iloc[0]["share"] is not None:
            cells.append((float(row.iloc[0]["share"]), role, int(row.iloc[0]["respondents"]),
                          int(of)))
        else:  # a hidden cell might be the highest or the lowest: say nothing
            return []
    cells.sort(key=lambda c: (-c[0], c[1]))
    if len(cells) < 2 or cells[0][0] == cells[-1][0]:
        return []

    def where(c):
        return words("where", place=in_function(c[1]), n=c[2], of=c[3], share=percent(c[0]))
    return [words("roles_vary", label=top["label"], high=where(cells[0]), low=where(cells[-1]))]


def in_function(function: str) -> str:
    """"tildeling", "NAV": a function after "i", in lower case unless an acronym."""
    first = function.split(" ")[0]
    return function if first.isupper() else function[:1].lower() + function[1:]
