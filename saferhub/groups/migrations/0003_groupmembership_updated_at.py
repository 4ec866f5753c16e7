import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """When a membership last changed (OParl ``modified`` of the member's Membership)."""

    dependencies = [("groups", "0002_tor_amendments")]

    operations = [
        migrations.AddField(
            model_name="groupmembership",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
