from __future__ import annotations

from django.urls import reverse

from dancoso.agencies.models import Province


def test_home_affairs_renames_the_province_and_the_portal_follows(client_for, admin_user, province):
    client = client_for(admin_user)
    response = client.post(
        reverse("agencies:province_update"),
        {"name": "Bắc Ninh", "resolution_number": "12/2024/NQ-HĐND", "resolution_date": "10/07/2024"},
    )
    assert response.status_code == 302
    province.refresh_from_db()
    assert (province.name, province.resolution_date.isoformat()) == ("Bắc Ninh", "2024-07-10")
    home = client.get(reverse("portal:home")).content.decode()
    assert "tỉnh Bắc Ninh" in home
    page = client.get(reverse("agencies:province_update")).content.decode()
    assert "Bắc Giang" in page  # the old name stays in the change history


def test_first_save_creates_the_province(client_for, admin_user):
    client_for(admin_user).post(reverse("agencies:province_update"), {"name": "Bắc Giang"})
    assert Province.current().name == "Bắc Giang"


def test_bad_input_is_refused_in_vietnamese_and_kept(client_for, admin_user, province):
    response = client_for(admin_user).post(
        reverse("agencies:province_update"),
        {"name": "", "resolution_number": "99/NQ", "resolution_date": "31/02/2024"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in body
    assert "Nhập một ngày hợp lệ." in body
    assert 'value="99/NQ"' in body
    assert Province.current().name == "Bắc Giang"


def test_only_home_affairs_edits_the_province(client_for, staff_a, leader_user):
    assert client_for(staff_a).get(reverse("agencies:province_update")).status_code == 403
    assert client_for(leader_user).post(reverse("agencies:province_update"), {"name": "X"}).status_code == 403
