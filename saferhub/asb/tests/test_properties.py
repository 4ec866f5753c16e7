"""Hypothesis property tests of the threshold engine and the working-day calendar."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from saferhub.asb import clocks
from saferhub.asb import rules as r
from saferhub.core.calendar import add_months, add_working_days, is_working_day, working_days_between

dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))
month_ends = st.builds(
    lambda y, m: add_months(dt.date(y, m, 1), 1) - dt.timedelta(days=1),
    st.integers(2015, 2035), st.integers(1, 12),
)


@st.composite
def complaint(draw, application_date):
    reported = draw(st.dates(min_value=application_date - dt.timedelta(days=260), max_value=application_date
                             + dt.timedelta(days=5)))
    behaviour = reported - dt.timedelta(days=draw(st.integers(-3, 45)))
    return r.ComplaintInput(behaviour, reported, draw(st.sampled_from(["Police", "Council", "Housing"])),
                            draw(st.sampled_from(["", "A1", "A2", "B7"])),
                            draw(st.sampled_from(["", "P1", "P2", "P3", "P4", "P5", "P6"])))


@st.composite
def application(draw):
    application_date = draw(dates)
    complaints = draw(st.lists(complaint(application_date), max_size=8))
    return application_date, complaints


configs = st.builds(
    r.ThresholdConfig,
    threshold_count=st.integers(1, 3),
    window_months=st.integers(1, 12),
    local_routes=st.sampled_from([(), (r.LocalRoute("Five people", 5, 6),)]),
)


@settings(max_examples=300, deadline=None)
@given(application(), configs)
def test_every_complaint_is_explained_once(app, config):
    application_date, complaints = app
    res = r.evaluate_threshold(application_date, complaints, config)
    bad = [x["index"] for x in res.not_qualifying]
    assert sorted(res.qualifying + bad) == list(range(len(complaints)))
    assert not set(res.qualifying) & set(bad)
    assert all(x["reason"] for x in res.not_qualifying)
    assert len(res.explanation) >= len(complaints) + 1
    assert res.met == (res.route != "none")
    if res.route == "threshold":
        assert len(res.qualifying) >= config.threshold_count


@settings(max_examples=300, deadline=None)
@given(application(), configs)
def test_qualifying_complaints_obey_the_one_and_six_month_rules(app, config):
    application_date, complaints = app
    res = r.evaluate_threshold(application_date, complaints, config)
    for i in res.qualifying:
        c = complaints[i]
        assert c.behaviour_date <= c.reported_date <= add_months(c.behaviour_date, config.report_within_months)
        assert c.reported_date <= application_date <= add_months(c.reported_date, config.application_within_months)


@settings(max_examples=200, deadline=None)
@given(application(), configs, st.integers(0, 20))
def test_adding_a_qualifying_complaint_never_unmeets_the_threshold(app, config, days_before):
    application_date, complaints = app
    before = r.evaluate_threshold(application_date, complaints, config)
    reported = application_date - dt.timedelta(days=days_before)
    extra = r.ComplaintInput(reported - dt.timedelta(days=1), reported, "Police", "", "")
    after = r.evaluate_threshold(application_date, [*complaints, extra], config)
    assert len(complaints) in after.qualifying
    assert not before.met or after.met


@settings(max_examples=200, deadline=None)
@given(application(), configs)
def test_a_lower_threshold_never_unmeets(app, config):
    application_date, complaints = app
    met = r.evaluate_threshold(application_date, complaints, config).met
    lower = r.ThresholdConfig(max(1, config.threshold_count - 1), config.window_months, 1, 6, config.local_routes)
    assert not met or r.evaluate_threshold(application_date, complaints, lower).met


@settings(max_examples=300, deadline=None)
@given(month_ends)
def test_one_month_boundary_on_month_ends_and_leap_years(behaviour):
    limit = add_months(behaviour, 1)
    application_date = limit + dt.timedelta(days=30)
    on_limit = r.evaluate_threshold(application_date, [r.ComplaintInput(behaviour, limit)])
    after_limit = r.evaluate_threshold(application_date, [r.ComplaintInput(behaviour, limit + dt.timedelta(days=1))])
    assert on_limit.qualifying == [0]
    assert after_limit.qualifying == []


@settings(max_examples=300, deadline=None)
@given(month_ends)
def test_six_month_boundary_on_month_ends_and_leap_years(reported):
    limit = add_months(reported, 6)
    c = r.ComplaintInput(reported - dt.timedelta(days=1), reported)
    assert r.evaluate_threshold(limit, [c]).qualifying == [0]
    assert r.evaluate_threshold(limit + dt.timedelta(days=1), [c]).qualifying == []


# --- calendar ------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(dates, st.integers(1, 60))
def test_a_due_date_is_always_a_working_day(start, n):
    due = add_working_days(start, n)
    assert is_working_day(due)
    assert clocks.is_due_date_valid(clocks.due_date(start, n))


@settings(max_examples=300, deadline=None)
@given(dates, st.integers(0, 40), st.integers(0, 40))
def test_working_days_are_monotonic_and_invert(start, a, b):
    assert (add_working_days(start, a) <= add_working_days(start, b)) == (a <= b) or a == b
    assert working_days_between(start, add_working_days(start, a)) == a


@settings(max_examples=300, deadline=None)
@given(dates, dates, st.integers(-24, 24))
def test_add_months_is_monotonic_and_clamps(d1, d2, months):
    lo, hi = sorted((d1, d2))
    assert add_months(lo, months) <= add_months(hi, months)
    result = add_months(d1, months)
    assert result.day <= d1.day
    assert (result.year * 12 + result.month) - (d1.year * 12 + d1.month) == months


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(1, 20))
def test_clock_is_overdue_only_after_the_due_date(start, n):
    due = add_working_days(start, n)
    assert clocks.clock_status(due, None, due) != "overdue"
    assert clocks.clock_status(due, None, due + dt.timedelta(days=1)) == "overdue"
    assert clocks.clock_status(due, due + dt.timedelta(days=3), due + dt.timedelta(days=9)) == "done"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12)
    | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["application_date", "complaints", "behaviour_date", "reported_date", "agency",
                         "reference", "reporter", "area", "x"]), children, max_size=6),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_any_json_is_answered_or_refused_clearly(data):
    try:
        application_date, complaints, _ = r.parse_threshold_request(data)
    except r.ThresholdInputError as exc:
        assert str(exc)
        return
    result = r.evaluate_threshold(application_date, complaints)
    assert result.route in ("threshold", "none")
