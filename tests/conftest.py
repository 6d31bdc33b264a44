"""Shared test fixtures."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once per test session."""
    from briefing import nlp

    return nlp.load()


def pytest_addoption(parser: pytest.Parser) -> None:
    # Golden files of the renderer: `pytest tests/test_render.py --regen-golden` rewrites them.
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/* from the current templates instead of comparing",
    )


@pytest.fixture
def regen_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--regen-golden"))
