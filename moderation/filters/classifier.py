"""The learned prompt classifier at inference, in plain numpy: two multinomial logistic models whose class
probabilities are averaged (`ngram_weight`: 0.5 until session 17, 0.45 in `ngram-emb-25`, 0.5 in `ngram-emb-30`,
`ngram-emb-32`, `ngram-emb-36` and `ngram-emb-42`).

- The n-gram model: TF-IDF over content words, word pairs and character n-grams.
- The encoder model (from `ngram-emb-5` on): a linear head (or, for a model that has one, a hidden layer of
  ReLU units before it) on the sentence embedding of the bundled MiniLM
  (moderation/filters/encoder.py, a numpy forward pass: the web process, where prompt_moderate runs, may not
  load torch or onnxruntime). It reads meaning, so it finds harm in wordings the n-grams never saw. From
  `ngram-emb-9` on, MiniLM's last layers were fine-tuned with the head and are stored with it (`EncoderHead.top`,
  run instead of the package's).

Training (scikit-learn, sentence-transformers) lives in moderation/training/train_classifier.py and writes the
weights this module reads; the featuriser below is the one the training uses, so both sides compute the same
features. See moderation/model/MODEL_CARD.md.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from moderation.filters.encoder import EncoderLayer, SentenceEncoder, layer_from_arrays
from moderation.filters.language import LANGUAGES, language_of, warm
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
    """Probability per class (benign included) as plain floats; `parts` holds each model's risk
    (1 - P(benign)) before averaging, when there are two."""

    probabilities: dict[str, float]
    parts: dict[str, float] = field(default_factory=dict)

    def top(self) -> tuple[str, float]:
        label = max(self.probabilities, key=self.probabilities.__getitem__)
        return label, self.probabilities[label]


def _softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max())
    return np.asarray(exp / exp.sum())


@dataclass(frozen=True)
class EncoderHead:
    """The head on sentence embeddings, and the weight of the n-gram model in the average."""

    coef: np.ndarray  # (classes, inputs): the embedding's 384 values, or the hidden layer's units
    intercept: np.ndarray
    ngram_weight: float
    max_tokens: int
    hidden: np.ndarray | None = None  # (384, units) of a ReLU layer before `coef`, if the head has one
    hidden_bias: np.ndarray | None = None
    max_pool: bool = False  # the inputs are the mean-pooled embedding then the max-pooled token states (768)
    top: tuple[EncoderLayer, ...] = ()  # fine-tuned copies of MiniLM's last len(top) layers, used instead of them

    def probabilities(self, embedding: np.ndarray) -> np.ndarray:
        x = embedding.astype(np.float32)
        if self.hidden is not None and self.hidden_bias is not None:
            x = np.maximum(x @ self.hidden + self.hidden_bias, np.float32(0.0))
        return _softmax(self.coef @ x + self.intercept)


class PromptClassifier:
    def __init__(self, vocabulary: list[str], idf: np.ndarray, coef: np.ndarray, intercept: np.ndarray,
                 classes: list[str], version: str, head: EncoderHead | None = None,
                 encoder: SentenceEncoder | None = None, thresholds: dict[str, float] | None = None,
                 block_threshold: float = 0.5) -> None:
        self.index = {feature: i for i, feature in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.coef = coef.astype(np.float32)  # (classes, features)
        self.intercept = intercept.astype(np.float32)
        self.classes = classes
        self.version = version
        self.head = head
        self.thresholds = dict(thresholds or {})  # the risk at which it refuses, per most likely harmful class
        self.block_threshold = block_threshold  # for a class without its own
        if head is not None and encoder is None:
            encoder = SentenceEncoder(max_tokens=head.max_tokens)
        self.encoder = encoder

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, *, encoder: SentenceEncoder | None = None) -> PromptClassifier:
        """The model in `directory`; `encoder` (optional) reuses an already loaded MiniLM."""
        meta = json.loads((directory / "prompt_classifier.json").read_text(encoding="utf-8"))
        with np.load(directory / "prompt_classifier.npz", allow_pickle=False) as arrays:
            head = None
            if "encoder" in meta:
                hidden = "encoder_hidden" in arrays.files
                top = tuple(layer_from_arrays(arrays, f"encoder_layer{j}_")
                            for j in range(int(meta["encoder"].get("tuned_layers", 0))))
                head = EncoderHead(coef=arrays["encoder_coef"].astype(np.float32),
                                   intercept=arrays["encoder_intercept"].astype(np.float32),
                                   ngram_weight=float(meta["ngram_weight"]),
                                   max_tokens=int(meta["encoder"]["max_tokens"]),
                                   max_pool=meta["encoder"].get("pooling") == "mean+max", top=top,
                                   hidden=arrays["encoder_hidden"].astype(np.float32) if hidden else None,
                                   hidden_bias=arrays["encoder_hidden_bias"].astype(np.float32) if hidden else None)
            return cls(vocabulary=[str(v) for v in arrays["vocabulary"]], idf=arrays["idf"],
                       coef=arrays["coef"], intercept=arrays["intercept"], classes=list(meta["classes"]),
                       version=str(meta["version"]), head=head, encoder=encoder,
                       thresholds={k: float(v) for k, v in (meta.get("category_thresholds") or {}).items()},
                       block_threshold=float(meta.get("block_threshold", 0.5)))

    def threshold(self, category: str | None = None) -> float:
        """The risk (1 - P(benign)) at which this model refuses a prompt whose most likely harmful class is
        `category`: its own threshold for that class, chosen with the model (see the model card), else
        `block_threshold`."""
        if category is not None and category in self.thresholds:
            return self.thresholds[category]
        return self.block_threshold

    def evidence(self, text: str) -> int:
        """How many distinct content words of the text the model knows (filler, numbers, single letters and
        unseen words do not count). A text with too little evidence is not refused on the classifier alone:
        its score then comes from a few character n-grams of unknown tokens ("p0") or from the bias."""
        words = set(deobfuscated(text).split())
        return sum(1 for w in words if len(w) > 1 and not w.isdigit() and w not in FILLER
                   and f"w:{w}" in self.index)

    def ngram_probabilities(self, text: str) -> np.ndarray:
        counts = Counter(i for f in analyze(text) if (i := self.index.get(f)) is not None)
        logits = self.intercept.copy()
        if counts:
            cols = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            weights = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32,
                                  count=len(counts)) * self.idf[cols]
            weights /= float(np.linalg.norm(weights)) or 1.0
            logits = logits + self.coef[:, cols] @ weights
        return _softmax(logits)

    def scores(self, text: str, *, embedding: np.ndarray | None = None) -> Scores:
        """Class probabilities of `text`. `embedding` (training only) is its precomputed sentence embedding
        (followed by its max-pooled token states for a head with `max_pool`)."""
        probs = self.ngram_probabilities(text)
        parts: dict[str, float] = {}
        if self.head is not None:
            if embedding is None:
                assert self.encoder is not None  # noqa: S101 - set in __init__ whenever there is a head
                top = list(self.head.top)
                embedding = (np.concatenate(self.encoder.pools(text, top=top)) if self.head.max_pool
                             else self.encoder.encode(text, top=top))
            encoded = self.head.probabilities(embedding)
            benign = self.classes.index("benign")
            parts = {"ngram": round(1.0 - float(probs[benign]), 4), "encoder": round(1.0 - float(encoded[benign]), 4)}
            probs = self.head.ngram_weight * probs + (1.0 - self.head.ngram_weight) * encoded
        return Scores({label: float(p) for label, p in zip(self.classes, probs, strict=True)}, parts)


# The keys of a model's JSON that models routed by language must agree on: moderation.services.checks reads the
# minimum evidence once, from the default model. Each model has its own thresholds (`PromptClassifier.threshold`,
# from session 18), since they belong to its scores.
_SHARED_RULES = ("classes", "min_evidence")


class RoutedClassifier:
    """The default model, and for a prompt clearly in one language a model trained to read it (from session 15;
    since session 27 `ngram-emb-42` (`ngram-emb-36` in session 26, `ngram-emb-32` in sessions 23 to 25,
    `ngram-emb-30` in session 22, `ngram-emb-25` in sessions 18 to 21) for English and every unclear prompt,
    `ngram-emb-39` for French since session 26 (`ngram-emb-38` in session 25, `ngram-emb-34` in session 24,
    `ngram-emb-19` in sessions 15 to 23), in `model/fr/`, each at its own thresholds). The language test is the
    term list's (`moderation.filters.language.language_of`: at least 3 words, probability at least 0.95), so a short
    or mixed prompt goes to the default model. Each prompt still runs one model."""

    def __init__(self, default: PromptClassifier, by_language: dict[str, PromptClassifier] | None = None) -> None:
        self.default = default
        self.by_language = dict(by_language or {})

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> RoutedClassifier:
        """The model in `directory` and each language model in a subfolder named for its language (one of
        `LANGUAGES`); they share the default model's MiniLM base."""
        default = PromptClassifier.load(directory)
        rules = _shared_rules(directory)
        by_language = {}
        for language in LANGUAGES:
            sub = directory / language
            if not (sub / "prompt_classifier.json").is_file():
                continue
            if _shared_rules(sub) != rules:
                raise ValueError(f"the {language} model in {sub} has other classes or another minimum evidence "
                                 "than the default model; routed models must share them")
            by_language[language] = PromptClassifier.load(sub, encoder=default.encoder)
        if by_language:
            warm()  # the language model loads here (about 0.4 s), not at the first prompt
        return cls(default, by_language)

    def for_text(self, text: str) -> PromptClassifier:
        """The model that scores `text`."""
        if not self.by_language:
            return self.default
        return self.by_language.get(language_of(text) or "", self.default)

    @property
    def version(self) -> str:
        """"ngram-emb-42", or with language models "ngram-emb-42+fr:ngram-emb-39"."""
        return "+".join([self.default.version, *(f"{k}:{m.version}" for k, m in sorted(self.by_language.items()))])


def _shared_rules(directory: Path) -> dict[str, object]:
    meta = json.loads((directory / "prompt_classifier.json").read_text(encoding="utf-8"))
    return {key: meta.get(key) for key in _SHARED_RULES}
