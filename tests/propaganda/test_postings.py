"""The posting log (Art. 1 §2): who sees and changes which postings, refused input, Excel import, export."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from dancoso.core.exports import XLSX_CONTENT_TYPE, xlsx_bytes
from dancoso.core.imports import RowError
from propaganda.imports import HEADERS
from propaganda.models import Posting
from propaganda.services.postings import posting_save
from tests.propaganda.factories import (
    PDF,
    ApprovedPlanFactory,
    LegalDocumentFactory,
    PlanActivityFactory,
    PostingFactory,
    channel,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
WEB_ADDRESS_REFUSAL = (
    "Enter a web address starting with http:// or https://, for example https://bacgiang.gov.vn/."
)
BAD_DATE = "“31/02/2026” không phải là ngày hợp lệ; ghi theo dạng dd/mm/yyyy."
LIST_URL = reverse("propaganda:posting_list")
CREATE_URL = reverse("propaganda:posting_create")
IMPORT_URL = reverse("propaganda:posting_import")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _png(name: str = "anh-chup.png", content: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def _form(**changes) -> dict:
    data = {
        "channel": channel("zalo").pk,
        "posted_on": "02/04/2026",
        "title": "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên nhóm Zalo cơ quan",
        "url": "https://zalo.me/g/stp-bacgiang",
        "audience": "120",
    }
    data.update(changes)
    return data


def _edit_url(posting: Posting) -> str:
    return reverse("propaganda:posting_update", args=[posting.pk])


def _evidence_url(posting: Posting) -> str:
    return reverse("propaganda:posting_evidence", args=[posting.pk])


def _with_screenshot(agency) -> Posting:
    posting = PostingFactory(agency=agency)
    posting.evidence.save("anh.png", _png(), save=True)
    return posting


# Scoping: each agency's staff see and change their own postings only.


def test_staff_records_a_posting_of_their_own_agency(client_for, staff_a, agency_a, agency_b):
    # The agency field is fixed for staff: a posted agency B is ignored, the posting is agency A's.
    data = _form(agency=agency_b.pk, evidence=_png())
    response = client_for(staff_a).post(CREATE_URL, data)
    assert response.status_code == 302
    posting = Posting.objects.get()
    assert (posting.agency, posting.channel.kind, posting.audience) == (agency_a, "zalo", 120)
    assert posting.created_by == staff_a
    assert posting.history.get().history_user == staff_a
    assert posting.evidence.read() == PNG


def test_home_affairs_records_a_posting_for_any_agency(client_for, admin_user, agency_b):
    response = client_for(admin_user).post(CREATE_URL, _form(agency=agency_b.pk))
    assert response.status_code == 302
    assert Posting.objects.get().agency == agency_b


def test_staff_see_only_their_agency_postings(client_for, staff_b, agency_a, agency_b):
    PostingFactory(agency=agency_a, title="Tin của Sở Tư pháp")
    PostingFactory(agency=agency_b, title="Tin của Sở Y tế")
    response = client_for(staff_b).get(LIST_URL)
    assert [posting.title for posting in response.context["page_obj"]] == ["Tin của Sở Y tế"]


@pytest.mark.parametrize("page", [_edit_url, _evidence_url])
def test_staff_of_another_agency_get_404_for_a_guessed_posting(page, client_for, staff_b, agency_a):
    posting = _with_screenshot(agency_a)
    client = client_for(staff_b)
    assert client.get(page(posting)).status_code == 404
    missing = Posting(pk=posting.pk + 1000)
    assert client.get(page(missing)).status_code == 404


def test_staff_of_another_agency_cannot_change_a_posting_by_post(client_for, staff_b, agency_a):
    posting = PostingFactory(agency=agency_a)
    response = client_for(staff_b).post(_edit_url(posting), _form(title="Đã bị sửa"))
    assert response.status_code == 404
    posting.refresh_from_db()
    assert posting.title != "Đã bị sửa"


def test_leader_reads_the_log_and_screenshots_but_cannot_record(client_for, leader_user, agency_a):
    posting = _with_screenshot(agency_a)
    client = client_for(leader_user)
    assert posting in client.get(LIST_URL).context["page_obj"]
    assert b"".join(client.get(_evidence_url(posting)).streaming_content) == PNG
    for url in (CREATE_URL, IMPORT_URL, _edit_url(posting)):
        assert client.get(url).status_code == 403, url
    assert client.post(CREATE_URL, _form(agency=agency_a.pk)).status_code == 403
    assert Posting.objects.count() == 1


def test_screenshot_is_shown_to_its_own_agency(client_for, staff_a, agency_a):
    posting = _with_screenshot(agency_a)
    response = client_for(staff_a).get(_evidence_url(posting))
    assert response.status_code == 200
    assert "attachment" not in response["Content-Disposition"]


def test_service_refuses_to_move_a_posting_to_another_agency(staff_a, agency_a, agency_b):
    posting = PostingFactory(agency=agency_a)
    with pytest.raises(PermissionDenied):
        posting_save(actor=staff_a, posting=posting, agency=agency_b)
    posting.refresh_from_db()
    assert posting.agency == agency_a


# Bad input: refused with a message, nothing typed lost.


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://files.bacgiang.gov.vn/luat.pdf"])
def test_addresses_other_than_web_pages_are_refused(address, client_for, staff_a):
    data = _form(url=address, title="Bài viết về dân chủ ở cơ sở", audience="75")
    response = client_for(staff_a).post(CREATE_URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors["url"] == [_(WEB_ADDRESS_REFUSAL)]
    html = response.content.decode()
    assert 'value="Bài viết về dân chủ ở cơ sở"' in html
    assert 'value="75"' in html
    assert 'value="02/04/2026"' in html
    assert Posting.objects.count() == 0


def test_service_refuses_an_ftp_address_too(staff_a, agency_a):
    """The rule holds without the form: an import or another caller meets it in the service."""
    with pytest.raises(ValidationError) as refused:
        posting_save(
            actor=staff_a,
            agency=agency_a,
            channel=channel("agency_website"),
            posted_on=dt.date(2026, 4, 2),
            title="Tin bài",
            url="ftp://files.bacgiang.gov.vn/luat.pdf",
        )
    assert refused.value.message_dict == {"url": [_(WEB_ADDRESS_REFUSAL)]}
    assert Posting.objects.count() == 0


def test_a_pdf_renamed_png_is_refused_as_screenshot(client_for, staff_a):
    data = _form(evidence=_png("anh-chup.png", PDF))
    response = client_for(staff_a).post(CREATE_URL, data)
    assert response.context["form"].errors["evidence"] == ["Nội dung tệp không phải là tệp PNG."]
    assert (
        'value="Tuyên truyền Luật Thực hiện dân chủ ở cơ sở trên nhóm Zalo cơ quan"'
        in response.content.decode()
    )
    assert Posting.objects.count() == 0


def test_a_screenshot_over_5_mb_is_refused(client_for, staff_a):
    data = _form(evidence=_png("lon.png", PNG + b"\x00" * (5 * 1024 * 1024)))
    response = client_for(staff_a).post(CREATE_URL, data)
    assert response.context["form"].errors["evidence"] == ["Tệp lớn hơn 5 MB."]
    assert Posting.objects.count() == 0


def test_a_negative_audience_is_refused(client_for, staff_a):
    response = client_for(staff_a).post(CREATE_URL, _form(audience="-3"))
    assert "audience" in response.context["form"].errors
    assert Posting.objects.count() == 0


def test_an_activity_of_another_agency_plan_is_refused(staff_a, admin_user, agency_a, agency_b):
    other = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_b))
    with pytest.raises(ValidationError) as refused:
        posting_save(
            actor=admin_user,
            agency=agency_a,
            channel=channel("agency_website"),
            posted_on=dt.date(2026, 4, 2),
            title="Tin bài",
            activity=other,
        )
    assert list(refused.value.message_dict) == ["activity"]


def test_staff_are_offered_only_their_own_plan_activities(client_for, staff_a, agency_a, agency_b):
    own = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a), title="Hội nghị của Sở Tư pháp")
    PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_b), title="Hội nghị của Sở Y tế")
    form = client_for(staff_a).get(CREATE_URL).context["form"]
    assert list(form.fields["activity"].queryset) == [own]


def test_staff_edit_their_posting_and_link_it_to_their_plan(client_for, staff_a, agency_a):
    posting = PostingFactory(agency=agency_a)
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    response = client_for(staff_a).post(_edit_url(posting), _form(activity=activity.pk, title="Tiêu đề mới"))
    assert response.status_code == 302
    posting.refresh_from_db()
    assert (posting.title, posting.activity) == ("Tiêu đề mới", activity)
    assert posting.history.first().history_user == staff_a


# The Excel import: all rows or none.


def _row(title="Tin tuyên truyền", *, day="02/04/2026", channel_name="Zalo", url="https://zalo.me/g/stp",
         audience=100, number="", code="STP"):  # fmt: skip
    return [day, channel_name, title, url, audience, number, code]


def _upload(rows, *, headers=HEADERS, name="tin-bai.xlsx", content=None) -> SimpleUploadedFile:
    data = content if content is not None else xlsx_bytes(headers, rows)
    return SimpleUploadedFile(name, data, content_type=XLSX_CONTENT_TYPE)


def _import(client, upload):
    return client.post(IMPORT_URL, {"file": upload})


def _errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def _line(line: int, message: str) -> str:
    return str(RowError(line, message))


def test_a_good_file_records_every_row_with_history(client_for, admin_user, agency_a, agency_b):
    document = LegalDocumentFactory(number="59/2023/NĐ-CP")
    rows = [
        _row("Tin 1", channel_name="zalo", number="59/2023/nđ-cp"),
        _row("Tin 2", day=dt.datetime(2026, 5, 3), channel_name="cong thong tin dien tu tinh", code="syt"),
        _row("Tin 3", channel_name="FACEBOOK", url="", audience=None, code="SYT"),
    ]
    response = _import(client_for(admin_user), _upload(rows))
    assert response.status_code == 302
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == [
        ngettext("Imported %(count)s posting.", "Imported %(count)s postings.", 3) % {"count": 3}
    ]
    by_title = {posting.title: posting for posting in Posting.objects.all()}
    assert (by_title["Tin 1"].agency, by_title["Tin 1"].channel.kind, by_title["Tin 1"].document) == (
        agency_a, "zalo", document,
    )  # fmt: skip
    assert (by_title["Tin 2"].posted_on, by_title["Tin 2"].channel.kind) == (
        dt.date(2026, 5, 3),
        "province_portal",
    )
    assert (by_title["Tin 3"].agency, by_title["Tin 3"].url, by_title["Tin 3"].audience) == (
        agency_b,
        "",
        None,
    )
    assert {posting.history.get().history_user for posting in Posting.objects.all()} == {admin_user}
    assert {posting.created_by for posting in Posting.objects.all()} == {admin_user}


def test_one_bad_row_among_good_ones_records_nothing(client_for, admin_user, agency_a):
    rows = [
        _row("Tin đúng 1"),
        _row("Tin có đường dẫn lạ", url="javascript:alert(1)"),
        _row("Tin đúng 2"),
        _row("Tin âm", audience=-5),
    ]
    response = _import(client_for(admin_user), _upload(rows))
    assert response.status_code == 200
    column = _("column “%(column)s”: %(error)s")
    assert _errors(response) == [
        _line(3, column % {"column": "Đường dẫn", "error": _(WEB_ADDRESS_REFUSAL)}),
        _line(5, column % {"column": "Số người tiếp cận", "error": _(
            "“%(value)s” is not a number of people (a whole number, 0 or more).") % {"value": -5}}),
    ]  # fmt: skip
    assert "Dòng 3" in response.content.decode()
    assert Posting.objects.count() == 0


def test_staff_may_import_only_their_own_agency(client_for, staff_a, agency_a, agency_b):
    response = _import(
        client_for(staff_a), _upload([_row("Tin của mình"), _row("Tin của Sở Y tế", code="SYT")])
    )
    message = _("you may only import postings of your own agency, not of %(agency)s") % {"agency": agency_b}
    assert _errors(response) == [_line(3, message)]
    assert Posting.objects.count() == 0


def test_unknown_channel_bad_date_and_unknown_agency_are_listed(client_for, admin_user, agency_a):
    unknown_channel = _("no channel is called “%(name)s”; use a channel name of the template")
    rows = [
        _row(channel_name="Tiktok"),
        _row(day="31/02/2026"),
        _row(code="KHONG-CO"),
        _row(""),
        _row(number="99/2099/NĐ-CP"),
    ]
    response = _import(client_for(admin_user), _upload(rows))
    column = _("column “%(column)s”: %(error)s")
    assert _errors(response) == [
        _line(2, unknown_channel % {"name": "Tiktok"}),
        _line(3, column % {"column": "Ngày đăng", "error": BAD_DATE}),
        _line(4, "không có cơ quan, đơn vị nào mang mã “KHONG-CO”"),
        _line(5, column % {"column": "Tiêu đề", "error": _("the cell is empty")}),
        _line(6, _("no document numbered %(number)s is in the library") % {"number": "99/2099/NĐ-CP"}),
    ]  # fmt: skip
    assert Posting.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(client_for, staff_a):
    response = _import(client_for(staff_a), _upload([], content=PDF))
    assert _errors(response) == ["Tệp không phải là tệp Excel (.xlsx) hợp lệ."]
    response = _import(client_for(staff_a), _upload([], name="tin-bai.csv", content=b"a,b\n"))
    assert response.context["form"].errors["file"] == [
        _("Only Excel workbooks (.xlsx) can be imported; save the file as .xlsx first.")
    ]
    assert Posting.objects.count() == 0


def test_missing_headings_and_too_many_rows_are_refused(client_for, staff_a, monkeypatch):
    response = _import(client_for(staff_a), _upload([["02/04/2026"]], headers=["Ngày đăng"]))
    assert "Kênh, Tiêu đề, Mã cơ quan" in _errors(response)[0]
    monkeypatch.setattr("propaganda.imports.MAX_ROWS", 2)
    response = _import(client_for(staff_a), _upload([_row(), _row(), _row()]))
    assert _errors(response) == [
        _("The file has more than %(limit)s rows; split it into several files.") % {"limit": 2}
    ]
    assert Posting.objects.count() == 0


def test_the_template_imports_as_it_is(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    response = client.get(IMPORT_URL, {"template": "1"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert rows[1][-1] == agency_a.code
    response = _import(client, _upload([], content=response.content))
    assert response.status_code == 302
    assert Posting.objects.get().agency == agency_a


# The list: filters, export, constant queries.


def test_filters_by_channel_year_and_title(client_for, admin_user, agency_a, agency_b):
    PostingFactory(agency=agency_a, channel=channel("zalo"), title="Zalo năm nay")
    PostingFactory(
        agency=agency_a, channel=channel("zalo"), title="Zalo năm trước", posted_on=dt.date(2025, 6, 1)
    )
    PostingFactory(agency=agency_b, channel=channel("facebook"), title="Facebook năm nay")
    client = client_for(admin_user)

    def titles(**filters):
        return {posting.title for posting in client.get(LIST_URL, filters).context["page_obj"]}

    assert titles(channel=channel("zalo").pk, year=2026) == {"Zalo năm nay"}
    assert titles(q="năm trước") == {"Zalo năm trước"}
    assert titles(agency=agency_b.pk) == {"Facebook năm nay"}
    assert titles(date_from="01/01/2026", date_to="31/12/2026") == {"Zalo năm nay", "Facebook năm nay"}


def test_export_opens_with_the_filtered_rows(client_for, staff_a, agency_a, agency_b):
    PostingFactory(agency=agency_a, title='=HYPERLINK("x")', audience=40)
    PostingFactory(agency=agency_b, title="Của Sở Y tế")
    response = client_for(staff_a).get(LIST_URL, {"export": "xlsx"})
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == HEADERS
    assert len(rows) == 2
    assert rows[1][2] == '\'=HYPERLINK("x")'
    assert (rows[1][4], rows[1][6]) == (40, agency_a.code)


def test_list_links_open_safely_and_empty_state_is_honest(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    assert _("No posting has been recorded yet.") in client.get(LIST_URL).content.decode()
    PostingFactory(agency=agency_a)
    html = client.get(LIST_URL).content.decode()
    assert (
        'href="https://stp.bacgiang.gov.vn/tin-tuc/dan-chu-co-so" rel="noopener noreferrer" target="_blank"'
        in html
    )


@pytest.mark.parametrize("persona", ["admin_user", "staff_a"])
def test_list_costs_the_same_queries_for_3_and_30_postings(
    persona, request, agency_a, django_assert_num_queries
):
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue(persona))
    document = LegalDocumentFactory()
    PostingFactory.create_batch(3, agency=agency_a, document=document)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as small:
        assert client.get(LIST_URL).status_code == 200
    PostingFactory.create_batch(27, agency=agency_a, document=document, evidence="propaganda/evidence/a.png")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(LIST_URL)
    assert len(response.context["page_obj"]) == 30
