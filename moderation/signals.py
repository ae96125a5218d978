"""Any change to the term list or the artist registry (admin, dashboard, shell) invalidates the cached
matchers of every process, through the tokens of RulesVersion."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from moderation.models import Artist, Term
from moderation.services.rules import rules_touch


@receiver([post_save, post_delete], sender=Term)
def _term_changed(**kwargs: Any) -> None:
    rules_touch(terms=True)


@receiver([post_save, post_delete], sender=Artist)
def _artist_changed(**kwargs: Any) -> None:
    rules_touch(artists=True)
