"""Addresses of Art. 1 §4: staff pages under /emulation/, the exemplary models under /portal/exemplars/."""

from __future__ import annotations

from django.urls import path

from emulation.views import campaigns, exemplars, nominations, public, violations

app_name = "emulation"
MOUNT = "emulation/"

urlpatterns = [
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/new/", campaigns.campaign_edit, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_update"),
    path("campaigns/<int:pk>/file/", campaigns.campaign_file, name="campaign_file"),
    path("pledges/", campaigns.pledge_list, name="pledge_list"),
    path("pledges/new/", campaigns.pledge_edit, name="pledge_create"),
    path("pledges/<int:pk>/", campaigns.pledge_detail, name="pledge_detail"),
    path("pledges/<int:pk>/edit/", campaigns.pledge_edit, name="pledge_update"),
    path("pledges/<int:pk>/file/", campaigns.pledge_file, name="pledge_file"),
    *(
        path(f"pledges/<int:pk>/{step}/", campaigns.pledge_step, {"step": step}, name=f"pledge_{step}")
        for step in campaigns.PLEDGE_STEPS
    ),
    path("exemplars/", exemplars.exemplar_list, name="exemplar_list"),
    path("exemplars/new/", exemplars.exemplar_edit, name="exemplar_create"),
    path("exemplars/<int:pk>/", exemplars.exemplar_detail, name="exemplar_detail"),
    path("exemplars/<int:pk>/edit/", exemplars.exemplar_edit, name="exemplar_update"),
    path("exemplars/<int:pk>/photos/new/", exemplars.photo_add, name="photo_add"),
    *(
        path(f"exemplars/<int:pk>/{step}/", exemplars.exemplar_step, {"step": step}, name=f"exemplar_{step}")
        for step in exemplars.EXEMPLAR_STEPS
    ),
    path("photos/<int:pk>/", exemplars.photo_image, name="photo_image"),
    path("photos/<int:pk>/remove/", exemplars.photo_remove, name="photo_remove"),
    path("quotas/", nominations.quota_list, name="quota_list"),
    path("quotas/new/", nominations.quota_edit, name="quota_create"),
    path("quotas/allocate/", nominations.quota_allocate, name="quota_allocate"),
    path("quotas/<int:pk>/edit/", nominations.quota_edit, name="quota_update"),
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path("nominations/new/", nominations.nomination_edit, name="nomination_create"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/edit/", nominations.nomination_edit, name="nomination_update"),
    path("nominations/<int:pk>/files/new/", nominations.nomination_file_add, name="nomination_file_add"),
    path(
        "nominations/<int:pk>/certificate/", nominations.nomination_certificate, name="nomination_certificate"
    ),
    *(
        path(
            f"nominations/<int:pk>/{step}/",
            nominations.nomination_step,
            {"step": step},
            name=f"nomination_{step}",
        )
        for step in nominations.NOMINATION_STEPS
    ),
    path("nomination-files/<int:pk>/", nominations.nomination_file, name="nomination_file"),
    path("violations/", violations.violation_list, name="violation_list"),
    path("violations/new/", violations.violation_edit, name="violation_create"),
    path("violations/<int:pk>/", violations.violation_detail, name="violation_detail"),
    path("violations/<int:pk>/edit/", violations.violation_edit, name="violation_update"),
]

# The exemplary models on the democracy portal (views/public.py).
public_patterns = (
    [
        path("", public.exemplar_list, name="list"),
        path("<int:pk>/", public.exemplar_detail, name="detail"),
        path("photos/<int:pk>/", public.photo, name="photo"),
    ],
    "public_exemplars",
)
PORTAL_MOUNTS = {"exemplars/": public_patterns}
