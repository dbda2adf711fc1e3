"""Merge the labelled parts in corpora/training/parts/ into a fixed train / held-out split.

Each row goes to the held-out split when a stable hash of its normalised text says so (about
20 %), so the split never changes when rows are added or reordered. Parts coded for
relevance (report prose since 2026-12-07) carry a `relevant` column; the others get it empty.
Non-answers ("Nei", "Vet ikke") are dropped (the survey reader never codes them) and duplicate
texts are kept once.
Run: python scripts/build_training.py
"""

import hashlib
from pathlib import Path

import pandas as pd

from fritekst.coding.train import shipped_training_data
from fritekst.extract.split import is_non_answer

ROOT = Path(__file__).resolve().parent.parent / "corpora" / "training"
HELDOUT_SHARE = 5  # one in five


def heldout(text: str) -> bool:
    key = " ".join(text.lower().split()).encode("utf-8")
    return int(hashlib.sha256(key).hexdigest(), 16) % HELDOUT_SHARE == 0


def main() -> None:
    parts = sorted((ROOT / "parts").glob("*.csv"))
    frames = []
    for p in parts:
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        df["part"] = p.stem
        if "relevant" not in df.columns:  # parts written before relevance was coded
            df["relevant"] = ""
        frames.append(df[["text", "themes", "polarity", "kind", "relevant", "part"]])
    data = pd.concat(frames, ignore_index=True)
    data["text"] = data["text"].str.strip()
    n = len(data)
    data = data[~data["text"].map(is_non_answer) & (data["text"].str.lower() != "ja")]
    dropped_non = n - len(data)
    data = data[~data["text"].str.lower().duplicated()]
    split = data["text"].map(heldout)
    data[~split].drop(columns="part").to_csv(shipped_training_data(), index=False)
    data[split].drop(columns="part").to_csv(ROOT / "heldout.csv", index=False)
    print(f"{len(data)} rows from {len(parts)} parts ({dropped_non} non-answers dropped): "
          f"train {int((~split).sum())}, held-out {int(split.sum())}")
    print(data.groupby(["kind", split.map({True: 'heldout', False: 'train'})]).size())


if __name__ == "__main__":
    main()
