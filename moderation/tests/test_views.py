"""The dashboard: staff only, every action a CSRF-protected POST written to the audit log; the opt-out form."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from chatsite.accounts.models import Plan, User
from moderation.models import (
    Action,
    Artist,
    ArtistPolicy,
    AuditAction,
    AuditEntry,
    Decision,
    OptOutRequest,
    OptOutStatus,
    Stage,
)
from moderation.services import prompt_moderate
from moderation.tests.factories import withheld_image

pytestmark = pytest.mark.django_db

PAGES = ["moderation:dashboard", "moderation:queue", "moderation:decisions", "moderation:opt_outs",
         "moderation:audit"]


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("moderation:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_non_staff_get_403(client: Client, user: User) -> None:
    client.force_login(user)
    response = client.get(reverse("moderation:dashboard"))
    assert response.status_code == 403
    assert b"You do not have access to this page." in response.content


@pytest.mark.parametrize("name", PAGES)
def test_non_staff_get_403_on_every_page(client: Client, user: User, name: str) -> None:
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403


def test_non_staff_cannot_suspend_anyone(client: Client, user: User, other_user: User) -> None:
    client.force_login(user)
    response = client.post(reverse("moderation:user_action", args=[other_user.pk, "suspend"]))
    assert response.status_code == 403
    other_user.refresh_from_db()
    assert other_user.is_active


@pytest.mark.parametrize("name", PAGES)
def test_staff_open_every_page(client: Client, staff_user: User, name: str) -> None:
    client.force_login(staff_user)
    assert client.get(reverse(name)).status_code == 200


def test_the_dashboard_charts_refusals_per_category_and_top_users(client: Client, staff_user: User,
                                                                   user: User) -> None:
    prompt_moderate(user=user, text="a man stabbing a victim, blood spraying everywhere", stage=Stage.MESSAGE)
    client.force_login(staff_user)
    body = client.get(reverse("moderation:dashboard")).content.decode()
    assert "?category=violence" in body and user.email in body


def test_an_action_without_a_csrf_token_is_refused(staff_user: User, user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post(reverse("moderation:user_action", args=[user.pk, "suspend"]))
    assert response.status_code == 403
    user.refresh_from_db()
    assert user.is_active and not AuditEntry.objects.exists()


def test_an_action_with_a_csrf_token_goes_through(staff_user: User, user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    page = client.get(reverse("moderation:user", args=[user.pk]))
    token = page.context["csrf_token"]
    response = client.post(reverse("moderation:user_action", args=[user.pk, "suspend"]),
                           {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active


def test_actions_refuse_get(client: Client, staff_user: User, user: User) -> None:
    client.force_login(staff_user)
    assert client.get(reverse("moderation:user_action", args=[user.pk, "suspend"])).status_code == 405


def test_suspending_a_user_is_written_to_the_audit_log(client: Client, staff_user: User, user: User) -> None:
    client.force_login(staff_user)
    client.post(reverse("moderation:user_action", args=[user.pk, "suspend"]))
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_user) == (staff_user, AuditAction.SUSPEND_USER, user)
    user.refresh_from_db()
    assert not user.is_active


def test_a_suspended_user_is_logged_out(client: Client, staff_user: User, user: User) -> None:
    other = Client()
    other.force_login(user)
    client.force_login(staff_user)
    client.post(reverse("moderation:user_action", args=[user.pk, "suspend"]))
    assert other.get(reverse("accounts:account")).status_code == 302


def test_changing_a_plan_is_applied_and_audited(client: Client, staff_user: User, user: User) -> None:
    paid = Plan.objects.get(slug="paid")
    client.force_login(staff_user)
    client.post(reverse("moderation:user_action", args=[user.pk, "plan"]), {"plan": paid.pk})
    user.refresh_from_db()
    assert user.plan == paid
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_PLAN)
    assert entry.details == {"from": "free", "to": "paid"}


def test_a_users_history_lists_their_decisions(client: Client, staff_user: User, user: User) -> None:
    prompt_moderate(user=user, text="a lighthouse at dusk", stage=Stage.MESSAGE)
    client.force_login(staff_user)
    response = client.get(reverse("moderation:user", args=[user.pk]))
    assert response.status_code == 200 and "a lighthouse at dusk" in response.content.decode()


def test_decisions_filter_by_category_and_stage(client: Client, staff_user: User, user: User) -> None:
    prompt_moderate(user=user, text="a man stabbing a victim, blood spraying everywhere", stage=Stage.MESSAGE)
    prompt_moderate(user=user, text="a lighthouse at dusk", stage=Stage.TOOL_PROMPT)
    client.force_login(staff_user)
    body = client.get(reverse("moderation:decisions"), {"category": "violence", "stage": "message"}).content
    assert b"stabbing" in body and b"lighthouse" not in body


def test_the_decisions_page_says_why_in_english_and_french(client: Client, staff_user: User, user: User) -> None:
    prompt_moderate(user=user, text="Homer Simpson shooting a cop", stage=Stage.TOOL_PROMPT)
    client.force_login(staff_user)
    english = client.get(reverse("moderation:decisions"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<th>Why</th>" in english and "classifier risk 0." in english
    assert "without names, \u201ca person shooting a cop\u201d: risk 0." in english
    french = client.get(reverse("moderation:user", args=[user.pk]), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "<th>Pourquoi</th>" in french and "risque du classifieur 0." in french
    assert "sans les noms, \u00ab a person shooting a cop \u00bb : risque 0." in french


def test_reasons_read_every_filter_and_survive_odd_scores() -> None:
    decision = Decision(scores={"terms": ["gore"], "artists": [{"name": "A. Living", "refused": True},
                                                                {"name": "A. Dead", "refused": False}],
                                "risk": 0.91, "threshold": 0.5, "nsfw": 0.7,
                                "names_view": {"text": "a person x", "risk": 0.8, "refused": False}})
    with translation.override("en"):
        assert decision.reasons == ["term list: gore", "living artist: A. Living",
                                    "classifier risk 0.91 (refuses from 0.50)", "NSFW score 0.70"]
    assert Decision(scores={"risk": "odd", "artists": ["x"], "names_view": []}).reasons == []
    assert Decision(scores=[]).reasons == []


def test_the_csv_export_has_the_filtered_decisions_and_is_audited(client: Client, staff_user: User,
                                                                  user: User) -> None:
    prompt_moderate(user=user, text="a man stabbing a victim, blood spraying everywhere", stage=Stage.MESSAGE)
    prompt_moderate(user=user, text="a lighthouse at dusk", stage=Stage.TOOL_PROMPT)
    client.force_login(staff_user)
    response = client.post(reverse("moderation:decisions_export"), {"action": Action.BLOCKED})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [(r["user"], r["stage"], r["category"]) for r in rows] == [(user.email, "message", "violence")]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT_CSV, actor=staff_user).exists()


def test_the_opt_out_form_is_public_and_creates_a_pending_request(client: Client) -> None:
    response = client.post(reverse("moderation:opt_out_form"), {
        "artist_name": "Zelda Quarantotto", "email": "zelda@example.com", "website": "https://zelda.example"})
    assert response.status_code == 200
    request = OptOutRequest.objects.get()
    assert (request.artist_name, request.status) == ("Zelda Quarantotto", OptOutStatus.PENDING)


def test_an_approved_opt_out_refuses_the_artists_style(client: Client, staff_user: User, user: User) -> None:
    text = "a garden in the style of Zelda Quarantotto"
    client.post(reverse("moderation:opt_out_form"), {"artist_name": "Zelda Quarantotto", "email": "z@example.com"})
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed  # pending: nothing changes
    client.force_login(staff_user)
    client.post(reverse("moderation:opt_out_decide", args=[OptOutRequest.objects.get().pk, "approve"]))
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).categories == ("living_artist",)
    assert AuditEntry.objects.filter(action=AuditAction.APPROVE_OPT_OUT).exists()


def test_an_approved_opt_out_blocks_the_registry_entry_under_any_form_of_its_name(
        client: Client, staff_user: User, user: User) -> None:
    # The registry holds "Zdzisław Beksiński" (deceased, allowed); the request is typed without the accents.
    before = Artist.objects.count()
    client.post(reverse("moderation:opt_out_form"), {"artist_name": "Zdzislaw Beksinski", "email": "z@example.com"})
    client.force_login(staff_user)
    client.post(reverse("moderation:opt_out_decide", args=[OptOutRequest.objects.get().pk, "approve"]))
    assert Artist.objects.count() == before
    assert Artist.objects.get(name="Zdzisław Beksiński").policy == ArtistPolicy.BLOCK
    verdict = prompt_moderate(user=user, text="a ruined cathedral, Zdzisław Beksiński style", stage=Stage.TOOL_PROMPT)
    assert verdict.categories == ("living_artist",)


def test_a_rejected_opt_out_changes_nothing(client: Client, staff_user: User, user: User) -> None:
    client.post(reverse("moderation:opt_out_form"), {"artist_name": "Zelda Quarantotto", "email": "z@example.com"})
    client.force_login(staff_user)
    client.post(reverse("moderation:opt_out_decide", args=[OptOutRequest.objects.get().pk, "reject"]))
    assert OptOutRequest.objects.get().status == OptOutStatus.REJECTED
    assert prompt_moderate(user=user, text="a garden in the style of Zelda Quarantotto",
                           stage=Stage.TOOL_PROMPT).allowed


def test_approving_a_withheld_image_releases_it_and_is_audited(client: Client, staff_user: User,
                                                               user: User) -> None:
    image = withheld_image(owner=user)
    client.force_login(staff_user)
    assert str(image.pk) in client.get(reverse("moderation:queue")).content.decode()  # type: ignore[attr-defined]
    client.post(reverse("moderation:image_review", args=[image.pk, "approve"]))  # type: ignore[attr-defined]
    image.refresh_from_db()  # type: ignore[attr-defined]
    assert image.moderation_state == "released"  # type: ignore[attr-defined]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_user) == (AuditAction.APPROVE_IMAGE, user)


def test_rejecting_a_withheld_image_keeps_it_hidden_and_marks_its_decision(client: Client, staff_user: User,
                                                                           user: User) -> None:
    image = withheld_image(owner=user)
    Decision.objects.create(user=user, stage=Stage.OUTPUT_IMAGE, action=Action.WITHHELD, category="nudity",
                            image_sha256=image.sha256)  # type: ignore[attr-defined]
    client.force_login(staff_user)
    client.post(reverse("moderation:image_review", args=[image.pk, "reject"]))  # type: ignore[attr-defined]
    image.refresh_from_db()  # type: ignore[attr-defined]
    assert image.moderation_state == "rejected"  # type: ignore[attr-defined]
    assert Decision.objects.get().review == "rejected"


def test_non_staff_cannot_see_a_withheld_image(client: Client, user: User) -> None:
    image = withheld_image(owner=user)
    client.force_login(user)
    assert client.get(reverse("moderation:image_file", args=[image.pk])).status_code == 403  # type: ignore[attr-defined]
