"""The package's layers, as python/README.md draws them: a module imports only from its own
layer and the layers below it, so the safe API is built on hazmat and never the other way."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Tuple

import datafold_sdk

SRC = Path(datafold_sdk.__file__).parent

# Top to bottom. A name is a package, or a module of a package that sits apart from the rest
# of it. Module paths are relative to datafold_sdk.
LAYERS: List[Tuple[str, ...]] = [
    ("__init__", "crypto", "exceptions"),
    ("http_signatures",),
    ("rotation",),
    ("server",),
    ("utils.clear_key_material", "utils.compatibility"),
    ("storage",),
    ("key_file",),
    ("backup",),
    ("derivation",),
    ("formats",),
    ("keys", "signatures"),
    ("hazmat",),
    ("utils",),
    ("encoding",),
    ("errors",),
]


def _layer(module: str) -> int:
    """The layer of the longest name that is ``module`` or a package holding it."""
    matches = [
        (len(name), index)
        for index, names in enumerate(LAYERS)
        for name in names
        if module == name or module.startswith(name + ".")
    ]
    assert matches, f"{module} is in no layer"
    return max(matches)[1]


def test_every_import_points_down() -> None:
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "datafold_sdk":
                target = "__init__"
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "datafold_sdk."
            ):
                target = str(node.module).split(".", 1)[1]
            else:
                continue
            if _layer(target) < _layer(module):
                wrong.append(f"{module} imports {target}")
    assert wrong == []
