from __future__ import annotations

from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("queue/", views.queue, name="queue"),
    path("images/<uuid:image_id>/", views.image_file, name="image_file"),
    path("images/<uuid:image_id>/<str:verdict>/", views.image_review, name="image_review"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/export/", views.decisions_export, name="decisions_export"),
    path("users/<int:user_id>/", views.user_detail, name="user"),
    path("users/<int:user_id>/<str:action>/", views.user_action, name="user_action"),
    path("opt-outs/", views.opt_outs, name="opt_outs"),
    path("opt-outs/<int:request_id>/<str:verdict>/", views.opt_out_decide, name="opt_out_decide"),
    path("audit/", views.audit, name="audit"),
    path("artists/opt-out/", views.opt_out_form, name="opt_out_form"),
]
