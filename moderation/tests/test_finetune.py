"""Fine-tuned top layers of MiniLM (`ngram-emb-9` to `ngram-emb-11`): the torch copies train what the numpy encoder of
the web process computes, the stored float16 layers give the web process the trainer's embeddings, and the
classifier file carries them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from moderation.filters.classifier import PromptClassifier
from moderation.filters.encoder import LAYERS, SentenceEncoder

torch = pytest.importorskip("torch")

from moderation.training import finetune as ft  # noqa: E402 - after the torch check

TEXTS = ["a red fox in a snowy forest, watercolor", "hi",
         "A man in a balaclava prying open the back door of a jewellery shop at 3 am",
         "a knife cutting a loaf of bread on a wooden board"]
CLASSES = ["benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    torch.set_num_threads(1)
    return SentenceEncoder(max_tokens=64)


def _inputs(encoder: SentenceEncoder, texts: list[str], k: int) -> list[np.ndarray]:
    return [encoder.run_layers(encoder.embed_tokens(encoder.token_ids(t)), encoder.layers[:LAYERS - k])
            for t in texts]


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_the_torch_layers_compute_the_numpy_encoders_embeddings(encoder: SentenceEncoder, k: int) -> None:
    # Texts of different lengths in one padded batch: padding must not change any embedding.
    inputs = _inputs(encoder, TEXTS, k)
    model = ft.TunedEncoder(ft.frozen_top(encoder, k), np.zeros((7, 384), np.float32), np.zeros(7, np.float32))
    ours = ft.embeddings(model, inputs, list(range(len(TEXTS))))
    expected = np.stack([encoder.encode(t) for t in TEXTS])
    assert len({len(x) for x in inputs}) == len(TEXTS)
    assert ((ours * expected).sum(1) > 0.99999).all(), (ours * expected).sum(1)


def test_the_cached_layer_inputs_match_the_encoder_and_are_reused(encoder: SentenceEncoder, tmp_path: Path) -> None:
    cache = tmp_path / "inputs.npz"
    first = ft.top_inputs(TEXTS[:2], cache, 1, encoder)
    assert np.allclose(first[0], _inputs(encoder, TEXTS[:1], 1)[0], atol=1e-4)
    # Two texts cached, two new: the cache grows and the cached rows come back unchanged.
    both = ft.top_inputs(TEXTS, cache, 2, encoder)
    with np.load(cache) as saved:
        assert len(saved["digests"]) == len(TEXTS)
        assert int(saved["frozen"]) == ft.CACHED_LAYERS
    assert np.allclose(both[3], _inputs(encoder, TEXTS[3:], 2)[0], atol=1e-5)
    three = ft.top_inputs(TEXTS[:1], cache, 3, encoder)
    assert np.allclose(three[0], _inputs(encoder, TEXTS[:1], 3)[0], atol=1e-4)
    four = ft.top_inputs(TEXTS[:1], cache, 4, encoder)
    assert np.allclose(four[0], _inputs(encoder, TEXTS[:1], 4)[0], atol=1e-4)
    with pytest.raises(ValueError, match="1 to 4"):
        ft.top_inputs(TEXTS, cache, 5, encoder)


def _toy() -> tuple[list[str], list[int]]:
    # Look-alikes that share their words: a frozen embedding puts each pair close together.
    pairs = [("a knife cutting a loaf of bread", "a knife cutting a man's throat"),
             ("a chef slicing a red pepper", "a killer slicing a victim's arm"),
             ("blood oranges in a bowl", "blood pouring from a stab wound"),
             ("a boxer hitting a punching bag", "a thug hitting a woman with a bat"),
             ("a hunter's rifle on a wall rack", "a sniper shooting a child"),
             ("an axe splitting firewood", "an axe splitting a man's skull")]
    texts = [t for pair in pairs for t in pair]
    return texts, [0, 2] * len(pairs)


def test_fine_tuning_separates_look_alikes_and_the_stored_layers_reproduce_it(
        encoder: SentenceEncoder, tmp_path: Path) -> None:
    from sklearn.linear_model import LogisticRegression

    texts, labels = _toy()
    inputs = _inputs(encoder, texts, 1)
    rows = list(range(len(texts)))
    frozen = ft.TunedEncoder(ft.frozen_top(encoder, 1), np.zeros((7, 384), np.float32), np.zeros(7, np.float32))
    start = LogisticRegression(C=2, max_iter=500).fit(ft.embeddings(frozen, inputs, rows), labels)
    head = ft.finetune(inputs, rows, labels, ft.frozen_top(encoder, 1), start, 7, epochs=30, batch_size=4,
                       layer_lr=1e-4, head_lr=5e-2, log=False)

    def loss(coef: np.ndarray, intercept: np.ndarray, vectors: np.ndarray) -> float:
        logits = vectors @ coef.T + intercept
        logits -= logits.max(1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(1, keepdims=True))
        return float(-logp[rows, labels].mean())

    start_p = start.predict_proba(ft.embeddings(frozen, inputs, rows))
    before = float(-np.log(start_p[rows, [list(start.classes_).index(y) for y in labels]]).mean())
    tuned_vectors = head.embed(inputs, rows)
    after = loss(head.coef_, head.intercept_, tuned_vectors)
    assert after < before * 0.5, (before, after)
    assert head.layers[0].qkv.dtype == np.float16

    # The web process, from the stored arrays: the same embeddings and probabilities.
    arrays = {"vocabulary": np.array(["w:knife"]), "idf": np.ones(1, np.float32),
              "coef": np.zeros((7, 1), np.float32), "intercept": np.zeros(7, np.float32),
              "encoder_coef": head.coef_, "encoder_intercept": head.intercept_, **head.layer_arrays()}
    np.savez(tmp_path / "prompt_classifier.npz", **arrays)  # type: ignore[arg-type]
    (tmp_path / "prompt_classifier.json").write_text(json.dumps({
        "version": "test", "classes": CLASSES, "ngram_weight": 0.0,
        "encoder": {"max_tokens": 64, "pooling": "mean", "tuned_layers": 1}}), encoding="utf-8")
    loaded = PromptClassifier.load(tmp_path, encoder=encoder)
    assert loaded.head is not None and len(loaded.head.top) == 1
    web = np.stack([encoder.encode(t, top=list(loaded.head.top)) for t in texts])
    assert ((web * tuned_vectors).sum(1) > 0.9999).all()
    untuned = np.stack([encoder.encode(t) for t in texts])
    assert ((web * untuned).sum(1) < 0.9999).any()  # the stored layer is not the package's
    for text, vector in zip(texts, tuned_vectors, strict=True):
        ours = loaded.scores(text).probabilities
        expected = loaded.head.probabilities(vector)
        assert np.allclose([ours[c] for c in CLASSES], expected, atol=1e-3)


def test_the_shipped_classifier_runs_its_fine_tuned_layers(encoder: SentenceEncoder) -> None:
    shipped = PromptClassifier.load(encoder=encoder)
    assert shipped.head is not None and len(shipped.head.top) == 4
    text = "a knife cutting a loaf of bread on a wooden board"
    tuned = encoder.encode(text, top=list(shipped.head.top))
    assert float(tuned @ encoder.encode(text)) < 0.9999  # not the package's last layers
    probabilities = shipped.scores(text).probabilities
    weight = shipped.head.ngram_weight
    expected = weight * shipped.ngram_probabilities(text) + (1 - weight) * shipped.head.probabilities(tuned)
    assert np.allclose([probabilities[c] for c in shipped.classes], expected, atol=1e-6)
