"""Staff pages under /moderation/ (the dashboard) and the public opt-out form. Views only translate:
parse input, call one service or selector, render. Every change is a CSRF-protected POST."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chatsite.accounts.models import User
from moderation import selectors, services
from moderation.errors import InvalidAction, NotFound
from moderation.forms import DecisionFilterForm, OptOutForm, PlanForm
from moderation.models import AuditAction

View = Callable[..., HttpResponseBase]


def staff_required(view: View) -> View:
    """Anonymous users go to the login page; signed-in users who are not staff get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _staff(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - staff_required let only real users through
    return request.user


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/moderation/") else default)


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/dashboard.html", {"stats": selectors.dashboard_stats()})


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/queue.html", {"items": selectors.review_queue()})


@staff_required
def image_file(request: HttpRequest, image_id: str) -> HttpResponseBase:
    """The image bytes for staff, whatever its moderation state (the thumbnail is blurred by CSS)."""
    image = selectors.image_for_staff(image_id=str(image_id))
    if image is None or not image.file:
        raise Http404
    response = FileResponse(image.file.open("rb"), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_required
def image_review(request: HttpRequest, image_id: str, verdict: str) -> HttpResponse:
    if verdict not in {"approve", "reject"}:
        raise Http404
    try:
        services.image_review(image_id=str(image_id), approve=verdict == "approve", by=_staff(request))
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    messages.success(request, _("Image released to its owner.") if verdict == "approve" else _("Image rejected."))
    return _back(request, reverse("moderation:queue"))


@staff_required
def decisions(request: HttpRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None)
    page = Paginator(selectors.decision_list(filters=form.to_filter()), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "moderation/decisions.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


@require_POST
@staff_required
def decisions_export(request: HttpRequest) -> StreamingHttpResponse:
    form = DecisionFilterForm(request.POST)
    filters = form.to_filter()
    services.audit_record(actor=_staff(request), action=AuditAction.EXPORT_CSV, target="decisions",
                          details={k: str(v) for k, v in filters.__dict__.items() if v})
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(selectors.CSV_HEADER)
        for row in selectors.decision_csv_rows(filters=filters):
            yield writer.writerow(row)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="moderation-decisions.csv"'
    return response


@staff_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    subject = get_object_or_404(User.objects.select_related("plan"), pk=user_id)
    return render(request, "moderation/user.html", {
        "subject": subject, "history": selectors.user_history(user=subject),
        "plan_form": PlanForm(initial={"plan": subject.plan_id}),
    })


@require_POST
@staff_required
def user_action(request: HttpRequest, user_id: int, action: str) -> HttpResponse:
    subject = get_object_or_404(User.objects.select_related("plan"), pk=user_id)
    back = reverse("moderation:user", args=[subject.pk])
    try:
        if action == "suspend":
            services.staff_user_suspend(user=subject, by=_staff(request))
            messages.success(request, _("Account suspended."))
        elif action == "reinstate":
            services.staff_user_reinstate(user=subject, by=_staff(request))
            messages.success(request, _("Account reinstated."))
        elif action == "plan":
            form = PlanForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose a plan."))
                return redirect(back)
            services.staff_user_set_plan(user=subject, plan=form.cleaned_data["plan"], by=_staff(request))
            messages.success(request, _("Plan changed."))
        else:
            raise Http404
    except InvalidAction as exc:
        messages.error(request, str(exc))
    return redirect(back)


@staff_required
def opt_outs(request: HttpRequest) -> HttpResponse:
    return render(request, "moderation/opt_outs.html", {"requests": selectors.opt_out_list()[:200]})


@require_POST
@staff_required
def opt_out_decide(request: HttpRequest, request_id: int, verdict: str) -> HttpResponse:
    if verdict not in {"approve", "reject"}:
        raise Http404
    try:
        services.opt_out_decide(request_id=request_id, approve=verdict == "approve", by=_staff(request))
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except InvalidAction as exc:
        messages.error(request, str(exc))
    return redirect("moderation:opt_outs")


@staff_required
def audit(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.audit_list(), 100).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page})


@require_http_methods(["GET", "POST"])
def opt_out_form(request: HttpRequest) -> HttpResponse:
    """Public: an artist asks that prompts in their style be refused. Staff review each request."""
    form = OptOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.opt_out_request_create(**form.cleaned_data)
        return render(request, "moderation/opt_out_thanks.html")
    return render(request, "moderation/opt_out.html", {"form": form})
