"""The community tension log becomes per partnership: each report belongs to the Community Safety Partnership
whose log holds it, and a tension analyst reads only the logs of the partnerships they work for
(``core.PartnershipMembership``, role ``tension_analyst``). Existing reports go to the home partnership (the site
configuration's, else the one named by ``SAFERHUB_HOME_PARTNERSHIP``, else Norfolk's, created if missing), and
existing analysts become its analysts, so nobody loses sight of a report they saw before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

HOME_PARTNERSHIP = "Norfolk Countywide Community Safety Partnership"
ANALYST_GROUP = "Tension analyst"


def _home(apps):
    Organisation = apps.get_model("core", "Organisation")
    SiteConfiguration = apps.get_model("core", "SiteConfiguration")
    config = SiteConfiguration.objects.filter(pk=1).first()
    if config is not None and config.partnership_id:
        return Organisation.objects.get(pk=config.partnership_id)
    name = getattr(settings, "SAFERHUB_HOME_PARTNERSHIP", "") or HOME_PARTNERSHIP
    return Organisation.objects.filter(name=name).first() or Organisation.objects.create(name=name,
                                                                                          kind="partnership")


def to_partnerships(apps, schema_editor):
    TensionReport = apps.get_model("returns", "TensionReport")
    Membership = apps.get_model("core", "PartnershipMembership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    analysts = list(User.objects.filter(groups__name=ANALYST_GROUP).values_list("pk", flat=True))
    if not analysts and not TensionReport.objects.exists():
        return  # a new installation: nothing to assign
    home = _home(apps)
    TensionReport.objects.filter(partnership__isnull=True).update(partnership=home)
    for user_id in analysts:
        Membership.objects.get_or_create(user_id=user_id, partnership=home, role="tension_analyst")


class Migration(migrations.Migration):

    dependencies = [
        ("returns", "0003_tension_log_and_reporting_centres"),
        ("core", "0005_partnership_membership"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="tensionreport",
            name="partnership",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="tension_reports", to="core.organisation"),
        ),
        migrations.RunPython(to_partnerships, migrations.RunPython.noop),
    ]
