"""Test settings: real PostgreSQL and Redis (see chatsite.services_probe), fast password hashing."""

from __future__ import annotations

import os
import tempfile

from chatsite.services_probe import resolve_database_url, resolve_redis_url

# Resolve before base.py reads the environment.
resolve_database_url()
resolve_redis_url(db=int(os.environ.get("ATELIER_TEST_REDIS_DB", "9")))
os.environ.setdefault("CHANNEL_LAYER_PREFIX", "atelier-test")
os.environ.setdefault("CACHE_KEY_PREFIX", "atelier-test")
# A development CA of the test run's own (created on first use), shared with the workers it starts.
os.environ.setdefault("PROVENANCE_DIR", tempfile.mkdtemp(prefix="atelier-test-provenance-"))

from chatsite.settings.base import *  # noqa: E402, F403
from chatsite.settings.base import VAR_DIR  # noqa: E402

# Parallel runs on one machine (several checkouts, CI beside a developer) each get their own test
# database; set ATELIER_TEST_REDIS_DB too so that their workers do not share queues.
DATABASES["default"]["TEST"] = {"NAME": f"test_atelier{os.environ.get('ATELIER_TEST_DB_SUFFIX', '')}"}  # noqa: F405
# Connections opened in Channels' worker threads (database_sync_to_async) close after each call instead of living
# for CONN_MAX_AGE seconds; otherwise one is still open when the test database is dropped at the end of the run
# ("database is being accessed by other users", and the database stays behind).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
LANGUAGE_CODE = "en"
# Workers draw with the tiny random pipeline unless IMAGE_MODEL says otherwise (IMAGE_MODEL=inhouse runs the
# suite on the default model: slower to load, see bench/README.md).
IMAGE_MODEL = os.environ.get("IMAGE_MODEL", "tiny-random")
WHITENOISE_USE_FINDERS = True
