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


def env_flag(name: str, default: bool = False) -> bool:
    """A yes/no setting from the environment: "1", "true", "yes", "on" (any case) mean yes; unset means ``default``."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated setting from the environment, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-thidua-change-me")
# Off everywhere unless asked for: a debug page lists every URL and setting, in English. THIDUA_DEBUG=1 is the
# developer mode; the older DEBUG=1 still works when THIDUA_DEBUG is not set.
DEBUG = env_flag("THIDUA_DEBUG", default=env_flag("DEBUG"))
# A laptop instance answers on the loopback names only; a server lists its names in ALLOWED_HOSTS.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
# A refused form (expired page, cookie blocked) gets a Vietnamese page, not Django's English explanation.
CSRF_FAILURE_VIEW = "thidua.core.views.csrf_failure"
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
    "django_otp",  # second factor (accounts/twofactor): TOTP devices and one-time recovery codes
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    # request.user.is_verified(): whether this session passed the second factor (django-otp)
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thidua.core.middleware.IntegrityConflictMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thidua.core.middleware.CurrentActorMiddleware",
    "axes.middleware.AxesMiddleware",
    # A temporary password is changed before anything else — except the second factor's pages, which come first.
    "thidua.accounts.middleware.ForcePasswordChangeMiddleware",
    # A signed-in user who owes a second factor reaches only the code page, the enrollment pages and sign-out.
    "thidua.accounts.twofactor.middleware.SecondFactorMiddleware",
]

# Two-factor sign-in (accounts/twofactor): on by default, administrators and the roles that sign or approve must
# enrol a TOTP app and enter a code after their password; THIDUA_2FA_REQUIRED=0 makes it optional for everyone
# (a user who enrolled is still asked for a code). Issuer shown in the authenticator app.
THIDUA_2FA_REQUIRED = os.environ.get("THIDUA_2FA_REQUIRED", "1") == "1"
OTP_TOTP_ISSUER = os.environ.get("THIDUA_2FA_ISSUER", "Thidua")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

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
                "thidua.accounts.context_processors.accounts",
            ],
        },
    },
]


def sqlite_options() -> dict:
    """The connection options every SQLite database gets, the default file or a ``DATABASE_URL=sqlite://…``.

    WAL lets readers proceed while one writer commits; IMMEDIATE transactions take the write lock at BEGIN, so two
    writers queue (up to ``timeout`` seconds) instead of failing with "database is locked" when one upgrades. Reads go
    through a memory map (up to 1 GiB) and a 64 MiB page cache instead of 2 MiB of copies: the eligibility run reads a
    million rows in one go.
    """
    return {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }


def database_config(url: str) -> dict:
    """The default database: PostgreSQL or SQLite from ``DATABASE_URL``, else the SQLite file in the data folder.

    SQLite gets :func:`sqlite_options` either way (options already in the URL's query string win), and its test
    database is a file, not memory, so the worker processes that tests start can open it.
    """
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        # THIDUA_SQLITE_PATH: another database file (tests point the worker processes they start at theirs).
        name = os.environ.get("THIDUA_SQLITE_PATH") or DATA_DIR / "thidua.sqlite3"
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": name}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = sqlite_options() | config.get("OPTIONS", {})
        config["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
    return config


DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {"default": database_config(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # Django's checks with Vietnamese messages (the vi catalogue misses Django 5.2's "too short" text).
    {"NAME": "thidua.accounts.validators.UserAttributeSimilarityValidator"},
    {"NAME": "thidua.accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "thidua.accounts.validators.CommonPasswordValidator"},
    {"NAME": "thidua.accounts.validators.NumericPasswordValidator"},
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
# (The client address behind reverse proxies: AXES_CLIENT_IP_CALLABLE below, THIDUA_PROXY_COUNT / _TRUSTED_PROXIES.)

# Vietnamese whatever the browser asks for (no LocaleMiddleware): Django's own texts — the admin, form errors —
# speak Vietnamese too, in a Vietnamese interface.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Our Vietnamese for Django messages its vi catalogue lacks or words badly (searched before Django's own).
LOCALE_PATHS = [BASE_DIR / "locale"]
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

# With DEBUG off runserver serves no static files: whitenoise does, from the finders on a laptop (no collectstatic
# step; the files are indexed once at start-up) and from STATIC_ROOT after ``collectstatic`` in production.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600

# HTTPS behind a server (docs/operations.md): HSTS for THIDUA_HSTS_SECONDS (0 = no header), the redirect of plain
# HTTP, and cookies sent over HTTPS only (on by default in production and whenever the redirect is on).
SECURE_HSTS_SECONDS = int(os.environ.get("THIDUA_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("THIDUA_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = env_flag("THIDUA_HSTS_PRELOAD")
SECURE_SSL_REDIRECT = env_flag("THIDUA_SSL_REDIRECT")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag(
    "THIDUA_SECURE_COOKIES", default=PRODUCTION or SECURE_SSL_REDIRECT
)

# Reverse proxies in front of the application. Only when THIDUA_PROXY_COUNT (how many proxies append to
# X-Forwarded-For) or THIDUA_TRUSTED_PROXIES (their address prefixes) is set are X-Forwarded-For and
# X-Forwarded-Proto believed: the login lockout then keys on the client's address, not the proxy's
# (core.middleware.client_ip). Without them the headers are ignored (anyone can send them).
THIDUA_PROXY_COUNT = int(os.environ.get("THIDUA_PROXY_COUNT", "0"))
THIDUA_TRUSTED_PROXIES = env_list("THIDUA_TRUSTED_PROXIES")
BEHIND_PROXY = bool(THIDUA_PROXY_COUNT or THIDUA_TRUSTED_PROXIES)
AXES_CLIENT_IP_CALLABLE = "thidua.core.middleware.client_ip"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
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

# Mail (issue 9): reminders of `thidua remind` go out by mail when an SMTP server is configured; without EMAIL_HOST
# they are printed by the console backend (nothing leaves the machine). THIDUA_SITE_URL makes the links in mails
# absolute ("https://thidua.example.vn").
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
    EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thidua@localhost")
THIDUA_SITE_URL = os.environ.get("THIDUA_SITE_URL", "").rstrip("/")
