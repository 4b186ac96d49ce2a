from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from dancoso.accounts.models import Role, User
from tests.factories import UserFactory

PASSWORD = "mat-khau-thu-nghiem-2024"


@pytest.fixture
def officer(agency_a):
    return UserFactory(username="canbo.tuphap", role=Role.AGENCY_STAFF, agency=agency_a)


def test_login_lands_on_the_dashboard(client, officer):
    response = client.post(reverse("login"), {"username": "canbo.tuphap", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


# A NUL in the password is answered like any wrong password (PostgreSQL could not even store it).
@pytest.mark.parametrize("password", ["sai", "sai\x00"], ids=["wrong", "with-nul"])
def test_wrong_password_gives_a_vietnamese_message_and_keeps_the_username(client, officer, password):
    response = client.post(reverse("login"), {"username": "canbo.tuphap", "password": password})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body
    assert 'value="canbo.tuphap"' in body


def test_five_failed_logins_lock_the_account_for_that_address(client, officer):
    for _ in range(5):
        client.post(reverse("login"), {"username": "canbo.tuphap", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo.tuphap", "password": PASSWORD})
    assert response.status_code == 429
    assert "bị tạm khóa đăng nhập trong 30 phút" in response.content.decode()
    # Another address can still log in to the same account: the lock is per account and IP pair.
    other = client.post(
        reverse("login"), {"username": "canbo.tuphap", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_home_affairs_unlocks_a_locked_account(client, client_for, officer, admin_user):
    for _ in range(5):
        client.post(reverse("login"), {"username": "canbo.tuphap", "password": "sai"})
    assert (
        client.post(reverse("login"), {"username": "canbo.tuphap", "password": PASSWORD}).status_code == 429
    )

    admin = client_for(admin_user)
    response = admin.post(reverse("accounts:user_unlock", args=[officer.pk]), follow=True)
    assert "Đã mở khóa đăng nhập cho canbo.tuphap." in response.content.decode()
    admin.logout()
    assert (
        client.post(reverse("login"), {"username": "canbo.tuphap", "password": PASSWORD}).status_code == 302
    )


def test_logout_returns_to_the_public_portal(client_for, officer):
    client = client_for(officer)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("dashboard")).status_code == 302


def test_password_change_in_vietnamese(client_for, officer):
    client = client_for(officer)
    page = client.get(reverse("password_change"))
    assert "Đổi mật khẩu" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Mot-mat-khau-moi-2026")


def test_sessions_expire_after_inactivity():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 60 * 60


def test_each_request_pushes_the_session_expiry_forward_and_an_idle_session_ends(client_for, officer):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = client_for(officer)
    session = Session.objects.get(session_key=client.session.session_key)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(reverse("dashboard")).status_code == 200
    pushed = Session.objects.get(pk=session.pk).expire_date
    assert pushed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_staff_account_needs_an_agency():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="mo.coi", role=Role.AGENCY_STAFF, agency=None)


def test_user_menu_shows_role_and_agency(client_for, officer, agency_a):
    body = client_for(officer).get(reverse("dashboard")).content.decode()
    assert agency_a.name in body
    assert "Cán bộ cơ quan, đơn vị" in body


LONGEST_USERNAME = User._meta.get_field("username").max_length


@pytest.mark.parametrize(
    ("typed", "shown_back"),
    [
        ("a" * (LONGEST_USERNAME + 1), "a" * LONGEST_USERNAME),
        ("x" * 100_000, "x" * LONGEST_USERNAME),
        ("canbo\x00tuphap", "canbotuphap"),
    ],
    ids=["one-too-long", "100k", "nul"],
)
def test_impossible_username_is_answered_as_a_wrong_login(client, officer, typed, shown_back):
    from axes.models import AccessAttempt

    response = client.post(reverse("login"), {"username": typed, "password": "sai"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in body
    assert f'value="{shown_back}"' in body
    # No account can have this username, so authentication is not attempted and axes records nothing:
    # its username column holds 255 characters and PostgreSQL refuses NULs.
    assert not AccessAttempt.objects.exists()


def test_longest_possible_username_still_counts_towards_the_lockout(client, db):
    longest = "a" * LONGEST_USERNAME
    UserFactory(username=longest, role=Role.LEADER, agency=None)
    for _ in range(5):
        client.post(reverse("login"), {"username": longest, "password": "sai"})
    response = client.post(reverse("login"), {"username": longest, "password": PASSWORD})
    assert response.status_code == 429


def test_only_technical_administrators_meet_the_link_to_djangos_admin(client_for, personas):
    """Home Affairs manages the registers in the portal; Django's admin would tell it it may see nothing."""
    for persona in ("admin", "leader", "council", "staff_a"):
        page = client_for(personas[persona]).get(reverse("dashboard")).content.decode()
        assert 'data-testid="django-admin"' not in page, persona
    superuser = User.objects.create_superuser("kythuat", password="x-Secret-2024")
    page = client_for(superuser).get(reverse("dashboard")).content.decode()
    assert 'data-testid="django-admin"' in page
    assert client_for(superuser).get(reverse("admin:index")).status_code == 200
