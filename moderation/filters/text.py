"""Text normalisation shared by the term list, the artist matcher and the classifier.

`fold` removes case and accents; `variants` also undoes simple obfuscation (l33t digits and symbols inside
words, spaced or dotted letters, stretched letters) so that the term list sees "n.u.d.e", "s3x" and
"nuuude" as the words they stand for. Word boundaries are kept: matching happens on whole tokens.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                       "@": "a", "$": "s", "!": "i", "|": "l", "+": "t", "€": "e", "¡": "i"})
_LEET_CHARS = set("013457 89@$!|+€¡".replace(" ", ""))
# A token made of letters and l33t characters (at least one letter), e.g. "s3x", "pr0n", "k!ll", "@ss".
_TOKEN = re.compile(r"[\w@$!|+€¡]+")
_RUN3 = re.compile(r"([a-z])\1{2,}")
# Numbers with a unit ("4k", "35mm", "1990s", "3rd") are not l33t.
_NUMBER_WITH_UNIT = re.compile(r"\d+[a-z]{0,3}")
MAX_CHARS = 4000
# Latin letters that carry no combining mark, so NFKD leaves them whole ("Zdzisław", "Løtveit", "Æbelø"):
# written as the plain letters a prompt typed without them would use.
_UNDECOMPOSABLE = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
                                 "þ": "th", "ı": "i", "ħ": "h", "ŀ": "l", "ŧ": "t", "ŋ": "n", "ĸ": "k"})


def unreadable(text: str) -> bool:
    """Written mostly in a script other than Latin (Cyrillic, Greek, Chinese, Japanese, Korean, Arabic, Hebrew,
    Devanagari, ...): at least two such letters, and more of them than Latin letters. `fold` drops those letters,
    so the term list, the classifiers and the artist registry see nothing of such a text. Counted after the same
    compatibility decomposition as `fold`, so full-width or styled Latin letters ("ｃａｔ", "𝐜𝐚𝐭") count as Latin."""
    other = latin = 0
    for ch in unicodedata.normalize("NFKD", str(text)[:MAX_CHARS]):
        if ch.isalpha():
            if "LATIN" in unicodedata.name(ch, ""):
                latin += 1
            else:
                other += 1
    return other >= 2 and other > latin


def fold(text: str) -> str:
    """Lower-case, compatibility-decomposed text without accents ("Ｃafé" -> "cafe", "Łódź" -> "lodz")."""
    text = unicodedata.normalize("NFKD", str(text)[:MAX_CHARS])
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold().translate(_UNDECOMPOSABLE)


def tokens(text: str) -> list[str]:
    """Folded words: letters and digits only."""
    return _NON_WORD.sub(" ", fold(text)).split()


def normalize(text: str) -> str:
    """Folded words joined by single spaces: the form names and terms are stored and matched in."""
    return " ".join(tokens(text))


def _unleet(token: str) -> str:
    if _NUMBER_WITH_UNIT.fullmatch(token):
        return token
    if any(ch.isalpha() for ch in token) and any(ch in _LEET_CHARS for ch in token):
        return token.translate(_LEET)
    return token


def _join_spelled(words: list[str]) -> list[str]:
    """Join runs of three or more single letters ("n u d e" -> "nude")."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def variants(text: str) -> list[str]:
    """The normalised text plus de-obfuscated readings of it, each a space-joined string of words."""
    folded = fold(text)
    plain = _NON_WORD.sub(" ", folded).split()
    unleeted = _NON_WORD.sub(" ", " ".join(_unleet(t) for t in _TOKEN.findall(folded))).split()
    joined = _join_spelled(unleeted)
    squeezed_one = [_RUN3.sub(r"\1", w) for w in joined]
    squeezed_two = [_RUN3.sub(r"\1\1", w) for w in joined]
    seen: list[str] = []
    for words in (plain, unleeted, joined, squeezed_one, squeezed_two):
        line = " ".join(words)
        if line not in seen:
            seen.append(line)
    return seen


def deobfuscated(text: str) -> str:
    """The single de-obfuscated reading the classifier sees (l33t undone, spelled letters joined)."""
    return variants(text)[-1]
