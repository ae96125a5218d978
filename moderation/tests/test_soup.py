"""The weight average of classifiers fitted with different seeds (moderation/training/soup.py, `ngram-emb-15`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from moderation.filters.classifier import MODEL_DIR, PromptClassifier
from moderation.training.soup import soup

TEXTS = ["a burglar smashing a window to break into a house", "a red fox in a snowy forest, watercolor",
         "a man stabbing a stranger in an alley"]


def _model(directory: Path, scale: float, *, seed: int, vocabulary: tuple[str, ...] = ("fox", "knife")) -> Path:
    directory.mkdir()
    np.savez_compressed(directory / "prompt_classifier.npz", vocabulary=np.array(vocabulary),
                        idf=np.array([1.0, 2.0], np.float32), coef=np.full((2, 2), scale, np.float32),
                        encoder_layer0_qkv=np.full((3, 3), scale, np.float16))
    meta = {"version": f"ngram-emb-11{f'-seed{seed}' if seed else ''}", "category_thresholds": {"violence": 0.5},
            "encoder": {"finetune": {"seed": seed}}, **({"thresholds_kept_from": "x.json"} if seed else {})}
    (directory / "prompt_classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    return directory


def test_every_weight_is_averaged_at_its_own_dtype_and_the_first_models_thresholds_kept(tmp_path: Path) -> None:
    models = [_model(tmp_path / f"s{s}", scale, seed=s) for s, scale in [(0, 1.0), (1, 2.0), (2, 4.5)]]
    meta = soup(models, tmp_path / "out")
    with np.load(tmp_path / "out" / "prompt_classifier.npz") as arrays:
        assert arrays["coef"].dtype == np.float32 and np.allclose(arrays["coef"], 2.5)
        assert arrays["encoder_layer0_qkv"].dtype == np.float16 and np.allclose(arrays["encoder_layer0_qkv"], 2.5)
        assert list(arrays["vocabulary"]) == ["fox", "knife"]
    written = json.loads((tmp_path / "out" / "prompt_classifier.json").read_text(encoding="utf-8"))
    assert written == meta
    assert written["version"] == "ngram-emb-15" and written["category_thresholds"] == {"violence": 0.5}
    assert [m["seed"] for m in written["soup"]] == [0, 1, 2] and "thresholds_kept_from" not in written


def test_models_that_read_other_features_or_hold_other_arrays_are_refused(tmp_path: Path) -> None:
    first = _model(tmp_path / "a", 1.0, seed=0)
    other_vocabulary = _model(tmp_path / "b", 1.0, seed=1, vocabulary=("fox", "gun"))
    with pytest.raises(ValueError, match="vocabulary differs"):
        soup([first, other_vocabulary], tmp_path / "out")
    with pytest.raises(ValueError, match="at least two"):
        soup([first], tmp_path / "out")
    fewer = tmp_path / "c"
    fewer.mkdir()
    np.savez_compressed(fewer / "prompt_classifier.npz", vocabulary=np.array(["fox", "knife"]),
                        idf=np.array([1.0, 2.0], np.float32), coef=np.ones((2, 2), np.float32))
    shutil.copy(first / "prompt_classifier.json", fewer)
    with pytest.raises(ValueError, match="other arrays"):
        soup([first, fewer], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_average_of_the_shipped_classifier_with_itself_scores_as_it_does(tmp_path: Path) -> None:
    out = tmp_path / "out"
    soup([MODEL_DIR, MODEL_DIR], out, version="self-soup")
    shipped, averaged = PromptClassifier.load(MODEL_DIR), PromptClassifier.load(out)
    assert averaged.version == "self-soup"
    for text in TEXTS:
        a, b = shipped.scores(text).probabilities, averaged.scores(text).probabilities
        assert a.keys() == b.keys() and all(abs(a[k] - b[k]) < 1e-6 for k in a)


def test_a_chosen_ngram_weight_is_written_and_read_back_into_the_average(tmp_path: Path) -> None:
    soup([MODEL_DIR, MODEL_DIR], tmp_path / "out", version="weighed", ngram_weight=0.6)
    weighed = PromptClassifier.load(tmp_path / "out")
    assert weighed.head is not None and weighed.head.ngram_weight == 0.6
    scores = weighed.scores(TEXTS[0])
    benign = scores.probabilities["benign"]
    # the combined risk is the 0.6 / 0.4 average of the two parts' risks
    assert abs((1 - benign) - (0.6 * scores.parts["ngram"] + 0.4 * scores.parts["encoder"])) < 1e-3
    kept = json.loads((tmp_path / "out" / "prompt_classifier.json").read_text(encoding="utf-8"))
    assert kept["ngram_weight"] == 0.6
    with pytest.raises(ValueError, match="between 0 and 1"):
        soup([MODEL_DIR, MODEL_DIR], tmp_path / "bad", ngram_weight=1.5)
    assert not (tmp_path / "bad").exists()


def test_chosen_thresholds_replace_the_first_models_with_a_note_and_decide_as_read_back(tmp_path: Path) -> None:
    shipped = PromptClassifier.load(MODEL_DIR)
    note = "illegal chosen with reweigh (test)"
    meta = soup([MODEL_DIR, MODEL_DIR], tmp_path / "out", version="rethresholded", thresholds={"illegal": 0.97},
                chosen=note)
    read = PromptClassifier.load(tmp_path / "out")
    assert read.threshold("illegal") == 0.97 and meta["thresholds_chosen"] == note
    assert meta["block_threshold"] == 0.97  # the fallback stays the highest
    for label in ("sexual", "violence", "self_harm", "hate", "harassment"):
        assert read.threshold(label) == shipped.threshold(label)
    # Bad thresholds, unknown classes and a missing note are refused before anything is written.
    for kwargs, message in [({"thresholds": {"illegal": 1.5}, "chosen": note}, "between 0 and 1"),
                            ({"thresholds": {"nsfw": 0.5}, "chosen": note}, "no threshold to replace for nsfw"),
                            ({"thresholds": {"illegal": 0.5}}, "say how")]:
        with pytest.raises(ValueError, match=message):
            soup([MODEL_DIR, MODEL_DIR], tmp_path / "bad", **kwargs)  # type: ignore[arg-type]
        assert not (tmp_path / "bad").exists()
