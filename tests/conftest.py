"""Golden-file checks shared by the serialisation tests (the test corpus is tests/corpus)."""
from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden"


def check_golden(name: str, data: bytes) -> None:
    """Compare ``data`` with ``tests/golden/<name>``; AIDGRAPH_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("AIDGRAPH_UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.exists(), f"missing golden file {path}; run with AIDGRAPH_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    assert data == expected, f"{name} differs from the golden file (AIDGRAPH_UPDATE_GOLDEN=1 to accept)"
