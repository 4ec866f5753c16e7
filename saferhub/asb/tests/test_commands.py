"""Management commands: configuration load, threshold, working days."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saferhub.asb.models import AsbSettings, LocalThresholdRoute, OptArea, PeerReviewer, RelevantBody
from saferhub.core.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_load_asb_config_is_idempotent(capsys):
    call_command("load_asb_config")
    call_command("load_asb_config")
    assert "6 areas" in capsys.readouterr().out
    assert list(OptArea.objects.values_list("name", flat=True)) == [
        "Breckland", "West Norfolk", "North Norfolk", "Norwich", "Great Yarmouth", "South Norfolk and Broadland"]
    snb = OptArea.objects.get(code="south-norfolk-broadland")
    assert set(snb.councils.values_list("name", flat=True)) == {"South Norfolk District Council",
                                                                "Broadland District Council"}
    assert snb.spoc and snb.inspector
    route = LocalThresholdRoute.objects.get()
    assert route.area.code == "breckland" and route.min_distinct_reporters == 5 and route.is_local_variant
    s = AsbSettings.objects.get()
    assert (s.threshold_count, s.appeal_window, s.appeal_window_unit, s.appeal_recipient, s.retention_years) == (
        3, 21, "working_days", "opt_inspector", 6)
    assert s.pcc_office.kind == "opcc"
    assert RelevantBody.objects.filter(kind="housing_provider").count() == 3
    assert PeerReviewer.objects.count() == 7
    assert AuditEvent.objects.filter(code="asb.area.saved").count() == 6  # the second load changed nothing


@pytest.mark.django_db
def test_load_asb_config_refuses_threshold_above_three(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("settings:\n  threshold_count: 4\n")
    with pytest.raises(CommandError, match="statutory maximum of 3"):
        call_command("load_asb_config", str(bad))


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=120, env=None)


@pytest.mark.django_db
def test_asb_threshold_command(tmp_path, capsys):
    good = tmp_path / "app.json"
    good.write_text(json.dumps({"application_date": "2026-06-01", "complaints": [
        {"behaviour_date": f"2026-0{m}-01", "reported_date": f"2026-0{m}-03", "agency": "Police", "reference": str(m)}
        for m in (3, 4, 5)]}))
    call_command("asb_threshold", str(good))
    out = json.loads(capsys.readouterr().out)
    assert out == {"met": True, "required": 3, "qualifying": [0, 1, 2], "not_qualifying": [], "route": "threshold"}


@pytest.mark.parametrize("content,message", [
    ("{oops", "not valid JSON"),
    ('{"application_date": "2026-13-01", "complaints": []}', "real date"),
    ('{"application_date": "2026-01-01"}', "complaints must be a list"),
])
def test_asb_threshold_bad_input_exits_2_without_a_trace(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = run("asb_threshold", str(bad))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    missing = run("asb_threshold", str(tmp_path / "missing.json"))
    assert missing.returncode == 2 and "Cannot read" in missing.stderr


def test_working_days_add_command(capsys):
    call_command("working_days_add", "2026-12-24", "3")
    # 25 Dec (Fri) and 28 Dec (substitute Boxing Day) are bank holidays.
    assert capsys.readouterr().out.strip() == "2026-12-31"
    result = run("working_days_add", "2026-02-30", "3")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr
    result = run("working_days_add", "2026-02-03", "x")
    assert result.returncode == 2 and "whole number" in result.stderr


@pytest.mark.django_db
def test_asb_threshold_explain_reads_stdin():
    body = json.dumps({"application_date": "2026-06-01", "complaints": [
        {"behaviour_date": "2026-01-01", "reported_date": "2026-03-01", "agency": "Police", "reference": "X"}]})
    result = run("asb_threshold", "-", "--explain", stdin=body)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["route"] == "none" and out["explanation"][0].startswith("Complaint 1: does not qualify")


@pytest.mark.django_db
def test_generated_bench_cases_belong_to_their_areas_partnership():
    from saferhub.asb.models import Case
    from saferhub.asb.tests import factories as fx

    w = fx.world()
    call_command("generate_asb_cases", cases=6, batch=6, verbosity=0)
    cases = Case.objects.filter(reference__startswith="ASB-SYN-")
    assert cases.count() == 6
    assert set(cases.values_list("partnership_id", flat=True)) == {w.norwich.partnership_id}


@pytest.mark.django_db
def test_asb_retention_schedule_queues_the_nightly_task(capsys):
    from django_tasks_db.models import DBTaskResult

    call_command("asb_retention")
    assert not DBTaskResult.objects.exists()
    call_command("asb_retention", "--schedule")
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferhub.asb.tasks.apply_retention_task" and queued.run_after is not None
    assert f"Next run queued ({queued.id})." in capsys.readouterr().out
