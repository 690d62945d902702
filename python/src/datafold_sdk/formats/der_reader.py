"""A strict reader of the DER subset key files use (X.690 §10).

Low tag numbers, definite lengths in their shortest form, nothing left over: BER leniencies are
refused, so one key has one encoding. Errors are INVALID_KEY_FORMAT and never quote the bytes.

Example:
    >>> reader = DerReader(bytes.fromhex("300302010a"), "example")
    >>> inner = reader.sequence()
    >>> inner.small_integer("n")
    10
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from datafold_sdk.errors.exceptions import Ed25519KeyError

TAG_INTEGER = 0x02
TAG_BIT_STRING = 0x03
TAG_OCTET_STRING = 0x04
TAG_OID = 0x06
TAG_SEQUENCE = 0x30
TAG_CONTEXT_0_CONSTRUCTED = 0xA0
TAG_CONTEXT_1_PRIMITIVE = 0x81


class DerElement(NamedTuple):
    """One element: its identifier octet and its contents."""

    tag: int
    contents: bytes


def _malformed(what: str, problem: str) -> Ed25519KeyError:
    return Ed25519KeyError(f"{what} is not valid DER: {problem}", "INVALID_KEY_FORMAT")


class DerReader:
    """Reads elements one by one from ``data``; ``what`` names the structure in errors."""

    def __init__(self, data: bytes, what: str) -> None:
        self._data = data
        self._what = what
        self._offset = 0

    @property
    def done(self) -> bool:
        """True when every byte has been read."""
        return self._offset >= len(self._data)

    def peek_tag(self) -> Optional[int]:
        """The identifier octet of the next element, or None at the end."""
        return None if self.done else self._data[self._offset]

    def read(self) -> DerElement:
        """The next element, whatever its tag."""
        data, end = self._data, len(self._data)
        if self.done:
            raise _malformed(self._what, "it ends where another element was expected")
        tag = data[self._offset]
        self._offset += 1
        if tag & 0x1F == 0x1F:
            raise _malformed(self._what, "high tag numbers are not used in key files")
        if self.done:
            raise _malformed(self._what, "an element has no length")
        first = data[self._offset]
        self._offset += 1
        if first < 0x80:
            length = first
        else:
            count = first & 0x7F
            if count == 0:
                raise _malformed(self._what, "indefinite lengths are not DER")
            if count > 3:
                raise _malformed(self._what, "an element is too long for a key file")
            if self._offset + count > end:
                raise _malformed(self._what, "a length runs past the end")
            length = int.from_bytes(data[self._offset : self._offset + count], "big")
            self._offset += count
            if length < 0x80 or length < 1 << (8 * (count - 1)):
                raise _malformed(self._what, "a length is not in its shortest form")
        if length > end - self._offset:
            raise _malformed(self._what, "an element runs past the end")
        contents = data[self._offset : self._offset + length]
        self._offset += length
        return DerElement(tag, contents)

    def expect(self, tag: int, name: str) -> DerElement:
        """The next element, which must have ``tag``."""
        element = self.read()
        if element.tag != tag:
            raise _malformed(
                self._what, f"expected {name} (tag 0x{tag:x}), found tag 0x{element.tag:x}"
            )
        return element

    def sequence(self, name: str = "SEQUENCE") -> DerReader:
        """Reads a SEQUENCE and returns a reader over its contents."""
        return DerReader(self.expect(TAG_SEQUENCE, name).contents, self._what)

    def small_integer(self, name: str) -> int:
        """A non-negative INTEGER small enough for a version number."""
        contents = self.expect(TAG_INTEGER, name).contents
        if len(contents) == 0 or len(contents) > 4:
            raise _malformed(self._what, f"{name} has a bad length")
        if contents[0] & 0x80:
            raise _malformed(self._what, f"{name} is negative")
        if len(contents) > 1 and contents[0] == 0 and not contents[1] & 0x80:
            raise _malformed(self._what, f"{name} is not in its shortest form")
        return int.from_bytes(contents, "big")

    def oid(self, name: str) -> str:
        """An OBJECT IDENTIFIER in dotted decimal (X.690 §8.19)."""
        contents = self.expect(TAG_OID, name).contents
        if len(contents) == 0:
            raise _malformed(self._what, f"{name} is empty")
        arcs = []
        value = 0
        started = False
        for byte in contents:
            if not started and byte == 0x80:
                raise _malformed(self._what, f"{name} has a padded sub-identifier")
            started = True
            if value > 0x1FFFFFF:
                raise _malformed(self._what, f"{name} has a sub-identifier that is too large")
            value = value * 128 + (byte & 0x7F)
            if not byte & 0x80:
                arcs.append(value)
                value = 0
                started = False
        if started:
            raise _malformed(self._what, f"{name} ends inside a sub-identifier")
        head = arcs.pop(0)
        first = 0 if head < 40 else 1 if head < 80 else 2
        return ".".join(str(arc) for arc in [first, head - first * 40, *arcs])

    def finish(self) -> None:
        """INVALID_KEY_FORMAT unless every byte has been read."""
        if not self.done:
            raise _malformed(self._what, "unexpected bytes after the end")
