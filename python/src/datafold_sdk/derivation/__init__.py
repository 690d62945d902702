"""Key derivation of the SDK, with the floors and ceilings of spec/derivation-v1.md §4; import
the public names from ``datafold_sdk``. The raw KDFs under it are ``datafold_sdk.hazmat``.

The modules of this package import each other directly, so this file re-exports nothing (which
keeps the import graph free of cycles).
"""
