"""Settings for the portal, configured by environment variables (see .env.example).

Development works with no variables set; production (DEBUG off) refuses to start
with a missing or default SECRET_KEY.
"""

import ipaddress
import re
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is optional; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105 -- refused when DEBUG is off
DEFAULT_DATABASE_URL = "postgres://portal:portal@127.0.0.1:5432/portal"
DEFAULT_ADMIN_URL = "admin/"
# Where `make run` serves; production sets its public address (check --deploy warns otherwise).
DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"


def _bool(name, default):
    try:
        return env.bool(name, default=default)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be true or false, got {env.str(name)!r}") from exc


def _count(name, default, minimum):
    try:
        value = env.int(name, default=default)
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, got {env.str(name)!r}"
        )
    return value


def _database(url):
    try:
        with warnings.catch_warnings():
            # Our own message below is clearer than django-environ's warning.
            warnings.simplefilter("ignore")
            config = environ.Env.db_url_config(url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from exc
    if config.get("ENGINE") != "django.db.backends.postgresql" or not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT/NAME "
            f"(got {url!r}); the portal runs on PostgreSQL only"
        )
    config["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    config["CONN_HEALTH_CHECKS"] = True
    # Behind pgBouncer in transaction mode a connection's next transaction may run on
    # another server connection, where a server-side cursor (QuerySet.iterator()) does not
    # exist: Django then fetches such results whole (docs/deploy.md, "Connection pooling").
    config["DISABLE_SERVER_SIDE_CURSORS"] = _bool("DB_TRANSACTION_POOLING", False)
    # Tests get their own database name so parallel checkouts never share one.
    config["TEST"] = {"NAME": env.str("TEST_DATABASE_NAME", default=f"test_{config['NAME']}")}
    return config


def _admin_url(value):
    path = value.strip().strip("/")
    parts = path.split("/")
    if not all(re.fullmatch(r"[A-Za-z0-9._~-]+", p) and p.strip(".") for p in parts):
        raise ImproperlyConfigured(
            f"ADMIN_URL must be a path such as admin/ or office-7f3a/ (got {value!r})"
        )
    return f"{path}/"


def _site_url(value):
    """scheme://host[:port] without a path: every absolute URL the portal prints starts so."""
    parts = urlsplit(value.strip())
    try:
        parts.port  # noqa: B018 -- raises ValueError on a port that is no port
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"SITE_URL must look like https://crm.example.ru, without a path (got {value!r})"
        )
    return f"{parts.scheme}://{parts.netloc}"


def _networks(name, values):
    """['10.0.0.2', '10.1.0.0/16'] -> networks; ['*'] -> None (any address)."""
    if "*" in values:
        return None
    try:
        return [ipaddress.ip_network(value.strip(), strict=False) for value in values]
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be IP addresses or networks, comma-separated, or * (got {values!r})"
        ) from exc


DEBUG = _bool("DEBUG", True)

SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of 50+ characters when DEBUG is off "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# The portal's public address. Absolute URLs (sitemaps, RSS, robots.txt, rel="canonical")
# are built from it, never from the request's Host header, which a client chooses: Django
# checks the host name against ALLOWED_HOSTS but not the port (127.0.0.1:99999 passes).
SITE_URL = _site_url(env.str("SITE_URL", default=DEVELOPMENT_SITE_URL))
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

PORTAL_NAME = env.str("PORTAL_NAME", default="Практика CRM")
# Footer links to the portal's pages elsewhere: (label, URL) pairs. None by default: a link
# is shown only once the operator names an account that exists.
SOCIAL_LINKS = [
    (_("Мы в Telegram"), env.str("SOCIAL_TELEGRAM_URL", default="")),
    (_("Мы ВКонтакте"), env.str("SOCIAL_VK_URL", default="")),
    (_("Мы на Facebook"), env.str("SOCIAL_FACEBOOK_URL", default="")),
]
SOCIAL_LINKS = [(label, url) for label, url in SOCIAL_LINKS if url]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "core.apps.LoginProtectionConfig",  # django-axes
    "django_filters",
    "taggit",
    "csp",
    "simple_history",
    "import_export",
    # The project's apps, lowest layer first (docs/architecture.md).
    "core",
    "glossary",
    "catalog",
    "polls",
    "selection",
    "portal",
]

# Order matters (docs/performance.md, "Page cache"): headers added above the page cache
# reach cached pages too; the page cache must see the cookies and Vary that the session,
# CSRF and messages middleware below it add, to know a page is per-visitor.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Content history (core/history.py) records the signed-in editor of every change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.SessionlessVisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out login into the lockout page; it touches no other response, so
    # the page cache above is unaffected.
    "axes.middleware.AxesMiddleware",
    # Last, so its 400 for unreadable input gets every header set above (core/middleware.py).
    "core.middleware.RejectUnreadableInputMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": _database(env.str("DATABASE_URL", default=DEFAULT_DATABASE_URL))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache must be shared by every worker: it holds whole anonymous pages, the content
# version that invalidates them, the current poll and the glossary's term index. Without
# REDIS_URL it is a PostgreSQL table (created by portal/migrations/0002_cache_table.py), so
# one host needs nothing besides PostgreSQL; REDIS_URL moves it to Redis for several hosts.
# Tests swap in a local-memory cache (tests/conftest.py) so query budgets count the views.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Redis may be lost without harm (core/versions.py): pages are then built
            # uncached, so an unreachable Redis must cost a moment, not a request's time.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            # Whole pages are cached: the default 300 entries would be culled constantly.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# How long an anonymous page may be served from the cache (0 turns the page cache off).
# Edits replace the content version at once; this only bounds time-based changes we
# cannot see coming (e.g. "updated N days ago").
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# Flash messages ride in a cookie, not the session: reading them must not open a session,
# and a request that carries one bypasses the page cache (core/page_cache.py).
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Русский"))]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by whitenoise, before any view: /favicon.ico, which
# browsers ask for by that name (scripts/make_favicon.py draws it).
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers. HTTPS settings follow HTTPS (default: on whenever DEBUG is off);
# set HTTPS=false to try DEBUG=False over plain http on 127.0.0.1.
HTTPS = _bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Every script and style comes from our own static files (docs/architecture.md, "Templates").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Polls: vote POSTs per client IP, every window counted in PostgreSQL so all workers and
# hosts share them (core/rate_limit.py): "N/m", "N/h" or "N/d", comma-separated; empty
# turns the limit off. The IP is REMOTE_ADDR; behind a trusted proxy that sets X-Real-IP,
# set CLIENT_IP_META_KEY=HTTP_X_REAL_IP (never without such a proxy: clients forge it).
POLL_VOTE_RATE_LIMIT = env.str("POLL_VOTE_RATE_LIMIT", default="20/m,100/h")
CLIENT_IP_META_KEY = env.str("CLIENT_IP_META_KEY", default="REMOTE_ADDR")
# The proxies in front of gunicorn (the load balancer's address as the app hosts see it):
# only a request that comes from one of them has its CLIENT_IP_META_KEY header believed;
# anyone else is counted by their own address. gunicorn.conf.py reads the same variable
# (for X-Forwarded-Proto). Addresses or networks, comma-separated; "*" trusts any peer.
FORWARDED_ALLOW_IPS = _networks(
    "FORWARDED_ALLOW_IPS", env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
)

# Editors' import of vendors and products (catalog/admin/resources.py, docs/editors.md): one
# transaction per file, so a file with any bad row changes nothing; the uploaded file waits
# for the editor's confirmation in the shared cache, which every worker and host can read.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"

# The admin's path: a path of its own lets bots that try /admin/ find nothing.
ADMIN_URL = _admin_url(env.str("ADMIN_URL", default=DEFAULT_ADMIN_URL))
# django-axes: LOGIN_FAILURE_LIMIT failed logins lock a user name (from any address) and,
# separately, an address (for any user name) for LOGIN_COOLOFF_MINUTES; 0 minutes: until
# unlocked in the admin («Защита входа») or by `manage.py axes_reset`. The attempts live
# in PostgreSQL, shared by every worker.
AXES_FAILURE_LIMIT = _count("LOGIN_FAILURE_LIMIT", 5, minimum=1)
_cooloff_minutes = _count("LOGIN_COOLOFF_MINUTES", 15, minimum=0)
AXES_COOLOFF_TIME = timedelta(minutes=_cooloff_minutes) if _cooloff_minutes else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.admin_views.locked_out"
AXES_CLIENT_IP_CALLABLE = "core.rate_limit.client_address"
AXES_VERBOSE = False  # no start-up banner in every manage.py command's output
# The admin's login is the portal's only one: after it, an unsafe or missing `next` lands
# on the admin's index (Django's default, /accounts/profile/, is a 404 here).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_security": {"()": "core.log_filters.OneLineSecurityEvents"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_security"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
