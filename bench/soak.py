"""Soak: public reads and staff writes at a steady rate against two app instances and the task worker on
one PostgreSQL and one Redis; afterwards every write is counted in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saferhub_national .venv/bin/python bench/soak.py

(``--minutes 10 --rate 200`` are the defaults; ``--minutes 1`` for a quick try.) The national dataset is
generated first if the database does not hold it (bench/national.py). The script starts, and stops again:

- two gunicorn instances (production settings, gthread) on 127.0.0.1:8801 and :8802, sharing the database
  (sessions, sign-in lockouts, the task queue) and Redis at ``--redis`` (default redis://127.0.0.1:6379/7:
  the page cache and the public forms' rate limits);
- one task worker (``manage.py db_worker``) that sends the emails the public forms ask for (to files in
  bench/data/soak-mail/, the file email backend).

Traffic, open loop at ``--rate`` requests a second, split evenly between the two ports, latency counted
from each request's scheduled time:

- public reads: the popularity-skewed public-page mix of bench/loadgen.py;
- attendance, as the demo administrator: ``POST /api/v1/meetings/<id>/attendance`` (session cookie and
  CSRF token, as the browser sends them) for meetings the set-up scheduled today through the governance
  actions, one write per (meeting, member) so each has exactly one expected result;
- ASB case transitions, as the county triage officer: ``POST /asb/cases/<id>/triage/`` (the case page's
  form) on cases the set-up submitted through the ASB actions;
- email-alert subscriptions from the public: ``POST /alerts/`` from 12 requests per simulated visitor
  address (X-Forwarded-For behind one trusted proxy), each visitor's requests alternating between the two
  instances. The allowance is 10 an hour per address, so exactly 10 per visitor must be accepted and 2
  refused (429) if the counter is shared; each accepted one queues a confirmation email for the worker.

Both staff sessions are signed in on port 8801 and used on both ports (shared sessions).

Checked afterwards in the database: every read answered 200; every write acknowledged, and exactly one
row and one audit event per write (attendance rows with the status sent; each triaged case routed, one
routed notification, one audit event; one subscription per accepted form, one confirmation task that
succeeded, one email file); nothing written that was not sent. The result table is for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import ipaddress
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import configure, load_average, machine, percentile  # noqa: E402

PORTS = (8801, 8802)
MARK = "[synthetic]"


# ---------------------------------------------------------------------------------------------
# Set-up through the actions
# ---------------------------------------------------------------------------------------------


def prepare_attendance(run: str, writes: int) -> list[tuple[int, int, str]]:
    """Meetings scheduled today for synthetic bodies (one per body, through ``schedule_meeting``) and a
    list of ``(meeting, person, status)`` writes: each current member of each meeting once."""
    from django.db.models import Q
    from django.utils import timezone

    from saferhub.core.actors import SystemActor
    from saferhub.governance.actions import schedule_meeting
    from saferhub.governance.models import Committee, Meeting, Membership

    today = timezone.localdate()
    actor = SystemActor(f"Soak {run}")
    rng = random.Random(run)  # noqa: S311 - benchmark traffic
    taken = set(Meeting.objects.filter(date=today).values_list("committee_id", flat=True))
    bodies = Committee.objects.filter(slug__startswith="synthetic-").exclude(pk__in=taken).order_by("pk")
    plan: list[tuple[int, int, str]] = []
    for committee in bodies.iterator():
        if len(plan) >= writes:
            break
        members = list(Membership.objects.filter(committee=committee, role="member", start_date__lte=today)
                       .filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).values_list("person_id", flat=True))
        meeting = schedule_meeting(committee, date=today, start_time=dt.time(18, 0), acting_user=actor)
        plan += [(meeting.pk, person, rng.choice(["present", "present", "present", "apologies", "absent"]))
                 for person in sorted(set(members))]
    return plan[:writes]


def prepare_cases(run: str, count: int) -> list[tuple[int, int]]:
    """``count`` new applications submitted through ``submit_application`` (waiting for triage), each with
    the area it will be routed to: ``(case, area)``."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from saferhub.asb.actions import submit_application
    from saferhub.asb.config import home_partnership_id
    from saferhub.asb.models import OptArea

    officer = get_user_model().objects.get(username="asb-county")
    # The home partnership's areas only: the demo's second partnership (Fictionshire) has its own areas, whose
    # cases the home county team may not see or route to (404), as the partnership matrix requires.
    areas = list(OptArea.objects.filter(partnership_id=home_partnership_id()).order_by("pk"))
    today = timezone.localdate()
    out = []
    with transaction.atomic():
        for n in range(count):
            area = areas[n % len(areas)]
            complaints = [{"behaviour_date": today - dt.timedelta(days=30 + 20 * k),
                           "reported_date": today - dt.timedelta(days=29 + 20 * k)} for k in range(3)]
            case = submit_application(area=area, channel="telephone", application_date=today,
                                      victim_name=f"{MARK} soak {run} victim {n}", complaints=complaints,
                                      acting_user=officer, nature_of_complaint=f"{MARK} soak {run}")
            out.append((case.pk, areas[(n + 1) % len(areas)].pk))
    return out


def page_cache_version(redis_url: str) -> int:
    """The public page cache's version number in Redis (``opendata.middleware.VERSION_KEY``)."""
    import redis

    return int(redis.Redis.from_url(redis_url).get(":1:saferhub:public-pages:version") or 0)


# ---------------------------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------------------------


def start_everything(redis_url: str, mail_dir: Path, workers: int, threads: int) -> list[subprocess.Popen]:
    from bench import loadgen

    env = loadgen.production_env(
        page_cache_seconds=30, redis_url=redis_url,
        SAFERHUB_REQUIRE_SECOND_FACTOR="0",  # the soak signs in with a password only (demo accounts)
        SAFERHUB_TRUSTED_PROXY_COUNT="1",  # as behind a load balancer: visitors' addresses in X-Forwarded-For
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir),
    )
    processes = [loadgen.start_gunicorn(port, env, workers=workers, threads=threads) for port in PORTS]
    processes.append(subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.5"], env=env, cwd=loadgen.ROOT,
        start_new_session=True, stdout=subprocess.DEVNULL))
    for port in PORTS:
        loadgen.wait_until_up(port)
    return processes


class Session:
    """A staff session signed in through the login form (the cookie then works on either instance)."""

    def __init__(self, port: int, username: str = "", password: str = ""):
        """Signed in as ``username``; without one, an anonymous visitor with the CSRF cookie and token of
        the alerts form (a token is not tied to a session, so the simulated visitors share it)."""
        self.cookies: dict[str, str] = {}
        page = "/accounts/login/" if username else "/alerts/"
        body = self._open(port, page).read().decode()
        token = body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        self.csrf = token
        if not username:
            return
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        response = self._open(port, "/accounts/login/", form.encode())
        if "sessionid" not in self.cookies:
            raise SystemExit(f"Signing in as {username} failed (HTTP {response.status})")
        self.csrf = self.cookies["csrftoken"]

    def _open(self, port, path, data=None):
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=self.headers())  # noqa: S310
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as exc:  # a 302 after signing in
            response = exc
        cookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
        self.cookies.update({k: m.value for k, m in cookie.items()})
        return response

    def headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def get_status(self, port: int, path: str) -> int:
        return self._open(port, path).status


# ---------------------------------------------------------------------------------------------
# Traffic
# ---------------------------------------------------------------------------------------------


class Ledger:
    """What the generator sent and what each write was answered."""

    def __init__(self):
        self.attendance: dict[tuple[int, int], tuple[str, str]] = {}  # (meeting, person) -> (status sent, outcome)
        self.triage: dict[int, str] = {}  # case -> outcome
        self.subscriptions: dict[str, str] = {}  # email -> "accepted" | "refused" | error

    @staticmethod
    def outcome(status: int, ok: bool) -> str:
        return "ok" if ok else ("unknown" if status < 0 else f"HTTP {status}")


def build_schedule(total: int, rate: float, reads: list[str], attendance, cases, visitors: int,
                   admin: Session, triager: Session, anonymous: Session, ledger: Ledger, run: str):
    """A function index -> loadgen.Request: writes spread evenly through the run among the reads."""
    from bench import loadgen

    writes: dict[int, tuple] = {}
    subs = [(v, k) for v in range(visitors) for k in range(12)]
    for kind, items in (("attendance", attendance), ("triage", cases), ("subscribe", subs)):
        if not items:
            continue
        step = total / (len(items) + 1)
        for n, item in enumerate(items):
            slot = int(step * (n + 1))
            while slot in writes:
                slot += 1
            writes[slot] = (kind, item)

    def attendance_request(index, meeting, person, status):
        body = json.dumps({"person_id": person, "status": status}).encode()

        def check(code, headers, data):
            ok = code == 200 and json.loads(data)["attendance"]["status"] == status
            ledger.attendance[(meeting, person)] = (status, Ledger.outcome(code, ok))
            return "" if ok else f"attendance {Ledger.outcome(code, ok)}"

        return loadgen.Request(PORTS[index % 2], f"/api/v1/meetings/{meeting}/attendance", "POST",
                               {**admin.headers(), "X-CSRFToken": admin.csrf, "Content-Type": "application/json"},
                               body, "attendance", check)

    def triage_request(index, case, area):
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": triager.csrf, "triage-decision": "route",
                                       "triage-area": area, "triage-note": f"Soak {run}"}).encode()

        def check(code, headers, data):
            ok = code == 302 and headers.get("location", "").startswith(f"/asb/cases/{case}/")
            ledger.triage[case] = Ledger.outcome(code, ok)
            return "" if ok else f"triage {Ledger.outcome(code, ok)}"

        return loadgen.Request(PORTS[index % 2], f"/asb/cases/{case}/triage/", "POST",
                               {**triager.headers(), "Content-Type": "application/x-www-form-urlencoded"},
                               body, "triage", check)

    def subscribe_request(visitor, k):
        email = f"soak-{run}-{visitor}-{k}@example.invalid"
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": anonymous.csrf, "topic": "keyword",
                                       "keyword": "knife crime", "frequency": "weekly", "email": email}).encode()

        def check(code, headers, data):
            outcome = ("accepted" if code == 302 and "check-your-email" in headers.get("location", "")
                       else "refused" if code == 429 else Ledger.outcome(code, False))
            ledger.subscriptions[email] = outcome
            return "" if outcome in ("accepted", "refused") else f"subscribe {outcome}"

        # A visitor's 12 forms alternate between the instances: a per-process counter would allow 20.
        return loadgen.Request(PORTS[k % 2], "/alerts/", "POST",
                               {**anonymous.headers(), "Content-Type": "application/x-www-form-urlencoded",
                                "X-Forwarded-For": str(ipaddress.IPv4Address(0x0A000000 + (int(run) * 1000 + visitor) % 2**24))},
                               form, "subscribe", check)

    def request(index: int):
        if index in writes:
            kind, item = writes[index]
            if kind == "attendance":
                return attendance_request(index, *item)
            if kind == "triage":
                return triage_request(index, *item)
            return subscribe_request(*item)
        return loadgen.Request(PORTS[index % 2], reads[index % len(reads)])

    return request


# ---------------------------------------------------------------------------------------------
# Verification in the database
# ---------------------------------------------------------------------------------------------


def verify(ledger: Ledger, attendance, cases, mail_dir: Path, started_at, visitors: int) -> dict[str, list[str]]:
    from django.contrib.contenttypes.models import ContentType
    from django_tasks_db.models import DBTaskResult

    from saferhub.alerts.models import Subscription
    from saferhub.asb.models import Case, Notification
    from saferhub.core.models import AuditEvent
    from saferhub.governance.models import Attendance, Meeting

    problems: dict[str, list[str]] = {"attendance": [], "triage": [], "subscriptions": []}
    # Attendance: exactly one row per write, with the status sent, one audit event each, nothing else.
    meetings = sorted({m for m, _, _ in attendance})
    rows = {(a.meeting_id, a.person_id): a.status for a in Attendance.objects.filter(meeting_id__in=meetings)}
    meeting_type = ContentType.objects.get_for_model(Meeting)
    audits: dict[tuple[int, int], int] = {}
    for event in AuditEvent.objects.filter(code="governance.attendance.recorded", target_type=meeting_type,
                                           target_id__in=[str(m) for m in meetings]):
        person = (event.data.get("new") or {}).get("person") or event.data.get("person")
        key = (int(event.target_id), int(person) if str(person).isdigit() else person)
        audits[key] = audits.get(key, 0) + 1
    for meeting, person, status in attendance:
        sent, outcome = ledger.attendance.get((meeting, person), (status, "not sent"))
        if outcome == "not sent":  # the run ended before its turn: nothing may have been written
            if (meeting, person) in rows:
                problems["attendance"].append(f"meeting {meeting} person {person}: a row for a write never sent")
            continue
        if outcome != "ok":
            problems["attendance"].append(f"meeting {meeting} person {person}: {outcome}")
        if rows.get((meeting, person)) != status:
            problems["attendance"].append(f"meeting {meeting} person {person}: row {rows.get((meeting, person))!r}, "
                                          f"sent {status!r} (lost)")
    extra = set(rows) - {(m, p) for m, p, _ in attendance}
    problems["attendance"] += [f"meeting {m} person {p}: a row nobody sent" for m, p in sorted(extra)]
    if audits and sum(audits.values()) != len(rows):
        problems["attendance"].append(f"{sum(audits.values())} audit events for {len(rows)} rows")
    # Triage: each case routed once (one routed notification, one audit event).
    case_ids = [c for c, _ in cases]
    status = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "status"))
    areas = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "area_id"))
    notes: dict[int, int] = {}
    for case in Notification.objects.filter(case_id__in=case_ids, kind="routed").values_list("case_id", flat=True):
        notes[case] = notes.get(case, 0) + 1
    case_type = ContentType.objects.get_for_model(Case)
    triaged: dict[int, int] = {}
    for target in AuditEvent.objects.filter(code="asb.case.triaged", target_type=case_type,
                                            target_id__in=[str(c) for c in case_ids]).values_list("target_id", flat=True):
        triaged[int(target)] = triaged.get(int(target), 0) + 1
    for case, area in cases:
        if ledger.triage.get(case) is None:  # never sent: still waiting for triage, nothing recorded
            if status.get(case) != "triage" or notes.get(case) or triaged.get(case):
                problems["triage"].append(f"case {case}: changed although never sent")
            continue
        if ledger.triage.get(case, "not sent") != "ok":
            problems["triage"].append(f"case {case}: {ledger.triage.get(case, 'not sent')}")
        if status.get(case) != "routed" or areas.get(case) != area:
            problems["triage"].append(f"case {case}: status {status.get(case)!r}, area {areas.get(case)} (lost)")
        if notes.get(case, 0) != 1 or triaged.get(case, 0) != 1:
            problems["triage"].append(f"case {case}: {notes.get(case, 0)} routed notifications, "
                                      f"{triaged.get(case, 0)} audit events (want 1 and 1)")
    # Subscriptions: 10 accepted and 2 refused per visitor; one subscription, one task, one email each.
    accepted = sorted(e for e, o in ledger.subscriptions.items() if o == "accepted")
    for visitor in range(visitors):
        mine = [o for e, o in ledger.subscriptions.items() if e.split("-")[2] == str(visitor)]
        if len(mine) < 12:  # the run ended before all of this visitor's forms were sent
            if mine.count("accepted") > 10:
                problems["subscriptions"].append(f"visitor {visitor}: {mine.count('accepted')} accepted of {len(mine)}")
            continue
        if mine.count("accepted") != 10 or mine.count("refused") != 2:
            problems["subscriptions"].append(f"visitor {visitor}: {mine.count('accepted')} accepted, "
                                             f"{mine.count('refused')} refused (want 10 and 2: shared counter)")
    stored = sorted(Subscription.objects.filter(subscriber__email__in=list(ledger.subscriptions))
                    .values_list("subscriber__email", flat=True))
    if stored != accepted:
        problems["subscriptions"].append(f"{len(stored)} subscriptions stored for {len(accepted)} accepted")
    tasks = DBTaskResult.objects.filter(enqueued_at__gte=started_at, task_path__endswith="send_confirmation_task")
    by_status: dict[str, int] = {}
    for s in tasks.values_list("status", flat=True):
        by_status[s] = by_status.get(s, 0) + 1
    if by_status.get("SUCCESSFUL", 0) != len(accepted) or set(by_status) - {"SUCCESSFUL"}:
        problems["subscriptions"].append(f"confirmation tasks {by_status} for {len(accepted)} accepted")
    mails = sum(f.read_text(errors="replace").count("\nTo: ") for f in mail_dir.glob("*.log"))
    if mails != len(accepted):
        problems["subscriptions"].append(f"{mails} emails written for {len(accepted)} accepted")
    return problems


# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=200, help="Requests a second, reads and writes together.")
    parser.add_argument("--attendance-per-second", type=float, default=2)
    parser.add_argument("--triage-per-second", type=float, default=0.5)
    parser.add_argument("--visitors", type=int, default=0, help="Visitors sending 12 alert forms each "
                        "(default: one per 25 seconds of soak).")
    parser.add_argument("--reads-only", action="store_true", help="No writes (to compare the page cache's hit rate).")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance.")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saferhub_national")
    configure("national.sqlite3")
    from bench import national

    national.create_database()
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from bench import loadgen

    seconds = args.minutes * 60
    total = int(args.rate * seconds)
    run = time.strftime("%H%M%S")
    visitors = args.visitors or max(1, int(seconds // 25))
    if args.reads_only:
        args.attendance_per_second = args.triage_per_second = visitors = 0
    print(f"Machine: {machine()}; load average {load_average()}", flush=True)
    national.ensure_dataset()
    password = national.ensure_staff()
    started_at = timezone.now()
    print("Set-up through the actions: meetings to record, applications to triage…", flush=True)
    attendance = prepare_attendance(run, int(args.attendance_per_second * seconds))
    cases = prepare_cases(run, int(args.triage_per_second * seconds))
    reads = loadgen.public_urls(total + 10)
    connection.close()
    mail_dir = loadgen.ROOT / "bench" / "data" / "soak-mail" / run
    mail_dir.mkdir(parents=True, exist_ok=True)
    processes = start_everything(args.redis, mail_dir, args.workers, args.threads)
    ledger = Ledger()
    try:
        admin = Session(PORTS[0], "admin", password)
        triager = Session(PORTS[0], "asb-county", password)
        anonymous = Session(PORTS[1])
        shared = {port: triager.get_status(port, "/asb/") for port in PORTS}
        print(f"Signed in on {PORTS[0]}; the staff page with that session on each port: {shared}", flush=True)
        schedule = build_schedule(total, args.rate, reads, attendance, cases, visitors, admin, triager, anonymous, ledger, run)
        print(f"Soak: {args.minutes:g} min at {args.rate:g}/s = {total:,} requests ({len(attendance):,} attendance, "
              f"{len(cases):,} triage, {visitors * 12:,} alert forms), ports {PORTS}, load {load_average()}", flush=True)
        before = load_average()
        version_before = page_cache_version(args.redis)
        outcomes, elapsed = asyncio.run(loadgen.run_open_loop(schedule, total, args.rate, args.connections, grace=30))
        after = load_average()
        flushes = page_cache_version(args.redis) - version_before
        deadline = time.monotonic() + 60  # let the worker send the last emails
        from django_tasks_db.models import DBTaskResult

        while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists() and time.monotonic() < deadline:
            time.sleep(1)
    finally:
        for process in processes:
            loadgen.stop(process)
    problems = verify(ledger, attendance, cases, mail_dir, started_at, visitors)

    print(f"\nSoak {time.strftime('%Y-%m-%d')} run {run}, {machine()}; load average before / after {before} / {after}")
    print(f"Two gunicorn instances × {args.workers} workers × {args.threads} threads, db_worker, PostgreSQL, "
          f"Redis {args.redis}; shared sessions: {shared}")
    print("\n| Traffic | Requests | Errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|---|---|---|")
    for kind in ("read", "attendance", "triage", "subscribe"):
        mine = [o for o in outcomes if o.kind == kind]
        if not mine:
            continue
        lat = [o.latency_ms for o in mine]
        print(f"| {kind} | {len(mine):,} | {sum(1 for o in mine if o.error)} | {statistics.median(lat):.0f} | "
              f"{percentile(lat, 95):.0f} | {percentile(lat, 99):.0f} | {max(lat):.0f} |")
    hits = sum(o.cache_hit for o in outcomes if o.kind == "read")
    reads_n = sum(1 for o in outcomes if o.kind == "read")
    print(f"\n{len(outcomes):,} requests in {elapsed:.0f} s = {len(outcomes) / elapsed:.1f}/s; "
          f"page-cache hits {100 * hits / max(1, reads_n):.0f}% of reads")
    errors: dict[str, int] = {}
    for o in outcomes:
        if o.error:
            errors[o.error] = errors.get(o.error, 0) + 1
    print(f"Errors by kind: {errors or 'none'}")
    print(f"The public page cache was emptied {flushes:,} times during the run (its version number in Redis: "
          f"every save of a model a cached page can show bumps it: opendata.middleware.changes_public_pages)")
    accepted = sum(1 for o in ledger.subscriptions.values() if o == "accepted")
    print(f"Sent {len(outcomes):,} of the {total:,} requests scheduled (a request not started 30 s after the "
          f"schedule's end is not sent): {len(ledger.attendance):,} of {len(attendance):,} attendance writes, "
          f"{len(ledger.triage):,} of {len(cases):,} triages, {len(ledger.subscriptions):,} of {visitors * 12:,} alert forms")
    print(f"Database check: {len(attendance):,} attendance writes, {len(cases):,} triaged cases, {accepted} accepted "
          f"and {sum(1 for o in ledger.subscriptions.values() if o == 'refused')} refused alert forms")
    for what, found in problems.items():
        print(f"  {what}: {'all present once, nothing extra' if not found else f'{len(found)} problems'}")
        for line in found[:10]:
            print(f"    {line}")
    if errors or any(problems.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
