"""Addresses of Art. 1 §5: the IT systems register under /digital/."""

from __future__ import annotations

from django.urls import path

from digital import views

app_name = "digital"
MOUNT = "digital/"

urlpatterns = [
    path("systems/", views.system_list, name="system_list"),
    path("systems.json", views.system_register, name="system_register"),
    path("systems/new/", views.system_edit, name="system_create"),
    path("systems/<int:pk>/", views.system_detail, name="system_detail"),
    path("systems/<int:pk>/edit/", views.system_edit, name="system_update"),
    path("systems/<int:pk>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", views.milestone_update, name="milestone_update"),
    path("milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
]
