from __future__ import annotations

from django.urls import path

from propaganda import views

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
