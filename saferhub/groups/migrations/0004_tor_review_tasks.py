
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The Terms of Reference review as a secretariat task: a task with a version and no meeting (the
    ``sweep_tor_reviews`` command makes the tasks of versions recorded before this migration)."""

    dependencies = [
        ('governance', '0006_councillor_party'),
        ('groups', '0003_groupmembership_updated_at'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='secretariattask',
            name='tor',
            field=models.ForeignKey(blank=True, help_text='The version a review task is for.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='review_tasks', to='groups.termsofreference'),
        ),
        migrations.AlterField(
            model_name='secretariattask',
            name='kind',
            field=models.CharField(choices=[('pre_agenda', 'Pre-agenda meeting with the Chair'), ('papers', 'Agenda and papers circulated'), ('minutes', 'Minutes distributed'), ('tor_review', 'Review the Terms of Reference')], max_length=12),
        ),
        migrations.AlterField(
            model_name='secretariattask',
            name='meeting',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='secretariat_tasks', to='governance.meeting'),
        ),
        migrations.AddConstraint(
            model_name='secretariattask',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'tor_review')), fields=('tor', 'due'), name='groups_task_review_once'),
        ),
        migrations.AddConstraint(
            model_name='secretariattask',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'tor_review'), ('meeting__isnull', True), ('tor__isnull', False)), models.Q(models.Q(('kind', 'tor_review'), _negated=True), ('meeting__isnull', False), ('tor__isnull', True)), _connector='OR'), name='groups_task_meeting_or_review'),
        ),
    ]
