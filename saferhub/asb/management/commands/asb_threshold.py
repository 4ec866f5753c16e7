"""Run the ASB threshold engine on a JSON file: manage.py asb_threshold FILE.json (- for standard input).

Exit code 0 with the JSON answer; 2 with a clear message when the input is wrong."""

import json
import sys

from django.core.management.base import BaseCommand

from saferhub.asb.api import threshold_answer
from saferhub.asb.rules import ThresholdInputError


class Command(BaseCommand):
    help = "Evaluate an ASB Case Review threshold request (JSON file) and print the answer as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, or - to read standard input")
        parser.add_argument("--explain", action="store_true", help="Add the complaint-by-complaint explanation.")

    def handle(self, *args, file, explain=False, **options):
        try:
            if file == "-":
                text = sys.stdin.read()
            else:
                with open(file, encoding="utf-8") as fh:
                    text = fh.read()
        except OSError as exc:
            self._fail(f"Cannot read {file}: {exc.strerror or exc}.")
        try:
            data = json.loads(text)
        except (ValueError, UnicodeDecodeError) as exc:
            self._fail(f"{file} is not valid JSON: {exc}.")
        try:
            answer = threshold_answer(data, explain=explain)
        except ThresholdInputError as exc:
            self._fail(str(exc))
        self.stdout.write(json.dumps(answer, indent=2))

    def _fail(self, message: str):
        self.stderr.write(f"Error: {message}")
        sys.exit(2)
