"""Yearly dissemination plans (Art. 1 §2b): who sees and changes which plan, the plan's rules, the pages,
and Home Affairs' compliance matrix with its export."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from dancoso.core.uploads import MB
from dancoso.periods import Period
from propaganda import exports
from propaganda.models import DisseminationPlan, PlanActivity, PlanStatus
from propaganda.selectors.plans import compliance, compliance_totals
from propaganda.services import plans as services
from tests.factories import AgencyFactory, RetiredAgencyFactory
from tests.propaganda.factories import (
    PDF,
    ApprovedPlanFactory,
    DisseminationPlanFactory,
    PlanActivityFactory,
    PostingFactory,
    channel,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
PERIOD = Period(YEAR)
LIST_URL = reverse("propaganda:plan_list")
CREATE_URL = reverse("propaganda:plan_create")
MATRIX_URL = reverse("propaganda:compliance")
TITLE = "Kế hoạch tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2026"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _vi(text_id: str, **params) -> str:
    """A message as the pages say it: in the interface language, whatever translations are compiled."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _(text_id)
        return message % params if params else message


def _pdf(name: str = "quyet-dinh.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _plan_form(**changes) -> dict:
    data = {
        "year": str(YEAR),
        "title": TITLE,
        "topics": ["rules", "citizens"],
        "decision_number": "",
        "decision_date": "",
        "notes": "",
    }
    data.update(changes)
    return data


def _activity_form(**changes) -> dict:
    data = {
        "form": "conference",
        "title": "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở cho cán bộ, công chức",
        "planned_date": "15/03/2026",
        "audience": "staff",
        "planned_audience": "80",
    }
    data.update(changes)
    return data


def _result_form(**changes) -> dict:
    data = {"held_on": "20/03/2026", "participants": "75", "result": "Quán triệt đầy đủ nội dung Luật"}
    data.update(changes)
    return data


def _url(name: str, row) -> str:
    return reverse(f"propaganda:{name}", args=[row.pk])


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _plan_with_files(agency) -> DisseminationPlan:
    """An approved plan with its approving document stored and one held activity with its minutes."""
    plan = ApprovedPlanFactory(agency=agency)
    plan.decision_file.save("quyet-dinh.pdf", ContentFile(PDF), save=True)
    activity = PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=50)
    activity.evidence.save("bien-ban.pdf", ContentFile(PDF), save=True)
    return plan


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


# Scoping: each agency's staff see and change their own agency's plans only.

PLAN_PAGES = ["plan_detail", "plan_update", "plan_file", "activity_create"]
ACTIVITY_PAGES = ["activity_update", "activity_done", "activity_evidence"]


@pytest.mark.parametrize("name", PLAN_PAGES + ACTIVITY_PAGES)
def test_staff_of_another_agency_get_404_for_a_plan_page_by_link_or_guessed_id(
    name, client_for, staff_b, agency_a
):
    plan = _plan_with_files(agency_a)
    row = plan if name in PLAN_PAGES else plan.activities.get()
    client = client_for(staff_b)
    assert client.get(_url(name, row)).status_code == 404
    missing = type(row)(pk=row.pk + 1000)
    assert client.get(_url(name, missing)).status_code == 404


def test_staff_cannot_edit_other_agency_plan(client_for, staff_b, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    response = client_for(staff_b).post(_url("plan_update", plan), _plan_form(title="Đã bị sửa"))
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.title != "Đã bị sửa"
    assert plan.history.count() == 1


def test_staff_cannot_change_the_status_of_other_agency_plan(client_for, staff_b, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=50)
    response = client_for(staff_b).post(_url("plan_status", plan), {"status": PlanStatus.DONE})
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_staff_cannot_add_activities_to_other_agency_plan(client_for, staff_b, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    response = client_for(staff_b).post(_url("activity_create", plan), _activity_form())
    assert response.status_code == 404
    assert PlanActivity.objects.count() == 0


def test_staff_cannot_change_or_record_results_on_other_agency_activity(client_for, staff_b, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    client = client_for(staff_b)
    assert client.post(_url("activity_update", activity), _activity_form(title="Sửa")).status_code == 404
    assert client.post(_url("activity_done", activity), _result_form()).status_code == 404
    activity.refresh_from_db()
    assert activity.title != "Sửa"
    assert activity.held_on is None and activity.participants is None
    assert activity.history.count() == 1


def test_services_refuse_staff_of_another_agency(staff_b, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    activity = PlanActivityFactory(plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_save(actor=staff_b, plan=plan, title="Đã bị sửa")
    with pytest.raises(PermissionDenied):
        services.plan_status_set(plan=plan, status=PlanStatus.DRAFT, actor=staff_b)
    with pytest.raises(PermissionDenied):
        services.activity_save(actor=staff_b, plan=plan, **_activity_fields())
    with pytest.raises(PermissionDenied):
        services.activity_record(
            actor=staff_b, activity=activity, held_on=dt.date(YEAR, 3, 1), participants=9
        )
    with pytest.raises(PermissionDenied):
        services.plan_save(actor=staff_b, agency=agency_a, year=YEAR + 1, title=TITLE, topics=["rules"])
    assert DisseminationPlan.objects.count() == 1
    assert PlanActivity.objects.count() == 1


def test_staff_see_only_their_agency_plans(client_for, staff_b, agency_a, agency_b):
    DisseminationPlanFactory(agency=agency_a, title="Kế hoạch của Sở Tư pháp")
    DisseminationPlanFactory(agency=agency_b, title="Kế hoạch của Sở Y tế")
    client = client_for(staff_b)
    assert [plan.title for plan in client.get(LIST_URL).context["page_obj"]] == ["Kế hoạch của Sở Y tế"]
    # The export too, whatever agency the query string names.
    response = client.get(LIST_URL, {"export": "xlsx", "agency": agency_a.pk})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[2] for row in rows[1:]] == ["Kế hoạch của Sở Y tế"]


def test_plan_list_counts_activities_planned_and_held(client_for, admin_user, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    PlanActivityFactory.create_batch(2, plan=plan)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=40)
    DisseminationPlanFactory(agency=agency_a, year=YEAR - 1)
    page = client_for(admin_user).get(LIST_URL, {"year": YEAR}).context["page_obj"]
    assert [(row.pk, row.planned, row.held) for row in page] == [(plan.pk, 3, 1)]


def test_leader_reads_plans_and_the_matrix_but_cannot_write(client_for, leader_user, agency_a):
    plan = _plan_with_files(agency_a)
    activity = plan.activities.get()
    client = client_for(leader_user)
    assert plan in client.get(LIST_URL).context["page_obj"]
    assert client.get(_url("plan_detail", plan)).context["can_write"] is False
    assert _body(client.get(_url("plan_file", plan))) == PDF
    assert _body(client.get(_url("activity_evidence", activity))) == PDF
    assert client.get(MATRIX_URL, {"year": YEAR}).status_code == 200
    for url in (CREATE_URL, _url("plan_update", plan), _url("activity_create", plan)):
        assert client.get(url).status_code == 403, url
    for url in (_url("activity_update", activity), _url("activity_done", activity)):
        assert client.get(url).status_code == 403, url
    assert client.post(CREATE_URL, _plan_form(agency=agency_a.pk, year=YEAR + 1)).status_code == 403
    assert client.post(_url("plan_status", plan), {"status": PlanStatus.DRAFT}).status_code == 403
    assert client.post(_url("activity_create", plan), _activity_form()).status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert (DisseminationPlan.objects.count(), PlanActivity.objects.count()) == (1, 1)


def test_staff_get_403_on_the_compliance_matrix(client_for, staff_a):
    client = client_for(staff_a)
    assert client.get(MATRIX_URL).status_code == 403
    assert client.get(MATRIX_URL, {"export": "xlsx"}).status_code == 403


def test_council_viewers_and_visitors_do_not_see_plans(client_for, council_user, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    client = client_for(council_user)
    for url in (LIST_URL, _url("plan_detail", plan), MATRIX_URL):
        assert client.get(url).status_code == 403, url
    anonymous = client_for(None)
    for url in (LIST_URL, _url("plan_detail", plan), MATRIX_URL, CREATE_URL):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            resolve_url(settings.LOGIN_URL)
        ), url


def test_staff_creating_a_plan_get_their_own_agency(client_for, staff_a, agency_a, agency_b):
    response = client_for(staff_a).post(CREATE_URL, _plan_form(agency=agency_b.pk))
    plan = DisseminationPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.agency, plan.year, plan.status, plan.created_by) == (agency_a, YEAR, "draft", staff_a)
    assert plan.topics == ["rules", "citizens"]


def test_home_affairs_creates_a_plan_for_any_agency(client_for, admin_user, agency_b):
    response = client_for(admin_user).post(CREATE_URL, _plan_form(agency=agency_b.pk))
    assert response.status_code == 302
    assert DisseminationPlan.objects.get().agency == agency_b


def test_the_year_and_agency_of_a_plan_cannot_be_changed(client_for, admin_user, agency_a, agency_b):
    plan = DisseminationPlanFactory(agency=agency_a)
    data = _plan_form(agency=agency_b.pk, year=YEAR + 1, title="Tên mới")
    assert client_for(admin_user).post(_url("plan_update", plan), data).status_code == 302
    plan.refresh_from_db()
    assert (plan.agency, plan.year, plan.title) == (agency_a, YEAR, "Tên mới")


# The plan's rules.


def test_a_second_plan_of_an_agency_for_a_year_is_refused(client_for, staff_a, agency_a):
    DisseminationPlanFactory(agency=agency_a, title="Kế hoạch đã có")
    response = client_for(staff_a).post(CREATE_URL, _plan_form(title="Kế hoạch gõ lại lần hai"))
    assert response.status_code == 200
    message = _vi("%(agency)s already has a dissemination plan for %(year)s.", agency=agency_a, year=YEAR)
    assert response.context["form"].non_field_errors() == [message]
    assert str(agency_a) in message
    assert "Kế hoạch gõ lại lần hai" in response.content.decode()
    assert list(DisseminationPlan.objects.values_list("title", flat=True)) == ["Kế hoạch đã có"]


def test_an_approved_plan_keeps_its_approving_document(client_for, staff_a, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a, decision_number="15/KH-STP")
    data = _plan_form(title="Tên đã sửa", decision_number="", decision_date="05/01/2026")
    response = client_for(staff_a).post(_url("plan_update", plan), data)
    assert response.status_code == 200
    message = _vi("An approved plan keeps the number and date of its approving document.")
    assert response.context["form"].non_field_errors() == [message]
    assert "Tên đã sửa" in response.content.decode()
    plan.refresh_from_db()
    assert plan.title != "Tên đã sửa"
    assert plan.decision_number == "15/KH-STP"


def test_a_plan_for_another_year_is_accepted(client_for, staff_a, agency_a):
    DisseminationPlanFactory(agency=agency_a, year=YEAR - 1)
    assert client_for(staff_a).post(CREATE_URL, _plan_form()).status_code == 302
    assert sorted(DisseminationPlan.objects.values_list("year", flat=True)) == [YEAR - 1, YEAR]


def test_the_service_refuses_a_second_plan_naming_the_agency(staff_a, agency_a):
    DisseminationPlanFactory(agency=agency_a)
    with pytest.raises(ValidationError) as refused:
        services.plan_save(actor=staff_a, agency=agency_a, year=YEAR, title=TITLE, topics=["rules"])
    expected = _("%(agency)s already has a dissemination plan for %(year)s.")
    assert refused.value.messages == [expected % {"agency": agency_a, "year": YEAR}]


def test_approving_needs_the_approving_document(staff_a, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=staff_a)
    assert refused.value.messages == [_("Record the number and date of the approving document first.")]
    plan.decision_number = "15/KH-STP"
    with pytest.raises(ValidationError):
        services.plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=staff_a)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_approving_needs_an_activity(staff_a, agency_a):
    plan = DisseminationPlanFactory(
        agency=agency_a, decision_number="15/KH-STP", decision_date=dt.date(YEAR, 1, 5)
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=staff_a)
    assert refused.value.messages == [_("Plan at least one activity first.")]
    PlanActivityFactory(plan=plan)
    services.plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=staff_a)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_a_refused_approval_through_the_page_says_why(client_for, staff_a, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan)
    response = client_for(staff_a).post(_url("plan_status", plan), {"status": PlanStatus.APPROVED})
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert _messages(response) == [_vi("Record the number and date of the approving document first.")]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_done_needs_every_activity_held(staff_a, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=40)
    pending = PlanActivityFactory.create_batch(2, plan=plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_status_set(plan=plan, status=PlanStatus.DONE, actor=staff_a)
    expected = _("%(count)s activities have not been recorded as held yet.") % {"count": 2}
    assert refused.value.messages == [expected]
    for activity in pending:
        services.activity_record(
            actor=staff_a, activity=activity, held_on=dt.date(YEAR, 4, 1), participants=20
        )
    services.plan_status_set(plan=plan, status=PlanStatus.DONE, actor=staff_a)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DONE


@pytest.mark.parametrize("start", [PlanStatus.APPROVED, PlanStatus.DONE])
def test_a_plan_can_go_back_to_draft(start, staff_a, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a, status=start)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=40)
    services.plan_status_set(plan=plan, status=PlanStatus.DRAFT, actor=staff_a)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_an_unknown_status_is_refused(client_for, staff_a, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan)
    response = client_for(staff_a).post(_url("plan_status", plan), {"status": "archived"})
    assert response.status_code == 302
    assert _messages(response) == [_vi("Unknown status.")]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED


def test_the_status_page_takes_only_posts(client_for, staff_a, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    assert client_for(staff_a).get(_url("plan_status", plan)).status_code == 405


def _activity_fields(**changes):
    fields = {
        "form": "talk",
        "title": "Nói chuyện chuyên đề về dân chủ ở cơ sở",
        "planned_date": dt.date(YEAR, 5, 10),
        "audience": "staff",
        "planned_audience": 30,
    }
    fields.update(changes)
    return fields


@pytest.mark.parametrize("day", ["31/12/2025", "01/01/2027"])
def test_a_planned_date_outside_the_plan_year_is_refused(day, client_for, staff_a, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    data = _activity_form(planned_date=day, title="Hội nghị gõ sai ngày")
    response = client_for(staff_a).post(_url("activity_create", plan), data)
    assert response.status_code == 200
    message = _vi("The planned date must fall in %(year)s, the plan's year.", year=YEAR)
    assert response.context["form"].errors["planned_date"] == [message]
    assert 'value="Hội nghị gõ sai ngày"' in response.content.decode()
    assert PlanActivity.objects.count() == 0


def test_the_service_refuses_a_planned_date_outside_the_year(staff_a, agency_a):
    plan = DisseminationPlanFactory(agency=agency_a)
    with pytest.raises(ValidationError) as refused:
        services.activity_save(
            actor=staff_a, plan=plan, **_activity_fields(planned_date=dt.date(YEAR + 1, 1, 2))
        )
    assert list(refused.value.message_dict) == ["planned_date"]


def test_recording_an_activity_held_in_the_future_is_refused(client_for, staff_a, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client_for(staff_a).post(
        _url("activity_done", activity), _result_form(held_on=f"{tomorrow:%d/%m/%Y}")
    )
    assert response.status_code == 200
    message = _vi("An activity cannot be recorded as held on a future day.")
    assert response.context["form"].errors["held_on"] == [message]
    assert 'value="75"' in response.content.decode()
    activity.refresh_from_db()
    assert activity.held_on is None
    with pytest.raises(ValidationError) as refused:
        services.activity_record(actor=staff_a, activity=activity, held_on=tomorrow, participants=10)
    assert list(refused.value.message_dict) == ["held_on"]


def test_recording_an_activity_held_today_is_accepted(staff_a, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    services.activity_record(actor=staff_a, activity=activity, held_on=timezone.localdate(), participants=10)
    activity.refresh_from_db()
    assert activity.is_done


def test_an_activity_held_without_participants_is_refused(client_for, staff_a, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    with pytest.raises(ValidationError) as refused:
        services.activity_record(
            actor=staff_a, activity=activity, held_on=dt.date(YEAR, 3, 1), participants=None
        )
    assert refused.value.message_dict == {"participants": [_("Enter how many people took part.")]}
    response = client_for(staff_a).post(_url("activity_done", activity), _result_form(participants=""))
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    activity.refresh_from_db()
    assert (activity.held_on, activity.participants) == (None, None)


def test_an_evidence_pdf_that_is_not_a_pdf_is_refused(client_for, staff_a, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    data = _result_form(evidence=_pdf("bien-ban.pdf", b"MZ\x90\x00 not a pdf at all"))
    response = client_for(staff_a).post(_url("activity_done", activity), data)
    assert response.status_code == 200
    message = _vi("The file's content is not a %(kind)s file.", kind="PDF")
    assert response.context["form"].errors["evidence"] == [message]
    activity.refresh_from_db()
    assert activity.held_on is None and not activity.evidence


def test_the_service_refuses_evidence_of_the_wrong_kind(staff_a, agency_a):
    activity = PlanActivityFactory(plan=ApprovedPlanFactory(agency=agency_a))
    upload = _pdf("bien-ban.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationError):
        services.activity_record(
            actor=staff_a, activity=activity, held_on=dt.date(YEAR, 3, 1), participants=9, evidence=upload
        )
    activity.refresh_from_db()
    assert not activity.evidence


def test_a_decision_file_over_20_mb_is_refused(client_for, staff_a):
    big = _pdf("quyet-dinh.pdf", PDF + b"\x00" * (20 * MB + 1 - len(PDF)))
    data = _plan_form(decision_number="15/KH-STP", decision_date="05/01/2026", decision_file=big)
    response = client_for(staff_a).post(CREATE_URL, data)
    assert response.status_code == 200
    message = _vi("The file is larger than %(limit)s.", limit="20 MB")
    assert response.context["form"].errors["decision_file"] == [message]
    assert TITLE in response.content.decode()
    assert DisseminationPlan.objects.count() == 0


def test_the_service_refuses_a_decision_file_of_the_wrong_kind(staff_a, agency_a):
    upload = _pdf("quyet-dinh.pdf", b"not a pdf")
    with pytest.raises(ValidationError):
        services.plan_save(
            actor=staff_a, agency=agency_a, year=YEAR, title=TITLE, topics=["rules"], decision_file=upload
        )
    assert DisseminationPlan.objects.count() == 0


def test_every_change_records_history_with_the_acting_user(staff_a, admin_user, agency_a):
    plan = services.plan_save(actor=staff_a, agency=agency_a, year=YEAR, title=TITLE, topics=["rules"])
    assert (plan.history.count(), plan.history.first().history_user) == (1, staff_a)
    services.plan_save(
        actor=admin_user, plan=plan, decision_number="15/KH-STP", decision_date=dt.date(YEAR, 1, 5)
    )
    assert (plan.history.count(), plan.history.first().history_user) == (2, admin_user)
    activity = services.activity_save(actor=staff_a, plan=plan, **_activity_fields())
    assert (activity.history.count(), activity.history.first().history_user) == (1, staff_a)
    services.plan_status_set(plan=plan, status=PlanStatus.APPROVED, actor=staff_a)
    assert (plan.history.count(), plan.history.first().history_user) == (3, staff_a)
    services.activity_save(actor=admin_user, plan=plan, activity=activity, title="Nội dung đã sửa")
    services.activity_record(actor=staff_a, activity=activity, held_on=dt.date(YEAR, 5, 10), participants=28)
    assert [row.history_user for row in activity.history.all()] == [staff_a, admin_user, staff_a]
    services.plan_status_set(plan=plan, status=PlanStatus.DONE, actor=admin_user)
    assert [row.status for row in plan.history.all()] == ["done", "approved", "draft", "draft"]
    assert plan.history.first().history_user == admin_user


# The pages, from a new plan to a finished one.


def test_staff_take_a_plan_from_creation_to_done(client_for, staff_a, agency_a, tmp_path):
    client = client_for(staff_a)
    data = _plan_form(decision_number="15/KH-STP", decision_date="05/01/2026", decision_file=_pdf())
    response = client.post(CREATE_URL, data)
    plan = DisseminationPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.decision_file.name.startswith(f"propaganda/plans/{agency_a.pk}/")
    assert (tmp_path / plan.decision_file.name).read_bytes() == PDF

    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200 and page.context["can_write"] is True
    assert TITLE in page.content.decode()

    assert client.post(_url("activity_create", plan), _activity_form()).status_code == 302
    activity = plan.activities.get()
    assert (activity.planned_date, activity.planned_audience) == (dt.date(YEAR, 3, 15), 80)

    assert client.post(_url("plan_status", plan), {"status": PlanStatus.APPROVED}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED

    response = client.post(_url("activity_done", activity), _result_form(evidence=_pdf("bien-ban.pdf")))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    activity.refresh_from_db()
    assert (activity.held_on, activity.participants) == (dt.date(YEAR, 3, 20), 75)
    assert activity.evidence.name.startswith("propaganda/evidence/")
    assert (tmp_path / activity.evidence.name).read_bytes() == PDF
    assert _body(client.get(_url("activity_evidence", activity))) == PDF

    assert client.post(_url("plan_status", plan), {"status": PlanStatus.DONE}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DONE
    assert plan.history.count() == 3
    assert client.get(plan.get_absolute_url()).context["history"]


def test_staff_edit_a_planned_activity(client_for, staff_a, agency_a):
    activity = PlanActivityFactory(plan=DisseminationPlanFactory(agency=agency_a))
    data = _activity_form(title="Hội nghị đã dời ngày", planned_date="10/06/2026")
    assert client_for(staff_a).post(_url("activity_update", activity), data).status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.planned_date) == ("Hội nghị đã dời ngày", dt.date(YEAR, 6, 10))
    assert activity.history.first().history_user == staff_a


def test_the_plan_file_is_served_to_its_agency_only(client_for, staff_a, staff_b, agency_a):
    plan = _plan_with_files(agency_a)
    response = client_for(staff_a).get(_url("plan_file", plan))
    assert response.status_code == 200 and _body(response) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert client_for(staff_b).get(_url("plan_file", plan)).status_code == 404


def test_a_plan_without_a_file_has_nothing_to_download(client_for, staff_a, agency_a):
    plan = ApprovedPlanFactory(agency=agency_a)
    assert client_for(staff_a).get(_url("plan_file", plan)).status_code == 404


# The compliance matrix: every active agency × what it did for the year.


@pytest.fixture
def year_of_work(home_affairs, agency_a, agency_b):
    """Sở Tư pháp has an approved plan and worked; Sở Y tế has a draft; Home Affairs nothing."""
    done_agency = AgencyFactory(name="Sở Xây dựng tỉnh Bắc Giang", short_name="Sở Xây dựng")
    RetiredAgencyFactory(name="Sở đã giải thể")
    plan = ApprovedPlanFactory(agency=agency_a)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=40)
    PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 6, 1), participants=35)
    PlanActivityFactory(plan=plan)
    # Last year's plan counts in last year's matrix only.
    old = ApprovedPlanFactory(agency=agency_a, year=YEAR - 1, decision_date=dt.date(YEAR - 1, 1, 5))
    PlanActivityFactory(
        plan=old, planned_date=dt.date(YEAR - 1, 3, 1), held_on=dt.date(YEAR - 1, 3, 1), participants=99
    )
    PlanActivityFactory(plan=DisseminationPlanFactory(agency=agency_b))
    finished = ApprovedPlanFactory(agency=done_agency, status=PlanStatus.DONE)
    PlanActivityFactory(plan=finished, held_on=dt.date(YEAR, 2, 1), participants=12)
    website = channel("agency_website")
    for day in (PERIOD.start, dt.date(YEAR, 4, 2), PERIOD.end):
        PostingFactory(agency=agency_a, channel=website, posted_on=day)
    # Just outside the period, on either side.
    for day in (PERIOD.start - dt.timedelta(days=1), PERIOD.end + dt.timedelta(days=1)):
        PostingFactory(agency=agency_a, channel=website, posted_on=day)
    PostingFactory(agency=agency_a, channel=channel("zalo"), posted_on=dt.date(YEAR, 5, 1), audience=120)
    PostingFactory(agency=agency_b, channel=channel("facebook"), posted_on=dt.date(YEAR, 5, 1), audience=300)
    return {"done": done_agency, "plan": plan}


def _matrix(year=YEAR, **filters):
    return {
        row.pk: (row.plan_status, row.has_plan, row.planned, row.held, row.participants, row.website_postings,
                 row.postings_count)
        for row in compliance(year, filters=filters)
    }  # fmt: skip


def test_the_matrix_lists_agencies_without_an_approved_plan_first(
    year_of_work, home_affairs, agency_a, agency_b
):
    order = [row.pk for row in compliance(YEAR)]
    without = sorted([home_affairs, agency_b], key=lambda agency: (agency.display_order, agency.name))
    with_plan = sorted(
        [agency_a, year_of_work["done"]], key=lambda agency: (agency.display_order, agency.name)
    )
    assert order == [agency.pk for agency in without + with_plan]


def test_the_matrix_counts_the_year_activities_and_the_period_postings(
    year_of_work, home_affairs, agency_a, agency_b
):
    assert _matrix() == {
        home_affairs.pk: ("", 0, 0, 0, 0, 0, 0),
        agency_b.pk: ("draft", 0, 1, 0, 0, 0, 1),
        agency_a.pk: ("approved", 1, 3, 2, 75, 3, 4),
        year_of_work["done"].pk: ("done", 1, 1, 1, 12, 0, 0),
    }


def test_the_matrix_of_last_year_counts_last_year_plan(year_of_work, agency_a):
    # The posting of 14 Dec of last year falls in last year's period; the period's last day is 14 Dec.
    assert _matrix(YEAR - 1)[agency_a.pk] == ("approved", 1, 1, 1, 99, 1, 1)


def test_the_matrix_filters_agencies_without_an_approved_plan(
    year_of_work, home_affairs, agency_b, admin_user, client_for
):
    assert set(_matrix(without_plan=True)) == {home_affairs.pk, agency_b.pk}
    assert set(_matrix(q="Xây dựng")) == {year_of_work["done"].pk}
    response = client_for(admin_user).get(MATRIX_URL, {"year": YEAR, "without_plan": "on"})
    assert [row.pk for row in response.context["page_obj"]] == [
        row.pk for row in compliance(YEAR, filters={"without_plan": True})
    ]
    assert response.context["totals"] == {"agencies": 4, "with_plan": 2}


def test_compliance_totals_count_active_agencies_with_an_approved_plan(year_of_work):
    assert compliance_totals(YEAR) == {"agencies": 4, "with_plan": 2}
    assert compliance_totals(YEAR - 1) == {"agencies": 4, "with_plan": 1}
    assert compliance_totals(YEAR + 1) == {"agencies": 4, "with_plan": 0}


def test_the_matrix_page_shows_every_active_agency(year_of_work, client_for, admin_user, leader_user):
    for user in (admin_user, leader_user):
        response = client_for(user).get(MATRIX_URL, {"year": YEAR})
        assert response.status_code == 200
        assert response.context["year"] == YEAR
        assert len(response.context["page_obj"].rows) == 4
        assert "Sở đã giải thể" not in response.content.decode()


def test_the_matrix_export_opens_with_one_row_per_active_agency(
    year_of_work, client_for, admin_user, agency_a, home_affairs
):
    response = client_for(admin_user).get(MATRIX_URL, {"year": YEAR, "export": "xlsx"})
    assert response.status_code == 200
    assert f"tinh-hinh-pbgdpl-{YEAR}.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    with translation.override(settings.LANGUAGE_CODE):
        headers = [str(column.header) for column in exports.compliance_columns()]
        approved, no_plan = str(PlanStatus.APPROVED.label), _("No plan")
    assert list(rows[0]) == headers
    assert len(rows) == 1 + 4
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name[agency_a.name] == (approved, "x", 3, 2, 75, 3, 4)
    assert by_name[home_affairs.name] == (no_plan, None, 0, 0, 0, 0, 0)
    assert [row[0] for row in rows[1:]] == [row.name for row in compliance(YEAR)]


def test_the_matrix_runs_the_same_queries_for_3_and_30_agencies(client_for, admin_user):
    client = client_for(admin_user)
    counts = []
    for size in (3, 30):
        for agency in AgencyFactory.create_batch(size):
            plan = ApprovedPlanFactory(agency=agency)
            PlanActivityFactory(plan=plan, held_on=dt.date(YEAR, 3, 15), participants=10)
            PostingFactory(agency=agency)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MATRIX_URL, {"year": YEAR}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_plan_list_runs_the_same_queries_for_2_and_20_plans(client_for, admin_user):
    client = client_for(admin_user)
    counts = []
    for size in (2, 20):
        for agency in AgencyFactory.create_batch(size):
            plan = ApprovedPlanFactory(agency=agency, year=YEAR if size == 2 else YEAR - 1)
            PlanActivityFactory.create_batch(2, plan=plan)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL)
        assert response.status_code == 200
        counts.append(len(queries))
    assert len(response.context["page_obj"]) == 22
    assert counts[0] == counts[1]


def test_the_plan_page_runs_the_same_queries_for_2_and_15_activities(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    counts = []
    for year, size in ((YEAR, 2), (YEAR + 1, 15)):
        plan = ApprovedPlanFactory(agency=agency_a, year=year)
        for n in range(size):
            activity = PlanActivityFactory(
                plan=plan, planned_date=dt.date(year, 3, 1), held_on=dt.date(YEAR, 3, 1) if n % 2 else None,
                participants=10 if n % 2 else None,
            )  # fmt: skip
            activity.evidence.save("bien-ban.pdf", ContentFile(PDF), save=True)
            PostingFactory(agency=agency_a, activity=activity)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(plan.get_absolute_url())
        assert response.status_code == 200
        assert len(response.context["plan"].activities.all()) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
