"""Personas and shared set-up for the whole suite."""

from __future__ import annotations

import os

import pytest

from dancoso.accounts.models import Role
from tests.factories import AgencyFactory, ProvinceFactory, UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With REQUIRE_SERVICES=1 (CI against PostgreSQL, Redis and Chromium) a skip is a failure."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SERVICES and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_SERVICES=1 forbids skipping: {report.longrepr}"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests do not run collectstatic, so they use the plain storage instead of the manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached figures: rolled-back rows may reuse the keys a cached value names."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 is slow by design; the suite creates many users, so it hashes with MD5."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def home_affairs(db):
    return AgencyFactory(name="Sở Nội vụ tỉnh Bắc Giang", short_name="Sở Nội vụ", code="SNV")


@pytest.fixture
def agency_a(db):
    return AgencyFactory(name="Sở Tư pháp tỉnh Bắc Giang", short_name="Sở Tư pháp", code="STP")


@pytest.fixture
def agency_b(db):
    return AgencyFactory(name="Sở Y tế tỉnh Bắc Giang", short_name="Sở Y tế", code="SYT")


@pytest.fixture
def admin_user(home_affairs):
    """Home Affairs staff: manage everything."""
    return UserFactory(
        username="noivu", full_name="Nguyễn Văn Nội", role=Role.PROVINCE_ADMIN, agency=home_affairs
    )


@pytest.fixture
def leader_user(db):
    return UserFactory(username="lanhdao", full_name="Trần Thị Lãnh", role=Role.LEADER, agency=None)


@pytest.fixture
def council_user(db):
    return UserFactory(username="hdnd", full_name="Lê Văn Hội", role=Role.COUNCIL, agency=None)


@pytest.fixture
def staff_a(agency_a):
    return UserFactory(username="canbo.a", full_name="Phạm Thị An", role=Role.AGENCY_STAFF, agency=agency_a)


@pytest.fixture
def staff_b(agency_b):
    return UserFactory(
        username="canbo.b", full_name="Hoàng Văn Bình", role=Role.AGENCY_STAFF, agency=agency_b
    )


@pytest.fixture
def personas(admin_user, leader_user, council_user, staff_a, staff_b):
    """Every signed-in persona by name; the anonymous visitor is ``None``."""
    return {
        "admin": admin_user,
        "leader": leader_user,
        "council": council_user,
        "staff_a": staff_a,
        "staff_b": staff_b,
        "anonymous": None,
    }


@pytest.fixture
def client_for(client):
    """A test client logged in as a persona (``None`` stays anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _tasks_in_process(monkeypatch):
    """Tasks run in the test's own process and transaction, even when REDIS_URL points at a broker.

    The tests that drive a real Celery worker (tests/reporting/test_worker.py) switch this back off.
    """
    from dancoso.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", True)
    monkeypatch.setitem(app.conf, "task_eager_propagates", True)
