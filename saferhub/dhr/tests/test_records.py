"""The registers and records added to a review: each rule, with the case that breaks it."""

import datetime as dt

import pytest
from django.core.management import call_command

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.models import OrganisationKind
from saferhub.dhr import actions
from saferhub.dhr.models import Case, ImrRequest
from saferhub.dhr.steps import Step
from saferhub.dhr.tests import factories as f
from saferhub.dhr.tests.factories import TODAY

pytestmark = pytest.mark.django_db


def _chair(p, name="Chair One", connected=(), available=True):
    return actions.add_chair(partnership=p, name=name, accreditation="AAFDA chair training", trained_on=dt.date(2025, 3, 1),
                             connected_agencies=list(connected), declaration="No connection.", available=available,
                             acting_user=SYSTEM)


def test_a_chair_employed_by_an_agency_involved_cannot_be_appointed():
    p = f.partnership()
    case = f.case(p)  # the Example Constabulary is involved
    police = f.org("Example Constabulary")
    conflicted, clear = _chair(p, "Conflicted", [police]), _chair(p, "Clear", [f.org("Elsewhere Council",
                                                                                    OrganisationKind.HEALTH)])
    actions.invite_tender(case, invited=[conflicted, clear], quotes={clear.pk: 9000}, acting_user=SYSTEM)
    with pytest.raises(RuleViolation) as err:
        actions.appoint_chair(case, chair=conflicted, reason="Lowest quote", appointed_on=dt.date(2026, 2, 1),
                              acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.chair_not_independent" and "Example Constabulary" in err.value.text
    tender = actions.appoint_chair(case, chair=clear, reason="Experience of similar reviews",
                                   appointed_on=dt.date(2026, 2, 1), acting_user=SYSTEM, on=TODAY)
    assert tender.chosen == clear and tender.quotes == {str(clear.pk): 9000}


def test_only_an_invited_available_chair_with_a_reason_is_appointed():
    p = f.partnership()
    case = f.case(p)
    invited, other = _chair(p, "Invited"), _chair(p, "Not invited")
    busy = _chair(p, "Busy", available=False)
    with pytest.raises(RuleViolation, match="Invite"):
        actions.appoint_chair(case, chair=invited, reason="x", appointed_on=dt.date(2026, 2, 1), acting_user=SYSTEM,
                              on=TODAY)
    actions.invite_tender(case, invited=[invited, busy], acting_user=SYSTEM)
    for chair, reason, code in [(other, "x", "dhr.tender_not_invited"), (busy, "x", "dhr.chair_unavailable"),
                                (invited, " ", "dhr.tender_reason")]:
        with pytest.raises(RuleViolation) as err:
            actions.appoint_chair(case, chair=chair, reason=reason, appointed_on=dt.date(2026, 2, 1),
                                  acting_user=SYSTEM, on=TODAY)
        assert err.value.code == code


def test_only_an_accredited_chair_trained_before_the_appointment_is_appointed():
    p = f.partnership()
    case = f.case(p)
    untrained = actions.add_chair(partnership=p, name="No Training", acting_user=SYSTEM)
    no_date = actions.add_chair(partnership=p, name="No Date", accreditation="AAFDA chair training",
                                acting_user=SYSTEM)
    later = actions.add_chair(partnership=p, name="Trained Later", accreditation="AAFDA chair training",
                              trained_on=dt.date(2026, 3, 1), acting_user=SYSTEM)
    actions.invite_tender(case, invited=[untrained, no_date, later], acting_user=SYSTEM)
    for chair, words in [(untrained, "no accreditation or training date"), (no_date, "no accreditation"),
                         (later, "after it")]:
        with pytest.raises(RuleViolation) as err:
            actions.appoint_chair(case, chair=chair, reason="Only quote", appointed_on=dt.date(2026, 2, 1),
                                  acting_user=SYSTEM, on=TODAY)
        assert err.value.code == "dhr.chair_not_accredited" and chair.name in err.value.text
        assert words in err.value.text
    case.refresh_from_db()
    assert case.tender.chosen is None  # nothing half-saved
    tender = actions.appoint_chair(case, chair=later, reason="Only quote", appointed_on=dt.date(2026, 3, 2),
                                   acting_user=SYSTEM, on=TODAY)
    assert tender.chosen == later


def test_an_open_criminal_trial_blocks_publication_with_the_reason():
    case = f.case()
    f.decide(case)
    trial = actions.add_parallel_process(case, kind="criminal_trial", reference="T2026", started_on=dt.date(2026, 2, 1),
                                         acting_user=SYSTEM, on=TODAY)
    actions.add_parallel_process(case, kind="sar", acting_user=SYSTEM, on=TODAY)  # does not block
    f.through(case, "notice")
    with pytest.raises(RuleViolation) as err:
        actions.record_step(case, step=Step.PUBLISHED, done_on=dt.date(2026, 6, 1), acting_user=SYSTEM, on=TODAY,
                            details={"anonymisation_checked": True})
    assert err.value.code == "dhr.parallel_blocks" and "criminal trial" in err.value.text
    with pytest.raises(RuleViolation, match="before it started"):
        actions.end_parallel_process(trial, ended_on=dt.date(2026, 1, 1), acting_user=SYSTEM, on=TODAY)
    actions.end_parallel_process(trial, ended_on=dt.date(2026, 5, 30), acting_user=SYSTEM, on=TODAY)
    actions.record_step(case, step=Step.PUBLISHED, done_on=dt.date(2026, 6, 1), acting_user=SYSTEM, on=TODAY,
                        details={"anonymisation_checked": True})


def test_submission_to_the_qa_panel_needs_the_draft_offered_to_the_family_and_their_views():
    from saferhub.dhr.demo import _do_step

    case = f.case()
    f.decide(case)
    agencies = [f.org("Example Constabulary")]
    day = dt.date(2026, 2, 2)
    for step in [Step.CHAIR, Step.PANEL, Step.TERMS, Step.IMRS, Step.FAMILY, Step.DRAFT]:
        _do_step(case, step, day, agencies, TODAY, acting_user=SYSTEM)
        day += dt.timedelta(days=7)
    actions.record_step(case, step=Step.SIGN_OFF, done_on=day, acting_user=SYSTEM, on=TODAY,
                        details={"signed_off_by": "Chair"})
    with pytest.raises(RuleViolation) as err:
        actions.submit_to_qa(case, submitted_on=day, acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.family_draft_not_offered"
    actions.log_family_contact(case, contacted_on=day, who="Sister", channel="meeting", purpose="draft",
                               agreed_draft=True, acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation) as err:
        actions.submit_to_qa(case, submitted_on=day, acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.family_views_missing"
    actions.log_family_contact(case, contacted_on=day, who="Sister", channel="meeting", purpose="draft",
                               agreed_draft=False, acting_user=SYSTEM, on=TODAY)
    Case.objects.get(pk=case.pk).family_contacts.filter(agreed_draft=True).update(views_on_draft="Content")
    actions.submit_to_qa(case, submitted_on=day, acting_user=SYSTEM, on=TODAY)


def test_a_family_contact_names_who_and_is_not_before_the_notification_and_records_the_pseudonym_choice():
    case = f.case()
    with pytest.raises(RuleViolation, match="who was contacted"):
        actions.log_family_contact(case, contacted_on=dt.date(2026, 2, 1), who=" ", channel="phone",
                                   purpose="introduction", acting_user=SYSTEM, on=TODAY)
    with pytest.raises(RuleViolation) as err:
        actions.log_family_contact(case, contacted_on=dt.date(2025, 2, 1), who="Mother", channel="phone",
                                   purpose="introduction", acting_user=SYSTEM, on=TODAY)
    assert err.value.code == "dhr.contact_before_notification"
    actions.log_family_contact(case, contacted_on=dt.date(2026, 2, 1), who="Mother", channel="phone",
                               purpose="introduction", agreed_to_participate=True, pseudonym="Rose",
                               acting_user=SYSTEM, on=TODAY)
    case.refresh_from_db()
    assert case.victim_pseudonym == "Rose" and case.pseudonym_chosen_by == "Mother"


def test_a_completed_recommendation_needs_evidence():
    case = f.case()
    f.decide(case)
    f.through(case, "draft")
    rec = case.recommendations.first()
    with pytest.raises(RuleViolation) as err:
        actions.update_recommendation(rec, status="complete", updated_on=dt.date(2026, 6, 1), acting_user=SYSTEM,
                                      on=TODAY)
    assert err.value.code == "dhr.recommendation_evidence"
    actions.update_recommendation(rec, status="complete", note="Training delivered", updated_on=dt.date(2026, 6, 1),
                                  acting_user=SYSTEM, on=TODAY)
    rec.refresh_from_db()
    assert rec.status == "complete" and rec.updates.count() == 1


def test_an_agency_contact_uploads_only_its_own_review():
    case = f.case()
    f.decide(case)
    f.through(case, "terms")
    police, health = f.org("Example Constabulary"), f.org("Example Health Trust", OrganisationKind.HEALTH)
    mine = actions.request_imr(case, agency=police, requested_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 4, 1),
                               acting_user=SYSTEM)
    theirs = actions.request_imr(case, agency=health, requested_on=dt.date(2026, 3, 1), due_on=dt.date(2026, 4, 1),
                                 acting_user=SYSTEM)
    contact = f.user()
    actions.appoint_person(case, user=contact, role="agency", agency=police, acting_user=SYSTEM)
    from saferhub.core.exceptions import ActionPermissionDenied

    with pytest.raises(ActionPermissionDenied):
        actions.upload_imr(theirs, filename="imr.pdf", content=b"%PDF", acting_user=contact, on=TODAY)
    with pytest.raises(RuleViolation) as err:
        actions.upload_imr(mine, filename="imr.exe", content=b"x", acting_user=contact, on=TODAY)
    assert err.value.code == "dhr.imr_type"
    actions.upload_imr(mine, filename="imr.pdf", content=b"%PDF-1.4", acting_user=contact, on=TODAY)
    assert ImrRequest.objects.get(pk=mine.pk).received_on == TODAY


def test_erasure_removes_every_new_personal_field(settings, tmp_path):
    """Plant a marker in every personal-data field, run the retention command, and find none left."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                          "OPTIONS": {"location": str(tmp_path)}}}
    p = f.partnership()
    case = f.case(p, victim_pseudonym="MARKER-pseudonym", notified_by="MARKER-notifier",
                  child_review_reference="", victim_age=30)
    f.decide(case)
    actions.add_parallel_process(case, kind="inquest", reference="MARKER-inquest", pauses_review=True,
                                 pause_reason="MARKER-pause", acting_user=SYSTEM, on=TODAY)
    chair = actions.add_chair(partnership=p, name="MARKER-chair", accreditation="MARKER-acc",
                              trained_on=dt.date(2025, 3, 1), declaration="MARKER-decl", acting_user=SYSTEM)
    actions.invite_tender(case, invited=[chair], acting_user=SYSTEM)
    actions.appoint_chair(case, chair=chair, reason="MARKER-reason", appointed_on=dt.date(2026, 2, 1),
                          acting_user=SYSTEM, on=TODAY)
    actions.log_family_contact(case, contacted_on=dt.date(2026, 2, 1), who="MARKER-who", channel="phone",
                               purpose="introduction", outcome="MARKER-outcome", views_on_draft="MARKER-views",
                               pseudonym="MARKER-chosen", acting_user=SYSTEM, on=TODAY)
    actions.appoint_person(case, user=f.user(), role="panel", acting_user=SYSTEM)
    f.through(case, "terms")
    imr = actions.request_imr(case, agency=f.org("Example Constabulary"), requested_on=dt.date(2026, 3, 1),
                              due_on=dt.date(2026, 4, 1), acting_user=SYSTEM)
    actions.upload_imr(imr, filename="imr.txt", content=b"MARKER-imr", acting_user=SYSTEM, on=TODAY)
    parallel = case.parallel.first()
    actions.end_parallel_process(parallel, ended_on=dt.date(2026, 3, 1), acting_user=SYSTEM, on=TODAY)
    actions.retire_chair(chair, acting_user=SYSTEM)
    assert actions.erase_retired_chairs(acting_user=SYSTEM) == 0  # the case still holds personal data
    Case.objects.filter(pk=case.pk).update(closed_on=dt.date(2026, 6, 1))
    with __import__("time_machine").travel(dt.date(2042, 1, 1)):
        call_command("erase_due_dhr_cases")
    case = Case.objects.get(pk=case.pk)
    rows = [case, *case.family_contacts.all(), *case.parallel.all(), *case.imrs.all(), *case.decisions.all(),
            *case.steps.all(), *case.panel.all(), case.tender, case.tender.chosen]
    from django.forms.models import model_to_dict

    for row in rows:
        assert "MARKER" not in repr(model_to_dict(row)), row
    assert not case.appointments.exists()
    assert not list(tmp_path.rglob("*.txt"))


def test_the_norfolk_file_loads_its_settings_and_every_fact_names_its_seed_line(tmp_path):
    from saferhub.dhr import loader
    from saferhub.dhr.models import DhrSettings

    report = loader.load()
    assert report.facts >= 20 and DhrSettings.objects.get(partnership__name=report.partnership).short_name == "DHR"
    assert loader.load().settings_saved is False  # idempotent
    data = loader.read()
    assert {"text": "Eleven reviews published; the others with the Quality Assurance Panel, awaiting review, or "
            "being worked on.", "source": "000:90"}.items() <= data["numbers"][0].items()
    assert data["thematic_review"]["themes"] == []  # the seeds give none
    bad = tmp_path / "bad.yaml"
    bad.write_text("partnership: X\nsettings: {}\nnumbers:\n  - {name: n, value: 1}\n")
    with pytest.raises(loader.DhrDataError, match="seed source"):
        loader.load(bad)
