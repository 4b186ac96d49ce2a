from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from reporting.urls import public_patterns
from training.urls import certificate_patterns

urlpatterns = [
    path("", include("dancoso.core.urls")),
    path("accounts/", include("dancoso.accounts.urls")),
    path("agencies/", include("dancoso.agencies.urls")),
    path("training/", include("training.urls")),
    path("portal/certificates/", include(certificate_patterns)),
    path("reports/", include("reporting.urls")),
    path("portal/reports/", include(public_patterns)),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
