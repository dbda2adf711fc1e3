"""Train a :class:`~fritekst.coding.model.ThemeClassifier` from a file of coded units.

Labelled data is a CSV with ``text``, ``themes`` (``;``-joined ids, empty for none),
``polarity`` (``styrke``/``utfordring``/``nøytral``/empty), ``kind`` (``answer``/``sentence``)
and optionally ``relevant`` (1 about housing-social work, 0 off-topic, empty not coded). For
answers the polarity is the question's and is given to the model as context; for sentences the
polarity model learns to read it from the sentence, and the relevance model learns from the
units coded off-topic which text is not about the field at all.

How the model is fitted is in :mod:`fritekst.coding.fitting`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pandas as pd

from fritekst.coding.card import write_card
from fritekst.coding.fitting import Progress
from fritekst.coding.linear import POLARITIES, Units
from fritekst.coding.model import ThemeClassifier
from fritekst.coding.rules import RuleCoder
from fritekst.errors import InputError, OutputError
from fritekst.extract.readers import read_table
from fritekst.outfiles import check_output_path

_RELEVANT = {"1": 1.0, "0": 0.0, "": float("nan"), "nan": float("nan"), "ja": 1.0, "nei": 0.0}


def read_labelled(path: str | Path, themes: list[str]) -> pd.DataFrame:
    """Read and validate coded units (.csv in any encoding and delimiter, .xlsx, .tsv): unknown
    theme ids and bad values are errors naming the row as a spreadsheet shows it. Theme ids
    may be separated by ";" or ",".
    """
    table = read_table(path, again="save the coded units again")
    header = [h.strip().lower() for h in table.header]
    df = pd.DataFrame(table.rows, columns=header).astype(str)
    df["rowno_"] = table.row_numbers
    for col in ("text", "themes"):
        if col not in df.columns:
            raise InputError(f"{path}: needs a '{col}' column (and optionally polarity, kind).")
    for col, default in (("polarity", ""), ("kind", "answer")):
        if col not in df.columns:
            df[col] = default
    df["themes"] = df["themes"].str.replace(",", ";")
    known = set(themes)
    for row in df.itertuples(index=False):
        bad = [t for t in row.themes.split(";") if t.strip() and t.strip() not in known]
        if bad:
            raise InputError(f"{path}, row {row.rowno_}: unknown theme '{bad[0]}'; known ids: "
                             f"{', '.join(themes)}.")
        if row.polarity.strip() and row.polarity.strip() not in POLARITIES:
            raise InputError(f"{path}, row {row.rowno_}: polarity '{row.polarity}' is not styrke, "
                             "utfordring, nøytral or empty.")
        if "relevant" in df.columns and str(row.relevant).strip() not in _RELEVANT:
            raise InputError(f"{path}, row {row.rowno_}: relevant '{row.relevant}' is not 1 "
                             "(about housing-social work), 0 (off-topic) or empty.")
        if row.kind.strip() not in {"", "answer", "sentence"}:
            raise InputError(f"{path}, row {row.rowno_}: kind '{row.kind}' is not answer, "
                             "sentence or empty.")
    df = df[df["text"].str.strip() != ""].copy()
    if df.empty:
        raise InputError(f"{path}: no rows with text.")
    df["theme_set"] = df["themes"].map(lambda s: {t.strip() for t in s.split(";") if t.strip()})
    df["polarity"] = df["polarity"].str.strip()
    df["kind"] = df["kind"].str.strip().replace("", "answer")
    if "relevant" in df.columns:
        df["relevant"] = df["relevant"].map(lambda v: _RELEVANT[str(v).strip()])
    return df.drop(columns="rowno_").reset_index(drop=True)


def shipped_training_data() -> Path:
    """The labelled units the shipped model was trained on (the train split of
    corpora/training/parts, merged by scripts/build_training.py), shipped so that a model
    retrained with a project's codes can build on them."""
    return Path(str(files("fritekst.data").joinpath("training", "train.csv")))


def context_polarity(df: pd.DataFrame) -> list[str | None]:
    """The polarity a question would give: answers have it, sentences do not."""
    return Units.of(df).context


def train(df: pd.DataFrame, *, name: str = "fritekst", version: str = "1",
          codebook_path: str | Path | None = None, folds: int = 5, random_state: int = 0,
          progress: Progress | None = None, source: str = "", learner: str = "auto",
          C: float | None = None, variant: str = "auto",
          sentence_weight: float = 1.0) -> ThemeClassifier:
    """Fit a classifier on every row of ``df`` (as :func:`read_labelled` gives it)."""
    model = ThemeClassifier(codebook=codebook_path, learner=learner, C=C, variant=variant,
                            folds=folds, random_state=random_state, name=name,
                            version=version, sentence_weight=sentence_weight)
    return model.fit(df, df["theme_set"], progress=progress, source=source)


def train_file(labelled: str | Path, output: str | Path, *, name: str = "",
               version: str = "1", codebook: str | Path | None = None,
               progress: Progress | None = None) -> ThemeClassifier:
    """Train a model on a file of coded units and write it, with its model card, into the
    folder ``output`` (see :func:`read_labelled` for the file)."""
    labelled, output = Path(labelled), Path(output)
    check_model_folder(output)
    df = read_labelled(labelled, RuleCoder(codebook).codebook.ids)
    model = train(df, name=name or output.name, version=version, codebook_path=codebook,
                  progress=progress, source=labelled.name)
    model.save(output)
    write_card(model, output)
    return model


def check_model_folder(folder: Path) -> None:
    """Refuse a model folder that cannot be written, before training: a file of that name,
    or no folder on the way to it that we may write in."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for the model.")
    existing = folder
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"{folder}: {existing} is a file, so the folder cannot be made; "
                          "give another folder for the model.")
    check_output_path(existing / "model.json")
