"""RFC 8941 structured field values: the types this profile reads and writes, and their
serialisation (RFC 8941 §4.1). The parser is ``parse_structured_field``.

Only what signatures need: dictionaries whose members are items or inner lists, with parameters.
A decimal is kept as ``decimal.Decimal`` so an unknown parameter is serialised back exactly as a
canonical sender wrote it (RFC 9421 §2.3: ``@signature-params`` is the re-serialised inner list).

Example:
    >>> serialize_inner_list(InnerList([Item("@method")], {"created": 1, "tag": "t"}))
    '("@method");created=1;tag="t"'
    >>> serialize_dictionary({"sig": Item(b"\\x01\\x02")})
    'sig=:AQI=:'
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Dict, List, Mapping, Union


class Token(str):
    """An sf-token (RFC 8941 §3.3.4), told apart from an sf-string by its type."""

    __slots__ = ()


BareItem = Union[int, Decimal, str, Token, bytes, bool]
Parameters = Dict[str, BareItem]


@dataclass
class Item:
    """An item: a bare value and its parameters."""

    value: BareItem
    params: Parameters = field(default_factory=dict)


@dataclass
class InnerList:
    """An inner list of items, with parameters of its own."""

    items: List[Item]
    params: Parameters = field(default_factory=dict)


Member = Union[Item, InnerList]

KEY_PATTERN = re.compile(r"[a-z*][a-z0-9_\-.*]*")
TOKEN_PATTERN = re.compile(r"[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*")
_MAX_INTEGER = 999_999_999_999_999


class StructuredFieldError(ValueError):
    """A value that RFC 8941 cannot parse or serialise; callers turn it into their own code."""


def serialize_key(key: str) -> str:
    """A key, checked (RFC 8941 §4.1.1.3)."""
    if KEY_PATTERN.fullmatch(key) is None:
        raise StructuredFieldError(f"{key!r} is not an sf key")
    return key


def serialize_bare_item(value: BareItem) -> str:
    """One bare item (RFC 8941 §4.1.3.1)."""
    if isinstance(value, bool):
        return "?1" if value else "?0"
    if isinstance(value, int):
        if abs(value) > _MAX_INTEGER:
            raise StructuredFieldError("sf integers have at most 15 digits")
        return str(value)
    if isinstance(value, Decimal):
        return _serialize_decimal(value)
    if isinstance(value, Token):
        if TOKEN_PATTERN.fullmatch(value) is None:
            raise StructuredFieldError(f"{value!r} is not an sf token")
        return str(value)
    if isinstance(value, str):
        if any(not 0x20 <= ord(c) <= 0x7E for c in value):
            raise StructuredFieldError("sf strings are printable ASCII")
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bytes):
        return ":" + base64.b64encode(value).decode("ascii") + ":"
    raise StructuredFieldError(f"{type(value).__name__} is not an sf bare item")


def _serialize_decimal(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.001"), rounding=ROUND_HALF_EVEN)
    if abs(rounded) >= Decimal(10**12):
        raise StructuredFieldError("sf decimals have at most 12 integer digits")
    text = f"{rounded:f}"
    integer, _, fraction = text.partition(".")
    return f"{integer}.{fraction.rstrip('0') or '0'}"


def serialize_parameters(params: Mapping[str, BareItem]) -> str:
    """``;key=value`` for each parameter, ``;key`` for a true boolean (RFC 8941 §4.1.1.2)."""
    out = []
    for key, value in params.items():
        out.append(";" + serialize_key(key))
        if value is not True:
            out.append("=" + serialize_bare_item(value))
    return "".join(out)


def serialize_item(item: Item) -> str:
    """An item with its parameters (RFC 8941 §4.1.3)."""
    return serialize_bare_item(item.value) + serialize_parameters(item.params)


def serialize_inner_list(inner: InnerList) -> str:
    """``(a b);p=1`` (RFC 8941 §4.1.1.1)."""
    return (
        "(" + " ".join(map(serialize_item, inner.items)) + ")" + serialize_parameters(inner.params)
    )


def serialize_member(member: Member) -> str:
    """An item or an inner list."""
    if isinstance(member, InnerList):
        return serialize_inner_list(member)
    return serialize_item(member)


def serialize_dictionary(dictionary: Mapping[str, Member]) -> str:
    """``a=1, b=(x)`` (RFC 8941 §4.1.2); a true boolean member is written as its key alone."""
    out = []
    for key, member in dictionary.items():
        if isinstance(member, Item) and member.value is True:
            out.append(serialize_key(key) + serialize_parameters(member.params))
        else:
            out.append(serialize_key(key) + "=" + serialize_member(member))
    return ", ".join(out)
