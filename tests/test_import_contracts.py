"""pyproject's import-linter contracts hold (what `make lint` checks, here so CI checks it too).

The layers contract: a domain imports only lower domains, and only a domain's `flows.py` may
import a higher one; a new package under chotdon/ must take its place in the list.
"""

from __future__ import annotations

from pathlib import Path

from importlinter import configuration
from importlinter.application.use_cases import lint_imports

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_import_contracts_are_kept(capsys) -> None:
    configuration.configure()  # what the `lint-imports` command does first
    kept = lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
    assert kept, capsys.readouterr().out
