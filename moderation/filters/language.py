"""The language of a prompt, English or French (the two of Atelier's interface), for the few terms that are a
harmless word in the other language: "son" names a child in English and means "his" or "her" in French ("un
chasseur et son chien"). py3langid (a fork of langid.py, BSD) ships its model in the package; restricted to the
two languages it reads a prompt in about 0.1 ms.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import py3langid
from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("en", "fr")
# Below this share the language is unknown and every term applies (a short or mixed prompt fails closed).
MIN_PROBABILITY = 0.95
MIN_WORDS = 3


@cache
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(Path(py3langid.__file__).parent / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def warm() -> None:
    """Load the model now (about 0.4 s), not at the first prompt that needs it."""
    _identifier()


def language_of(text: str) -> str | None:
    """"en" or "fr" when the prompt is clearly in that language, else None."""
    if len(text.split()) < MIN_WORDS:
        return None
    language, probability = _identifier().classify(text)
    return str(language) if probability >= MIN_PROBABILITY else None
