"""People register pages: scoping by agency, 404 for other agencies' people, forms, filters, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from dancoso.agencies.models import Person
from tests.factories import AgencyFactory, InspectionMemberFactory, PersonFactory, RetiredAgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_a(agency_a):
    return PersonFactory(agency=agency_a, full_name="Đặng Thị Hoa", position="Chánh Văn phòng")


def _person_form(agency, **changes) -> dict:
    data = {
        "full_name": "Lý Văn Minh",
        "agency": agency.pk,
        "position": "Chuyên viên",
        "email": "",
        "phone": "",
    }
    data["is_active"] = "on"
    return {**data, **changes}


PAGES = {
    "person_list": lambda person: reverse("agencies:person_list"),
    "person_detail": lambda person: reverse("agencies:person_detail", args=[person.pk]),
    "person_create": lambda person: reverse("agencies:person_create"),
    "person_update": lambda person: reverse("agencies:person_update", args=[person.pk]),
    "person_import": lambda person: reverse("agencies:person_import"),
    "person_import_template": lambda person: reverse("agencies:person_import_template"),
}
# Expected answer to a GET, per persona; staff_b looks at a person of agency A.
EXPECTED = {
    "anonymous": dict.fromkeys(PAGES, 302),
    "council": dict.fromkeys(PAGES, 403),
    "leader": {**dict.fromkeys(PAGES, 403), "person_list": 200, "person_detail": 200},
    "staff_a": dict.fromkeys(PAGES, 200),
    "staff_b": {**dict.fromkeys(PAGES, 200), "person_detail": 404, "person_update": 404},
    "admin": dict.fromkeys(PAGES, 200),
}


@pytest.mark.parametrize("persona", EXPECTED)
@pytest.mark.parametrize("view_name", PAGES)
def test_each_persona_gets_the_expected_answer(client_for, personas, person_a, persona, view_name):
    response = client_for(personas[persona]).get(PAGES[view_name](person_a))
    assert response.status_code == EXPECTED[persona][view_name]
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_staff_of_another_agency_get_404_for_every_guessed_id(client_for, staff_b, agency_a):
    people = PersonFactory.create_batch(5, agency=agency_a)
    client = client_for(staff_b)
    for person in people:
        assert client.get(reverse("agencies:person_detail", args=[person.pk])).status_code == 404
        assert client.get(reverse("agencies:person_update", args=[person.pk])).status_code == 404
        response = client.post(reverse("agencies:person_update", args=[person.pk]), _person_form(agency_a))
        assert response.status_code == 404
    missing = max(person.pk for person in people) + 1
    assert client.get(reverse("agencies:person_detail", args=[missing])).status_code == 404
    assert {person.full_name for person in Person.objects.all()} == {person.full_name for person in people}


def test_staff_list_shows_only_their_own_agency(client_for, staff_a, agency_a, agency_b, person_a):
    PersonFactory(agency=agency_b, full_name="Ngô Văn Khác")
    response = client_for(staff_a).get(reverse("agencies:person_list"))
    assert list(response.context["page_obj"]) == [person_a]
    assert "agency" not in response.context["form"].fields
    assert (
        client_for(staff_a).get(reverse("agencies:person_list") + f"?agency={agency_b.pk}").status_code == 200
    )


def test_staff_export_is_scoped_too(client_for, staff_b, person_a):
    response = client_for(staff_b).get(reverse("agencies:person_list") + "?export=xlsx")
    assert response.status_code == 200
    assert "Đặng Thị Hoa".encode() not in response.content


def test_staff_create_is_fixed_to_their_agency(client_for, staff_a, agency_a, agency_b):
    response = client_for(staff_a).post(reverse("agencies:person_create"), _person_form(agency_b))
    person = Person.objects.get(full_name="Lý Văn Minh")
    assert response.status_code == 302
    assert person.agency == agency_a
    assert person.history.get().history_user == staff_a


def test_admin_creates_person_in_any_active_agency(client_for, admin_user, agency_b):
    data = _person_form(agency_b, is_inspection_member="on", inspection_term_start="15/01/2024")
    response = client_for(admin_user).post(reverse("agencies:person_create"), data)
    person = Person.objects.get(full_name="Lý Văn Minh")
    assert response["Location"] == person.get_absolute_url()
    assert (person.agency, person.inspection_term_start) == (agency_b, datetime.date(2024, 1, 15))


def test_retired_agency_is_not_offered_and_refused(client_for, admin_user):
    retired = RetiredAgencyFactory()
    response = client_for(admin_user).post(reverse("agencies:person_create"), _person_form(retired))
    assert retired not in response.context["form"].fields["agency"].queryset
    assert "Hãy chọn một cơ quan, đơn vị đang hoạt động trong danh sách." in response.content.decode()
    assert not Person.objects.exists()


def test_form_errors_are_vietnamese_and_keep_typed_values(client_for, admin_user, agency_a):
    data = _person_form(
        agency_a,
        full_name="Trịnh Văn Sai",
        email="khong-phai-email",
        phone="abc",
        is_inspection_member="on",
        inspection_term_end="31/02/2026",
    )
    response = client_for(admin_user).post(reverse("agencies:person_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhập địa chỉ email hợp lệ, ví dụ ten.cb@bacgiang.gov.vn." in page
    assert "Nhập số điện thoại từ 6 đến 20 ký tự" in page
    assert "Nhập một ngày hợp lệ." in page
    assert 'value="Trịnh Văn Sai"' in page
    assert 'value="31/02/2026"' in page
    assert not Person.objects.exists()


def test_term_rules_show_on_their_fields(client_for, admin_user, agency_a):
    data = _person_form(
        agency_a,
        is_inspection_member="on",
        inspection_term_start="15/01/2026",
        inspection_term_end="15/01/2024",
    )
    form = client_for(admin_user).post(reverse("agencies:person_create"), data).context["form"]
    assert form.errors["inspection_term_end"] == ["Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."]
    data = _person_form(agency_a, is_inspection_member="on")
    form = client_for(admin_user).post(reverse("agencies:person_create"), data).context["form"]
    assert form.errors["inspection_term_start"] == [
        "Thành viên Ban Thanh tra nhân dân phải có ngày bắt đầu nhiệm kỳ."
    ]


def test_edit_form_shows_dates_as_dd_mm_yyyy_and_saves_history(client_for, staff_a, agency_a):
    member = InspectionMemberFactory(agency=agency_a, inspection_term_start=datetime.date(2024, 3, 5))
    client = client_for(staff_a)
    url = reverse("agencies:person_update", args=[member.pk])
    page = client.get(url).content.decode()
    assert 'value="05/03/2024"' in page
    assert 'placeholder="dd/mm/yyyy"' in page
    data = _person_form(
        agency_a, full_name=member.full_name, position="Trưởng ban", is_inspection_member="on"
    )
    data["inspection_term_start"] = "05/03/2024"
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.position == "Trưởng ban"
    assert member.history.latest().history_user == staff_a
    assert "Chuyên viên → Trưởng ban" in client.get(member.get_absolute_url()).content.decode()


def test_leader_reads_but_sees_no_write_buttons(client_for, leader_user, person_a):
    client = client_for(leader_user)
    list_page = client.get(reverse("agencies:person_list")).content.decode()
    detail_page = client.get(person_a.get_absolute_url()).content.decode()
    assert "Đặng Thị Hoa" in list_page
    assert reverse("agencies:person_create") not in list_page
    assert reverse("agencies:person_update", args=[person_a.pk]) not in detail_page
    assert client.post(reverse("agencies:person_update", args=[person_a.pk]), {}).status_code == 403


def test_list_filters_by_agency_flag_status_and_name(client_for, admin_user, agency_a, agency_b):
    officer = PersonFactory(agency=agency_a, full_name="Bùi Văn Dân", is_democracy_officer=True)
    member = InspectionMemberFactory(agency=agency_b, full_name="Cao Thị Thanh")
    steering = PersonFactory(agency=agency_b, full_name="Đỗ Văn Chỉ", is_steering_member=True)
    gone = PersonFactory(agency=agency_a, full_name="Hà Văn Nghỉ", is_active=False)
    client = client_for(admin_user)

    def listed(query: str) -> set[Person]:
        return set(client.get(reverse("agencies:person_list") + query).context["page_obj"])

    assert listed("") == {officer, member, steering}
    assert listed(f"?agency={agency_b.pk}") == {member, steering}
    assert listed("?flag=democracy") == {officer}
    assert listed("?flag=inspection") == {member}
    assert listed("?flag=steering") == {steering}
    assert listed("?status=inactive") == {gone}
    assert listed("?q=thanh") == {member}


def test_list_sorts_by_whitelisted_keys(client_for, admin_user, agency_a):
    PersonFactory(agency=agency_a, full_name="An")
    PersonFactory(agency=agency_a, full_name="Xuân")
    client = client_for(admin_user)

    def names(query: str) -> list[str]:
        return [
            person.full_name
            for person in client.get(reverse("agencies:person_list") + query).context["page_obj"]
        ]

    assert names("?sort=name") == ["An", "Xuân"]
    assert names("?sort=-name") == ["Xuân", "An"]
    assert names("?sort=agency__users__password") == names("")


def test_empty_list_says_so_and_offers_import(client_for, staff_a):
    page = client_for(staff_a).get(reverse("agencies:person_list")).content.decode()
    assert "Chưa có cán bộ nào trong danh sách." in page
    assert reverse("agencies:person_import") in page


def test_list_query_count_does_not_grow_with_rows(client_for, admin_user, queries_for):
    client = client_for(admin_user)
    url = reverse("agencies:person_list") + "?status=all"
    agencies = AgencyFactory.create_batch(3)
    for agency in agencies:
        InspectionMemberFactory(agency=agency)
    small = queries_for(client, url)
    for index in range(57):
        PersonFactory(agency=AgencyFactory() if index % 3 else agencies[0], is_democracy_officer=True)
    large = queries_for(client, url)
    assert Person.objects.count() == 60
    assert small == large


def test_detail_query_count_does_not_grow_with_history(client_for, admin_user, person_a, queries_for):
    client = client_for(admin_user)
    url = person_a.get_absolute_url()
    person_a.agency = AgencyFactory()
    person_a.save()
    small = queries_for(client, url)
    for number in range(10):
        person_a.position = f"Chuyên viên {number}"
        person_a.agency = AgencyFactory()
        person_a.save()
    assert queries_for(client, url) == small
