"""The names view of a prompt: the same text with the names of people and characters replaced by "a person".

Why (model card, "Candidate `ngram-emb-12`"): the classifier reads a harmful act as far less risky when a named
person or character does it ("a man shooting a police officer" 0.98, "Homer Simpson shooting a police officer"
0.15), because its harmful training prompts name their actors generically and its benign ones are full of names.
Prompt moderation therefore also scores this view when the classifier lets the prompt through, and refuses when
the view crosses the threshold (moderation/services/checks.py): a name can no longer lower the risk of an act, and
an image of a real person or a known character doing violence is refused as surely as one of "a person" doing it.

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

Version 4: two names joined by "and" share their place ("Chuck Norris and Bruce Lee fighting" -> "a person and a
person fighting"); "during", "including" and a few other prepositions in -ing do not make the name after them a
person ("during Rio Carnival"), and nouns in -ing ("morning", "wedding") are not verbs; "Will" and "May" can start
a name ("Will Smith").

It works on the case the user typed: "homer simpson shooting a cop" has no capital and keeps its one view. It
misses names in other places ("a sword fight between Keanu Reeves and Jet Li", "Batman punches ..."), where the
classifier alone decides, as it did before the view.
"""

from __future__ import annotations

import re

from moderation.filters.classifier import FILLER

NAMES_VIEW_VERSION = "4"
PERSON = "a person"
# Lowercase words that may join the capitalised words of one name.
_JOINERS = frozenset({"of", "the", "from", "de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la",
                      "du", "des", "al", "bin", "ibn", "y"})
# Small words that are also first names ("Will Smith", "May Whitty"); version 4.
_FIRST_NAMES = frozenset({"Will", "May"})
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
    if word.lower() in FILLER and word not in _FIRST_NAMES:
        return False
    return not (len(letters) > 1 and all(c.isupper() for c in letters) and not word.endswith("."))


# Words in -ing that are not verbs (version 4): nouns, never; prepositions, not before a name ("during the
# Olympics" is an event; "Tom Hanks during an orgy" is still a person).
_ING_NOUNS = frozenset("""
morning evening wedding ceiling clothing pudding sibling spring string thing nothing something anything everything
offspring lightning earring awning icing stuffing frosting
""".split())
_ING_PREPOSITIONS = frozenset(
    "during including excluding regarding concerning according notwithstanding pending".split())


def _ing(word: str) -> bool:
    return len(word) > 4 and word.islower() and word.endswith("ing") and word not in _ING_NOUNS


def _plain(word: str) -> bool:
    """A lowercase word that can stand inside a noun phrase between its article and a capitalised word, or that
    makes a single capitalised word before it a description ("Greek god")."""
    return word.isalpha() and word.islower() and not _ing(word) and word not in FILLER and word not in _JOINERS


def _runs(tokens: list[tuple[str, str, str, str]]) -> list[tuple[int, int]]:
    """(first, last) token of each run: capitalised words, and joiners between two of them, no punctuation inside."""
    runs = []
    i = 0
    while i < len(tokens):
        if not _capitalised(tokens[i][2]):
            i += 1
            continue
        j = i
        while not tokens[j][3]:
            k = j + 1
            while k < len(tokens) and tokens[k][2] in _JOINERS and not tokens[k][1] and not tokens[k][3]:
                k += 1
            if k < len(tokens) and not tokens[k][1] and _capitalised(tokens[k][2]):
                j = k
            else:
                break
        runs.append((i, j))
        i = j + 1
    return runs


def names_view(text: str) -> str | None:
    """`text` with every name in a person's place replaced by "a person", or None when there is none (then there is
    no second view to score)."""
    tokens = [(m.group(), *_core(m.group())) for m in _TOKEN.finditer(text)]
    words = [t[2] if not t[3] else "" for t in tokens]  # a word followed by punctuation links to nothing after it
    runs = _runs(tokens)
    acting: dict[int, bool] = {}
    for i, j in runs:
        end_tail = tokens[j][3]
        closed = not end_tail.strip("\"'\u201d\u2019)]") and end_tail[:1] not in ("'", "\u2019")
        following = tokens[j + 1][2] if j + 1 < len(tokens) and (not end_tail or closed) else ""
        k = i - 1 - (i > 0 and words[i - 1] in ("the", "The"))  # the word before, past a "the"
        # "a"/"an" with at most two plain words before it ("a Greek amphora", "a red Ferrari"): a thing.
        article = next((a for a in range(i - 1, max(i - 4, -1), -1) if words[a].lower() in ("a", "an")), None)
        described = ((article is not None and all(_plain(w) for w in words[article + 1:i]))
                     or (j == i and _plain(following)))
        # A person's place: doing an act ("Batman punching"), owning ("Batman's car"), or undergoing an act
        # ("punching the Joker").
        acting[i] = not described and (end_tail[:1] in ("'", "\u2019") or _ing(following)
                                       or (k >= 0 and _ing(words[k]) and words[k] not in _ING_PREPOSITIONS))
    # Version 4: two names joined by "and" share their place ("Chuck Norris and Bruce Lee fighting", "punching
    # Tom and Jerry").
    for (i1, j1), (i2, _) in zip(runs, runs[1:], strict=False):
        if i2 == j1 + 2 and words[j1] and words[j1 + 1] == "and" and (acting[i1] or acting[i2]):
            acting[i1] = acting[i2] = True
    out: list[str] = []
    starts = {i: j for i, j in runs}
    i = 0
    while i < len(tokens):
        if acting.get(i):
            j = starts[i]
            the = out.pop() if out and out[-1] in ("the", "The") else ""
            out.append(tokens[i][1] + (PERSON[0].upper() + PERSON[1:] if the == "The" else PERSON) + tokens[j][3])
            i = j + 1
        else:
            out.append(tokens[i][0])
            i += 1
    return " ".join(out) if any(acting.values()) else None
