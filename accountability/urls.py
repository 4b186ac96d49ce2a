"""Addresses of Art. 1 §3: staff pages under /accountability/, the citizens' feedback under /portal/feedback/.

Each part adds its block below; the views live in ``accountability/views/<part>.py``.
"""

from __future__ import annotations

from django.urls import path

from accountability.views import boards, conferences, disclosures, evaluation, petitions, public

app_name = "accountability"
MOUNT = "accountability/"

urlpatterns: list = []

# -- Disclosures and consultations (views/disclosures.py).
urlpatterns += [
    path("disclosures/", disclosures.disclosure_list, name="disclosure_list"),
    path("disclosures/new/", disclosures.disclosure_edit, name="disclosure_create"),
    path("disclosures/matrix/", disclosures.disclosure_matrix, name="disclosure_matrix"),
    path("disclosures/<int:pk>/", disclosures.disclosure_detail, name="disclosure_detail"),
    path("disclosures/<int:pk>/edit/", disclosures.disclosure_edit, name="disclosure_update"),
    path("disclosures/<int:pk>/file/", disclosures.disclosure_file, name="disclosure_file"),
    path("consultations/", disclosures.consultation_list, name="consultation_list"),
    path("consultations/new/", disclosures.consultation_edit, name="consultation_create"),
    path("consultations/<int:pk>/", disclosures.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/edit/", disclosures.consultation_edit, name="consultation_update"),
    path("consultations/<int:pk>/file/", disclosures.consultation_file, name="consultation_file"),
]

# -- Staff conferences and People's Inspection Boards (views/conferences.py, views/boards.py).

urlpatterns += [
    path("conferences/", conferences.conference_list, name="conference_list"),
    path("conferences/new/", conferences.conference_edit, name="conference_create"),
    path("conferences/matrix/", conferences.conference_matrix, name="conference_matrix"),
    path("conferences/<int:pk>/", conferences.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/edit/", conferences.conference_edit, name="conference_update"),
    path("conferences/<int:pk>/minutes/", conferences.conference_minutes, name="conference_minutes"),
    path("conferences/<int:pk>/resolutions/new/", conferences.resolution_create, name="resolution_create"),
    path("resolutions/<int:pk>/edit/", conferences.resolution_update, name="resolution_update"),
    path("boards/", boards.board_list, name="board_list"),
    path("boards/new/", boards.board_edit, name="board_create"),
    path("boards/<int:pk>/", boards.board_detail, name="board_detail"),
    path("boards/<int:pk>/edit/", boards.board_edit, name="board_update"),
    path("boards/<int:pk>/members/new/", boards.member_add, name="member_add"),
    path("members/<int:pk>/remove/", boards.member_remove, name="member_remove"),
    path("boards/<int:pk>/supervision/new/", boards.supervision_create, name="supervision_create"),
    path("supervision/<int:pk>/edit/", boards.supervision_update, name="supervision_update"),
    path("supervision/<int:pk>/file/", boards.supervision_file, name="supervision_file"),
]

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

# -- The yearly evaluation and ranking (views/evaluation.py).
urlpatterns += [
    path("evaluation/", evaluation.evaluation_list, name="evaluation_list"),
    path("evaluation/prepare/", evaluation.evaluation_prepare, name="evaluation_prepare"),
    path("evaluation/<int:year>/", evaluation.evaluation_detail, name="evaluation_detail"),
    path("evaluation/<int:year>/rubric/", evaluation.evaluation_rubric, name="evaluation_rubric"),
    path("evaluation/<int:year>/settings/", evaluation.evaluation_settings, name="evaluation_settings"),
    path("evaluation/<int:year>/criteria/new/", evaluation.criterion_edit, name="criterion_create"),
    path("evaluation/criteria/<int:pk>/edit/", evaluation.criterion_edit, name="criterion_update"),
    path("evaluation/criteria/<int:pk>/delete/", evaluation.criterion_delete, name="criterion_delete"),
    *(
        path(
            f"evaluation/steps/<int:pk>/{step}/",
            evaluation.evaluation_step,
            {"step": step},
            name=f"evaluation_{step}",
        )
        for step in evaluation.EVALUATION_STEPS
    ),
    path("evaluation/<int:year>/<int:agency>/", evaluation.scorecard_detail, name="scorecard"),
    path("evaluation/<int:year>/<int:agency>/self/", evaluation.scorecard_edit, name="scorecard_edit"),
    *(
        path(
            f"evaluation/scorecards/<int:pk>/{step}/",
            evaluation.scorecard_step,
            {"step": step},
            name=f"scorecard_{step}",
        )
        for step in evaluation.SCORECARD_STEPS
    ),
    path("evaluation/scorecards/<int:pk>/decide/", evaluation.scorecard_decide, name="scorecard_decide"),
    path("evaluation/scores/<int:pk>/adjust/", evaluation.score_adjust, name="score_adjust"),
    path("evaluation/scores/<int:pk>/evidence/", evaluation.evidence_add, name="evidence_add"),
    path("evaluation/evidence/<int:pk>/", evaluation.evidence_file, name="evidence_file"),
    path("evaluation/evidence/<int:pk>/remove/", evaluation.evidence_remove, name="evidence_remove"),
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
