"""Moderation decisions, the term list, the artist registry, opt-out requests and the staff audit log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    MESSAGE = "message", _("user message")
    TOOL_PROMPT = "tool_prompt", _("image tool prompt")
    OUTPUT_IMAGE = "output_image", _("generated image")
    UPLOAD = "upload", _("uploaded image")


class Category(models.TextChoices):
    SEXUAL = "sexual", _("sexual content")
    SEXUAL_MINORS = "sexual_minors", _("sexual content involving minors")
    VIOLENCE = "violence", _("violence and gore")
    SELF_HARM = "self_harm", _("self-harm")
    HATE = "hate", _("hate")
    HARASSMENT = "harassment", _("harassment")
    ILLEGAL = "illegal", _("illegal activity")
    LIVING_ARTIST = "living_artist", _("living artist's style")
    LANGUAGE = "language", _("language the checks cannot read")
    NUDITY = "nudity", _("nudity in an image")
    REAL_PERSON = "real_person", _("photo of a real person")
    ERROR = "error", _("check failed")


class Action(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    BLOCKED = "blocked", _("refused")
    WITHHELD = "withheld", _("withheld for review")
    CONSENT_NEEDED = "consent_needed", _("consent needed")


class Review(models.TextChoices):
    NONE = "", _("not reviewed")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Decision(models.Model):
    """One moderation check: who, at which stage, what was found, what was done, by which filter versions."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="moderation_decisions", verbose_name=_("user"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True,
                                help_text=_("The first category found; empty when allowed."))
    categories = models.JSONField(_("categories"), default=list, blank=True)
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    versions = models.JSONField(_("filter versions"), default=dict, blank=True)
    text = models.TextField(_("text"), blank=True)
    image_sha256 = models.CharField(_("image SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    review = models.CharField(_("review"), max_length=16, choices=Review.choices, blank=True, default="")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        indexes = [models.Index(fields=["action", "category", "created_at"]),
                   models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_action_display()}"

    @property
    def is_refusal(self) -> bool:
        return self.action != Action.ALLOWED

    @property
    def reasons(self) -> list[str]:
        """What each filter found, in plain words for staff (from the recorded scores): terms, living artists,
        the classifier's risk, the names view when it refused, the NSFW score."""
        s = self.scores if isinstance(self.scores, dict) else {}
        out: list[str] = []
        if s.get("terms"):
            out.append(_("term list: %(terms)s") % {"terms": ", ".join(map(str, s["terms"]))})
        refused = [str(a.get("name", "")) for a in s.get("artists") or [] if isinstance(a, dict) and a.get("refused")]
        if refused:
            out.append(_("living artist: %(names)s") % {"names": ", ".join(refused)})
        if isinstance(s.get("risk"), (int, float)) and isinstance(s.get("threshold"), (int, float)):
            out.append(_("classifier risk %(risk).2f (refuses from %(threshold).2f)")
                       % {"risk": s["risk"], "threshold": s["threshold"]})
        view = s.get("names_view")
        if isinstance(view, dict) and view.get("refused"):
            out.append(_("without names, “%(text)s”: risk %(risk).2f") % {
                "text": str(view.get("text", ""))[:120], "risk": float(view.get("risk", 0.0))})
        if isinstance(s.get("nsfw"), (int, float)):
            out.append(_("NSFW score %(score).2f") % {"score": s["nsfw"]})
        return out


class TermCategory(models.TextChoices):
    SEXUAL = Category.SEXUAL.value, Category.SEXUAL.label
    SEXUAL_MINORS = Category.SEXUAL_MINORS.value, Category.SEXUAL_MINORS.label
    VIOLENCE = Category.VIOLENCE.value, Category.VIOLENCE.label
    SELF_HARM = Category.SELF_HARM.value, Category.SELF_HARM.label
    HATE = Category.HATE.value, Category.HATE.label
    HARASSMENT = Category.HARASSMENT.value, Category.HARASSMENT.label
    ILLEGAL = Category.ILLEGAL.value, Category.ILLEGAL.label
    MINORS = "minors", _("mentions a minor (refused only with sexual content)")


class Term(models.Model):
    """A word or phrase of the term list; a trailing * matches any ending. Staff edit it in the admin."""

    term = models.CharField(_("term"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=TermCategory.choices)
    language = models.CharField(
        _("language"), max_length=2, blank=True, default="", choices=[("en", _("English")), ("fr", _("French"))],
        help_text=_("Leave empty for every prompt. A language limits the term to prompts in that language, for a "
                    "word that is harmless in the other one (\"son\" is a child in English, \"his\" in French)."))
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category", "term"]
        verbose_name = _("term")
        verbose_name_plural = _("term list")
        constraints = [models.UniqueConstraint(fields=["term", "category"], name="moderation_term_unique")]

    def __str__(self) -> str:
        return f"{self.term} ({self.category})"


class ArtistStatus(models.TextChoices):
    LIVING = "living", _("living")
    DECEASED = "deceased", _("deceased")
    UNKNOWN = "unknown", _("unknown")
    STUDIO = "studio", _("studio, firm or group")


class ArtistPolicy(models.TextChoices):
    AUTO = "auto", _("by status (living refused)")
    BLOCK = "block", _("always refuse (opt-out)")
    ALLOW = "allow", _("always allow")


class Artist(models.Model):
    """An entry of the artist registry: prompts in a living artist's style are refused."""

    name = models.CharField(_("name"), max_length=200)
    born = models.PositiveSmallIntegerField(_("born"), null=True, blank=True)
    died = models.PositiveSmallIntegerField(_("died"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ArtistStatus.choices)
    policy = models.CharField(_("policy"), max_length=16, choices=ArtistPolicy.choices, default=ArtistPolicy.AUTO)
    source = models.CharField(_("source"), max_length=32, blank=True,
                              help_text=_("supagruen, moma, opt-out or staff"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("artist")
        verbose_name_plural = _("artist registry")
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def is_refused(self) -> bool:
        return self.policy == ArtistPolicy.BLOCK or (
            self.policy == ArtistPolicy.AUTO and self.status == ArtistStatus.LIVING)


class OptOutStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class OptOutRequest(models.Model):
    """An artist's request, from the public form, that prompts in their style be refused."""

    artist_name = models.CharField(_("artist name"), max_length=200)
    email = models.EmailField(_("email"))
    website = models.URLField(_("website or portfolio"), blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=16, choices=OptOutStatus.choices, default=OptOutStatus.PENDING)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    artist = models.ForeignKey(Artist, on_delete=models.SET_NULL, null=True, blank=True, related_name="opt_outs")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("opt-out request")
        verbose_name_plural = _("opt-out requests")

    def __str__(self) -> str:
        return str(self.artist_name)


class AuditAction(models.TextChoices):
    APPROVE_IMAGE = "approve_image", _("approved an image")
    REJECT_IMAGE = "reject_image", _("rejected an image")
    SUSPEND_USER = "suspend_user", _("suspended a user")
    REINSTATE_USER = "reinstate_user", _("reinstated a user")
    CHANGE_PLAN = "change_plan", _("changed a user's plan")
    APPROVE_OPT_OUT = "approve_opt_out", _("approved an opt-out")
    REJECT_OPT_OUT = "reject_opt_out", _("rejected an opt-out")
    EXPORT_CSV = "export_csv", _("exported decisions")


class AuditEntry(models.Model):
    """A staff action taken from the moderation dashboard. Written in the action's transaction."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("staff member"))
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="moderation_audit", verbose_name=_("user concerned"))
    target = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.target}"


class RulesVersion(models.Model):
    """One row: tokens that change whenever the term list or the artist registry changes.

    The compiled matchers are cached per process and rebuilt when a token differs. Random tokens (not
    counters) stay correct when a transaction that changed the rules rolls back."""

    terms_token = models.UUIDField(default=uuid.uuid4)
    artists_token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"{self.terms_token} {self.artists_token}"
