"""Load the ASB Case Review configuration (Norfolk by default); safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from saferhub.asb.loader import DEFAULT_FILE, ConfigError, load_config
from saferhub.core.actors import SystemActor
from saferhub.core.exceptions import RuleViolation


class Command(BaseCommand):
    help = "Load ASB Case Review settings, relevant bodies, OPT areas, local routes and the peer review rota."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, file, **options):
        try:
            counts = load_config(file, acting_user=SystemActor("ASB configuration load"))
        except (OSError, ConfigError, RuleViolation, KeyError) as exc:
            raise CommandError(f"Could not load {file}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"ASB configuration loaded: {counts['bodies']} bodies, {counts['areas']} areas, "
            f"{counts['peer_reviewers']} peer reviewers."
        ))
