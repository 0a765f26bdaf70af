"""Shared fixtures: the short test corpus written for these tests, and golden-file checks."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
CORPUS = TESTS / "corpus"
GOLDEN = TESTS / "golden"


@pytest.fixture
def corpus() -> Path:
    """Folder with one short German and one short English article written for the tests."""
    return CORPUS


def check_golden(name: str, data: bytes) -> None:
    """Compare ``data`` with ``tests/golden/<name>``; AIDGRAPH_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("AIDGRAPH_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run with AIDGRAPH_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    assert data == expected, f"{name} differs from the golden file (AIDGRAPH_UPDATE_GOLDEN=1 to accept)"
