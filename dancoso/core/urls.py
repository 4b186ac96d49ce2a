from __future__ import annotations

from django.urls import include, path

from dancoso.core import reference_views, views

portal_patterns = (
    [path("", views.portal_home, name="home")],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<str:section>/<str:table>/", views.figures_table, name="figures_table"),
    path("reference/", reference_views.reference_index, name="reference_index"),
    path("reference/<str:model>/", reference_views.reference_list, name="reference_list"),
    path("reference/<str:model>/new/", reference_views.reference_create, name="reference_create"),
    path("reference/<str:model>/<int:pk>/edit/", reference_views.reference_update, name="reference_update"),
    path("reference/<str:model>/<int:pk>/delete/", reference_views.reference_delete, name="reference_delete"),
    path("calendar/", reference_views.calendar, name="calendar"),
]
