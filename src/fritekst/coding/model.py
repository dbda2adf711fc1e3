"""The learned coder: calibrated one-vs-rest linear models over hashed text features and the
codebook's verdicts, plus a polarity model for text that no question gives a polarity.

A model is a folder with ``model.json`` (settings, thresholds, calibration, provenance) and
``weights.npz`` (arrays only, loaded with ``allow_pickle=False``): nothing in it can run code.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.utils import murmurhash3_32
from spacy.lang.nb.stop_words import STOP_WORDS
from spacy.tokens import Doc

from fritekst.coding import features as F
from fritekst.coding.base import Coding
from fritekst.coding.codebook import Codebook
from fritekst.coding.rules import STRONG, RuleCoder, _longest_first
from fritekst.errors import FritekstError
from fritekst.nlp.pipeline import make_pipeline
from fritekst.outfiles import replacing, write_text

FORMAT = "fritekst-model/1"
VARIANTS = ("text", "text+rules", "text+rules+override")
KINDS = ("answer", "sentence")  # thresholds are chosen per kind of text


_NO_RULES = Coding((), {}, {}, 1.0)
# never shown as evidence: Bokmål stop words and their Nynorsk forms
_FUNCTION_WORDS = frozenset(STOP_WORDS) | {
    "ikkje", "eg", "kva", "korleis", "noko", "nokon", "mykje", "berre", "dei", "frå", "òg",
    "fleire", "heile", "vere", "gjere", "ein", "eit", "me", "vi", "ho", "han", "då", "sjølv",
    "kvar", "kven", "blir", "bli", "vert", "vart", "har", "hadde", "fått", "får", "få"}


class ModelError(FritekstError):
    """A model folder is missing, incomplete or of another format."""


@dataclass
class LinearModel:
    """Weights of one linear layer: text part (sparse, hashed) and a dense rule part."""

    text: sparse.csr_matrix          # (k, N_FEATURES)
    rules: np.ndarray                # (k, 2 * themes)
    intercept: np.ndarray            # (k,)
    calibration: np.ndarray          # (k, 2): p = sigmoid(a * z + b)

    def decision(self, x_text: sparse.csr_matrix, x_rules: np.ndarray | None) -> np.ndarray:
        z = np.asarray((x_text @ self.text.T).todense()) + self.intercept[np.newaxis, :]
        if self.rules.size and x_rules is not None:
            z = z + x_rules @ self.rules.T
        return z

    def proba(self, x_text: sparse.csr_matrix, x_rules: np.ndarray) -> np.ndarray:
        z = self.decision(x_text, x_rules)
        a, b = self.calibration[:, 0], self.calibration[:, 1]
        return 1.0 / (1.0 + np.exp(-(a * z + b)))


@dataclass
class ThemeModel:
    """A trained model: themes, weights, per-theme thresholds, and provenance in ``meta``."""

    themes: list[str]
    idf: np.ndarray
    theme_layer: LinearModel
    thresholds: np.ndarray           # (len(KINDS), themes)
    variant: str
    polarity_layer: LinearModel | None = None
    meta: dict = field(default_factory=dict)
    # per kind: a unit with no theme over its threshold gets its most probable theme when that
    # reaches the floor (None: left without a theme)
    floors: dict[str, float | None] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return f"{self.meta.get('name', 'model')}@{self.meta.get('version', '0')}"

    # ---- persistence -------------------------------------------------------------------
    def save(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {"idf_index": np.flatnonzero(self.idf).astype(np.int64),
                  "thresholds": self.thresholds}
        arrays["idf_value"] = self.idf[arrays["idf_index"]]
        for name, layer in (("theme", self.theme_layer), ("polarity", self.polarity_layer)):
            if layer is None:
                continue
            t = layer.text.tocsr()
            arrays.update({f"{name}_data": t.data, f"{name}_indices": t.indices,
                           f"{name}_indptr": t.indptr, f"{name}_rules": layer.rules,
                           f"{name}_intercept": layer.intercept,
                           f"{name}_calibration": layer.calibration})
        with replacing(folder / "weights.npz") as tmp:
            np.savez_compressed(tmp, **arrays)
        doc = {"format": FORMAT, "themes": self.themes, "variant": self.variant,
               "n_features": F.N_FEATURES, "has_polarity": self.polarity_layer is not None,
               "floors": self.floors, **self.meta}
        write_text(folder / "model.json", json.dumps(doc, ensure_ascii=False, indent=2))
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> ThemeModel:
        """Read a model folder; anything malformed is a :class:`ModelError`, never a crash."""
        try:
            return cls._load(Path(folder))
        except ModelError:
            raise
        except (KeyError, ValueError, IndexError, TypeError, AttributeError) as exc:
            raise ModelError(f"{folder}: damaged model ({type(exc).__name__}: {exc}); "
                             "retrain it or reinstall fritekst.") from None

    @classmethod
    def _load(cls, folder: Path) -> ThemeModel:
        meta_path, weights_path = folder / "model.json", folder / "weights.npz"
        if not meta_path.is_file() or not weights_path.is_file():
            raise ModelError(f"{folder}: not a fritekst model (needs model.json and weights.npz).")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ModelError(f"{meta_path}: unreadable ({exc}).") from None
        if meta.get("format") != FORMAT or meta.get("n_features") != F.N_FEATURES or \
                meta.get("settings", {}).get("char_weight", F.CHAR_WEIGHT) != F.CHAR_WEIGHT:
            raise ModelError(f"{folder}: model format {meta.get('format')!r} is not {FORMAT!r}; "
                             "retrain it with this version of fritekst.")
        try:
            with np.load(weights_path, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
        except (ValueError, OSError) as exc:
            raise ModelError(f"{weights_path}: unreadable weights ({exc}).") from None
        if not isinstance(meta, dict) or not isinstance(meta.get("themes"), list):
            raise ModelError(f"{meta_path}: not a model description.")
        idx = arrays["idf_index"]
        if idx.dtype.kind not in "iu" or (len(idx) and (idx.min() < 0 or
                                                        idx.max() >= F.N_FEATURES)):
            raise ModelError(f"{weights_path}: idf indices out of range.")
        idf = np.zeros(F.N_FEATURES)
        idf[idx] = arrays["idf_value"]
        themes = list(meta.pop("themes"))

        def layer(name: str, k: int) -> LinearModel:
            text = sparse.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"],
                                      arrays[f"{name}_indptr"]), shape=(k, F.N_FEATURES))
            text.check_format(full_check=True)  # bad indices would read out of bounds
            out = LinearModel(text, arrays[f"{name}_rules"], arrays[f"{name}_intercept"],
                              arrays[f"{name}_calibration"])
            if out.intercept.shape != (k,) or out.calibration.shape != (k, 2) or \
                    out.rules.shape[0] != k:
                raise ModelError(f"{weights_path}: {name} weights do not fit {k} themes.")
            return out

        polarity = layer("polarity", 1) if meta.get("has_polarity") else None
        thresholds = arrays["thresholds"]
        if thresholds.shape != (len(KINDS), len(themes)):
            raise ModelError(f"{weights_path}: thresholds do not fit {len(themes)} themes.")
        variant = meta.pop("variant", None)
        if variant not in VARIANTS:
            raise ModelError(f"{meta_path}: unknown variant {variant!r}.")
        floors = meta.pop("floors", None)
        floors = {} if floors is None else floors
        if not isinstance(floors, dict) or any(
                k not in KINDS or not (f is None or (isinstance(f, int | float) and
                                                     not isinstance(f, bool) and 0 <= f <= 1))
                for k, f in floors.items()):
            raise ModelError(f"{meta_path}: floors must map answer/sentence to a probability "
                             "or null.")
        return cls(themes, idf, layer("theme", len(themes)), thresholds, variant, polarity,
                   meta, floors)


def apply_floor(p: np.ndarray, pred: np.ndarray, floors: np.ndarray) -> np.ndarray:
    """Units (rows) with no theme get their most probable theme where it reaches the row's
    floor (NaN: no floor). Training and coding share it, so both floor the same units."""
    top = p.argmax(axis=1)
    rows = np.flatnonzero(~pred.any(axis=1) & (p[np.arange(len(p)), top] >= np.nan_to_num(
        floors, nan=np.inf)))
    out = pred.copy()
    out[rows, top[rows]] = True
    return out


def default_model_path() -> Path:
    """The model shipped with fritekst (``models/`` in the source tree)."""
    from importlib.resources import files

    return Path(str(files("fritekst").joinpath("models").joinpath("fritekst-nb-nn")))


class LearnedCoder:
    """Codes units with a :class:`ThemeModel` beside the codebook rules it was trained with."""

    name = "modell"

    def __init__(self, model: ThemeModel | str | Path | None = None,
                 codebook_path: str | Path | None = None):
        self.model = model if isinstance(model, ThemeModel) else ThemeModel.load(
            model or default_model_path())
        self.rules = RuleCoder(codebook_path)
        self.codebook: Codebook = self.rules.codebook
        want = self.model.meta.get("codebook", {}).get("sha256")
        uses_rules = self.model.variant != "text"
        if want and uses_rules and not self.codebook.sha256.startswith(want):
            raise ModelError(
                f"the model was trained with codebook {self.model.meta['codebook'].get('name')};"
                " use --rules-only with your own codebook, or train a model with it."
            )
        missing = set(self.model.themes) - set(self.codebook.ids)
        if missing:
            raise ModelError(f"the model codes themes the codebook lacks: {sorted(missing)}.")
        self.version = self.model.version
        # a model that does not use the codebook's verdicts needs no codebook tagger: the
        # evidence then comes from the model's own weights
        self.uses_rules = self.model.variant != "text"
        self.nlp = self.rules.nlp if self.uses_rules else make_pipeline()
        self._weights: dict[str, dict[int, float]] = {}  # per theme, for evidence
        self._word_weight: dict[tuple[str, str], float] = {}

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "variant": self.model.variant,
                "trained": self.model.meta.get("trained"),
                "codebook": self.codebook.describe()}

    def code(self, texts: Sequence[str], polarities: Sequence[str | None],
             kinds: Sequence[str] | None = None, batch_size: int = 512) -> list[Coding]:
        docs = list(self.nlp.pipe(texts, batch_size=batch_size))
        return self.code_docs(docs, polarities, kinds)

    def code_docs(self, docs: list[Doc], polarities: Sequence[str | None],
                  kinds: Sequence[str] | None = None) -> list[Coding]:
        m = self.model
        kinds = list(kinds) if kinds is not None else ["answer"] * len(docs)
        x_text, x_rules = featurize(docs, polarities, m.themes, m.idf, kinds)
        proba = m.theme_layer.proba(x_text, x_rules)
        pol_proba = None
        if m.polarity_layer is not None and any(p is None for p in polarities):
            xp, xr = featurize(docs, [None] * len(docs), m.themes, m.idf, kinds)
            pol_proba = m.polarity_layer.proba(xp, xr)[:, 0]
        rules = [self.rules.coding_of(d, p) if self.uses_rules else _NO_RULES
                 for d, p in zip(docs, polarities, strict=True)]
        kind_rows = np.array([KINDS.index(k) if k in KINDS else 0 for k in kinds], dtype=int)
        scores_all = proba.copy()
        pred = proba >= m.thresholds[kind_rows]
        if m.variant.endswith("override"):
            for i, rule in enumerate(rules):
                for t in rule.themes:
                    if rule.scores[t] >= STRONG and t in m.themes:
                        j = m.themes.index(t)
                        pred[i, j] = True
                        scores_all[i, j] = max(scores_all[i, j], rule.scores[t])
        floors = np.array([np.nan if m.floors.get(k) is None else m.floors[k] for k in KINDS])
        pred = apply_floor(proba, pred, floors[kind_rows])
        order = {t: j for j, t in enumerate(self.codebook.ids)}
        out = []
        for i, (doc, pol, rule) in enumerate(zip(docs, polarities, rules, strict=True)):
            chosen = {t for t, c in zip(m.themes, pred[i], strict=True) if c}
            scores = dict(zip(m.themes, map(float, scores_all[i]), strict=True))
            themes = tuple(sorted(chosen, key=lambda t: order.get(t, len(order))))
            certainty = [scores[t] if t in chosen else 1 - scores[t] for t in m.themes]
            evidence = {t: rule.evidence.get(t) or self._evidence(doc, t) for t in themes}
            polarity = None
            if pol is None and pol_proba is not None and themes:
                polarity = "styrke" if pol_proba[i] >= 0.5 else "utfordring"
            out.append(Coding(themes, {t: round(scores[t], 3) for t in themes},
                              {t: _longest_first(e) for t, e in evidence.items()},
                              float(np.prod(certainty)), polarity, rule.denied))
        return out

    def _evidence(self, doc: Doc, theme: str) -> list[str]:
        """The words that weigh most for a theme the model coded without a codebook pattern."""
        lookup = self._weights.get(theme)
        if lookup is None:
            row = self.model.theme_layer.text.getrow(self.model.themes.index(theme))
            lookup = self._weights[theme] = dict(zip(row.indices, row.data, strict=True))
        scored = []
        for i, ks in enumerate(doc._.keys):
            if ks and ks[0] not in _FUNCTION_WORDS and len(ks[0]) > 2:
                w = self._word_weight.get((theme, ks[0]))
                if w is None:
                    w = self._word_weight[(theme, ks[0])] = max(
                        lookup.get(_index(k), 0.0) for k in ks)
                if w > 0:
                    scored.append((w, i))
        return [doc[i].text for _, i in sorted(scored, reverse=True)[:2]]


@lru_cache(maxsize=200_000)
def _index(key: str) -> int:
    """The hashed column of the feature "k:<key>" (as sklearn's FeatureHasher computes it)."""
    return abs(murmurhash3_32(f"k:{key}", seed=0)) % F.N_FEATURES


def featurize(docs: list[Doc], polarities: Sequence[str | None], themes: list[str],
              idf: np.ndarray | None, kinds: Sequence[str] | None = None
              ) -> tuple[sparse.csr_matrix, np.ndarray]:
    kinds = kinds if kinds is not None else [None] * len(docs)
    x = F.hash_features([F.text_features(d, p, k)
                         for d, p, k in zip(docs, polarities, kinds, strict=True)])
    return F.weigh(x, idf), F.rule_block(docs, themes)
