"""Settings, read from the environment (every variable is listed in the README)."""

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting; anything else (a typo such as "treu") stops the start, rather than
    silently meaning "off"."""
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not understood: use one of "
        f"{', '.join(TRUE_WORDS)} (on) or {', '.join(FALSE_WORDS)} (off)."
    )


def env_list(name: str, default: str = "", *, words: bool = True) -> list[str]:
    """A comma-separated list. With `words`, an item holding a space is refused: it is nearly
    always a list separated by spaces instead of commas."""
    items = [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
    if words and any(len(item.split()) > 1 for item in items):
        raise ImproperlyConfigured(
            f"{name}={os.environ.get(name, default)!r} is not understood: separate the items "
            "with commas, for example a.example.org,b.example.org."
        )
    return items


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number of at least `minimum`; "abc", "1.5" or "-3" stop the start."""
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r} is not understood: use a whole number of at least "
            f"{minimum}."
        )
    return number


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A development key is only acceptable while DEBUG is on; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
# Earlier keys, still accepted after a rotation: the monitor's sealed inbox entries and code
# hashes of open campaigns were made with them (monitor.sealing).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", words=False)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth's pages of passkeys and sessions use it
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "axes",
    # Accounts (issue 17): login, password reset and change, two-step verification, the
    # identity providers of organisations and the list of a member's active sessions.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.usersessions",
    "django_tasks_db",  # the task queue's table (config/tasks block below)
    "crontask",  # `manage.py crontask`, the scheduler of the periodic tasks
    "accounts",
    "programme",
    "pillars",
    "monitor",
    "recognition",
    "support",
    "exit",
    "notifications",  # reminders by mail and the calendar feeds (issue 16, part 4)
    "sso",  # single sign-on per organisation (issue 17, part 3)
    "statements",  # the privacy and accessibility statements, security.txt (issue 17, part 5)
    # The audit log (issue 16, part 5): django-auditlog's store, and our scope per organisation.
    "auditlog",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Ends sessions after the idle timeout and the lifetime (SESSION_* below).
    "accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Around the identity providers' login pages: no server error without a Host header or when a
    # provider does not answer (sso/middleware.py).
    "sso.middleware.SsoMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Gives every audit log entry written during the request its actor (audit/).
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Platform staff open the admin only with two-step verification set up (issue 17, part 2).
    "accounts.two_factor.AdminTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # |short_date, the date style of tables and lists (config/formats/).
            "builtins": ["config.formats.dates"],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite in the project by default; a postgres:// URL uses psycopg 3 with its connection pool.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
    )
}
# DATABASE_PGBOUNCER=1: the URL points to PgBouncer in transaction mode, which pools the server
# connections for every app server together. The in-app pool is then off (two pools in a row only
# hold connections PgBouncer could give to others), Django opens a connection per request and
# checks it before reuse, no server-side cursors (a named cursor lives outside the transaction
# that PgBouncer lends its server connection for) and no prepared statements.
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections, not Django
    if DATABASE_PGBOUNCER:
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
        DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
    else:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DATABASE_POOL_MIN_SIZE", 2, minimum=1),
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10, minimum=1),
            "timeout": 10,
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # The password login: it finds the account by its folded address (accounts.keys).
    "django.contrib.auth.backends.ModelBackend",
    # allauth's own, for the logins it completes itself (a passkey, an identity provider).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "programme:home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: the e-mail address is the login, accounts come by invitation only (no sign-up
# page), and no address needs confirming (the invitation mail proves it).
# sso's adapters extend accounts' own: an organisation's identity provider signs up only its own
# domains, and its organisation may switch password logins off (sso/adapters.py).
ACCOUNT_ADAPTER = "sso.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "sso.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_USER_DISPLAY = "accounts.adapters.user_display"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = True  # sessions end by the idle timeout and the lifetime instead
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset for an unknown address sends nothing
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# django-axes counts failed logins in the database (shared by every app server), so allauth's
# own counters in the cache are off; its other limits (reset mails per address) stay.
ACCOUNT_RATE_LIMITS = {"login_failed": False, "login": False}

# Two-step verification (allauth.mfa): an authenticator app, passkeys and recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Mantelzorgvriendelijk werkgeven")
# Passkeys need https, except on the development server.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Failed logins: after AXES_FAILURE_LIMIT failures for one e-mail address from one IP address,
# further attempts are refused for AXES_COOLOFF_MINUTES. Attempts are stored in the database, so
# the limit holds across several app servers.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# allauth's login form names its e-mail field "login"; axes would otherwise look for the user
# model's USERNAME_FIELD, "email", and count nobody.
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "accounts.throttle.login_name"
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- E-mail -------------------------------------------------------------------------------------
# SMTP when EMAIL_HOST is set; otherwise the console in development and a mail server on
# localhost in production. (Django 6.1's MAILERS replaces the EMAIL_* settings.)
if os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": env_int(
                    "EMAIL_PORT", 587 if os.environ.get("EMAIL_HOST") else 25, minimum=1
                ),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=bool(os.environ.get("EMAIL_HOST"))),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@example.org")

# --- Background tasks ---------------------------------------------------------------------------
# Django's tasks framework. By default every task runs at once, inside the request that enqueues
# it (ImmediateBackend: mail is sent as it always was, nothing else to run). TASKS_BACKEND=database
# queues them in the database (django-tasks-db); `manage.py db_worker` runs them and
# `manage.py crontask` enqueues the periodic ones (each app's tasks.py, see docs/architecture.md).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower() or "immediate"
if TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
elif TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r} is not understood: use immediate or database."
    )
# How often a mail task tries again after its mail server refused (then it is recorded failed).
TASKS_MAIL_ATTEMPTS = env_int("TASKS_MAIL_ATTEMPTS", 5, minimum=1)
# One scheduler across app servers: with REDIS_URL, crontask holds a lock there.
if os.environ.get("REDIS_URL"):
    CRONTASK = {"REDIS_URL": os.environ["REDIS_URL"]}

# --- Reminders and calendar feeds (notifications) -----------------------------------------------
# The address the reminder mails and the calendar feeds link to (they are made outside a request).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000").strip() or "http://localhost:8000"

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # one date style in both languages: "14 januari 2027"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"  # never served directly: org files go through views that check membership
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
WHITENOISE_USE_FINDERS = DEBUG
LOGO_MAX_BYTES = 1024 * 1024
IMPORT_MAX_BYTES = 2 * 1024 * 1024
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024

# --- Object storage (issue 16) ------------------------------------------------------------------
# With S3_BUCKET set, uploaded files live in that private bucket of any S3-compatible store
# (config/storage.py) instead of DJANGO_MEDIA_ROOT, so that every app server sees the same files.
# Without it the local folder stays the default.
S3_ADDRESSING_STYLES = ("path", "virtual")


def s3_storage_from_env() -> dict | None:
    """The default storage for the S3_* variables, or None when S3_BUCKET is not set."""
    bucket = os.environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return None
    access_key = os.environ.get("S3_ACCESS_KEY_ID", "").strip()
    secret_key = os.environ.get("S3_SECRET_ACCESS_KEY", "").strip()
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (then boto3 finds "
            "the credentials itself, for example from the machine's role)."
        )
    style = os.environ.get("S3_ADDRESSING_STYLE", "path").strip().lower()
    if style not in S3_ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"S3_ADDRESSING_STYLE={os.environ['S3_ADDRESSING_STYLE']!r} is not understood: use "
            "path (bucket in the path, which every S3-compatible store accepts) or virtual."
        )
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL", "").strip() or None,
        "region_name": os.environ.get("S3_REGION", "").strip() or None,
        "addressing_style": style,
        "location": os.environ.get("S3_PREFIX", "").strip().strip("/"),
    }
    if access_key:
        options |= {"access_key": access_key, "secret_key": secret_key}
    return {"BACKEND": "config.storage.PrivateS3Storage", "OPTIONS": options}


if (_s3_storage := s3_storage_from_env()) is not None:
    STORAGES["default"] = _s3_storage

# --- Forms --------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = True

# --- Security -----------------------------------------------------------------------------------
# Every page is served with a strict policy: nothing from other hosts, no inline script or style.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions end after SESSION_IDLE_TIMEOUT_MINUTES without a request, and SESSION_MAX_LIFETIME_HOURS
# after the login however active (accounts/middleware.py); the cookie lasts as long as the latter.
SESSION_IDLE_TIMEOUT_MINUTES = env_int("SESSION_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
SESSION_MAX_LIFETIME_HOURS = env_int("SESSION_MAX_LIFETIME_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = 60 * 60 * SESSION_MAX_LIFETIME_HOURS
# Issuing a letter, changing roles and the full export ask for the password (or a mailed code,
# or the second factor) when the last sign-in is older than this (accounts/reauth.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 60 * env_int("REAUTHENTICATION_TIMEOUT_MINUTES", 5, minimum=1)
# allauth's tracking would write the session list on every request; the idle middleware writes
# its "last seen" once a minute instead (accounts/middleware.py).
USERSESSIONS_TRACK_ACTIVITY = False
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# --- Shared state on Redis (issue 16) -----------------------------------------------------------
# With REDIS_URL (redis://host:6379/0, rediss:// for TLS) the default cache is Django's Redis
# cache, shared by all app servers: the monitor's rate limit then holds once for the whole site.
# An unreachable Redis is a cache miss, never an error page (config/redis.py), and the rate limit
# fails open to a bucket per process (monitor/throttle.py). Sessions and django-axes's failed
# logins stay in the database, which every app server shares already. Without REDIS_URL: Django's
# default, local memory in each process.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    from config.redis import caches_for

    CACHES = caches_for(REDIS_URL)

# --- Exit and deletion (issue 16) --------------------------------------------------------------
# Platform staff delete an organisation only after a full export made within this many days
# (exit.services.delete_organisation). Members who have not logged in for INACTIVE_MEMBER_DAYS
# are deactivated by `manage.py deactivate_inactive_members` (never the last HR advisor).
EXIT_EXPORT_VALID_DAYS = env_int("EXIT_EXPORT_VALID_DAYS", 30, minimum=1)
INACTIVE_MEMBER_DAYS = env_int("INACTIVE_MEMBER_DAYS", 365, minimum=30)

# --- Monitor ------------------------------------------------------------------------------------
# The public form's rate limit per network (see monitor/throttle.py): a burst that lets a whole
# office behind one IP address respond at once, refilled at a steady rate per minute. The buckets
# live in Redis with REDIS_URL (one limit across all app servers); without it in local memory, one
# per process, so with several workers the limit holds per process.
MONITOR_SUBMIT_BURST = env_int("MONITOR_SUBMIT_BURST", 300)
MONITOR_SUBMIT_PER_MINUTE = env_int("MONITOR_SUBMIT_PER_MINUTE", 60)
# Behind a load balancer: the header in which it passes the client's address (X-Forwarded-For);
# empty means REMOTE_ADDR.
MONITOR_CLIENT_IP_HEADER = os.environ.get("MONITOR_CLIENT_IP_HEADER", "")
# The pooled reference figures (monitor/pooling.py): a figure is published only from at least
# five organisations, this many respondents, and with no organisation holding more than this
# share of them. The share is a fraction above 0 and at most 0.5: above half, one organisation's
# own figure would show through.
MONITOR_POOL_MIN_RESPONDENTS = env_int("MONITOR_POOL_MIN_RESPONDENTS", 50, minimum=25)
MONITOR_POOL_MAX_SHARE = 0.5
if os.environ.get("MONITOR_POOL_MAX_SHARE", "").strip():
    try:
        MONITOR_POOL_MAX_SHARE = float(os.environ["MONITOR_POOL_MAX_SHARE"])
    except ValueError:
        MONITOR_POOL_MAX_SHARE = -1.0
    if not 0 < MONITOR_POOL_MAX_SHARE <= 0.5:
        raise ImproperlyConfigured(
            f"MONITOR_POOL_MAX_SHARE={os.environ['MONITOR_POOL_MAX_SHARE']!r} is not understood: "
            "use a fraction above 0 and at most 0.5, for example 0.4."
        )

# Every handler passes records through a filter that replaces the monitor's /m/<key>/ paths, so
# that no log line holds a monitor key (next to an IP address or otherwise); see
# docs/architecture.md.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_monitor_keys": {"()": "monitor.logging.RedactMonitorKeys"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_monitor_keys"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "redact_monitor_keys"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers would write request paths unfiltered: route them through ours.
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        # Request lines carry paths; the anonymous monitor keeps them out of logs
        # (see docs/architecture.md).
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every PDF it renders at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The scheduler (crontask's APScheduler) logs each run of its lock refresh, every 5 s.
        "apscheduler": {"level": "WARNING"},
    },
}


# --- The audit log (audit/, django-auditlog) ----------------------------------------------------
# Entries are kept this many days, then purged (audit.purge.purge_audit_log).
AUDIT_LOG_RETENTION_DAYS = env_int("AUDIT_LOG_RETENTION_DAYS", 730, minimum=1)
# No IP addresses in the log: who did what is enough, and less personal data to keep.
AUDITLOG_DISABLE_REMOTE_ADDR = True
# A foreign key's old and new value as people read them (a name), not as an id.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True


# --- Statements (statements/): privacy, accessibility, security.txt -----------------------------
# Who runs the platform for the organisations (the processor under the GDPR) and how to reach them;
# the statements and the processing register name them. Empty: the statements say "the operator
# of this platform" and give no address.
PLATFORM_OPERATOR_NAME = os.environ.get("PLATFORM_OPERATOR_NAME", "").strip()
PLATFORM_CONTACT_EMAIL = os.environ.get("PLATFORM_CONTACT_EMAIL", "").strip()
# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and for how many days
# (at most 364: the RFC asks for less than a year) each answer is valid.
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "").strip() or (
    f"mailto:{PLATFORM_CONTACT_EMAIL}" if PLATFORM_CONTACT_EMAIL else "mailto:security@example.org"
)
SECURITY_TXT_VALID_DAYS = min(env_int("SECURITY_TXT_VALID_DAYS", 180, minimum=1), 364)
# The day of the last manual accessibility check (YYYY-MM-DD); empty: the accessibility
# statement says that no manual check has been done yet.
_manual_check = os.environ.get("ACCESSIBILITY_MANUAL_CHECK_DATE", "").strip()
try:
    ACCESSIBILITY_MANUAL_CHECK_DATE = date.fromisoformat(_manual_check) if _manual_check else None
except ValueError:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_MANUAL_CHECK_DATE={_manual_check!r} is not understood: use a date such "
        "as 2026-11-30."
    ) from None
