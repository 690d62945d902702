"""RFC 8941 dictionaries: what the strict parser reads, what it refuses, and round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest

from datafold_sdk.http_signatures.parse_structured_field import parse_dictionary
from datafold_sdk.http_signatures.structured_fields import (
    InnerList,
    Item,
    StructuredFieldError,
    Token,
    serialize_bare_item,
    serialize_dictionary,
)


def test_items_of_every_type() -> None:
    parsed = parse_dictionary(
        'a=1, b=-2.5, c="q\\"\\\\", d=tok/x:y, e=:AQI=:, f=?0, g, h=(1 "x");p, i=:AQI:'
    )
    assert parsed["a"] == Item(1)
    assert parsed["b"] == Item(Decimal("-2.5"))
    assert parsed["c"] == Item('q"\\')
    assert parsed["d"] == Item(Token("tok/x:y")) and isinstance(parsed["d"].value, Token)
    assert parsed["e"] == Item(b"\x01\x02") == parsed["i"]  # padding optional (RFC 8941 §4.2.7)
    assert parsed["f"] == Item(False)
    assert parsed["g"] == Item(True)
    assert parsed["h"] == InnerList([Item(1), Item("x")], {"p": True})


def test_whitespace_and_repeats() -> None:
    assert parse_dictionary("  a=1 ,\tb=2  ") == {"a": Item(1), "b": Item(2)}
    assert parse_dictionary("") == {}
    # A repeated key keeps its last value (RFC 8941 §4.2.2).
    assert parse_dictionary("a=1, a=2") == {"a": Item(2)}
    assert parse_dictionary("a=( 1  2 )") == {"a": InnerList([Item(1), Item(2)])}


@pytest.mark.parametrize(
    "text",
    [
        "a=1,",
        "A=1",
        "a=1 b=2",
        "a=(1",
        "a=(1,2)",
        'a="x',
        'a="\\n"',
        'a="é"',
        "a=:AQ=I:",
        "a=:AR==:",  # non-zero trailing bits
        "a=:A!:",
        "a=?2",
        "a=1234567890123456",
        "a=1.2345",
        "a=1234567890123.1",
        "a=1.",
        "a=@x",
        "a=1;B=2",
        "a=1;",
    ],
)
def test_refusals(text: str) -> None:
    with pytest.raises(StructuredFieldError):
        parse_dictionary(text)


def test_round_trip_and_serialisation() -> None:
    text = 'sig=("@method" "x-a");created=1;keyid="k";ok;d=1.5;t=tok, b=:AQI=:, f=?0'
    assert serialize_dictionary(parse_dictionary(text)) == text
    assert serialize_bare_item(Decimal("1.0005")) == "1.0"  # rounded half to even
    assert serialize_bare_item(Decimal("-0.125")) == "-0.125"
    for bad in (2**60, "é", Token("1x"), 1.5):
        with pytest.raises(StructuredFieldError):
            serialize_bare_item(bad)  # type: ignore[arg-type]
    with pytest.raises(StructuredFieldError):
        serialize_dictionary({"Bad": Item(1)})
