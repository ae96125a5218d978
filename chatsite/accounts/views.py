from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chatsite.accounts.auth import authenticated_user
from chatsite.accounts.errors import AccountError
from chatsite.accounts.forms import ApiKeyCreateForm, EmailAuthenticationForm, SignUpForm, TimeZoneForm
from chatsite.accounts.quotas import QuotaStatus, quota_status
from chatsite.accounts.selectors import api_key_list_for_user, usage_summary
from chatsite.accounts.services import api_key_create, api_key_revoke, user_create, user_set_time_zone


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("conversations:chat")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(email=form.cleaned_data["email"], password=form.cleaned_data["password"])
        except ValidationError as exc:  # password validators
            form.add_error("password", exc)
        except AccountError as exc:
            form.add_error("email", str(exc))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("conversations:chat")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


class EmailLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = authenticated_user(request)
    tz_form = TimeZoneForm(request.POST or None, initial={"time_zone": user.time_zone_next or user.time_zone})
    if request.method == "POST" and tz_form.is_valid():
        takes_effect = user_set_time_zone(user=user, time_zone=tz_form.cleaned_data["time_zone"])
        if takes_effect > timezone.now():
            when = timezone.localtime(takes_effect, ZoneInfo(tz_form.cleaned_data["time_zone"]))
            messages.success(
                request,
                _("Your time zone is saved. Your daily images follow it from %(when)s, when today's allowance ends.")
                % {"when": when.strftime("%Y-%m-%d %H:%M")},
            )
        else:
            messages.success(request, _("Your time zone is saved."))
        return redirect("accounts:account")
    context = {
        "plan": user.plan,
        "quota": quota_status(user=user),
        "usage": usage_summary(user=user),
        "tz_form": tz_form,
        "key_form": ApiKeyCreateForm(),
        "api_keys": api_key_list_for_user(user=user),
        "new_key": request.session.pop("new_api_key", None),
    }
    return render(request, "accounts/account.html", context, status=400 if tz_form.errors else 200)


@login_required
@require_POST
def api_key_new(request: HttpRequest) -> HttpResponse:
    form = ApiKeyCreateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the key a name of at most 64 characters."))
        return redirect("accounts:account")
    created = api_key_create(user=authenticated_user(request), name=form.cleaned_data["name"])
    # Shown once on the next page, then forgotten: only the hash is stored.
    request.session["new_api_key"] = created.raw
    return redirect("accounts:account")


@login_required
@require_POST
def api_key_delete(request: HttpRequest, key_id: int) -> HttpResponse:
    if api_key_revoke(user=authenticated_user(request), key_id=key_id):
        messages.success(request, _("The key is revoked."))
    else:
        messages.error(request, _("There is no such key."))
    return redirect("accounts:account")


@login_required
def quota(request: HttpRequest) -> JsonResponse:
    """Images left today, for the chat header to refresh after each image job."""
    status = quota_status(user=authenticated_user(request))
    return JsonResponse(quota_payload(status))


def quota_payload(status: QuotaStatus) -> dict[str, object]:
    return {"limit": status.limit, "used": status.used, "remaining": status.remaining,
            "resets_at": status.resets_at.isoformat()}
