"""Production settings: the same code as base.py, hardened. Refuses to start when unsafe."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from chatsite.settings.base import *  # noqa: F403
from chatsite.settings.base import DEV_SECRET_KEY, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)

if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "Production needs its own DJANGO_SECRET_KEY (50+ random characters); "
        "the development key is refused."
    )
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is too short or too simple: use 50+ random characters.")
if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Production signs with the operator's certificate chain and key (PROVENANCE_CERT_CHAIN, PROVENANCE_PRIVATE_KEY,
# PROVENANCE_TRUST_ANCHORS) or a KMS/HSM callback, never with a development CA created on the fly: with signing on
# and no credentials, the start-up checks (atelier.E102) refuse to start.
PROVENANCE_DEV_CA = env.bool("PROVENANCE_DEV_CA", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# /healthz is probed over plain HTTP by load balancers inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
