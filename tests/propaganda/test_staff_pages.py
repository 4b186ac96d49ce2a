"""Home Affairs keeps the library in the portal: documents, relations by number, files, publication."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from propaganda.models import LegalDocument, Relation
from tests.propaganda.factories import PDF, DocumentTypeFactory, LegalDocumentFactory

pytestmark = pytest.mark.django_db


def _data(**changes):
    kind = DocumentTypeFactory(name="Kế hoạch")
    data = {
        "number": "125/KH-UBND",
        "document_type": kind.pk,
        "issuing_body": "Ủy ban nhân dân tỉnh Bắc Giang",
        "signer": "Trần Quang Minh",
        "issue_date": "15/03/2024",
        "effective_date": "",
        "expiry_date": "",
        "summary": "Kế hoạch triển khai Luật Thực hiện dân chủ ở cơ sở trên địa bàn tỉnh",
        "body": "",
        "level": "provincial",
        "agency": "",
    }
    return {**data, **changes}


def test_home_affairs_adds_a_document_and_publishes_it(client_for, admin_user, client):
    page = client_for(admin_user)
    response = page.post(reverse("propaganda:document_create"), _data())
    document = LegalDocument.objects.get()
    assert response["Location"] == reverse("propaganda:document_detail", args=[document.pk])
    assert not document.is_published
    assert client.get(document.get_absolute_url()).status_code == 404
    page.post(reverse("propaganda:document_publish", args=[document.pk]), {"published": "1"})
    document.refresh_from_db()
    assert document.is_published and document.published_at
    assert document.history.first().history_user == admin_user


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"expiry_date": "01/01/2024"}, "expiry_date", "Ngày hết hiệu lực phải sau ngày ban hành."),
        ({"effective_date": "01/03/2024"}, "effective_date", "không thể có hiệu lực trước ngày ban hành"),
        ({"level": "agency"}, "agency", "Hãy chọn cơ quan, đơn vị ban hành văn bản này."),
        ({"issue_date": "31/02/2024"}, "issue_date", "Nhập một ngày hợp lệ"),
    ],
)
def test_a_bad_document_is_refused_with_its_reason_and_keeps_what_was_typed(
    client_for, admin_user, changes, field, message
):
    response = client_for(admin_user).post(reverse("propaganda:document_create"), _data(**changes))
    assert response.status_code == 200 and not LegalDocument.objects.exists()
    assert any(message in error for error in response.context["form"].errors[field])
    assert "Kế hoạch triển khai Luật Thực hiện dân chủ" in response.content.decode()


def test_the_same_number_of_the_same_body_is_refused(client_for, admin_user):
    client = client_for(admin_user)
    client.post(reverse("propaganda:document_create"), _data())
    response = client.post(reverse("propaganda:document_create"), _data())
    assert "Thư viện đã có văn bản số 125/KH-UBND" in response.content.decode()
    assert LegalDocument.objects.count() == 1


def test_a_relation_is_recorded_by_the_other_documents_number(client_for, admin_user):
    law = LegalDocumentFactory(number="10/2022/QH15")
    plan = LegalDocumentFactory(number="125/KH-UBND")
    client = client_for(admin_user)
    url = reverse("propaganda:relation_add", args=[plan.pk])
    assert client.post(url, {"kind": "implements", "target_number": " 10/2022/qh15 "}).status_code == 302
    assert Relation.objects.get().target == law
    response = client.post(url, {"kind": "implements", "target_number": "99/2099/XX"})
    assert "Thư viện chưa có văn bản số 99/2099/XX" in response.content.decode()
    response = client.post(url, {"kind": "amends", "target_number": "125/KH-UBND"})
    assert "Văn bản không thể liên quan đến chính nó." in response.content.decode()


def test_a_file_of_the_wrong_kind_is_refused_on_the_page(client_for, admin_user):
    document = LegalDocumentFactory()
    url = reverse("propaganda:attachment_add", args=[document.pk])
    client = client_for(admin_user)
    response = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert "Chỉ nhận tệp PDF, DOC, DOCX." in response.content.decode()
    assert client.post(url, {"file": SimpleUploadedFile("nd.pdf", PDF)}).status_code == 302
    assert document.attachments.count() == 1


@pytest.mark.parametrize("persona", ["staff_a", "leader_user"])
def test_readers_see_the_library_but_cannot_change_it(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    document = LegalDocumentFactory(is_published=False)
    assert client.get(reverse("propaganda:document_list")).status_code == 200
    assert client.get(reverse("propaganda:document_detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("propaganda:document_create")).status_code == 403
    response = client.post(reverse("propaganda:document_publish", args=[document.pk]), {"published": "1"})
    assert response.status_code == 403
    document.refresh_from_db()
    assert not document.is_published
