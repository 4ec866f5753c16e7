"""Load Norfolk's review settings and the seeds' facts from ``data/norfolk.yaml`` (through ``core.loading``),
as the system actor. The settings go through ``actions.save_settings``; the facts (numbers, advocacy services,
protocol developments, the thematic review) are read by ``facts()`` for the Sub Panel report. Every fact must
name its seed line (``NNN:line`` or ``NNN:from-to``); a file that breaks that loads nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from saferhub.core.actors import SYSTEM
from saferhub.core.exceptions import RuleViolation
from saferhub.core.loading import DataFileError, read_yaml
from saferhub.core.models import Organisation, OrganisationKind

DATA_FILE = Path(__file__).parent / "data" / "norfolk.yaml"
SOURCE = re.compile(r"^\d{3}:\d+(-\d+)?$")


class DhrDataError(DataFileError):
    """The DHR data file cannot be loaded; the message says where and why."""


@dataclass
class DhrLoadReport:
    partnership: str
    settings_saved: bool
    facts: int

    def summary(self) -> str:
        return f"{self.partnership}: settings {'saved' if self.settings_saved else 'unchanged'}, {self.facts} facts."


def _sources(node, where: str) -> int:
    """Every fact (a mapping with a value, a text or a name) names its seed line; the number of facts."""
    count = 0
    if isinstance(node, dict):
        if {"value", "text", "name"} & set(node):
            source = str(node.get("source", ""))
            if not SOURCE.match(source):
                raise DhrDataError(f"{where}: every fact needs a seed source like 001:442 (found {source!r}).")
            count += 1
        for key, value in node.items():
            if key != "source":
                count += _sources(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            count += _sources(item, f"{where}[{i}]")
    return count


def read(path: Path | str = DATA_FILE) -> dict:
    data = read_yaml(path, error=DhrDataError)
    for key in ("partnership", "settings"):
        if key not in data:
            raise DhrDataError(f"{path}: missing {key!r}.")
    _sources({k: v for k, v in data.items() if k not in {"partnership", "settings"}}, str(path))
    return data


@lru_cache(maxsize=4)
def facts(path: str = str(DATA_FILE)) -> dict:
    """The file's facts (read once per process), for display; empty if the file is missing."""
    try:
        return read(path)
    except DhrDataError:
        return {}


@transaction.atomic
def load(path: Path | str = DATA_FILE) -> DhrLoadReport:
    from saferhub.dhr import actions
    from saferhub.dhr.models import DhrSettings

    data = read(path)
    name = str(data["partnership"])
    org = Organisation.objects.filter(name=name).first()
    if org is None:
        from saferhub.core import actions as core_actions

        org = core_actions.create_organisation(name=name, kind=OrganisationKind.PARTNERSHIP, acting_user=SYSTEM)
    values = {k: v for k, v in (data["settings"] or {}).items()}
    current = DhrSettings.objects.filter(partnership=org).first()
    changed = current is None or any(getattr(current, k) != v for k, v in values.items())
    if changed:
        try:
            actions.save_settings(partnership=org, acting_user=SYSTEM, **values)
        except (ValueError, RuleViolation) as exc:  # an unknown setting or a rule names itself
            raise DhrDataError(f"{path}: settings: {exc}") from None
    return DhrLoadReport(partnership=name, settings_saved=changed,
                         facts=_sources({k: v for k, v in data.items() if k not in {"partnership", "settings"}}, ""))
