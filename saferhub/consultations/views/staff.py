"""Staff pages: the survey list and builder (survey, sections, questions, dates), keying in a paper
return, results before publication, free-text coding into themes, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from saferhub.consultations import actions, queries, reporting, rules
from saferhub.consultations.forms import (
    AnswerForm,
    ChannelForm,
    PublishForm,
    QuestionForm,
    ScheduleForm,
    SectionForm,
    SurveyForm,
    ThemeForm,
)
from saferhub.consultations.models import Answer, Survey
from saferhub.core.exceptions import RuleViolation
from saferhub.core.forms import run_form
from saferhub.core.params import parse_id, parse_page
from saferhub.core.permissions import can


def _staff_survey(request, slug: str, perm: str = "consultations.manage") -> Survey:
    survey = queries.survey_with_questions(slug[:80])
    if survey is None or not can(request.user, perm, survey):
        raise Http404
    return survey


@login_required
def index(request):
    if not can(request.user, "consultations.manage"):
        raise Http404
    today = timezone.localdate()
    surveys = [(s, rules.STATUS_LABELS[s.status_on(today)]) for s in queries.surveys()]
    return render(request, "consultations/staff_index.html", {"surveys": surveys})


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not can(request.user, "consultations.manage"):
        raise Http404
    form = SurveyForm(request.POST if request.method == "POST" else None)
    done = run_form(form, lambda data: actions.create_survey(acting_user=request.user, **data)) if (
        request.method == "POST") else None
    if done:
        messages.success(request, "Survey created. Now add its sections and questions.")
        return redirect("consultations:detail", slug=done.slug)
    return render(request, "consultations/form_page.html", {"form": form, "title": "Create a survey",
                                                             "button": "Create survey"})


@login_required
def detail(request, slug):
    survey = _staff_survey(request, slug)
    counts = {c.label: c.count for c in queries.results(survey).channels}
    return render(request, "consultations/detail.html", {
        "survey": survey, "questions": list(survey.questions.all()), "sections": list(survey.sections.all()),
        "status": survey.status_on(timezone.localdate()),
        "status_label": rules.STATUS_LABELS[survey.status_on(timezone.localdate())],
        "channels": counts, "responses": sum(counts.values()),
        "retention_ends": rules.retention_ends(survey.closes_on, survey.retention_days)})


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request, slug):
    survey = _staff_survey(request, slug)
    form = ScheduleForm(request.POST if request.method == "POST" else None, initial={"opens_on": survey.opens_on, "closes_on": survey.closes_on,
                                                      "retention_days": survey.retention_days})
    if request.method == "POST" and run_form(form, lambda d: actions.set_schedule(survey, acting_user=request.user,
                                                                                   **d)):
        messages.success(request, "Dates saved.")
        return redirect("consultations:detail", slug=survey.slug)
    return render(request, "consultations/form_page.html", {"form": form, "survey": survey,
                                                             "title": "Change dates and retention",
                                                             "button": "Save dates"})


@login_required
@require_POST
def open_survey(request, slug):
    """Open a draft survey to the public; a refusal (no questions, dates) is shown on the survey's page."""
    survey = _staff_survey(request, slug)
    try:
        actions.open_survey(survey, acting_user=request.user)
    except RuleViolation as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, "Survey opened. It is now on the public consultations page.")
    return redirect("consultations:detail", slug=survey.slug)


@login_required
@require_http_methods(["GET", "POST"])
def add_section(request, slug):
    survey = _staff_survey(request, slug)
    form = SectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and run_form(form, lambda d: actions.add_section(survey, acting_user=request.user,
                                                                                  **d)):
        messages.success(request, "Section added.")
        return redirect("consultations:detail", slug=survey.slug)
    return render(request, "consultations/form_page.html", {"form": form, "survey": survey, "title": "Add a section",
                                                             "button": "Add section"})


@login_required
@require_http_methods(["GET", "POST"])
def add_question(request, slug):
    survey = _staff_survey(request, slug)
    form = QuestionForm(request.POST if request.method == "POST" else None, sections=list(survey.sections.all()))
    if request.method == "POST" and run_form(
            form, lambda d: actions.add_question(survey, acting_user=request.user, **form.action_kwargs())):
        messages.success(request, "Question added.")
        return redirect("consultations:detail", slug=survey.slug)
    return render(request, "consultations/form_page.html", {"form": form, "survey": survey,
                                                             "title": "Add a question", "button": "Add question"})


@login_required
@require_http_methods(["GET", "POST"])
def paper(request, slug):
    """Key in a paper, email or event return: every question on one page, none of them required."""
    survey = _staff_survey(request, slug, "consultations.key_in")
    data = request.POST if request.method == "POST" else None
    channel_form = ChannelForm(data, prefix="meta")
    forms = [AnswerForm(q, data, prefix=q.key, heading=False, keyed_in=True) for q in survey.questions.all()]
    error = None
    if request.method == "POST" and channel_form.is_valid() and all([f.is_valid() for f in forms]):
        answers = {f.question.key: f.answer.as_session() for f in forms}
        try:
            actions.submit_response(survey, acting_user=request.user, answers=answers,
                                    channel=channel_form.cleaned_data["channel"])
        except RuleViolation as exc:
            error = exc.text
        else:
            messages.success(request, "Response saved. You can key in the next one.")
            return redirect("consultations:paper", slug=survey.slug)
    errors = channel_form.error_list() + [item for f in forms for item in f.error_list()]
    return render(request, "consultations/paper.html", {"survey": survey, "channel_form": channel_form,
                                                         "forms": forms, "errors": errors, "error": error})


@login_required
def results(request, slug):
    survey = _staff_survey(request, slug, "consultations.view_results")
    ctx = reporting.context(survey, public=False)
    ctx["publish_form"] = PublishForm(initial={"summary": survey.results_summary})
    return render(request, "consultations/results.html", ctx)


@login_required
def results_pdf(request, slug):
    return reporting.pdf_response(_staff_survey(request, slug, "consultations.view_results"))


@login_required
@require_POST
def publish(request, slug):
    survey = _staff_survey(request, slug)
    form = PublishForm(request.POST)
    try:
        if request.POST.get("withdraw"):
            actions.withdraw_results(survey, acting_user=request.user)
            messages.success(request, "Results withdrawn: they are no longer public.")
        elif form.is_valid():
            actions.publish_results(survey, acting_user=request.user, summary=form.cleaned_data["summary"])
            messages.success(request, "Results published.")
    except RuleViolation as exc:
        messages.error(request, exc.text)
    return redirect("consultations:staff-results", slug=survey.slug)


@login_required
@require_http_methods(["GET", "POST"])
def coding(request, slug, key):
    """Code a question's typed answers into themes; the ranked list of themes is shown above them."""
    survey = _staff_survey(request, slug, "consultations.code")
    question = next((q for q in survey.questions.all() if q.key == key[:60]), None)
    if question is None:
        raise Http404
    themes = list(question.themes.all())
    theme_form = ThemeForm(request.POST if request.POST.get("form") == "theme" else None)
    if request.method == "POST":
        if request.POST.get("form") == "theme":
            if run_form(theme_form, lambda d: actions.add_theme(question, acting_user=request.user, **d)):
                messages.success(request, "Theme added.")
                return redirect(request.get_full_path())
        else:
            answer = Answer.objects.filter(question=question, pk=parse_id(request.POST.get("answer"))).first()
            if answer is None:
                raise Http404
            chosen = {parse_id(v) for v in request.POST.getlist("themes")}
            try:
                actions.code_answer(answer, acting_user=request.user, themes=[t for t in themes if t.pk in chosen])
            except RuleViolation as exc:
                messages.error(request, exc.text)
            else:
                messages.success(request, "Coding saved.")
            return redirect(request.get_full_path())
    paginator = Paginator(queries.typed_answers(question), 25)
    page = paginator.get_page(parse_page(request.GET.get("page"), last=paginator.num_pages))
    result = next(r for r in queries.results(survey).questions if r.question.pk == question.pk)
    return render(request, "consultations/coding.html", {
        "survey": survey, "question": question, "themes": themes, "theme_form": theme_form, "page": page,
        "answers": [(a, {c.theme_id for c in a.codings.all()}) for a in page.object_list], "result": result,
        "form": theme_form})
