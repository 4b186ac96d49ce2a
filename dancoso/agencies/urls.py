from __future__ import annotations

from django.urls import path

from dancoso.agencies import views

app_name = "agencies"

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("province/", views.province_update, name="province_update"),
    path("new/", views.agency_create, name="agency_create"),
    path("<int:pk>/", views.agency_detail, name="agency_detail"),
    path("<int:pk>/edit/", views.agency_update, name="agency_update"),
    path("<int:pk>/merge/", views.agency_merge, name="agency_merge"),
    path("<int:pk>/retire/", views.agency_retire, name="agency_retire"),
    path("<int:pk>/reactivate/", views.agency_reactivate, name="agency_reactivate"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/import/", views.person_import, name="person_import"),
    path("people/import/template.xlsx", views.person_import_template, name="person_import_template"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_update, name="person_update"),
]
