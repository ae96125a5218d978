"""The moderation entry points: `prompt_moderate` and `image_moderate`.

Both run the filters, write one Decision row (in the caller's transaction, if any) and return a Verdict.
A refusal is a normal return, never an exception, so that callers can keep their transaction and the
record. Neither raises on odd input: a non-string prompt is read as text, unreadable image bytes are
refused with a plain message, and an internal failure of a filter refuses (fails closed) and is logged.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from moderation.filters.names import NAMES_VIEW_VERSION, names_view
from moderation.filters.text import unreadable, variants
from moderation.models import Action, Category, Decision, Stage
from moderation.services.rules import artist_matcher, prompt_classifier, term_matcher

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

    from moderation.filters.classifier import PromptClassifier, Scores

logger = logging.getLogger(__name__)

POLICY_VERSION = "1"
# Words that make an image of a minor sexual even when the classifier is unsure: zero tolerance.
_SUGGESTIVE = re.compile(r"\b(?:sexy|seductive|provocative|lingerie|underwear|panties|bikini|thong|topless|nude|"
                         r"naked|undress\w*|stripping|striptease|sensual|erotic|lewd|nsfw|breasts?|spread legs"
                         # French, on folded text: "nue" but not "pieds nus", "torse nu" or "a mains nues"
                         r"|a poil|(?<!pieds )(?<!torse )(?<!mains )nue?s?|deshabill\w*|denude\w*|seins|sein nu"
                         r"|culottes?|sous vetements?|erotiques?|sensuel(?:le)?s?|provocante?s?"
                         r"|aguichante?s?|strip tease|jambes ecartees|fesses a l ?air|fesses nues?|cul a l ?air)\b")
# Most serious first: the first category names the refusal and files the decision.
_SEVERITY = [Category.SEXUAL_MINORS.value, Category.SEXUAL.value, Category.VIOLENCE.value, Category.SELF_HARM.value,
             Category.HATE.value, Category.HARASSMENT.value, Category.ILLEGAL.value, Category.LIVING_ARTIST.value,
             Category.LANGUAGE.value]
_MINOR_AGE = re.compile(r"\b(?:[1-9]|1[0-7])\s*(?:yo|y o|yrs?|years?|ans)(?:\s*old)?\b")  # "12 ans" in French


def suggestive(text: str) -> bool:
    """Whether the text has a word that makes an image of a minor sexual (English or French), whatever the
    classifier says."""
    return any(_SUGGESTIVE.search(v) for v in variants(text))


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check. When refused, `user_message` names the policy area in plain words.

    `decision_id` is the recorded Decision; `needs_consent` is set for an upload showing a real person's
    face when the settings ask for the user's consent (call again with consent_confirmed=True)."""

    allowed: bool
    categories: tuple[str, ...] = ()
    user_message: str = ""
    decision_id: int | None = None
    needs_consent: bool = False
    scores: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def user_message(categories: tuple[str, ...] | list[str]) -> str:
    """Plain words for the first policy area hit (not the rule), in the user's language."""
    messages = {
        Category.SEXUAL_MINORS: _("This request was refused: Atelier never creates sexual content involving "
                                  "minors."),
        Category.SEXUAL: _("This request was refused because it asks for sexual content."),
        Category.VIOLENCE: _("This request was refused because it asks for graphic violence or gore."),
        Category.SELF_HARM: _("This request was refused because it touches on self-harm. If you are going "
                              "through a hard time, please reach out to someone you trust or a local "
                              "helpline."),
        Category.HATE: _("This request was refused because it looks like hateful content about a group of "
                         "people."),
        Category.HARASSMENT: _("This request was refused because it looks like harassment of a real person."),
        Category.ILLEGAL: _("This request was refused because it depicts illegal activity."),
        Category.LIVING_ARTIST: _("This request was refused because it asks for the style of a living artist. "
                                  "Describe the look you want instead: colours, technique, period, mood."),
        Category.LANGUAGE: _("This request was refused because Atelier can check requests written in English or "
                             "French only. Please write it in one of these languages."),
        Category.NUDITY: _("This image was held back because it may contain nudity. A moderator will "
                           "review it."),
        Category.REAL_PERSON: _("This photo appears to show a real person. Please confirm that you have "
                                "their consent before editing it."),
        Category.ERROR: _("The safety check could not run just now. Please try again in a moment."),
    }
    for category in categories:
        if category in messages:
            return str(messages[Category(category)])
    return str(_("This request was refused by the content policy."))


def _record(*, user: User | None, stage: str, action: str, categories: list[str], scores: dict[str, Any],
            versions: dict[str, str], text: str = "", image_sha256: str = "") -> Decision:
    return Decision.objects.create(
        user=user if user is not None and user.pk else None, stage=stage, action=action,
        category=categories[0] if categories else "", categories=categories, scores=scores,
        versions=versions, text=text[:4000], image_sha256=image_sha256,
    )


def _as_text(text: object) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return str(text if text is not None else "").replace("\x00", " ")


def _threshold(default: float) -> float:
    value = getattr(settings, "MODERATION_CLASSIFIER_THRESHOLD", None)
    return float(value) if value is not None else default


def _text_findings(text: str) -> tuple[list[str], dict[str, Any], dict[str, str]]:
    """Run the three text layers. Returns (categories in order of severity, scores, versions)."""
    terms, terms_version = term_matcher()
    artists, artists_version = artist_matcher()
    # The model for the prompt's language (English and unclear prompts: the default one); the names view
    # below is scored by the same model.
    routed = prompt_classifier()
    classifier = routed.for_text(text)
    hits = terms.search(text)
    classified, risk, label, threshold, evidence = _classified(classifier, text)
    probabilities = classified.probabilities
    artist_hits = artists.search(text)

    found: list[str] = [h.category for h in hits if h.category != "minors"]
    # Minimum evidence: a text with no content word the classifier knows ("p0", "draw it again") is scored
    # from character pieces of unknown tokens or from the bias alone, so the classifier cannot refuse it
    # by itself (the term list and the artist policy still can).
    refused_by_classifier = risk >= threshold and evidence >= _min_evidence()
    if refused_by_classifier:
        found.append(label)
    # The names view (moderation/filters/names.py): the same prompt with "a person" for each name, so that a
    # name cannot lower the risk of an act. Scored only when the classifier lets the prompt through; it adds a
    # refusal when it crosses its own threshold, and nothing else (its probabilities feed no other rule).
    with_view = bool(getattr(settings, "MODERATION_NAMES_VIEW", True))
    view = names_view(text) if with_view and not refused_by_classifier else None
    view_scores: dict[str, Any] = {}
    if view is not None:
        _, view_risk, view_label, view_threshold, view_evidence = _classified(classifier, view)
        refused = view_risk >= view_threshold and view_evidence >= _min_evidence()
        view_scores = {"text": view[:500], "risk": round(view_risk, 4), "label": view_label,
                       "threshold": view_threshold, "refused": refused}
        if refused:
            found.append(view_label)
    minor = any(h.category == "minors" for h in hits) or any(_MINOR_AGE.search(v) for v in variants(text))
    # A low P(sexual) counts only from the English model: the French one reaches 0.05 on ordinary French scenes
    # with a teenager, so a French prompt needs the sexual category found or a suggestive word (model card,
    # "Session 19, the French words for children").
    weak_signal = classifier is routed.default and probabilities.get("sexual", 0.0) >= 0.05
    sexual_signal = Category.SEXUAL in found or weak_signal or suggestive(text)
    if minor and sexual_signal:
        found.insert(0, Category.SEXUAL_MINORS)
    if any(h.blocked for h in artist_hits):
        found.append(Category.LIVING_ARTIST)
    # A text mostly in a script the layers above cannot read is refused: they saw nothing of it (session 26).
    if getattr(settings, "MODERATION_REFUSE_UNREADABLE", True) and unreadable(text):
        found.append(Category.LANGUAGE)
    categories = sorted({str(c) for c in found}, key=_SEVERITY.index)
    scores = {
        "classifier": {k: round(v, 4) for k, v in probabilities.items()},
        # Each model's risk before the average (n-gram and MiniLM head), to read a decision afterwards.
        "classifier_parts": classified.parts,
        "risk": round(risk, 4), "threshold": threshold, "evidence": evidence,
        **({"names_view": view_scores} if view_scores else {}),
        "terms": [h.term for h in hits],
        "artists": [{"name": a.name, "refused": a.blocked} for a in artist_hits],
    }
    versions = {"policy": POLICY_VERSION, "classifier": classifier.version, "terms": terms_version,
                "artists": artists_version, "names_view": NAMES_VIEW_VERSION if with_view else "off"}
    return categories, scores, versions


def _classified(classifier: PromptClassifier, text: str) -> tuple[Scores, float, str, float, int]:
    """(scores, risk = 1 - P(benign), most likely harmful class, its threshold, evidence) of one text."""
    classified = classifier.scores(text)
    probabilities = classified.probabilities
    risk = 1.0 - probabilities.get("benign", 1.0)
    label = max((k for k in probabilities if k != "benign"), key=probabilities.__getitem__, default="")
    return classified, risk, label, _threshold(classifier.threshold(label)), classifier.evidence(text)


def classifier_threshold(category: str | None = None) -> float:
    """The risk (1 - P(benign)) at which the default (English) model refuses, for prompts whose most likely
    harmful class is `category`: one threshold per class, chosen at training (see the model card);
    `block_threshold` for a class without its own. A model routed by language has its own
    (`PromptClassifier.threshold`)."""
    return prompt_classifier().default.threshold(category)


def _min_evidence() -> int:
    return int(_classifier_meta().get("min_evidence", 0))


@cache
def _classifier_meta() -> dict[str, Any]:
    """The classifier's JSON (minimum evidence), read once per process like its weights."""
    import json

    from moderation.filters.classifier import MODEL_DIR

    try:
        return dict(json.loads((MODEL_DIR / "prompt_classifier.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def prompt_moderate(*, user: User, text: str, stage: Stage) -> Verdict:
    """Check a prompt or message before anything is queued. Records the decision; never raises."""
    text = _as_text(text)
    try:
        categories, scores, versions = _text_findings(text)
    except Exception:  # a broken filter refuses rather than letting everything through
        logger.exception("prompt moderation failed")
        categories, scores, versions = [Category.ERROR.value], {}, {"policy": POLICY_VERSION}
    action = Action.BLOCKED if categories else Action.ALLOWED
    decision = _record(user=user, stage=str(stage), action=action, categories=categories, scores=scores,
                       versions=versions, text=text)
    if not categories:
        return Verdict(allowed=True, decision_id=decision.pk, scores=scores)
    return Verdict(allowed=False, categories=tuple(categories), user_message=user_message(categories),
                   decision_id=decision.pk, scores=scores)


def image_nsfw_score(picture: PILImage) -> float:
    """The NSFW classifier's score of decoded pixels, computed ahead of `image_moderate(nsfw=...)` (the gpu
    worker scores an output while it encodes and signs it). Raises on a failure of the classifier."""
    from moderation.filters import images

    return images.nsfw_score(picture.convert("RGB"))


def image_moderate(*, user: User, image: bytes, stage: Stage, consent_confirmed: bool = False,
                   nsfw: float | None = None) -> Verdict:
    """Check image bytes: an output before anyone sees it, or an upload before it is used.

    Outputs flagged as NSFW are withheld (the caller keeps them out of sight and queues them for review);
    uploads flagged as NSFW are refused. An upload showing a face needs `consent_confirmed` when
    MODERATION_UPLOAD_FACES is "consent", is refused when it is "refuse", and passes when it is "allow".
    `nsfw` is `image_nsfw_score` of exactly these pixels when the caller computed it already (a generated
    output scored before its encoding was done); the record still names the sha256 of `image`.
    """
    from moderation.filters import images

    data = bytes(image or b"")
    digest = hashlib.sha256(data).hexdigest()
    versions = {"policy": POLICY_VERSION, "nsfw": images.NSFW_VERSION}
    scores: dict[str, Any] = {}
    categories: list[str] = []
    action = Action.ALLOWED
    needs_consent = False
    try:
        if nsfw is None or stage == Stage.UPLOAD:  # an upload's bytes are always decoded here (faces, bombs)
            picture = images.decode(data, max_pixels=settings.MODERATION_IMAGE_MAX_PIXELS)
            nsfw = images.nsfw_score(picture)
        scores["nsfw"] = round(nsfw, 4)
        if nsfw >= settings.MODERATION_NSFW_THRESHOLD:
            categories.append(Category.NUDITY)
            action = Action.WITHHELD if stage == Stage.OUTPUT_IMAGE else Action.BLOCKED
        faces_policy = settings.MODERATION_UPLOAD_FACES
        if stage == Stage.UPLOAD and not categories and faces_policy != "allow":
            versions["faces"] = images.FACES_VERSION
            faces = images.count_faces(picture)
            scores["faces"] = faces
            if faces and not (faces_policy == "consent" and consent_confirmed):
                categories.append(Category.REAL_PERSON)
                needs_consent = faces_policy == "consent"
                action = Action.CONSENT_NEEDED if needs_consent else Action.BLOCKED
            elif faces:
                scores["consent_confirmed"] = True
    except images.UnreadableImage as exc:
        scores["error"] = str(exc)
        categories, action = [Category.ERROR.value], Action.BLOCKED
    except Exception:
        logger.exception("image moderation failed")
        categories, action = [Category.ERROR.value], (
            Action.WITHHELD if stage == Stage.OUTPUT_IMAGE else Action.BLOCKED)
    decision = _record(user=user, stage=str(stage), action=action, categories=categories, scores=scores,
                       versions=versions, image_sha256=digest)
    if not categories:
        return Verdict(allowed=True, decision_id=decision.pk, scores=scores)
    message = user_message(categories)
    if Category.REAL_PERSON in categories and not needs_consent:
        message = _("This photo appears to show a real person, and photos of real people cannot be edited here.")
    elif Category.ERROR in categories and "error" in scores:
        message = _("This image could not be read. Please upload a PNG, JPEG or WebP picture.")
    return Verdict(allowed=False, categories=tuple(categories), user_message=str(message),
                   decision_id=decision.pk, needs_consent=needs_consent, scores=scores)
