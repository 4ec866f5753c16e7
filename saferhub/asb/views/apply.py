"""The public application for an ASB Case Review: one question per page (GOV.UK pattern), answers
kept in the session until the applicant checks them and submits. Works without JavaScript.

Every answer is stored as plain JSON in the session and rendered through Django's autoescaping;
nothing typed by the public is ever marked safe. POSTs are rate-limited per IP (``common``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from saferhub.asb import forms as f
from saferhub.asb.pending import PENDING_DIR, discard_upload, keep_upload, purge_stale_uploads  # noqa: F401 - re-exported
from saferhub.asb.views.common import rate_limited
from saferhub.core.exceptions import RuleViolation

SESSION_KEY = "asb_apply"
MAX_INCIDENTS = 30
DONE_KEY = "asb_apply_done"


def _state(request) -> dict:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        state = {"answers": {}, "incidents": [], "upload": None}
    state.setdefault("answers", {})
    state.setdefault("incidents", [])
    state.setdefault("upload", None)
    return state


def _save(request, state: dict) -> None:
    request.session[SESSION_KEY] = state
    request.session.modified = True


def _on_behalf(a: dict) -> bool:
    return a.get("applicant_is_victim") == "no"


def _needs_victim_details(a: dict) -> bool:
    return _on_behalf(a) or a.get("victim_kind") in ("business", "community_group")


def area_choices() -> list[tuple[str, str]]:
    from saferhub.asb.config import public_areas

    return [(area.code, area.name) for area in public_areas()]


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type
    fields: tuple[str, ...]
    applies: Any = None  # callable(answers) -> bool

    def active(self, answers: dict) -> bool:
        return self.applies is None or self.applies(answers)


STEPS: list[Step] = [
    Step("applicant", "Are you the victim?", f.ApplicantForm, ("applicant_is_victim",)),
    Step("relationship", "Your relationship to the victim", f.RelationshipForm, ("relationship",), _on_behalf),
    Step("consent", "The victim's agreement", f.ConsentForm, ("consent",), _on_behalf),
    Step("victim-type", "Who is experiencing the behaviour", f.VictimKindForm, ("victim_kind",)),
    Step("your-details", "Your details", f.YourDetailsForm, ("name", "address", "postcode", "phone", "email")),
    Step("victim-details", "The victim's details", f.VictimDetailsForm, ("victim_name", "victim_address", "victim_postcode"),
         _needs_victim_details),
    Step("area", "Where it is happening", f.AreaForm, ("area", "location")),
    Step("problem", "The problem", f.ProblemForm, ("nature_of_complaint",)),
    # incidents are collected by their own pages between "problem" and "vulnerability"
    Step("vulnerability", "Vulnerability and risk", f.VulnerabilityForm, ("vulnerability", "risk_factors")),
    Step("ages", "Ages and housing", f.AgesForm, ("victim_age", "perpetrator_age", "housing")),
    Step("publication", "Publishing a summary", f.PublicationForm, ("publication_consent",)),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}
INCIDENTS_AFTER = "problem"


def _sequence(answers: dict) -> list[str]:
    """The page slugs this applicant will see, in order (incidents and upload included)."""
    slugs = []
    for step in STEPS:
        if step.active(answers):
            slugs.append(step.slug)
        if step.slug == INCIDENTS_AFTER:
            slugs.append("incidents")
    slugs.append("upload")
    return slugs


def _answered(state: dict, slug: str) -> bool:
    if slug == "incidents":
        return bool(state["incidents"]) and state["answers"].get("incidents_done") is True
    if slug == "upload":
        return state["answers"].get("upload_done") is True
    step = STEP_BY_SLUG[slug]
    return step.fields[0] in state["answers"]


def _first_missing(state: dict) -> str | None:
    for slug in _sequence(state["answers"]):
        if not _answered(state, slug):
            return slug
    return None


def _url(slug: str) -> str:
    if slug == "incidents":
        return reverse("asb:apply-incidents")
    if slug == "upload":
        return reverse("asb:apply-upload")
    if slug == "check":
        return reverse("asb:apply-check")
    return reverse("asb:apply-step", args=[slug])


def _next_url(state: dict, slug: str) -> str:
    if state["answers"].get("checking"):
        missing = _first_missing(state)
        return _url(missing or "check")
    sequence = _sequence(state["answers"])
    if slug in sequence:
        index = sequence.index(slug)
        if index + 1 < len(sequence):
            return _url(sequence[index + 1])
    return _url(_first_missing(state) or "check")


def _back_url(state: dict, slug: str) -> str:
    if state["answers"].get("checking"):
        return _url("check")
    sequence = _sequence(state["answers"])
    if slug in sequence and sequence.index(slug) > 0:
        return _url(sequence[sequence.index(slug) - 1])
    return reverse("asb:apply-start")


def _may_visit(state: dict, slug: str) -> bool:
    """A page may be visited once every page before it has been answered."""
    sequence = _sequence(state["answers"])
    if slug not in sequence:
        return False
    for earlier in sequence[: sequence.index(slug)]:
        if not _answered(state, earlier):
            return False
    return True


def _to_json(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def start(request):
    from saferhub.asb.views.public import public_settings

    return render(request, "asb/public/start.html", {"settings": public_settings(), "nav": "asb-public"})


def _render_step(request, state, slug, form, template="asb/public/question.html", **extra):
    return render(request, template, {
        "form": form, "slug": slug, "title": STEP_BY_SLUG[slug].title if slug in STEP_BY_SLUG else extra.get("title", ""),
        "back_url": _back_url(state, slug), "checking": state["answers"].get("checking"), **extra,
    })


def _form_kwargs(slug: str) -> dict:
    if slug == "area":
        return {"areas": area_choices()}
    return {}


@require_http_methods(["GET", "POST"])
@rate_limited("answer")
def question(request, slug):
    step = STEP_BY_SLUG.get(slug)
    if step is None:
        raise Http404
    state = _state(request)
    if not _may_visit(state, slug):
        return redirect(_url(_first_missing(state) or "check"))
    answers = state["answers"]
    if request.method == "POST":
        form = step.form_class(request.POST, **_form_kwargs(slug))
        if form.is_valid():
            for name in step.fields:
                answers[name] = _to_json(form.cleaned_data.get(name))
            if slug == "applicant" and answers["applicant_is_victim"] == "yes":
                for name in ("relationship", "consent"):
                    answers.pop(name, None)
            _save(request, state)
            return redirect(_next_url(state, slug))
    else:
        initial = {name: answers[name] for name in step.fields if name in answers}
        form = step.form_class(initial=initial, **_form_kwargs(slug))
    return _render_step(request, state, slug, form)


@require_http_methods(["GET", "POST"])
@rate_limited("answer")
def incident(request, index=None):
    state = _state(request)
    if not _may_visit(state, "incidents"):
        return redirect(_url(_first_missing(state) or "check"))
    incidents = state["incidents"]
    if index is not None and not (0 <= index < len(incidents)):
        raise Http404
    today = timezone.localdate()
    if index is None and len(incidents) >= MAX_INCIDENTS:
        from django.contrib import messages

        messages.warning(request, f"You can tell us about up to {MAX_INCIDENTS} incidents here. Describe any others "
                                  "in the document you upload, or in the description of the problem.")
        return redirect("asb:apply-incidents")
    if request.method == "POST":
        form = f.IncidentForm(request.POST, today=today)
        if form.is_valid():
            record = {name: _to_json(value) for name, value in form.cleaned_data.items()}
            if index is None:
                incidents.append(record)
            else:
                incidents[index] = record
            state["answers"]["incidents_done"] = False
            _save(request, state)
            return redirect("asb:apply-incidents")
    else:
        initial = incidents[index] if index is not None else {}
        form = f.IncidentForm(initial=initial, today=today)
    number = (index + 1) if index is not None else len(incidents) + 1
    return render(request, "asb/public/incident.html", {
        "form": form, "number": number, "title": f"Incident {number}",
        "back_url": reverse("asb:apply-incidents") if incidents else _back_url(state, "incidents"),
    })


@require_http_methods(["GET", "POST"])
@rate_limited("answer")
def incidents(request):
    state = _state(request)
    if not _may_visit(state, "incidents"):
        return redirect(_url(_first_missing(state) or "check"))
    if not state["incidents"]:
        return redirect("asb:apply-incident")
    if request.method == "POST":
        form = f.AddAnotherForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["add_another"] == "yes":
                return redirect("asb:apply-incident")
            state["answers"]["incidents_done"] = True
            _save(request, state)
            return redirect(_next_url(state, "incidents"))
    else:
        form = f.AddAnotherForm()
    return render(request, "asb/public/incidents.html", {
        "form": form, "incidents": state["incidents"], "title": "Incidents you reported",
        "back_url": _back_url(state, "incidents"),
    })


@require_http_methods(["POST"])
@rate_limited("answer")
def incident_remove(request, index):
    state = _state(request)
    if 0 <= index < len(state["incidents"]):
        del state["incidents"][index]
        if not state["incidents"]:
            state["answers"]["incidents_done"] = False
        _save(request, state)
    return redirect("asb:apply-incidents")


def _discard_upload(state: dict) -> None:
    discard_upload(state.get("upload"))
    state["upload"] = None


@require_http_methods(["GET", "POST"])
@rate_limited("answer")
def upload(request):
    state = _state(request)
    if not _may_visit(state, "upload"):
        return redirect(_url(_first_missing(state) or "check"))
    if request.method == "POST":
        if request.POST.get("remove"):
            _discard_upload(state)
            _save(request, state)
            return redirect("asb:apply-upload")
        form = f.UploadForm(request.POST, request.FILES)
        if form.is_valid():
            file = form.cleaned_data.get("file")
            if file:
                _discard_upload(state)
                state["upload"] = keep_upload(file, form.content_type)
            state["answers"]["upload_done"] = True
            _save(request, state)
            return redirect(_next_url(state, "upload"))
    else:
        form = f.UploadForm()
    return render(request, "asb/public/upload.html", {
        "form": form, "upload": state.get("upload"), "title": "Upload a document",
        "back_url": _back_url(state, "upload"),
    })


def _summary_rows(state: dict) -> list[dict]:
    """Rows for the check-your-answers page: (key, value lines, change URL)."""
    a = state["answers"]
    rel = dict(f.RELATIONSHIPS)
    kinds = dict(f.VICTIM_KINDS)
    areas = dict(area_choices())
    rows = [
        {"key": "Are you the victim?", "value": ["Yes" if a.get("applicant_is_victim") == "yes" else "No, asking on their behalf"],
         "url": _url("applicant")},
    ]
    if _on_behalf(a):
        rows.append({"key": "Relationship to the victim", "value": [rel.get(a.get("relationship"), "")], "url": _url("relationship")})
        rows.append({"key": "Victim has agreed", "value": ["Yes" if a.get("consent") == "yes" else "No"], "url": _url("consent")})
    rows.append({"key": "Victim is", "value": [kinds.get(a.get("victim_kind"), "")], "url": _url("victim-type")})
    rows.append({"key": "Your details", "value": [v for v in (a.get("name"), a.get("address"), a.get("postcode"), a.get("phone"), a.get("email")) if v],
                 "url": _url("your-details")})
    if _needs_victim_details(a):
        rows.append({"key": "Victim", "value": [v for v in (a.get("victim_name"), a.get("victim_address"), a.get("victim_postcode")) if v],
                     "url": _url("victim-details")})
    rows.append({"key": "Area", "value": [v for v in (areas.get(a.get("area"), a.get("area")), a.get("location")) if v], "url": _url("area")})
    rows.append({"key": "The problem", "value": [a.get("nature_of_complaint", "")], "url": _url("problem")})
    risks = dict(f.RISK_FACTORS)
    rows.append({"key": "Vulnerability and risk", "value": [a.get("vulnerability") or "Nothing given",
                                                             *(risks.get(r, r) for r in a.get("risk_factors") or [])],
                 "url": _url("vulnerability")})
    ages = []
    if a.get("victim_age") is not None:
        ages.append(f"Victim: {a['victim_age']}")
    if a.get("perpetrator_age") is not None:
        ages.append(f"Person causing the behaviour: {a['perpetrator_age']}")
    housing = {"victim": "The victim rents from a housing association or the council",
               "perpetrator": "The person causing the behaviour rents from a housing association or the council"}
    ages += [housing[h] for h in a.get("housing") or [] if h in housing]
    rows.append({"key": "Ages and housing", "value": ages or ["Not known"], "url": _url("ages")})
    rows.append({"key": "Publish a summary", "value": ["Yes" if a.get("publication_consent") == "yes" else "No"], "url": _url("publication")})
    upload = state.get("upload")
    rows.append({"key": "Document", "value": [upload["name"] if upload else "None"], "url": _url("upload")})
    return rows


def _parse_date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def application_kwargs(state: dict) -> dict:
    """The session's answers as keyword arguments for ``actions.submit_application``."""
    from saferhub.asb.config import public_areas

    a = state["answers"]
    on_behalf = _on_behalf(a)
    area = public_areas().filter(code=a.get("area")).first()
    if area is None:
        raise RuleViolation("Select the area where the anti-social behaviour is happening.", code="asb.area", field="area")
    nature = a.get("nature_of_complaint", "")
    if a.get("location"):
        nature = f"{nature}\n\nWhere: {a['location']}"
    if on_behalf or a.get("victim_kind") != "person":
        victim_name = a.get("victim_name") or a.get("name", "")
        victim_address = a.get("victim_address", "") if on_behalf else (a.get("victim_address") or a.get("address", ""))
        victim_postcode = a.get("victim_postcode", "") if on_behalf else (a.get("victim_postcode") or a.get("postcode", ""))
    else:
        victim_name, victim_address, victim_postcode = a.get("name", ""), a.get("address", ""), a.get("postcode", "")
    risks = set(a.get("risk_factors") or [])
    housing = set(a.get("housing") or [])
    # Someone applying for the victim gets the letters at their own address.
    extra = {"applicant_address": a.get("address", ""), "applicant_postcode": a.get("postcode", "")} if on_behalf else {}
    return {
        **extra,
        "area": area,
        "application_date": timezone.localdate(),
        "applicant_relationship": a.get("relationship") if on_behalf else "victim",
        "applicant_name": a.get("name", ""),
        "applicant_email": a.get("email") or "",
        "applicant_phone": a.get("phone") or "",
        "victim_consent": a.get("consent") == "yes",  # a victim applying consents by applying (the rule)
        "victim_type": a.get("victim_kind", "person"),
        "victim_name": victim_name,
        "victim_address": victim_address,
        "victim_postcode": victim_postcode,
        "victim_email": "" if on_behalf else (a.get("email") or ""),
        "victim_phone": "" if on_behalf else (a.get("phone") or ""),
        "victim_age": a.get("victim_age"),
        "perpetrator_age": a.get("perpetrator_age"),
        "victim_housed_by_provider": "victim" in housing,
        "perpetrator_housed_by_provider": "perpetrator" in housing,
        "flag_drugs": "drugs" in risks,
        "flag_alcohol": "alcohol" in risks,
        "flag_mental_health": "mental_health" in risks,
        "nature_of_complaint": nature,
        "vulnerability_notes": a.get("vulnerability") or "",
        "publication_consent": a.get("publication_consent") == "yes",
        "complaints": [
            {
                "behaviour_date": _parse_date(i["behaviour_date"]), "reported_date": _parse_date(i["reported_date"]),
                "agency_name": i.get("agency", ""), "reference": i.get("reference", ""), "description": i.get("description", ""),
            }
            for i in state["incidents"]
        ],
    }


@require_http_methods(["GET", "POST"])
def check(request):
    state = _state(request)
    missing = _first_missing(state)
    if missing:
        return redirect(_url(missing))
    error = None
    if request.method == "POST":
        from saferhub.asb.views.common import over_limit, too_many_requests

        if over_limit(request, "submit"):
            return too_many_requests(request, "submit")
        try:
            case = submit(state, request.user)
        except RuleViolation as exc:
            error = exc.text
        else:
            from saferhub.asb import actions

            _cleanup(request)
            request.session[DONE_KEY] = {"reference": case.reference, "email": state["answers"].get("email") or "",
                                         "emailing": actions.will_email_acknowledgement(case)}
            return redirect("asb:apply-confirmation")
    state["answers"]["checking"] = True
    _save(request, state)
    return render(request, "asb/public/check.html", {
        "rows": _summary_rows(state), "incidents": state["incidents"], "error": error,
        "title": "Check your answers before sending your application", "back_url": _url("upload"),
    })


def submit(state: dict, user):
    """Create the case from the session's answers through the online-application action (which attaches the
    upload and queues the acknowledgement email after the commit)."""
    from saferhub.asb import actions

    return actions.submit_online_application(acting_user=user, upload=state.get("upload"),
                                             **application_kwargs(state))


def _cleanup(request) -> None:
    state = _state(request)
    _discard_upload(state)
    request.session.pop(SESSION_KEY, None)


def confirmation(request):
    done = request.session.get(DONE_KEY)
    if not done:
        return redirect("asb:apply-start")
    return render(request, "asb/public/confirmation.html", {"done": done, "title": "Application sent"})
