"""Bad data files give a clear error naming the problem, and load nothing."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saferhub.core.models import Organisation, Person
from saferhub.governance.loader import DataFileError, load_committee_data, read_data_file

pytestmark = pytest.mark.django_db

BASE = {
    "organisations": [
        {"key": "C", "name": "Test County Council", "kind": "county_council"},
        {"key": "D", "name": "Test District Council", "kind": "district_council"},
    ],
    "people": [
        {"key": "a", "name": "Ann Able", "honorific": "Cllr", "councillor": True, "organisation": "C"},
        {"key": "b", "name": "Bob Baker", "honorific": "Cllr", "councillor": True, "organisation": "C"},
        {"key": "c", "name": "Cat Cole", "honorific": "Cllr", "councillor": True, "organisation": "C"},
    ],
    "committees": [{
        "key": "p", "name": "Test Panel", "slug": "test-panel", "organisation": "C", "quorum": 2,
        "seat_groups": [{"key": "g", "name": "County members", "seats": 1, "organisation": "C", "seats_per_organisation": 1,
                         "chair_eligible": True}],
        "seats": [{"number": 1, "group": "g", "organisation": "C"}],
        "memberships": [
            {"seat": 1, "role": "member", "person": "a", "from": "2021-05-01"},
            {"seat": 1, "role": "substitute", "person": "b", "from": "2021-05-01"},
        ],
    }],
}


def test_a_rule_breach_loads_nothing():
    data = {**BASE, "committees": [{**BASE["committees"][0], "memberships": [
        *BASE["committees"][0]["memberships"],
        {"seat": 1, "role": "substitute", "person": "c", "from": "2022-01-01"},
    ]}]}
    with pytest.raises(DataFileError, match="already has its named substitute"):
        load_committee_data(data)
    assert not Organisation.objects.exists() and not Person.objects.exists()


def test_unknown_person_is_named():
    data = {**BASE, "committees": [{**BASE["committees"][0], "memberships": [
        {"seat": 1, "role": "member", "person": "zed", "from": "2021-05-01"}]}]}
    with pytest.raises(DataFileError, match="unknown person 'zed'"):
        load_committee_data(data)


def test_bad_date_is_named():
    data = {**BASE, "committees": [{**BASE["committees"][0], "memberships": [
        {"seat": 1, "role": "member", "person": "a", "from": "31/02/2021"}]}]}
    with pytest.raises(DataFileError, match="is not a date"):
        load_committee_data(data)


def test_valid_file_loads():
    report = load_committee_data(BASE)
    assert (report.committees, report.memberships) == (1, 2)


def test_command_reports_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_committee_data", str(tmp_path / "missing.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid YAML"):
        call_command("load_committee_data", str(bad))
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\xff\xfe junk")
    with pytest.raises(CommandError):
        call_command("load_committee_data", str(binary))
    listing = tmp_path / "list.yaml"
    listing.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="mapping"):
        call_command("load_committee_data", str(listing))
    assert read_data_file
