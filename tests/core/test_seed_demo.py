from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.management import call_command

from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person


@pytest.mark.django_db
def test_seed_demo_is_safe_to_run_twice():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Agency.objects.count(), Person.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Agency.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert counts[1] == 200
    assert Person.objects.filter(is_inspection_member=True, inspection_term_start__isnull=False).exists()


@pytest.mark.django_db
def test_demo_users_have_their_roles_agencies_and_the_demo_password():
    call_command("seed_demo", stdout=io.StringIO())
    users = {user.username: user for user in User.objects.select_related("agency")}
    assert users["noivu"].role == Role.PROVINCE_ADMIN and users["noivu"].agency.code == "SNV"
    assert users["lanhdao"].role == Role.LEADER
    assert users["hdnd"].role == Role.COUNCIL
    assert users["canbo.tuphap"].agency.short_name == "Sở Tư pháp"
    assert users["canbo.yte"].agency.short_name == "Sở Y tế"
    assert all(user.check_password(settings.DEMO_PASSWORD) for user in users.values())
    assert not any(user.is_staff for user in users.values()), "Django's admin is for superusers only"


@pytest.mark.django_db
def test_superuser_needs_no_agency():
    user = User.objects.create_superuser("quantri", "quantri@example.gov.vn", "mot-mat-khau-dai-2026")
    assert user.role == Role.PROVINCE_ADMIN
