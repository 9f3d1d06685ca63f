"""Write the import-linter contracts that keep each app's insides to itself (decision 0004).

For every app under ``muhandis/`` it lists the modules other apps must not import — everything
but its public modules — as a ``protected`` contract, and rewrites the block between the
markers in ``pyproject.toml``. Run it after adding an app or a top-level module to one:
``.venv/bin/python scripts/import_contracts.py``; ``--check`` fails if the block is stale.
"""

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
BEGIN = "# BEGIN protected contracts (scripts/import_contracts.py writes this block)\n"
END = "# END protected contracts\n"

PUBLIC = {"services", "selectors", "models", "signals"}
PLATFORM = {
    "accounts": {"roles", "permissions", "menu", "dashboard"},
    "certification": {"panels"},
}
# Modules other than the app's own that may import one of its modules: an app's router is
# mounted by ``api``; ``accounts.demo`` (the demo personas) is open to every demo module.
SHARED = {
    ("*", "api"): ["muhandis.api"],
    ("accounts", "demo"): ["muhandis.*.demo"],
}
ALWAYS_ALLOWED = ["muhandis.*.tests"]


def apps() -> list[str]:
    return sorted(
        p.name
        for p in (ROOT / "muhandis").iterdir()
        if (p / "apps.py").exists() and p.name not in {"core", "api"}
    )


def private_modules(app: str) -> list[str]:
    folder = ROOT / "muhandis" / app
    names = {
        p.stem if p.suffix == ".py" else p.name
        for p in folder.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists()) and p.name != "__init__.py"
    }
    return sorted(names - PUBLIC - PLATFORM.get(app, set()))


def _quoted(items: list[str]) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def contract(name: str, protected: list[str], allowed: list[str]) -> str:
    return (
        "[[tool.importlinter.contracts]]\n"
        f'name = "{name}"\n'
        'type = "protected"\n'
        f"protected_modules = {_quoted(protected)}\n"
        f"allowed_importers = {_quoted([*allowed, *ALWAYS_ALLOWED])}\n"
    )


def _shared(app: str, module: str) -> list[str]:
    return SHARED.get((app, module)) or SHARED.get(("*", module)) or []


def contracts(app: str) -> list[str]:
    modules = private_modules(app)
    found = [
        contract(
            f"only {app} imports its inside modules",
            [f"muhandis.{app}.{m}" for m in modules if not _shared(app, m)],
            [f"muhandis.{app}"],
        )
    ]
    for module in modules:
        if extra := _shared(app, module):
            found.append(
                contract(
                    f"only {' and '.join([app, *extra])} import {app}.{module}",
                    [f"muhandis.{app}.{module}"],
                    [f"muhandis.{app}", *extra],
                )
            )
    return found


def block() -> str:
    return BEGIN + "\n".join(c for app in apps() for c in contracts(app)) + END


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if pyproject.toml is stale")
    options = parser.parse_args()
    text = PYPROJECT.read_text()
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
    else:
        head, tail = text.rstrip("\n") + "\n\n", ""
    new = head + block() + tail
    if options.check:
        if new != text:
            print("pyproject.toml's protected contracts are stale: run scripts/import_contracts.py")
            return 1
        return 0
    PYPROJECT.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
