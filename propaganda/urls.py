from __future__ import annotations

from django.urls import path

from propaganda import staff_views, views

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
