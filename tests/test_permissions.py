"""Walk every URL pattern of the project and check who may open it.

Every named URL must appear in ACCESS, so a new page cannot land without saying who may see it.
Anonymous visitors are sent to the login page unless the page is listed as public; each signed-in
persona gets the page only if ACCESS allows it, and 403 or 404 otherwise.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reporting.models import AnnualReport, ReportVersion
from tests.factories import (
    CertificateFactory,
    EnrolmentFactory,
    PersonFactory,
    SessionFactory,
    TrainingClassFactory,
)
from training.models import Material

PUBLIC = "public"
SIGNED_IN = frozenset({"admin", "leader", "council", "staff_a", "staff_b"})
RECORDS = frozenset({"admin", "leader", "staff_a", "staff_b"})
ADMIN = frozenset({"admin"})
# Pages about agency A's own records: its staff, Home Affairs, and leaders who read everything.
OWN_A_READ = frozenset({"admin", "leader", "staff_a"})
OWN_A_WRITE = frozenset({"admin", "staff_a"})
PEOPLE_WRITE = frozenset({"admin", "staff_a", "staff_b"})
# The yearly report: Home Affairs writes it; leaders and the People's Council read the submitted version.
REPORTS = frozenset({"admin", "leader", "council"})
READ_ALL = frozenset({"admin", "leader"})

ACCESS = {
    "portal:home": PUBLIC,
    "favicon": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "dashboard": SIGNED_IN,
    "figures_table": SIGNED_IN,
    "password_change": SIGNED_IN,
    "password_change_done": SIGNED_IN,
    "accounts:user_list": ADMIN,
    "accounts:user_detail": ADMIN,
    "accounts:user_create": ADMIN,
    "accounts:user_update": ADMIN,
    "accounts:user_set_password": ADMIN,
    "accounts:user_unlock": ADMIN,
    "agencies:province_update": ADMIN,
    "agencies:agency_list": RECORDS,
    "agencies:agency_detail": RECORDS,
    "agencies:agency_create": ADMIN,
    "agencies:agency_update": ADMIN,
    "agencies:agency_merge": ADMIN,
    "agencies:agency_retire": ADMIN,
    "agencies:agency_reactivate": ADMIN,
    "agencies:person_list": RECORDS,
    "agencies:person_detail": OWN_A_READ,
    "agencies:person_create": PEOPLE_WRITE,
    "agencies:person_update": OWN_A_WRITE,
    "agencies:person_import": PEOPLE_WRITE,
    "agencies:person_import_template": PEOPLE_WRITE,
    "training:class_list": RECORDS,
    "training:plan_list": RECORDS,
    "training:plan_create": ADMIN,
    "training:plan_detail": RECORDS,
    "training:plan_update": ADMIN,
    "training:class_create": ADMIN,
    "training:class_detail": RECORDS,
    "training:class_update": ADMIN,
    "training:material_upload": ADMIN,
    "training:material_download": RECORDS,
    "training:material_delete": ADMIN,
    "training:session_list": RECORDS,
    "training:session_generate": ADMIN,
    "training:session_update": ADMIN,
    "training:session_delete": ADMIN,
    "training:session_attendance": RECORDS,
    # POST-only pages answer 405 to a GET; who may post is tested in tests/training.
    "training:attendance_all_present": RECORDS,
    "training:attendance_mark": RECORDS,
    "training:attendance_sheet": RECORDS,
    "training:roster": RECORDS,
    "training:nominate": PEOPLE_WRITE,
    "training:roster_import": PEOPLE_WRITE,
    "training:roster_template": PEOPLE_WRITE,
    "training:enrolment_decide": ADMIN,
    "training:enrolment_withdraw": RECORDS,
    "training:certificate_issue": RECORDS,
    "training:certificate_detail": OWN_A_READ,
    "training:certificate_pdf": OWN_A_READ,
    "training:absentee_list": RECORDS,
    "training:coverage": RECORDS,
    "certificates:verify": PUBLIC,
    "reporting:report_list": REPORTS,
    "reporting:report_detail": REPORTS,
    "reporting:report_header": ADMIN,
    "reporting:report_narrative": ADMIN,
    "reporting:report_generate": ADMIN,
    "reporting:report_fill_drafts": ADMIN,
    "reporting:sentences": ADMIN,
    "reporting:version_detail": REPORTS,
    "reporting:version_progress": REPORTS,
    "reporting:version_retry": ADMIN,
    "reporting:version_submit": ADMIN,
    "reporting:version_publish": ADMIN,
    "reporting:version_download": REPORTS,
    "public_reports:list": PUBLIC,
    "public_reports:download": PUBLIC,
    "propaganda:document_list": RECORDS,
    "propaganda:document_create": ADMIN,
    "propaganda:document_detail": RECORDS,
    "propaganda:document_update": ADMIN,
    "propaganda:relation_add": ADMIN,
    "propaganda:attachment_add": ADMIN,
    "propaganda:document_publish": ADMIN,
    "propaganda:plan_list": RECORDS,
    "propaganda:plan_create": PEOPLE_WRITE,
    "propaganda:compliance": READ_ALL,
    "propaganda:plan_detail": OWN_A_READ,
    "propaganda:plan_update": OWN_A_WRITE,
    "propaganda:plan_status": OWN_A_WRITE,
    "propaganda:plan_file": OWN_A_READ,
    "propaganda:activity_create": OWN_A_WRITE,
    "propaganda:activity_update": OWN_A_WRITE,
    "propaganda:activity_done": OWN_A_WRITE,
    "propaganda:activity_evidence": OWN_A_READ,
    "propaganda:posting_list": RECORDS,
    "propaganda:posting_create": PEOPLE_WRITE,
    "propaganda:posting_import": PEOPLE_WRITE,
    "propaganda:posting_update": OWN_A_WRITE,
    "propaganda:posting_evidence": OWN_A_READ,
    "public_documents:list": PUBLIC,
    "public_documents:feed": PUBLIC,
    "public_documents:detail": PUBLIC,
    "public_documents:attachment": PUBLIC,
    "reference_index": ADMIN,
    "reference_list": ADMIN,
    "reference_create": ADMIN,
    "reference_update": ADMIN,
    "reference_delete": ADMIN,
    "calendar": ADMIN,
    "accountability:disclosure_list": RECORDS,
    "accountability:disclosure_create": PEOPLE_WRITE,
    "accountability:disclosure_matrix": READ_ALL,
    "accountability:disclosure_detail": OWN_A_READ,
    "accountability:disclosure_update": OWN_A_WRITE,
    "accountability:disclosure_file": OWN_A_READ,
    "accountability:consultation_list": RECORDS,
    "accountability:consultation_create": PEOPLE_WRITE,
    "accountability:consultation_detail": OWN_A_READ,
    "accountability:consultation_update": OWN_A_WRITE,
    "accountability:consultation_file": OWN_A_READ,
    "accountability:conference_list": RECORDS,
    "accountability:conference_create": PEOPLE_WRITE,
    "accountability:conference_matrix": READ_ALL,
    "accountability:conference_detail": OWN_A_READ,
    "accountability:conference_update": OWN_A_WRITE,
    "accountability:conference_minutes": OWN_A_READ,
    "accountability:resolution_create": OWN_A_WRITE,
    "accountability:resolution_update": OWN_A_WRITE,
    "accountability:board_list": RECORDS,
    "accountability:board_create": PEOPLE_WRITE,
    "accountability:board_detail": OWN_A_READ,
    "accountability:board_update": OWN_A_WRITE,
    "accountability:member_add": OWN_A_WRITE,
    "accountability:member_remove": OWN_A_WRITE,
    "accountability:supervision_create": OWN_A_WRITE,
    "accountability:supervision_update": OWN_A_WRITE,
    "accountability:supervision_file": OWN_A_READ,
    "accountability:petition_list": RECORDS,
    "accountability:petition_create": PEOPLE_WRITE,
    "accountability:petition_overdue": RECORDS,
    "accountability:petition_detail": OWN_A_READ,
    "accountability:petition_assign": ADMIN,
    "accountability:petition_forward": OWN_A_WRITE,
    "accountability:petition_start": OWN_A_WRITE,
    "accountability:petition_answer": OWN_A_WRITE,
    "accountability:petition_close": OWN_A_WRITE,
    "accountability:petition_reopen": OWN_A_WRITE,
    "accountability:petition_refuse": OWN_A_WRITE,
    "accountability:petition_note": OWN_A_WRITE,
    "accountability:petition_attachment": OWN_A_READ,
    "accountability:petition_answer_file": OWN_A_READ,
    # The evaluation: the samples' year is open, so the People's Council sees none of it yet.
    "accountability:evaluation_list": SIGNED_IN,
    "accountability:evaluation_prepare": ADMIN,
    "accountability:evaluation_detail": RECORDS,
    "accountability:evaluation_rubric": RECORDS,
    "accountability:evaluation_settings": ADMIN,
    "accountability:criterion_create": ADMIN,
    "accountability:criterion_update": ADMIN,
    "accountability:criterion_delete": ADMIN,
    "accountability:evaluation_open": ADMIN,
    "accountability:evaluation_refresh": ADMIN,
    "accountability:evaluation_lock": ADMIN,
    "accountability:evaluation_reopen": ADMIN,
    "accountability:scorecard": OWN_A_READ,
    "accountability:scorecard_edit": OWN_A_WRITE,
    "accountability:scorecard_submit": OWN_A_WRITE,
    "accountability:scorecard_return": ADMIN,
    "accountability:scorecard_decide": ADMIN,
    "accountability:score_adjust": ADMIN,
    "accountability:evidence_add": OWN_A_WRITE,
    "accountability:evidence_file": OWN_A_READ,
    "accountability:evidence_remove": OWN_A_WRITE,
    "public_feedback:lookup": PUBLIC,
    "public_feedback:new": PUBLIC,
    "public_feedback:track": PUBLIC,
    "public_feedback:answer_file": PUBLIC,
    "emulation:campaign_list": RECORDS,
    "emulation:campaign_create": ADMIN,
    "emulation:campaign_detail": RECORDS,
    "emulation:campaign_update": ADMIN,
    "emulation:campaign_file": RECORDS,
    "emulation:pledge_list": RECORDS,
    "emulation:pledge_create": PEOPLE_WRITE,
    "emulation:pledge_detail": OWN_A_READ,
    "emulation:pledge_update": OWN_A_WRITE,
    "emulation:pledge_file": OWN_A_READ,
    "emulation:pledge_send": OWN_A_WRITE,
    "emulation:pledge_approve": ADMIN,
    "emulation:pledge_return": ADMIN,
    "emulation:exemplar_list": RECORDS,
    "emulation:exemplar_create": PEOPLE_WRITE,
    "emulation:exemplar_detail": OWN_A_READ,
    "emulation:exemplar_update": OWN_A_WRITE,
    "emulation:photo_add": OWN_A_WRITE,
    "emulation:exemplar_recognise": ADMIN,
    "emulation:exemplar_withdraw": ADMIN,
    "emulation:photo_image": OWN_A_READ,
    "emulation:photo_remove": OWN_A_WRITE,
    "emulation:quota_list": RECORDS,
    "emulation:quota_create": ADMIN,
    "emulation:quota_allocate": ADMIN,
    "emulation:quota_update": ADMIN,
    "emulation:nomination_list": RECORDS,
    "emulation:nomination_create": PEOPLE_WRITE,
    "emulation:nomination_detail": OWN_A_READ,
    "emulation:nomination_update": OWN_A_WRITE,
    "emulation:nomination_file_add": OWN_A_WRITE,
    "emulation:nomination_certificate": OWN_A_READ,
    "emulation:nomination_submit": OWN_A_WRITE,
    "emulation:nomination_withdraw": OWN_A_WRITE,
    "emulation:nomination_review": ADMIN,
    "emulation:nomination_decide": ADMIN,
    "emulation:nomination_override": ADMIN,
    "emulation:nomination_file": OWN_A_READ,
    "emulation:violation_list": RECORDS,
    "emulation:violation_create": PEOPLE_WRITE,
    "emulation:violation_detail": OWN_A_READ,
    "emulation:violation_update": OWN_A_WRITE,
    "digital:system_list": RECORDS,
    "digital:system_register": RECORDS,
    "digital:system_create": PEOPLE_WRITE,
    "digital:system_detail": OWN_A_READ,
    "digital:system_update": OWN_A_WRITE,
    "digital:milestone_create": OWN_A_WRITE,
    "digital:milestone_update": OWN_A_WRITE,
    "digital:milestone_delete": OWN_A_WRITE,
    "funding:line_list": RECORDS,
    "funding:line_create": PEOPLE_WRITE,
    "funding:line_import": PEOPLE_WRITE,
    "funding:line_detail": OWN_A_READ,
    "funding:line_update": OWN_A_WRITE,
    "funding:spending_add": OWN_A_WRITE,
    "funding:spending_delete": OWN_A_WRITE,
    "funding:summary": RECORDS,
    "public_exemplars:list": PUBLIC,
    "public_exemplars:detail": PUBLIC,
    "public_exemplars:photo": PUBLIC,
}
# Django's own admin has its own login and permissions.
SKIPPED_NAMESPACES = ("admin",)


def _named_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace not in SKIPPED_NAMESPACES:
                found += _named_patterns(entry, inner)
        elif entry.name:
            found.append((f"{namespace}{entry.name}", entry))
    return found


def test_every_url_pattern_says_who_may_open_it():
    names = {name for name, _ in _named_patterns()}
    assert names - ACCESS.keys() == set(), "add the new pages to ACCESS"
    assert ACCESS.keys() - names == set(), "ACCESS names pages that no longer exist"


@pytest.fixture
def sample_kwargs(agency_a, agency_b, staff_a, settings, tmp_path):
    """A record of agency A for every URL parameter (first matching prefix wins)."""
    settings.MEDIA_ROOT = tmp_path
    person = PersonFactory(agency=agency_a)
    training_class = TrainingClassFactory(status="open")
    session = SessionFactory(training_class=training_class)
    enrolment = EnrolmentFactory(training_class=training_class, person__agency=agency_a)
    certificate = CertificateFactory(enrolment=enrolment)
    material = Material.objects.create(
        training_class=training_class, title="Tài liệu", file=SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4")
    )
    on_class = {"pk": training_class.pk}
    report = AnnualReport.objects.create(
        year=2026,
        period_start=dt.date(2025, 12, 15),
        period_end=dt.date(2026, 12, 14),
        issuing_body="ỦY BAN NHÂN DÂN TỈNH BẮC GIANG",
        place="Bắc Giang",
        report_date=dt.date(2026, 12, 5),
    )
    version = ReportVersion.objects.create(report=report, number=1, status="submitted", is_public=True)
    version.docx.save("bao-cao.docx", ContentFile(b"PK docx"), save=True)
    from tests.propaganda.factories import AttachmentFactory, PlanActivityFactory, PostingFactory

    attachment = AttachmentFactory(document__is_published=True)
    posting = PostingFactory(agency=agency_a)
    posting.evidence.save("anh-chup.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    activity = PlanActivityFactory(plan__agency=agency_a)
    activity.evidence.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)
    activity.plan.decision_file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4"), save=True)
    from tests.accountability.factories import (
        BoardMemberFactory,
        ConferenceResolutionFactory,
        ConsultationFactory,
        DisclosureFactory,
        PetitionFactory,
    )

    resolution = ConferenceResolutionFactory(conference__agency=agency_a)
    conference = resolution.conference
    conference.minutes.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)
    member = BoardMemberFactory(board__agency=agency_a)
    board = member.board
    supervision = board.activities.create(
        subject="Giám sát chi tiêu",
        started_on=dt.date(2026, 3, 2),
        file=ContentFile(b"%PDF-1.4", name="kl.pdf"),
    )

    disclosure = DisclosureFactory(agency=agency_a)
    disclosure.file.save("cong-khai.pdf", ContentFile(b"%PDF-1.4"), save=True)
    consultation = ConsultationFactory(agency=agency_a)
    consultation.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)

    petition = PetitionFactory(agency=agency_a, status="answered", answered_on=dt.date(2026, 11, 10))
    petition.answer_file.save("tra-loi.pdf", ContentFile(b"%PDF-1.4"), save=True)
    petition_file = petition.attachments.create(
        file=ContentFile(b"%PDF-1.4", name="don.pdf"),
        original_name="don.pdf",
        content_type="application/pdf",
        size=8,
    )
    emulation = _emulation_samples(agency_a, person)
    evaluation = _evaluation_samples(agency_a)
    from digital.models import Milestone, System

    system = System.objects.create(
        name="Hệ thống quản lý văn bản", agency=agency_a, kind="information_system", status="development",
        started_on=dt.date(2025, 1, 1),
    )  # fmt: skip
    milestone = Milestone.objects.create(
        system=system, reached_on=dt.date(2025, 6, 1), title="Khảo sát", progress=10
    )
    import funding.models
    from funding.defaults import ensure as ensure_sources
    from funding.models import BudgetLine, FundingSource

    ensure_sources(funding.models)
    source = FundingSource.objects.first()
    line = BudgetLine.objects.create(
        agency=agency_a, year=2026, measure="training", description="Bồi dưỡng", source=source,
        estimate=10_000_000, allocated=8_000_000,
    )  # fmt: skip
    spending = line.spendings.create(spent_on=dt.date(2026, 3, 1), amount=1_000_000)
    return {
        **emulation,
        **evaluation,
        "funding:spending_add": {"pk": line.pk},
        "funding:spending_": {"pk": spending.pk},
        "funding:line_": {"pk": line.pk},
        "digital:milestone_create": {"pk": system.pk},
        "digital:milestone_": {"pk": milestone.pk},
        "digital:system_": {"pk": system.pk},
        "figures_table": {"section": "training", "table": "by_agency"},
        "agencies:agency_": {"pk": agency_b.pk},
        "agencies:person_": {"pk": person.pk},
        "accounts:user_": {"pk": staff_a.pk},
        "training:plan_": {"year": training_class.plan.year},
        "training:class_": on_class,
        "training:material_upload": on_class,
        "training:material_": {"pk": material.pk},
        "training:session_list": on_class,
        "training:session_generate": on_class,
        "training:session_": {"pk": session.pk},
        "training:attendance_sheet": on_class,
        "training:attendance_mark": {"pk": enrolment.pk, "session_pk": session.pk},
        "training:attendance_": {"pk": session.pk},
        "training:roster": on_class,
        "training:nominate": on_class,
        "training:enrolment_": {"pk": enrolment.pk},
        "training:certificate_issue": on_class,
        "training:certificate_": {"pk": certificate.pk},
        "certificates:verify": {"code": certificate.code},
        "reporting:report_": {"year": report.year},
        "reporting:version_download": {"pk": version.pk, "kind": "docx"},
        "reporting:version_": {"pk": version.pk},
        "public_reports:download": {"pk": version.pk, "kind": "docx"},
        "propaganda:posting_": {"pk": posting.pk},
        "propaganda:plan_": {"pk": activity.plan.pk},
        "propaganda:activity_create": {"pk": activity.plan.pk},
        "propaganda:activity_": {"pk": activity.pk},
        "propaganda:": {"pk": attachment.document.pk},
        "public_documents:detail": {"pk": attachment.document.pk},
        "public_documents:attachment": {"pk": attachment.pk},
        "reference_list": {"model": "propaganda.documenttype"},
        "reference_create": {"model": "propaganda.documenttype"},
        "reference_": {"model": "propaganda.documenttype", "pk": attachment.document.document_type_id},
        "accountability:disclosure_": {"pk": disclosure.pk},
        "accountability:resolution_create": {"pk": conference.pk},
        "accountability:resolution_": {"pk": resolution.pk},
        "accountability:conference_": {"pk": conference.pk},
        "accountability:member_add": {"pk": board.pk},
        "accountability:member_": {"pk": member.pk},
        "accountability:supervision_create": {"pk": board.pk},
        "accountability:supervision_": {"pk": supervision.pk},
        "accountability:board_": {"pk": board.pk},
        "accountability:consultation_": {"pk": consultation.pk},
        "accountability:petition_attachment": {"pk": petition.pk, "file_pk": petition_file.pk},
        "accountability:petition_": {"pk": petition.pk},
        "public_feedback:": {"code": petition.code},
    }


def _evaluation_samples(agency) -> dict:
    """An open evaluation with agency A's scorecard: one computed and one manual criterion, a file."""
    from accountability.models import AgencyEvaluation, Criterion, CriterionScore, Evaluation

    evaluation = Evaluation.objects.create(year=2026, status="open")
    computed = Criterion.objects.create(
        evaluation=evaluation, group="I", code="1.1", title="Bồi dưỡng", max_points=10, kind="computed",
        indicator_key="training.trainees_completed", rule="target", target=2,
    )  # fmt: skip
    manual = Criterion.objects.create(
        evaluation=evaluation, group="I", code="1.2", title="Mô hình", max_points=5, kind="manual"
    )
    card = AgencyEvaluation.objects.create(evaluation=evaluation, agency=agency)
    CriterionScore.objects.create(scorecard=card, criterion=computed, figure=1, computed=5)
    score = CriterionScore.objects.create(scorecard=card, criterion=manual, claimed=3, evidence="Báo cáo")
    evidence = score.files.create(file=ContentFile(b"%PDF-1.4", name="bc.pdf"), original_name="bc.pdf")
    on_year = {"year": evaluation.year}
    return {
        "accountability:evaluation_detail": on_year,
        "accountability:evaluation_rubric": on_year,
        "accountability:evaluation_settings": on_year,
        "accountability:evaluation_": {"pk": evaluation.pk},
        "accountability:criterion_create": on_year,
        "accountability:criterion_": {"pk": computed.pk},
        "accountability:scorecard_edit": {"year": evaluation.year, "agency": agency.pk},
        "accountability:scorecard_": {"pk": card.pk},
        "accountability:scorecard": {"year": evaluation.year, "agency": agency.pk},
        "accountability:score_adjust": {"pk": score.pk},
        "accountability:evidence_add": {"pk": score.pk},
        "accountability:evidence_": {"pk": evidence.pk},
    }


def _emulation_samples(agency, person) -> dict:
    """A record of agency A for every page of §4, each with its file."""
    import emulation.models
    from emulation.defaults import ensure
    from emulation.models import (
        Award,
        Campaign,
        Exemplar,
        Nomination,
        Pledge,
        Quota,
        Violation,
        ViolationCategory,
    )

    # A browser test's flush empties the catalogues the migration wrote.
    ensure(emulation.models)
    pdf = ContentFile(b"%PDF-1.4", name="ho-so.pdf")
    campaign = Campaign.objects.create(
        year=2026,
        title="Phong trào thi đua thực hiện dân chủ ở cơ sở năm 2026",
        content="Nội dung",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        document_file=pdf,
    )
    pledge = Pledge.objects.create(campaign=campaign, agency=agency, collective_targets="Mục tiêu", file=pdf)
    exemplar = Exemplar.objects.create(
        agency=agency,
        year=2026,
        kind="individual",
        person=person,
        title="Mô hình Dân vận khéo",
        description="Mô tả",
        achievements="Thành tích",
        status="recognised",
        recognised_on=dt.date(2026, 6, 1),
    )
    photo = exemplar.photos.create(image=ContentFile(b"\x89PNG\r\n\x1a\n", name="anh.png"))
    award = Award.objects.get(name="Giấy khen")
    quota = Quota.objects.create(year=2026, agency=agency, award=award, places=2)
    nomination = Nomination.objects.create(
        year=2026, agency=agency, award=award, kind="individual", person=person, achievements="Thành tích"
    )
    dossier = nomination.files.create(file=pdf, original_name="ho-so.pdf")
    violation = Violation.objects.create(
        agency=agency,
        found_on=dt.date(2026, 3, 2),
        category=ViolationCategory.objects.first(),
        detection="inspection",
        description="Chậm công khai dự toán",
    )
    return {
        "emulation:campaign_": {"pk": campaign.pk},
        "emulation:pledge_": {"pk": pledge.pk},
        "emulation:photo_add": {"pk": exemplar.pk},
        "emulation:photo_": {"pk": photo.pk},
        "emulation:exemplar_": {"pk": exemplar.pk},
        "emulation:quota_": {"pk": quota.pk},
        "emulation:nomination_file_add": {"pk": nomination.pk},
        "emulation:nomination_file": {"pk": dossier.pk},
        "emulation:nomination_": {"pk": nomination.pk},
        "emulation:violation_": {"pk": violation.pk},
        "public_exemplars:photo": {"pk": photo.pk},
        "public_exemplars:": {"pk": exemplar.pk},
    }


def _url(name: str, pattern: URLPattern, samples: dict) -> str:
    if not pattern.pattern.converters:
        return reverse(name)
    prefix = next(key for key in samples if name.startswith(key))
    return reverse(name, kwargs=samples[prefix])


def _all_urls(samples):
    return [(name, _url(name, pattern, samples)) for name, pattern in _named_patterns()]


def test_anonymous_visitors_are_sent_to_login_except_on_public_pages(client, sample_kwargs):
    for name, url in _all_urls(sample_kwargs):
        response = client.get(url)
        if ACCESS[name] == PUBLIC:
            assert response.status_code in (200, 405), name
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("login")), name


@pytest.mark.parametrize("persona", sorted(SIGNED_IN))
def test_each_role_gets_only_what_it_may(persona, personas, client_for, sample_kwargs):
    client = client_for(personas[persona])
    for name, url in _all_urls(sample_kwargs):
        if ACCESS[name] == PUBLIC:
            continue
        status = client.get(url).status_code
        if persona in ACCESS[name]:
            assert status in (200, 302, 405), f"{persona} should open {name}, got {status}"
        else:
            assert status in (403, 404), f"{persona} must not open {name}, got {status}"


def _history_rows() -> int:
    """Rows in every history table of the project: a write anywhere adds at least one."""
    from simple_history.models import registered_models

    return sum(model.history.count() for model in registered_models.values() if hasattr(model, "history"))


@pytest.mark.parametrize("persona", sorted(SIGNED_IN))
def test_a_refused_post_changes_nothing(persona, personas, client_for, sample_kwargs):
    """Posting to a page the persona may not open (agency A's records, for staff of B) writes nothing."""
    client = client_for(personas[persona])
    before = _history_rows()
    for name, url in _all_urls(sample_kwargs):
        if ACCESS[name] == PUBLIC or persona in ACCESS[name]:
            continue
        status = client.post(url, {"public": "1", "decision": "confirm", "status-1": "present"}).status_code
        assert status in (403, 404), f"{persona} must not post to {name}, got {status}"
    assert _history_rows() == before
