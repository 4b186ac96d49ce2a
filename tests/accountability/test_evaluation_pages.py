"""The evaluation's pages: who sees which scorecard before and after the lock, forms that refuse bad input
and keep what was typed, the ranking's Excel file read back, and query counts at two sizes."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accountability.models import AgencyEvaluation, CriterionScore, Evaluation, EvaluationStatus
from accountability.selectors.evaluation import ranking_of
from accountability.services import evaluation as services
from dancoso.indicators import section_for
from dancoso.periods import Period
from tests.factories import AgencyFactory

YEAR = 2026


@pytest.fixture
def evaluation(admin_user, agency_a, agency_b):
    evaluation = services.evaluation_prepare(year=YEAR, actor=admin_user)
    return services.evaluation_open(evaluation=evaluation, actor=admin_user)


def _card(evaluation, agency) -> AgencyEvaluation:
    return AgencyEvaluation.objects.select_related("evaluation", "agency").get(
        evaluation=evaluation, agency=agency
    )


def _manual(card) -> list[CriterionScore]:
    return list(card.scores.filter(criterion__kind="manual").select_related("criterion"))


def _submit(card, actor) -> None:
    claims = {score.pk: (Decimal(1), "Báo cáo số 12/BC") for score in _manual(card)}
    services.scorecard_save(
        scorecard=card, self_assessment="Đã thực hiện đầy đủ.", claims=claims, actor=actor
    )
    services.scorecard_submit(scorecard=card, actor=actor)


def _scorecard_url(evaluation, agency) -> str:
    return reverse("accountability:scorecard", args=[evaluation.year, agency.pk])


def test_staff_see_only_their_own_scorecard_until_the_lock(
    client_for, evaluation, staff_b, agency_a, admin_user
):
    client = client_for(staff_b)
    assert client.get(_scorecard_url(evaluation, agency_a)).status_code == 404
    ranking = client.get(reverse("accountability:evaluation_detail", args=[YEAR]))
    assert [row.agency.pk for row in ranking.context["page_obj"]] == [staff_b.agency_id]
    assert ranking.context["distribution"] == []

    services.evaluation_lock(evaluation=evaluation, actor=admin_user)
    assert client.get(_scorecard_url(evaluation, agency_a)).status_code == 200
    ranking = client.get(reverse("accountability:evaluation_detail", args=[YEAR]))
    assert len(ranking.context["page_obj"].object_list) == evaluation.scorecards.count() == 3


def test_staff_can_never_change_another_agencys_scorecard(
    client_for, evaluation, staff_b, agency_a, admin_user
):
    card = _card(evaluation, agency_a)
    client = client_for(staff_b)
    edit = reverse("accountability:scorecard_edit", args=[YEAR, agency_a.pk])
    assert client.post(edit, {"self_assessment": "Không phải của tôi"}).status_code == 404
    assert client.post(reverse("accountability:scorecard_submit", args=[card.pk])).status_code in (403, 404)
    services.evaluation_lock(evaluation=evaluation, actor=admin_user)
    assert client.post(edit, {"self_assessment": "Không phải của tôi"}).status_code == 404
    assert _card(evaluation, agency_a).self_assessment == ""


def test_the_council_reads_only_locked_results(client_for, evaluation, council_user, admin_user):
    client = client_for(council_user)
    assert list(client.get(reverse("accountability:evaluation_list")).context["evaluations"]) == []
    assert client.get(reverse("accountability:evaluation_detail", args=[YEAR])).status_code == 404
    services.evaluation_lock(evaluation=evaluation, actor=admin_user)
    response = client.get(reverse("accountability:evaluation_detail", args=[YEAR]))
    assert response.status_code == 200
    assert sum(count for _level, count, _share in response.context["distribution"]) == 3


def test_an_adjustment_without_reason_is_refused_and_the_points_are_kept(
    client_for, evaluation, admin_user, agency_a
):
    score = _card(evaluation, agency_a).scores.get(criterion__code="1.1")
    url = reverse("accountability:score_adjust", args=[score.pk])
    response = client_for(admin_user).post(url, {"points": "7,5", "reason": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Trường này là bắt buộc."]
    assert 'value="7,5"' in response.content.decode()
    assert CriterionScore.objects.get(pk=score.pk).adjusted is None


def test_points_above_the_maximum_are_refused_in_vietnamese(client_for, evaluation, admin_user, agency_a):
    score = _card(evaluation, agency_a).scores.get(criterion__code="1.1")
    url = reverse("accountability:score_adjust", args=[score.pk])
    response = client_for(admin_user).post(url, {"points": "11", "reason": "Thẩm định lại"})
    assert response.status_code == 400
    assert "Tiêu chí này tối đa 10 điểm." in response.content.decode()


def test_an_adjustment_is_shown_beside_the_computed_points(client_for, evaluation, admin_user, agency_a):
    score = _card(evaluation, agency_a).scores.get(criterion__code="1.1")
    client = client_for(admin_user)
    url = reverse("accountability:score_adjust", args=[score.pk])
    client.post(url, {"points": "4", "reason": "Một học viên chưa đủ điều kiện"})
    page = client.get(_scorecard_url(evaluation, agency_a)).content.decode()
    assert "Một học viên chưa đủ điều kiện" in page
    assert CriterionScore.objects.get(pk=score.pk).history.first().history_change_reason == (
        "Một học viên chưa đủ điều kiện"
    )


def test_thresholds_out_of_order_are_refused_and_kept(client_for, evaluation, admin_user):
    url = reverse("accountability:evaluation_settings", args=[YEAR])
    data = {"excellent_from": "80", "good_from": "85", "done_from": "50", "excellent_cap_percent": "20"}
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 400
    assert "Các ngưỡng điểm phải giảm dần" in response.content.decode()
    assert 'value="85"' in response.content.decode()
    assert Evaluation.objects.get(year=YEAR).good_from == 70


def test_a_criterion_naming_no_known_indicator_is_refused(client_for, admin_user):
    evaluation = services.evaluation_prepare(year=YEAR, actor=admin_user)
    url = reverse("accountability:criterion_create", args=[YEAR])
    data = {
        "group": "I", "code": "9.9", "title": "Chỉ số lạ", "max_points": "5", "kind": "computed",
        "indicator_key": "training.khong_co", "rule": "target", "target": "1", "display_order": "5",
    }  # fmt: skip
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 400
    assert "training.khong_co" in response.context["form"].errors["indicator_key"][0]
    assert not evaluation.criteria.filter(code="9.9").exists()


def test_bands_that_are_not_numbers_get_a_vietnamese_message(client_for, admin_user):
    services.evaluation_prepare(year=YEAR, actor=admin_user)
    url = reverse("accountability:criterion_create", args=[YEAR])
    data = {"group": "I", "code": "9.9", "title": "Mức", "max_points": "5", "kind": "manual",
            "bands": "chín mươi: 5", "display_order": "5"}  # fmt: skip
    response = client_for(admin_user).post(url, data)
    assert response.status_code == 400
    assert "Dòng 1: ghi mỗi mức theo dạng" in response.content.decode()


def test_a_rubric_not_adding_up_to_100_is_warned(client_for, admin_user):
    evaluation = services.evaluation_prepare(year=YEAR, actor=admin_user)
    evaluation.criteria.filter(code="1.1").update(max_points=5)
    page = client_for(admin_user).get(reverse("accountability:evaluation_rubric", args=[YEAR]))
    assert "Tổng điểm các tiêu chí là 95, không phải 100." in page.content.decode()


def test_editing_after_the_lock_is_refused_on_every_page(
    client_for, evaluation, admin_user, staff_a, agency_a
):
    card = _card(evaluation, agency_a)
    _submit(card, staff_a)
    services.evaluation_lock(evaluation=evaluation, actor=admin_user)
    score = card.scores.get(criterion__code="1.1")
    client = client_for(admin_user)
    response = client.post(
        reverse("accountability:score_adjust", args=[score.pk]), {"points": "1", "reason": "Sửa"}
    )
    assert "không thể thay đổi" in response.content.decode()
    assert CriterionScore.objects.get(pk=score.pk).adjusted is None
    page = client.get(_scorecard_url(evaluation, agency_a)).context
    assert page["decide_form"] is None and page["steps"] == []


def test_the_agency_adds_evidence_and_submits(client_for, evaluation, staff_a, agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    card = _card(evaluation, agency_a)
    client = client_for(staff_a)
    data = {"self_assessment": "Đã công khai đầy đủ."}
    for score in _manual(card):
        data[f"points_{score.pk}"] = "2"
        data[f"evidence_{score.pk}"] = ""
    client.post(reverse("accountability:scorecard_edit", args=[YEAR, agency_a.pk]), data)
    refused = client.post(reverse("accountability:scorecard_submit", args=[card.pk]))
    assert refused.status_code == 302
    assert _card(evaluation, agency_a).is_draft
    for score in _manual(card):
        upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")
        client.post(reverse("accountability:evidence_add", args=[score.pk]), {"file": upload})
    client.post(reverse("accountability:scorecard_submit", args=[card.pk]))
    assert _card(evaluation, agency_a).status == "submitted"


def test_the_ranking_exports_one_row_per_agency_with_every_criterion(client_for, evaluation, admin_user):
    response = client_for(admin_user).get(
        reverse("accountability:evaluation_detail", args=[YEAR]), {"export": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    criteria = evaluation.criteria.count()
    assert len(rows) == 1 + AgencyEvaluation.objects.filter(evaluation=evaluation).count()
    assert len(rows[0]) == 3 + criteria + 5
    assert rows[0][3].startswith("1.1.")
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    assert {row[-2] for row in rows[1:]} <= {"Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                                             "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"}  # fmt: skip


def test_the_report_section_states_the_ranking_once_locked(evaluation, admin_user):
    open_section = section_for("accountability", Period(YEAR))
    assert open_section.indicator("accountability.ranked_good") is None
    assert open_section.table("ranking") is None
    assert open_section.warnings[-1].startswith("Kết quả xếp loại năm 2026 chưa được khóa")
    services.evaluation_lock(evaluation=evaluation, actor=admin_user)
    locked = section_for("accountability", Period(YEAR))
    keys = ("ranked_excellent", "ranked_good", "ranked_done", "ranked_not_done")
    counts = {key: locked.indicator(f"accountability.{key}").value for key in keys}
    standing = ranking_of(Evaluation.objects.get(year=YEAR))
    assert counts == {f"ranked_{level.value}": n for level, n in standing.ranking.distribution().items()}
    assert sum(counts.values()) == 3
    assert not any("chưa được khóa" in warning for warning in locked.warnings)
    assert len(locked.table("ranking").rows) == 3


def _grow(extra: int) -> None:
    for _ in range(extra):
        AgencyFactory()


PAGES = {
    "ranking": lambda evaluation, agency: reverse("accountability:evaluation_detail", args=[YEAR]),
    "rubric": lambda evaluation, agency: reverse("accountability:evaluation_rubric", args=[YEAR]),
    "scorecard": lambda evaluation, agency: _scorecard_url(evaluation, agency),
    "list": lambda evaluation, agency: reverse("accountability:evaluation_list"),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("persona", ["admin", "staff_a"])
def test_pages_run_the_same_queries_at_two_sizes(page, persona, personas, client_for, admin_user, agency_a):
    counts = []
    for extra in (0, 10):
        Evaluation.objects.all().delete()
        _grow(extra)
        evaluation = services.evaluation_prepare(year=YEAR, actor=admin_user)
        services.evaluation_open(evaluation=evaluation, actor=admin_user)
        client = client_for(personas[persona])
        url = PAGES[page](evaluation, agency_a)
        client.get(url)  # the registry's figures are cached as in use
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert Evaluation.objects.get(year=YEAR).status == EvaluationStatus.OPEN


def test_agencies_tied_at_the_cap_are_named_on_the_ranking(client_for, admin_user, agency_a, agency_b):
    from accountability.models import Criterion

    evaluation = Evaluation.objects.create(year=YEAR, status="open", excellent_cap_percent=67)
    criterion = Criterion.objects.create(
        evaluation=evaluation, group="I", code="1", title="Tổng hợp", max_points=100, kind="manual"
    )
    for agency, points in ((agency_a, 95), (agency_b, 95), (admin_user.agency, 100)):
        card = AgencyEvaluation.objects.create(evaluation=evaluation, agency=agency, status="submitted")
        CriterionScore.objects.create(scorecard=card, criterion=criterion, claimed=points, evidence="Báo cáo")
    page = client_for(admin_user).get(reverse("accountability:evaluation_detail", args=[YEAR]))
    ties = page.content.decode()
    assert page.context["tied"] and {card.agency for card in page.context["tied"]} == {agency_a, agency_b}
    assert "đồng điểm tại ngưỡng giới hạn cho 1 suất" in ties
    assert agency_a.name in ties and agency_b.name in ties
