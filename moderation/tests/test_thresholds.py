"""Per-class classifier thresholds: how training chooses them (on out-of-fold scores) and how a check uses them."""

from __future__ import annotations

import numpy as np
import pytest
from django.test import override_settings

from chatsite.accounts.models import User
from moderation.services import Stage, prompt_moderate
from moderation.services.checks import classifier_threshold
from moderation.training.train_classifier import GRID, HARMFUL, choose_thresholds, refused_at


def _scores(groups: list[tuple[str, str, list[float]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(kind, most likely harmful class, risks) groups -> the arrays choose_thresholds reads."""
    kind, top, risk = [], [], []
    for k, cls, values in groups:
        kind += [k] * len(values)
        top += [HARMFUL.index(cls)] * len(values)
        risk += values
    return np.array(risk), np.array(top), np.ones(len(risk), dtype=bool), np.array(kind)


def test_each_class_gets_the_threshold_its_own_false_positives_allow() -> None:
    # Benign prompts that look like violence score up to 0.7; those that look sexual stay under 0.2.
    # Sexual prompts score 0.3-0.5, violent ones 0.8-0.9. One threshold would have to stay above 0.7 and lose
    # every sexual prompt; per class, sexual can go down to 0.3 without a single false positive.
    risk, top, evidence, kind = _scores([
        ("sexual", "sexual", list(np.linspace(0.3, 0.5, 50))),
        ("violence", "violence", list(np.linspace(0.8, 0.9, 50))),
        ("benign_hard", "violence", list(np.linspace(0.1, 0.7, 100))),
        ("benign_hard", "sexual", list(np.linspace(0.0, 0.2, 100))),
        ("benign", "illegal", [0.05] * 200),
    ])
    chosen = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.025)
    flagged = refused_at(chosen, risk, top, evidence)
    assert flagged[kind == "sexual"].all() and flagged[kind == "violence"].all()
    assert chosen["sexual"] <= 0.3 < 0.7 < chosen["violence"]
    assert flagged[kind == "benign_hard"].mean() <= 0.025
    assert chosen["illegal"] == GRID[0]  # nothing to gain: left at the top


def test_the_false_positive_budget_stops_the_thresholds() -> None:
    # Harmful and benign prompts overlap: catching every harmful one would refuse half the benign ones.
    risk, top, evidence, kind = _scores([
        ("illegal", "illegal", list(np.linspace(0.2, 0.9, 100))),
        ("benign_chat", "illegal", list(np.linspace(0.0, 0.6, 100))),
        ("benign", "illegal", list(np.linspace(0.0, 0.5, 100))),
    ])
    chosen = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03)
    flagged = refused_at(chosen, risk, top, evidence)
    assert flagged[kind == "benign_chat"].mean() <= 0.03 and flagged[kind == "benign"].mean() <= 0.02
    assert 0.55 < chosen["illegal"] < 0.7
    assert flagged[kind == "illegal"].mean() > 0.4


def test_budget_left_by_the_target_classes_lowers_the_other_classes_thresholds() -> None:
    # Hate prompts score 0.2-0.3 and no benign prompt is most like hate: hate may go down to 0.2 for free,
    # while one threshold for all would stay above the benign prompts that look like violence (up to 0.7).
    risk, top, evidence, kind = _scores([
        ("violence", "violence", list(np.linspace(0.8, 0.9, 50))),
        ("hate", "hate", list(np.linspace(0.2, 0.3, 50))),
        ("benign_hard", "violence", list(np.linspace(0.1, 0.7, 100))),
        ("benign", "illegal", [0.05] * 200),
    ])
    chosen = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.025)
    assert chosen["hate"] <= 0.2 and refused_at(chosen, risk, top, evidence)[kind == "hate"].all()
    assert chosen["self_harm"] > 0.68  # nothing to gain: kept at the single threshold


@pytest.mark.django_db
def test_a_check_applies_the_threshold_of_the_most_likely_harmful_class(user: User) -> None:
    verdict = prompt_moderate(user=user, text="a nude woman spreading her legs on a bed, explicit",
                              stage=Stage.TOOL_PROMPT)
    probabilities = verdict.scores["classifier"]
    top = max(HARMFUL, key=probabilities.__getitem__)
    assert top == "sexual" and "sexual" in verdict.categories
    assert verdict.scores["threshold"] == classifier_threshold("sexual")


@pytest.mark.django_db
def test_the_threshold_setting_overrides_every_class(user: User) -> None:
    with override_settings(MODERATION_CLASSIFIER_THRESHOLD=0.99999):
        verdict = prompt_moderate(user=user, text="a man printing stacks of counterfeit hundred-dollar bills",
                                  stage=Stage.TOOL_PROMPT)
    assert verdict.scores["threshold"] == 0.99999 > verdict.scores["risk"]
    if not verdict.scores["terms"]:  # the classifier alone no longer refuses it
        assert verdict.allowed


def test_a_class_without_a_threshold_of_its_own_falls_back_to_block_threshold() -> None:
    assert classifier_threshold("no-such-class") == classifier_threshold(None)


def test_chat_and_hard_negatives_may_each_have_a_budget_of_their_own() -> None:
    # Hard negatives that look like violence score up to 0.7; chat messages stay under 0.1. Under one own budget
    # of 3% for both, violence stays above most hard negatives; with 10% for hard negatives alone it may go lower,
    # and the chat budget still bounds the chat messages.
    risk, top, evidence, kind = _scores([
        ("violence", "violence", list(np.linspace(0.4, 0.9, 100))),
        ("benign_hard", "violence", list(np.linspace(0.1, 0.7, 100))),
        ("benign_chat", "violence", list(np.linspace(0.0, 0.1, 100))),
        ("benign", "illegal", [0.05] * 200),
    ])
    shared = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03)
    split = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03, chat_budget=0.02,
                              hard_budget=0.10)
    flagged = refused_at(split, risk, top, evidence)
    assert flagged[kind == "benign_hard"].mean() <= 0.10 < refused_at(
        {c: split[c] - 0.02 for c in HARMFUL}, risk, top, evidence)[kind == "benign_hard"].mean()
    assert flagged[kind == "benign_chat"].mean() <= 0.02
    assert split["violence"] < shared["violence"]
    with pytest.raises(ValueError):
        choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03, hard_budget=0.10)


def test_implied_twins_teach_the_model_but_spend_no_false_positive_budget() -> None:
    from moderation.training.corpus import Example, generate
    from moderation.training.implied_corpus import generate_implied
    from moderation.training.train_classifier import budget_kind, twin_templates

    implied = generate_implied()
    others = generate()[:50]
    twins = twin_templates(implied + others)
    kinds = budget_kind(implied + others, twins)
    labels = [e.label for e in implied]
    # Every benign prompt of the implied corpus is a twin, no harmful one is, and other corpora keep their kinds.
    assert set(kinds[:len(implied)][np.array(labels) == "benign"]) == {"benign_twin"}
    assert "benign_twin" not in set(kinds[:len(implied)][np.array(labels) != "benign"])
    assert "benign_twin" not in set(kinds[len(implied):])
    # A twin family that another corpus also uses would take that corpus's prompts out of the budgets too.
    twin = next(e for e in implied if e.label == "benign")
    with pytest.raises(ValueError, match="also used elsewhere"):
        twin_templates(implied + [Example("a quiet harbour at dawn", "benign", twin.template)])
    # Twins scoring high as violence would hold the violence threshold up if they counted as hard negatives;
    # outside the budgets they change no threshold: the thresholds are those chosen without them.
    groups = [
        ("violence", "violence", list(np.linspace(0.45, 0.9, 50))),
        ("benign_hard", "violence", list(np.linspace(0.0, 0.45, 100))),
        ("benign", "illegal", [0.05] * 200),
    ]
    risk, top, evidence, kind = _scores(groups)
    without = choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03)
    risk, top, evidence, kind = _scores(groups + [("benign_twin", "violence", list(np.linspace(0.4, 0.65, 30)))])
    assert choose_thresholds(risk, top, evidence, kind, natural_budget=0.02, own_budget=0.03) == without
    counted = np.where(kind == "benign_twin", "benign_hard", kind)
    assert choose_thresholds(risk, top, evidence, counted, natural_budget=0.02,
                             own_budget=0.03)["violence"] > without["violence"]
