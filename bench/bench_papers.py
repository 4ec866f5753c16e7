"""Benchmark agenda-pack generation (issue 3): a pack of about 100 pages – front sheet, minutes to
confirm, reports with long sections, a Word annex and PDF annexes merged in – rendered to tagged
PDF, and the whole publication (pack and agenda in three formats, stored).

Usage: .venv/bin/python bench/bench_papers.py [--runs 3]
Runs against a throw-away SQLite database in a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="saferhub-bench-papers-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.setdefault("SAFERHUB_ENV", "development")
os.environ["SAFERHUB_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferhub.settings")

PARAGRAPH = ("The Partnership reported progress against each outcome in the delivery plan, the referral pathways "
             "now in place across the districts, and the support offered to victims and their families. ")


def build(run: int):
    from django.utils import timezone

    from saferhub.core.actors import SYSTEM
    from saferhub.governance import actions as governance
    from saferhub.governance.tests.factories import attend, make_panel
    from saferhub.papers import actions
    from saferhub.papers.tests.factories import docx_bytes, norfolk_template, pdf_bytes

    panel = make_panel(slug=f"bench-{run}")
    norfolk_template(panel.committee)
    earlier = governance.schedule_meeting(panel.committee, date=timezone.localdate() - dt.timedelta(days=60), acting_user=SYSTEM)
    for n in range(4):
        governance.add_agenda_item(earlier, title=f"Earlier report {n}", kind="report", acting_user=SYSTEM)
    attend(earlier, panel.members[:6])
    governance.finalise_attendance(earlier, acting_user=SYSTEM)
    for item in earlier.agenda_items.exclude(kind="inquorate"):
        governance.record_decision(item, verb="NOTED", text="the report and the points made in discussion.", acting_user=SYSTEM)
    meeting = governance.schedule_meeting(panel.committee, date=timezone.localdate() + dt.timedelta(days=20), acting_user=SYSTEM)
    for n in range(6):
        item = governance.add_agenda_item(meeting, title=f"Partnership priority report {n + 1}", kind="report", acting_user=SYSTEM)
        sections = {"background": PARAGRAPH * 25, "approach": PARAGRAPH * 20, "proposal": PARAGRAPH * 15, "impact": PARAGRAPH * 10}
        report = actions.save_cover_report(item, executive_summary=PARAGRAPH * 3, actions_required=["Consider", "Agree"],
                                           sections=sections, status="final", acting_user=SYSTEM)
        if n < 4:
            actions.upload_annex(report, title=f"Partnership annex {n + 1}", content=pdf_bytes(14, f"Annex {n + 1}"),
                                 filename="annex.pdf", acting_user=SYSTEM)
        else:
            actions.upload_annex(report, title=f"Word annex {n + 1}", content=docx_bytes(PARAGRAPH * 40), filename="a.docx",
                                 acting_user=SYSTEM)
    actions.build_agenda(meeting, acting_user=SYSTEM)
    return meeting


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bench_governance import machine
    from saferhub.core.actors import SYSTEM
    from saferhub.papers import actions, rendering

    call_command("migrate", verbosity=0)
    render_times, render_cpu, publish_times, publish_cpu, pages = [], [], [], [], []
    for run in range(args.runs):
        meeting = build(run)
        start, cpu = time.perf_counter(), time.process_time()
        pack = rendering.render_pack(meeting)
        render_times.append(time.perf_counter() - start)
        render_cpu.append(time.process_time() - cpu)
        pages.append(pack.pages)
        start, cpu = time.perf_counter(), time.process_time()
        actions.publish_agenda(meeting, acting_user=SYSTEM)
        publish_times.append(time.perf_counter() - start)
        publish_cpu.append(time.process_time() - cpu)
    print(f"Machine: {machine()}")
    print(f"Pack pages: {pages}")
    print("| Measure | Runs | median wall (s) | max wall (s) | median CPU (s) |")
    print("|---|---|---|---|---|")
    print(f"| Agenda pack rendered to tagged PDF, annexes merged | {args.runs} | {statistics.median(render_times):.2f} | "
          f"{max(render_times):.2f} | {statistics.median(render_cpu):.2f} |")
    print(f"| Whole publication (pack and agenda as HTML, PDF and Word, stored) | {args.runs} | "
          f"{statistics.median(publish_times):.2f} | {max(publish_times):.2f} | {statistics.median(publish_cpu):.2f} |")


if __name__ == "__main__":
    main()
