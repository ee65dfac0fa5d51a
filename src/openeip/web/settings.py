"""Django settings. Everything that differs between machines comes from the environment."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from openeip.web.env import ConfigurationError, env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(env_str("OPENEIP_DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("OPENEIP_DEBUG", False)
PRODUCTION = env_bool("OPENEIP_PRODUCTION", False)
_INSECURE_KEY = "openeip-embedded-default-not-for-production"
SECRET_KEY = env_str("OPENEIP_SECRET_KEY", _INSECURE_KEY)
if not DEBUG and SECRET_KEY == _INSECURE_KEY and PRODUCTION:
    raise ConfigurationError("Set OPENEIP_SECRET_KEY: production must not use the built-in key.")
ALLOWED_HOSTS = env_list("OPENEIP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

# HTTPS (docs/operations.md): on by default in production (OPENEIP_PRODUCTION=true), each
# switchable; off in the embedded default, which serves plain http on 127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("OPENEIP_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("OPENEIP_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("OPENEIP_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("OPENEIP_HSTS_PRELOAD", PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("OPENEIP_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (and strips it from
# clients): how Django knows the request came in over https.
SECURE_PROXY_SSL_HEADER = (("HTTP_X_FORWARDED_PROTO", "https")
                           if env_bool("OPENEIP_PROXY_SSL_HEADER", PRODUCTION) else None)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "openeip.web.base",
    "openeip.web.registry",
    # after registry, whose run_huey (a clear message unless OPENEIP_TASK_QUEUE=redis) wins
    "huey.contrib.djhuey",
    "openeip.web.intake",
    "openeip.web.recp",
    "openeip.web.reports",
    "openeip.web.symbiosis",
    "openeip.web.eip",
    "openeip.web.finance",
    "openeip.web.services",
    "openeip.web.ecofair",
    "openeip.web.monitor",
    "openeip.web.community",
    "openeip.web.training",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "openeip.web.middleware.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "openeip.web.middleware.CoreLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "openeip.web.registry.two_factor.RequireSecondFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",   # last: turns a lockout into the 429 page
]

ROOT_URLCONF = "openeip.web.urls"
WSGI_APPLICATION = "openeip.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openeip.web.registry.context.client_switch",
                "openeip.web.registry.context.account_links",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "sqlite:///{}".format(DATA_DIR / "openeip.sqlite3")),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Password-reset mails: printed on the console unless a real backend is configured.
EMAIL_BACKEND = env_str("OPENEIP_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("OPENEIP_FROM_EMAIL", "openeip@localhost")
# Login throttling (django-axes) on every path that checks a password: /accounts/login/,
# /admin/login/ and /api/token/ all go through django.contrib.auth.authenticate. Failures are
# counted per account and, separately, per address (either reaching the limit locks); a lock
# lasts AXES_COOLOFF_TIME, and failures older than that are forgotten. Attempts are stored in
# the database (SQLite or PostgreSQL alike). Behind a reverse proxy, set OPENEIP_PROXY_COUNT so
# the address is the client's (X-Forwarded-For), not the proxy's.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("OPENEIP_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("OPENEIP_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "openeip.web.registry.login_guard.locked_out"
AXES_CLIENT_IP_CALLABLE = "openeip.web.registry.login_guard.client_address"
PROXY_COUNT = env_int("OPENEIP_PROXY_COUNT", 0)
AXES_VERBOSE = False
# API tokens (/api/token/) expire this many hours after they were issued; a password change or
# reset revokes them at once.
API_TOKEN_LIFETIME = timedelta(hours=env_int("OPENEIP_API_TOKEN_HOURS", 24 * 7))
# Optional second factor (TOTP) for admins and park managers: /accounts/two-factor/
OTP_TOTP_ISSUER = env_str("OPENEIP_OTP_ISSUER", "OpenEIP")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# unambiguous dates (6 Dec 2026 / 06/12/2026) and grouped numbers in both languages
FORMAT_MODULE_PATH = ["openeip.web.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# whitenoise serves from the finders in the embedded default and warns if this folder is missing
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]  # site CSS and vendored JS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Files served at the site's root: /favicon.ico, which browsers ask for on pages without a
# <link rel="icon"> (the admin, the API browser, PDFs).
WHITENOISE_ROOT = PACKAGE_DIR / "web" / "root"
MEDIA_ROOT = DATA_DIR / "uploads"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Background work: "thread" runs tasks in the web process (embedded default);
# "redis" sends them to huey workers (`openeip manage run_huey`) on any machine.
# The platform's factor settings (openeip.core.ghg.FactorSettings; a park may set its own): the
# GWP set of every GHG figure, and the year whose factors value yearly figures without a data
# year (symbiosis benefits; 0 = the current year).
GWP_SET = env_str("OPENEIP_GWP_SET", "AR5").strip().upper()
if GWP_SET not in ("AR5", "AR6"):
    raise ConfigurationError("OPENEIP_GWP_SET must be AR5 or AR6, not {!r}.".format(GWP_SET))
FACTOR_YEAR = env_int("OPENEIP_FACTOR_YEAR", 0)
if FACTOR_YEAR and not 2000 <= FACTOR_YEAR <= 2100:
    raise ConfigurationError("OPENEIP_FACTOR_YEAR must be a year (2000-2100) or 0, not "
                             "{}.".format(FACTOR_YEAR))

TASK_QUEUE = env_str("OPENEIP_TASK_QUEUE", "thread")
if TASK_QUEUE not in ("thread", "redis"):
    raise ConfigurationError("OPENEIP_TASK_QUEUE must be 'thread' or 'redis', not {!r}.".format(
        TASK_QUEUE))
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
HUEY = {
    "huey_class": "huey.RedisHuey",
    "name": env_str("OPENEIP_QUEUE_NAME", "openeip"),
    "url": REDIS_URL,
    "immediate": TASK_QUEUE != "redis",
    "consumer": {"workers": 2, "worker_type": "thread"},
}
if TASK_QUEUE == "redis":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Imports of more rows than this run as background tasks with a progress bar.
INLINE_IMPORT_MAX_ROWS = 2000
# An import into a park waits at most this long for another import into the same park
# (PostgreSQL; on SQLite every write waits for the database's write lock, up to 30 s).
IMPORT_LOCK_WAIT_SECONDS = env_int("OPENEIP_IMPORT_LOCK_WAIT_SECONDS", 600)
# A worker running a job records a heartbeat this often; a running job without one for
# JOB_STALE_SECONDS lost its worker and is run again, at most JOB_MAX_ATTEMPTS times in all.
JOB_HEARTBEAT_SECONDS = env_int("OPENEIP_JOB_HEARTBEAT_SECONDS", 15)
JOB_STALE_SECONDS = env_int("OPENEIP_JOB_STALE_SECONDS", 120)
JOB_MAX_ATTEMPTS = env_int("OPENEIP_JOB_MAX_ATTEMPTS", 3)

# Report files (PDF, XLSX) made by background jobs; with Redis workers on other machines this
# folder must be shared with them (as the uploads are).
REPORT_DIR = Path(env_str("OPENEIP_REPORT_DIR", str(DATA_DIR / "reports")))

# Uploads (docs/operations.md): the largest file accepted, and what reading one may unpack and
# use. Every parse runs in a child process capped at PARSE_MEMORY_MB and PARSE_CPU_SECONDS.
UPLOAD_MAX_MB = env_int("OPENEIP_UPLOAD_MAX_MB", 50)
UPLOAD_MAX_UNPACKED_MB = env_int("OPENEIP_UPLOAD_MAX_UNPACKED_MB", 256)
UPLOAD_MAX_ROWS = env_int("OPENEIP_UPLOAD_MAX_ROWS", 1_048_576)
UPLOAD_MAX_COLUMNS = env_int("OPENEIP_UPLOAD_MAX_COLUMNS", 200)
UPLOAD_MAX_CELL_CHARS = env_int("OPENEIP_UPLOAD_MAX_CELL_CHARS", 32_767)
UPLOAD_MAX_JSON_DEPTH = env_int("OPENEIP_UPLOAD_MAX_JSON_DEPTH", 32)
PARSE_MEMORY_MB = env_int("OPENEIP_PARSE_MEMORY_MB", 2048)
PARSE_CPU_SECONDS = env_int("OPENEIP_PARSE_CPU_SECONDS", 900)

# Base-map tiles for the park map, e.g. an internal tile server
# ("https://tiles.example.org/{z}/{x}/{y}.png"). Empty (the default): no base map, so pages load
# nothing from another server; the map shows the boundary and tenants on a plain background.
OPENEIP_MAP_TILE_URL = env_str("OPENEIP_MAP_TILE_URL", "")
OPENEIP_MAP_ATTRIBUTION = env_str("OPENEIP_MAP_ATTRIBUTION", "")
if OPENEIP_MAP_TILE_URL and not all(p in OPENEIP_MAP_TILE_URL for p in ("{z}", "{x}", "{y}")):
    raise ConfigurationError("OPENEIP_MAP_TILE_URL={!r} needs the placeholders {{z}}, {{x}} and "
                             "{{y}}, e.g. https://tiles.example.org/{{z}}/{{x}}/{{y}}.png".format(
                                 OPENEIP_MAP_TILE_URL))

# Content-Security-Policy (django-csp): scripts, styles, fonts and data only from this site; no
# inline script or style attribute anywhere (JSON data travels in json_script blocks, which are
# not executed); map tiles from OPENEIP_MAP_TILE_URL's server when one is set.
_TILE_ORIGIN = "/".join(OPENEIP_MAP_TILE_URL.split("/")[:3]) if OPENEIP_MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "openeip.web.registry.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "openeip.web.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenEIP API",
    "DESCRIPTION": "Parks, companies, reporting periods, products and resource flows.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a 'status'; each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ImportJobStatusEnum": "openeip.web.intake.models.ImportJob.Status",
        "RecpAssessmentStatusEnum": "openeip.web.recp.models.assessments.Assessment.Status",
        "OptionStatusEnum": "openeip.web.recp.models.assessments.OptionStatus",
        "PlanActionStatusEnum": "openeip.web.eip.models.PlanAction.Status",
        "OpportunityStatusEnum": "openeip.web.symbiosis.models.OpportunityStatus",
        "GrievanceLevelEnum": "openeip.web.community.models.Level",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "openeip.web.schema.document_error_responses"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("OPENEIP_LOG_LEVEL", "WARNING")},
}
