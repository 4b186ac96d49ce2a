"""The project's addresses: the core's pages, then every app that declares where it is mounted.

A measure app's ``urls.py`` sets ``MOUNT`` (its staff pages, e.g. ``"training/"``) and may set
``PORTAL_MOUNTS`` ({folder under ``/portal/``: patterns}) for its public pages, so the core names no app.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from dancoso.core.discovery import app_modules

urlpatterns = [
    path("", include("dancoso.core.urls")),
    path("accounts/", include("dancoso.accounts.urls")),
    path("agencies/", include("dancoso.agencies.urls")),
    path("admin/", admin.site.urls),
]

for _config, module in app_modules("urls"):
    if hasattr(module, "MOUNT"):
        urlpatterns.append(path(module.MOUNT, include(module.__name__)))
    for folder, patterns in getattr(module, "PORTAL_MOUNTS", {}).items():
        urlpatterns.append(path(f"portal/{folder}", include(patterns)))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
