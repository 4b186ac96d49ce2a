from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

ROOT = settings.BASE_DIR


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_vietnamese_language_and_province_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="k" * 20 + "-a-long-and-random-enough-production-secret-key-0123456789",
        DJANGO_ALLOWED_HOSTS="dancoso.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_default_uses_sqlite_and_in_process_tasks():
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; from django.db import connection as c; "
        "print(c.vendor, s.CELERY_TASK_ALWAYS_EAGER)",
    )
    assert result.stdout.split() == ["sqlite", "True"]


def test_database_url_switches_to_postgresql():
    if "DATABASE_URL" not in os.environ:
        pytest.skip("DATABASE_URL is not set: the PostgreSQL run is CI's second pass")
    assert connection.vendor == "postgresql"


def test_redis_url_switches_celery_to_redis():
    if "REDIS_URL" not in os.environ:
        pytest.skip("REDIS_URL is not set: the Redis run is CI's second pass")
    from dancoso.celery import app

    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1)
        assert conn.transport.driver_type == "redis"
