"""Image files, previews and the image card's actions, under /images/ (namespace `images`)."""

from __future__ import annotations

from django.urls import path

from imaging import views

app_name = "images"

urlpatterns = [
    path("jobs/", views.job_create, name="job_create"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:job_id>/cancel/", views.job_cancel, name="job_cancel"),
    path("jobs/<uuid:job_id>/regenerate/", views.job_regenerate, name="job_regenerate"),
    path("jobs/<uuid:job_id>/preview/", views.job_preview, name="job_preview"),
    path("uploads/", views.upload, name="upload"),
    path("<uuid:image_id>/", views.image_file, name="file"),
    path("<uuid:image_id>/edit/", views.image_edit, name="edit"),
    path("<uuid:image_id>/variations/", views.image_variations, name="variations"),
    path("<uuid:image_id>/consent/", views.upload_consent, name="consent"),
    path("<uuid:image_id>/discard/", views.upload_discard, name="discard"),
]
