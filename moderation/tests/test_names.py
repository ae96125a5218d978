"""The names view: names of people and characters replaced by "a person" where a person stands, found by their
capitals alone."""

from __future__ import annotations

import random

import pytest

from moderation.filters.names import names_view


@pytest.mark.parametrize(("text", "view"), [
    ("Homer Simpson shooting a police officer", "a person shooting a police officer"),
    ("a man and Jet Li fighting", "a man and a person fighting"),
    ("a photo of Tom Hanks stabbing a man", "a photo of a person stabbing a man"),
    ("Chuck Norris delivering a punch to Bruce Lee's face", "a person delivering a punch to a person's face"),
    ("Chuck Norris and Bruce Lee fighting in a bar", "a person and a person fighting in a bar"),
    ("Popeye punching Bluto and Olive Oyl", "a person punching a person and a person"),
    ("Will Smith slapping a man", "a person slapping a man"),
    ("Tom Hanks during a bar fight", "a person during a bar fight"),
    ("Batman punching the Joker in the face", "a person punching a person in the face"),
    ("Draw Samuel L. Jackson beheading Mr. Bean", "Draw a person beheading a person"),
    ("Pikachu holding a gun to Ash's head", "a person holding a gun to a person's head"),
    ("\"Tom Hanks\" selling heroin, 4K, HD", "\"a person\" selling heroin, 4K, HD"),
    ("The Joker laughing", "A person laughing"),
    ("Elsa from Frozen kicking Shrek", "a person kicking a person"),
    ("a crowd cheering. Napoleon riding a horse", "a crowd cheering. a person riding a horse"),
    ("Zoë Saldaña running", "a person running"),
])
def test_names_are_replaced_by_a_person(text: str, view: str) -> None:
    assert names_view(text) == view


@pytest.mark.parametrize("text", [
    "A man stabbing another man", "Portrait of a woman, oil on canvas", "Sunset over the sea. Fishing boats",
    "I want a red car, NSFW, HD, 8K", "homer simpson shooting a cop", "Make it blue", "", "   ", "!!! ???",
    "a marble statue of a nude Greek god", "an Italian chef holding a knife", "a Lego set, Christmas tree lights",
    # Places and institutions stay where they are: only a person's place (acting, owning, undergoing) is replaced.
    "a bronze athlete in the National Museum in Athens", "the Paris Catacombs with walls of skulls",
    "a red Ferrari racing past the grandstands at Monza", "a sword fight between Keanu Reeves and Jet Li",
    "fireworks during Bastille Day in Paris", "a crowd cheering during the Tour de France", "Will you draw a cat?",
    "Disney clothing on a rack", "Paris and London at night",
])
def test_a_text_that_names_nobody_has_no_second_view(text: str) -> None:
    assert names_view(text) is None


def test_a_long_text_is_handled_word_by_word() -> None:
    text = "Tom Hanks waving. " * 2000
    view = names_view(text)
    assert view is not None and view.count("a person waving.") == 2000 and "Hanks" not in view


def test_odd_text_never_raises() -> None:
    rng = random.Random(0)
    alphabet = ("aA bB'\u2019\"., -_\u00c9\u00e9\u0130\u0131\u00df\u1e9e\u0301\u200b\n\t"
                "TomHanks punching ('s) \u00ab\u00bb The the an of")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        view = names_view(text)
        assert view is None or (isinstance(view, str) and "a person" in view.lower())
