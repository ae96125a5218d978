from __future__ import annotations

from django.urls import path

from imaging import views

app_name = "imaging"

urlpatterns = [
    path("", views.gallery, name="gallery"),
    path("<uuid:image_id>/", views.image_detail, name="image"),
]
