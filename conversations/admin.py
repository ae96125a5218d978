from __future__ import annotations

from django.contrib import admin

from conversations.models import Conversation, Message


class MessageInline(admin.TabularInline[Message, Conversation]):
    model = Message
    extra = 0
    fields = ["role", "content", "created_at"]
    readonly_fields = ["role", "content", "created_at"]


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin[Conversation]):
    list_display = ["title", "user", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["title", "user__email"]
    inlines = [MessageInline]
