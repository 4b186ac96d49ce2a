from __future__ import annotations

app_name = "agencies"

urlpatterns: list = []
