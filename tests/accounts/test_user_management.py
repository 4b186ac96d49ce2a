from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dancoso.accounts.models import Role, User
from tests.factories import AgencyFactory, RetiredAgencyFactory, UserFactory

NEW_PASSWORD = "Mat-khau-moi-cua-can-bo-2026"


def _new_account(agency_obj, **overrides):
    data = {
        "username": "canbo.moi",
        "full_name": "Đỗ Thị Mai",
        "email": "mai@example.gov.vn",
        "role": Role.AGENCY_STAFF,
        "agency": agency_obj.pk,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return {**data, **overrides}


def test_home_affairs_creates_an_agency_staff_account_that_can_log_in(
    client_for, admin_user, agency_a, client
):
    response = client_for(admin_user).post(reverse("accounts:user_create"), _new_account(agency_a))
    account = User.objects.get(username="canbo.moi")
    assert response["Location"] == reverse("accounts:user_detail", args=[account.pk])
    assert (account.role, account.agency, account.full_name) == (Role.AGENCY_STAFF, agency_a, "Đỗ Thị Mai")
    assert account.check_password(NEW_PASSWORD)
    assert account.history.get().history_user == admin_user


def test_staff_account_without_agency_is_refused_in_vietnamese_and_typed_values_kept(
    client_for, admin_user, agency_a
):
    response = client_for(admin_user).post(reverse("accounts:user_create"), _new_account(agency_a, agency=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cán bộ cơ quan, đơn vị phải thuộc một cơ quan, đơn vị." in body
    assert 'value="canbo.moi"' in body and 'value="Đỗ Thị Mai"' in body
    assert NEW_PASSWORD not in body  # passwords are never shown back
    assert not User.objects.filter(username="canbo.moi").exists()


def test_mismatched_or_weak_passwords_are_refused(client_for, admin_user, agency_a):
    client = client_for(admin_user)
    mismatch = client.post(
        reverse("accounts:user_create"), _new_account(agency_a, password2="khac-hoan-toan-2026")
    )
    assert "Hai mật khẩu không khớp nhau." in mismatch.content.decode()
    weak = client.post(
        reverse("accounts:user_create"), _new_account(agency_a, password1="123", password2="123")
    )
    assert "Mật khẩu này quá ngắn" in weak.content.decode()
    duplicate = client.post(
        reverse("accounts:user_create"), _new_account(agency_a, username=admin_user.username)
    )
    assert duplicate.status_code == 200
    assert User.objects.filter(username__in=["canbo.moi"]).count() == 0


def test_retired_agencies_are_not_offered(client_for, admin_user, agency_a):
    retired = RetiredAgencyFactory()
    body = client_for(admin_user).get(reverse("accounts:user_create")).content.decode()
    assert f'value="{agency_a.pk}"' in body
    assert f'value="{retired.pk}"' not in body


def test_edit_role_and_disable_keeps_history(client_for, admin_user, staff_a, agency_b):
    client = client_for(admin_user)
    url = reverse("accounts:user_update", args=[staff_a.pk])
    data = {"full_name": staff_a.full_name, "email": "", "role": Role.AGENCY_STAFF, "agency": agency_b.pk}
    assert client.post(url, data).status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.agency == agency_b and not staff_a.is_active
    page = client.get(reverse("accounts:user_detail", args=[staff_a.pk])).content.decode()
    assert "Sở Tư pháp" in page and "Sở Y tế" in page  # the agency change shows in the history


def test_set_password(client_for, admin_user, staff_a):
    url = reverse("accounts:user_set_password", args=[staff_a.pk])
    response = client_for(admin_user).post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password(NEW_PASSWORD)


def test_only_home_affairs_manages_accounts(client_for, staff_a, leader_user, council_user, agency_a):
    for user in (staff_a, leader_user, council_user):
        client = client_for(user)
        assert client.get(reverse("accounts:user_list")).status_code == 403
        assert client.post(reverse("accounts:user_create"), _new_account(agency_a)).status_code == 403
    assert not User.objects.filter(username="canbo.moi").exists()


def _list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:user_list")).status_code == 200
    return len(queries)


def test_user_list_filters_exports_and_keeps_a_constant_query_count(client_for, admin_user, staff_a, staff_b):
    client = client_for(admin_user)
    client.get(reverse("accounts:user_list"))
    small = _list_queries(client)
    UserFactory.create_batch(40, agency=AgencyFactory())
    assert _list_queries(client) == small

    filtered = client.get(
        reverse("accounts:user_list"), {"agency": staff_a.agency_id, "role": Role.AGENCY_STAFF}
    )
    assert list(filtered.context["page_obj"]) == [staff_a]

    export = client.get(reverse("accounts:user_list"), {"q": "canbo", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet["A1"].value == "Tên đăng nhập"
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["canbo.a", "canbo.b"]
