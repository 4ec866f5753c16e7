"""The shape of the code, pinned: import contracts between the apps (import-linter, `.importlinter`)
and one write path (no model written outside an app's actions, migrations, loaders and tests).

See docs/CONVENTIONS.md, "Apps and dependencies" and "Actions (the one write path)".
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "saferhub"


# -- import contracts ---------------------------------------------------------------------------

def test_the_import_contracts_are_kept():
    """`lint-imports` checks every contract in `.importlinter` (layers, core as the kernel, ASB on
    core only, no victim data in public outputs)."""
    executable = Path(sys.executable).with_name("lint-imports")
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "importlinter.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([*command, "--no-cache", "--no-logo", "--config", str(ROOT / ".importlinter")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


# -- one write path -----------------------------------------------------------------------------

#: Calls that write to the database whatever they are called on.
ALWAYS_WRITES = {"bulk_create", "bulk_update", "get_or_create", "update_or_create"}
#: Queryset methods: ``<queryset>.update(...)`` / ``.delete()`` write when called on one of these.
QUERYSET_METHODS = {"objects", "filter", "exclude", "all", "select_for_update", "select_related",
                    "prefetch_related", "order_by", "only", "defer", "using", "annotate", "values"}

#: Module kinds that may write: an app's actions, migrations and data loaders (tests are not scanned).
def _is_write_module(relative: str) -> bool:
    parts = relative.split("/")
    return ("actions" in parts[:-1] or parts[-1] in {"actions.py", "loader.py"} or "migrations" in parts[:-1])


#: Modules outside actions that still write, each with the reason. Paths relative to the repository
#: root. A "TODO" entry is being moved into actions by the change named; delete it when that lands
#: (the scan warns about an entry that no longer writes).
ALLOWED: dict[str, str] = {
    # -- kernel bookkeeping, by design -------------------------------------------------------------
    "saferhub/core/audit.py": "the audit trail itself: audit.record() is what every action calls; redact() "
                              "is the one rewrite of audit rows (retention), inside the action's transaction",
    "saferhub/core/models/site.py": "SiteConfiguration.load() creates the one configuration row on first read",
    "saferhub/core/models/tokens.py": "ApiToken.mark_used() stamps last_used_at (at most once a minute), no audit",
    "saferhub/core/permissions.py": "ensure_role_groups() creates the role groups after migrate",
    "saferhub/core/writes.py": "the generic write steps (create/update with audit) that actions call after "
                               "their permission check and rules; called from actions only",
    # -- derived data, rebuilt from the records, by design ----------------------------------------
    "saferhub/search/engine.py": "the search index: entries replaced in bulk from the records they index",
    "saferhub/opendata/receivers.py": "an OParl tombstone written by the post_delete receiver, in the deleting "
                                      "transaction (OParl 1.1 soft delete)",
    # -- the importer's commit step, by design ------------------------------------------------------
    # Runs only inside the importer.commit_batch action (one transaction, permission checked and
    # audited there). It writes the importer's own rows (source files and documents, flags,
    # provenance, staging records); every domain record goes through the domain apps' actions.
    "saferhub/importer/commit/": "the commit step of importer.commit_batch (see the comment above)",
    # -- synthetic and demonstration data, by design ----------------------------------------------
    "saferhub/asb/management/commands/generate_asb_cases.py": "benchmark data: bulk inserts of fictional cases "
                                                              "for speed (see its docstring)",
    # Demo accounts are Django users (no domain record): created here, their roles then set through
    # core.actions.set_user_roles. A core action to create a user would make this one path too.
    "saferhub/core/demo.py": "demo accounts for a demonstration installation (each app contributes its own)",
    "saferhub/asb/demo.py": "the ASB demo accounts, contributed to core.demo",
}


def _allowed(path: str) -> str | None:
    """The ALLOWED entry covering ``path`` (an entry ending in "/" covers a folder)."""
    return next((key for key in ALLOWED if path == key or (key.endswith("/") and path.startswith(key))), None)


@dataclass(frozen=True)
class Write:
    path: str
    line: int
    call: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}"


def _chain(node: ast.AST) -> list[str]:
    """The attribute and call names a receiver is built from: ``Model.objects.filter(x=1)`` gives
    ["Model", "objects", "filter"]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            break
        else:
            break
    return names[::-1]


def find_writes(source: str, path: str = "<snippet>") -> list[Write]:
    """Database writes in ``source``: ``.save()`` / ``.delete()`` with no positional argument (a
    model instance; files and documents take a name or a stream), ``.objects.create(``,
    ``.update(`` on a queryset chain or with keyword arguments only, and bulk_create, bulk_update,
    get_or_create, update_or_create anywhere. A heuristic on the source, not on types: a queryset
    kept in a variable and updated from a positional dict would be missed."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        receiver = _chain(node.func.value)
        on_queryset = bool(set(receiver[1:]) & QUERYSET_METHODS)
        if name in ALWAYS_WRITES:
            hit = True
        elif name in {"save", "delete"} and not node.args:
            hit = True
        elif name == "create":
            hit = "objects" in receiver
        elif name == "update":
            # On a queryset chain, or keyword arguments only (``cases.update(status=...)``; a dict or
            # a set is updated from a positional mapping or iterable).
            hit = on_queryset or (bool(node.keywords) and not node.args)
        else:
            hit = False
        if hit:
            found.append(Write(path, node.lineno, ".".join([*receiver, name]) + "("))
    return found


def scan(root: Path = PACKAGE) -> list[Write]:
    """Every write outside the modules allowed to write (tests and migrations are not scanned)."""
    writes = []
    for file in sorted(root.rglob("*.py")):
        relative = file.relative_to(ROOT).as_posix()
        parts = relative.split("/")
        if "tests" in parts or "migrations" in parts or parts[-1].startswith("test_") or parts[-1] == "conftest.py":
            continue
        if _is_write_module(relative):
            continue
        writes += find_writes(file.read_text(encoding="utf-8"), relative)
    return writes


def test_no_model_is_written_outside_actions():
    writes = scan()
    offending = [w for w in writes if _allowed(w.path) is None]
    stale = sorted(set(ALLOWED) - {_allowed(w.path) for w in writes})
    if stale:
        warnings.warn("No longer write, remove from ALLOWED in test_architecture.py: " + ", ".join(stale),
                      stacklevel=1)
    assert not offending, ("Writes outside an app's actions (move them into an action, or add the module to "
                           "ALLOWED with the reason):\n" + "\n".join(map(str, offending)))


# -- small rooms --------------------------------------------------------------------------------

MAX_LINES = 600
#: Modules still over the limit, each with who is splitting it. Delete the entry once it is split.
LONG_MODULES: dict[str, str] = {}


def test_no_module_is_over_600_lines():
    """A module past 600 lines is split by concept into a package of the same name (CONVENTIONS)."""
    long = {}
    for file in sorted(PACKAGE.rglob("*.py")):
        relative = file.relative_to(ROOT).as_posix()
        if "/migrations/" in relative:
            continue
        lines = len(file.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[relative] = lines
    offending = {path: n for path, n in long.items() if path not in LONG_MODULES}
    if set(LONG_MODULES) - set(long):
        warnings.warn("Split now, remove from LONG_MODULES: " + ", ".join(sorted(set(LONG_MODULES) - set(long))),
                      stacklevel=1)
    assert not offending, "Split by concept: " + ", ".join(f"{p} ({n} lines)" for p, n in offending.items())


# -- the scanner catches what it should ---------------------------------------------------------

BAD = textwrap.dedent("""
    def view(request, pk):
        case = Case.objects.get(pk=pk)
        case.status = "closed"
        case.save()
        Letter.objects.create(case=case)
        Case.objects.filter(pk=pk).update(status="closed")
        Note.objects.filter(case=case).delete()
        case.delete()
        Tag.objects.get_or_create(name="x")
        Tag.objects.update_or_create(name="x", defaults={})
        Row.objects.bulk_create([])
        case.documents.all().update(hidden=True)
        open_cases = Case.objects.filter(status="open")
        open_cases.update(status="closed")
""")

GOOD = textwrap.dedent("""
    def render(doc, buffer, storage, data):
        doc.save(buffer)                  # python-docx / PIL: saves to a stream
        storage.delete("path/name.pdf")   # a stored file by name
        data.update({"a": 1})             # a dict
        seen = set(); seen.update([1])    # a set
        items = Item.objects.filter(x=1)  # a read
        form.cleaned_data.get("x")
""")


def test_the_scanner_flags_every_kind_of_write():
    calls = [w.call for w in find_writes(BAD)]
    assert sorted(calls) == sorted([
        "case.save(", "Letter.objects.create(", "Case.objects.filter.update(", "Note.objects.filter.delete(",
        "case.delete(", "Tag.objects.get_or_create(", "Tag.objects.update_or_create(", "Row.objects.bulk_create(",
        "case.documents.all.update(", "open_cases.update("])


def test_the_scanner_leaves_reads_files_and_dicts_alone():
    assert find_writes(GOOD) == []


def test_a_write_in_a_view_fails_the_scan(tmp_path, monkeypatch):
    app = tmp_path / "saferhub" / "someapp"
    (app / "actions").mkdir(parents=True)
    (app / "views.py").write_text("def v(r):\n    Thing.objects.create(name='x')\n")
    (app / "actions" / "things.py").write_text("def create_thing():\n    Thing.objects.create(name='x')\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    writes = scan(tmp_path / "saferhub")
    assert [str(w) for w in writes] == ["saferhub/someapp/views.py:2: Thing.objects.create("]


@pytest.mark.parametrize("path, allowed", [
    ("saferhub/asb/actions/cases.py", True), ("saferhub/delivery/actions.py", True),
    ("saferhub/papers/loader.py", True), ("saferhub/asb/views/staff.py", False),
    ("saferhub/governance/recording.py", False),
])
def test_which_module_kinds_may_write(path, allowed):
    assert _is_write_module(path) is allowed
