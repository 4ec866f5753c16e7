"""Review teams move to ``core.PartnershipMembership`` (role ``dhr_team``): the one home of who works for which
partnership. Every team row is copied before the old table goes; going back copies them the other way."""

from django.db import migrations

TEAM_ROLE = "dhr_team"


def to_core(apps, schema_editor):
    Old = apps.get_model("dhr", "DhrTeamMembership")
    Membership = apps.get_model("core", "PartnershipMembership")
    for row in Old.objects.all():
        Membership.objects.get_or_create(user_id=row.user_id, partnership_id=row.partnership_id, role=TEAM_ROLE)


def back_from_core(apps, schema_editor):
    Old = apps.get_model("dhr", "DhrTeamMembership")
    Membership = apps.get_model("core", "PartnershipMembership")
    for row in Membership.objects.filter(role=TEAM_ROLE):
        Old.objects.get_or_create(user_id=row.user_id, partnership_id=row.partnership_id)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0005_partnership_membership"),
        ("dhr", "0005_report_versions_qa"),
    ]

    operations = [
        migrations.RunPython(to_core, back_from_core),
        migrations.DeleteModel(name="DhrTeamMembership"),
    ]
