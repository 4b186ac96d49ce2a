from __future__ import annotations

from django.urls import include, path

from dancoso.core import views

portal_patterns = (
    [path("", views.portal_home, name="home")],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<str:section>/<str:table>/", views.figures_table, name="figures_table"),
]
