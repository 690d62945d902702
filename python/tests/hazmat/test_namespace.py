"""``datafold_sdk.hazmat`` is a layer of its own: its names are the primitives the safe API is
built on, it imports nothing from the safe API, and the safe API's names (the API document's
among them) stay where they were."""

from __future__ import annotations

import ast
from pathlib import Path

import datafold_sdk
import datafold_sdk.crypto
import datafold_sdk.hazmat
from datafold_sdk.hazmat import hash_names, kdf, strict_checks

HAZMAT = Path(datafold_sdk.hazmat.__file__).parent


def test_the_names_are_the_layers_own() -> None:
    # Each name of the namespace, and the module of the layer that is its home.
    homes = {
        "argon2id": kdf,
        "hkdf": kdf,
        "pbkdf2": kdf,
        "scrypt": kdf,
        "normalize_hash_name": hash_names,
        "has_small_order_encoding": strict_checks,
        "is_canonical_point_encoding": strict_checks,
        "is_canonical_scalar": strict_checks,
    }
    assert sorted(datafold_sdk.hazmat.__all__) == sorted(homes)
    for name, home in homes.items():
        assert getattr(datafold_sdk.hazmat, name) is getattr(home, name), name
    # The safe top level does not hand out the raw primitives.
    assert not set(datafold_sdk.hazmat.__all__) & set(datafold_sdk.__all__)


def test_hazmat_imports_only_itself_and_the_errors() -> None:
    for module in sorted(HAZMAT.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("datafold_sdk"):
                package = str(node.module).split(".")[1]
                assert package in ("hazmat", "errors"), f"{module.name} imports {node.module}"


def test_the_documents_derivation_names_stay_where_they_were() -> None:
    for name in (
        "derive_key_hkdf",
        "derive_key_pbkdf2",
        "derive_key_scrypt",
        "derive_key_argon2id",
        "derive_ed25519_key_pair",
    ):
        assert getattr(datafold_sdk.crypto, name) is getattr(datafold_sdk, name), name
    assert "assert_kdf_params_safe" in datafold_sdk.__all__
