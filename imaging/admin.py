from __future__ import annotations

from django.contrib import admin

from imaging.models import Image, ImageJob


@admin.register(ImageJob)
class ImageJobAdmin(admin.ModelAdmin[ImageJob]):
    list_display = ["id", "user", "mode", "status", "size", "n", "attempts", "created_at", "finished_at"]
    list_filter = ["status", "mode"]
    search_fields = ["prompt", "user__email"]
    raw_id_fields = ["user", "conversation", "source_image"]
    readonly_fields = [f.name for f in ImageJob._meta.get_fields() if f.concrete]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin[Image]):
    list_display = ["id", "owner", "kind", "width", "height", "moderation_state", "created_at"]
    list_filter = ["moderation_state", "kind"]
    search_fields = ["prompt", "owner__email", "sha256"]
    raw_id_fields = ["owner", "job", "conversation", "parent", "moderated_by"]
    # State changes go through imaging.services.image_moderation_state_set (the moderation dashboard).
    readonly_fields = [f.name for f in Image._meta.get_fields() if f.concrete]
