"""The meeting-questions hook: one provider, re-registering from the same app replaces it, another app is
refused, and with no provider a report is told there is nothing (None), not an empty list."""

from __future__ import annotations

import pytest

from saferhub.core import meeting_questions as hook


@pytest.fixture
def empty_hook(monkeypatch):
    monkeypatch.setattr(hook, "_PROVIDER", [])


def _provider(meeting_id, *, source_code, key_prefix):
    return hook.MeetingQuestions(about_report=bool(source_code), questions=(
        hook.MeetingQuestion(number=meeting_id, text=f"Asked about {key_prefix}"),))


def test_no_provider_gives_none(empty_hook):
    assert hook.questions_at(7, source_code="plan", key_prefix="snp:") is None


def test_the_provider_is_asked_with_the_report(empty_hook):
    hook.register_provider(_provider, app="papers")
    given = hook.questions_at(7, source_code="plan", key_prefix="snp:")
    assert given.about_report and given.questions[0].number == 7 and given.questions[0].text == "Asked about snp:"
    assert not given.questions[0].answered
    assert hook.MeetingQuestion(number=1, text="Q", answer="Yes.").answered
    assert not hook.MeetingQuestion(number=1, text="Q", answer="  ").answered


def test_same_app_replaces_another_app_is_refused(empty_hook):
    hook.register_provider(_provider, app="papers")
    hook.register_provider(lambda meeting_id, **kw: hook.MeetingQuestions(), app="papers")
    assert hook.questions_at(1).questions == ()
    with pytest.raises(ValueError, match="already provided by papers"):
        hook.register_provider(_provider, app="groups")

