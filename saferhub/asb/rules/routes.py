"""Qualifying routes a partnership configures beside the statutory count (pure Python, no database).

The law sets the threshold at no more than three qualifying complaints in six months (ASB, Crime and
Policing Act 2014 s.104; seed 002:1126-1130) and lets a partnership add its own ways in. Published
procedures use these kinds, each a ``Route`` with a number N and a window (months, or days when
``window_days`` is set):

- ``complaints``: N qualifying complaints within the window (the statutory count with its own N/window);
- ``complainants``: N qualifying complaints within the window from **more than one person**;
- ``reporters``: N different people reporting the problem within the window ending on the application date
  (Breckland's local route, seed 002:1154-1156, is one instance);
- ``linked_locations``: N qualifying complaints within the window at linked locations, reported by more than
  one person (staff record linked places under one location name; one person's complaints are the
  statutory count's business);
- ``hate``: N (usually one) qualifying complaints of a hate incident or crime;
- ``discretion``: a senior manager's discretion, met only when who decided and why are recorded.

``evaluate_route`` answers one route and says why, in words a person uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from saferhub.core.calendar import add_months

ROUTE_COMPLAINTS = "complaints"
ROUTE_COMPLAINANTS = "complainants"
ROUTE_REPORTERS = "reporters"
ROUTE_LINKED_LOCATIONS = "linked_locations"
ROUTE_HATE = "hate"
ROUTE_DISCRETION = "discretion"
ROUTE_KINDS = (ROUTE_COMPLAINTS, ROUTE_COMPLAINANTS, ROUTE_REPORTERS, ROUTE_LINKED_LOCATIONS, ROUTE_HATE,
               ROUTE_DISCRETION)


@dataclass(frozen=True)
class LocalRoute:
    """A configured way to meet the threshold beside the statutory count. The first three fields keep the
    shape of the original local route (``LocalRoute(name, 5, 6)`` is "five people in six months")."""

    name: str
    min_distinct_reporters: int = 5  # N: complaints, people or incidents, by kind
    window_months: int = 6
    kind: str = ROUTE_REPORTERS
    window_days: int | None = None  # when set, the window is this many days instead of months

    @property
    def minimum(self) -> int:
        return self.min_distinct_reporters

    def window_text(self) -> str:
        if self.window_days:
            return f"{self.window_days} day" + ("" if self.window_days == 1 else "s")
        return f"{self.window_months} month" + ("" if self.window_months == 1 else "s")


Route = LocalRoute


def _months(day: dt.date, months: int) -> dt.date:
    try:
        return add_months(day, months)
    except ValueError:
        return dt.date.max if months > 0 else dt.date.min


def window_end(start: dt.date, route: LocalRoute) -> dt.date:
    if route.window_days:
        try:
            return start + dt.timedelta(days=route.window_days)
        except OverflowError:
            return dt.date.max
    return _months(start, route.window_months)


def window_start(end: dt.date, route: LocalRoute) -> dt.date:
    if route.window_days:
        try:
            return end - dt.timedelta(days=route.window_days)
        except OverflowError:
            return dt.date.min
    return _months(end, -route.window_months)


def _windows(items: Sequence[tuple[dt.date, str]], route: LocalRoute):
    """Each window starting at a complaint: the complaints (date, who) within it (``items`` sorted)."""
    for i, (start, _) in enumerate(items):
        end = window_end(start, route)
        yield [item for item in items[i:] if item[0] <= end]


def _who(reporter: str) -> str:
    return reporter.strip().lower() or "(the victim)"


def evaluate_route(route: LocalRoute, application_date: dt.date, complaints: Sequence, qualifying: Sequence[int],
                   *, discretion_by: str = "", discretion_reason: str = "") -> tuple[bool, str]:
    """Whether ``route`` is met, and a sentence saying why (``complaints`` are ``ComplaintInput``s;
    ``qualifying`` the indexes of those that qualify)."""
    n, span = route.minimum, route.window_text()
    q = [complaints[i] for i in qualifying]
    if route.kind == ROUTE_DISCRETION:
        if discretion_by.strip() and discretion_reason.strip():
            return True, (f"Met by '{route.name}': {discretion_by.strip()} used their discretion, with the reason "
                          f"recorded: {discretion_reason.strip()}")
        return False, f"'{route.name}' not used: no senior manager's decision with a reason is recorded."
    if route.kind == ROUTE_HATE:
        count = sum(1 for c in q if c.hate)
        if count >= n:
            return True, (f"Met by '{route.name}': {count} qualifying report{'s' if count != 1 else ''} of a hate "
                          f"incident or crime (at least {n} needed).")
        return False, f"'{route.name}' not met: {count} qualifying hate incident or crime reports; {n} needed."
    if route.kind == ROUTE_REPORTERS:
        start = window_start(application_date, route)
        people = {c.reporter.strip().lower() for c in complaints
                  if c.reporter.strip() and start <= c.reported_date <= application_date}
        if len(people) >= n:
            return True, (f"Met by the local route '{route.name}': {len(people)} different people reported the "
                          f"problem within {span} (at least {n} needed). This is a local variant, not the statutory "
                          "threshold.")
        return False, (f"Local route '{route.name}' not met: {len(people)} different reporter"
                       f"{'s' if len(people) != 1 else ''} within {span}; {n} needed.")
    if route.kind == ROUTE_LINKED_LOCATIONS:
        places: dict[str, list[tuple[dt.date, str]]] = {}
        for c in q:
            if c.location.strip():
                places.setdefault(c.location.strip().lower(), []).append((c.reported_date, _who(c.reporter)))
        best, where = 0, ""
        for place, items in places.items():
            items.sort()
            fit = [w for w in _windows(items, route) if n == 1 or len({who for _, who in w}) > 1]
            most = max((len(w) for w in fit), default=0)
            if most > best:
                best, where = most, place
        if best >= n:
            return True, (f"Met by '{route.name}': {best} qualifying complaints at linked locations ({where}) from "
                          f"more than one person within {span} (at least {n} needed).")
        return False, (f"'{route.name}' not met: at most {best} qualifying complaints at linked locations from more "
                       f"than one person within {span}; {n} needed.")
    items = sorted((c.reported_date, _who(c.reporter)) for c in q)
    windows = list(_windows(items, route)) if items else []
    if route.kind == ROUTE_COMPLAINANTS:
        fit = [w for w in windows if len(w) >= n and len({who for _, who in w}) > 1]
        if fit:
            people = len({who for _, who in fit[0]})
            return True, (f"Met by '{route.name}': {len(fit[0])} qualifying complaints within {span} from "
                          f"{people} different people (at least {n} from more than one person needed).")
        return False, (f"'{route.name}' not met: no {span} holds {n} qualifying complaints from more than one "
                       "person.")
    best = max((len(w) for w in windows), default=0)
    if best >= n:
        return True, f"Met by '{route.name}': {best} qualifying complaints within {span} (at least {n} needed)."
    return False, f"'{route.name}' not met: {best} qualifying complaints within {span}; {n} needed."
