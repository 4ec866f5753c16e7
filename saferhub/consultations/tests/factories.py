import datetime as dt

from django.contrib.auth.models import Group

from saferhub.consultations import actions
from saferhub.core.actors import SYSTEM
from saferhub.core.permissions import Role, group_name

ROLES = [None, Role.COUNCILLOR, Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR, Role.COMMITTEE_OFFICER,
         Role.ASB_SPOC, Role.AGENCY_OFFICER, Role.DHR_TEAM]
MANAGES = {Role.PARTNERSHIP_OFFICER, Role.ADMINISTRATOR}
#: Dates that make a survey open on any day the tests run.
ALWAYS = {"opens_on": dt.date(2000, 1, 1), "closes_on": dt.date(2099, 12, 31)}


def user_with(django_user_model, role, username=None):
    user = django_user_model.objects.create_user(username=username or f"u_{role}", password="x")
    if role:
        user.groups.add(Group.objects.get_or_create(name=group_name(role))[0])
    return user


def small_survey(slug="small", *, opened=True, **dates):
    """Four questions: a required district (Other, Prefer not to say), a required grid with Don't know, an
    optional multiple choice and an optional free text. Opened unless ``opened=False`` (then a draft)."""
    survey = actions.create_survey(acting_user=SYSTEM, slug=slug, title="Small survey", baseline_area="Testshire",
                                   **(dates or ALWAYS))
    section = actions.add_section(survey, acting_user=SYSTEM, title="About you")
    actions.add_question(survey, acting_user=SYSTEM, section=section, key="district", kind="single",
                         text="Which district do you live in?", required=True, options=["North", "South"],
                         other_option=True, prefer_not_option=True, dimension="district")
    actions.add_question(survey, acting_user=SYSTEM, key="priorities", kind="grid", required=True,
                         text="Do you agree with these priorities?", rows=["Fraud", "Burglary"],
                         options=["Agree", "Disagree"], dont_know_option=True, comment_prompt="Comments")
    actions.add_question(survey, acting_user=SYSTEM, key="channels", kind="multiple", text="How did you hear?",
                         options=["Facebook", "Twitter", "Library"])
    actions.add_question(survey, acting_user=SYSTEM, key="safer", kind="text",
                         text="What would make you feel safer?", max_length=100)
    if opened:
        survey = actions.open_survey(survey, acting_user=SYSTEM)
    return survey


GOOD = {"district": {"values": ["North"]}, "priorities": {"grid": {"Fraud": "Agree", "Burglary": "Don't know"}},
        "channels": {"values": ["Facebook", "Library"]}, "safer": {"text": "More lighting"}}
