"""The synthetic national dataset on PostgreSQL, generated fast (COPY), in one command.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_national .venv/bin/python bench/national.py

creates the database if it does not exist, migrates it, and fills it (everything fictional, marked
"[synthetic]"): by default 350 councils × 15 bodies (5,250 public bodies) × 10 civic years × 8 meetings
(420,000 meetings, about 5.3 million attendance rows, 1.26 million agenda items, 0.78 million decisions),
20,000 published reports with an annex each (the papers and documents), 100,000 ASB cases with their
clocks, and the demo staff accounts the soak signs in with. ``--fresh`` drops the database first. The time each part
took is printed, for bench/RESULTS.md.

The governance rows are the ones ``manage.py generate_national_dataset`` builds (the same generator
class, so the shape of the data has one home); only the way they reach the database differs: the
command inserts with ``executemany`` on any engine (about 12 minutes on PostgreSQL), this script streams
each table with PostgreSQL's ``COPY … FROM STDIN`` (psycopg's ``cursor.copy``). Nothing is switched off:
indexes, constraints and WAL stay on, and everything is written in one transaction.

The other bench scripts call :func:`ensure_dataset` (and :func:`ensure_staff`) so that there is one
home for the national set-up.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, load_average, machine  # noqa: E402

MARK = "[synthetic]"


def create_database() -> None:
    """CREATE DATABASE for DATABASE_URL when it does not exist yet (PostgreSQL only)."""
    import psycopg
    from dj_database_url import parse

    cfg = parse(os.environ["DATABASE_URL"])
    if "postgresql" not in cfg["ENGINE"]:
        return
    params = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432, "user": cfg["USER"] or "postgres",
              "password": cfg["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(cfg["NAME"])))


def drop_database() -> None:
    import psycopg
    from dj_database_url import parse

    cfg = parse(os.environ["DATABASE_URL"])
    params = {"host": cfg["HOST"] or "127.0.0.1", "port": cfg["PORT"] or 5432, "user": cfg["USER"] or "postgres",
              "password": cfg["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**params) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(cfg["NAME"])))


def copy_generator():
    """The governance generator with each table streamed by COPY on PostgreSQL."""
    from django.db import connection

    from saferhub.governance.management.commands.generate_national_dataset import Generator

    class CopyGenerator(Generator):
        def insert(self, model, columns, rows):
            if connection.vendor != "postgresql":
                return super().insert(model, columns, rows)
            if not rows:
                return None
            quote = connection.ops.quote_name
            # Table and column names come from the models, never from input.
            sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
            with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return None

    return CopyGenerator


def generate_governance(councils: int, committees: int, years: int, meetings: int) -> dict:
    from django.db import transaction

    generator = copy_generator()
    with transaction.atomic():
        return generator(random.Random(2026), councils, committees, years, meetings, False, sys.stdout).run()  # noqa: S311


def ensure_papers(reports: int) -> int:
    """Published reports with one PDF annex each, and published papers for their meetings (bulk inserts)."""
    from django.db import transaction
    from django.utils import timezone

    from saferhub.governance.models import AgendaItem
    from saferhub.papers.models import CoverReport, Document, MeetingPapers

    if Document.objects.filter(title__startswith=MARK).exists():
        return 0
    rng = random.Random(3)  # noqa: S311 - benchmark data
    now = timezone.now()
    top = AgendaItem.objects.order_by("-pk").values_list("pk", flat=True).first()
    wanted = {rng.randint(1, top) for _ in range(reports * 4)}
    items = list(AgendaItem.objects.filter(pk__in=wanted, kind="report", cover_report__isnull=True)
                 .select_related("meeting").only("id", "meeting_id", "meeting__committee_id")[:reports])
    with transaction.atomic():
        CoverReport.objects.bulk_create([
            CoverReport(agenda_item_id=i.pk, title=f"{MARK} Partnership priority report", executive_summary="Fictional.",
                        status="final", responsible_director="Director of Community Services") for i in items
        ], batch_size=5000)
        report_ids = dict(CoverReport.objects.filter(agenda_item_id__in=[i.pk for i in items])
                          .values_list("agenda_item_id", "pk"))
        meetings = {i.meeting_id: i.meeting.committee_id for i in items}
        existing = set(MeetingPapers.objects.filter(meeting_id__in=meetings).values_list("meeting_id", flat=True))
        MeetingPapers.objects.bulk_create([
            MeetingPapers(meeting_id=m, status="published", published_at=now) for m in meetings if m not in existing
        ], batch_size=5000)
        Document.objects.bulk_create([
            Document(committee_id=i.meeting.committee_id, meeting_id=i.meeting_id, cover_report_id=report_ids[i.pk],
                     kind="annex", format="pdf", title=f"{MARK} Annex", label="Annex 1", position=1,
                     file=f"documents/synthetic/{i.pk}.pdf", media_type="application/pdf", size=12345,
                     sha256="0" * 64, page_count=3, generated=False, published_at=now) for i in items
        ], batch_size=5000)
    return len(items)


def ensure_asb(cases: int) -> int:
    from django.core.management import call_command

    from saferhub.asb.models import Case

    call_command("load_asb_config", verbosity=0)
    have = Case.objects.filter(reference__startswith="ASB-SYN-").count()
    if have < cases:
        call_command("generate_asb_cases", cases=cases - have, batch=10000, verbosity=0)
    return max(0, cases - have)


def ensure_staff() -> str:
    """The demo accounts (``manage.py create_demo_users``: one per role, e.g. ``admin`` and ``asb-county``)
    the soak signs in with; returns their shared password."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from saferhub.core.demo import DEMO_PASSWORD

    if not get_user_model().objects.filter(username="asb-county").exists():
        call_command("create_demo_users", verbosity=0)
    return DEMO_PASSWORD


def ensure_dataset(councils: int = 350, committees: int = 15, years: int = 10, meetings: int = 8,
                   reports: int = 20_000, asb_cases: int = 100_000) -> dict[str, float]:
    """Migrate and fill the database unless the synthetic dataset is already there; seconds per part."""
    from django.core.management import call_command
    from django.db import connection

    from saferhub.governance.models import Meeting

    timings: dict[str, float] = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.monotonic() - started
    if not Meeting.objects.filter(note=MARK).exists():
        step = time.monotonic()
        counts = generate_governance(councils, committees, years, meetings)
        timings["governance (COPY)"] = time.monotonic() - step
        print("  governance:", ", ".join(f"{k} {v:,}" for k, v in counts.items()), flush=True)
    step = time.monotonic()
    made = ensure_papers(reports)
    timings[f"papers: {made:,} reports and annexes"] = time.monotonic() - step
    step = time.monotonic()
    made = ensure_asb(asb_cases)
    timings[f"ASB: {made:,} cases and clocks"] = time.monotonic() - step
    step = time.monotonic()
    ensure_staff()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    timings["staff accounts and ANALYZE"] = time.monotonic() - step
    timings["total"] = time.monotonic() - started
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=350)
    parser.add_argument("--committees", type=int, default=15, help="Bodies per council.")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--meetings", type=int, default=8, help="Meetings per body per year.")
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--asb-cases", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="Drop the database first.")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saferhub_national")
    configure("national.sqlite3")
    if args.fresh:
        drop_database()
    create_database()
    import django

    django.setup()
    from django.db import connection

    from saferhub.asb.models import Case, CaseClock
    from saferhub.governance.models import AgendaItem, Attendance, Committee, Decision, Meeting
    from saferhub.papers.models import Document

    print(f"Machine: {machine()}; load average at start {load_average()}", flush=True)
    timings = ensure_dataset(args.councils, args.committees, args.years, args.meetings, args.reports, args.asb_cases)
    print(f"\nDatabase: {connection.vendor} ({connection.settings_dict['NAME']}); load average at end {load_average()}")
    sizes = {"public bodies": Committee.objects.count(), "meetings": Meeting.objects.count(),
             "attendance rows": Attendance.objects.count(), "agenda items": AgendaItem.objects.count(),
             "decisions": Decision.objects.count(), "documents": Document.objects.count(),
             "ASB cases": Case.objects.count(), "ASB clocks": CaseClock.objects.count()}
    print("| Rows | " + " | ".join(sizes) + " |")
    print("|---" * (len(sizes) + 1) + "|")
    print("| count | " + " | ".join(f"{v:,}" for v in sizes.values()) + " |")
    print("\n| Step | Seconds |\n|---|---|")
    for label, seconds in timings.items():
        print(f"| {label} | {seconds:.0f} |")


if __name__ == "__main__":
    main()
