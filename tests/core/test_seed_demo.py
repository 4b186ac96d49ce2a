from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person
from dancoso.core.management.commands.seed_demo import demo_modules, seeding_order


def demos(**after: tuple[str, ...]) -> dict[str, SimpleNamespace]:
    """Fake demo modules in the given order, each with the ``AFTER`` given (none for an empty tuple)."""
    return {
        label: SimpleNamespace(AFTER=names) if names else SimpleNamespace() for label, names in after.items()
    }


def test_demos_keep_the_installed_order_when_none_names_another():
    assert seeding_order(demos(a=(), b=(), c=())) == ["a", "b", "c"]


def test_a_demo_comes_after_the_apps_it_names_and_the_rest_keep_their_order():
    order = seeding_order(demos(a=(), b=("d", "e"), c=(), d=(), e=(), f=()))
    assert order == ["a", "c", "d", "e", "b", "f"]


def test_a_demo_naming_an_app_without_a_demo_is_refused():
    with pytest.raises(CommandError, match="zz"):
        seeding_order(demos(a=(), b=("zz",)))


def test_demos_naming_each_other_in_a_cycle_are_refused():
    with pytest.raises(CommandError, match="cycle"):
        seeding_order(demos(a=(), b=("c",), c=("b",)))


def test_the_evaluation_demo_runs_after_the_figures_it_reads_and_before_the_report():
    order = seeding_order(demo_modules())
    assert order.index("accountability") > max(
        order.index(app) for app in ("emulation", "digital", "funding")
    )
    assert order[-1] == "reporting"


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
