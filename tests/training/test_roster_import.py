"""Roster import from XLSX: matched to the register, all rows or none; staff nominate, Home Affairs enrols."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from dancoso.agencies.imports import RowError
from dancoso.core.exports import XLSX_CONTENT_TYPE, xlsx_bytes
from tests.factories import (
    DemocracyOfficerFactory,
    EnrolmentFactory,
    InspectionMemberFactory,
    PersonFactory,
    RetiredAgencyFactory,
    TrainingClassFactory,
)
from training.imports import ROSTER_HEADERS
from training.models import Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db

# The messages of row errors whose translations are new, built in the tests as the page builds them.
NOBODY = "%(agency)s has nobody named %(name)s still working there"
NAMESAKES = "%(agency)s has %(count)s people named %(name)s; fill in the “Chức vụ” column to tell them apart"
NO_SUCH_POSITION = "%(agency)s has no %(name)s with the position “%(position)s”"
NOT_ELIGIBLE = "%(name)s is not in the class's target groups (%(groups)s)."
ALREADY_ENROLLED = "%(name)s is already on the roster of this class."


@pytest.fixture
def training_class(home_affairs):
    """An open class for democracy officers only, organised by Home Affairs."""
    return TrainingClassFactory(
        organiser=home_affairs, for_democracy_officers=True, for_inspection_members=False, capacity=20
    )


@pytest.fixture
def an(agency_a):
    return DemocracyOfficerFactory(agency=agency_a, full_name="Nguyễn Văn An")


@pytest.fixture
def binh(agency_b):
    return DemocracyOfficerFactory(agency=agency_b, full_name="Trần Thị Bình")


def _upload(rows, *, headers=ROSTER_HEADERS, name="hoc-vien.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(headers, rows), content_type=XLSX_CONTENT_TYPE)


def _post(client, training_class, upload):
    return client.post(reverse("training:roster_import", args=[training_class.pk]), {"file": upload})


def _errors(response) -> list[str]:
    assert response.status_code == 200
    return list(response.context["form"].non_field_errors())


def _line(line: int, msgid: str, **values) -> str:
    """The row error the page shows, built from the same message (translated the same way)."""
    return str(RowError(line, _(msgid) % values))


def _messages(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def test_admin_import_enrols_everyone_confirmed(client_for, admin_user, training_class, an, binh):
    response = _post(
        client_for(admin_user),
        training_class,
        _upload([["nguyễn  văn an", "stp", ""], ["Trần Thị Bình", "SYT", "Chuyên viên"]]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("training:roster", args=[training_class.pk])
    enrolments = Enrolment.objects.filter(training_class=training_class).order_by("person__full_name")
    assert [(e.person, e.agency, e.status, e.nominated_by) for e in enrolments] == [
        (an, an.agency, EnrolmentStatus.CONFIRMED, admin_user),
        (binh, binh.agency, EnrolmentStatus.CONFIRMED, admin_user),
    ]
    assert {e.history.get().history_user for e in enrolments} == {admin_user}
    assert _messages(response) == [
        ngettext("Enrolled %(count)s trainee.", "Enrolled %(count)s trainees.", 2) % {"count": 2}
    ]


def test_staff_import_nominates_their_own_people(client_for, staff_a, training_class, an, agency_a):
    response = _post(client_for(staff_a), training_class, _upload([["Nguyễn Văn An", "STP", ""]]))
    assert response.status_code == 302
    enrolment = Enrolment.objects.get()
    assert (enrolment.person, enrolment.agency, enrolment.status) == (an, agency_a, EnrolmentStatus.NOMINATED)


def test_staff_import_refuses_rows_of_another_agency(client_for, staff_a, training_class, an, binh):
    response = _post(
        client_for(staff_a),
        training_class,
        _upload([["Nguyễn Văn An", "STP", ""], ["Trần Thị Bình", "SYT", ""]]),
    )
    assert _errors(response) == [
        _line(3, "you may enrol only people of your own agency, not of %(agency)s", agency=binh.agency)
    ]
    assert not Enrolment.objects.exists()


def test_one_bad_row_writes_nothing_and_names_its_line(client_for, admin_user, training_class, an):
    response = _post(
        client_for(admin_user), training_class, _upload([["Nguyễn Văn An", "STP", ""], ["", "STP", ""]])
    )
    assert _errors(response) == ["Dòng 3: thiếu họ và tên"]
    assert 'data-testid="import-errors"' in response.content.decode()
    assert not Enrolment.objects.exists()


def test_every_row_error_is_listed_with_its_line(client_for, admin_user, training_class, agency_a, an):
    retired = RetiredAgencyFactory(code="SNGV", short_name="Sở Ngoại vụ")
    DemocracyOfficerFactory(agency=agency_a, full_name="Lê Văn Cường", position="Chuyên viên")
    DemocracyOfficerFactory(agency=agency_a, full_name="Lê Văn Cường", position="Phó Giám đốc")
    PersonFactory(agency=agency_a, full_name="Đỗ Thị Dung")
    DemocracyOfficerFactory(agency=agency_a, full_name="Phan Văn Đã Nghỉ", is_active=False)
    EnrolmentFactory(training_class=training_class, person__agency=agency_a, person__full_name="Vũ Văn Em")
    rows = [
        ["Nguyễn Văn An", "STP", ""],
        ["Võ Văn Mã", "KHONG-CO", ""],
        ["Đinh Văn Nghỉ", retired.code, ""],
        ["Không Có Tên", "STP", ""],
        ["Lê Văn Cường", "STP", ""],
        ["Lê Văn Cường", "STP", "Trưởng phòng"],
        ["Đỗ Thị Dung", "STP", ""],
        ["Vũ Văn Em", "STP", ""],
        ["Phan Văn Đã Nghỉ", "STP", ""],
        ["NGUYỄN VĂN AN", "STP", ""],
        ["Tạ Văn Thiếu", "", ""],
    ]
    errors = _errors(_post(client_for(admin_user), training_class, _upload(rows)))
    cuong = {"agency": agency_a, "name": "Lê Văn Cường"}
    assert errors == [
        "Dòng 3: không có cơ quan, đơn vị nào mang mã “KHONG-CO”",
        "Dòng 4: Sở Ngoại vụ đã ngừng hoạt động; hãy dùng mã của cơ quan, đơn vị đang hoạt động",
        _line(5, NOBODY, agency=agency_a, name="Không Có Tên"),
        _line(6, NAMESAKES, count=2, **cuong),
        _line(7, NO_SUCH_POSITION, position="Trưởng phòng", **cuong),
        _line(8, NOT_ELIGIBLE, name="Đỗ Thị Dung", groups=_("Staff assigned to democracy work")),
        _line(9, ALREADY_ENROLLED, name="Vũ Văn Em"),
        _line(10, NOBODY, agency=agency_a, name="Phan Văn Đã Nghỉ"),
        "Dòng 11: trùng với dòng 2 (cùng họ tên và cơ quan)",
        "Dòng 12: thiếu mã cơ quan",
    ]
    assert Enrolment.objects.count() == 1


def test_position_tells_namesakes_apart(client_for, admin_user, training_class, agency_a):
    DemocracyOfficerFactory(agency=agency_a, full_name="Lê Văn Cường", position="Chuyên viên")
    deputy = DemocracyOfficerFactory(agency=agency_a, full_name="Lê Văn Cường", position="Phó Giám đốc")
    response = _post(
        client_for(admin_user), training_class, _upload([["Lê Văn Cường", "STP", "phó giám đốc"]])
    )
    assert response.status_code == 302
    assert Enrolment.objects.get().person == deputy


def test_capacity_is_checked_over_the_whole_file(client_for, admin_user, agency_a, home_affairs):
    small = TrainingClassFactory(organiser=home_affairs, capacity=3)
    EnrolmentFactory(training_class=small, person__agency=agency_a)
    names = ["Nguyễn Văn An", "Trần Văn Bảo", "Lê Thị Cúc"]
    for name in names:
        DemocracyOfficerFactory(agency=agency_a, full_name=name)
    errors = _errors(_post(client_for(admin_user), small, _upload([[name, "STP", ""] for name in names])))
    capacity = ngettext(
        "The class has %(seats)s seat left but the file lists %(count)s people.",
        "The class has %(seats)s seats left but the file lists %(count)s people.",
        2,
    )
    assert errors == [capacity % {"seats": 2, "count": 3}]
    assert small.enrolments.count() == 1


def test_staff_cannot_open_the_import_of_a_class_not_open(client_for, staff_b, home_affairs):
    planned = TrainingClassFactory(organiser=home_affairs, status="planned")
    client = client_for(staff_b)
    assert client.get(reverse("training:roster_import", args=[planned.pk])).status_code == 404
    assert client.get(reverse("training:roster_template", args=[planned.pk])).status_code == 404


def test_every_agency_may_import_into_an_open_class_of_another_organiser(
    client_for, staff_b, training_class, binh
):
    client = client_for(staff_b)
    page = client.get(reverse("training:roster_import", args=[training_class.pk]))
    assert page.status_code == 200
    assert training_class.title in page.content.decode()
    assert reverse("training:roster_template", args=[training_class.pk]) in page.content.decode()
    assert _post(client, training_class, _upload([["Trần Thị Bình", "SYT", ""]])).status_code == 302
    assert Enrolment.objects.get().person == binh


@pytest.mark.parametrize(("persona", "status"), [("leader", 403), ("council", 403), ("anonymous", 302)])
def test_readers_who_do_not_nominate_are_refused(client_for, personas, training_class, persona, status):
    response = client_for(personas[persona]).get(reverse("training:roster_import", args=[training_class.pk]))
    assert response.status_code == status


def test_missing_class_is_not_found(client_for, admin_user):
    assert client_for(admin_user).get(reverse("training:roster_import", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hoc-vien.csv", b"Ho va ten,Ma co quan\nAn,STP\n", "Chỉ nhập được tệp Excel (.xlsx)"),
        ("hoc-vien.xlsx", b"PK\x03\x04 not really a zip", "Tệp không phải là tệp Excel (.xlsx) hợp lệ."),
    ],
)
def test_files_that_are_not_xlsx_are_refused(client_for, admin_user, training_class, name, content, message):
    response = _post(client_for(admin_user), training_class, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert not Enrolment.objects.exists()


def test_oversized_file_is_refused(client_for, admin_user, training_class, an, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _post(client_for(admin_user), training_class, _upload([["Nguyễn Văn An", "STP", ""]]))
    assert response.context["form"].errors["file"][0].startswith("Tệp quá lớn (")
    assert not Enrolment.objects.exists()


def test_missing_headings_are_explained(client_for, admin_user, training_class):
    response = _post(
        client_for(admin_user), training_class, _upload([["Nguyễn Văn An"]], headers=["Họ và tên"])
    )
    assert response.context["form"].errors["file"] == [
        "Dòng đầu tiên phải là tiêu đề cột theo tệp mẫu; còn thiếu: Mã cơ quan."
    ]


def test_template_has_the_headings_and_an_example_row(client_for, staff_a, training_class):
    response = client_for(staff_a).get(reverse("training:roster_template", args=[training_class.pk]))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(BytesIO(response.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        list(ROSTER_HEADERS),
        ["Nguyễn Văn An", "STP", "Chuyên viên"],
    ]


def test_inspection_members_join_a_class_for_them(client_for, admin_user, home_affairs, agency_a):
    board_class = TrainingClassFactory(organiser=home_affairs, for_democracy_officers=False)
    member = InspectionMemberFactory(agency=agency_a, full_name="Hà Thị Giang")
    assert (
        _post(client_for(admin_user), board_class, _upload([["Hà Thị Giang", "STP", ""]])).status_code == 302
    )
    assert (Enrolment.objects.get().person, Enrolment.objects.get().target_group) == (member, "inspection")
