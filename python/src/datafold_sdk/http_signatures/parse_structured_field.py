"""The RFC 8941 §4.2 parser for dictionaries, strictly: any deviation raises
``StructuredFieldError``, and nothing is guessed.

Two choices a careful reader may look for: a byte sequence may omit its ``=`` padding (RFC 8941
§4.2.7 says parsers SHOULD NOT fail on that) but must have zero trailing bits, so each value has
one meaning; a repeated dictionary key or parameter keeps the last value (RFC 8941 §4.2.2).

Example:
    >>> parsed = parse_dictionary('sig=("@method");created=1, b=:AQI=:')
    >>> parsed["sig"].items[0].value, parsed["sig"].params["created"], parsed["b"].value
    ('@method', 1, b'\\x01\\x02')
"""

from __future__ import annotations

import base64
import binascii
import re
from decimal import Decimal
from typing import Dict, List

from datafold_sdk.http_signatures.structured_fields import (
    KEY_PATTERN,
    TOKEN_PATTERN,
    BareItem,
    InnerList,
    Item,
    Member,
    Parameters,
    StructuredFieldError,
    Token,
)

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_STRING_END = re.compile(r'["\\]')


def parse_dictionary(text: str) -> Dict[str, Member]:
    """The dictionary in ``text`` (the field lines already joined with ``, ``)."""
    parser = _Parser(text)
    return parser.dictionary()


class _Parser:
    def __init__(self, text: str) -> None:
        if not text.isascii():
            raise StructuredFieldError("structured fields are ASCII")
        self.text = text.strip(" ")
        self.pos = 0

    def fail(self, what: str) -> StructuredFieldError:
        return StructuredFieldError(f"{what} at character {self.pos}")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip(self, chars: str) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in chars:
            self.pos += 1

    def dictionary(self) -> Dict[str, Member]:
        members: Dict[str, Member] = {}
        while self.pos < len(self.text):
            key = self.key()
            if self.peek() == "=":
                self.pos += 1
                members[key] = self.member()
            else:
                members[key] = Item(True, self.parameters())
            self.skip(" \t")
            if self.pos == len(self.text):
                return members
            if self.peek() != ",":
                raise self.fail("expected ','")
            self.pos += 1
            self.skip(" \t")
            if self.pos == len(self.text):
                raise self.fail("trailing ','")
        return members

    def member(self) -> Member:
        if self.peek() == "(":
            return self.inner_list()
        return self.item()

    def inner_list(self) -> InnerList:
        self.pos += 1
        items: List[Item] = []
        while self.pos < len(self.text):
            self.skip(" ")
            if self.peek() == ")":
                self.pos += 1
                return InnerList(items, self.parameters())
            items.append(self.item())
            if self.peek() not in (" ", ")"):
                raise self.fail("expected ' ' or ')' in an inner list")
        raise self.fail("unterminated inner list")

    def item(self) -> Item:
        value = self.bare_item()
        return Item(value, self.parameters())

    def parameters(self) -> Parameters:
        params: Parameters = {}
        while self.peek() == ";":
            self.pos += 1
            self.skip(" ")
            key = self.key()
            value: BareItem = True
            if self.peek() == "=":
                self.pos += 1
                value = self.bare_item()
            params[key] = value
        return params

    def key(self) -> str:
        return self.match(KEY_PATTERN, "a key")

    def match(self, pattern: re.Pattern[str], what: str) -> str:
        found = pattern.match(self.text, self.pos)
        if found is None:
            raise self.fail(f"expected {what}")
        self.pos = found.end()
        return found.group(0)

    def bare_item(self) -> BareItem:
        first = self.peek()
        if first == "-" or first.isdigit():
            return self.number()
        if first == '"':
            return self.string()
        if first == ":":
            return self.byte_sequence()
        if first == "?":
            return self.boolean()
        if first.isalpha() or first == "*":
            return Token(self.match(TOKEN_PATTERN, "a token"))
        raise self.fail("expected an item")

    def number(self) -> BareItem:
        text = self.match(_NUMBER, "a number")
        integer, _, fraction = text.lstrip("-").partition(".")
        if "." not in text:
            if len(integer) > 15:
                raise self.fail("integer of more than 15 digits")
            return int(text)
        if len(integer) > 12 or len(fraction) > 3:
            raise self.fail("decimal beyond 12.3 digits")
        return Decimal(text)

    def string(self) -> str:
        self.pos += 1
        out: List[str] = []
        while True:
            found = _STRING_END.search(self.text, self.pos)
            if found is None:
                raise self.fail("unterminated string")
            chunk = self.text[self.pos : found.start()]
            if any(not 0x20 <= ord(c) <= 0x7E for c in chunk):
                raise self.fail("non-printable character in a string")
            out.append(chunk)
            self.pos = found.end()
            if found.group(0) == '"':
                return "".join(out)
            escaped = self.peek()
            if escaped not in ('"', "\\"):
                raise self.fail("bad escape in a string")
            out.append(escaped)
            self.pos += 1

    def byte_sequence(self) -> bytes:
        self.pos += 1
        end = self.text.find(":", self.pos)
        if end < 0:
            raise self.fail("unterminated byte sequence")
        content = self.text[self.pos : end]
        if _BASE64.fullmatch(content) is None:
            raise self.fail("byte sequence is not base64")
        self.pos = end + 1
        return _decode_base64(content, self)

    def boolean(self) -> bool:
        self.pos += 1
        value = self.peek()
        if value not in ("0", "1"):
            raise self.fail("expected ?0 or ?1")
        self.pos += 1
        return value == "1"


def _decode_base64(content: str, parser: _Parser) -> bytes:
    padded = content + "=" * (-len(content) % 4)
    try:
        data = base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        raise parser.fail("byte sequence is not base64") from None
    # One spelling per value: non-zero trailing bits would let two strings mean the same bytes.
    if base64.b64encode(data).decode("ascii").rstrip("=") != content.rstrip("="):
        raise parser.fail("byte sequence has non-zero trailing bits")
    return data
