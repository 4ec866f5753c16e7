"""ASB Case Reviews become per partnership: settings, OPT areas, partnership-wide routes and cases belong to a
partnership (a ``core.Organisation`` of kind ``partnership``). Existing rows all go to the home partnership
(the site configuration's partnership, else Norfolk's, created if missing), and the county team's members
become its members in ``core.PartnershipMembership`` (role ``asb_county_team``), as do area staff for their
area's partnership, so nobody loses sight of a case they saw before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

HOME_PARTNERSHIP = "Norfolk Countywide Community Safety Partnership"
COUNTY_TEAM_GROUP = "ASB county team"


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
    models_ = {name: apps.get_model("asb", name) for name in ("AsbSettings", "OptArea", "LocalThresholdRoute",
                                                              "Case", "AsbStaffAssignment")}
    Membership = apps.get_model("core", "PartnershipMembership")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    county = list(User.objects.filter(groups__name=COUNTY_TEAM_GROUP).values_list("pk", flat=True))
    if not county and not any(models_[n].objects.exists() for n in ("AsbSettings", "OptArea", "Case")):
        return  # a new installation: nothing to assign
    home = _home(apps)
    models_["AsbSettings"].objects.filter(partnership__isnull=True).update(partnership=home)
    models_["OptArea"].objects.filter(partnership__isnull=True).update(partnership=home)
    for route in models_["LocalThresholdRoute"].objects.filter(partnership__isnull=True):
        route.partnership_id = route.area.partnership_id if route.area_id else home.pk
        route.save(update_fields=["partnership"])
    for area in models_["OptArea"].objects.all():
        models_["Case"].objects.filter(area=area, partnership__isnull=True).update(partnership_id=area.partnership_id)
    for user_id in county:
        Membership.objects.get_or_create(user_id=user_id, partnership=home, role="asb_county_team")
    for row in models_["AsbStaffAssignment"].objects.filter(area__isnull=False).select_related("area"):
        Membership.objects.get_or_create(user_id=row.user_id, partnership_id=row.area.partnership_id, role=row.role)


class Migration(migrations.Migration):

    dependencies = [
        ('asb', '0007_partner_web_pages'),
        ('core', '0005_partnership_membership'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='asbsettings',
            name='partnership',
            field=models.ForeignKey(help_text='The Community Safety Partnership these settings belong to.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='asb_settings', to='core.organisation'),
        ),
        migrations.AddField(
            model_name='case',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='asb_cases', to='core.organisation'),
        ),
        migrations.AddField(
            model_name='localthresholdroute',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='asb_local_routes', to='core.organisation'),
        ),
        migrations.AddField(
            model_name='optarea',
            name='partnership',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='asb_opt_areas', to='core.organisation'),
        ),
        migrations.RunPython(to_partnerships, migrations.RunPython.noop),
    ]
