"""Addresses of Art. 1 §3: staff pages under /accountability/, the citizens' feedback under /portal/feedback/.

Each part adds its block below; the views live in ``accountability/views/<part>.py``.
"""

from __future__ import annotations

from django.urls import path

app_name = "accountability"
MOUNT = "accountability/"

urlpatterns: list = []

# -- Disclosures and consultations (views/disclosures.py, views/consultations.py).

# -- Staff conferences and People's Inspection Boards (views/conferences.py, views/boards.py).

# -- Petitions and feedback (views/petitions.py).

# The citizens' pages on the democracy portal (views/public.py).
public_patterns: tuple[list, str] = ([], "public_feedback")
PORTAL_MOUNTS = {"feedback/": public_patterns}
