"""People import from XLSX: all or nothing, row errors in Vietnamese, refused files, the template."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dancoso.agencies.imports import HEADERS, check_rows, parse_people_xlsx
from dancoso.agencies.models import Person
from dancoso.core.exports import xlsx_bytes
from tests.factories import PersonFactory, RetiredAgencyFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "agencies:person_import"


def _row(name="Nguyễn Văn An", code="STP", **cells):
    """One spreadsheet row in the order of ``HEADERS``; keyword names are the attribute names."""
    values = {
        "position": "Chuyên viên",
        "email": "",
        "phone": "",
        "democracy": "",
        "inspection": "",
        "start": None,
    }
    values.update({"end": None, "steering": ""}, **cells)
    return [name, code, values["position"], values["email"], values["phone"], values["democracy"],
            values["inspection"], values["start"], values["end"], values["steering"]]  # fmt: skip


def _post(client, upload):
    return client.post(reverse(IMPORT_URL), {"file": upload})


def _errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_admin_imports_every_row_with_history(client_for, admin_user, agency_a, agency_b, xlsx_upload):
    rows = [
        _row("Nguyễn Văn An", "stp", democracy="x", steering="có"),
        _row("Trần Thị Bình", "SYT", inspection="1", start=datetime.date(2024, 1, 15), end="14/01/2026"),
        _row("Lê Văn Cường", "SYT", email="cuong.lv@bacgiang.gov.vn", phone="0912 345 678", inspection="yes",
             start="01/02/2024"),
    ]  # fmt: skip
    response = _post(client_for(admin_user), xlsx_upload(rows))
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Đã nhập 3 cán bộ."]
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert (an.agency, an.is_democracy_officer, an.is_steering_member, an.is_inspection_member) == (
        agency_a, True, True, False,
    )  # fmt: skip
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert (binh.inspection_term_start, binh.inspection_term_end) == (
        datetime.date(2024, 1, 15),
        datetime.date(2026, 1, 14),
    )
    assert Person.objects.get(full_name="Lê Văn Cường").phone == "0912 345 678"
    assert {person.history.get().history_user for person in Person.objects.all()} == {admin_user}


def test_one_bad_row_imports_nothing_and_every_error_is_listed(client_for, admin_user, agency_a, xlsx_upload):
    retired = RetiredAgencyFactory(code="SNGV", short_name="Sở Ngoại vụ")
    PersonFactory(agency=agency_a, full_name="Phan Văn Cũ")
    rows = [
        _row("Nguyễn Văn Đúng"),
        _row(""),
        _row("Võ Văn Mã", "KHONG-CO"),
        _row("Đinh Văn Nghỉ", retired.code),
        _row("Lò Văn Thư", email="khong-phai-email"),
        _row("Mai Văn Ngày", inspection="x", start="31/02/2024"),
        _row("Tạ Văn Kỳ", inspection="x", start="15/01/2026", end="15/01/2024"),
        _row("Hồ Văn Thiếu", inspection="x"),
        _row("phan  văn cũ"),
        _row("Nguyễn Văn Đúng"),
        _row("Kiều Văn Dấu", democracy="có lẽ"),
    ]
    response = _post(client_for(admin_user), xlsx_upload(rows))
    assert response.status_code == 200
    assert _errors(response) == [
        "Dòng 3: thiếu họ và tên",
        "Dòng 4: không có cơ quan, đơn vị nào mang mã “KHONG-CO”",
        "Dòng 5: Sở Ngoại vụ đã ngừng hoạt động; hãy dùng mã của cơ quan, đơn vị đang hoạt động",
        "Dòng 6: cột “Email”: “khong-phai-email” không phải là địa chỉ email hợp lệ.",
        "Dòng 7: cột “Nhiệm kỳ từ”: “31/02/2024” không phải là ngày hợp lệ; ghi theo dạng dd/mm/yyyy.",
        "Dòng 8: Nhiệm kỳ Ban TTND đến ngày: Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.",
        "Dòng 9: Nhiệm kỳ Ban TTND từ ngày: Thành viên Ban Thanh tra nhân dân phải có ngày bắt đầu nhiệm kỳ.",
        "Dòng 10: phan văn cũ đã có trong danh sách cán bộ của Sở Tư pháp",
        "Dòng 11: trùng với dòng 2 (cùng họ tên và cơ quan)",
        "Dòng 12: cột “Phụ trách dân chủ”: “có lẽ” không phải giá trị có/không; "
        "ghi x, có hoặc 1, hoặc để trống ô.",
    ]
    page = response.content.decode()
    assert "Chưa nhập cán bộ nào. Vui lòng sửa các dòng sau và tải tệp lên lại:" in page
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Phan Văn Cũ"]


def test_staff_cannot_import_into_another_agency(client_for, staff_a, agency_b, xlsx_upload):
    response = _post(
        client_for(staff_a), xlsx_upload([_row("Nguyễn Văn An", "STP"), _row("Trần Văn Lạ", "SYT")])
    )
    assert _errors(response) == [
        "Dòng 3: bạn chỉ được nhập cán bộ của cơ quan mình, không được nhập cho Sở Y tế"
    ]
    assert not Person.objects.exists()


def test_staff_import_into_their_own_agency(client_for, staff_a, agency_a, xlsx_upload):
    assert _post(client_for(staff_a), xlsx_upload([_row("Nguyễn Văn An", "STP")])).status_code == 302
    assert Person.objects.get().agency == agency_a


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("can-bo.csv", b"Ho va ten,Ma co quan\nAn,STP\n", "Chỉ nhập được tệp Excel (.xlsx)"),
        ("can-bo.xlsx", b"Ho va ten,Ma co quan\nAn,STP\n", "Tệp không phải là tệp Excel (.xlsx) hợp lệ."),
        ("can-bo.xlsx", b"PK\x03\x04 not really a zip", "Tệp không phải là tệp Excel (.xlsx) hợp lệ."),
    ],
)
def test_files_that_are_not_xlsx_are_refused(client_for, admin_user, agency_a, name, content, message):
    response = _post(client_for(admin_user), SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Person.objects.exists()


def test_oversized_file_is_refused_before_reading(client_for, admin_user, agency_a, xlsx_upload, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _post(client_for(admin_user), xlsx_upload([_row()]))
    assert response.context["form"].errors["file"][0].startswith("Tệp quá lớn (")
    assert not Person.objects.exists()


def test_missing_headings_and_empty_files_are_explained(client_for, admin_user, agency_a, xlsx_upload):
    client = client_for(admin_user)
    response = _post(client, xlsx_upload([["Nguyễn Văn An"]], headers=["Họ và tên"]))
    assert response.context["form"].errors["file"] == [
        "Dòng đầu tiên phải là tiêu đề cột theo tệp mẫu; còn thiếu: Mã cơ quan."
    ]
    response = _post(client, xlsx_upload([]))
    assert response.context["form"].errors["file"] == ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]


def test_template_has_the_headings_and_an_example_that_imports(client_for, staff_a, agency_a, xlsx_upload):
    client = client_for(staff_a)
    response = client.get(reverse("agencies:person_import_template"))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-can-bo.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1][:2] == ("Nguyễn Văn An", "STP")
    upload = SimpleUploadedFile("mau.xlsx", response.content)
    assert _post(client, upload).status_code == 302
    assert Person.objects.get().inspection_term_start == datetime.date(2024, 1, 15)


def test_parser_reads_columns_in_any_order_and_normalises_text():
    decomposed = "Nguye\u0302\u0303n  Va\u0306n  An"
    content = xlsx_bytes(
        ["Mã cơ quan", "Ghi chú riêng", "HỌ VÀ TÊN", "Thành viên BCĐ"], [["stp", "bỏ qua", decomposed, 1]]
    )
    [row] = parse_people_xlsx(BytesIO(content))
    assert (row.line, row.full_name, row.agency_code, row.is_steering_member, row.errors) == (
        2, "Nguyễn Văn An", "STP", True, [],
    )  # fmt: skip


def test_check_rows_is_pure_and_ordered():
    content = xlsx_bytes(HEADERS, [_row("B", "X"), _row("", "STP")])
    rows = parse_people_xlsx(BytesIO(content))
    errors = check_rows(rows, agencies={}, existing=set(), may_write=lambda agency: True)
    assert [error.line for error in errors] == [2, 3, 3]
