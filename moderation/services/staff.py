"""Staff workflows of the moderation dashboard. Every one writes an AuditEntry in its transaction."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chatsite.accounts import services as accounts
from chatsite.accounts.models import Plan, User
from moderation.errors import InvalidAction, NotFound
from moderation.models import (
    Artist,
    ArtistPolicy,
    ArtistStatus,
    AuditAction,
    AuditEntry,
    Decision,
    OptOutRequest,
    OptOutStatus,
    Review,
    Stage,
)
from moderation.services.rules import artist_matcher


def audit_record(*, actor: User, action: AuditAction, target_user: User | None = None, target: str = "",
                 details: dict[str, Any] | None = None) -> AuditEntry:
    return AuditEntry.objects.create(actor=actor, action=action, target_user=target_user, target=target[:200],
                                     details=details or {})


def _require_staff(by: User) -> None:
    if not by.is_staff:
        raise InvalidAction(_("Only staff can do this."))


@transaction.atomic
def image_review(*, image_id: str, approve: bool, by: User) -> Any:
    """Approve (release to its owner) or reject a withheld image, through imaging's service."""
    from imaging.services import image_moderation_state_set

    _require_staff(by)
    image_model = apps.get_model("imaging", "Image")
    image = image_model.objects.select_related("owner").filter(pk=image_id).first()
    if image is None:
        raise NotFound(_("No such image."))
    state = "released" if approve else "rejected"
    image = image_moderation_state_set(image=image, state=state, by=by)
    Decision.objects.filter(image_sha256=image.sha256, stage=Stage.OUTPUT_IMAGE, user_id=image.owner_id).update(
        review=Review.APPROVED if approve else Review.REJECTED, reviewed_by=by, reviewed_at=timezone.now())
    audit_record(actor=by, action=AuditAction.APPROVE_IMAGE if approve else AuditAction.REJECT_IMAGE,
                 target_user=image.owner, target=f"image {image.pk}", details={"state": state})
    return image


@transaction.atomic
def staff_user_suspend(*, user: User, by: User) -> User:
    _require_staff(by)
    if user.pk == by.pk:
        raise InvalidAction(_("You cannot suspend your own account."))
    accounts.user_suspend(user=user, by=by)
    audit_record(actor=by, action=AuditAction.SUSPEND_USER, target_user=user, target=user.email)
    return user


@transaction.atomic
def staff_user_reinstate(*, user: User, by: User) -> User:
    _require_staff(by)
    accounts.user_reinstate(user=user, by=by)
    audit_record(actor=by, action=AuditAction.REINSTATE_USER, target_user=user, target=user.email)
    return user


@transaction.atomic
def staff_user_set_plan(*, user: User, plan: Plan, by: User) -> User:
    _require_staff(by)
    old = user.plan.slug
    accounts.user_set_plan(user=user, plan=plan)
    audit_record(actor=by, action=AuditAction.CHANGE_PLAN, target_user=user, target=user.email,
                 details={"from": old, "to": plan.slug})
    return user


@transaction.atomic
def opt_out_request_create(*, artist_name: str, email: str, website: str = "", message: str = "") -> OptOutRequest:
    """The public form: an artist asks that prompts in their style be refused. Staff decide."""
    return OptOutRequest.objects.create(artist_name=artist_name.strip()[:200], email=email.strip(),
                                        website=website.strip(), message=message.strip()[:2000])


@transaction.atomic
def opt_out_decide(*, request_id: int, approve: bool, by: User) -> OptOutRequest:
    """Approve: every registry entry with that name, in any of its forms (a bracketed nickname, accents left
    out), is refused from now on (one is created if none).
    Reject: nothing changes in the registry."""
    _require_staff(by)
    request = OptOutRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise NotFound(_("No such request."))
    if request.status != OptOutStatus.PENDING:
        raise InvalidAction(_("This request was already decided."))
    if approve:
        ids = [e.id for e in artist_matcher()[0].entries_named(request.artist_name)]
        matches = list(Artist.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        if not matches:
            matches = [Artist.objects.create(name=request.artist_name.strip(), status=ArtistStatus.UNKNOWN,
                                             policy=ArtistPolicy.BLOCK, source="opt-out")]
        for artist in matches:
            artist.policy = ArtistPolicy.BLOCK
            artist.save(update_fields=["policy", "updated_at"])  # the save signal refreshes the matchers
        request.artist = matches[0]
    request.status = OptOutStatus.APPROVED if approve else OptOutStatus.REJECTED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at", "artist"])
    audit_record(actor=by, action=AuditAction.APPROVE_OPT_OUT if approve else AuditAction.REJECT_OPT_OUT,
                 target=request.artist_name, details={"request": request.pk})
    return request
