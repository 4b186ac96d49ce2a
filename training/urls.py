from __future__ import annotations

from django.urls import path

from training.views import attendance, certificates, classes, enrolment, imports, plans, reports

app_name = "training"
MOUNT = "training/"

urlpatterns = [
    path("", classes.class_list, name="class_list"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:year>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:year>/edit/", plans.plan_update, name="plan_update"),
    path("classes/new/", classes.class_create, name="class_create"),
    path("classes/<int:pk>/", classes.class_detail, name="class_detail"),
    path("classes/<int:pk>/edit/", classes.class_update, name="class_update"),
    path("classes/<int:pk>/materials/", classes.material_upload, name="material_upload"),
    path("classes/<int:pk>/sessions/", classes.session_list, name="session_list"),
    path("classes/<int:pk>/sessions/generate/", classes.session_generate, name="session_generate"),
    path("classes/<int:pk>/roster/", enrolment.roster, name="roster"),
    path("classes/<int:pk>/nominate/", enrolment.nominate, name="nominate"),
    path("classes/<int:pk>/roster/import/", imports.roster_import, name="roster_import"),
    path("classes/<int:pk>/roster/template.xlsx", imports.roster_template, name="roster_template"),
    path("classes/<int:pk>/attendance/", attendance.attendance_sheet, name="attendance_sheet"),
    path("classes/<int:pk>/certificates/issue/", certificates.certificate_issue, name="certificate_issue"),
    path("materials/<int:pk>/", classes.material_download, name="material_download"),
    path("materials/<int:pk>/delete/", classes.material_delete, name="material_delete"),
    path("sessions/<int:pk>/edit/", classes.session_update, name="session_update"),
    path("sessions/<int:pk>/delete/", classes.session_delete, name="session_delete"),
    path("sessions/<int:pk>/attendance/", attendance.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/attendance/all-present/", attendance.all_present, name="attendance_all_present"),
    path("enrolments/<int:pk>/decide/", enrolment.enrolment_decide, name="enrolment_decide"),
    path("enrolments/<int:pk>/withdraw/", enrolment.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<int:pk>/mark/<int:session_pk>/", attendance.mark_one, name="attendance_mark"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("absentees/", reports.absentee_list, name="absentee_list"),
    path("coverage/", reports.coverage, name="coverage"),
]

# The public verification page lives under /portal/ with the other citizen-facing pages.
certificate_patterns = (
    [path("<str:code>/", certificates.certificate_verify, name="verify")],
    "certificates",
)
PORTAL_MOUNTS = {"certificates/": certificate_patterns}
