"""`{% images_i18n %}`: the image card's words, translated, as a JSON script element for static/js/images.js."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from imaging.selectors import error_message

register = template.Library()


def card_strings() -> dict[str, object]:
    return {
        "card": _("Image"),
        "progress": _("Progress"),
        "queued": _("Waiting for a free GPU…"),
        "queuedAt": _("Waiting for a free GPU: number %(position)s in line"),
        "wait": _("about %(minutes)s min"),
        "starting": _("Starting…"),
        "step": _("Step %(step)s of %(steps)s"),
        "done": _("Done"),
        "preview": _("Preview of the image being made"),
        "cancel": _("Cancel"),
        "download": _("Download"),
        "edit": _("Edit"),
        "variations": _("Variations"),
        "regenerate": _("Regenerate"),
        "size": _("Size"),
        "seed": _("Seed"),
        "withheld": _("Held back"),
        "editTitle": _("Edit this image"),
        "editHelp": _("Describe the change. To change only a part, paint over it first."),
        "editPrompt": _("What should change?"),
        "brush": _("Brush size"),
        "clearMask": _("Clear the painting"),
        "apply": _("Apply"),
        "close": _("Close"),
        "maskCanvas": _("Paint over the part of the image to change"),
        "network": _("The request could not be sent. Check your connection and try again."),
        "uploaded": _("Uploaded image"),
        "uploading": _("Uploading the image…"),
        "consentQuestion": _("This photo appears to show a real person. Do you have their consent to edit it?"),
        "consentConfirm": _("Confirm consent"),
        "consentCancel": _("Cancel"),
        "discarded": _("The photo was removed."),
        "errors": {
            code: error_message(code)
            for code in ("worker_lost", "timeout", "cancelled", "blocked", "internal_error")
        },
    }


@register.simple_tag
def images_i18n() -> SafeString:
    return json_script(card_strings(), "images-i18n")
