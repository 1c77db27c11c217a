"""Every module Broadsheet imports at run time is a dependency of the package.

A module imported only by tests may come from the dev extra; anything else must be in
[project].dependencies, or an install without dev extras breaks (as `import_wxr` did
when lxml was only a dev extra).
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import broadsheet

PACKAGE = Path(broadsheet.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"
# Loaded by pytest only (pytest_plugins in conftest.py), never by the site.
TEST_SUPPORT = {PACKAGE / "core" / "browser.py"}


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


def _declared():
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    dev = {_name(r) for r in project["optional-dependencies"]["dev"]}
    return runtime, dev


def _is_test_code(path: Path) -> bool:
    return "tests" in path.parts or path.name == "conftest.py" or path in TEST_SUPPORT


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names} - {"broadsheet"}


def _undeclared(test_code: bool, allowed: set[str]) -> dict[str, list[str]]:
    distributions = packages_distributions()
    missing: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if _is_test_code(path) != test_code:
            continue
        for module in _top_level_imports(path):
            names = {_name(dist) for dist in distributions.get(module, [module])}
            if not names & allowed:
                missing.setdefault(module, []).append(str(path.relative_to(PACKAGE)))
    return missing


def test_every_runtime_import_is_a_declared_dependency():
    runtime, _ = _declared()
    assert _undeclared(False, runtime) == {}


def test_every_test_import_is_a_dependency_or_in_the_dev_extra():
    runtime, dev = _declared()
    assert _undeclared(True, runtime | dev) == {}
