"""Reports that domain apps offer for a committee's agenda pack: a registry filled from ``AppConfig.ready()``.

``core`` knows no domain app and ``papers`` stands above the apps that write reports (groups, delivery,
dhr, returns), so a lower app cannot call papers. Instead each app registers a :class:`ReportSource`: it
lists what a user may put into a given committee's agenda (its *offers*: "CLSG progress report, July to
September 2023", "Safer Norfolk Plan performance report, round Q2 2023") and builds one on request as plain
data (:class:`AgendaReport`). The papers app reads this registry, shows the offers when an officer adds
papers to an agenda item, and turns the chosen report into a cover report with its appendices through its
own actions (one write path, audited there).

A source must offer only what that user may see, and must never put personal data of victims, families or
applicants into a report: what it builds can be published with the agenda.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportOffer:
    """One report a source can build for a committee. ``key`` is stable for that report (the same group,
    year and quarter give the same key), so papers can say it is already on an agenda."""

    key: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class ReportDocument:
    """An appendix: a file that goes into the pack after the cover report."""

    filename: str
    content: bytes
    content_type: str
    title: str = ""


@dataclass(frozen=True)
class AgendaReport:
    """What a source builds: the cover report's parts, in the words of the app that knows the subject."""

    title: str
    executive_summary: str
    actions_required: Sequence[str] = ()
    sections: Sequence[tuple[str, str]] = ()  # (heading, text) in order
    appendices: Sequence[ReportDocument] = ()
    officer_name: str = ""
    source_url: str = ""
    source_label: str = ""
    extra: dict = field(default_factory=dict)


Offers = Callable[[object, object], Sequence[ReportOffer]]  # (committee, user) -> offers
Build = Callable[[str, object], AgendaReport]  # (offer key, user) -> report; raises LookupError/PermissionError


@dataclass(frozen=True)
class ReportSource:
    code: str
    label: str
    offers: Offers
    build: Build
    app: str = ""


_SOURCES: dict[str, ReportSource] = {}


def register_source(code: str, *, label: str, offers: Offers, build: Build, app: str = "") -> ReportSource:
    """Register a source once (registering the same code again from the same app replaces it, because
    ``ready()`` may run twice in tests; another app taking the code is a mistake)."""
    existing = _SOURCES.get(code)
    if existing is not None and existing.app != app:
        raise ValueError(f"Agenda report source {code!r} is already registered by {existing.app or 'another app'}.")
    source = ReportSource(code=code, label=label, offers=offers, build=build, app=app)
    _SOURCES[code] = source
    return source


def sources() -> list[ReportSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.label)


def get_source(code: str) -> ReportSource:
    try:
        return _SOURCES[code]
    except KeyError:
        raise LookupError(f"There is no agenda report source called {code!r}.") from None
