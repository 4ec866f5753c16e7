"""Who may do what with returns (``rules`` predicates).

- Partnership officers (the Partnership's analysts and officers) and administrators define returns,
  enter figures, save flagged drafts and submit.
- Councillors see a return's submitted figures only: drafts and flagged drafts are work in progress.
- A return may name contributing organisations (``ReturnContributor``: per geography, or for the whole
  return). A member of a contributor's staff (the agency officer role and a ``core.Person`` whose
  organisation it is) enters and sees that return's submissions of their own organisation only, drafts
  included, and never another agency's; anyone else's submission is 404 to them.
- Nobody else sees returns. (There is no separate "analyst" role yet: analysts hold the partnership
  officer role.)
"""

from __future__ import annotations

import rules

from saferhub.core.models import Person
from saferhub.core.partnerships import partnership_ids
from saferhub.core.permissions import (
    Role,
    has_role,
    is_administrator,
    is_councillor,
    is_partnership_officer,
    is_staff_user,
)


@rules.predicate
def is_submitted(user, obj) -> bool:
    return getattr(obj, "status", None) == "submitted"


def contributor_organisation_id(user) -> int | None:
    """The organisation whose figures ``user`` may enter as a contributor: the employer on their
    ``core.Person``, for a holder of the agency officer role (``None`` otherwise); cached per request."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return None
    if "_returns_contributor_org" not in user.__dict__:
        org_id = None
        if has_role(user, Role.AGENCY_OFFICER):
            org_id = Person.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True).first()
        user.__dict__["_returns_contributor_org"] = org_id
    return user.__dict__["_returns_contributor_org"]


def contributor_ids(definition, geography: str | None = None) -> set[int]:
    """The organisations a return names as contributors (for ``geography``, or for any geography)."""
    return {c.organisation_id for c in definition.contributors.all()
            if geography is None or c.geography in ("", geography)}


def _definition_of(obj):
    from saferhub.returns.models import ReturnDefinition

    return obj if isinstance(obj, ReturnDefinition) else getattr(obj, "definition", None)


@rules.predicate
def is_contributor(user, obj=None) -> bool:
    """Staff of an organisation the return (or the submission's return) names as a contributor."""
    definition = _definition_of(obj)
    org_id = contributor_organisation_id(user)
    return definition is not None and org_id is not None and org_id in contributor_ids(definition)


@rules.predicate
def owns_submission(user, submission=None) -> bool:
    """The submission is of the user's organisation, and that organisation still contributes to its return
    for its geography."""
    if submission is None or getattr(submission, "organisation_id", None) is None:
        return False
    org_id = contributor_organisation_id(user)
    return (org_id == submission.organisation_id
            and org_id in contributor_ids(submission.definition, submission.geography))


enters = is_administrator | is_partnership_officer

rules.add_perm("returns.define", enters)
rules.add_perm("returns.enter", enters | is_contributor)
rules.add_perm("returns.view_return", enters | is_councillor | is_contributor)
rules.add_perm("returns.view_drafts", enters | is_contributor)
rules.add_perm("returns.view_all_submissions", enters)
rules.add_perm("returns.view_submitted", enters | is_councillor)
rules.add_perm("returns.view_submission", enters | (is_councillor & is_submitted) | owns_submission)
rules.add_perm("returns.enter_submission", enters | owns_submission)
# The Channel Panel attendance summary (benchmark 5) is made of submitted figures only, across every meeting.
rules.add_perm("returns.view_channel_summary", enters | is_councillor)


# -- Community tension log (001:772) -----------------------------------------------------------------------
# Only the police's tension analysts see the whole log, and only the log of a partnership they work for
# (role ``tension_analyst`` in ``core.PartnershipMembership``). A professional who submitted a report sees
# that report; a named person in a responsible authority sees the reports they are named on. Nobody else
# does, administrators included: the reports hold what professionals heard about people and places.

def analyst_partnership_ids(user) -> frozenset[int]:
    """The partnerships whose tension log the user analyses (empty without the tension analyst role)."""
    if not has_role(user, Role.TENSION_ANALYST):
        return frozenset()
    return partnership_ids(user, Role.TENSION_ANALYST)


@rules.predicate
def is_tension_analyst(user, report=None) -> bool:
    """An analyst of the report's partnership (of any partnership when there is no report)."""
    ids = analyst_partnership_ids(user)
    if report is None:
        return bool(ids)
    return report.partnership_id in ids


@rules.predicate
def submitted_it(user, report) -> bool:
    return report is not None and report.submitted_by_id == getattr(user, "pk", None)


@rules.predicate
def is_named_recipient(user, report) -> bool:
    return report is not None and report.recipients.filter(user_id=getattr(user, "pk", None)).exists()


rules.add_perm("returns.submit_tension", is_staff_user)
rules.add_perm("returns.analyse_tensions", is_tension_analyst)
rules.add_perm("returns.view_tension", is_tension_analyst | submitted_it | is_named_recipient)

# Third-party reporting centres: the Partnership's officers keep the register.
rules.add_perm("returns.manage_centres", enters)
