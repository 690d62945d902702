"""Tables of calls and the error code each must raise (spec/errors.json)."""

from __future__ import annotations

from typing import Callable, Iterable, Tuple

import pytest

from datafold_sdk.errors import Ed25519KeyError

CodeCase = Tuple[Callable[[], object], str]
"""A call and the ``error_code`` it raises."""


def assert_codes(cases: Iterable[CodeCase]) -> None:
    """Every call raises a DataFold error with its code."""
    for run, code in cases:
        with pytest.raises(Ed25519KeyError) as caught:
            run()
        assert caught.value.error_code == code, (code, caught.value.message)
