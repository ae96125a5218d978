"""The names view of a prompt: the same text with the names of people and characters replaced by "a person".

Why (model card, "Candidate `ngram-emb-12`"): the classifier reads a harmful act as far less risky when a named
person or character does it ("a man shooting a police officer" 0.98, "Homer Simpson shooting a police officer"
0.15), because its harmful training prompts name their actors generically and its benign ones are full of names.
Prompt moderation therefore also scores this view and keeps the higher risk: a name can no longer lower the risk
of an act, and an image of a real person or a known character doing violence is refused as surely as one of "a
person" doing it.

Names are found by their capital letters, with no list of names (a list would miss the next celebrity), and
replaced only where a person stands (version 3):

- a run of capitalised words, with the small joining words of names inside it ("Joan of Arc", "Winnie the Pooh",
  "Samuel L. Jackson", "Leonardo da Vinci") and a "the" just before it ("the Joker"), is one name;
- it is replaced only in a person's place: directly before a verb in -ing ("Homer Simpson shooting ..."), as a
  possessive ("Bruce Lee's face") or directly after a verb in -ing ("punching the Joker"). Elsewhere it stays as
  typed: "riding a bicycle through Paris", "a nude statue in the National Museum in Athens", "the Paris Catacombs
  with walls of skulls" keep their places and institutions (version 2 made them "a person", and "through a
  person" reads as violence);
- "I" and words in capitals only ("HD", "NSFW", "4K") are not names;
- a capitalised word that describes a thing is not a name: after "a" or "an" and at most two plain words ("a
  Greek amphora", "an Italian chef", "a red Ferrari racing"), or one capitalised word directly before a lowercase
  word other than a verb in -ing or a small word ("Greek god", "Christmas tree").

It works on the case the user typed: "homer simpson shooting a cop" has no capital and keeps its one view. It
misses names in other places ("a sword fight between Keanu Reeves and Jet Li", "Batman punches ..."), where the
classifier alone decides, as it did before the view.
"""

from __future__ import annotations

import re

from moderation.filters.classifier import FILLER

NAMES_VIEW_VERSION = "3"
PERSON = "a person"
# Lowercase words that may join the capitalised words of one name.
_JOINERS = frozenset({"of", "the", "from", "de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la",
                      "du", "des", "al", "bin", "ibn", "y"})
_TOKEN = re.compile(r"\S+")
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
_EDGE = "\"'()[]{}<>«»“”‘’,.!?:;*_"


def _core(token: str) -> tuple[str, str, str]:
    """(leading punctuation, word, trailing punctuation and possessive) of one whitespace token. A final dot is
    kept in the word for initials and titles ("L.", "Mr."), since it does not end a sentence there."""
    start = len(token) - len(token.lstrip(_EDGE))
    stripped = token.rstrip(_EDGE)
    word = token[start:len(stripped)] if len(stripped) > start else ""
    tail = token[len(stripped):] if len(stripped) > start else token[start:]
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix):
            word, tail = word[: -len(suffix)], suffix + tail
            break
    if tail.startswith(".") and 1 <= len(word) <= 3 and word[:1].isupper() and word.isalpha():
        word, tail = word + ".", tail[1:]
    return token[:start], word, tail


def _capitalised(word: str) -> bool:
    """Whether `word` can be part of a name: it starts with a capital, is not all capitals ("HD", "NSFW"), not
    "I" and not a word that says nothing on its own ("A", "The", "Draw", "Please")."""
    letters = [c for c in word if c.isalpha()]
    if not letters or not word[:1].isupper() or word.split("'")[0].split("\u2019")[0] == "I":
        return False
    if word.lower() in FILLER:
        return False
    return not (len(letters) > 1 and all(c.isupper() for c in letters) and not word.endswith("."))


def _ing(word: str) -> bool:
    return len(word) > 4 and word.islower() and word.endswith("ing")


def _plain(word: str) -> bool:
    """A lowercase word that can stand inside a noun phrase between its article and a capitalised word."""
    return word.isalpha() and word.islower() and not _ing(word) and word not in FILLER and word not in _JOINERS


def _described(word: str) -> bool:
    """Whether `word`, following a single capitalised word, makes that word a description of it ("Greek god")."""
    return word.isalpha() and word.islower() and not _ing(word) and word not in FILLER and word not in _JOINERS


def names_view(text: str) -> str | None:
    """`text` with every name in a person's place replaced by "a person", or None when there is none (then there is
    no second view to score)."""
    tokens = [(m.group(), *_core(m.group())) for m in _TOKEN.finditer(text)]
    out: list[str] = []
    changed = False
    i = 0
    while i < len(tokens):
        raw, lead, word, tail = tokens[i]
        j = i
        if _capitalised(word):
            # The run: capitalised words, and joiners between two of them, with no punctuation inside.
            while not tokens[j][3]:
                k = j + 1
                while k < len(tokens) and tokens[k][2] in _JOINERS and not tokens[k][1] and not tokens[k][3]:
                    k += 1
                if k < len(tokens) and not tokens[k][1] and _capitalised(tokens[k][2]):
                    j = k
                else:
                    break
            end_tail = tokens[j][3]
            closed = not end_tail.strip("\"'\u201d\u2019)]") and end_tail[:1] not in ("'", "\u2019")
            following = tokens[j + 1][2] if j + 1 < len(tokens) and (not end_tail or closed) else ""
            before = out[:-1] if out and out[-1] in ("the", "The") else out
            # "a"/"an" with at most two plain words before it ("a Greek amphora", "a red Ferrari"): a thing.
            article = next((k for k in range(1, 4) if k <= len(out) and out[-k].lower() in ("a", "an")), 0)
            between = out[len(out) - article + 1:] if article else []
            described = ((article > 0 and all(_plain(w) for w in between))
                         or (j == i and _described(following)))
            # A person's place: doing an act ("Batman punching"), owning ("Batman's car"), or undergoing an act
            # ("punching the Joker").
            acting = end_tail[:1] in ("'", "\u2019") or _ing(following) or (bool(before) and _ing(before[-1]))
            if acting and not described:
                the = out.pop() if len(before) < len(out) else ""
                out.append(lead + (PERSON[0].upper() + PERSON[1:] if the == "The" else PERSON) + end_tail)
                changed = True
            else:
                out += [t[0] for t in tokens[i:j + 1]]
            i = j + 1
            continue
        out.append(raw)
        i += 1
    return " ".join(out) if changed else None
