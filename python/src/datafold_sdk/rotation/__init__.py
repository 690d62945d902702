"""Key rotation; import the public names from ``datafold_sdk``.

The modules of this package import each other directly, so this file re-exports nothing (which
keeps the import graph free of cycles).
"""
