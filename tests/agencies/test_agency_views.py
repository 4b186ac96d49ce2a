"""Agency register pages: who may open them, create and rename, filters, sorting, constant query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dancoso.accounts.models import Role
from dancoso.agencies.models import Agency
from tests.factories import AgencyFactory, PersonFactory, RetiredAgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

READ_PAGES = ["agency_list", "agency_detail"]
WRITE_PAGES = ["agency_create", "agency_update", "agency_merge", "agency_retire"]


def _url(name: str, agency: Agency) -> str:
    return reverse(f"agencies:{name}", args=[] if name in ("agency_list", "agency_create") else [agency.pk])


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
def test_anonymous_visitor_is_sent_to_login(client, agency_a, name):
    response = client.get(_url(name, agency_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", READ_PAGES + WRITE_PAGES)
def test_council_viewer_is_refused(client_for, council_user, agency_a, name):
    assert client_for(council_user).get(_url(name, agency_a)).status_code == 403


@pytest.mark.parametrize("persona", ["leader", "staff_a", "staff_b"])
@pytest.mark.parametrize("name", READ_PAGES)
def test_leaders_and_staff_read_every_agency(client_for, personas, agency_a, persona, name):
    assert client_for(personas[persona]).get(_url(name, agency_a)).status_code == 200


@pytest.mark.parametrize("persona", ["leader", "staff_a"])
@pytest.mark.parametrize("name", WRITE_PAGES)
def test_only_home_affairs_changes_agencies(client_for, personas, agency_a, persona, name):
    client = client_for(personas[persona])
    assert client.get(_url(name, agency_a)).status_code == 403
    assert client.post(_url(name, agency_a), {"name": "Đổi tên"}).status_code == 403
    agency_a.refresh_from_db()
    assert agency_a.name == "Sở Tư pháp tỉnh Bắc Giang"


@pytest.mark.parametrize("persona", ["anonymous", "council", "leader", "staff_a"])
def test_reactivate_is_refused_to_everyone_but_home_affairs(client_for, personas, persona):
    agency = RetiredAgencyFactory()
    response = client_for(personas[persona]).post(reverse("agencies:agency_reactivate", args=[agency.pk]))
    assert response.status_code == (302 if persona == "anonymous" else 403)
    agency.refresh_from_db()
    assert not agency.is_active


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_home_affairs_opens_every_agency_page(client_for, admin_user, agency_a, name):
    assert client_for(admin_user).get(_url(name, agency_a)).status_code == 200


def test_admin_creates_agency_with_history(client_for, admin_user, home_affairs):
    data = {
        "code": "sct",
        "name": "Sở  Công Thương tỉnh Bắc Giang",
        "short_name": "Sở Công Thương",
        "kind": Agency.Kind.DEPARTMENT,
        "parent": home_affairs.pk,
        "display_order": 90,
    }
    response = client_for(admin_user).post(reverse("agencies:agency_create"), data)
    agency = Agency.objects.get(code="SCT")
    assert response.status_code == 302
    assert response["Location"] == agency.get_absolute_url()
    assert agency.name == "Sở Công Thương tỉnh Bắc Giang"
    assert agency.parent == home_affairs
    assert agency.history.get().history_user == admin_user


def test_create_errors_are_vietnamese_and_keep_typed_values(client_for, admin_user, agency_a):
    data = {
        "code": "stp",
        "name": "Sở Tư pháp mới",
        "short_name": "",
        "kind": "department",
        "display_order": "x",
    }
    response = client_for(admin_user).post(reverse("agencies:agency_create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã có cơ quan, đơn vị khác mang mã STP." in page
    assert "Trường này là bắt buộc." in page
    assert 'value="Sở Tư pháp mới"' in page
    assert not Agency.objects.filter(name="Sở Tư pháp mới").exists()


def test_admin_renames_agency_and_detail_shows_history(client_for, admin_user, agency_a):
    client = client_for(admin_user)
    data = {
        "name": "Sở Tư pháp (đã đổi tên)",
        "short_name": "STP mới",
        "kind": "department",
        "display_order": 5,
        "needs_verification": "on",
    }
    response = client.post(reverse("agencies:agency_update", args=[agency_a.pk]), data)
    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert (agency_a.name, agency_a.code, agency_a.needs_verification) == (
        "Sở Tư pháp (đã đổi tên)",
        "STP",
        True,
    )
    page = client.get(agency_a.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in page
    assert "Sở Tư pháp tỉnh Bắc Giang → Sở Tư pháp (đã đổi tên)" in page
    assert admin_user.display_name in page


def test_agency_cannot_become_its_own_parent(client_for, admin_user, agency_a):
    child = AgencyFactory(parent=agency_a)
    data = {
        "name": agency_a.name,
        "short_name": "STP",
        "kind": "department",
        "display_order": 1,
        "parent": child.pk,
    }
    response = client_for(admin_user).post(reverse("agencies:agency_update", args=[agency_a.pk]), data)
    assert response.status_code == 200
    assert "Chọn cơ quan cấp trên này sẽ tạo vòng lặp trong cây cơ quan." in response.content.decode()
    agency_a.refresh_from_db()
    assert agency_a.parent is None


def test_list_filters_by_kind_status_and_search(client_for, leader_user, agency_a, agency_b):
    district = AgencyFactory(
        name="Ủy ban nhân dân huyện Yên Thế", short_name="H. Yên Thế", kind=Agency.Kind.DISTRICT
    )
    retired = RetiredAgencyFactory(name="Sở Ngoại vụ tỉnh Bắc Giang", short_name="Sở Ngoại vụ")
    client = client_for(leader_user)

    def listed(query: str) -> set[str]:
        return {
            agency.code for agency in client.get(reverse("agencies:agency_list") + query).context["page_obj"]
        }

    assert listed("") == {agency_a.code, agency_b.code, district.code}
    assert listed("?kind=district") == {district.code}
    assert listed("?status=retired") == {retired.code}
    assert listed("?status=all") == {agency_a.code, agency_b.code, district.code, retired.code}
    assert listed("?q=Y+t") == {agency_b.code}
    assert listed("?q=syt") == {agency_b.code}


def test_list_sorts_by_whitelisted_keys_only(client_for, admin_user, agency_a, agency_b):
    client = client_for(admin_user)
    PersonFactory.create_batch(2, agency=agency_b)

    def codes(query: str) -> list[str]:
        page = client.get(reverse("agencies:agency_list") + query).context["page_obj"]
        return [agency.code for agency in page if agency.code in ("STP", "SYT")]

    assert codes("?sort=name") == ["STP", "SYT"]
    assert codes("?sort=-name") == ["SYT", "STP"]
    assert codes("?sort=-people") == ["SYT", "STP"]
    assert codes("?sort=password") == codes("")


def test_staff_see_all_agencies_but_no_head_counts(client_for, staff_a, agency_a, agency_b):
    PersonFactory(agency=agency_b)
    response = client_for(staff_a).get(reverse("agencies:agency_list") + "?sort=-people")
    assert {agency.code for agency in response.context["page_obj"]} >= {"STP", "SYT"}
    assert not response.context["with_people"]
    assert not hasattr(response.context["page_obj"][0], "people_count")


def test_staff_of_another_agency_see_its_page_but_not_its_people(client_for, staff_b, staff_a, agency_a):
    PersonFactory(agency=agency_a, full_name="Vũ Thị Kín")
    assert client_for(staff_b).get(agency_a.get_absolute_url()).context["people"] is None
    assert client_for(staff_a).get(agency_a.get_absolute_url()).context["people"]["people"] == 1


def test_empty_list_says_so(client_for, leader_user):
    page = client_for(leader_user).get(reverse("agencies:agency_list")).content.decode()
    assert "Chưa có cơ quan, đơn vị nào đang hoạt động." in page


def test_list_query_count_does_not_grow_with_rows(client_for, admin_user, home_affairs, queries_for):
    client = client_for(admin_user)
    url = reverse("agencies:agency_list") + "?status=all"
    parent = AgencyFactory()
    AgencyFactory(parent=parent)
    small = queries_for(client, url)
    for index in range(57):
        agency = AgencyFactory(parent=parent) if index % 2 else RetiredAgencyFactory(merged_into=parent)
        PersonFactory(agency=agency)
    UserFactory(role=Role.AGENCY_STAFF, agency=parent)
    large = queries_for(client, url)
    assert Agency.objects.count() >= 60
    assert small == large


def test_detail_query_count_does_not_grow_with_children_or_history(
    client_for, admin_user, agency_a, queries_for
):
    client = client_for(admin_user)
    url = agency_a.get_absolute_url()
    small = queries_for(client, url)
    for _ in range(20):
        AgencyFactory(parent=agency_a)
        RetiredAgencyFactory(merged_into=agency_a)
        PersonFactory(agency=agency_a)
    for order in range(10):
        agency_a.display_order = order
        agency_a.save()
    assert queries_for(client, url) == small
