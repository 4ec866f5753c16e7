"""bench/national.py streams the governance generator's rows with COPY on PostgreSQL: the same rows as the
command's inserts, and pages that work on them."""

import io
import random

import pytest
from django.db import connection

from bench.national import copy_generator
from saferhub.governance.models import Attendance, Decision, Meeting

pytestmark = pytest.mark.django_db


def test_copy_generator_writes_the_commands_rows(client):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; on SQLite the generator falls back to the command's inserts")
    counts = copy_generator()(random.Random(2026), 2, 2, 2, 4, False, io.StringIO()).run()  # noqa: S311
    assert Meeting.objects.count() == counts["meetings"] == 2 * 2 * 2 * 4
    assert Attendance.objects.count() == counts["attendance"] > 0
    assert Decision.objects.count() == counts["decisions"] > 0
    held = Meeting.objects.filter(status="held").first()
    assert client.get(f"/meetings/{held.pk}/").status_code == 200
    assert client.get(f"/api/v1/meetings/{held.pk}").json()["quorum"]["quorate"] is True
    # The sequences were moved past the copied ids: a new row gets a fresh id.
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [Meeting._meta.db_table])
        assert cursor.fetchone()[0] > Meeting.objects.order_by("-pk").values_list("pk", flat=True).first()
