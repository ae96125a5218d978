"""Finds artist names in a prompt and applies the style policy: living artists' styles are refused,
deceased artists and studios are allowed, an opt-out or a staff decision overrides the dates.

Full names of two or more words match anywhere in the prompt. A one-word name ("Banksy") or a bare
surname ("Rutkowski") matches only where the prompt asks for a style ("style of X", "X style",
"inspired by X", "X-esque"), and a bare surname only when no allowed artist shares it, so that ordinary
words and common surnames do not trip the policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from moderation.filters.text import tokens

LIVING, DECEASED, UNKNOWN = "living", "deceased", "unknown"
AUTO, BLOCK, ALLOW = "auto", "block", "allow"
MAX_NAME_WORDS = 6
MIN_SURNAME_CHARS = 5
# Words before a name that ask for a style; words after it that do the same.
_BEFORE = [("style", "of"), ("styles", "of"), ("inspired", "by"), ("manner", "of"), ("stil", "von"),
           ("style", "de"), ("estilo", "de"), ("look", "of"), ("aesthetic", "of"), ("artstyle", "of")]
_AFTER = {"style", "styled", "inspired", "esque", "like", "aesthetic", "artstyle"}
# Last words of firms' names in the registry ("... Design Studio"): never read as a bare surname.
_NOT_SURNAMES = {"studio", "studios", "design", "designs", "group", "company", "associates", "architects",
                 "architecture", "inc", "ltd", "llc", "gmbh", "workshop", "collective", "partners", "office",
                 "lab", "labs", "brothers", "sisters", "family", "press", "films", "animation", "pictures",
                 "productions", "works", "school", "society", "museum", "gallery", "team"}


@dataclass(frozen=True)
class ArtistEntry:
    id: int
    name: str
    status: str  # living, deceased, unknown
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
        self._surnames: dict[str, list[ArtistEntry]] = {}
        for entry in entries:
            key = tuple(tokens(entry.name))
            if not key or len(key) > MAX_NAME_WORDS:
                continue
            self._names.setdefault(key, []).append(entry)
            if len(key) > 1 and len(key[-1]) >= MIN_SURNAME_CHARS and key[-1] not in _NOT_SURNAMES:
                self._surnames.setdefault(key[-1], []).append(entry)

    def __len__(self) -> int:
        return len(self._names)

    @staticmethod
    def _decide(entries: list[ArtistEntry]) -> bool:
        """A name shared by several entries blocks when any is opted out, or when every one blocks."""
        if any(e.policy == BLOCK for e in entries):
            return True
        return all(e.blocks for e in entries)

    @staticmethod
    def _style_context(words: list[str], start: int, end: int) -> bool:
        before = tuple(words[max(0, start - 2):start])
        after = words[end] if end < len(words) else ""
        return before in _BEFORE or after in _AFTER

    def search(self, text: str) -> list[ArtistHit]:
        words = tokens(text)
        found: list[tuple[int, int, list[ArtistEntry]]] = []
        for start in range(len(words)):
            for size in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
                key = tuple(words[start:start + size])
                entries = self._names.get(key)
                if entries is None:
                    continue
                if size == 1 and not self._style_context(words, start, start + 1):
                    continue
                found.append((start, start + size, entries))
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
            if i in taken or word not in self._surnames or not self._style_context(words, i, i + 1):
                continue
            entries = self._surnames[word]
            if (word,) not in self._names and all(e.blocks for e in entries):
                hits.append(ArtistHit(id=entries[0].id, name=entries[0].name, blocked=True))
        return hits
