"""Pages of the yearly evaluation and ranking (Art. 1 §3c): the years, a year's ranking with its workflow,
the rubric and its rules, and each agency's scorecard with its evidence, adjustments and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accountability.exports import evaluation as exports
from accountability.forms.evaluation import (
    AdjustForm,
    CriterionForm,
    DecideForm,
    EvidenceForm,
    PrepareForm,
    RankingFilterForm,
    ScorecardForm,
    SettingsForm,
)
from accountability.forms.petitions import ReasonForm
from accountability.models import EvaluationStatus, Level, ScorecardStatus
from accountability.scoring import score_points
from accountability.selectors import evaluation as selectors
from accountability.services import evaluation as services
from dancoso.accounts.access import (
    allows,
    can_read_all,
    can_read_any,
    is_province_admin,
    province_admin_required,
    user_passes,
)
from dancoso.core.history import history_rows
from dancoso.core.lists import call_service, page_of, posted, run_service, valid_filters
from dancoso.core.steps import Step, available, step_view
from dancoso.core.uploads import file_download

readers_required = user_passes(can_read_any)


@readers_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    evaluations = selectors.evaluation_list(user=request.user)
    form = (
        PrepareForm(initial={"year": selectors.default_year()}) if is_province_admin(request.user) else None
    )
    context = {"evaluations": evaluations, "form": form}
    return render(request, "accountability/evaluation_list.html", context)


@province_admin_required
def evaluation_prepare(request: HttpRequest) -> HttpResponse:
    form = PrepareForm(posted(request), initial={"year": selectors.default_year()})
    if form.is_valid():
        evaluation = call_service(form, services.evaluation_prepare, actor=request.user, **form.cleaned_data)
        if evaluation is not None:
            messages.success(request, _("The rubric has been copied: review it, then open the year."))
            return redirect("accountability:evaluation_rubric", evaluation.year)
    return render(
        request, "accountability/evaluation_prepare.html", {"form": form}, status=400 if form.errors else 200
    )


EVALUATION_STEPS = {
    "open": Step(
        gettext_lazy("Open the year and compute the points"),
        services.evaluation_open,
        (EvaluationStatus.PREPARING,),
        gettext_lazy("The year is open: every agency's points have been computed from its figures."),
    ),
    "refresh": Step(
        gettext_lazy("Compute the points again from today's figures"),
        services.evaluation_refresh,
        (EvaluationStatus.OPEN,),
        gettext_lazy("The points have been computed again."),
        style="outline-primary",
    ),
    "lock": Step(
        gettext_lazy("Lock the results"),
        services.evaluation_lock,
        (EvaluationStatus.OPEN,),
        gettext_lazy("The results are locked: nothing can change any more."),
        style="success",
    ),
    "reopen": Step(
        gettext_lazy("Reopen to correct"),
        services.evaluation_reopen,
        (EvaluationStatus.LOCKED,),
        gettext_lazy("The evaluation is open again; the reason is in its history."),
        form=ReasonForm,
        fields=("reason",),
        style="outline-danger",
    ),
}


def _ranking_page(request: HttpRequest, evaluation: object, bound: object = None) -> HttpResponse:
    form = RankingFilterForm(request.GET)
    standing = selectors.ranking_of(evaluation)
    rows = standing.rows(request.user, valid_filters(form))
    if request.GET.get("export") == "xlsx":
        return exports.ranking_xlsx(standing, rows)
    context = {
        "evaluation": evaluation,
        "standing": standing,
        "form": form,
        "page_obj": page_of(request, rows),
        "distribution": _distribution(standing, request.user),
        "tied": [card for card in standing.cards if card.pk in standing.ranking.tied],
        "steps": available(
            request.user, evaluation, EVALUATION_STEPS, url_prefix="accountability:evaluation", bound=bound
        ),
        "history": history_rows(evaluation) if is_province_admin(request.user) else [],
    }
    return render(request, "accountability/evaluation_detail.html", context, status=400 if bound else 200)


def _distribution(standing: selectors.Standing, user: object) -> list[tuple[Level, int, float]]:
    """Each level with its count and share of the agencies; before the lock only for those who read all."""
    if not (standing.evaluation.is_locked or can_read_all(user)):
        return []
    counts = standing.ranking.distribution()
    total = len(standing.cards) or 1
    return [(level, counts[level], counts[level] * 100 / total) for level in Level]


@readers_required
def evaluation_detail(request: HttpRequest, year: int) -> HttpResponse:
    return _ranking_page(request, selectors.get_evaluation_for_user(request.user, year))


@province_admin_required
def evaluation_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    evaluation = selectors.get_evaluation_by_pk(request.user, pk)
    return step_view(
        request,
        evaluation,
        step,
        EVALUATION_STEPS,
        keyword="evaluation",
        page=lambda refused: _ranking_page(
            request, selectors.get_evaluation_by_pk(request.user, pk), refused
        ),
    )


# The rubric and the ranking rules.


@readers_required
def evaluation_rubric(request: HttpRequest, year: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for_user(request.user, year)
    criteria = selectors.criteria_of(evaluation)
    context = {
        "evaluation": evaluation,
        "criteria": criteria,
        "warnings": services.rubric_warnings(evaluation, criteria),
        "indicators": selectors.indicator_labels(evaluation),
        "can_edit": is_province_admin(request.user) and evaluation.is_preparing,
        "can_set": is_province_admin(request.user) and not evaluation.is_locked,
    }
    return render(request, "accountability/evaluation_rubric.html", context)


@province_admin_required
def evaluation_settings(request: HttpRequest, year: int) -> HttpResponse:
    evaluation = selectors.get_evaluation_for_user(request.user, year, write=True)
    form = SettingsForm(posted(request), instance=evaluation)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
        if call_service(
            form, services.evaluation_settings_save, evaluation=evaluation, actor=request.user, **fields
        ):
            messages.success(request, _("The ranking rules have been saved."))
            return redirect("accountability:evaluation_rubric", year)
    status = 400 if form.errors else 200
    return render(
        request,
        "accountability/evaluation_settings.html",
        {"form": form, "evaluation": evaluation},
        status=status,
    )


@province_admin_required
def criterion_edit(request: HttpRequest, year: int | None = None, pk: int | None = None) -> HttpResponse:
    criterion = selectors.get_criterion_for_user(request.user, pk) if pk else None
    evaluation = (
        criterion.evaluation
        if criterion
        else selectors.get_evaluation_for_user(request.user, year, write=True)
    )
    form = CriterionForm(posted(request), instance=criterion, evaluation=evaluation)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CRITERION_FIELDS}
        saved = call_service(
            form,
            services.criterion_save,
            evaluation=evaluation,
            criterion=criterion,
            actor=request.user,
            **fields,
        )
        if saved is not None:
            messages.success(request, _("The criterion has been saved."))
            return redirect("accountability:evaluation_rubric", evaluation.year)
    context = {"form": form, "evaluation": evaluation, "criterion": criterion}
    return render(request, "accountability/criterion_form.html", context, status=400 if form.errors else 200)


@province_admin_required
def criterion_delete(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = selectors.get_criterion_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    success = _("The criterion has been removed from the rubric.")
    run_service(request, services.criterion_delete, success=success, criterion=criterion, actor=request.user)
    return redirect("accountability:evaluation_rubric", criterion.evaluation.year)


# The agency's scorecard.

SCORECARD_STEPS = {
    "submit": Step(
        gettext_lazy("Submit to the Department of Home Affairs"),
        services.scorecard_submit,
        (ScorecardStatus.DRAFT,),
        gettext_lazy("The scorecard has been submitted."),
    ),
    "return": Step(
        gettext_lazy("Return to the agency"),
        services.scorecard_return,
        (ScorecardStatus.SUBMITTED,),
        gettext_lazy("The scorecard has been returned to the agency."),
        form=ReasonForm,
        fields=("reason",),
        action="review",
        style="outline-danger",
    ),
}


def _scorecard_page(
    request: HttpRequest,
    scorecard: object,
    *,
    bound: object = None,
    decide: DecideForm | None = None,
    evidence: tuple[int, EvidenceForm] | None = None,
) -> HttpResponse:
    evaluation = scorecard.evaluation
    standing = selectors.ranking_of(evaluation)
    scores = selectors.scores_of(scorecard)
    is_open = evaluation.is_open
    can_fill = is_open and scorecard.is_draft and allows(request.user, scorecard, "write")
    can_review = is_open and allows(request.user, scorecard, "review")
    steps = (
        available(
            request.user, scorecard, SCORECARD_STEPS, url_prefix="accountability:scorecard", bound=bound
        )
        if is_open
        else []
    )
    context = {
        "evaluation": evaluation,
        "scorecard": scorecard,
        "rows": [
            {"score": score, "points": score_points(score.criterion, score, submitted=not scorecard.is_draft)}
            for score in scores
        ],
        "totals": standing.totals[scorecard.pk],
        "placement": standing.placement(scorecard),
        "ranking": standing.ranking,
        "indicators": selectors.indicator_labels(evaluation),
        "can_fill": can_fill,
        "can_review": can_review,
        "evidence_form": evidence[1] if evidence else (EvidenceForm() if can_fill else None),
        "evidence_for": evidence[0] if evidence else None,
        "decide_form": decide
        or (DecideForm(instance=scorecard, auto_id="id_decide_%s") if can_review else None),
        "steps": steps,
        "history": history_rows(scorecard) if allows(request.user, scorecard, "write") or can_review else [],
    }
    status = 400 if bound or (decide and decide.errors) or evidence else 200
    return render(request, "accountability/scorecard_detail.html", context, status=status)


@readers_required
def scorecard_detail(request: HttpRequest, year: int, agency: int) -> HttpResponse:
    return _scorecard_page(request, selectors.get_scorecard_for_user(request.user, year, agency))


@readers_required
def scorecard_edit(request: HttpRequest, year: int, agency: int) -> HttpResponse:
    scorecard = selectors.get_scorecard_for_user(request.user, year, agency, action="write")
    if not (scorecard.evaluation.is_open and scorecard.is_draft):
        messages.error(
            request, _("The scorecard can be completed while the year is open and it is not submitted.")
        )
        return redirect(scorecard)
    scores = selectors.scores_of(scorecard)
    form = ScorecardForm(
        posted(request), scores=scores, initial={"self_assessment": scorecard.self_assessment}
    )
    if form.is_valid():
        saved = call_service(
            form,
            services.scorecard_save,
            scorecard=scorecard,
            actor=request.user,
            self_assessment=form.cleaned_data["self_assessment"],
            claims=form.claims(),
        )
        if saved is not None:
            messages.success(
                request, _("The self-assessment has been saved. Add evidence files, then submit.")
            )
            return redirect(scorecard)
    context = {"form": form, "scorecard": scorecard, "evaluation": scorecard.evaluation}
    return render(request, "accountability/scorecard_form.html", context, status=400 if form.errors else 200)


@readers_required
def scorecard_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    scorecard = selectors.get_scorecard_by_pk(request.user, pk)
    return step_view(
        request,
        scorecard,
        step,
        SCORECARD_STEPS,
        keyword="scorecard",
        page=lambda refused: _scorecard_page(
            request, selectors.get_scorecard_by_pk(request.user, pk), bound=refused
        ),
    )


@province_admin_required
def scorecard_decide(request: HttpRequest, pk: int) -> HttpResponse:
    scorecard = selectors.get_scorecard_by_pk(request.user, pk, action="review")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = DecideForm(request.POST, instance=scorecard, auto_id="id_decide_%s")
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in DecideForm.Meta.fields}
        if call_service(form, services.scorecard_decide, scorecard=scorecard, actor=request.user, **fields):
            messages.success(request, _("The decision on the levels has been recorded."))
            return redirect(scorecard)
    return _scorecard_page(request, selectors.get_scorecard_by_pk(request.user, pk), decide=form)


@province_admin_required
def score_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    score = selectors.get_score_for_user(request.user, pk, action="review")
    initial = {"points": score.adjusted, "reason": score.adjustment_reason}
    form = AdjustForm(posted(request), initial=initial)
    adjusted = form.is_valid() and call_service(
        form, services.score_adjust, score=score, actor=request.user, **form.cleaned_data
    )
    if adjusted:
        messages.success(request, _("The adjustment has been recorded with its reason."))
        return redirect(score.scorecard)
    context = {
        "form": form,
        "score": score,
        "scorecard": score.scorecard,
        "evaluation": score.scorecard.evaluation,
    }
    return render(request, "accountability/score_adjust.html", context, status=400 if form.errors else 200)


@readers_required
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    score = selectors.get_score_for_user(request.user, pk, action="write")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if call_service(form, services.evidence_add, score=score, upload=upload, actor=request.user):
            messages.success(request, _("The evidence file has been added."))
            return redirect(score.scorecard)
    return _scorecard_page(
        request, selectors.get_scorecard_by_pk(request.user, score.scorecard_id), evidence=(score.pk, form)
    )


@readers_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_evidence_for_user(request.user, pk)
    return file_download(row.file, filename=row.original_name)


@readers_required
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_evidence_for_user(request.user, pk, action="write")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    success = _("The evidence file has been removed.")
    run_service(request, services.evidence_remove, success=success, evidence=row, actor=request.user)
    return redirect(row.score.scorecard)
