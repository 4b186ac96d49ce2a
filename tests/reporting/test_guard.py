"""The check before submission: what a version lacks, refused until fixed or accepted with a reason."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dancoso import indicators
from reporting import services
from reporting.checks import submission_gaps
from reporting.documents.meta import Narrative, Signer
from reporting.models import ReportVersion, VersionStatus
from tests.reporting.conftest import NO_CLASS
from tests.reporting.documents_data import build_meta, build_snapshot


def _codes(gaps):
    return [gap.code for gap in gaps]


def test_a_bare_version_lists_everything_missing_in_the_order_the_document_reads():
    meta = build_meta(number="", resolution_number="", signer=Signer(name=""), narrative=Narrative())
    snapshot = build_snapshot()
    snapshot["sections"][0]["indicators"] = []
    gaps = submission_gaps(meta, snapshot)
    assert _codes(gaps) == [
        "resolution",
        "number",
        "signer_name",
        "part.leadership",
        "part.strengths",
        "part.shortcomings",
        "part.causes",
        "part.next_year",
        "part.proposals",
        "figures.training",
        # The sample's digital section exists (its app has landed) but holds no figure.
        "figures.digital",
    ]
    # Only the resolution may not be left uncited.
    assert [gap.code for gap in gaps if not gap.acceptable] == ["resolution"]


def test_a_part_whose_app_has_not_landed_is_not_a_gap():
    snapshot = build_snapshot()
    keys = {section["key"] for section in snapshot["sections"]}
    gaps = _codes(submission_gaps(build_meta(), snapshot))
    assert not [code for code in gaps if code.startswith("figures.") and code.split(".")[1] not in keys]


def test_a_complete_version_has_no_gap():
    written = replace(build_meta().narrative, shortcomings="Còn chậm.", proposals="Đề nghị bố trí kinh phí.")
    meta = build_meta(number="125", narrative=written)
    snapshot = build_snapshot()
    snapshot["sections"] = [section for section in snapshot["sections"] if section["indicators"]]
    assert submission_gaps(meta, snapshot) == []


@pytest.fixture
def bare_version(report, admin_user):
    """A generated version with no document number and no class in the year."""
    services.report_update(report=report, actor=admin_user, number="")
    version = services.version_request(report=report, actor=admin_user)
    version.refresh_from_db()
    assert version.status == VersionStatus.GENERATED
    return version


def test_submission_is_refused_while_a_gap_is_neither_fixed_nor_accepted(bare_version, admin_user):
    with pytest.raises(ValidationError) as refused:
        services.version_submit(version=bare_version, actor=admin_user, accepted=NO_CLASS)
    assert "Báo cáo chưa có số văn bản." in refused.value.messages
    bare_version.refresh_from_db()
    assert bare_version.status == VersionStatus.GENERATED


def test_a_gap_accepted_without_a_reason_is_not_accepted(bare_version, admin_user):
    with pytest.raises(ValidationError):
        services.version_submit(version=bare_version, actor=admin_user, accepted={**NO_CLASS, "number": "  "})


def test_accepted_gaps_and_their_reasons_stay_with_the_version_and_its_history(bare_version, admin_user):
    accepted = {**NO_CLASS, "number": "Văn thư cấp số khi phát hành"}
    services.version_submit(version=bare_version, actor=admin_user, accepted=accepted)
    bare_version.refresh_from_db()
    # Only the gaps the version has are kept: the parts of measures whose apps have landed, and the number.
    landed = {provider.key for provider in indicators.providers()}
    expected = {code: reason for code, reason in accepted.items() if code == "number" or code[8:] in landed}
    kept = {gap["code"]: gap["reason"] for gap in bare_version.accepted_gaps}
    assert kept == expected
    last = ReportVersion.history.filter(id=bare_version.pk).latest("history_date")
    assert last.status == VersionStatus.SUBMITTED
    assert {gap["code"] for gap in last.accepted_gaps} == set(expected)


def test_the_resolution_cannot_be_accepted_as_missing(report, admin_user, province):
    province.resolution_number = ""
    province.save()
    version = services.version_request(report=report, actor=admin_user)
    with pytest.raises(ValidationError) as refused:
        services.version_submit(
            version=version, actor=admin_user, accepted={**NO_CLASS, "resolution": "Chưa có số"}
        )
    assert any("Nghị quyết" in message for message in refused.value.messages)


def test_the_submit_form_lists_the_gaps_and_keeps_what_was_typed(client_for, admin_user, bare_version):
    client = client_for(admin_user)
    page = client.get(bare_version.get_absolute_url()).content.decode()
    assert 'data-testid="gap-number"' in page and 'data-testid="gap-figures.training"' in page
    url = reverse("reporting:version_submit", args=[bare_version.pk])
    data = {
        "accept_figures__training": "on",
        "reason_figures__training": "Chưa tổ chức lớp",
        "accept_number": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ghi lý do để như vậy." in page
    assert 'value="Chưa tổ chức lớp"' in page
    bare_version.refresh_from_db()
    assert bare_version.status == VersionStatus.GENERATED


def test_the_submit_form_submits_once_each_gap_is_explained(client_for, admin_user, bare_version):
    client = client_for(admin_user)
    url = reverse("reporting:version_submit", args=[bare_version.pk])
    data = {"accept_number": "on", "reason_number": "Văn thư cấp số khi phát hành"}
    for code, reason in NO_CLASS.items():
        field = code.replace(".", "__")
        data |= {f"accept_{field}": "on", f"reason_{field}": reason}
    response = client.post(url, data)
    assert response.status_code == 302
    bare_version.refresh_from_db()
    assert bare_version.status == VersionStatus.SUBMITTED
    page = client.get(bare_version.get_absolute_url()).content.decode()
    assert 'data-testid="accepted-gaps"' in page and "Văn thư cấp số khi phát hành" in page
