"""/verify (public) and /images/<id>/provenance/ (owner and staff). Included at the root of chatsite/urls.py."""

from __future__ import annotations

from django.urls import path

from imaging.provenance import views

app_name = "provenance"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("images/<uuid:image_id>/provenance/", views.image_provenance, name="image"),
]
