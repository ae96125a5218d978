"""Prompts routed by language: French prompts to the French model (`model/fr/`), every other prompt to the
default model (moderation/filters/classifier.py, `RoutedClassifier`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chatsite.accounts.models import User
from moderation.filters.classifier import MODEL_DIR, RoutedClassifier
from moderation.models import Decision, Term
from moderation.services import Stage, prompt_moderate
from moderation.services.rules import prompt_classifier

FRENCH = "un homme qui cambriole une bijouterie en pleine nuit avec une barre de fer"
ENGLISH = "a man breaking into a jewellery shop at night with a crowbar"


def test_a_clearly_french_prompt_is_scored_by_the_french_model_and_the_rest_by_the_default() -> None:
    routed = prompt_classifier()
    default_meta = json.loads((MODEL_DIR / "prompt_classifier.json").read_text(encoding="utf-8"))
    french_meta = json.loads((MODEL_DIR / "fr" / "prompt_classifier.json").read_text(encoding="utf-8"))
    assert default_meta["version"] != french_meta["version"]
    assert routed.for_text(FRENCH).version == french_meta["version"]
    for text in (ENGLISH, "un chat", "p0", "", "make it blue"):  # English, too short or unclear: the default
        assert routed.for_text(text).version == default_meta["version"], text
    assert routed.version == f"{default_meta['version']}+fr:{french_meta['version']}"
    # One MiniLM base for both: the French model adds its own tuned layers, not a second encoder.
    assert routed.by_language["fr"].encoder is routed.default.encoder
    # The two models score the same French prompt differently: the routing matters.
    french, default = routed.for_text(FRENCH).scores(FRENCH), routed.default.scores(FRENCH)
    assert abs(french.probabilities["benign"] - default.probabilities["benign"]) > 1e-3


@pytest.mark.django_db
def test_a_decision_records_the_model_that_scored_the_prompt(user: User) -> None:
    french = prompt_moderate(user=user, text="une cabane en bois au bord d'un lac au lever du soleil",
                             stage=Stage.TOOL_PROMPT)
    english = prompt_moderate(user=user, text="a wooden cabin by a lake at sunrise", stage=Stage.TOOL_PROMPT)
    assert french.allowed and english.allowed
    versions = {v.decision_id: Decision.objects.get(pk=v.decision_id or 0).versions["classifier"]
                for v in (french, english)}
    assert versions[french.decision_id] == prompt_classifier().by_language["fr"].version
    assert versions[english.decision_id] == prompt_classifier().default.version


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "category"), [
    ("un dealer qui vend de la drogue à des lycéens devant leur école", "illegal"),
    ("un type qui tabasse un sdf à coups de pied jusqu'à ce qu'il saigne", "violence"),
])
def test_a_french_request_for_harm_that_the_default_model_misses_is_refused(user: User, text: str,
                                                                             category: str) -> None:
    from moderation.services.checks import classifier_threshold

    # No term refuses it (a word for children, "lycéens", only marks a minor), and the English model alone reads the
    # prompt as harmless: only the French model refuses it.
    default = prompt_classifier().default.scores(text).probabilities
    label = max((c for c in default if c != "benign"), key=default.__getitem__)
    assert 1 - default["benign"] < classifier_threshold(label)
    verdict = prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT)
    decision = Decision.objects.get(pk=verdict.decision_id or 0)
    assert not verdict.allowed and category in verdict.categories and "sexual_minors" not in verdict.categories
    assert not Term.objects.filter(term__in=decision.scores["terms"]).exclude(category="minors").exists()


def _model_copy(tmp_path: Path) -> Path:
    for name in ("prompt_classifier.json", "prompt_classifier.npz"):
        (tmp_path / name).symlink_to(MODEL_DIR / name)
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "prompt_classifier.npz").symlink_to(MODEL_DIR / "fr" / "prompt_classifier.npz")
    shutil.copy(MODEL_DIR / "fr" / "prompt_classifier.json", tmp_path / "fr" / "prompt_classifier.json")
    return tmp_path


def test_a_language_model_keeps_its_own_thresholds_but_must_share_classes_and_evidence(tmp_path: Path) -> None:
    directory = _model_copy(tmp_path)
    meta_path = directory / "fr" / "prompt_classifier.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["category_thresholds"]["illegal"] = 0.9
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    routed = RoutedClassifier.load(directory)
    assert routed.by_language["fr"].threshold("illegal") == 0.9
    assert routed.default.threshold("illegal") == json.loads(
        (MODEL_DIR / "prompt_classifier.json").read_text(encoding="utf-8"))["category_thresholds"]["illegal"]
    assert routed.by_language["fr"].threshold("no-such-class") == meta["block_threshold"]
    meta["min_evidence"] = 5
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="fr model"):
        RoutedClassifier.load(directory)


@pytest.mark.django_db
def test_a_prompt_is_refused_at_the_threshold_of_the_model_that_scored_it(user: User, monkeypatch) -> None:
    routed = prompt_classifier()
    french_model = routed.by_language["fr"]
    scores = french_model.scores(FRENCH).probabilities
    risk = 1 - scores["benign"]
    assert not prompt_moderate(user=user, text=FRENCH, stage=Stage.TOOL_PROMPT).allowed
    # Above its risk, the French model's own threshold lets it through (no term matches it), whatever the
    # default model's thresholds say.
    monkeypatch.setattr(french_model, "thresholds", {c: min(1.0, risk + 0.01) for c in french_model.thresholds})
    verdict = prompt_moderate(user=user, text=FRENCH, stage=Stage.TOOL_PROMPT)
    decision = Decision.objects.get(pk=verdict.decision_id or 0)
    assert decision.scores["threshold"] == min(1.0, risk + 0.01) and decision.scores["terms"] == []
    assert routed.default.threshold("illegal") != decision.scores["threshold"]


def test_without_language_models_every_prompt_goes_to_the_default(tmp_path: Path) -> None:
    for name in ("prompt_classifier.json", "prompt_classifier.npz"):
        (tmp_path / name).symlink_to(MODEL_DIR / name)
    routed = RoutedClassifier.load(tmp_path)
    assert routed.by_language == {} and routed.for_text(FRENCH) is routed.default
    assert routed.version == routed.default.version
