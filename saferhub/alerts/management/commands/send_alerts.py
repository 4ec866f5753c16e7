from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Send due email alerts and staff notifications now, and delete unconfirmed alerts past retention."

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true",
                            help="Queue the repeating tasks for the worker (manage.py db_worker) instead.")

    def handle(self, *args, schedule=False, **options):
        from saferhub.alerts import tasks
        from saferhub.alerts.actions import delete_unconfirmed
        from saferhub.alerts.sending import ACTOR, run

        if schedule:
            tasks.send_alerts_task.enqueue(reschedule=True)
            tasks.delete_unconfirmed_task.enqueue(reschedule=True)
            self.stdout.write("Queued the alert tasks.")
            return
        result = run()
        result["deleted_unconfirmed"] = delete_unconfirmed(acting_user=ACTOR)
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
