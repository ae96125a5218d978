"""The learned prompt classifier at inference: TF-IDF over word and character n-grams, then a linear
(multinomial logistic) model, in plain numpy.

Why not MiniLM: the web process, where prompt_moderate also runs, may not load torch or onnxruntime,
and the check must stay well under 30 ms on a shared CPU; a MiniLM head was not measured (see
moderation/model/MODEL_CARD.md). Training (scikit-learn) lives in
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
# Words that say nothing about content on their own ("make it again please"): they never count as evidence.
FILLER = frozenset("""
a an the this that these those it its of in on at to for and or but with without from by as is are was be
been am do does did can could would will should may might shall me my mine i you your yours we our us he she
him her his they them their there here what which who whom why how when where so if then than too very just
please pls plz thanks thank thx ty ok okay yes no not now again more less some any one ones another other
something anything nothing everything else same new next last first second third like want need get got
make made draw drawn create generate show give let lets try put use take see look go instead also really
""".split())


def analyze(text: str) -> list[str]:
    """Features of one text: content words, word pairs (not both filler) and character 3-5-grams inside
    content words. Filler words are left out so that they cannot learn a class: chat requests are full of
    "another", "make", "it", and "a man stabbing another man" must not look benign because of "another"."""
    words = deobfuscated(text).split()[:300]
    content = [w for w in words if w not in FILLER]
    feats = [f"w:{w}" for w in content]
    feats += [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False) if a not in FILLER or b not in FILLER]
    for word in content:
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

    def evidence(self, text: str) -> int:
        """How many distinct content words of the text the model knows (filler, numbers, single letters and
        unseen words do not count). A text with too little evidence is not refused on the classifier alone:
        its score then comes from a few character n-grams of unknown tokens ("p0") or from the bias."""
        words = set(deobfuscated(text).split())
        return sum(1 for w in words if len(w) > 1 and not w.isdigit() and w not in FILLER
                   and f"w:{w}" in self.index)

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
