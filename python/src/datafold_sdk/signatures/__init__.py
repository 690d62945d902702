"""Signatures of the SDK; import the public names from ``datafold_sdk``. The byte-level checks
of strict verification are ``datafold_sdk.hazmat``'s.

The modules of this package import each other directly, so this file re-exports nothing (which
keeps the import graph free of cycles).
"""
