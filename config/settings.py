"""Muhandis settings: one module, driven by environment variables with safe defaults.

Every value a deployment may change is read from the environment here, strictly:
a malformed value stops start-up with a message naming the variable. Secrets may be
given as ``VAR`` or as ``VAR_FILE`` (a path whose content is the secret).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    """A string from ``NAME`` or from the file named by ``NAME_FILE``."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use 1/0, true/false, yes/no.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production-000000000000"  # noqa: S105

VAR_DIR = Path(envstr("MUHANDIS_VAR_DIR", str(BASE_DIR / "var")))
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
# The public address people reach the site at: printed on certificates and in their QR codes,
# in links of emails, and the issuer of credentials. Required in production, like the secret key.
SITE_URL = envstr("SITE_URL").rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL must be set when DEBUG is off: the public address of the site, such as "
            "https://register.example.uz (it is printed on certificates and in their QR codes)."
        )
    SITE_URL = "http://127.0.0.1:8000"
try:
    _site = urlsplit(SITE_URL)
    _site_ok = _site.scheme in ("http", "https") and bool(_site.hostname) and _site.port != 0
except ValueError:  # a malformed host or port
    _site_ok = False
if not _site_ok:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not an http(s) address with a host.")
# Verifiable credentials: where private signing keys are kept (files readable only by the
# app), or one key given directly (PEM, e.g. from a secret store: CREDENTIALS_SIGNING_KEY_FILE).
CREDENTIALS_KEY_DIR = Path(envstr("CREDENTIALS_KEY_DIR", str(VAR_DIR / "keys")))
CREDENTIALS_SIGNING_KEY = envstr("CREDENTIALS_SIGNING_KEY")
# The association's own certificate and key for signing PDF certificates (PEM files); empty:
# a self-signed pair in CREDENTIALS_KEY_DIR, made by `manage.py credentials_keys create`.
CREDENTIALS_PDF_CERT_FILE = envstr("CREDENTIALS_PDF_CERT_FILE")
CREDENTIALS_PDF_KEY_FILE = envstr("CREDENTIALS_PDF_KEY_FILE")
# The host of the issuer's did:web identifier; empty: taken from SITE_URL unless that is a
# local address, in which case the issuer is a did:key.
CREDENTIALS_DID_HOST = envstr("CREDENTIALS_DID_HOST")
# The certification body's name, as printed on certificates, in each language.
ASSOCIATION_NAME = {
    "uz": envstr("ASSOCIATION_NAME_UZ", "Oʻzbekiston maslahatchi muhandislar assotsiatsiyasi"),
    "ru": envstr("ASSOCIATION_NAME_RU", "Ассоциация инженеров-консультантов Узбекистана"),
    "en": envstr("ASSOCIATION_NAME_EN", "Association of Consulting Engineers of Uzbekistan"),
}

INSTALLED_APPS = [
    "modeltranslation",
    "muhandis.accounts.apps.MuhandisAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "django_tasks_db",
    "muhandis.core",
    "muhandis.accounts",
    "muhandis.competencies",
    "muhandis.billing",
    "muhandis.notifications",
    "muhandis.membership",
    "muhandis.training",
    "muhandis.certification",
    "muhandis.needs",
    "muhandis.credentials",
    "muhandis.cpd",
    "muhandis.appeals",
    "muhandis.exams",
    "muhandis.directory",
    "muhandis.events",
    "muhandis.forum",
    "muhandis.opportunities",
    "muhandis.mentoring",
    "muhandis.consultations",
    "muhandis.api",
]

MIDDLEWARE = [
    # Outermost, so that every error under /api/ is answered in the API's JSON shape.
    "muhandis.api.middleware.ApiErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "muhandis.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "muhandis.core.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "muhandis.accounts.context_processors.navigation",
            ],
            # {% load billing_payments %}: the pay buttons of billing/_pay.html.
            "libraries": {"billing_payments": "muhandis.billing.providers.templatetags"},
        },
    },
]

# Database: SQLite under var/ by default; DATABASE_URL selects PostgreSQL in production.
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'muhandis.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when the transaction begins, so concurrent requests and
        # the task worker queue up instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file for the test database (instead of memory) lets the live server used by browser
    # tests give each of its threads its own connection, as in production.
    if envstr("TEST_SQLITE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": envstr("TEST_SQLITE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "muhandis",
    }
}
if envstr("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": envstr("CACHE_URL"),
    }

# Background tasks: the database backend by default, RQ on Redis for scale-out.
TASK_BACKEND = envstr("TASK_BACKEND", "database")
if TASK_BACKEND == "database":
    TASKS: dict[str, dict[str, object]] = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend"}
    }
elif TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_tasks", "django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"TASK_BACKEND={TASK_BACKEND!r} is unknown: use database, rq or immediate."
    )

RQ_QUEUES = {"default": {"URL": envstr("REDIS_URL", "redis://127.0.0.1:6379/0")}}

# Accounts and authentication.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Muhandis] "
ACCOUNT_ADAPTER = "muhandis.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "3/10m/key",
}
ACCOUNT_RATE_LIMITS_ENABLED = envbool("ACCOUNT_RATE_LIMITS_ENABLED", True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Muhandis"

# Sessions end after 30 minutes idle or 12 hours in all, and on logout.
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_TIMEOUT = envint("SESSION_ABSOLUTE_TIMEOUT", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Email: the default mailer hands every message to a background task, which delivers it
# through the "delivery" mailer: the console and the staff outbox page in development,
# SMTP (configured by EMAIL_* variables) in production.
EMAIL_DELIVERY_BACKEND = envstr(
    "EMAIL_DELIVERY_BACKEND",
    "muhandis.core.mail.OutboxEmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_delivery_options: dict = {}
if EMAIL_DELIVERY_BACKEND == "django.core.mail.backends.smtp.EmailBackend":
    _delivery_options = {
        "host": envstr("EMAIL_HOST", "localhost"),
        "port": envint("EMAIL_PORT", 587),
        "username": envstr("EMAIL_HOST_USER"),
        "password": envstr("EMAIL_HOST_PASSWORD"),
        "use_tls": envbool("EMAIL_USE_TLS", True),
        "use_ssl": envbool("EMAIL_USE_SSL", False),
        "timeout": envint("EMAIL_TIMEOUT", 30),
    }
MAILERS = {
    "default": {"BACKEND": "muhandis.core.mail.TaskEmailBackend"},
    "delivery": {"BACKEND": EMAIL_DELIVERY_BACKEND, "OPTIONS": _delivery_options},
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Muhandis <noreply@muhandis.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: Uzbek (Latin) is the default; the URL prefix chooses the language.
LANGUAGE_CODE = "uz"
LANGUAGES = [("uz", "Oʻzbekcha"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where Django's formats for a language need correcting (config/formats/<language>/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = envstr("TIME_ZONE", "Asia/Tashkent")
LANGUAGE_COOKIE_NAME = "muhandis_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "uz"
MODELTRANSLATION_LANGUAGES = ("uz", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("uz", "ru", "en")

# Static and uploaded files. Uploads go through the storage API: STORAGE_BACKEND=s3 stores
# them in S3-compatible object storage (install the "s3" extra and set AWS_* variables).
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
_media_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if envstr("STORAGE_BACKEND", "local") == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": envstr("AWS_S3_ENDPOINT_URL") or None,
            "access_key": envstr("AWS_ACCESS_KEY_ID"),
            "secret_key": envstr("AWS_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development static files are served from their sources, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security baseline (OWASP ASVS level 2 as the yardstick).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = False
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Browser features no page uses are refused to every page and to what it embeds. The camera
# too: the QR-code scanner planned for the public verification page will allow it for that page
# alone (`muhandis.core.middleware.allow_features(camera="self")`), not for the whole site.
PERMISSIONS_POLICY = {
    name: ""
    for name in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Client IP: REMOTE_ADDR unless a trusted proxy header is named.
CLIENT_IP_HEADER = envstr("CLIENT_IP_HEADER")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

API_PATH_PREFIX = "/api/"
# Every list of the API pages with bounded `limit` (1 to 100, 50 by default) and `offset`.
NINJA_PAGINATION_CLASS = "muhandis.api.pagination.LimitOffsetPagination"
# Requests a client may make per minute to the public register and verification.
PUBLIC_RATE_LIMIT_PER_MINUTE = envint("PUBLIC_RATE_LIMIT_PER_MINUTE", 120)
# Seconds between writes of the verification counts gathered in memory by each process.
VERIFICATION_COUNT_FLUSH_SECONDS = envint("VERIFICATION_COUNT_FLUSH_SECONDS", 30)
# Days staff have to decide an appeal after it is lodged.
APPEAL_DECISION_DAYS = envint("APPEAL_DECISION_DAYS", 60)
# Days after a course session ends when participants are asked how they apply what they learned.
TRAINING_FOLLOW_UP_DAYS = envint("TRAINING_FOLLOW_UP_DAYS", 90)
# Membership: days before the end of a period when the renewal is invoiced and the member told.
MEMBERSHIP_RENEWAL_DAYS = envint("MEMBERSHIP_RENEWAL_DAYS", 30)
# Forum: flags from members that hide a post until a moderator decides.
FORUM_FLAGS_TO_HIDE = envint("FORUM_FLAGS_TO_HIDE", 3)
# Needs surveys: days between reminders to invited people who have not answered, and how many.
NEEDS_REMINDER_DAYS = envint("NEEDS_REMINDER_DAYS", 7)
NEEDS_MAX_REMINDERS = envint("NEEDS_MAX_REMINDERS", 2)
# Days staff have to acknowledge, and to resolve, a complaint after it is filed.
COMPLAINT_ACKNOWLEDGE_DAYS = envint("COMPLAINT_ACKNOWLEDGE_DAYS", 5)
COMPLAINT_RESOLVE_DAYS = envint("COMPLAINT_RESOLVE_DAYS", 60)
# Payment providers (muhandis/billing/providers, docs/decisions/0009-payment-providers.md). A
# provider is offered on invoices only when its settings are given.
PAYME_MERCHANT_ID = envstr("PAYME_MERCHANT_ID")
PAYME_KEY = envstr("PAYME_KEY")
# A test deployment only (Payme's sandbox): when set, it is the key checked instead of PAYME_KEY.
PAYME_TEST_KEY = envstr("PAYME_TEST_KEY")
PAYME_CHECKOUT_URL = envstr("PAYME_CHECKOUT_URL", "https://checkout.paycom.uz").rstrip("/")
CLICK_SERVICE_ID = envstr("CLICK_SERVICE_ID")
CLICK_MERCHANT_ID = envstr("CLICK_MERCHANT_ID")
# Click's merchant API (fiscal receipts): receipts are sent only when this is set too.
CLICK_MERCHANT_USER_ID = envstr("CLICK_MERCHANT_USER_ID")
CLICK_SECRET_KEY = envstr("CLICK_SECRET_KEY")
# Demo data for `make run`, loaded in this order by `manage.py load_demo_data`.
DEMO_DATA_LOADERS = [
    "muhandis.accounts.demo.load",
    "muhandis.billing.demo.load",
    "muhandis.membership.demo.load",
    "muhandis.credentials.demo.load",
    "muhandis.certification.demo.load",
    "muhandis.certification.demo.load_applications",
    "muhandis.cpd.demo.load",
    "muhandis.certification.demo.load_register",
    "muhandis.appeals.demo.load",
    "muhandis.exams.demo.load",
    "muhandis.training.demo.load",
    "muhandis.needs.demo.load",
    "muhandis.directory.demo.load",
    "muhandis.events.demo.load",
    "muhandis.forum.demo.load",
    "muhandis.opportunities.demo.load",
    "muhandis.mentoring.demo.load",
    "muhandis.consultations.demo.load",
]
# Reference data that registrars and training managers maintain in the Django admin.
STAFF_REFERENCE_DATA = [
    "accounts.region",
    "accounts.organisation",
    "accounts.employment",
    "competencies.framework",
    "competencies.area",
    "competencies.competency",
    "competencies.roleprofile",
    "competencies.requiredlevel",
    "competencies.proficiencyscale",
    "competencies.proficiencylevel",
    "certification.scheme",
    "certification.schemecompetency",
    "certification.assessmentmethod",
    "certification.cpdrequirement",
    "billing.issuer",
    "billing.invoice",
    "billing.payment",
    "billing.creditnote",
]
SILENCED_SYSTEM_CHECKS: list[str] = []
