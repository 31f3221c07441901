"""Django settings for Thidua, read from the environment.

Development defaults need nothing set. With ``THIDUA_ENV=production`` the required keys must be present or the
process refuses to start (fail fast rather than run with a guessable secret or an open host list).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # src/thidua
PROJECT_DIR = BASE_DIR.parent.parent
ENV = os.environ.get("THIDUA_ENV", "development")
PRODUCTION = ENV == "production"

REQUIRED_IN_PRODUCTION = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
if PRODUCTION:
    missing = [key for key in REQUIRED_IN_PRODUCTION if not os.environ.get(key)]
    if missing:
        raise ImproperlyConfigured("Thiếu biến môi trường bắt buộc khi chạy production: " + ", ".join(missing))

DATA_DIR = Path(os.environ.get("THIDUA_DATA_DIR", PROJECT_DIR / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
(DATA_DIR / "staticfiles").mkdir(exist_ok=True)  # whitenoise warns when STATIC_ROOT is missing

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-thidua-change-me")
DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "thidua.core.admin_apps.ThiduaAdminConfig",  # django.contrib.admin with the administrators-only site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    "django_filters",
    "django_tables2",
    "django_tasks",
    "django_tasks_db",
    "thidua.core",
    "thidua.org",
    "thidua.accounts",
    "thidua.catalogue",
    "thidua.records",
    "thidua.awards",
    "thidua.emulation",
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thidua.core.middleware.RequestIdMiddleware",
    "thidua.core.middleware.RejectControlCharactersMiddleware",
    "thidua.api.middleware.ApiJsonMethodNotAllowedMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.core.middleware.IntegrityConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.CurrentActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.config.urls"
WSGI_APPLICATION = "thidua.config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.core.context_processors.thidua",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # THIDUA_SQLITE_PATH: another database file (tests point the worker processes they start at theirs).
            "NAME": os.environ.get("THIDUA_SQLITE_PATH") or DATA_DIR / "thidua.sqlite3",
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE avoids "database is locked" upgrades.
                # Reads go through a memory map (up to 1 GiB) and a 64 MiB page cache instead of 2 MiB of copies:
                # the eligibility run reads a million rows in one go.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # pytest's database in a file, not in memory, so the worker processes that tests start can open it.
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling: 5 failures for a username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

# Vietnamese whatever the browser asks for (no LocaleMiddleware): Django's own texts — the admin, form errors —
# speak Vietnamese too, in a Vietnamese interface.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly with the vn_number filter; the global separator would print years as "2.025".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
# src/thidua/static belongs to no app, so the finders (runserver, collectstatic, live_server) need it named.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Strict CSP: everything from our own origin, no inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Personal access tokens for the API expire after this many days unless the user picks fewer.
API_TOKEN_MAX_DAYS = 365
PEOPLE_PAGE_SIZE = 50

# Background jobs (core.jobs): when True, a queued job runs in the web process right after the transaction commits,
# so a single laptop needs no ``thidua worker``; set THIDUA_JOBS_INLINE=0 when workers run (production default).
THIDUA_JOBS_INLINE = os.environ.get("THIDUA_JOBS_INLINE", "0" if PRODUCTION else "1") == "1"
# Django's tasks framework (the django-tasks backport on 5.2): "default" queues in the database for ``thidua worker``
# (django-tasks-db's ``db_worker``); "inline" runs the task in the enqueuing process (laptops, the CLI, tests).
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "inline": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# A running job writes a heartbeat every THIDUA_JOB_HEARTBEAT_SECONDS; one silent for THIDUA_JOB_LEASE_SECONDS lost
# its worker (killed, machine rebooted) and is marked failed by the next worker or page that looks.
THIDUA_JOB_HEARTBEAT_SECONDS = float(os.environ.get("THIDUA_JOB_HEARTBEAT_SECONDS", "5"))
THIDUA_JOB_LEASE_SECONDS = float(os.environ.get("THIDUA_JOB_LEASE_SECONDS", "30"))
# Eligibility results are stored this many rows per transaction (each a short write: other users' writes wait at most
# one batch on SQLite).
THIDUA_ELIGIBILITY_BATCH = int(os.environ.get("THIDUA_ELIGIBILITY_BATCH", "2000"))
# Seconds a long SQLite write (a run's results) leaves the write lock free between two batches, on top of the time
# the run spends converting the next batch outside the lock. 0.02 rather than 0.12: measured on 100,000 people
# (328,807 results, 165 batches; docs/PERFORMANCE.md, issue 8) the slowest concurrent write stayed at 0.12-0.14 s
# with 0.02 against 0.11-0.20 s with 0.12, and storing took 14 s (about 20 %) less.
THIDUA_SQLITE_WRITER_PAUSE = float(os.environ.get("THIDUA_SQLITE_WRITER_PAUSE", "0.02"))
# Test-only: seconds each job sleeps per progress report, to make a run slow enough to kill a worker mid-way.
THIDUA_JOB_TEST_DELAY = float(os.environ.get("THIDUA_JOB_TEST_DELAY", "0"))
ELIGIBILITY_PAGE_SIZE = 50
