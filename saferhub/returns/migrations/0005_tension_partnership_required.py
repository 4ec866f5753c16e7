"""Every tension report now has its partnership (0004): make it required. (A separate migration, so that
PostgreSQL applies the data change before the constraint.)"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("returns", "0004_tension_partnership"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tensionreport",
            name="partnership",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="tension_reports",
                                    to="core.organisation"),
        ),
        migrations.AddIndex(
            model_name="tensionreport",
            index=models.Index(fields=["partnership", "status"], name="returns_tension_partnership"),
        ),
    ]
