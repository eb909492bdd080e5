"""The dependency rule (docs/architecture.md) is enforced by import-linter's contract in
pyproject.toml, which `make check` runs: a lower layer importing a higher one fails it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "portal", "selection", "catalog", "glossary", "polls", "core")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        check=False,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the project's packages and contract, to break on purpose."""
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_code_keeps_the_layers(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("core/params.py", "from catalog.models import Product"),  # core imports an app
        ("catalog/compare.py", "from selection import scoring"),  # an app imports the wizard
        ("catalog/facts.py", "from glossary import linking"),  # one content app another
        ("selection/scoring.py", "from portal import views"),  # the wizard imports the portal
    ],
)
def test_an_upward_import_breaks_the_contract(tree, module, upward):
    path = tree / module
    path.write_text(f"{upward}  # noqa\n" + path.read_text())
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
