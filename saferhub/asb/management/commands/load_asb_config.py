"""Load the ASB Case Review configuration (Norfolk by default); safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from saferhub.asb.loader import DEFAULT_FILE, ConfigError, load_config
from saferhub.core.actors import SystemActor
from saferhub.core.exceptions import RuleViolation


class Command(BaseCommand):
    help = "Load ASB Case Review settings, relevant bodies, OPT areas, local routes and the peer review rota."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)
        parser.add_argument("--file", dest="file_option", default=None,
                            help="A partnership's file, e.g. saferhub/asb/data/wales.yaml (default: Norfolk's).")

    def handle(self, *args, file, file_option=None, **options):
        file = file_option or file or str(DEFAULT_FILE)
        try:
            counts = load_config(file, acting_user=SystemActor("ASB configuration load"))
        except (OSError, ConfigError, RuleViolation, KeyError) as exc:
            raise CommandError(f"Could not load {file}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"ASB configuration loaded: {counts['bodies']} bodies, {counts['areas']} areas, "
            f"{counts['peer_reviewers']} peer reviewers, {counts['routes']} partnership routes."
        ))
