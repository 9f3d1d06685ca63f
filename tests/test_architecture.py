"""What import-linter cannot see (decision 0004): an app never borrows another app's private
names, and the protected contracts cover every module an app has today."""

import ast
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ROOT / "muhandis"


def _borrowed_private_names() -> list[str]:
    found = []
    for path in sorted(APPS.rglob("*.py")):
        here = path.relative_to(APPS).parts[0]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "muhandis."
            ):
                continue
            there = node.module.split(".")[1]
            if there in {here, "core"}:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
            ]
    return found


def test_no_app_imports_another_apps_private_names():
    assert _borrowed_private_names() == []


def test_every_apps_inside_modules_are_protected_by_a_contract():
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "import_contracts.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout
