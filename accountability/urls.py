"""Addresses of Art. 1 §3: staff pages under /accountability/, the citizens' feedback under /portal/feedback/.

Each part adds its block below; the views live in ``accountability/views/<part>.py``.
"""

from __future__ import annotations

from django.urls import path

from accountability.views import petitions, public

app_name = "accountability"
MOUNT = "accountability/"

urlpatterns: list = []

# -- Disclosures and consultations (views/disclosures.py, views/consultations.py).

# -- Staff conferences and People's Inspection Boards (views/conferences.py, views/boards.py).

# -- Petitions and feedback (views/petitions.py).
urlpatterns += [
    path("petitions/", petitions.petition_list, name="petition_list"),
    path("petitions/new/", petitions.petition_create, name="petition_create"),
    path("petitions/overdue/", petitions.petition_overdue, name="petition_overdue"),
    path("petitions/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    *(
        path(f"petitions/<int:pk>/{step}/", petitions.petition_step, {"step": step}, name=f"petition_{step}")
        for step in petitions.STEPS
    ),
    path(
        "petitions/<int:pk>/files/<int:file_pk>/", petitions.petition_attachment, name="petition_attachment"
    ),
    path("petitions/<int:pk>/answer-file/", petitions.petition_answer_file, name="petition_answer_file"),
]

# The citizens' pages on the democracy portal (views/public.py).
public_patterns = (
    [
        path("", public.feedback_lookup, name="lookup"),
        path("new/", public.feedback_new, name="new"),
        path("<str:code>/", public.feedback_track, name="track"),
        path("<str:code>/answer/", public.feedback_answer_file, name="answer_file"),
    ],
    "public_feedback",
)
PORTAL_MOUNTS = {"feedback/": public_patterns}
