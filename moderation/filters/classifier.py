"""The learned prompt classifier at inference: TF-IDF over word and character n-grams, then a linear
(multinomial logistic) model, in plain numpy.

Why not MiniLM: the web process may not load torch or onnxruntime, the check must stay well under
30 ms on a shared CPU, and on our held-out data the n-gram model was as accurate as a MiniLM
embedding with a linear head (see moderation/model/MODEL_CARD.md). Training (scikit-learn) lives in
moderation/training/train_classifier.py and writes the weights this module reads; the featuriser
below is the one the training uses, so both sides compute the same features.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moderation.filters.text import deobfuscated

MODEL_DIR = Path(__file__).resolve().parents[1] / "model"
CHAR_NGRAMS = (3, 4, 5)


def analyze(text: str) -> list[str]:
    """Features of one text: words, word pairs and character 3-5-grams inside words."""
    words = deobfuscated(text).split()[:300]
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in words:
        padded = f"<{word}>"
        for n in CHAR_NGRAMS:
            feats += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    return feats


@dataclass(frozen=True)
class Scores:
    """Probability per class (benign included) as plain floats."""

    probabilities: dict[str, float]

    def top(self) -> tuple[str, float]:
        label = max(self.probabilities, key=self.probabilities.__getitem__)
        return label, self.probabilities[label]


class PromptClassifier:
    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 classes: list[str], version: str) -> None:
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)  # (classes, features)
        self.intercept = intercept.astype(np.float32)
        self.classes = classes
        self.version = version

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> PromptClassifier:
        meta = json.loads((directory / "prompt_classifier.json").read_text(encoding="utf-8"))
        with np.load(directory / "prompt_classifier.npz", allow_pickle=False) as arrays:
            return cls(vocabulary=[str(v) for v in arrays["vocabulary"]], idf=arrays["idf"],
                       coef=arrays["coef"], intercept=arrays["intercept"], classes=list(meta["classes"]),
                       version=str(meta["version"]))

    def scores(self, text: str) -> Scores:
        counts = Counter(i for f in analyze(text) if (i := self.index.get(f)) is not None)
        logits = self.intercept.copy()
        if counts:
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32,
                                  count=len(counts)) * self.idf[cols]
            weights /= float(np.linalg.norm(weights)) or 1.0
            logits = logits + self.coef[:, cols] @ weights
        exp = np.exp(logits - logits.max())
        probs = exp / exp.sum()
        return Scores({label: float(p) for label, p in zip(self.classes, probs, strict=True)})
