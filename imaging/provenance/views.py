"""The Content Credentials of a stored image (JSON, for the badge's panel) and the public /verify page."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from conversations.services import rate_limit_hit
from imaging.errors import NotFound
from imaging.provenance.c2pa_manifest import ProvenanceReport
from imaging.provenance.services import VerifyRejected, image_provenance_report, provenance_verify_upload
from imaging.selectors import image_file_get_for_user


def state_text(state: str) -> str:
    return {
        "trusted": _("Valid and trusted: signed by a certificate this site trusts, and unchanged since."),
        "valid": _("Valid, but signed by a certificate this site does not trust."),
        "invalid": _("Invalid: the Content Credentials are damaged or the image was changed after signing."),
        "none": _("No Content Credentials: the image carries no C2PA manifest."),
    }[state]


def action_text(action: str) -> str:
    names = {
        "c2pa.created": _("Created"),
        "c2pa.opened": _("Opened an earlier image"),
        "c2pa.edited": _("Edited"),
        "c2pa.placed": _("Placed an image"),
        "c2pa.converted": _("Converted"),
        "c2pa.resized": _("Resized"),
    }
    return names.get(action, action)


def issue_text(code: str, explanation: str) -> str:
    known = {
        "assertion.dataHash.mismatch": _("The image was changed after it was signed (data hash mismatch)."),
        "signingCredential.untrusted": _("The signer's certificate is not one this site trusts."),
        "signingCredential.invalid": _("The signer's certificate is not valid."),
        "claimSignature.mismatch": _("The signature does not match the manifest."),
    }
    return known.get(code, f"{code}: {explanation}" if explanation else code)


def report_context(report: ProvenanceReport) -> dict[str, Any]:
    """The report with its words translated, for templates and JSON."""
    return {
        "report": report,
        "state_text": state_text(report.state),
        "actions": [{"name": action_text(a.action), "code": a.action, "software_agent": a.software_agent,
                     "ai_generated": a.ai_generated} for a in report.actions],
        "issues": [issue_text(i.code, i.explanation) for i in report.errors],
        "chain": [{"title": link.title, "label": link.label, "claim_generator": link.claim_generator,
                   "signer": link.signer.common_name, "sha256": link.sha256,
                   "actions": ", ".join(action_text(a.action) for a in link.actions)}
                  for link in report.parent_chain[1:]],
    }


@require_GET
def image_provenance(request: HttpRequest, image_id: uuid.UUID) -> HttpResponse:
    """The report of one stored image for its owner and staff (404 for anyone else), with the panel's HTML."""
    try:
        image = image_file_get_for_user(user=request.user, image_id=image_id)
    except NotFound:
        raise Http404 from None
    report = image_provenance_report(image=image)
    context = report_context(report)
    data = report.as_dict()
    data.update(state_text=context["state_text"],
                html=render_to_string("provenance/_report.html", context, request=request))
    response = JsonResponse(data)
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone (no login) uploads an image and sees its Content Credentials and whether they are valid and trusted."""
    context: dict[str, Any] = {"max_mb": f"{settings.IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024:g}",
                               "max_side": settings.IMAGE_UPLOAD_MAX_SIDE}
    status = 200
    if request.method == "POST":
        client = request.META.get("REMOTE_ADDR", "unknown")
        uploaded = request.FILES.get("file")
        if rate_limit_hit(key=f"verify:{client}", limit=settings.PROVENANCE_VERIFY_PER_MINUTE, window=60):
            context["error"] = _("Too many checks from your address: wait a minute and try again.")
            status = 429
        elif uploaded is None:
            context["error"] = _("Choose an image file to check.")
            status = 400
        else:
            try:
                checked = provenance_verify_upload(data=uploaded.read(settings.IMAGE_UPLOAD_MAX_BYTES + 1),
                                                   filename=uploaded.name or "")
            except VerifyRejected as exc:
                context["error"] = str(exc)
                status = 400
            else:
                context.update(report_context(checked.report), checked=checked, filename=uploaded.name or "")
    return render(request, "provenance/verify.html", context, status=status)
