"""Store on each meeting the quorum that applied when its attendance was confirmed.

Meetings confirmed before this field existed get their committee's quorum as it stands now: the
best figure on record (issue 16 item 3); from now on ``finalise_attendance`` stores it.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_quorum_required(apps, schema_editor):
    Meeting = apps.get_model("governance", "Meeting")
    Committee = apps.get_model("governance", "Committee")
    quorum = Committee.objects.filter(pk=OuterRef("committee_id")).values("quorum")[:1]
    Meeting.objects.filter(attendance_finalised=True, quorum_required__isnull=True).update(
        quorum_required=Subquery(quorum)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0002_record_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="quorum_required",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True,
                help_text="The quorum that applied, stored when attendance is confirmed (the committee's quorum may "
                "change later).",
            ),
        ),
        migrations.RunPython(fill_quorum_required, migrations.RunPython.noop),
    ]
