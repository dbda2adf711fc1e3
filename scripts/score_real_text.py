"""Score a coder on the real-text evaluation set (sentences from public documents).

The sentences themselves are not in the repository (they are other people's text). The
repository holds, per sentence, its source, location, the SHA-256 of its text, both blind
codings and the adjudicated gold coding (`corpora/realeval/coding.csv`); this script joins a
local copy of the texts (a CSV with `id,text`) by id, checks every text against its SHA-256,
and scores. See corpora/realeval/README.md for how the copy was made.

Run: python scripts/score_real_text.py --local PATH [--model FOLDER | --rules-only]
     [--json] [--save-to FOLDER] (store the figures in that model's model.json and card)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from fritekst.coding.evaluate import evaluate
from fritekst.coding.metrics import set_agreement

ROOT = Path(__file__).resolve().parent.parent
CODING = ROOT / "corpora" / "realeval" / "coding.csv"
SUMMARY_KEYS = ("micro_precision", "micro_recall", "micro_f1", "macro_f1", "exact_set_accuracy",
                "polarity_accuracy", "polarity_units", "polarity_judging_accuracy",
                "polarity_judging_units", "off_topic_coded", "off_topic_units")


def text_sha(text: str) -> str:
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()


def gold_with_text(local: Path, coding_path: Path = CODING) -> pd.DataFrame:
    """The gold coding joined with the local texts; every text must match its SHA-256."""
    coding = pd.read_csv(coding_path, dtype=str, keep_default_na=False)
    texts = pd.read_csv(local, dtype=str, keep_default_na=False)
    missing = set(coding["id"]) - set(texts["id"])
    if missing:
        sys.exit(f"{local}: {len(missing)} sentences of the set are not in the local copy "
                 f"(e.g. {sorted(missing)[0]}).")
    gold = coding.merge(texts[["id", "text"]], on="id", how="left")
    wrong = gold[gold["text"].map(text_sha) != gold["sha256"]]
    if len(wrong):
        sys.exit(f"{local}: {len(wrong)} texts differ from the ones coded "
                 f"(e.g. {wrong['id'].iloc[0]}).")
    gold["theme_set"] = gold["themes"].map(lambda s: {t for t in s.split(";") if t})
    gold["relevant"] = gold["relevant"].astype(float)
    gold["kind"] = "sentence"
    gold["origin"] = gold["id"].str.split("-").str[0]
    return gold


def coder_agreement(coding: pd.DataFrame) -> dict:
    """How far the two blind coders agreed before adjudication."""
    a = [frozenset(t for t in s.split(";") if t) for s in coding["a_themes"]]
    b = [frozenset(t for t in s.split(";") if t) for s in coding["b_themes"]]
    themes = set_agreement(a, b)
    both = (coding["a_polarity"] != "") & (coding["b_polarity"] != "")
    return {"units": len(coding), "themes_micro_f1": round(themes["f1"], 4),
            "themes_exact_set": round(themes["exact_set"], 4),
            "relevance_agreement": round(float((coding["a_relevant"] ==
                                                coding["b_relevant"]).mean()), 4),
            "polarity_agreement": round(float((coding.loc[both, "a_polarity"] ==
                                               coding.loc[both, "b_polarity"]).mean()), 4),
            "polarity_units": int(both.sum())}


def score(gold: pd.DataFrame, coder) -> dict:
    docs = gold["source"].str.split("?").str[0].str.rstrip("/").nunique()
    out = {"all": _short(evaluate(gold, coder)),
           "agreement": coder_agreement(gold) | {"documents": int(docs)}}
    for col in ("lang", "origin"):
        for value, part in gold.groupby(col):
            out[f"{col}={value}"] = _short(evaluate(part.reset_index(drop=True), coder))
    return out


def _short(result) -> dict:
    s = result.summary
    reach = result.abstention.get("at_target") or {}
    return {"units": s["units"]} | {
        k: (round(s[k], 4) if isinstance(s[k], float) else s[k]) for k in SUMMARY_KEYS} | {
        "coverage_at_95": round(reach.get("coverage", 0.0), 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--local", required=True, type=Path, help="CSV with id,text")
    ap.add_argument("--model", type=Path, help="model folder (default: the shipped one)")
    ap.add_argument("--rules-only", action="store_true", help="score the codebook rules")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--save-to", type=Path, help="store the figures in this model folder")
    args = ap.parse_args()
    from fritekst.coding import make_coder

    coder = make_coder(model=args.model, rules_only=args.rules_only)
    gold = gold_with_text(args.local)
    figures = score(gold, coder)
    if args.save_to:
        from fritekst.coding.model import ThemeClassifier

        model = ThemeClassifier.load(args.save_to)
        model.meta_["real_text"] = figures
        model.save(args.save_to)
    if args.json:
        print(json.dumps(figures, indent=1, ensure_ascii=False))
        return
    a = figures["agreement"]
    print(f"{a['units']} real sentences; two blind coders agreed: themes micro-F1 "
          f"{a['themes_micro_f1']:.3f}, relevance {a['relevance_agreement']:.3f}, polarity "
          f"{a['polarity_agreement']:.3f} ({a['polarity_units']} both coded)")
    print("| part | units | micro-F1 | P / R | polarity (3-way) | polarity (judging) | "
          "off-topic given a theme |")
    print("|---|---|---|---|---|---|---|")
    for name, s in figures.items():
        if name == "agreement":
            continue

        def f(v):
            return "–" if v is None else f"{v:.3f}"
        print(f"| {name} | {s['units']} | {f(s['micro_f1'])} | {f(s['micro_precision'])} / "
              f"{f(s['micro_recall'])} | {f(s['polarity_accuracy'])} ({s['polarity_units']}) | "
              f"{f(s['polarity_judging_accuracy'])} ({s['polarity_judging_units']}) | "
              f"{f(s['off_topic_coded'])} ({s['off_topic_units']}) |")


if __name__ == "__main__":
    main()
