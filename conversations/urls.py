from __future__ import annotations

from django.urls import path

from conversations import views

app_name = "conversations"

urlpatterns = [
    path("", views.chat, name="chat"),
    path("new/", views.new, name="new"),
    path("<uuid:conversation_id>/", views.chat, name="conversation"),
    path("<uuid:conversation_id>/rename/", views.rename, name="rename"),
    path("<uuid:conversation_id>/delete/", views.delete, name="delete"),
]
