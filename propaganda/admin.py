from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from propaganda.models import Attachment, DocumentType, LegalDocument, Relation


@admin.register(DocumentType)
class DocumentTypeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "display_order"]


@admin.register(LegalDocument)
class LegalDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["number", "document_type", "issuing_body", "issue_date", "is_published"]
    list_filter = ["document_type", "level", "is_published"]
    list_select_related = ["document_type"]
    search_fields = ["number", "summary"]
    raw_id_fields = ["agency", "created_by"]


@admin.register(Relation)
class RelationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "kind", "target"]
    raw_id_fields = ["source", "target"]


@admin.register(Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["original_name", "document", "size", "uploaded_at"]
    raw_id_fields = ["document", "uploaded_by"]
