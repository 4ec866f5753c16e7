"""Norfolk's first returns: each of the seeds' arithmetic defects is caught and kept as published."""

import pytest

from saferhub.returns.loader import ReturnsDataError, load_returns
from saferhub.returns.models import Submission

pytestmark = pytest.mark.django_db


def flags_of(slug):
    sub = Submission.objects.get(definition__slug=slug)
    return sub, {f.rule_name: f.message for f in sub.flags.all()}


def test_loads_norfolk_returns_and_is_idempotent():
    report = load_returns()
    assert (report.definitions, report.submissions, report.flagged) == (7, 3, 2)
    again = load_returns()
    # seven returns (ADDER x4, VARAC, hate crime product, Channel Panel), the Prevent benchmarks, the tension log
    assert again.definitions == 0 and len(again.skipped) == 9


@pytest.mark.parametrize(("rule", "arithmetic"), [
    ("Tiers at the start of the year add up to the total", "12 + 30 = 42, but Total lines at the start of the year is given as 35"),
    ("Tiers at the end of the year add up to the total", "8 + 21 = 29, but Total lines at the end of the year is given as 20"),
    ("Initial assessment attendance accounts for every positive detainee", "125 + 25 + 195 = 345, but Detainees testing positive is given as 352"),
    ("Disposals account for every positive detainee", "= 342, but Detainees testing positive is given as 352"),
    ("Diversionary referrals by cohort add up to the total", "= 712, but Diversionary referrals is given as 807"),
])
def test_each_adder_defect_is_flagged_as_published(rule, arithmetic):
    load_returns()
    sub, flags = flags_of("adder-year-measures")
    assert sub.status == "flagged" and sub.flag_reason.startswith("As published in the source")
    assert arithmetic in flags[rule]
    assert len(flags) == 5  # and the rules that hold (positives within tests, declines within attendance) do not flag


def test_varac_nine_against_seventeen_is_flagged():
    load_returns()
    sub, flags = flags_of("varac-referrals")
    assert sub.status == "flagged"
    assert "(17) cannot be more than Referrals since VARAC was established (9)" in "".join(flags.values())


def test_clean_quarterly_return_is_submitted():
    load_returns()
    sub = Submission.objects.get(definition__slug="adder-quarterly-home-office")
    assert sub.status == "submitted" and not sub.flags.exists()


def test_a_defect_not_listed_as_published_stops_the_load(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("""returns:
  - slug: t
    name: T
    recipient: HO
    period_kind: monthly
    geographies: [N]
    fields: [{key: a, kind: count}, {key: b, kind: count}]
    rules: [{name: B within A, kind: subset_not_over_set, whole: a, parts: [b]}]
    submissions:
      - {period_start: 2022-05-01, period_end: 2022-05-31, geography: N, values: {a: 1, b: 2}}
""")
    with pytest.raises(ReturnsDataError, match="break \\['B within A'\\]"):
        load_returns(path)
    assert not Submission.objects.exists()


def test_the_command_loads_and_reports(tmp_path):
    import io

    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("load_returns_data", stdout=out)
    assert "Defined 7 returns and loaded 3 submissions (2 flagged as published)" in out.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_returns_data", str(tmp_path / "missing.yaml"))
