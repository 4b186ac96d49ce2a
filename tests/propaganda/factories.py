from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

PDF = b"%PDF-1.4\n%test\n"


class DocumentTypeFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.DocumentType"
        django_get_or_create = ("name",)

    name = "Nghị định"


class LegalDocumentFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.LegalDocument"

    number = factory.Sequence(lambda n: f"{n + 1}/2023/NĐ-CP")
    document_type = factory.SubFactory(DocumentTypeFactory)
    issuing_body = "Chính phủ"
    issue_date = dt.date(2023, 8, 14)
    summary = "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở"
    level = "central"
    is_published = True


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.Attachment"

    document = factory.SubFactory(LegalDocumentFactory)
    original_name = "van-ban.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="van-ban.pdf"))
