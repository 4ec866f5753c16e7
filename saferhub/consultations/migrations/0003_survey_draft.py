"""Surveys become drafts until staff open them (``opened_at``).

Existing surveys: one that could be opened today (it has a question and its closing date is on or after its
opening date) was already public and stays open, with ``opened_at`` set to the moment of migration; every
survey that has responses has questions, so it stays open too. A survey without questions becomes a draft:
it was listed publicly with nothing to answer."""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def open_existing(apps, schema_editor):
    Survey = apps.get_model("consultations", "Survey")
    ready = Survey.objects.filter(questions__isnull=False, closes_on__gte=F("opens_on")).values("pk").distinct()
    Survey.objects.filter(pk__in=ready).update(opened_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0002_tally'),
    ]

    operations = [
        migrations.AddField(
            model_name='survey',
            name='opened_at',
            field=models.DateTimeField(blank=True, help_text='When staff opened the survey; until then it is a draft, never shown publicly', null=True),
        ),
        migrations.RunPython(open_existing, migrations.RunPython.noop),
    ]
