"""The MiniLM encoder in numpy, its head (linear or with a hidden layer) and its place in the prompt classifier."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from chatsite.accounts.models import User
from moderation.filters.classifier import MODEL_DIR, EncoderHead
from moderation.filters.encoder import SentenceEncoder, default_model_dir
from moderation.models import Decision
from moderation.services import Stage, prompt_moderate
from moderation.services.rules import prompt_classifier

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [
    "a red fox in a snowy forest, watercolor",
    "A man in a balaclava prying open the back door of a jewellery shop at 3 am",
    "hi",
    "a very long prompt about a harbour at dawn, " * 20,
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder(max_tokens=64)


def test_the_numpy_encoder_gives_the_embeddings_of_sentence_transformers(encoder: SentenceEncoder) -> None:
    # The training computes the embeddings with sentence-transformers (torch); the web process with numpy.
    torch = pytest.importorskip("torch")
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    reference = SentenceTransformer(str(default_model_dir()), device="cpu")
    reference.max_seq_length = 64
    expected = reference.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    ours = np.stack([encoder.encode(s) for s in SENTENCES])
    assert ours.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    cosines = (ours * expected).sum(axis=1)
    assert cosines.min() > 0.99999, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_the_max_pool_is_the_max_of_sentence_transformers_word_piece_states(encoder: SentenceEncoder) -> None:
    # The candidate ngram-emb-8 (train_classifier --max-pool) reads max-pooled token states; the trainer computes
    # them with this encoder, so here they are checked against torch's token states ([CLS] and [SEP] left out).
    torch = pytest.importorskip("torch")
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    reference = SentenceTransformer(str(default_model_dir()), device="cpu")
    reference.max_seq_length = 64
    for sentence in SENTENCES:
        output = reference.encode(sentence, output_value="token_embeddings", convert_to_numpy=True)
        states = np.asarray(output.cpu() if isinstance(output, torch.Tensor) else output, dtype=np.float32)
        top_states = states[1:-1].max(0)  # one text: no padding; [CLS] first and [SEP] last
        expected = top_states / float(np.linalg.norm(top_states))
        mean, top = encoder.pools(sentence)
        assert top.shape == (384,) and top.dtype == np.float32
        assert float(top @ expected) > 0.99999, sentence
        assert np.array_equal(mean, encoder.encode(sentence))
    # The max differs from the mean: a single word's values survive it.
    mean, top = encoder.pools("a quiet garden with a severed hand on the bench")
    assert float(mean @ top) < 0.95
    assert not np.any(encoder.max_pool(np.ones((2, 384), dtype=np.float32), [101, 102]))  # no word piece: zeros


def test_the_trainer_caches_the_features_the_web_process_computes(encoder: SentenceEncoder, tmp_path: Path) -> None:
    # train_classifier --max-pool fits the head on embed_max's features; the web process computes pools().
    pytest.importorskip("sklearn")
    from moderation.training.train_classifier import embed_max

    texts = SENTENCES[:3]
    cache = tmp_path / "max.npz"
    first = embed_max(texts, cache)
    again = embed_max(texts[::-1], cache)  # read back from the cache, in another order
    for i, text in enumerate(texts):
        mean, top = encoder.pools(text)
        assert np.array_equal(first[0][i], top) and np.array_equal(first[1][i], mean)
        assert np.array_equal(again[0][len(texts) - 1 - i], top)


def test_a_long_prompt_is_cut_at_max_tokens(encoder: SentenceEncoder) -> None:
    assert len(encoder.token_ids(SENTENCES[-1])) == 64
    assert len(encoder.token_ids("hi")) == 3  # [CLS] hi [SEP]


def test_the_shipped_classifier_uses_the_encoder() -> None:
    meta = json.loads((MODEL_DIR / "prompt_classifier.json").read_text(encoding="utf-8"))
    classifier = prompt_classifier().default
    assert classifier.version == meta["version"] and classifier.head is not None
    assert classifier.head.coef.shape == (len(meta["classes"]), 384)
    scores = classifier.scores("a burglar smashing a window to break into a house")
    assert set(scores.parts) == {"ngram", "encoder"}
    weight = meta["ngram_weight"]
    expected_risk = weight * scores.parts["ngram"] + (1 - weight) * scores.parts["encoder"]
    assert abs((1 - scores.probabilities["benign"]) - expected_risk) < 1e-3


@pytest.mark.filterwarnings("ignore:Stochastic Optimizer")
@pytest.mark.parametrize("kind", ["lr", "mlp"])
def test_the_numpy_head_gives_the_probabilities_of_the_fitted_head(kind: str) -> None:
    # The trainer fits the head with scikit-learn; the web process computes it from the exported arrays.
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    from moderation.training.train_classifier import head_arrays

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 384)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = rng.integers(0, 7, size=300)
    head = (MLPClassifier(hidden_layer_sizes=(16,), max_iter=300, random_state=0) if kind == "mlp"
            else LogisticRegression(C=2, max_iter=500)).fit(x, y)
    arrays = head_arrays(head, 7)
    numpy_head = EncoderHead(coef=arrays["encoder_coef"], intercept=arrays["encoder_intercept"], ngram_weight=0.5,
                             max_tokens=64, hidden=arrays.get("encoder_hidden"),
                             hidden_bias=arrays.get("encoder_hidden_bias"))
    assert (numpy_head.hidden is not None) == (kind == "mlp")
    ours = np.stack([numpy_head.probabilities(v) for v in x[:20]])
    expected = head.predict_proba(x[:20])
    assert list(head.classes_) == list(range(7))
    assert np.allclose(ours, expected, atol=1e-4), np.abs(ours - expected).max()
    assert np.abs(expected - 1 / 7).max() > 0.05  # the fitted heads are not uniform


def test_a_max_pool_head_reads_the_mean_then_the_max(encoder: SentenceEncoder) -> None:
    from moderation.filters.classifier import PromptClassifier

    rng = np.random.default_rng(1)
    head = EncoderHead(coef=rng.normal(size=(7, 768)).astype(np.float32), intercept=np.zeros(7, np.float32),
                       ngram_weight=0.0, max_tokens=64, max_pool=True)
    classes = ["benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"]
    classifier = PromptClassifier(vocabulary=["w:fox"], idf=np.ones(1), coef=np.zeros((7, 1)), intercept=np.zeros(7),
                                  classes=classes, version="test", head=head, encoder=encoder)
    text = "a severed hand on a garden bench"
    expected = head.probabilities(np.concatenate(encoder.pools(text)))
    ours = classifier.scores(text).probabilities
    assert np.allclose([ours[c] for c in classes], expected, atol=1e-6)
    swapped = head.probabilities(np.concatenate(encoder.pools(text)[::-1]))
    assert not np.allclose(swapped, expected, atol=1e-3)  # the order of the two halves matters


def test_the_classifier_runs_without_loading_torch_transformers_or_onnxruntime() -> None:
    # prompt_moderate runs in the web process, which must never load the ML stack.
    probe = (
        "import sys\n"
        "from moderation.filters.classifier import PromptClassifier\n"
        "scores = PromptClassifier.load().scores('a man stabbing a stranger in an alley')\n"
        "assert scores.parts, scores\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'sentence_transformers', 'onnxruntime', 'diffusers',\n"
        "                           'accelerate', 'sklearn') if m in sys.modules)\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


@pytest.mark.django_db
def test_a_decision_records_the_classifier_version_and_each_models_risk(user: User) -> None:
    verdict = prompt_moderate(user=user, text="a lighthouse on a cliff at dusk", stage=Stage.TOOL_PROMPT)
    decision = Decision.objects.get(pk=verdict.decision_id or 0)
    assert decision.versions["classifier"] == prompt_classifier().default.version == "ngram-emb-42"
    assert set(decision.scores["classifier_parts"]) == {"ngram", "encoder"}
