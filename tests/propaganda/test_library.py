"""The legal-document library: effectiveness computed from dates and relations, relations both ways, the
accent-insensitive search of the public portal, the feed, uploads, and constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from propaganda.models import LegalDocument, Status
from propaganda.search import fold, highlight_spans, searchable, terms
from propaganda.selectors import library as selectors
from propaganda.services import library as services
from tests.propaganda.factories import PDF, AttachmentFactory, DocumentTypeFactory, LegalDocumentFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _status_both_ways(document: LegalDocument, on: dt.date) -> Status:
    """The status from the model and from the query; they must agree."""
    from_query = selectors.with_status(LegalDocument.objects.filter(pk=document.pk), on).get().computed_status
    assert document.status(on) == from_query
    return document.status(on)


def test_a_document_is_not_yet_in_force_before_its_effective_date_and_in_force_from_it():
    law = LegalDocumentFactory(issue_date=D(2022, 11, 10), effective_date=D(2023, 7, 1))
    assert _status_both_ways(law, D(2023, 6, 30)) == Status.NOT_YET
    assert _status_both_ways(law, D(2023, 7, 1)) == Status.IN_FORCE


def test_without_an_effective_date_a_document_is_in_force_from_its_issue_date():
    decree = LegalDocumentFactory(issue_date=D(2023, 8, 14))
    assert _status_both_ways(decree, D(2023, 8, 13)) == Status.NOT_YET
    assert _status_both_ways(decree, D(2023, 8, 14)) == Status.IN_FORCE


def test_a_document_expires_on_its_expiry_date():
    plan = LegalDocumentFactory(issue_date=D(2024, 1, 1), expiry_date=D(2025, 1, 1))
    assert _status_both_ways(plan, D(2024, 12, 31)) == Status.IN_FORCE
    assert _status_both_ways(plan, D(2025, 1, 1)) == Status.EXPIRED


def test_a_document_whose_dates_are_not_verified_says_so_and_does_not_act_on_others(admin_user):
    law = LegalDocumentFactory(
        number="10/2022/QH15", issue_date=D(2022, 11, 10), effective_date=D(2023, 7, 1)
    )
    amending = LegalDocumentFactory(number="97/2025/QH15", issue_date=None)
    services.relation_add(source=amending, target=law, kind="amends", actor=admin_user)
    assert _status_both_ways(amending, D(2026, 1, 1)) == Status.UNKNOWN
    # Since when it amends the law cannot be said, so the law stays in force until its dates are entered.
    assert _status_both_ways(law, D(2026, 1, 1)) == Status.IN_FORCE
    amending.issue_date = D(2025, 6, 25)
    amending.save()
    assert _status_both_ways(law, D(2026, 1, 1)) == Status.PARTLY_EXPIRED


def test_documents_without_an_issue_date_come_last_whichever_way_the_list_is_sorted(client, library):
    LegalDocumentFactory(number="97/2025/QH15", issue_date=None, is_published=True)
    for sort in ("newest", "oldest"):
        numbers = _found(client, "", sort=sort)
        assert numbers[-1] == "97/2025/QH15" and len(numbers) == 5
    page = client.get(reverse("public_documents:list")).content.decode()
    assert "Chưa xác minh ngày" in page


@pytest.mark.parametrize(
    ("kind", "after"),
    [
        ("replaces", Status.EXPIRED),
        ("repeals", Status.EXPIRED),
        ("amends", Status.PARTLY_EXPIRED),
        ("implements", Status.IN_FORCE),
    ],
)
def test_a_relation_acts_from_the_day_its_source_takes_effect(admin_user, kind, after):
    old = LegalDocumentFactory(number="34/2007/PL-UBTVQH11", issue_date=D(2007, 4, 20))
    new = LegalDocumentFactory(
        number="10/2022/QH15", issue_date=D(2022, 11, 10), effective_date=D(2023, 7, 1)
    )
    services.relation_add(source=new, target=old, kind=kind, actor=admin_user)
    assert _status_both_ways(old, D(2023, 6, 30)) == Status.IN_FORCE
    assert _status_both_ways(old, D(2023, 7, 1)) == after


def test_a_relation_shows_on_both_documents(client, admin_user):
    old = LegalDocumentFactory(number="34/2007/PL-UBTVQH11", issue_date=D(2007, 4, 20))
    new = LegalDocumentFactory(number="10/2022/QH15", issue_date=D(2022, 11, 10))
    services.relation_add(source=new, target=old, kind="replaces", actor=admin_user)
    new_page = client.get(new.get_absolute_url()).content.decode()
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Văn bản này thay thế" in new_page and old.get_absolute_url() in new_page
    assert "Văn bản này được thay thế bởi" in old_page and new.get_absolute_url() in old_page


def test_a_document_cannot_relate_to_itself_nor_replace_its_replacement(admin_user):
    a, b, c = LegalDocumentFactory(), LegalDocumentFactory(), LegalDocumentFactory()
    with pytest.raises(ValidationError, match="chính nó"):
        services.relation_add(source=a, target=a, kind="amends", actor=admin_user)
    services.relation_add(source=a, target=b, kind="replaces", actor=admin_user)
    services.relation_add(source=b, target=c, kind="replaces", actor=admin_user)
    with pytest.raises(ValidationError):
        services.relation_add(source=c, target=a, kind="replaces", actor=admin_user)
    with pytest.raises(ValidationError):
        services.relation_add(source=a, target=b, kind="replaces", actor=admin_user)


def test_agency_staff_cannot_relate_the_province_library(staff_a):
    a, b = LegalDocumentFactory(), LegalDocumentFactory()
    with pytest.raises(PermissionDenied):
        services.relation_add(source=a, target=b, kind="amends", actor=staff_a)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Dân chủ ở cơ sở", "dan chu o co so"),
        ("THANH TRA NHÂN DÂN", "thanh tra nhan dan"),
        ("Đảng ủy", "dang uy"),
        ("Ưu tiên người đứng đầu", "uu tien nguoi dung dau"),
        ("59/2023/NĐ-CP", "59/2023/nd-cp"),
    ],
)
def test_folding_drops_accents_and_case_and_keeps_the_length(text, folded):
    assert fold(text) == folded and len(fold(text)) == len(text)


def test_a_query_keeps_printable_words_only_and_is_cut_at_200_characters():
    # Punctuation is no word: "%", "_" and quotes never reach the query.
    assert terms("dân\x00chủ\t %_'\"") == ["dan", "chu"]
    assert len("".join(terms("a" * 10_000))) == 200
    assert searchable("(Luật) dân-chủ, 2022.") == " luat dan-chu 2022. "


@pytest.fixture
def library():
    kinds = {name: DocumentTypeFactory(name=name) for name in ("Luật", "Nghị định", "Quyết định")}
    return {
        "law": LegalDocumentFactory(
            number="10/2022/QH15", document_type=kinds["Luật"], issuing_body="Quốc hội",
            summary="Luật Thực hiện dân chủ ở cơ sở", issue_date=D(2022, 11, 10),
        ),
        "decree": LegalDocumentFactory(
            number="59/2023/NĐ-CP", document_type=kinds["Nghị định"],
            summary="Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
        ),
        "village": LegalDocumentFactory(
            number="61/2023/NĐ-CP", document_type=kinds["Nghị định"], issue_date=D(2023, 8, 16),
            summary="Về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
            body="Ban Thanh tra nhân dân giám sát việc thực hiện hương ước.",
        ),
        "plan": LegalDocumentFactory(
            number="346/QĐ-TTg", document_type=kinds["Quyết định"], issuing_body="Thủ tướng Chính phủ",
            summary="Ban hành Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
            issue_date=D(2023, 4, 6),
        ),
        "hidden": LegalDocumentFactory(
            number="1/2024/QĐ-UBND", summary="Dự thảo quy chế dân chủ chưa công bố", is_published=False
        ),
    }  # fmt: skip


def _found(client, query, **params):
    response = client.get(reverse("public_documents:list"), {"q": query, **params})
    assert response.status_code == 200
    return [document.number for document in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dan chu", {"10/2022/QH15", "59/2023/NĐ-CP", "346/QĐ-TTg"}),
        ("DÂN CHỦ", {"10/2022/QH15", "59/2023/NĐ-CP", "346/QĐ-TTg"}),
        ("thanh tra nhan dan", {"61/2023/NĐ-CP"}),
        ("huong uoc", {"61/2023/NĐ-CP"}),
        ("quy uoc cong dong", {"61/2023/NĐ-CP"}),
        ("59/2023", {"59/2023/NĐ-CP"}),
        ("nd-cp", {"59/2023/NĐ-CP", "61/2023/NĐ-CP"}),
        ("qđ-ttg", {"346/QĐ-TTg"}),
        ("ke hoach trien khai", {"346/QĐ-TTg"}),
        ("quoc hoi", {"10/2022/QH15"}),
        ("Thu tuong", {"346/QĐ-TTg"}),
        ("chưa công bố", set()),
        ("uoc", {"61/2023/NĐ-CP"}),
    ],
)
def test_the_search_ignores_accents_and_case_and_matches_words_from_their_start(
    client, library, query, expected
):
    assert set(_found(client, query)) == expected


def test_a_match_in_the_number_or_summary_ranks_above_one_in_the_text(client, library):
    LegalDocumentFactory(number="7/2024/KH-UBND", summary="Kế hoạch năm 2024", body="Về hương ước các thôn.",
                         issue_date=D(2024, 1, 2))  # fmt: skip
    # Newer, but found only in its text: after the decree whose summary says it.
    assert _found(client, "huong uoc") == ["61/2023/NĐ-CP", "7/2024/KH-UBND"]


def test_the_matched_words_are_highlighted_in_the_original_spelling(client, library):
    page = client.get(reverse("public_documents:list"), {"q": "huong uoc"}).content.decode()
    assert "<mark>hương</mark> <mark>ước</mark>" in page
    assert highlight_spans("phường", ["huong"]) == [("phường", False)]


@pytest.mark.parametrize("query", ["%", "_", "'\"", "a" * 10_000, "\x00\x01", "%_' OR 1=1 --"])
def test_strange_searches_answer_a_page_not_an_error(client, library, query):
    response = client.get(reverse("public_documents:list"), {"q": query})
    assert response.status_code == 200


def test_filters_by_type_level_year_and_status(client, library, admin_user):
    services.relation_add(source=library["law"], target=library["plan"], kind="repeals", actor=admin_user)
    decree_type = library["decree"].document_type.pk
    assert set(_found(client, "", document_type=decree_type)) == {"59/2023/NĐ-CP", "61/2023/NĐ-CP"}
    assert _found(client, "", year=2022) == ["10/2022/QH15"]
    assert _found(client, "", status="expired") == ["346/QĐ-TTg"]
    # A value that fits no choice is dropped: the whole list, not an error.
    assert len(_found(client, "", status="nonsense", year="abc")) == 4


def test_an_empty_library_says_so(client, db):
    page = client.get(reverse("public_documents:list")).content.decode()
    assert "Chưa có văn bản nào được đăng trên Cổng" in page


def test_an_unpublished_document_and_its_files_are_not_public(client, library):
    hidden = AttachmentFactory(document=library["hidden"])
    shown = AttachmentFactory(document=library["law"])
    assert client.get(library["hidden"].get_absolute_url()).status_code == 404
    assert client.get(reverse("public_documents:attachment", args=[hidden.pk])).status_code == 404
    response = client.get(reverse("public_documents:attachment", args=[shown.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    # Stored under a random name, not the one uploaded.
    assert "van-ban" not in shown.file.name


def test_the_feed_lists_published_documents_newest_first(client, library, admin_user):
    services.document_publish(document=library["hidden"], actor=admin_user)
    response = client.get(reverse("public_documents:feed"))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert body.index("1/2024/QĐ-UBND") < body.index("10/2022/QH15")
    assert body.count("<entry>") == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("van-ban.exe", PDF, "Chỉ nhận tệp PDF, DOC, DOCX."),
        ("van-ban.pdf", b"MZ not a pdf", "không phải là tệp PDF"),
        ("van-ban.docx", PDF, "không phải là tệp DOCX"),
    ],
)
def test_an_upload_of_the_wrong_kind_is_refused_in_vietnamese(admin_user, name, content, message):
    document = LegalDocumentFactory()
    with pytest.raises(ValidationError, match=message):
        services.attachment_add(document=document, upload=SimpleUploadedFile(name, content), actor=admin_user)


def test_an_upload_over_20_mb_is_refused(admin_user):
    upload = SimpleUploadedFile("lon.pdf", PDF + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError, match="20 MB"):
        services.attachment_add(document=LegalDocumentFactory(), upload=upload, actor=admin_user)


def test_a_pdf_is_attached_under_a_safe_name(admin_user):
    document = LegalDocumentFactory()
    upload = SimpleUploadedFile("../../Nghị định 59.PDF", PDF)
    attachment = services.attachment_add(document=document, upload=upload, actor=admin_user)
    assert attachment.file.name.startswith(f"propaganda/documents/{document.pk}/")
    assert attachment.file.name.endswith(".pdf") and ".." not in attachment.file.name


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_public_pages_run_the_same_queries_for_few_and_many_documents(client, library, admin_user):
    law = library["law"]
    pages = lambda: [  # noqa: E731
        reverse("public_documents:list"),
        reverse("public_documents:list") + "?q=dan+chu&status=in_force",
        law.get_absolute_url(),
        reverse("public_documents:feed"),
    ]
    few = [_queries(client, url) for url in pages()]
    for n in range(30):
        other = LegalDocumentFactory(summary=f"Hướng dẫn thực hiện dân chủ số {n}")
        services.relation_add(source=other, target=law, kind="implements", actor=admin_user)
        AttachmentFactory(document=law)
    assert [_queries(client, url) for url in pages()] == few
