"""The public pages: the list of consultations, a survey's start page, one question per page, "Check your
answers", the confirmation, and published results (HTML and PDF).

Answers stay in the visitor's session until they send the response: nothing is written before, so a
person who leaves part-way leaves nothing behind (seed 003:1316). "Stop and delete my answers" clears them."""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from saferhub.consultations import actions, queries, reporting, rules
from saferhub.consultations.forms import AnswerForm, HoneypotForm
from saferhub.consultations.models import QuestionKind, Survey
from saferhub.core import ratelimit
from saferhub.core.exceptions import RuleViolation

#: (requests, seconds) per client address: answering is generous, sending a response is not.
DEFAULT_LIMITS = {"answer": (200, 600), "submit": (5, 3600)}


def _limits() -> dict[str, tuple[int, int]]:
    return {**DEFAULT_LIMITS, **getattr(settings, "CONSULTATIONS_RATE_LIMITS", {})}


def rate_limited(scope: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            allowed, window = _limits()[scope]
            if request.method == "POST" and ratelimit.over_limit(request, scope, allowed=allowed, window=window,
                                                                 prefix="consult-rate"):
                response = render(request, "consultations/too_many_requests.html",
                                  {"minutes": max(1, window // 60)}, status=429)
                response["Retry-After"] = str(window)
                return response
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


def _survey(slug: str) -> Survey:
    survey = queries.survey_with_questions(slug[:80], public=True)
    if survey is None:  # a draft is not public: 404, as if it did not exist
        raise Http404
    return survey


def _status(survey: Survey) -> str:
    return survey.status_on(timezone.localdate())


def _store(request, survey: Survey) -> dict:
    return request.session.get(f"consultation:{survey.pk}") or {"answers": {}}


def _save_store(request, survey: Survey, store: dict) -> None:
    request.session[f"consultation:{survey.pk}"] = store


def _clear(request, survey: Survey) -> None:
    request.session.pop(f"consultation:{survey.pk}", None)


def index(request):
    today = timezone.localdate()
    surveys = list(queries.public_surveys())
    return render(request, "consultations/public_index.html", {
        "open": [s for s in surveys if s.status_on(today) == "open"],
        "upcoming": [s for s in surveys if s.status_on(today) == "not_open"],
        "published": [s for s in surveys if s.results_published_at]})


def start(request, slug):
    survey = _survey(slug)
    questions = list(survey.questions.all())
    return render(request, "consultations/start.html", {
        "survey": survey, "status": _status(survey), "first": questions[0] if questions else None,
        "question_count": len(questions), "started": bool(_store(request, survey)["answers"])})


@rate_limited("answer")
@require_http_methods(["GET", "POST"])
def question(request, slug, key):
    survey = _survey(slug)
    if _status(survey) != "open":
        return redirect("consultations:start", slug=survey.slug)
    questions = list(survey.questions.all())
    index = next((i for i, q in enumerate(questions) if q.key == key[:60]), None)
    if index is None:
        raise Http404
    q = questions[index]
    store = _store(request, survey)
    checking = request.GET.get("change") == "1"
    form = AnswerForm(q, request.POST if request.method == "POST" else None, prefix="q")
    if request.method == "POST" and form.is_valid():
        store["answers"][q.key] = form.answer.as_session()
        _save_store(request, survey, store)
        if checking or index + 1 == len(questions):
            return redirect("consultations:check", slug=survey.slug)
        return redirect("consultations:question", slug=survey.slug, key=questions[index + 1].key)
    if request.method == "GET":
        form.initial_from(store["answers"].get(q.key))
    back = (reverse("consultations:check", args=[survey.slug]) if checking else
            reverse("consultations:question", args=[survey.slug, questions[index - 1].key]) if index else
            reverse("consultations:start", args=[survey.slug]))
    return render(request, "consultations/question.html", {
        "survey": survey, "question": q, "form": form, "number": index + 1, "count": len(questions),
        "back_url": back, "checking": checking, "is_grid": q.kind == QuestionKind.GRID})


def summary_rows(survey: Survey, answers: dict) -> list[dict]:
    rows = []
    for q in survey.questions.all():
        a = answers.get(q.key) or {}
        lines = []
        if q.kind == QuestionKind.GRID:
            lines = [f"{row}: {a['grid'][row]}" for row in q.rows if (a.get("grid") or {}).get(row)]
        elif q.kind == QuestionKind.TEXT:
            lines = [a.get("text", "")] if a.get("text") else []
        else:
            lines = [f"{v}: {a.get('other')}" if v == rules.OTHER and a.get("other") else v
                     for v in a.get("values") or []]
        if a.get("comment"):
            lines.append(f"Comments: {a['comment']}")
        rows.append({"key": q.text, "lines": lines or ["Not answered"], "required": q.required,
                     "missing": q.required and not lines,
                     "url": reverse("consultations:question", args=[survey.slug, q.key]) + "?change=1"})
    return rows


@rate_limited("submit")
@require_http_methods(["GET", "POST"])
def check(request, slug):
    survey = _survey(slug)
    if _status(survey) != "open":
        return redirect("consultations:start", slug=survey.slug)
    store = _store(request, survey)
    form = HoneypotForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST":
        if form.is_spam():  # a robot filled the hidden field: thank it and keep nothing
            _clear(request, survey)
            return redirect("consultations:complete", slug=survey.slug)
        try:
            actions.submit_response(survey, acting_user=request.user, answers=store["answers"])
        except RuleViolation as exc:
            error = exc.text
        else:
            _clear(request, survey)
            return redirect("consultations:complete", slug=survey.slug)
    return render(request, "consultations/check.html", {
        "survey": survey, "rows": summary_rows(survey, store["answers"]), "form": form, "error": error,
        "back_url": reverse("consultations:start", args=[survey.slug])}, status=422 if error else 200)


def complete(request, slug):
    survey = _survey(slug)
    return render(request, "consultations/complete.html", {"survey": survey})


@require_POST
def discard(request, slug):
    survey = _survey(slug)
    _clear(request, survey)
    messages.success(request, "Your answers have been deleted. Nothing you entered was kept.")
    return redirect("consultations:start", slug=survey.slug)


def _published(slug: str) -> Survey:
    survey = _survey(slug)
    if survey.results_published_at is None:
        raise Http404
    return survey


def results(request, slug):
    survey = _published(slug)
    return render(request, "consultations/results.html", reporting.context(survey, public=True))


def results_pdf(request, slug):
    return reporting.pdf_response(_published(slug))
