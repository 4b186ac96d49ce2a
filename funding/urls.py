"""Addresses of Art. 2 (kinh phí) under /funding/."""

from __future__ import annotations

from django.urls import path

from funding import views

app_name = "funding"
MOUNT = "funding/"

urlpatterns = [
    path("lines/", views.line_list, name="line_list"),
    path("lines/new/", views.line_edit, name="line_create"),
    path("lines/import/", views.line_import, name="line_import"),
    path("lines/<int:pk>/", views.line_detail, name="line_detail"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line_update"),
    path("lines/<int:pk>/spending/new/", views.spending_add, name="spending_add"),
    path("spending/<int:pk>/delete/", views.spending_delete, name="spending_delete"),
    path("summary/", views.summary, name="summary"),
]
