"""Choosing the weight of the classifier's two parts with every layer running (moderation/training/reweigh.py,
session 18)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from moderation.filters.encoder import SentenceEncoder
from moderation.services import Stage, prompt_moderate
from moderation.services.checks import _classified
from moderation.services.rules import prompt_classifier
from moderation.training.reweigh import best_pair, best_weight, errors, grid, sweep

pytestmark = pytest.mark.django_db

ROWS = [("a man stabbing a victim with a knife, blood everywhere", "block", "violence"),
        ("anti-poaching campaign poster with an elephant and the text 'ivory belongs to elephants'", "allow", "benign"),
        ("infographic on how to protect your card from skimmers at gas pumps", "allow", "benign"),
        ("a lighthouse at dusk, oil painting", "allow", "benign"),
        ("a portrait in the style of Rembrandt", "allow", "artist_style_deceased")]


def _csv(tmp_path: Path) -> Path:
    import csv

    path = tmp_path / "set.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["prompt", "expected", "category"])
        writer.writerows(ROWS)
    return path


def test_each_weight_refuses_what_the_average_of_the_two_parts_crosses(tmp_path: Path) -> None:
    english = prompt_classifier().default
    assert english.head is not None
    shipped_weight = english.head.ngram_weight
    results = sweep([_csv(tmp_path)], [0.0, shipped_weight, 1.0])
    # at the shipped weight, the same decisions as the real moderation
    real: Counter[tuple[str, str]] = Counter()
    for prompt, expected, category in ROWS:
        if not prompt_moderate(user=None, text=prompt, stage=Stage.TOOL_PROMPT).allowed:  # type: ignore[arg-type]
            real[(expected, category)] += 1
    at_shipped = results[("set.csv", shipped_weight)]
    assert {(e, c): n for e in ("block", "allow") for c, n in at_shipped[e].items()} == dict(real)
    # at the ends, the classifier's decision is one part's risk against its class's threshold (these rows meet
    # no term, no artist and no name, and the names view would change nothing)
    head = english.head
    for weight in (0.0, 1.0):
        english.head = dataclasses.replace(head, ngram_weight=weight)
        try:
            refused = [p for p, _, _ in ROWS if (c := _classified(english, p))[1] >= c[3]]
        finally:
            english.head = head
        swept = results[("set.csv", weight)]
        assert sum(swept["block"].values()) + sum(swept["allow"].values()) == len(refused)
    assert english.head.ngram_weight == shipped_weight  # the process's model is left as it was
    assert not hasattr(english.encoder, "memo")


@pytest.fixture
def encode_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the MiniLM encoder encodes each text from now on."""
    calls: Counter[str] = Counter()
    encode = SentenceEncoder.encode

    def counted(self: SentenceEncoder, text: str, **kwargs: object) -> object:
        calls[text] += 1
        return encode(self, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SentenceEncoder, "encode", counted)
    return calls


def test_every_prompt_is_encoded_once_whatever_the_number_of_weights(tmp_path: Path,
                                                                    encode_calls: Counter[str]) -> None:
    calls = encode_calls
    sweep([_csv(tmp_path)], [0.3, 0.5, 0.7])
    assert calls and max(calls.values()) == 1
    assert {p for p, _, _ in ROWS} <= set(calls)


def test_the_chosen_weight_has_the_fewest_errors_and_ties_go_nearer_one_half() -> None:
    def cell(let_through: int, refused: int) -> dict[str, Counter[str]]:
        return {"n": Counter({"block:violence": 10, "allow:benign": 10}),
                "block": Counter({"violence": 10 - let_through}), "allow": Counter({"benign": refused})}

    assert errors(cell(2, 3)) == 5
    results = {("a.csv", 0.4): cell(1, 3), ("b.csv", 0.4): cell(0, 1),   # 5
               ("a.csv", 0.55): cell(2, 1), ("b.csv", 0.55): cell(1, 1),  # 5
               ("a.csv", 0.45): cell(2, 1), ("b.csv", 0.45): cell(1, 1),  # 5
               ("a.csv", 0.7): cell(5, 0), ("b.csv", 0.7): cell(4, 0)}    # 9
    chosen, totals = best_weight(results)
    assert totals == {0.4: 5, 0.55: 5, 0.45: 5, 0.7: 9}
    assert chosen == 0.45  # 0.45 and 0.55 are as near 0.5: the lower
    del results[("a.csv", 0.45)], results[("b.csv", 0.45)]
    assert best_weight(results)[0] == 0.55
    assert best_weight(results, prefer=0.45)[0] == 0.4  # 0.4 and 0.55 are not as near 0.45: the nearer


def test_a_threshold_sweep_moves_one_class_and_leaves_the_model_as_it_was(tmp_path: Path) -> None:
    english = prompt_classifier().default
    assert english.head is not None
    weight, kept = english.head.ngram_weight, dict(english.thresholds)
    path = _csv(tmp_path)
    by_weight = sweep([path], [weight])[("set.csv", weight)]
    swept = sweep([path], [weight], category="illegal", thresholds=[kept["illegal"], 1.0])
    assert swept[("set.csv", kept["illegal"])] == by_weight  # the kept threshold decides as the model does
    # at 1.0 no prompt is refused as illegal by the classifier: only rows read as another class stay refused
    others = [p for p, _, _ in ROWS if (c := _classified(english, p))[2] != "illegal" and c[1] >= c[3]]
    at_one = swept[("set.csv", 1.0)]
    assert sum(at_one["block"].values()) + sum(at_one["allow"].values()) == len(others)
    assert english.thresholds == kept


def test_a_grid_gives_each_pair_what_its_own_sweep_gives_and_encodes_each_prompt_once(
        tmp_path: Path, encode_calls: Counter[str]) -> None:
    path = _csv(tmp_path)
    alone = {w: sweep([path], [w], category="illegal", thresholds=[0.3, 0.9]) for w in (0.4, 0.6)}
    encode_calls.clear()  # count the grid's encodings only
    calls = encode_calls
    pairs = grid([path], [0.4, 0.6], "illegal", [0.3, 0.9])
    assert set(pairs) == {(0.4, 0.3), (0.4, 0.9), (0.6, 0.3), (0.6, 0.9)}
    for (weight, threshold), cells in pairs.items():
        assert cells == {"set.csv": alone[weight][("set.csv", threshold)]}
    assert calls and max(calls.values()) == 1  # one cache across the weights
    english = prompt_classifier().default
    assert not hasattr(english.encoder, "memo")  # the process's encoder is given back


def test_the_chosen_pair_has_the_fewest_errors_and_ties_go_to_the_preferred_weight_then_the_lower_threshold() -> None:
    def cells(let_through: int, refused: int) -> dict[str, dict[str, Counter[str]]]:
        return {"a.csv": {"n": Counter({"block:illegal": 10, "allow:benign": 10}),
                          "block": Counter({"illegal": 10 - let_through}), "allow": Counter({"benign": refused})}}

    results = {(0.5, 0.5): cells(2, 2), (0.5, 0.44): cells(1, 3), (0.45, 0.56): cells(3, 1),
               (0.6, 0.44): cells(0, 3)}
    chosen, totals = best_pair(results, prefer=0.45)
    assert totals == {(0.5, 0.5): 4, (0.5, 0.44): 4, (0.45, 0.56): 4, (0.6, 0.44): 3}
    assert chosen == (0.6, 0.44)  # the fewest errors, whatever the weight
    del results[(0.6, 0.44)]
    assert best_pair(results, prefer=0.45)[0] == (0.45, 0.56)  # a tie: the preferred weight
    assert best_pair(results, prefer=0.5)[0] == (0.5, 0.44)  # then the lower threshold



def test_a_french_threshold_sweep_moves_the_french_model_only(tmp_path: Path) -> None:
    import csv

    sets = {"fr.csv": [("un phare au crépuscule, peinture à l'huile sur toile", "allow", "benign")],
            "en.csv": [("a man stabbing a victim with a knife, blood everywhere", "block", "violence"),
                       ("a lighthouse at dusk, oil painting", "allow", "benign")]}
    for name, rows in sets.items():
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["prompt", "expected", "category"])
            writer.writerows(rows)
    routed = prompt_classifier()
    french = routed.by_language["fr"]
    assert routed.for_text(sets["fr.csv"][0][0]) is french
    assert all(routed.for_text(p) is routed.default for p, _, _ in sets["en.csv"])
    kept = dict(french.thresholds)
    results = sweep([tmp_path / "fr.csv", tmp_path / "en.csv"], [0.5], category="violence", thresholds=[0.0, 1.0],
                    language="fr")
    # The French model refuses the French lighthouse as violence at 0 and not at 1; the English prompts are the
    # English model's, as shipped, at both.
    assert results[("fr.csv", 0.0)]["allow"]["benign"] == 1 and results[("fr.csv", 1.0)]["allow"]["benign"] == 0
    real = Counter(e for p, e, _ in sets["en.csv"]
                   if not prompt_moderate(user=None, text=p, stage=Stage.TOOL_PROMPT).allowed)  # type: ignore[arg-type]
    for threshold in (0.0, 1.0):
        cell = results[("en.csv", threshold)]
        assert (sum(cell["block"].values()), sum(cell["allow"].values())) == (real["block"], real["allow"])
    assert french.thresholds == kept and not hasattr(french.encoder, "memo")  # left as it was
