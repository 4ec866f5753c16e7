"""Every ASB settings record, OPT area, route and case now has its partnership (0008): make it required and
uniqueness per partnership, not global (a second partnership may have its own "Central" area)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("asb", "0008_partnerships"),
    ]

    operations = [
        migrations.AlterField(
            model_name='asbsettings',
            name='partnership',
            field=models.ForeignKey(help_text='The Community Safety Partnership these settings belong to.', on_delete=django.db.models.deletion.PROTECT, related_name='asb_settings', to='core.organisation'),
        ),
        migrations.AlterField(
            model_name='case',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='asb_cases', to='core.organisation'),
        ),
        migrations.AlterField(
            model_name='localthresholdroute',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='asb_local_routes', to='core.organisation'),
        ),
        migrations.AlterField(
            model_name='optarea',
            name='partnership',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='asb_opt_areas', to='core.organisation'),
        ),
        migrations.AlterField(
            model_name='asbsettings',
            name='name',
            field=models.CharField(default='Norfolk', max_length=120),
        ),
        migrations.AlterField(
            model_name='optarea',
            name='code',
            field=models.SlugField(max_length=40),
        ),
        migrations.AlterField(
            model_name='optarea',
            name='name',
            field=models.CharField(max_length=120),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['partnership', 'status'], name='asb_case_partnership_status'),
        ),
        migrations.AddConstraint(
            model_name='asbsettings',
            constraint=models.UniqueConstraint(fields=('partnership',), name='asb_settings_one_per_partnership'),
        ),
        migrations.AddConstraint(
            model_name='optarea',
            constraint=models.UniqueConstraint(fields=('partnership', 'code'), name='asb_area_code_per_partnership'),
        ),
        migrations.AddConstraint(
            model_name='optarea',
            constraint=models.UniqueConstraint(fields=('partnership', 'name'), name='asb_area_name_per_partnership'),
        ),
    ]
