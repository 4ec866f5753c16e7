"""Extension points for apps built on governance (papers, open data): panels they add to the
meeting page and the dashboard without governance importing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict


MeetingPanel = Callable[[object, object], Panel | None]
DashboardPanel = Callable[[object, object], Panel | None]

_meeting_panels: list[MeetingPanel] = []
_record_panels: list[MeetingPanel] = []
_dashboard_panels: list[DashboardPanel] = []
_committee_panels: list[DashboardPanel] = []
_person_panels: list[DashboardPanel] = []
_item_links: list[Callable[[object, object], dict]] = []
_private_items: list[Callable[[object, object], dict]] = []


def register_private_items(func: Callable[[object, object], dict]) -> Callable[[object, object], dict]:
    """``func(user, meeting)`` returns ``{agenda_item_pk: paragraph}``: the items taken in private whose
    minute text this user may not read, each with its paragraph of Schedule 12A to the Local Government
    Act 1972 (papers: exempt items)."""
    if func not in _private_items:
        _private_items.append(func)
    return func


def private_items(user, meeting) -> dict[int, int]:
    private: dict[int, int] = {}
    for func in _private_items:
        private.update(func(user, meeting) or {})
    return private


def register_agenda_item_links(func: Callable[[object, object], dict]) -> Callable[[object, object], dict]:
    """``func(request, meeting)`` returns ``{agenda_item_pk: [(text, url), …]}``: links shown under
    each item on the public meeting page (papers adds each item's report and annexes)."""
    if func not in _item_links:
        _item_links.append(func)
    return func


def agenda_item_links(request, meeting) -> dict[int, list[tuple[str, str]]]:
    links: dict[int, list[tuple[str, str]]] = {}
    for func in _item_links:
        for pk, rows in (func(request, meeting) or {}).items():
            links.setdefault(pk, []).extend(rows)
    return links


def register_committee_panel(func: DashboardPanel) -> DashboardPanel:
    """``func(request, committee)`` returns a Panel for the public committee page, or None."""
    if func not in _committee_panels:
        _committee_panels.append(func)
    return func


def committee_panels(request, committee) -> list[Panel]:
    return _collect(_committee_panels, request, committee)


def register_person_panel(func: DashboardPanel) -> DashboardPanel:
    """``func(request, person)`` returns a Panel for a councillor's public page, or None."""
    if func not in _person_panels:
        _person_panels.append(func)
    return func


def person_panels(request, person) -> list[Panel]:
    return _collect(_person_panels, request, person)


def register_meeting_panel(func: MeetingPanel) -> MeetingPanel:
    """``func(request, meeting)`` returns a Panel for the public meeting page, or None."""
    if func not in _meeting_panels:
        _meeting_panels.append(func)
    return func


def register_record_panel(func: MeetingPanel) -> MeetingPanel:
    """``func(request, meeting)`` returns a Panel for the committee officer's recording page."""
    if func not in _record_panels:
        _record_panels.append(func)
    return func


def register_dashboard_panel(func: DashboardPanel) -> DashboardPanel:
    """``func(request, committee)`` returns a Panel for that committee's block on the dashboard."""
    if func not in _dashboard_panels:
        _dashboard_panels.append(func)
    return func


def _collect(funcs, request, obj) -> list[Panel]:
    return [panel for panel in (f(request, obj) for f in funcs) if panel is not None]


def meeting_panels(request, meeting) -> list[Panel]:
    return _collect(_meeting_panels, request, meeting)


def record_panels(request, meeting) -> list[Panel]:
    return _collect(_record_panels, request, meeting)


def dashboard_panels(request, committee) -> list[Panel]:
    return _collect(_dashboard_panels, request, committee)
