"""The synthetic national dataset generator produces data the pages and the rules accept."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saferhub.governance.models import Attendance, Meeting

pytestmark = pytest.mark.django_db


def test_small_synthetic_dataset_is_consistent(client):
    call_command("generate_national_dataset", councils=2, committees=2, years=2, meetings=4)
    assert Meeting.objects.count() == 2 * 2 * 2 * 4
    for meeting in Meeting.objects.filter(status="held")[:5]:
        assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
        assert client.get(f"/api/v1/meetings/{meeting.pk}").json()["quorum"]["quorate"] is True
    # A member and the substitute attending in their place are never both present.
    for row in Attendance.objects.filter(role="substitute", status="present")[:50]:
        assert not Attendance.objects.filter(meeting=row.meeting, person=row.substitute_for, status="present").exists()
    assert not Attendance.objects.filter(updated_at__isnull=True).exists()
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_national_dataset", councils=1)
