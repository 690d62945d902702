"""Where the repository's shared material is: the vectors both languages are checked against,
the specs, and the API document's Python snippets (tests/document/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]
VECTORS = REPO_ROOT / "vectors"
DOCUMENT = Path(__file__).resolve().parents[1] / "document"


def load_vectors(relative: str) -> Any:
    """A vector file of the repository's vectors/ folder, parsed."""
    return json.loads((VECTORS / relative).read_text(encoding="utf-8"))
