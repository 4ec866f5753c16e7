"""Print the date N working days after START (England and Wales bank holidays): manage.py working_days_add 2026-12-24 3"""

import datetime as dt
import sys

from django.core.management.base import BaseCommand

from saferhub.core.calendar import add_working_days


class Command(BaseCommand):
    help = "Print the date N working days after START (YYYY-MM-DD), England and Wales bank holidays."

    def add_arguments(self, parser):
        parser.add_argument("start")
        parser.add_argument("n")
        parser.add_argument("--region", default="ENG", choices=["ENG", "WLS", "SCT", "NIR"])

    def handle(self, *args, start, n, region="ENG", **options):
        try:
            day = dt.date.fromisoformat(start)
            if len(start) != 10:
                raise ValueError
        except ValueError:
            self.stderr.write(f"Error: START must be a date written YYYY-MM-DD (got {start!r}).")
            sys.exit(2)
        try:
            count = int(n)
        except ValueError:
            self.stderr.write(f"Error: N must be a whole number of working days (got {n!r}).")
            sys.exit(2)
        if count < 0 or count > 10000:
            self.stderr.write("Error: N must be between 0 and 10000.")
            sys.exit(2)
        try:
            self.stdout.write(add_working_days(day, count, region).isoformat())
        except (OverflowError, ValueError):
            self.stderr.write("Error: the answer is outside the calendar this system can count.")
            sys.exit(2)
