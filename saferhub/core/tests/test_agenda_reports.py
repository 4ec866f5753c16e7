"""The agenda-report registry: one code per source, re-registering from the same app replaces, another app
cannot take a code, and an unknown code is a clear LookupError."""

from __future__ import annotations

import pytest

from saferhub.core import agenda_reports as registry


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "_SOURCES", {})


def _offers(committee, user):
    return [registry.ReportOffer(key="q1", label="First quarter")]


def _build(key, user):
    return registry.AgendaReport(title=f"Report {key}", executive_summary="Summary")


def test_register_list_and_get(empty_registry):
    registry.register_source("b.two", label="Beta", offers=_offers, build=_build, app="b")
    registry.register_source("a.one", label="Alpha", offers=_offers, build=_build, app="a")
    assert [source.code for source in registry.sources()] == ["a.one", "b.two"]
    assert registry.get_source("a.one").build("q1", None).title == "Report q1"


def test_same_app_replaces_other_app_is_refused(empty_registry):
    registry.register_source("a.one", label="Alpha", offers=_offers, build=_build, app="a")
    registry.register_source("a.one", label="Alpha again", offers=_offers, build=_build, app="a")
    assert registry.get_source("a.one").label == "Alpha again"
    with pytest.raises(ValueError, match="already registered by a"):
        registry.register_source("a.one", label="Taken", offers=_offers, build=_build, app="b")


def test_unknown_code_names_it(empty_registry):
    with pytest.raises(LookupError, match="no agenda report source called 'nope'"):
        registry.get_source("nope")
