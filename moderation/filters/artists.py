"""Finds artist names in a prompt and applies the style policy: living artists' styles are refused,
deceased artists and studios are allowed, an opt-out or a staff decision overrides the dates.

Full names of two or more words match anywhere in the prompt. A one-word name ("Banksy", or the one-word bracket
of "Brian Donnelly (KAWS)" unless it is an ordinary word) or a bare surname ("Rutkowski") matches only where the
prompt asks for a style ("style of X", "X style", "inspired by X", "X-esque", "the way X would", or the name as a
comma-separated tag of its own, "a castle, Miyazaki, 4k", or "by" and the name as a tag, "..., by Wlop, 4k", unless
it is an ordinary word) or names the author of a work ("fantasy art by X", "a poster by X", "peinture par X"; a bare
"by X" is not enough), and a bare surname only when no allowed artist shares it, so that ordinary words and common
surnames do not trip the policy. After a one-word name that is also an ordinary word ("Haze", "Sharp"), "like" and
"aesthetic" compare or describe ("neon haze like a dream") and ask for no style; "Haze style" still does.

A full name is a person shown, not a style asked, when it is the subject of an act and the prompt asks for no
style at all: it opens the prompt or follows "and", "of" or "with", and a verb in -ing follows it ("Yoko Ono
planting acorns", "a portrait of Nick Cave eating dinner"). Making art ("Goro Fujita illustrating ...") and the
words of prompt tags ("trending", "featuring") are not such acts.

A one-word name or a bare surname that is not an ordinary word, followed in its fragment by a word of a work
("banksy stencil", "sparth concept art", "a crewdson photo") or by "vibes", names that artist's work as a style
request does; so do "façon X" and "à la manière de X"; Stable Diffusion's weight syntax "(kuvshinov:1.2)" is read
as a tag. A two-word name whose words are not ordinary words is also found surname first ("murakami takashi").
Where a style is asked or the words are a tag, a one-word name whose word (six letters or more) has one letter
wrong ("bansky style") stands for that name, unless the word is a name, a surname or an ordinary word as written;
a full name with one letter wrong in its last word ("greg rutkowsky") is found anywhere, as the full name is.

A registry name stands for the forms people type: with or without a bracketed nickname, real name or
variant ("Grzegorz (Greg) Rutkowski" is also "Greg Rutkowski" and "Grzegorz Rutkowski"; "A.R. Penck (Ralf
Winkler)" is also "Ralf Winkler" and "AR Penck"), accents and letters such as "ł" or "ø" folded either way,
and a possessive ("Rutkowski's style") read as the name. Initials for given names ("G. Rutkowski",
"H.R. Giger") count like a bare surname: only in a style request (or after "by"), and only when every
artist they could stand for is refused.

A bare surname has five letters or more, or four that are not an ordinary word ("Doig", not "Wood"). It does not
stand for the registry's artists when the prompt writes it as another person's full name: a capitalised word right
before it that can be a given name and is not one of theirs, nor a short or long form of one ("Tove Jansson-like"
is not Alexander Jansson; "Alex Jansson" still is). So a deceased artist missing from the sources is not refused
for a living namesake's surname. Words of works and styles, titles and small words are not given names ("Digital
Art Rutkowski style", "Painter Rutkowski"). Nor does it when the prompt writes it as another person's given name,
capitalised right before a capitalised word that can be a surname and is none of their given names ("à la manière
de Cornelius Krieghoff" is not Chris Cornelius; "Rutkowski Greg" still is Greg Rutkowski), session 26.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from moderation.filters.text import tokens

K = TypeVar("K")
# What separates the fragments of a tag-style prompt ("a castle, Miyazaki, 4k").
_FRAGMENT = re.compile(r"[,;|\n]")
# A word of letters as written (with its case), for reading a given name before a surname.
_RAW_WORD = re.compile(r"[^\W\d_]+")
MIN_GIVEN_CHARS = 3
# Capitalised words people put before an artist's surname that are not given names.
_NOT_GIVEN = {"artist", "artists", "painter", "illustrator", "photographer", "sculptor", "designer", "architect",
              "master", "maestro", "digital", "fantasy", "classic", "famous", "modern", "contemporary", "young",
              "old", "great", "sir", "dame", "lady", "lord", "saint", "madame", "monsieur", "professor", "doctor",
              "mister", "miss", "the", "and", "with", "from", "for", "like", "trending", "artstation"}

LIVING, DECEASED, UNKNOWN, STUDIO = "living", "deceased", "unknown", "studio"  # a studio's style is allowed
AUTO, BLOCK, ALLOW = "auto", "block", "allow"
MAX_NAME_WORDS = 6
MIN_SURNAME_CHARS = 5
# A name's last word this long or longer is also found written with one letter wrong ("Rutkowsky", "Bansky").
MIN_FUZZY_CHARS = 6
# Words before a name that ask for a style; words after it that do the same.
_BEFORE = [("style", "of"), ("styles", "of"), ("inspired", "by"), ("manner", "of"), ("stil", "von"),
           ("style", "de"), ("estilo", "de"), ("look", "of"), ("aesthetic", "of"), ("artstyle", "of"),
           ("the", "way"), ("maniere", "de")]
_AFTER = {"style", "styled", "inspired", "esque", "like", "aesthetic", "artstyle"}
_AFTER_ORDINARY = _AFTER - {"like", "aesthetic"}  # after a name that is also an ordinary word (session 22)
# French: "façon X" ("Stålenhag-style"), as "à la manière de X" is ("maniere", "de") above.
_BEFORE_ONE = {"facon"}
# "<a work> by X" (EN) and "<a work> par X" (FR) name the author of a work, as a style request does: "fantasy art
# by Wlop", "a poster by Beeple", "une affiche par Loish". A bare "by X" does not ("lit by cyan neon", "surrounded
# by crash barriers"), so a one-word name or a bare surname needs a word for a work before the "by".
_WORKS = {"art", "artwork", "artworks", "painting", "paintings", "painted", "illustration", "illustrations",
          "illustrated", "drawing", "drawings", "drawn", "sketch", "sketched", "poster", "posters", "portrait",
          "portraits", "render", "rendered", "sculpture", "sculpted", "photograph", "photographed", "mural",
          "print", "fanart", "concept", "comic", "piece", "peinture", "peint", "peinte", "dessin",
          "dessine", "affiche", "oeuvre", "tableau", "gravure", "sculpte"}
_BY = {"by", "par"}
# A word of a work right after a one-word name or a bare surname that is not an ordinary word names that artist's
# work, as "X style" asks for it: "banksy stencil", "sparth concept art", "a crewdson photo", "chaim machlev tattoo".
_WORK_AFTER = _WORKS | {"piece", "pieces", "photo", "photos", "tattoo", "tattoos", "stencil", "graffiti", "technique",
                        "everyday", "everydays", "look", "manga", "comics", "figure", "figures", "vibes", "vibe"}
# Stable Diffusion's weight syntax, "(kuvshinov:1.2)": the name inside is a tag of its own.
_WEIGHTED = re.compile(r"\(([^():,]+):\s*\d+(?:\.\d+)?\)")
# A full name in one of these places, followed by a verb in -ing, is someone shown doing something.
_SUBJECT_BEFORE = {"and", "of", "with"}
# Words in -ing after a name that are not the person's act: making art, and the words of prompt tags.
# (The words of works, "painting", "drawing", are in _WORKS.)
_NOT_ACTS = {"sketching", "illustrating", "inking", "rendering", "sculpting", "trending",
             "tranding", "featuring", "using", "showing", "depicting", "including", "lighting", "shading",
             "colouring", "coloring", "printing", "engraving", "etching", "photographing", "filming", "directing",
             "designing", "writing"}
# Last words of firms' names in the registry ("... Design Studio"): never read as a bare surname.
_NOT_SURNAMES = {"studio", "studios", "design", "designs", "group", "company", "associates", "architects",
                 "architecture", "inc", "ltd", "llc", "gmbh", "workshop", "collective", "partners", "office",
                 "lab", "labs", "brothers", "sisters", "family", "press", "films", "animation", "pictures",
                 "productions", "works", "school", "society", "museum", "gallery", "team"}
_BRACKET = re.compile(r"\(([^()]*)\)")
# How a bracket sometimes introduces the other name: "(pen name: Suichiku)", "(born Ralf Winkler)".
_ALIAS_PREFIX = re.compile(r"^(?:pen name|born|n[ée]e?|called|also known as|known as|previously known as|"
                           r"formerly|real name|aka)\s*:?\s*", re.IGNORECASE)
# Words that cannot make a name on their own ("Pieter Bruegel (the Elder)" has no alias "the elder").
_NOT_A_NAME = {"the", "elder", "younger", "jr", "sr", "i", "ii", "iii", "de", "van", "von", "der", "la", "le",
               "and", "of"}
# Words that are never a person's name beside a surname: titles and words of prompts, small words, words of works,
# of style requests and of "by".
_NOT_NAME_WORDS = frozenset(_NOT_GIVEN | _NOT_A_NAME | _WORKS | _AFTER | _BY)
# "Rutkowski's", "Rutkowski’s": the name without the possessive.
_POSSESSIVE = re.compile(r"(?<=\w)['’`´]s\b", re.IGNORECASE)


@cache
def _common_words() -> frozenset[str]:
    """Whole words of the bundled encoder's English vocabulary: a one-word bracket that is one of them ("Paris",
    "Blade") is a word before it is an artist's name."""
    from moderation.filters.encoder import default_model_dir

    with (default_model_dir() / "vocab.txt").open(encoding="utf-8") as fh:
        return frozenset(w for w in fh.read().split() if w.isalpha())


def _surname_alone(surname: str) -> bool:
    """A surname that can stand for its artists on its own (in a style request): five letters or more, or four
    that are not an ordinary word ("Doig", not "Wood"); never a firm's last word."""
    if surname in _NOT_SURNAMES:
        return False
    return len(surname) >= MIN_SURNAME_CHARS or (
        len(surname) == MIN_SURNAME_CHARS - 1 and surname.isalpha() and surname not in _common_words())


def name_forms(name: str) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    """The word sequences a registry name matches: (full forms, which match anywhere; initial forms, which
    match only in a style request). Only the first bracket is read as a variant; later ones are dropped."""
    match = _BRACKET.search(name)
    forms: set[tuple[str, ...]] = set()
    if match is None:
        forms.add(tuple(tokens(name)))
    else:
        before = tokens(name[:match.start()])
        inside = tokens(_ALIAS_PREFIX.sub("", match.group(1).strip()))
        after = tokens(_BRACKET.sub(" ", name[match.end():]))
        forms.update({tuple(before + inside + after), tuple(before + after)})
        if before and inside:
            forms.add(tuple(before[:-1] + inside + after))  # the nickname in place of the given name
        if not after and len(inside) >= 2:
            forms.add(tuple(inside))  # "A.R. Penck (Ralf Winkler)": the other name on its own
        if before and not after and len(inside) == 1 and inside[0] not in _common_words():
            forms.add(tuple(inside))  # "Brian Donnelly (KAWS)": the one-word name (not "Paris", a word first)
        if not before and inside and after:
            forms.add(tuple(inside + after[-1:]))  # "(Android) Andrew Jones": "Android Jones"
    forms = {f for f in forms if f and not set(f) <= _NOT_A_NAME}
    # Initials the registry itself uses ("a r penck") are also typed run together ("AR Penck").
    for form in list(forms):
        if len(form) > 2 and all(len(w) == 1 for w in form[:-1]):
            forms.add(("".join(form[:-1]), form[-1]))
    initials: set[tuple[str, ...]] = set()
    for form in forms:
        surname, given = form[-1], form[:-1]
        if (not given or len(surname) < MIN_SURNAME_CHARS or surname in _NOT_SURNAMES
                or any(len(w) == 1 for w in given) or set(given) & _NOT_A_NAME):
            continue
        letters = tuple(w[0] for w in given)
        initials.update({(*letters, surname), ("".join(letters), surname), (letters[0], surname)})
    return forms, initials - forms


@dataclass(frozen=True)
class ArtistEntry:
    id: int
    name: str
    status: str  # living, deceased, unknown, studio
    policy: str = AUTO  # auto (by status), block (opt-out, staff), allow (staff)

    @property
    def blocks(self) -> bool:
        return self.policy == BLOCK or (self.policy == AUTO and self.status == LIVING)


@dataclass(frozen=True)
class ArtistHit:
    id: int
    name: str
    blocked: bool


class ArtistMatcher:
    def __init__(self, entries: Iterable[ArtistEntry]) -> None:
        self._names: dict[tuple[str, ...], list[ArtistEntry]] = {}
        self._initials: dict[tuple[str, ...], list[ArtistEntry]] = {}
        self._surnames: dict[str, list[ArtistEntry]] = {}
        self._given: dict[str, set[str]] = {}  # a surname's artists' given names (first words of their forms)
        self._reversed: dict[tuple[str, ...], list[ArtistEntry]] = {}  # "murakami takashi"
        self._fuzzy: dict[tuple[str, ...], list[ArtistEntry]] = {}  # forms with one letter of the last word deleted
        for entry in entries:
            forms, initials = name_forms(entry.name)
            for form in forms:
                if len(form) == 2 and not set(form) & _common_words() and min(map(len, form)) >= MIN_GIVEN_CHARS:
                    _add(self._reversed, (form[1], form[0]), entry)
                if len(form[-1]) >= MIN_FUZZY_CHARS and len(form) <= MAX_NAME_WORDS:
                    for variant in _deletions(form[-1]):
                        _add(self._fuzzy, (*form[:-1], variant), entry)
            # The surname is the last word of the name without its bracket: a pen name or nickname in brackets
            # ("Mark Machado (Mister Cartoon)") is not a given name and a surname.
            plain = tokens(_BRACKET.sub(" ", entry.name))
            surname = plain[-1] if len(plain) > 1 else ""
            for key in forms:
                if len(key) > MAX_NAME_WORDS:
                    continue
                _add(self._names, key, entry)
                if len(key) > 1 and key[-1] == surname and _surname_alone(surname):
                    _add(self._surnames, surname, entry)
                    self._given.setdefault(surname, set()).update(form[0] for form in forms if len(form) > 1)
            for key in initials:
                _add(self._initials, key, entry)

    def __len__(self) -> int:
        return len(self._names)

    def entries_named(self, name: str) -> list[ArtistEntry]:
        """The registry entries a name stands for, in any of their forms ("Greg Rutkowski" finds
        "Grzegorz (Greg) Rutkowski"; "Zdzislaw Beksinski" finds "Zdzisław Beksiński")."""
        return list(self._names.get(tuple(tokens(_POSSESSIVE.sub("", name))), []))

    @staticmethod
    def _decide(entries: list[ArtistEntry]) -> bool:
        """A name shared by several entries blocks when any is opted out, or when every one blocks."""
        if any(e.policy == BLOCK for e in entries):
            return True
        return all(e.blocks for e in entries)

    @staticmethod
    def _style_context(words: list[str], start: int, end: int, *, by: bool = False, name: bool = False) -> bool:
        """The words around a name ask for a style: "style of X", "X style", "<a work> by X"; with `by`
        (initials), any "by X". With `name`, words[start:end] is a one-word registry name (not a bare surname)."""
        before = tuple(words[max(0, start - 2):start])
        after = words[end] if end < len(words) else ""
        work_by = len(before) == 2 and before[0] in _WORKS and before[1] in _BY
        # After a one-word name that is also an ordinary word ("Haze", "Silver", "Sharp"), "like" and "aesthetic"
        # compare or describe: "neon haze like a dream", "sharp like a knife". "Haze style" still asks for the
        # artist's. (Not for bare surnames: the vocabulary also holds names, "Kapoor-like".)
        ordinary = name and end - start == 1 and words[start] in _common_words()
        return (before in _BEFORE or after in (_AFTER_ORDINARY if ordinary else _AFTER) or work_by
                or (by and before[-1:] == ("by",))
                or bool(before) and before[-1] in _BEFORE_ONE)

    @classmethod
    def _asks_style(cls, words: list[str]) -> bool:
        """Somewhere in the prompt a style is asked or the author of a work is named: `_style_context` at any
        place between two words."""
        return any(cls._style_context(words, i, i) for i in range(len(words) + 1))

    @staticmethod
    def _shown(words: list[str], start: int, end: int) -> bool:
        """The name at words[start:end] is the subject of an act: "Yoko Ono planting acorns"."""
        after = words[end] if end < len(words) else ""
        acts = len(after) > 4 and after.endswith("ing") and after not in _NOT_ACTS and after not in _WORKS
        return acts and (start == 0 or words[start - 1] in _SUBJECT_BEFORE)

    @staticmethod
    def _words_and_fragments(text: str) -> tuple[list[str], set[tuple[int, int]]]:
        """The prompt's words, and the word spans of its comma-separated fragments ("a castle, Miyazaki, 4k" has
        three); no spans for a text of one fragment (a chat message that is only a name, "Banksy", names the
        artist without asking for an image in their style). The separators are not word characters, so the
        fragments' words are the prompt's words."""
        pieces = [piece for piece in map(tokens, _FRAGMENT.split(text)) if piece]
        words = [word for piece in pieces for word in piece]
        spans: set[tuple[int, int]] = set()
        if len(pieces) > 1:
            at = 0
            for piece in pieces:
                spans.add((at, at + len(piece)))
                at += len(piece)
        return words, spans

    def search(self, text: str) -> list[ArtistHit]:
        text = _WEIGHTED.sub(r", \1,", str(text))
        words, fragments = self._words_and_fragments(_POSSESSIVE.sub("", text))

        def work_after(start: int, end: int) -> bool:
            """A one-word name or a surname, not an ordinary word, followed by a word of a work in its fragment."""
            return (end - start == 1 and end < len(words) and words[end] in _WORK_AFTER
                    and words[start] not in _common_words() and not any(a == end for a, _ in fragments))

        def tag(start: int, end: int) -> bool:
            """words[start:end] is a fragment of its own, a tag of the prompt, or one that names the author ("...,
            by Fairey, 4k"), and not an ordinary word."""
            own = (start, end) in fragments or (start > 0 and words[start - 1] in _BY and (start - 1, end) in fragments)
            return own and not (end - start == 1 and words[start] in _common_words())

        found: list[tuple[int, int, list[ArtistEntry]]] = []
        for start in range(len(words)):
            for size in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
                key = tuple(words[start:start + size])
                entries = self._names.get(key)
                if entries is None and size == 2 and key not in self._initials:
                    entries = self._reversed.get(key)  # the surname first, as in Japan, China, Korea, Hungary
                if entries is not None:
                    if size == 1 and not (self._style_context(words, start, start + 1, name=True)
                                          or tag(start, start + 1)
                                          or work_after(start, start + 1)):
                        continue
                    if size > 1 and self._shown(words, start, start + size) and not self._asks_style(words):
                        break  # someone shown doing something, not a style: no shorter name inside either
                else:
                    entries = self._initials.get(key)
                    if entries is None or not (self._style_context(words, start, start + size, by=True)
                                               or tag(start, start + size)):
                        continue
                found.append((start, start + size, entries))
                break
        # A name with one letter of its last word wrong (left out, added, replaced, or two neighbours swapped): a full
        # name anywhere, as the full name is ("greg rutkowsky"); a one-word name where a style is asked or as a tag
        # ("bansky style"); never words that are a name, a surname or an ordinary word as written.
        for start in range(len(words)):
            for size in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
                key = tuple(words[start:start + size])
                last = key[-1]
                # Not a misspelling: a name, a surname or an ordinary word as written.
                if (len(last) < MIN_FUZZY_CHARS - 1 or key in self._names
                        or last in _common_words() or (size == 1 and last in self._surnames)
                        or size == 1 and not (self._style_context(words, start, start + size)
                                              or tag(start, start + size))):
                    continue
                near = [e for variant in (last, *_deletions(last)) for e in self._fuzzy.get((*key[:-1], variant), [])]
                near += [e for variant in _deletions(last) for e in self._names.get((*key[:-1], variant), [])
                         if len(variant) >= MIN_FUZZY_CHARS]
                close = [e for e in dict.fromkeys(near) if any(
                    len(f) == size and f[:-1] == key[:-1] and _one_letter_apart(f[-1], last)
                    for f in name_forms(e.name)[0])]
                if close:  # the longest names still win below, an exact one before a near one of its length
                    found.append((start, start + size, close))
                    break
        # The longest names win: "Pieter Bruegel the Elder" hides a shorter name inside it.
        found.sort(key=lambda f: f[0] - f[1])
        taken: set[int] = set()
        hits: list[ArtistHit] = []
        for start, end, entries in found:
            if taken & set(range(start, end)):
                continue
            taken.update(range(start, end))
            hits.append(ArtistHit(id=entries[0].id, name=entries[0].name, blocked=self._decide(entries)))
        for i, word in enumerate(words):
            if (i in taken or word not in self._surnames
                    or not (self._style_context(words, i, i + 1) or tag(i, i + 1) or work_after(i, i + 1))):
                continue
            entries = self._surnames[word]
            if i and _someone_else(str(text), words[i - 1], word, self._given[word]):
                continue
            if i + 1 < len(words) and _given_of_someone_else(str(text), word, words[i + 1], self._given[word]):
                continue
            if (word,) not in self._names and all(e.blocks for e in entries):
                hits.append(ArtistHit(id=entries[0].id, name=entries[0].name, blocked=True))
        return hits


def _someone_else(text: str, given: str, surname: str, theirs: set[str]) -> bool:
    """`given surname` is written as another person's name: `given` can be a given name, is none of the given
    names `theirs` of the surname's artists nor a short or long form of one, and the text writes it capitalised,
    right before the surname."""
    if len(given) < MIN_GIVEN_CHARS or not given.isalpha() or given in _NOT_NAME_WORDS:
        return False
    if any(g.startswith(given) or given.startswith(g) for g in theirs if len(g) >= MIN_GIVEN_CHARS):
        return False
    return any(a[0].isupper() and not a.isupper() for a, _ in _written_pairs(text, given, surname))


def _given_of_someone_else(text: str, surname: str, after: str, theirs: set[str]) -> bool:
    """`surname after` is written as another person's name, the surname as its given name ("Cornelius Krieghoff"
    is not Chris Cornelius): both capitalised as written, whitespace only between, and `after` can be a surname (three
    letters or more, not an ordinary word, not a word of works, styles, tags, titles or small words) and is none of
    the given names `theirs` of the surname's artists ("Rutkowski Greg" is Greg Rutkowski, surname first)."""
    if (len(after) < MIN_GIVEN_CHARS or not after.isalpha() or after in _common_words() or after in _NOT_NAME_WORDS
            or after in _WORK_AFTER or after in _NOT_SURNAMES
            or any(g.startswith(after) or after.startswith(g) for g in theirs if g)):
        return False
    return any(a[0].isupper() and b[0].isupper() and not b.isupper() for a, b in _written_pairs(text, surname, after))


def _written_pairs(text: str, first: str, second: str) -> list[tuple[str, str]]:
    """The two words as written (with their case) at each place where the text writes `first` right before
    `second`, whitespace only between."""
    raw = list(_RAW_WORD.finditer(text))
    return [(a.group(), b.group()) for a, b in zip(raw, raw[1:], strict=False)
            if not text[a.end():b.start()].strip() and tokens(a.group()) == [first] and tokens(b.group()) == [second]]


def _deletions(word: str) -> list[str]:
    """The word with one of its letters left out, each way."""
    return list(dict.fromkeys(word[:i] + word[i + 1:] for i in range(len(word))))


def _one_letter_apart(a: str, b: str) -> bool:
    """a and b differ by one letter: one left out, one added, one replaced, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return short in _deletions(long_)


def _add(index: dict[K, list[ArtistEntry]], key: K, entry: ArtistEntry) -> None:
    """Index an entry once under a key. Several forms of one name share a surname; they are indexed one
    after the other, so comparing with the last entry is enough (and stays fast for "Smith")."""
    bucket = index.setdefault(key, [])
    if not bucket or bucket[-1] is not entry:
        bucket.append(entry)
