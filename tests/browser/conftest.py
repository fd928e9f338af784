"""Fixtures for the headless-Chromium tests. Missing browser dependencies fail these
tests (never skip them): `make browser-deps` installs them."""
from __future__ import annotations

import pytest

from .harness import SETUP_HINT, Harness, missing_deps


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_deps():
    """Fails (never skips), saying what to run, when Chromium, Playwright or the npm
    packages are missing."""
    problems = missing_deps()
    if problems:
        pytest.fail("browser tests cannot run:\n  " + "\n  ".join(problems)
                    + f"\nTo install them, {SETUP_HINT}.", pytrace=False)


@pytest.fixture(scope="session")
def seed_events(gazetteer):
    """The events and links of the seed article."""
    from conflictmap.article import read_text
    from conflictmap.extract import extract_events

    from ..conftest import SEED

    return extract_events(read_text(SEED), gazetteer=gazetteer)


@pytest.fixture(scope="session")
def browser_harness(browser_deps):
    """One Chromium for the session, shared by the tests' ``open_map`` calls."""
    with Harness() as harness:
        yield harness
