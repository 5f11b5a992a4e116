"""The apps import each other in one direction only (docs/architecture.md, "Apps and the direction
of their imports"). Every import statement of every module is read, also those inside functions,
so a shortcut taken in a hurry fails here rather than in a tangle of circular imports later."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# For each app: the apps it may import besides itself. `config` wires everything together and
# may import any app; no app imports `config`.
ALLOWED = {
    "accounts": set(),
    # The audit log sits lowest: every app's download views call audit.record_download, and
    # audit knows the other apps' models by label only (audit/registry.py).
    "audit": set(),
    "programme": {"accounts", "audit"},
    "pillars": {"accounts", "programme", "audit"},
    "monitor": {"accounts", "programme", "audit"},
    "recognition": {"accounts", "programme", "pillars", "monitor", "audit"},
    "support": {"accounts", "programme", "pillars", "monitor", "recognition", "audit"},
    # Leaving the platform reads everything of an organisation; nothing imports it.
    "exit": {"accounts", "programme", "pillars", "monitor", "recognition", "support", "statements"},
    # Reminders and calendar feeds read the programme's dates; nothing imports it.
    "notifications": {"accounts", "programme", "pillars", "monitor", "recognition"},
    # The statements read the monitor's facts and the organisation's data; nothing imports it.
    "statements": {"accounts", "programme", "monitor", "audit"},
    # Single sign-on per organisation: its identity provider adds members to it.
    "sso": {"accounts", "programme", "audit"},
}
APPS = set(ALLOWED) | {"config"}


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """The project apps a module imports, with the line of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                found.add((top, node.lineno))
    return found


def modules_of(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_the_apps_below_it(app):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for path in modules_of(app)
        for target, line in sorted(imported_apps(path))
        if target != app and target not in ALLOWED[app]
    ]
    assert wrong == [], "against docs/architecture.md:\n" + "\n".join(wrong)


def test_the_check_sees_imports_inside_functions(tmp_path):
    # The walk must not stop at module level: a late import is still an import.
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from monitor.snapshots import latest_summary_for\n")
    assert imported_apps(module) == {("monitor", 2)}


def test_every_app_is_listed():
    # A new app must say where it stands before it can import anything.
    apps_on_disk = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps_on_disk == set(ALLOWED)
