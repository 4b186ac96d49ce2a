from __future__ import annotations

from django.urls import path

from propaganda import plan_views, posting_views, staff_views, views

app_name = "propaganda"
MOUNT = "propaganda/"

urlpatterns = [
    path("documents/", staff_views.document_list, name="document_list"),
    path("documents/new/", staff_views.document_edit, name="document_create"),
    path("documents/<int:pk>/", staff_views.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", staff_views.document_edit, name="document_update"),
    path("documents/<int:pk>/relations/", staff_views.relation_add, name="relation_add"),
    path("documents/<int:pk>/files/", staff_views.attachment_add, name="attachment_add"),
    path("documents/<int:pk>/publish/", staff_views.document_publish, name="document_publish"),
    # Yearly dissemination plans of the agencies, and Home Affairs' compliance matrix.
    path("plans/", plan_views.plan_list, name="plan_list"),
    path("plans/new/", plan_views.plan_edit, name="plan_create"),
    path("plans/matrix/", plan_views.compliance, name="compliance"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plan_views.plan_edit, name="plan_update"),
    path("plans/<int:pk>/status/", plan_views.plan_status, name="plan_status"),
    path("plans/<int:pk>/file/", plan_views.plan_file, name="plan_file"),
    path("plans/<int:pk>/activities/new/", plan_views.activity_create, name="activity_create"),
    path("activities/<int:pk>/edit/", plan_views.activity_update, name="activity_update"),
    path("activities/<int:pk>/done/", plan_views.activity_done, name="activity_done"),
    path("activities/<int:pk>/evidence/", plan_views.activity_evidence, name="activity_evidence"),
    # The posting log.
    path("postings/", posting_views.posting_list, name="posting_list"),
    path("postings/new/", posting_views.posting_edit, name="posting_create"),
    path("postings/import/", posting_views.posting_import, name="posting_import"),
    path("postings/<int:pk>/edit/", posting_views.posting_edit, name="posting_update"),
    path("postings/<int:pk>/evidence/", posting_views.posting_evidence, name="posting_evidence"),
]

# The library's public pages, on the citizens' democracy portal.
public_patterns = (
    [
        path("", views.public_document_list, name="list"),
        path("feed/", views.LatestDocumentsFeed(), name="feed"),
        path("<int:pk>/", views.public_document_detail, name="detail"),
        path("files/<int:pk>/", views.public_attachment, name="attachment"),
    ],
    "public_documents",
)
PORTAL_MOUNTS = {"documents/": public_patterns}
