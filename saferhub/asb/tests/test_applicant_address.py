"""A third party's address: its own fields (public form and staff entry), in the letters, erased
with the case, and moved out of the complaint text where the form used to keep it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from saferhub.asb import letters
from saferhub.asb.models import Case
from saferhub.asb.tests.factories import application, world

pytestmark = pytest.mark.django_db

migration = importlib.import_module("saferhub.asb.migrations.0005_case_applicant_address")


@pytest.fixture
def w():
    return world()


def test_old_marker_text_moves_into_the_field(w):
    case = application(w)
    Case.objects.filter(pk=case.pk).update(
        applicant_relationship="family", applicant_name="Alex Example",
        nature_of_complaint=f"Noise every night.\n\n{migration.MARKER} 3 Fictional Lane\nNR2 2BB")
    migration.move_addresses(apps, None)
    case.refresh_from_db()
    assert case.nature_of_complaint == "Noise every night."
    assert case.applicant_address == "3 Fictional Lane\nNR2 2BB"
    assert letters.merge_context(case, "A")["applicant_address"] == "3 Fictional Lane\nNR2 2BB"


def test_applicant_address_is_personal_data_erased_with_the_case():
    from saferhub.asb.actions.records import PERSONAL_FIELDS

    assert {"applicant_address", "applicant_postcode"} <= set(PERSONAL_FIELDS)


def test_a_summary_naming_the_applicants_street_is_refused(w):
    from saferhub.asb import actions
    from saferhub.asb.rules import check_summary_redacted
    from saferhub.core.exceptions import RuleViolation

    case = application(w, applicant_relationship="family", victim_consent=True, applicant_name="Alex Example",
                       applicant_address="3 Fictional Lane\nNorwich", applicant_postcode="NR2 2BB")
    with pytest.raises(RuleViolation, match="personal details"):
        check_summary_redacted("Neighbours near 3 Fictional Lane were helped.", actions.records._personal_values(case))
