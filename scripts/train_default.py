"""Train the shipped model on its training split (src/fritekst/data/training/train.csv, built
from corpora/training/parts) and measure it on corpora/training/heldout.csv.

Writes src/fritekst/models/fritekst-nb-nn/ (model.json, weights.npz, README.md model card) with the
held-out figures for answers and report sentences, and the same figures for the codebook rules
alone, so the card shows the margin. The held-out split is used here only, after training.
Run: python scripts/train_default.py [--out FOLDER] (another folder, to compare a retrain
with the shipped model), --evaluate-only (measure the saved model again), or --card-only
(rewrite the card from the saved figures).

The shipped model is made in three steps: this script (train, measure on held-out data), then
`scripts/tune_real_dev.py --local DEVCOPY --save-to FOLDER` (three settings for report
sentences chosen on real text), then `--evaluate-only` here and `scripts/score_real_text.py
--local EVALCOPY --save-to FOLDER` and `--card-only` (the figures of the model as shipped).
"""

import json
import sys
from pathlib import Path

from fritekst.coding.card import write_card
from fritekst.coding.evaluate import evaluate, of_kind
from fritekst.coding.learned import LearnedCoder
from fritekst.coding.model import ThemeClassifier
from fritekst.coding.rules import RuleCoder
from fritekst.coding.train import read_labelled, shipped_training_data, train

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "corpora" / "training"
OUT = ROOT / "src" / "fritekst" / "models" / "fritekst-nb-nn"
# 2: three-way polarity and relevance (issue 11); 2.1: the sentence gate, floor and neutral
# weight chosen on the real-text development set (scripts/tune_real_dev.py). A retrain with
# the second round of report prose (candidate 2.2.0) did no better on real text and was not
# shipped (corpora/training/README.md)
VERSION = "2.1.0"
# what the project set out to reach on held-out data
TARGETS = {"answer": {"micro_f1": 0.90, "min_theme_f1": 0.75},
           "sentence": {"micro_f1": 0.80, "polarity_accuracy": 0.80}}
# on the real-text evaluation set (corpora/realeval), issue 11
REAL_TARGETS = {"micro_f1": (0.80, ">="), "polarity_accuracy": (0.80, ">="),
                "off_topic_coded": (0.05, "<=")}


def main() -> None:
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else OUT
    if "--card-only" in sys.argv:  # rewrite the model card from the saved model's figures
        model = ThemeClassifier.load(out)
        write_card(model, out, extra=heldout_section(model.meta_["heldout"]) +
                   real_dev_section(model.meta_.get("real_dev")) +
                   real_text_section(model.meta_.get("real_text")))
        return
    parts = part_of_text()
    unplaced = set(parts.values()) - set().union(*ROUNDS.values())
    if unplaced:  # every part must show in the by-round table
        sys.exit(f"parts not in ROUNDS (add them): {', '.join(sorted(unplaced))}")
    rules = RuleCoder()
    if "--evaluate-only" in sys.argv:  # measure a saved model again (after a coder change)
        model = ThemeClassifier.load(out)
        model.meta_["version"] = model.version = VERSION  # the label outputs record
    else:
        df = read_labelled(shipped_training_data(), rules.codebook.ids)
        model = train(df, name="fritekst-nb-nn", version=VERSION,
                      source="src/fritekst/data/training/train.csv", progress=print)
    gold = read_labelled(DATA / "heldout.csv", rules.codebook.ids)
    learned = LearnedCoder(model)
    figures = {}
    for kind in ("answer", "sentence"):
        part = of_kind(gold, kind)
        figures[kind] = {
            "units": len(part),
            "model": evaluate(part, learned).to_json(),
            "rules": evaluate(part, rules).to_json(),
        }
    # the rounds of writing against each other: does the model only do well on some
    # writers' text?
    origin = gold["text"].str.strip().str.lower().map(parts)
    by_origin = {}
    for kind in ("answer", "sentence"):
        for name, parts in ROUNDS.items():
            mask = origin.isin(parts)
            sub = gold[mask & (gold["kind"] == kind)].reset_index(drop=True)
            if len(sub):
                by_origin[f"{kind}, {name}"] = {
                    "units": len(sub), **_short(evaluate(sub, learned).to_json())}
    model.meta_["heldout"] = {k: {
        "units": v["units"],
        "model": _short(v["model"]), "rules": _short(v["rules"]),
        "per_theme": {r["theme"]: {"f1": round(r["f1"], 3), "kappa": r["kappa"],
                                   "support": r["support"]}
                      for r in v["model"]["per_theme"]},
    } for k, v in figures.items()}
    model.meta_["heldout"]["by_origin"] = by_origin
    model.save(out)
    write_card(model, out, extra=heldout_section(model.meta_["heldout"]) +
               real_dev_section(model.meta_.get("real_dev")) +
               real_text_section(model.meta_.get("real_text")))
    print(json.dumps({k: {"model": v["model"], "rules": v["rules"]}
                      for k, v in model.meta_["heldout"].items() if k != "by_origin"}, indent=2))


# which parts were written in which round (see corpora/training/README.md)
ROUNDS = {
    "first five parts": {"answers_bokmal", "answers_nynorsk", "answers_hard", "answers_mixed",
                         "sentences"},
    "second round": {"answers_borders", "answers_bokmal_more", "answers_nynorsk_more",
                     "sentences_polarity", "answers_long", "answers_short",
                     "answers_borders_more", "answers_questions"},
    "third round": {"answers_implicit", "answers_nynorsk_own", "answers_roles", "answers_multi",
                    "answers_places", "answers_borders3", "answers_typed", "sentences_reports2"},
    "fourth round": {"answers_plain", "answers_plain_nn", "answers_hedged", "answers_wishes",
                     "answers_groups", "answers_jargon", "answers_strengths",
                     "answers_challenges"},
    "report prose (issue 11)": {"prose_plans", "prose_research", "prose_state", "prose_nynorsk",
                                "prose_areal", "prose_words", "prose_neutral"},
    "report prose, second round": {"prose_duties", "prose_models", "prose_markets"},
}


def part_of_text() -> dict[str, str]:
    """Normalised text -> the part file it comes from."""
    import pandas as pd

    out = {}
    for path in sorted((DATA / "parts").glob("*.csv")):
        for text in pd.read_csv(path, dtype=str, keep_default_na=False)["text"]:
            out.setdefault(text.strip().lower(), path.stem)
    return out


def _short(result: dict) -> dict:
    s = result["summary"]
    reach = result["abstention"].get("at_target") or {}
    return {k: (round(s[k], 4) if isinstance(s[k], float) else s[k]) for k in
            ("micro_precision", "micro_recall", "micro_f1", "macro_f1", "min_theme_f1",
             "exact_set_accuracy", "polarity_accuracy", "polarity_units",
             "polarity_judging_accuracy", "off_topic_coded", "off_topic_units")} | {
        "coverage_at_95": round(reach.get("coverage", 0.0), 4)}


def heldout_section(h: dict) -> str:
    lines = ["## Held-out evaluation (corpora/training/heldout.csv, never used for tuning)", ""]
    lines += ["| units | coder | micro-F1 | macro-F1 | lowest theme F1 | exact set | polarity "
              "(3-way) | off-topic given a theme | auto-coded at ≥ 95 % |",
              "|---|---|---|---|---|---|---|---|---|"]
    by_origin = h.get("by_origin", {})
    h = {k: v for k, v in h.items() if k != "by_origin"}
    for kind, v in h.items():
        for who in ("model", "rules"):
            s = v[who]
            pol = "–" if s["polarity_accuracy"] is None else f"{s['polarity_accuracy']:.3f}"
            off = "–" if s.get("off_topic_coded") is None else \
                f"{s['off_topic_coded']:.3f} ({s['off_topic_units']})"
            lines.append(f"| {kind} ({v['units']}) | {who} | {s['micro_f1']:.3f} | "
                         f"{s['macro_f1']:.3f} | {s['min_theme_f1']:.3f} | "
                         f"{s['exact_set_accuracy']:.3f} | {pol} | {off} | "
                         f"{s['coverage_at_95']:.0%} |")
    if by_origin:
        lines += ["", "By origin of the held-out rows (the first five parts were written before "
                  "the coding guide and second coding; the later rounds after), to "
                  "show whether the figures rest on some writers' text.", "",
                  "| held-out rows | units | micro-F1 | lowest theme F1 | polarity |",
                  "|---|---|---|---|---|"]
        for name, s in by_origin.items():
            pol = "–" if s["polarity_accuracy"] is None else f"{s['polarity_accuracy']:.3f}"
            lines.append(f"| {name} | {s['units']} | {s['micro_f1']:.3f} | "
                         f"{s['min_theme_f1']:.3f} | {pol} |")
    lines += ["", "Per theme on held-out answers / sentences (F1, Cohen's kappa vs the gold "
              "coder, support):", "", "| theme | answers F1 | κ | n | sentences F1 | κ | n |",
              "|---|---|---|---|---|---|---|"]
    a, s = h["answer"]["per_theme"], h["sentence"]["per_theme"]
    for t in a:
        def cell(d):
            k = "–" if d["kappa"] is None else f"{d['kappa']:.2f}"
            return f"{d['f1']:.3f} | {k} | {d['support']}"
        lines.append(f"| {t} | {cell(a[t])} | {cell(s[t])} |")
    lines += ["", "Against the targets set for the shipped model:", ""]
    for kind, wanted in TARGETS.items():
        for key, goal in wanted.items():
            got = h[kind]["model"][key]
            verdict = "reached" if got is not None and got >= goal else "**not reached**"
            lines.append(f"- {kind} {key.replace('_', ' ')} ≥ {goal}: {got:.3f}, {verdict}")
    margin = {k: h[k]["model"]["micro_f1"] - h[k]["rules"]["micro_f1"] for k in h}
    lines.append(f"- learned coder beats rules-only on micro-F1 by {margin['answer']:+.3f} "
                 f"(answers) and {margin['sentence']:+.3f} (sentences)")
    lines += ["", "How good can it get on this data: a second coder coded all 2,300 original "
              "rows blind, following `corpora/training/CODING_GUIDE.md`; agreement with the "
              "first coding was micro-F1 0.945 (answers 0.949, sentences 0.930; exact set "
              "0.89). A third coder settled the 255 disagreements and those labels are the "
              "ones used, held-out rows included (see corpora/training/README.md). The model "
              "stays below that human level. More data has been the lever that moved it: the "
              "learning curve on the training split (5-fold cross-validation on half, three "
              "quarters and all of it) kept rising, so each round of new writers (see "
              "corpora/training/README.md) raised the held-out figures; model changes (learner, "
              "floor, polarity cues) each added less than 0.01. Coded answers from real "
              "projects remain the best test. `fritekst train` makes retraining one command.",
              "", "Report prose (2026-12-07): 5,300 sentences in the register of plans, research "
              "reports and state texts were added, each coded blind twice (themes micro-F1 "
              "0.893, relevance 98 %, polarity 97 % before adjudication; `python "
              "scripts/intercoder_agreement.py`), with three-way polarity and relevance. "
              "Tried and left out by cross-validation on the training data: thesaurus "
              "headwords from Debian's mythes-no as features (sentences 0.845 against 0.852), "
              "report sentences weighted 2× or 4× (0.851, 0.852 against 0.852; answers fell), "
              "rows scaled by ||x||^0.5 instead of l2 (0.845). Already in the features: "
              "compound parts as keys (`utleieboligene` → `bolig`), and the codebook's patterns "
              "(the variants above). Unicode ligatures, soft hyphens and odd spaces are "
              "normalised before tokenising."]
    return "\n".join(lines)


def real_dev_section(d: dict | None) -> str:
    """The settings for report sentences chosen on real text (scripts/tune_real_dev.py)."""
    if not d:
        return ""
    b, c = d["before"], d["chosen"]
    return "\n".join([
        "", "## Settings for report sentences, chosen on real text (corpora/realdev)", "",
        f"Real documents describe more and judge less than the training prose, and say the "
        f"field's things in more ways. Three settings carry most of that shift; they were "
        f"chosen on {d['units']} real sentences from {d['documents']} public documents "
        "(coded blind twice, other documents than the evaluation set below) by a rule fixed "
        "beforehand: the gate and floor with the best theme micro-F1 among those that give at "
        "most 5 % of off-topic sentences a theme, and the neutral weight with the best "
        "three-way polarity accuracy (`python scripts/tune_real_dev.py`).", "",
        "| setting | before | chosen |", "|---|---|---|",
        f"| relevance gate (a sentence less likely to be about the field gets no theme) | "
        f"{b['gate']} | {c['gate']} |",
        f"| floor (a relevant sentence no theme passed gets its top theme from) | "
        f"{b['floor'] if b['floor'] is not None else 'none'} | {c['floor']} |",
        f"| weight of the neutral polarity | 1 | {c['neutral_weight']} |", "",
        f"On the development set: micro-F1 {b['micro_f1']:.3f} → {c['micro_f1']:.3f}, "
        f"off-topic sentences given a theme {b['off_topic_coded']:.3f} → "
        f"{c['off_topic_coded']:.3f}, three-way polarity {b['polarity_accuracy']:.3f} → "
        f"{c['polarity_accuracy']:.3f} ({c['polarity_units']} sentences). Survey answers are "
        "not affected. The held-out figures above are of the model with these settings: "
        "more neutral readings cost some accuracy on the training prose's judging "
        "sentences."])


def real_text_section(r: dict | None) -> str:
    """The figures on real sentences (scripts/score_real_text.py --save-to), if measured."""
    if not r:
        return ""
    a = r["agreement"]

    def f(v):
        return "–" if v is None else f"{v:.3f}"

    lines = ["", "## Real text (corpora/realeval: real sentences from public documents, "
             "measurement only)", "",
             f"{a['units']} sentences from {a.get('documents', '?')} public documents (plans, "
             "white papers, research "
             "reports, agency pages, and documents from other fields), coded blind twice by "
             f"the coding guide; the two coders agreed at themes micro-F1 "
             f"{a['themes_micro_f1']:.3f}, relevance {a['relevance_agreement']:.0%}, polarity "
             f"{a['polarity_agreement']:.0%}; an adjudicator settled the rest. The sentences "
             "are not in the repository; `python scripts/score_real_text.py --local COPY` "
             "scores a local copy (see corpora/realeval/README.md).", "",
             "| part | units | micro-F1 | precision / recall | polarity (3-way) | polarity "
             "where the sentence judges | off-topic given a theme | auto-coded at ≥ 95 % |",
             "|---|---|---|---|---|---|---|---|"]
    for name, s in r.items():
        if name == "agreement":
            continue
        lines.append(f"| {name} | {s['units']} | {f(s['micro_f1'])} | "
                     f"{f(s['micro_precision'])} / {f(s['micro_recall'])} | "
                     f"{f(s['polarity_accuracy'])} ({s['polarity_units']}) | "
                     f"{f(s['polarity_judging_accuracy'])} ({s['polarity_judging_units']}) | "
                     f"{f(s['off_topic_coded'])} ({s['off_topic_units']}) | "
                     f"{s['coverage_at_95']:.0%} |")
    lines += ["", "Against the targets on real text:", ""]
    s = r["all"]
    for key, (goal, how) in REAL_TARGETS.items():
        got = s[key]
        ok = got is not None and (got >= goal if how == ">=" else got <= goal)
        lines.append(f"- {key.replace('_', ' ')} {'≥' if how == '>=' else '≤'} {goal}: "
                     f"{f(got)}, {'reached' if ok else '**not reached**'}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
