"""Questions put at a meeting and their answers, for the apps below papers: a hook papers fills from ``ready()``.

The questions a committee asks to be answered in writing live in papers (``papers.WrittenQuestion``), and
papers stands above the apps that write reports for a committee (delivery, groups): they cannot import it.
So papers registers one *provider* here, and a report asks ``questions_at(meeting_id, source_code=…,
key_prefix=…)`` for the meeting's questions as plain data. The source code and key prefix name the
report the questions should be about (the Plan's performance report is source ``"plan"``, key
``"<plan slug>:…"``): questions are not tagged by subject, only by the agenda item they were raised
under, so the provider keeps the questions raised under items that received that report, and when no
item of the meeting received it, it gives every question of the meeting and says so (``about_report``).

Why a hook and not papers adding the questions in ``add_report_from_source``: the report's own page, PDF and
Word download are rendered by the app that writes it, outside papers, and must show them too.

What a provider gives may be published with an agenda, so it gives only what the meeting's public
minutes print: the question, the answer, who answered and when, the item. Never the asker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MeetingQuestion:
    """One question put at a meeting, with its answer ("" while none is recorded)."""

    number: int
    text: str
    answer: str = ""
    answered_on: dt.date | None = None
    answered_by: str = ""
    item: str = ""  # the agenda item it was raised under, as printed ("Item 5: Safer Norfolk Plan"), or ""

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())


@dataclass(frozen=True)
class MeetingQuestions:
    """The questions a provider gives for one meeting, in their order (by number).

    ``about_report`` is True when they are the questions raised under the items that received the report
    asked about, and False when no item of the meeting received it, so they are all the meeting's
    questions."""

    questions: Sequence[MeetingQuestion] = ()
    about_report: bool = False


Provider = Callable[..., MeetingQuestions]  # (meeting_id, *, source_code, key_prefix) -> MeetingQuestions


@dataclass(frozen=True)
class _Registration:
    provider: Provider
    app: str


_PROVIDER: list[_Registration] = []


def register_provider(provider: Provider, *, app: str) -> None:
    """Register the provider (registering again from the same app replaces it, because ``ready()`` may run
    twice in tests; a second app providing questions is a mistake: there is one home for them)."""
    if _PROVIDER and _PROVIDER[0].app != app:
        raise ValueError(f"Meeting questions are already provided by {_PROVIDER[0].app}.")
    _PROVIDER[:] = [_Registration(provider=provider, app=app)]


def questions_at(meeting_id: int, *, source_code: str = "", key_prefix: str = "") -> MeetingQuestions | None:
    """The questions put at the meeting, about the report of ``source_code`` whose key starts with
    ``key_prefix`` where the meeting had it on its agenda; None when no app provides questions."""
    if not _PROVIDER:
        return None
    return _PROVIDER[0].provider(meeting_id, source_code=source_code, key_prefix=key_prefix)
