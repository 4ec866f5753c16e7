"""Settings for SaferHub, read from the environment.

Development (the default) runs on SQLite with DEBUG on. Production is selected with
``SAFERHUB_ENV=production`` and then requires ``SECRET_KEY``, ``ALLOWED_HOSTS`` and (normally)
``DATABASE_URL``; it passes ``manage.py check --deploy``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SAFERHUB_ENV = os.environ.get("SAFERHUB_ENV", "development").strip().lower()
if SAFERHUB_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("SAFERHUB_ENV must be development, test or production.")
PRODUCTION = SAFERHUB_ENV == "production"

DEBUG = env_bool("SAFERHUB_DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789-abcdefghijklmnop"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules",
    "govuk_frontend_django",
    "django_tasks",
    "django_tasks_db",
    # Sign-in protection (saferhub/core/signin/): lockout, and the second factor with recovery codes.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "saferhub.core",
    "saferhub.governance",
    "saferhub.papers",
    "saferhub.delivery",
    "saferhub.groups",
    "saferhub.importer",
    "saferhub.search",
    "saferhub.asb",
    "saferhub.dhr",
    "saferhub.returns",
    "saferhub.consultations",
    "saferhub.opendata",
    "saferhub.alerts",
]

# Seconds an anonymous visitor's public page may be served from the cache (see
# saferhub/opendata/middleware.py); 0 turns the cache off.
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("SAFERHUB_PUBLIC_PAGE_CACHE_SECONDS", "30" if PRODUCTION else "0"))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    *(["whitenoise.middleware.WhiteNoiseMiddleware"] if PRODUCTION else []),
    # Anonymous visitors' public pages, cached briefly (off unless PUBLIC_PAGE_CACHE_SECONDS > 0).
    "saferhub.opendata.middleware.PublicPageCacheMiddleware",
    # Cache-Control: no-store on every signed-in or staff response (saferhub/core/middleware.py); inside the
    # page cache, so that the page cache sees the header and never stores such a response.
    "saferhub.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified() from the session; then anyone who owes a second factor is sent to give it.
    "django_otp.middleware.OTPMiddleware",
    "saferhub.core.signin.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out sign-in into the lockout page; inside the security-header middleware above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "saferhub.urls"
WSGI_APPLICATION = "saferhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "saferhub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "saferhub.core.context_processors.site",
            ],
        },
    },
]

# Forms render through the project's templates, so that fields use the GOV.UK markup in
# saferhub/templates/govuk/forms/.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite is the embedded default; PostgreSQL is the production engine.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at
            # BEGIN so concurrent writers queue instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    DATABASES["default"].setdefault("TEST", {})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in while the account or address is locked, before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "saferhub" / "static"]
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
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# How many reverse proxies of ours sit in front of the app: the public rate limits then take the client's
# address from that hop of X-Forwarded-For, counted from the right (0: REMOTE_ADDR, the header is ignored).
SAFERHUB_TRUSTED_PROXY_COUNT = int(os.environ.get("SAFERHUB_TRUSTED_PROXY_COUNT", "0"))

# Sign-in lockout (django-axes, saferhub/core/signin/): failures are counted in the database, shared by
# every worker. An account locks after SAFERHUB_SIGNIN_FAILURE_LIMIT failures (from any address), an
# address after SAFERHUB_SIGNIN_ADDRESS_FAILURE_LIMIT (for any accounts), for SAFERHUB_SIGNIN_LOCKOUT_MINUTES;
# each failure while locked starts the wait again. Administrators unlock in the admin.
AXES_HANDLER = "saferhub.core.signin.handler.SignInAttemptHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("SAFERHUB_SIGNIN_FAILURE_LIMIT", "5"))
SAFERHUB_SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SAFERHUB_SIGNIN_ADDRESS_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SAFERHUB_SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "saferhub.core.http.client_ip"
AXES_LOCKOUT_CALLABLE = "saferhub.core.signin.views.lockout_response"
AXES_RESET_ON_SUCCESS = False  # a success from a shared address must not wipe an attacker's count there
AXES_ENABLE_ADMIN = False  # saferhub/core/signin/admin.py registers an administrators-only list with unlock
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail instead
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

# The second factor (django-otp): required in production for the roles that can open personal data
# (saferhub/core/signin/policy.py); off in development and tests unless SAFERHUB_REQUIRE_SECOND_FACTOR is set.
SAFERHUB_REQUIRE_SECOND_FACTOR = env_bool("SAFERHUB_REQUIRE_SECOND_FACTOR", PRODUCTION)
OTP_TOTP_ISSUER = os.environ.get("SAFERHUB_OTP_ISSUER", "SaferHub")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "saferhub"}
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Email (saferhub/alerts/, the ASB acknowledgement): the console locally, SMTP in production, or GOV.UK Notify
# with EMAIL_BACKEND=saferhub.alerts.backends.NotifyEmailBackend (NOTIFY_API_KEY, NOTIFY_TEMPLATE_ID: a Notify
# email template whose subject is ((subject)) and body ((body))). Mail is sent by the task worker.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587" if PRODUCTION else "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SaferHub <alerts@localhost>")
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
NOTIFY_EMAIL_REPLY_TO_ID = os.environ.get("NOTIFY_EMAIL_REPLY_TO_ID", "")
# Links in emails are absolute: the public address of the site.
SAFERHUB_SITE_URL = os.environ.get("SAFERHUB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Email alerts: days a confirmation link works, and days after which an unconfirmed alert is deleted.
ALERTS_CONFIRM_DAYS = int(os.environ.get("ALERTS_CONFIRM_DAYS", "7"))
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "14"))

# Security: the deployment checklist. Development keeps cookies usable over http://127.0.0.1.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_AGE = 60 * 60 * 8

from csp.constants import NONCE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": ["'none'"],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Where the Norfolk configuration is loaded from by ``manage.py load_committee_data``.
SAFERHUB_DEFAULT_DATA = BASE_DIR / "saferhub" / "governance" / "data" / "norfolk.yaml"

if SAFERHUB_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
