"""Emulation and discipline through the pages: the pledge flow, exemplary models and the portal, quotas and
nominations with their rules, the violation bar and its override, scoping, and bad input."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dancoso.core.history import history_rows
from emulation.models import (
    Award,
    Campaign,
    Exemplar,
    Handling,
    Nomination,
    NominationStatus,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
    ViolationCategory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
PDF = b"%PDF-1.4 ho so"
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


@pytest.fixture
def campaign():
    return Campaign.objects.create(
        year=YEAR,
        title=f"Phong trào thi đua thực hiện dân chủ ở cơ sở năm {YEAR}",
        content="Thi đua thực hiện tốt dân chủ ở cơ sở",
        starts_on=dt.date(YEAR, 1, 15),
        ends_on=dt.date(YEAR, 12, 15),
    )


@pytest.fixture
def giay_khen():
    return Award.objects.get(name="Giấy khen")


def _pledge_data(campaign, **changes):
    return {
        "campaign": campaign.pk,
        "collective_award": "",
        "collective_targets": "100% cán bộ được phổ biến Luật Thực hiện dân chủ ở cơ sở",
        "individual_targets": "",
        "individuals": "35",
        **changes,
    }


def _nomination_data(award, person, **changes):
    return {
        "year": YEAR,
        "award": award.pk,
        "kind": "individual",
        "person": person.pk,
        "collective_name": "",
        "achievements": "Tham mưu tổ chức hội nghị cán bộ, công chức đúng hạn.",
        **changes,
    }


def _nomination(agency, award, person=None, **fields):
    return Nomination.objects.create(
        year=YEAR,
        agency=agency,
        award=award,
        kind="individual" if person else "collective",
        person=person,
        achievements="Thành tích",
        **fields,
    )


def _handled_violation(agency, person=None, *, day=None):
    day = day or dt.date(YEAR, 2, 3)
    return Violation.objects.create(
        agency=agency,
        person=person,
        found_on=day,
        category=ViolationCategory.objects.first(),
        detection="inspection",
        description="Không công khai dự toán ngân sách",
        handling=Handling.objects.get(name="Khiển trách"),
        decision_date=day,
        status="handled",
    )


# The pledge flow.


def test_staff_draft_send_and_see_a_returned_pledge_then_home_affairs_approves(
    client_for, staff_a, admin_user, agency_a, campaign
):
    client = client_for(staff_a)
    response = client.post(reverse("emulation:pledge_create"), _pledge_data(campaign, agency=999))
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and pledge.agency == agency_a and pledge.status == PledgeStatus.DRAFT
    client.post(reverse("emulation:pledge_send", args=[pledge.pk]))
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.SENT and pledge.sent_at is not None
    # Sent, it can no longer be changed by the agency.
    client.post(reverse("emulation:pledge_update", args=[pledge.pk]), _pledge_data(campaign, individuals="1"))
    pledge.refresh_from_db()
    assert pledge.individuals == 35

    home_affairs = client_for(admin_user)
    refused = home_affairs.post(reverse("emulation:pledge_return", args=[pledge.pk]), {"reason": " "})
    assert refused.status_code == 400
    home_affairs.post(reverse("emulation:pledge_return", args=[pledge.pk]), {"reason": "Bổ sung chỉ tiêu"})
    pledge.refresh_from_db()
    assert pledge.status == PledgeStatus.RETURNED and pledge.return_reason == "Bổ sung chỉ tiêu"
    assert history_rows(pledge)[0]["reason"] == "Bổ sung chỉ tiêu"

    client = client_for(staff_a)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Bổ sung chỉ tiêu" in page
    client.post(
        reverse("emulation:pledge_update", args=[pledge.pk]), _pledge_data(campaign, individuals="40")
    )
    client.post(reverse("emulation:pledge_send", args=[pledge.pk]))
    client_for(admin_user).post(reverse("emulation:pledge_approve", args=[pledge.pk]))
    pledge.refresh_from_db()
    assert (pledge.status, pledge.individuals) == (PledgeStatus.APPROVED, 40)


def test_agency_staff_may_not_approve_their_own_pledge(client_for, staff_a, agency_a, campaign):
    pledge = Pledge.objects.create(campaign=campaign, agency=agency_a, collective_targets="x", status="sent")
    response = client_for(staff_a).post(reverse("emulation:pledge_approve", args=[pledge.pk]))
    pledge.refresh_from_db()
    assert response.status_code == 403 and pledge.status == PledgeStatus.SENT


def test_home_affairs_sees_who_has_not_sent_first_and_exports_it(
    client_for, admin_user, agency_a, agency_b, campaign
):
    Pledge.objects.create(campaign=campaign, agency=agency_a, collective_targets="x", status="approved")
    client = client_for(admin_user)
    response = client.get(campaign.get_absolute_url())
    rows = [row for row, _label in response.context["page_obj"].rows]
    assert rows[0].pk != agency_a.pk and rows[-1].pk == agency_a.pk
    assert response.context["totals"]["approved"] == 1
    assert response.context["totals"]["draft"] == response.context["totals"]["agencies"] - 1
    only_missing = client.get(campaign.get_absolute_url(), {"not_sent": "on"})
    assert agency_a.pk not in [row.pk for row, _label in only_missing.context["page_obj"].rows]
    export = client.get(campaign.get_absolute_url(), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Cơ quan, đơn vị", "Đăng ký thi đua")
    assert (agency_a.name, "Đã phê duyệt") in values


def test_staff_of_another_agency_cannot_see_a_pledge(client_for, staff_b, agency_a, campaign):
    pledge = Pledge.objects.create(campaign=campaign, agency=agency_a, collective_targets="x")
    client = client_for(staff_b)
    assert client.get(pledge.get_absolute_url()).status_code == 404
    assert client.post(reverse("emulation:pledge_send", args=[pledge.pk])).status_code == 404
    assert pledge.pk not in [
        row.pk for row in client.get(reverse("emulation:pledge_list")).context["page_obj"]
    ]


# Exemplary models on the portal.


def test_the_portal_shows_only_recognised_models_and_their_photos(
    client, client_for, staff_a, admin_user, agency_a
):
    person = PersonFactory(agency=agency_a)
    staff = client_for(staff_a)
    staff.post(
        reverse("emulation:exemplar_create"),
        {
            "year": YEAR,
            "kind": "individual",
            "person": person.pk,
            "title": "Tổ hòa giải ở cơ sở gương mẫu",
            "description": "Mô tả",
            "achievements": "Hòa giải thành 20 vụ việc",
        },
    )
    exemplar = Exemplar.objects.get()
    photo = SimpleUploadedFile("anh.png", PNG, content_type="image/png")
    staff.post(
        reverse("emulation:photo_add", args=[exemplar.pk]), {"image": photo, "caption": "Buổi hòa giải"}
    )
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image", content_type="image/png")
    refused = staff.post(reverse("emulation:photo_add", args=[exemplar.pk]), {"image": fake})
    assert refused.status_code == 400 and exemplar.photos.count() == 1
    assert "không phải" in refused.content.decode()

    client.logout()
    assert client.get(reverse("public_exemplars:list")).context["page_obj"].paginator.count == 0
    assert client.get(reverse("public_exemplars:detail", args=[exemplar.pk])).status_code == 404
    assert client.get(reverse("public_exemplars:photo", args=[exemplar.photos.get().pk])).status_code == 404

    client_for(admin_user).post(reverse("emulation:exemplar_recognise", args=[exemplar.pk]))
    client.logout()
    listed = client.get(reverse("public_exemplars:list"))
    assert [row.pk for row in listed.context["page_obj"]] == [exemplar.pk]
    detail = client.get(reverse("public_exemplars:detail", args=[exemplar.pk])).content.decode()
    assert "Hòa giải thành 20 vụ việc" in detail and person.full_name in detail
    assert client.get(reverse("public_exemplars:photo", args=[exemplar.photos.get().pk])).status_code == 200


def test_staff_cannot_change_a_recognised_model(client_for, staff_a, agency_a):
    exemplar = Exemplar.objects.create(
        agency=agency_a,
        year=YEAR,
        kind="collective",
        title="Mô hình cũ",
        description="x",
        achievements="x",
        status="recognised",
        recognised_on=dt.date(YEAR, 3, 1),
    )
    data = {"year": YEAR, "kind": "collective", "title": "Đổi tên", "description": "x", "achievements": "x"}
    response = client_for(staff_a).post(reverse("emulation:exemplar_update", args=[exemplar.pk]), data)
    exemplar.refresh_from_db()
    assert response.status_code == 200 and exemplar.title == "Mô hình cũ"
    assert "chỉ Sở Nội vụ được sửa" in response.content.decode()


# Quotas and nominations.


def test_only_home_affairs_allocates_and_a_quota_cannot_fall_below_its_held_places(
    client_for, admin_user, staff_a, agency_a, giay_khen
):
    data = {"year": YEAR, "agency": agency_a.pk, "award": giay_khen.pk, "places": 2}
    assert client_for(staff_a).post(reverse("emulation:quota_create"), data).status_code == 403
    client = client_for(admin_user)
    client.post(reverse("emulation:quota_create"), data)
    quota = Quota.objects.get()
    _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a), status="submitted")
    _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a), status="decided")
    response = client.post(reverse("emulation:quota_update", args=[quota.pk]), {**data, "places": 1})
    quota.refresh_from_db()
    assert quota.places == 2 and "không được thấp hơn" in response.content.decode()
    twin = client.post(reverse("emulation:quota_create"), data)
    assert Quota.objects.count() == 1 and "đã có chỉ tiêu" in twin.content.decode()


def test_allocating_to_every_agency_skips_those_already_allocated(
    client_for, admin_user, agency_a, agency_b, giay_khen
):
    Quota.objects.create(year=YEAR, agency=agency_a, award=giay_khen, places=5)
    client_for(admin_user).post(
        reverse("emulation:quota_allocate"), {"year": YEAR, "award": giay_khen.pk, "places": 2}
    )
    places = dict(Quota.objects.filter(year=YEAR).values_list("agency__code", "places"))
    assert places[agency_a.code] == 5 and places[agency_b.code] == 2
    assert Quota.history.filter(agency=agency_b, history_user=admin_user).exists()


def test_staff_cannot_nominate_someone_of_another_agency(client_for, staff_a, agency_b, giay_khen):
    stranger = PersonFactory(agency=agency_b, full_name="Người Cơ Quan Khác")
    response = client_for(staff_a).post(
        reverse("emulation:nomination_create"), _nomination_data(giay_khen, stranger)
    )
    assert Nomination.objects.count() == 0
    assert response.status_code == 200 and response.context["form"].errors["person"]
    assert "Tham mưu tổ chức hội nghị" in response.content.decode()


def test_a_title_for_collectives_is_refused_for_an_individual(client_for, staff_a, agency_a):
    award = Award.objects.get(name="Tập thể lao động xuất sắc")
    person = PersonFactory(agency=agency_a)
    response = client_for(staff_a).post(
        reverse("emulation:nomination_create"), _nomination_data(award, person)
    )
    assert Nomination.objects.count() == 0 and "không xét tặng cho cá nhân" in response.content.decode()


def test_the_quota_refuses_the_nomination_past_its_places(client_for, staff_a, agency_a, giay_khen):
    Quota.objects.create(year=YEAR, agency=agency_a, award=giay_khen, places=1)
    first, second = (_nomination(agency_a, giay_khen, PersonFactory(agency=agency_a)) for _ in range(2))
    client = client_for(staff_a)
    client.post(reverse("emulation:nomination_submit", args=[first.pk]))
    response = client.post(reverse("emulation:nomination_submit", args=[second.pk]), follow=True)
    assert "đã hết chỉ tiêu Giấy khen" in response.content.decode()
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses == {first.pk: NominationStatus.SUBMITTED, second.pk: NominationStatus.DRAFT}
    # Withdrawn, its place is free again for the other.
    client.post(reverse("emulation:nomination_withdraw", args=[first.pk]))
    client.post(reverse("emulation:nomination_submit", args=[second.pk]))
    assert Nomination.objects.get(pk=second.pk).status == NominationStatus.SUBMITTED


def test_without_a_quota_nothing_can_be_submitted(client_for, staff_a, agency_a, giay_khen):
    nomination = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
    response = client_for(staff_a).post(
        reverse("emulation:nomination_submit", args=[nomination.pk]), follow=True
    )
    assert "chưa được phân bổ chỉ tiêu" in response.content.decode()
    assert Nomination.objects.get().status == NominationStatus.DRAFT


def test_a_handled_violation_bars_the_person_and_home_affairs_may_override_it(
    client_for, staff_a, admin_user, agency_a, giay_khen
):
    Quota.objects.create(year=YEAR, agency=agency_a, award=giay_khen, places=3)
    person = PersonFactory(agency=agency_a, full_name="Trần Văn Vi")
    violation = _handled_violation(agency_a, person)
    nomination = _nomination(agency_a, giay_khen, person)
    client = client_for(staff_a)
    page = client.get(nomination.get_absolute_url())
    assert page.context["barred"] == [violation]
    response = client.post(reverse("emulation:nomination_submit", args=[nomination.pk]), follow=True)
    text = response.content.decode()
    assert "Trần Văn Vi không được đề nghị khen thưởng" in text and violation.category.name in text
    assert Nomination.objects.get().status == NominationStatus.DRAFT
    # Agency staff cannot set the bar aside; Home Affairs can, with a reason kept in the history.
    assert (
        client.post(
            reverse("emulation:nomination_override", args=[nomination.pk]), {"reason": "x"}
        ).status_code
        == 403
    )
    reason = "Vi phạm đã được khắc phục trước khi xét; Hội đồng đồng ý cho đề nghị"
    client_for(admin_user).post(
        reverse("emulation:nomination_override", args=[nomination.pk]), {"reason": reason}
    )
    nomination.refresh_from_db()
    assert nomination.violation_override == reason
    assert history_rows(nomination)[0]["reason"] == reason
    client_for(staff_a).post(reverse("emulation:nomination_submit", args=[nomination.pk]))
    assert Nomination.objects.get().status == NominationStatus.SUBMITTED


def test_an_agency_violation_bars_its_collectives_not_its_people(agency_a, giay_khen, staff_a):
    from emulation.selectors.violations import blocking_violations

    _handled_violation(agency_a)
    collective = _nomination(agency_a, giay_khen)
    individual = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
    assert blocking_violations(collective).count() == 1
    assert blocking_violations(individual).count() == 0


def test_a_violation_handled_last_year_does_not_bar_this_year(agency_a, giay_khen):
    from emulation.selectors.violations import blocking_violations

    person = PersonFactory(agency=agency_a)
    _handled_violation(agency_a, person, day=dt.date(YEAR - 1, 12, 30))
    assert blocking_violations(_nomination(agency_a, giay_khen, person)).count() == 0


def test_the_council_review_and_the_decision_cannot_precede_the_submission(
    client_for, admin_user, agency_a, giay_khen
):
    submitted_at = timezone.make_aware(dt.datetime(YEAR, 3, 10, 9, 0))
    nomination = _nomination(
        agency_a, giay_khen, PersonFactory(agency=agency_a), status="submitted", submitted_at=submitted_at
    )
    client = client_for(admin_user)
    early = client.post(
        reverse("emulation:nomination_review", args=[nomination.pk]),
        {"approved": "yes", "reviewed_on": f"01/03/{YEAR}"},
    )
    assert early.status_code == 400 and "trước ngày trình" in early.content.decode()
    no_reason = client.post(
        reverse("emulation:nomination_review", args=[nomination.pk]),
        {"approved": "no", "reviewed_on": f"20/03/{YEAR}", "reason": ""},
    )
    assert no_reason.status_code == 400 and "lý do" in no_reason.content.decode()
    client.post(
        reverse("emulation:nomination_review", args=[nomination.pk]),
        {"approved": "yes", "reviewed_on": f"20/03/{YEAR}"},
    )
    decision = {
        "decision_number": "12/QĐ-UBND",
        "decision_date": f"09/03/{YEAR}",
        "decision_issuer": "Chủ tịch",
    }
    refused = client.post(reverse("emulation:nomination_decide", args=[nomination.pk]), decision)
    assert refused.status_code == 400 and "không được trước ngày trình" in refused.content.decode()
    assert 'value="12/QĐ-UBND"' in refused.content.decode()
    client.post(
        reverse("emulation:nomination_decide", args=[nomination.pk]),
        {**decision, "decision_date": f"25/03/{YEAR}"},
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECIDED and nomination.decision_date == dt.date(YEAR, 3, 25)


def test_a_decided_commendation_prints_as_an_a4_landscape_pdf(client_for, staff_a, agency_a, giay_khen):
    from pypdf import PdfReader

    nomination = _nomination(
        agency_a,
        giay_khen,
        PersonFactory(agency=agency_a, full_name="Nguyễn Thị Khen"),
        status="decided",
        decision_number="125/QĐ-UBND",
        decision_date=dt.date(YEAR, 11, 20),
        decision_issuer="Chủ tịch UBND tỉnh Bắc Giang",
    )
    response = client_for(staff_a).get(reverse("emulation:nomination_certificate", args=[nomination.pk]))
    assert response["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = page.extract_text()
    assert "GIẤY KHEN" in text and "Nguyễn Thị Khen" in text and "125/QĐ-UBND" in text


def test_a_draft_prints_no_certificate(client_for, staff_a, agency_a, giay_khen):
    nomination = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
    response = client_for(staff_a).get(reverse("emulation:nomination_certificate", args=[nomination.pk]))
    assert response.status_code == 302


def test_dossier_files_are_checked_by_content(client_for, staff_a, agency_a, giay_khen):
    nomination = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
    client = client_for(staff_a)
    disguised = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00executable", content_type="application/pdf")
    refused = client.post(reverse("emulation:nomination_file_add", args=[nomination.pk]), {"file": disguised})
    assert refused.status_code == 400 and nomination.files.count() == 0
    good = SimpleUploadedFile("bao-cao-thanh-tich.pdf", PDF, content_type="application/pdf")
    client.post(reverse("emulation:nomination_file_add", args=[nomination.pk]), {"file": good})
    row = nomination.files.get()
    assert row.original_name == "bao-cao-thanh-tich.pdf" and "bao-cao" not in row.file.name
    assert client.get(reverse("emulation:nomination_file", args=[row.pk])).status_code == 200


def test_staff_of_another_agency_see_none_of_its_nominations_quotas_or_violations(
    client_for, staff_b, agency_a, giay_khen
):
    quota = Quota.objects.create(year=YEAR, agency=agency_a, award=giay_khen, places=1)
    nomination = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
    violation = _handled_violation(agency_a)
    client = client_for(staff_b)
    assert client.get(nomination.get_absolute_url()).status_code == 404
    assert client.post(reverse("emulation:nomination_submit", args=[nomination.pk])).status_code == 404
    assert client.get(violation.get_absolute_url()).status_code == 404
    assert client.get(reverse("emulation:nomination_list")).context["page_obj"].paginator.count == 0
    assert client.get(reverse("emulation:violation_list")).context["page_obj"].paginator.count == 0
    assert quota.pk not in [row.pk for row in client.get(reverse("emulation:quota_list")).context["page_obj"]]


# Violations.


def test_a_violation_handled_needs_its_handling_and_date(client_for, staff_a, agency_a):
    data = {
        "found_on": f"02/02/{YEAR}",
        "category": ViolationCategory.objects.first().pk,
        "detection": "board",
        "description": "Không niêm yết kết quả thanh tra",
        "status": "handled",
        "decision_number": "",
        "decision_date": f"01/02/{YEAR}",
    }
    response = client_for(staff_a).post(reverse("emulation:violation_create"), data)
    errors = response.context["form"].errors
    assert Violation.objects.count() == 0
    assert "handling" in errors and "decision_date" in errors
    assert "Không niêm yết kết quả thanh tra" in response.content.decode()
    data |= {"handling": Handling.objects.first().pk, "decision_date": f"03/02/{YEAR}"}
    client_for(staff_a).post(reverse("emulation:violation_create"), data)
    assert Violation.objects.get().agency == agency_a


# Query counts.


def _grow(count, agency, award, campaign):
    for _ in range(count):
        person = PersonFactory(agency=agency)
        _nomination(agency, award, person)
        _handled_violation(agency, person)
        Exemplar.objects.create(
            agency=agency,
            year=YEAR,
            kind="individual",
            person=person,
            title="Mô hình",
            description="x",
            achievements="x",
        )


@pytest.mark.parametrize("persona", ["admin_user", "staff_a"])
@pytest.mark.parametrize(
    "url_name",
    [
        "emulation:nomination_list",
        "emulation:violation_list",
        "emulation:exemplar_list",
        "emulation:quota_list",
        "emulation:pledge_list",
        "emulation:campaign_list",
    ],
)
def test_lists_cost_the_same_queries_for_2_and_20_rows(
    persona, url_name, request, client, agency_a, agency_b, giay_khen, campaign, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(request.getfixturevalue(persona))
    counts = []
    for size in (2, 18):
        _grow(size, agency_a, giay_khen, campaign)
        Quota.objects.get_or_create(
            year=YEAR - size, agency=agency_a, award=giay_khen, defaults={"places": 3}
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_public_models_and_the_pledge_matrix_cost_the_same_queries(
    client, client_for, admin_user, agency_a, giay_khen, campaign
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AgencyFactory

    counts = {"portal": [], "matrix": []}
    for size in (2, 12):
        for _ in range(size):
            agency = AgencyFactory()
            Pledge.objects.create(campaign=campaign, agency=agency, collective_targets="x", status="sent")
            exemplar = Exemplar.objects.create(
                agency=agency,
                year=YEAR,
                kind="collective",
                title="Mô hình",
                description="x",
                achievements="x",
                status="recognised",
                recognised_on=dt.date(YEAR, 5, 1),
            )
            exemplar.photos.create(image=SimpleUploadedFile("a.png", PNG))
        client.logout()
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("public_exemplars:list"))
        counts["portal"].append(len(queries))
        client.force_login(admin_user)
        with CaptureQueriesContext(connection) as queries:
            client.get(campaign.get_absolute_url())
        counts["matrix"].append(len(queries))
    assert counts["portal"][0] == counts["portal"][1]
    assert counts["matrix"][0] == counts["matrix"][1]


def test_submitting_costs_the_same_queries_whatever_the_quota_has_held(agency_a, giay_khen, staff_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from emulation.services.nominations import nomination_submit

    Quota.objects.create(year=YEAR, agency=agency_a, award=giay_khen, places=100)
    counts = []
    for held in (1, 30):
        for _ in range(held):
            _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a), status="submitted")
        draft = _nomination(agency_a, giay_khen, PersonFactory(agency=agency_a))
        with CaptureQueriesContext(connection) as queries:
            nomination_submit(nomination=draft, actor=staff_a)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 16


def test_clearing_the_signed_pledge_keeps_the_pledge(client_for, staff_a, agency_a, campaign):
    pledge = Pledge.objects.create(
        campaign=campaign,
        agency=agency_a,
        collective_targets="x",
        file=SimpleUploadedFile("dang-ky.pdf", PDF),
    )
    data = _pledge_data(campaign, **{"file-clear": "on"})
    response = client_for(staff_a).post(reverse("emulation:pledge_update", args=[pledge.pk]), data)
    pledge.refresh_from_db()
    assert response.status_code == 302 and not pledge.file
