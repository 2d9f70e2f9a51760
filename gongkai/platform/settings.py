"""Settings read from the environment; SQLite by default, PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite and uploaded files live here; a fresh clone has none

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.web",
    "gongkai.agencies",
    "gongkai.catalogue",
    "gongkai.applications",
    "gongkai.annual",
    "gongkai.portal",
    "gongkai.api",
    "rest_framework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gongkai.platform.middleware.RejectNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.platform.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.office.office_nav",
            ],
        },
    },
]

WSGI_APPLICATION = "gongkai.platform.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"

# Uploads to the audit page are read in memory and dropped after the request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
GONGKAI_AUDIT_MAX_FILES = 20

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/office/"
LOGOUT_REDIRECT_URL = "/"
GONGKAI_PUBLIC_BASE_URL = os.environ.get("GONGKAI_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Portal search ranks at most this many candidates of a large match set (title matches, then the
# newest); the rest follow newest first. 0 ranks every match (slow for common words at 1M items).
GONGKAI_SEARCH_RANK_LIMIT = int(os.environ.get("GONGKAI_SEARCH_RANK_LIMIT", "2000")) or None
# Search counts matches exactly up to this many; above it PostgreSQL shows the planner's estimate (约).
GONGKAI_SEARCH_COUNT_LIMIT = int(os.environ.get("GONGKAI_SEARCH_COUNT_LIMIT", "10000"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BEAT_SCHEDULE: dict = {}  # apps add their daily jobs here (see gongkai/*/tasks.py)
