from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from chatsite import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="conversations:chat", permanent=False)),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("account/", include("chatsite.accounts.urls")),
    path("chat/", include("conversations.urls")),
    path("gallery/", include("imaging.urls")),
    path("images/", include("imaging.image_urls")),
    path("moderation/", include("moderation.urls")),
    path("v1/", include("chatsite.api.urls")),
    path("", include("imaging.provenance.urls")),
]
