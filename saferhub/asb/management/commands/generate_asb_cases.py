"""Generate synthetic ASB cases for benchmarks (default 100,000), with their working-day clocks.

Benchmark data, not a record of anything: every case is fictional and marked "[synthetic]". For speed
it is written with bulk inserts rather than through the actions (the actions' rules are exercised by the
test suite); every row still satisfies the model constraints, and due dates are real working days.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from saferhub.asb.config import current_settings
from saferhub.asb.models import Case, CaseClock, ClockStep, OptArea
from saferhub.core.calendar import add_working_days

MARK = "[synthetic]"
STATUSES = ["triage", "routed", "closed", "in_review", "panel_held", "action_plan", "closed", "closed", "closed"]


class Command(BaseCommand):
    help = "Generate N synthetic ASB cases with clocks, for benchmarks (marked [synthetic]; refused if cases exist without --force)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, cases: int, seed: int, batch: int, **options):
        areas = list(OptArea.objects.order_by("id"))
        if not areas:
            raise CommandError("Load the ASB configuration first (manage.py load_asb_config).")
        rng = random.Random(seed)  # noqa: S311 - benchmark data
        s = current_settings()
        today = timezone.localdate()
        existing = Case.objects.filter(reference__startswith="ASB-SYN-").count()
        started = time.monotonic()
        made = 0
        while made < cases:
            n = min(batch, cases - made)
            with transaction.atomic():
                rows = []
                for i in range(n):
                    number = existing + made + i + 1
                    application = today - dt.timedelta(days=rng.randint(0, 365 * 3))
                    status = rng.choice(STATUSES)
                    # Most cases older than three months are finished; a few are stuck (the overdue ones).
                    if (today - application).days > 90 and rng.random() < 0.97:
                        status = "closed"
                    rows.append(Case(
                        reference=f"ASB-SYN-{number:08d}"[:20], area=areas[number % len(areas)],
                        partnership_id=areas[number % len(areas)].partnership_id, status=status,
                        channel=rng.choice(["web_form", "telephone", "email", "letter", "in_person", "paper_form"]),
                        application_date=application, victim_name=f"{MARK} victim {number}",
                        nature_of_complaint=MARK, threshold_route=rng.choice(["threshold", "none", "threshold"]),
                        determination="" if status in ("triage", "routed") else rng.choice(["B", "C_i", "C_ii"]),
                        closed_on=application + dt.timedelta(days=60) if status == "closed" else None,
                    ))
                created = Case.objects.bulk_create(rows, batch_size=1000)
                clocks = []
                for case in created:
                    a = case.application_date
                    closed = case.status == "closed"
                    for step, start, days in (
                        (ClockStep.ACKNOWLEDGEMENT, a, s.acknowledgement_days),
                        (ClockStep.DETERMINATION, a, s.determination_days),
                        (ClockStep.OVERALL, a, s.overall_days),
                    ):
                        due = add_working_days(start, days)
                        done = None
                        if closed or case.status not in ("triage",) and step != ClockStep.OVERALL:
                            done = due - dt.timedelta(days=rng.randint(-3, 3))
                            done = min(max(done, start), today)
                        if case.status == "triage" and rng.random() < 0.5:
                            done = None
                        clocks.append(CaseClock(case=case, area_id=case.area_id, step=step, started_on=start,
                                                due_on=due, done_on=done))
                    if case.status in ("in_review", "panel_held"):
                        start = a + dt.timedelta(days=14)
                        clocks.append(CaseClock(case=case, area_id=case.area_id, step=ClockStep.INITIAL_REVIEW,
                                                started_on=start, due_on=add_working_days(start, s.initial_review_days)))
                CaseClock.objects.bulk_create(clocks, batch_size=2000)
            made += n
            self.stdout.write(f"  {made:,} cases ({time.monotonic() - started:.0f} s)")
        self.stdout.write(self.style.SUCCESS(f"Generated {made:,} synthetic ASB cases."))
