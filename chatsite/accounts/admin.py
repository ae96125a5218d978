from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from chatsite.accounts.models import ApiKey, Plan, User
from chatsite.accounts.services import user_set_plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = [
        "name",
        "slug",
        "images_per_day",
        "max_size",
        "max_images_per_request",
        "queue_priority",
        "max_concurrent_jobs",
        "is_default",
    ]
    list_editable = ["images_per_day", "max_size", "max_images_per_request", "queue_priority", "max_concurrent_jobs"]


def _move_to_plan_action(plan_slug: str) -> Any:
    @admin.action(description=_("Move selected users to the %(plan)s plan") % {"plan": plan_slug})
    def action(modeladmin: UserAdmin, request: HttpRequest, queryset: QuerySet[User]) -> None:
        plan = Plan.objects.get(slug=plan_slug)
        for user in queryset:
            user_set_plan(user=user, plan=plan)
        modeladmin.message_user(request, _("%(n)d users moved.") % {"n": queryset.count()}, messages.SUCCESS)

    action.__name__ = f"move_to_{plan_slug}"
    return action


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "plan", "is_staff", "is_active", "date_joined"]
    list_filter = ["plan", "is_staff", "is_active"]
    list_select_related = ["plan"]
    search_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Plan"), {"fields": ("plan", "time_zone")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "plan", "password1", "password2")}),)
    actions = [_move_to_plan_action("free"), _move_to_plan_action("paid")]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    readonly_fields = ["key_hash", "prefix"]
    search_fields = ["user__email", "name", "prefix"]
