"""Sections that domain apps add to the shared pages (the home page and the staff dashboard).

``core`` imports no domain app: each app registers its sections from ``AppConfig.ready()`` and the
core views render whatever is registered, in registration order. A section function takes the
request and returns a :class:`Section` (a template and its context) or ``None`` to show nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    template: str
    context: dict = field(default_factory=dict)


SectionFunc = Callable[[object], Section | None]

_home: list[SectionFunc] = []
_dashboard: list[SectionFunc] = []


def _register(registry: list[SectionFunc], func: SectionFunc) -> SectionFunc:
    if func not in registry:
        registry.append(func)
    return func


def register_home_section(func: SectionFunc) -> SectionFunc:
    """``func(request)`` returns a Section for the public home page, or None."""
    return _register(_home, func)


def register_dashboard_section(func: SectionFunc) -> SectionFunc:
    """``func(request)`` returns a Section for the signed-in user's dashboard ("Your work"), or None."""
    return _register(_dashboard, func)


def _collect(registry: list[SectionFunc], request) -> list[Section]:
    return [s for s in (f(request) for f in registry) if s is not None]


def home_sections(request) -> list[Section]:
    return _collect(_home, request)


def dashboard_sections(request) -> list[Section]:
    return _collect(_dashboard, request)
