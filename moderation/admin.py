"""Staff edit the term list and the artist registry here; decisions and the audit log are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from moderation.models import Artist, AuditEntry, Decision, OptOutRequest, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin[Term]):
    list_display = ["term", "category", "language", "is_active", "note", "updated_at"]
    list_filter = ["category", "language", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["term", "note"]


@admin.register(Artist)
class ArtistAdmin(admin.ModelAdmin[Artist]):
    list_display = ["name", "born", "died", "status", "policy", "source"]
    list_filter = ["status", "policy", "source"]
    list_editable = ["status", "policy"]
    search_fields = ["name"]


@admin.register(OptOutRequest)
class OptOutRequestAdmin(admin.ModelAdmin[OptOutRequest]):
    list_display = ["artist_name", "email", "status", "created_at", "decided_by"]
    list_filter = ["status"]
    readonly_fields = ["status", "decided_by", "decided_at", "artist"]  # decided in the dashboard (audited)


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(_ReadOnly, admin.ModelAdmin[Decision]):
    list_display = ["created_at", "user", "stage", "action", "category"]
    list_filter = ["stage", "action", "category"]
    search_fields = ["user__email", "text"]
    list_select_related = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(_ReadOnly, admin.ModelAdmin[AuditEntry]):
    list_display = ["created_at", "actor", "action", "target_user", "target"]
    list_filter = ["action"]
    list_select_related = ["actor", "target_user"]
