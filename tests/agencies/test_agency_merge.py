"""Merging and retiring agencies: people and accounts move, history stays, retired ones leave pickers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dancoso.accounts.models import Role, User
from dancoso.agencies.forms import AgencyForm, AgencyMergeForm, PersonForm
from dancoso.agencies.models import Agency, Person
from dancoso.agencies.services import agency_merge, agency_reactivate, agency_retire, agency_update
from tests.factories import AgencyFactory, PersonFactory, RetiredAgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planning(admin_user):
    """Sở Kế hoạch và Đầu tư, merged into Sở Tài chính in 2025, with a renaming already in its history."""
    agency = AgencyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT", code="SKHDT")
    agency_update(agency=agency, name="Sở Kế hoạch và Đầu tư tỉnh Bắc Giang", actor=admin_user)
    return agency


@pytest.fixture
def finance():
    return AgencyFactory(name="Sở Tài chính tỉnh Bắc Giang", short_name="Sở Tài chính", code="STC")


def test_merge_moves_people_users_and_children_and_retires_the_source(admin_user, planning, finance):
    people = PersonFactory.create_batch(3, agency=planning)
    staff = UserFactory(role=Role.AGENCY_STAFF, agency=planning)
    child = AgencyFactory(parent=planning)
    agency_merge(source=planning, target=finance, actor=admin_user)

    planning.refresh_from_db()
    assert (planning.is_active, planning.merged_into, planning.retired_on) == (
        False,
        finance,
        timezone.localdate(),
    )
    assert set(finance.people.all()) == set(people)
    assert User.objects.get(pk=staff.pk).agency == finance
    assert Agency.objects.get(pk=child.pk).parent == finance


def test_merge_keeps_history_of_source_and_of_every_moved_row(admin_user, planning, finance):
    person = PersonFactory(agency=planning)
    staff = UserFactory(role=Role.AGENCY_STAFF, agency=planning)
    agency_merge(source=planning, target=finance, actor=admin_user)

    names = list(planning.history.order_by("history_date", "history_id").values_list("name", "is_active"))
    assert names == [
        ("Sở Kế hoạch và Đầu tư", True),
        ("Sở Kế hoạch và Đầu tư tỉnh Bắc Giang", True),
        ("Sở Kế hoạch và Đầu tư tỉnh Bắc Giang", False),
    ]
    assert planning.history.latest().history_user == admin_user
    moved = person.history.latest()
    assert (moved.agency_id, moved.history_type, moved.history_user) == (finance.pk, "~", admin_user)
    assert staff.history.latest().agency_id == finance.pk


def test_target_that_was_a_sub_agency_takes_the_source_place(admin_user, planning):
    root = AgencyFactory()
    planning.parent = root
    planning.save()
    unit = AgencyFactory(parent=planning)
    sibling = AgencyFactory(parent=planning)
    agency_merge(source=planning, target=unit, actor=admin_user)
    unit.refresh_from_db()
    sibling.refresh_from_db()
    assert (unit.parent, sibling.parent) == (root, unit)


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda source: source, "Không thể sáp nhập một cơ quan, đơn vị vào chính nó."),
        (lambda source: RetiredAgencyFactory(short_name="Sở Cũ"), "Sở Cũ đã ngừng hoạt động"),
    ],
)
def test_merge_refuses_itself_and_retired_targets(admin_user, planning, make_target, message):
    person = PersonFactory(agency=planning)
    with pytest.raises(ValidationError) as error:
        agency_merge(source=planning, target=make_target(planning), actor=admin_user)
    assert message in " ".join(error.value.messages)
    planning.refresh_from_db()
    assert planning.is_active
    assert Person.objects.get(pk=person.pk).agency == planning


def test_merge_page_offers_only_other_active_agencies(client_for, admin_user, planning, finance):
    retired = RetiredAgencyFactory()
    response = client_for(admin_user).get(reverse("agencies:agency_merge", args=[planning.pk]))
    offered = set(response.context["form"].fields["target"].queryset)
    assert finance in offered
    assert planning not in offered
    assert retired not in offered


def test_merge_needs_confirmation(client_for, admin_user, planning, finance):
    url = reverse("agencies:agency_merge", args=[planning.pk])
    response = client_for(admin_user).post(url, {"target": finance.pk})
    assert "Vui lòng đánh dấu vào ô này để xác nhận việc sáp nhập." in response.content.decode()
    planning.refresh_from_db()
    assert planning.is_active


def test_merged_agency_page_says_merged_into_and_keeps_history(client_for, admin_user, planning, finance):
    client = client_for(admin_user)
    url = reverse("agencies:agency_merge", args=[planning.pk])
    response = client.post(url, {"target": finance.pk, "confirm": "on"})
    assert response.status_code == 302
    page = client.get(planning.get_absolute_url()).content.decode()
    assert "Đã sáp nhập vào" in page
    assert finance.name in page
    assert "Sở Kế hoạch và Đầu tư → Sở Kế hoạch và Đầu tư tỉnh Bắc Giang" in page
    assert (
        "Các cơ quan, đơn vị đã sáp nhập vào đây" in client.get(finance.get_absolute_url()).content.decode()
    )


def test_merging_a_retired_agency_is_refused(client_for, admin_user, finance):
    retired = RetiredAgencyFactory()
    response = client_for(admin_user).post(
        reverse("agencies:agency_merge", args=[retired.pk]), {"target": finance.pk, "confirm": "on"}
    )
    assert response.status_code == 302
    retired.refresh_from_db()
    assert retired.merged_into is None


def test_retired_agency_leaves_every_picker(admin_user, staff_a, planning, finance):
    agency_retire(agency=planning, actor=admin_user)
    assert planning not in PersonForm(user=admin_user).fields["agency"].queryset
    assert planning not in AgencyForm(instance=finance).fields["parent"].queryset
    assert planning not in AgencyForm().fields["parent"].queryset
    assert planning not in AgencyMergeForm(source=finance).fields["target"].queryset
    assert finance in PersonForm(user=admin_user).fields["agency"].queryset


def test_retired_agency_stays_listed_under_retired_filter(client_for, leader_user, admin_user, planning):
    agency_retire(agency=planning, actor=admin_user)
    client = client_for(leader_user)
    default = client.get(reverse("agencies:agency_list")).context["page_obj"]
    retired = client.get(reverse("agencies:agency_list") + "?status=retired").context["page_obj"]
    assert planning not in default
    assert list(retired) == [planning]


def test_retire_page_sets_the_chosen_date(client_for, admin_user, planning):
    response = client_for(admin_user).post(
        reverse("agencies:agency_retire", args=[planning.pk]), {"on": "28/02/2025"}
    )
    assert response.status_code == 302
    planning.refresh_from_db()
    assert (planning.is_active, planning.retired_on.isoformat()) == (False, "2025-02-28")


def test_retire_page_rejects_a_bad_date_in_vietnamese(client_for, admin_user, planning):
    response = client_for(admin_user).post(
        reverse("agencies:agency_retire", args=[planning.pk]), {"on": "30/02/2025"}
    )
    page = response.content.decode()
    assert "Nhập một ngày hợp lệ." in page
    assert 'value="30/02/2025"' in page
    planning.refresh_from_db()
    assert planning.is_active


def test_reactivate_clears_retirement_and_merge(client_for, admin_user, planning, finance):
    agency_merge(source=planning, target=finance, actor=admin_user)
    response = client_for(admin_user).post(reverse("agencies:agency_reactivate", args=[planning.pk]))
    assert response.status_code == 302
    planning.refresh_from_db()
    assert (planning.is_active, planning.retired_on, planning.merged_into) == (True, None, None)
    with pytest.raises(ValidationError):
        agency_reactivate(agency=planning, actor=admin_user)


def test_reactivate_answers_only_post(client_for, admin_user):
    retired = RetiredAgencyFactory()
    assert (
        client_for(admin_user).get(reverse("agencies:agency_reactivate", args=[retired.pk])).status_code
        == 405
    )
