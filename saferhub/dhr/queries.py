"""Reads for the review pages. Every query of cases is filtered by the user's partnerships: one installation
serves many partnerships and no one sees another's cases."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from saferhub.core.models import Organisation, OrganisationKind
from saferhub.dhr.models import Case, DhrSettings, ImrRequest, QaSubmission, ReportDocument, ReviewStep
from saferhub.dhr.policies import team_partnership_ids


def _with_clock_data(qs: QuerySet) -> QuerySet:
    return qs.select_related("partnership").prefetch_related("decisions", "steps", "extensions", "qa_submissions",
                                                          "parallel")


def cases_for(user) -> QuerySet[Case]:
    return _with_clock_data(Case.objects.filter(partnership_id__in=team_partnership_ids(user)))


def case_for(user) -> QuerySet[Case]:
    """The queryset one case page is fetched from (``get_for`` then checks ``dhr.view_case``)."""
    return cases_for(user).select_related("notifying_organisation").prefetch_related(
        "agencies", "panel__agency", Prefetch("imrs", queryset=ImrRequest.objects.select_related("agency")),
        "recommendations__agency", "family_contacts", "appointments__user", "appointments__agency")


def settings_by_partnership(partnership_ids) -> dict[int, DhrSettings]:
    found = {s.partnership_id: s for s in DhrSettings.objects.filter(partnership_id__in=partnership_ids)}
    return {pid: found.get(pid) or DhrSettings(partnership_id=pid) for pid in partnership_ids}


def settings_of(partnership_id: int) -> DhrSettings:
    """One partnership's settings (its defaults when it has saved none)."""
    return settings_by_partnership({partnership_id})[partnership_id]


def team_partnerships(user) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=team_partnership_ids(user)).order_by("name")


def agencies() -> QuerySet[Organisation]:
    return Organisation.objects.exclude(kind=OrganisationKind.PARTNERSHIP).order_by("name")


def published_learning() -> QuerySet[Case]:
    """Published reviews with only what is published: reference, partnership, publication date, themes and
    recommendations. Never a live case, never a victim's details (the page reads no other field)."""
    published = ReviewStep.objects.filter(step="published")
    return (Case.objects.filter(steps__step="published").select_related("partnership")
            .prefetch_related(Prefetch("steps", queryset=published, to_attr="publication"),
                              "recommendations__agency")
            .only("id", "reference", "themes", "partnership__name", "partnership_id")
            .order_by("partnership__name", "-id"))


def aggregate_counts() -> list[dict]:
    """Numbers only, per partnership: reviews open and published (for the Sub Panel and the public)."""
    from django.db.models import Count, Q

    rows = (Case.objects.values("partnership__name")
            .annotate(open=Count("id", filter=Q(closed_on__isnull=True), distinct=True),
                      published=Count("id", filter=Q(steps__step="published"), distinct=True))
            .order_by("partnership__name"))
    return list(rows)


def chairs_for_case(case) -> QuerySet:
    from saferhub.dhr.models import Chair

    return Chair.objects.filter(partnership_id=case.partnership_id).order_by("name")


def tender_of(case):
    from saferhub.dhr.models import Tender

    return Tender.objects.filter(case=case).select_related("chosen").prefetch_related("invited").first()


def user_named(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username.strip()).first()


def all_cases_with_clocks() -> QuerySet[Case]:
    """Every case, for the aggregate numbers only (the Sub Panel report): never rendered one by one."""
    return _with_clock_data(Case.objects.all())


def appointed_cases(user) -> QuerySet[Case]:
    from saferhub.dhr.policies import REVIEWER_ROLES, appointments

    ids = [cid for cid, roles in appointments(user).items() if any(r in REVIEWER_ROLES for r, _ in roles)]
    return _with_clock_data(Case.objects.filter(pk__in=ids)).prefetch_related(
        "panel__agency", Prefetch("imrs", queryset=ImrRequest.objects.select_related("agency")))


def agency_requests(user) -> QuerySet[ImrRequest]:
    """The IMR requests of the agencies a person is the contact for, on the cases they are appointed to."""
    from django.db.models import Q

    from saferhub.dhr.policies import appointments

    pairs = [(cid, agency) for cid, roles in appointments(user).items() for role, agency in roles if role == "agency"]
    if not pairs:
        return ImrRequest.objects.none()
    match = Q()
    for cid, agency in pairs:
        match |= Q(case_id=cid, agency_id=agency)
    return ImrRequest.objects.filter(match).select_related("case", "agency")


def repository_for(user) -> QuerySet:
    """The composite action repository of the team's partnerships: every recommendation with its updates."""
    from saferhub.dhr.models import Recommendation

    return (Recommendation.objects.filter(case__partnership_id__in=team_partnership_ids(user))
            .select_related("case", "agency").prefetch_related("updates").order_by("case__reference", "id"))


def register_for(user) -> QuerySet:
    from saferhub.dhr.models import Chair

    return (Chair.objects.filter(partnership_id__in=team_partnership_ids(user)).select_related("partnership")
            .prefetch_related("connected_agencies", "tenders_won"))


def documents_of(case) -> QuerySet:
    """The report's versions, newest first within each document, with who uploaded them."""
    from saferhub.dhr.models import ReportDocument

    return ReportDocument.objects.filter(case=case).select_related("uploaded_by").order_by("kind", "-version")


def submissions_of(case) -> QuerySet:
    from saferhub.dhr.models import QaChange, QaSubmission

    return (QaSubmission.objects.filter(case=case).select_related("overview", "summary", "approved_overview",
                                                                   "approved_summary")
            .prefetch_related(Prefetch("changes", queryset=QaChange.objects.select_related("answered_by")))
            .order_by("number"))


def documents_visible_to(user) -> QuerySet:
    """Versions of the reviews a user is on the team of, or appointed to as chair, author or panel member."""
    from django.db.models import Q

    from saferhub.dhr.models import ReportDocument
    from saferhub.dhr.policies import REVIEWER_ROLES, appointments

    ids = [cid for cid, roles in appointments(user).items() if any(r in REVIEWER_ROLES for r, _ in roles)]
    return ReportDocument.objects.filter(Q(case__partnership_id__in=team_partnership_ids(user)) | Q(case_id__in=ids),
                                         case__erased_on__isnull=True).select_related("case")


def letters_visible_to(user) -> QuerySet:
    from saferhub.dhr.models import QaSubmission

    return QaSubmission.objects.filter(case__partnership_id__in=team_partnership_ids(user)).select_related("case")



def sweep_rows() -> list[tuple]:
    """Every open case as a plain row for ``clocks.overdue_sweep``: (id, partnership id, decision clock start,
    current decision's outcome, its date, extension months, date submitted to the QA panel, the latest round of
    changes the QA panel asked for as ``clocks.revision_round`` gives it, the (start, end) of its parallel
    processes the review waits for). Six queries."""
    from django.db.models import Sum

    from saferhub.dhr.clocks import revision_round
    from saferhub.dhr.models import Decision, Extension, ParallelProcess

    open_cases = Case.objects.filter(closed_on__isnull=True)
    current = {}
    for case_id, outcome, decided_on in (Decision.objects.filter(case__in=open_cases, reopened_on__isnull=True)
                                         .order_by("id").values_list("case_id", "outcome", "decided_on")):
        current[case_id] = (outcome, decided_on)  # the last one not reopened, as clocks.current_decision
    months = dict(Extension.objects.filter(case__in=open_cases).values_list("case_id").annotate(m=Sum("months"))
                  .order_by())
    submitted = dict(ReviewStep.objects.filter(case__in=open_cases, step="submitted").values_list("case_id", "done_on"))
    rounds: dict[int, list[tuple]] = {}
    for case_id, *row in QaSubmission.objects.filter(case__in=open_cases).values_list(
            "case_id", "number", "submitted_on", "letter_on", "letter_outcome", "approved_on"):
        rounds.setdefault(case_id, []).append(tuple(row))
    pauses: dict[int, list[tuple]] = {}
    for case_id, started_on, ended_on in ParallelProcess.objects.filter(case__in=open_cases, pauses_review=True).values_list(
            "case_id", "started_on", "ended_on"):
        pauses.setdefault(case_id, []).append((started_on, ended_on))
    return [(pk, pid, start, *current.get(pk, (None, None)), months.get(pk, 0), submitted.get(pk),
             revision_round(rounds[pk]) if pk in rounds else None, pauses.get(pk, []))
            for pk, pid, start in open_cases.values_list("id", "partnership_id", "decision_clock_start")]


# A review's report versions and Home Office QA submissions (read by dhr.actions.report, the review
# actions and the case page).

def latest(case: Case, kind: str) -> ReportDocument | None:
    return case.documents.filter(kind=kind).order_by("-version").first()


def last_submission(case: Case) -> QaSubmission | None:
    return case.qa_submissions.order_by("-number").first()


def approved_submission(case: Case) -> QaSubmission | None:
    return case.qa_submissions.filter(approved_on__isnull=False).select_related(
        "approved_overview", "approved_summary").first()


def approved_versions(case: Case) -> str:
    """The approved versions in words, for the publication and the Commissioner's copy."""
    found = approved_submission(case)
    if found is None:
        return ""
    return (f"overview report version {found.approved_overview.version}, "
            f"executive summary version {found.approved_summary.version}")
