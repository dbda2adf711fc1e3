"""Read a model folder (``model.json`` + ``weights.npz``) without trusting it.

Arrays are loaded with ``allow_pickle=False`` and every shape and index is checked before
use, so a damaged or crafted file gives a :class:`~fritekst.errors.ModelError` instead
of reading out of bounds. Folders of the first format (weights over all 2^20 hashed columns)
are converted on reading.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from scipy import sparse

from fritekst.coding import features as F
from fritekst.coding.linear import KINDS, POLARITIES, VARIANTS, LinearLayer, make_tfidf
from fritekst.errors import ModelError
from fritekst.outfiles import file_sha256

FORMAT = "fritekst-model/3"
TWO_WAY_FORMAT = "fritekst-model/2"  # polarity styrke/utfordring only, no relevance model
OLD_FORMAT = "fritekst-model/1"  # weights over all 2^20 hashed columns; read and converted

_KEYS = ("format", "themes", "variant", "n_features", "has_polarity", "polarity_classes",
         "has_relevance", "gates", "relevance_base", "floors", "polarity_weights",
         "weights_sha256")


def read_model(cls, folder: Path, codebook):
    """A ``cls`` (the classifier) with the fitted attributes the folder holds."""
    try:
        return _read(cls, folder, codebook)
    except ModelError:
        raise
    except (KeyError, ValueError, IndexError, TypeError, AttributeError) as exc:
        raise ModelError(f"{folder}: damaged model ({type(exc).__name__}: {exc}); "
                         "retrain it or reinstall fritekst.") from None


def _read(cls, folder: Path, codebook):
    meta_path, weights_path = folder / "model.json", folder / "weights.npz"
    if not meta_path.is_file() or not weights_path.is_file():
        raise ModelError(f"{folder}: not a fritekst model (needs model.json and weights.npz).")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{meta_path}: unreadable ({exc}).") from None
    known = (FORMAT, TWO_WAY_FORMAT, OLD_FORMAT)
    if not isinstance(meta, dict) or meta.get("format") not in known or \
            meta.get("n_features") != F.N_FEATURES or \
            meta.get("settings", {}).get("char_weight", F.CHAR_WEIGHT) != F.CHAR_WEIGHT:
        raise ModelError(f"{folder}: model format {meta.get('format')!r} is not {FORMAT!r}; "
                         "retrain it with this version of fritekst.")
    if meta.get("weights_sha256") and meta["weights_sha256"] != file_sha256(weights_path):
        raise ModelError(f"{folder}: model.json and weights.npz do not belong together (a "
                         "save that was interrupted?); train the model again or restore the "
                         "folder.")
    try:
        with np.load(weights_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
    except (ValueError, OSError) as exc:
        raise ModelError(f"{weights_path}: unreadable weights ({exc}).") from None
    if not isinstance(meta.get("themes"), list):
        raise ModelError(f"{meta_path}: not a model description.")
    themes = [str(t) for t in meta["themes"]]
    if meta["format"] == OLD_FORMAT:
        columns, idf, full_width = _old_columns(arrays, weights_path), None, F.N_FEATURES
    else:
        columns, idf, full_width = arrays["columns"], arrays["idf"], None
    _check_columns(columns, weights_path)
    if idf is None:
        idf = arrays["idf_value"]
    if idf.shape != columns.shape:
        raise ModelError(f"{weights_path}: idf does not fit the columns.")

    def layer(name: str, k: int) -> LinearLayer:
        width = full_width or len(columns)
        text = sparse.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"],
                                  arrays[f"{name}_indptr"]), shape=(k, width))
        text.check_format(full_check=True)  # bad indices would read out of bounds
        if full_width:
            text = text[:, columns]
        out = LinearLayer(text.tocsr(), arrays[f"{name}_rules"], arrays[f"{name}_intercept"],
                          arrays[f"{name}_calibration"])
        if out.intercept.shape != (k,) or out.calibration.shape != (k, 2) or \
                out.rules.shape[0] != k or out.rules.ndim != 2:
            raise ModelError(f"{weights_path}: {name} weights do not fit {k} themes.")
        return out

    thresholds = arrays["thresholds"]
    if thresholds.shape != (len(KINDS), len(themes)):
        raise ModelError(f"{weights_path}: thresholds do not fit {len(themes)} themes.")
    variant = meta.get("variant")
    if variant not in VARIANTS:
        raise ModelError(f"{meta_path}: unknown variant {variant!r}.")
    floors = {} if meta.get("floors") is None else meta["floors"]
    if not isinstance(floors, dict) or any(
            k not in KINDS or not (f is None or (isinstance(f, int | float) and
                                                 not isinstance(f, bool) and 0 <= f <= 1))
            for k, f in floors.items()):
        raise ModelError(f"{meta_path}: floors must map answer/sentence to a probability "
                         "or null.")
    provenance = {k: v for k, v in meta.items() if k not in _KEYS}
    settings = provenance.get("settings", {})
    model = cls(codebook=codebook, learner=settings.get("learner", "logistic"),
                C=settings.get("C"), variant=variant, folds=settings.get("folds", 5),
                random_state=settings.get("random_state", 0),
                sentence_weight=settings.get("sentence_weight", 1.0),
                name=str(provenance.get("name", "model")),
                version=str(provenance.get("version", "0")))
    model.classes_ = np.array(themes)
    model.columns_ = np.asarray(columns, dtype=np.int64)
    model.tfidf_ = make_tfidf(idf)
    model.theme_layer_ = layer("theme", len(themes))
    classes = meta.get("polarity_classes") or ["styrke", "utfordring"]
    if not isinstance(classes, list) or not set(classes) <= set(POLARITIES) or \
            len(classes) < 2:
        raise ModelError(f"{meta_path}: polarity_classes must be two or three of "
                         f"{', '.join(POLARITIES)}.")
    two_way = meta["format"] != FORMAT
    model.polarity_layer_ = layer("polarity", 1 if two_way else len(classes)) \
        if meta.get("has_polarity") else None
    model.polarity_classes_ = classes
    model.relevance_layer_ = layer("relevance", 1) if meta.get("has_relevance") else None
    gates = meta.get("gates") or {}
    if not isinstance(gates, dict) or any(
            k not in KINDS or isinstance(g, bool) or not isinstance(g, int | float) or
            not 0 <= g <= 1 for k, g in gates.items()):
        raise ModelError(f"{meta_path}: gates must map answer/sentence to a probability.")
    model.gates_ = {k: float(gates.get(k, 0.0)) for k in KINDS}
    base = meta.get("relevance_base", 0.5)
    if isinstance(base, bool) or not isinstance(base, int | float) or not 0 < base < 1:
        raise ModelError(f"{meta_path}: relevance_base must be a probability.")
    model.relevance_base_ = float(base)
    weights = meta.get("polarity_weights") or {}
    if not isinstance(weights, dict) or any(
            k not in KINDS or not isinstance(w, dict) or any(
                c not in classes or isinstance(v, bool) or not isinstance(v, int | float) or
                not 0 < v <= 100 for c, v in w.items()) for k, w in weights.items()):
        raise ModelError(f"{meta_path}: polarity_weights must map answer/sentence to a "
                         "positive weight per polarity.")
    model.polarity_weights_ = {k: {c: float(v) for c, v in w.items()}
                               for k, w in weights.items()}
    model.thresholds_ = thresholds
    model.variant_ = variant
    model.floors_ = floors
    model.meta_ = provenance
    return model


def _old_columns(arrays: dict, weights_path: Path) -> np.ndarray:
    """The columns of a first-format model: those with an idf (the others never had weight)."""
    idx = arrays["idf_index"]
    _check_columns(idx, weights_path)
    order = np.argsort(idx, kind="stable")
    arrays["idf_value"] = arrays["idf_value"][order]
    return idx[order]


def _check_columns(columns: np.ndarray, weights_path: Path) -> None:
    if columns.dtype.kind not in "iu" or columns.ndim != 1 or (
            len(columns) and (columns.min() < 0 or columns.max() >= F.N_FEATURES)):
        raise ModelError(f"{weights_path}: column indices out of range.")
