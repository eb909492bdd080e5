"""Start-up configuration: bad settings fail fast with one readable line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_check(*args, **overrides):
    # Without the test-only async switch that conftest.py sets (the deploy check refuses it).
    unwanted = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_uses_russian_language_and_moscow_time():
    assert settings.LANGUAGE_CODE == "ru"
    assert settings.TIME_ZONE == "Europe/Moscow"


def test_it_runs_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_it_has_a_portal_name_by_default():
    assert settings.PORTAL_NAME == "Практика CRM"


def test_it_refuses_production_without_a_secret_key():
    result = run_check(DEBUG="False")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_the_development_secret_key_in_production():
    result = run_check(DEBUG="False", SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("url", ["garbage", "mysql://u:p@h/db", "postgres://u:p@h:port/db"])
def test_it_refuses_an_unparseable_database_url(url):
    result = run_check(DATABASE_URL=url)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Configuration error: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_it_refuses_a_non_boolean_debug():
    result = run_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_it_starts_in_production_with_a_real_secret_key():
    result = run_check(DEBUG="False", SECRET_KEY="x" * 60, ALLOWED_HOSTS="portal.example")
    assert result.returncode == 0, result.stderr


def test_it_passes_the_deploy_check_with_the_database_cache_or_redis():
    """One host needs no Redis: the cache shared by the workers is a PostgreSQL table."""
    secret = "a-real-looking-secret-key-with-enough-entropy-0123456789-QWERTY"
    env = {
        "DEBUG": "False",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "portal.example",
        "SITE_URL": "https://portal.example",
    }
    result = run_check("--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr
    result = run_check(
        "--deploy", "--fail-level", "WARNING", **env, REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 0, result.stderr


def test_the_deploy_check_warns_about_a_cache_local_to_each_process():
    from django.test import override_settings

    from core.checks import check_shared_cache

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    shared = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    with override_settings(CACHES=local):
        assert [w.id for w in check_shared_cache(None)] == ["portal.W001"]
    with override_settings(CACHES=shared):
        assert check_shared_cache(None) == []


def test_the_deploy_check_wants_the_public_site_url():
    from django.test import override_settings

    from core.checks import check_site_url

    with override_settings(SITE_URL=settings.DEVELOPMENT_SITE_URL):
        assert [w.id for w in check_site_url(None)] == ["portal.W002"]
    with override_settings(SITE_URL="http://portal.example", HTTPS=True):
        assert [w.id for w in check_site_url(None)] == ["portal.W002"]
    with override_settings(SITE_URL="https://portal.example", HTTPS=True):
        assert check_site_url(None) == []


@pytest.mark.parametrize(
    "value",
    ["portal.example", "ftp://portal.example", "https://portal.example/crm/", "http://x:99999"],
)
def test_it_refuses_a_site_url_that_is_no_site_address(value):
    result = run_check(SITE_URL=value)
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Configuration error: SITE_URL"), result.stderr


def test_it_refuses_a_trusted_proxy_that_is_no_address():
    result = run_check(FORWARDED_ALLOW_IPS="10.0.0.1,balancer")
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Configuration error: FORWARDED_ALLOW_IPS")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ADMIN_URL", "../secret"),
        ("ADMIN_URL", "my admin"),
        ("LOGIN_FAILURE_LIMIT", "0"),
        ("LOGIN_COOLOFF_MINUTES", "quarter"),
    ],
)
def test_it_refuses_a_bad_admin_login_setting_in_one_line(name, value):
    result = run_check(**{name: value})
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert name in result.stderr


def test_it_refuses_an_admin_url_the_sites_pages_answer():
    result = run_check(ADMIN_URL="glossary/")
    assert result.returncode != 0
    assert "portal.E001" in result.stderr


@pytest.mark.parametrize(("value", "disabled"), [("true", "True"), ("false", "False")])
def test_transaction_pooling_turns_server_side_cursors_off(value, disabled):
    """pgBouncer in transaction mode (docs/deploy.md): a cursor would outlive its server
    connection."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    code = "from django.conf import settings as s; print(s.DATABASES['default']"
    code += "['DISABLE_SERVER_SIDE_CURSORS'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**env, "DB_TRANSACTION_POOLING": value},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == disabled
