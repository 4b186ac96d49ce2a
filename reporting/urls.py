from __future__ import annotations

from django.urls import path

from reporting import views

app_name = "reporting"
MOUNT = "reports/"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("<int:year>/", views.report_detail, name="report_detail"),
    path("<int:year>/header/", views.report_header, name="report_header"),
    path("<int:year>/narrative/", views.report_narrative, name="report_narrative"),
    path("<int:year>/generate/", views.report_generate, name="report_generate"),
    path("<int:year>/narrative/drafts/", views.report_fill_drafts, name="report_fill_drafts"),
    path("sentences/", views.sentences_edit, name="sentences"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/progress/", views.version_progress, name="version_progress"),
    path("versions/<int:pk>/retry/", views.version_retry, name="version_retry"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version_submit"),
    path("versions/<int:pk>/publish/", views.version_publish, name="version_publish"),
    path("versions/<int:pk>/<str:kind>/", views.version_download, name="version_download"),
]

# Submitted reports that Home Affairs chose to publish, on the citizens' portal.
public_patterns = (
    [
        path("", views.public_report_list, name="list"),
        path("<int:pk>/<str:kind>/", views.public_report_download, name="download"),
    ],
    "public_reports",
)
PORTAL_MOUNTS = {"reports/": public_patterns}
