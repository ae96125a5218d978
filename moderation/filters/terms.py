"""The term list matcher: whole words and phrases, case- and accent-blind, through simple obfuscation.

A term is a word or phrase ("nude", "child abuse"); a trailing `*` matches any ending ("decapitat*").
Terms never match inside a longer word ("class" does not hit "ass", "Sussex" does not hit "sex").
A term may be limited to prompts in one language ("son" is a child in English, "his" in French): it is skipped
only when the prompt is clearly in another language (moderation/filters/language.py), so an unclear prompt still
meets it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from moderation.filters.language import language_of, warm
from moderation.filters.text import normalize, variants


@dataclass(frozen=True)
class TermRule:
    term: str
    category: str
    language: str = ""  # "" for every prompt, or "en" / "fr": only for prompts not clearly in another language


@dataclass(frozen=True)
class TermHit:
    term: str
    category: str


def _pattern(term: str) -> str | None:
    prefix = term.strip().endswith("*")
    words = normalize(term.strip().rstrip("*"))
    if not words:
        return None
    body = r"\s".join(re.escape(w) for w in words.split())
    return r"\b" + body + (r"[a-z0-9]*" if prefix else "") + r"\b"


class TermMatcher:
    """Compiled once per version of the term list; `search` takes a few microseconds per term."""

    def __init__(self, rules: Iterable[TermRule]) -> None:
        self._rules: list[tuple[re.Pattern[str], TermRule]] = []
        by_category: dict[str, list[str]] = {}
        for rule in rules:
            pattern = _pattern(rule.term)
            if pattern is None:
                continue
            self._rules.append((re.compile(pattern), rule))
            by_category.setdefault(rule.category, []).append(pattern)
        # One alternation per category answers "any hit?" fast; the per-rule patterns name the term.
        self._categories = {cat: re.compile("|".join(pats)) for cat, pats in by_category.items()}
        if any(rule.language for _, rule in self._rules):
            warm()  # compiled once per version of the list: the language model loads here, not mid-request

    def __len__(self) -> int:
        return len(self._rules)

    def search(self, text: str) -> list[TermHit]:
        readings = variants(text)
        hits: list[TermHit] = []
        language: list[str | None] = []  # detected once, and only when a term limited to a language matches
        for category, combined in self._categories.items():
            if not any(combined.search(r) for r in readings):
                continue
            for pattern, rule in self._rules:
                if rule.category != category or not any(pattern.search(r) for r in readings):
                    continue
                if rule.language:
                    if not language:
                        language.append(language_of(text))
                    if language[0] not in (None, rule.language):
                        continue
                hits.append(TermHit(term=rule.term, category=category))
        return hits
