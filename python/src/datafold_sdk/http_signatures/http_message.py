"""``HttpMessage``: what is signed or verified, independent of any HTTP library, and the values
of its components (RFC 9421 §2.1, §2.2) as this profile reads them (spec §2.1, §2.3).

Example:
    >>> message = HttpMessage.of("post", "HTTP://Example.com:80/a?b=1", {"X-A": " 1 "})
    >>> message.target_uri, message.component("@authority"), message.component("x-a")
    ('http://example.com/a?b=1', 'example.com', '1')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Mapping, Optional, Tuple, Union

HeadersInput = Union[Mapping[str, str], Iterable[Tuple[str, str]]]
"""A mapping (``dict``, ``httpx.Headers``, ``requests``' headers) or ``(name, value)`` pairs."""

_DEFAULT_PORTS = {"http": "80", "https": "443"}


@dataclass(frozen=True)
class TargetUri:
    """The parts of an absolute request URI, in canonical form (spec §2.3)."""

    scheme: str
    authority: str
    path: str
    query: Optional[str]
    """Without its ``?``; None when the URI has no ``?`` at all."""

    def __str__(self) -> str:
        query = "" if self.query is None else "?" + self.query
        return f"{self.scheme}://{self.authority}{self.path}{query}"


def parse_target_uri(uri: str) -> TargetUri:
    """Scheme and host lower-cased, the default port and any fragment or userinfo dropped, path
    and query kept byte for byte, an empty path written ``/`` (spec §2.3). ValueError when the
    URI is not an absolute http(s) URI.

    Example:
        >>> str(parse_target_uri("https://A.example:443?x#f"))
        'https://a.example/?x'
    """
    if not isinstance(uri, str) or not uri.isascii() or any(c in uri for c in " \r\n\t"):
        raise ValueError("the target URI must be ASCII without whitespace")
    scheme, sep, rest = uri.partition("://")
    scheme = scheme.lower()
    if not sep or scheme not in _DEFAULT_PORTS:
        raise ValueError("the target URI must be an absolute http:// or https:// URI")
    rest = rest.split("#", 1)[0]
    end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
    authority, path_query = rest[:end], rest[end:]
    authority = authority.rsplit("@", 1)[-1].lower()
    host, colon, port = authority.rpartition(":")
    if colon and "]" not in port and (port == _DEFAULT_PORTS[scheme] or port == ""):
        authority = host
    if not authority:
        raise ValueError("the target URI has no host")
    path, qmark, query = path_query.partition("?")
    return TargetUri(scheme, authority, path or "/", query if qmark else None)


@dataclass(frozen=True)
class HttpMessage:
    """A request to sign or verify: method, absolute target URI, header fields and content."""

    method: str
    target: TargetUri
    headers: Tuple[Tuple[str, str], ...]
    """Field lines as received, names lower-cased, in order."""
    body: bytes = b""

    @classmethod
    def of(
        cls, method: str, target_uri: str, headers: HeadersInput, body: Optional[bytes] = None
    ) -> HttpMessage:
        """A message from plain values; ValueError for a target URI that is not absolute."""
        items = headers.items() if isinstance(headers, Mapping) else headers
        lines = tuple((str(name).lower(), str(value)) for name, value in items)
        return cls(str(method).upper(), parse_target_uri(target_uri), lines, bytes(body or b""))

    @property
    def target_uri(self) -> str:
        """The canonical absolute URI (spec §2.3)."""
        return str(self.target)

    def field(self, name: str) -> Optional[str]:
        """A header field's value: its lines trimmed and joined with ``, `` (RFC 9421 §2.1);
        None when absent."""
        values: List[str] = [v.strip(" \t") for n, v in self.headers if n == name]
        return ", ".join(values) if values else None

    def has_content(self) -> bool:
        """A body of a byte or more, a Content-Length above 0, or Transfer-Encoding (spec §2.1)."""
        if self.body or self.field("transfer-encoding") is not None:
            return True
        length = self.field("content-length")
        if length is None:
            return False
        try:
            return int(length) > 0
        except ValueError:  # a Content-Length we cannot read is no promise of an empty body
            return True

    def component(self, name: str) -> Optional[str]:
        """The value of a derived component or a header field; None when the request has none
        (a component this profile does not support is None too)."""
        target = self.target
        derived = {
            "@method": self.method,
            "@target-uri": str(target),
            "@authority": target.authority,
            "@scheme": target.scheme,
            "@request-target": target.path + ("" if target.query is None else "?" + target.query),
            "@path": target.path,
            "@query": "?" + (target.query or ""),
        }
        if name.startswith("@"):
            return derived.get(name)
        return self.field(name)
