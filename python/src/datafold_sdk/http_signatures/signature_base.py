"""The signature base (RFC 9421 §2.5): one line per covered component, then
``"@signature-params"``, joined by LF with no final newline.

Example:
    >>> from datafold_sdk.http_signatures.http_message import HttpMessage
    >>> from datafold_sdk.http_signatures.structured_fields import InnerList, Item
    >>> message = HttpMessage.of("GET", "https://example.com/x", {})
    >>> params = InnerList([Item("@method"), Item("@path")], {"created": 1})
    >>> print(signature_base(message, params).decode())
    "@method": GET
    "@path": /x
    "@signature-params": ("@method" "@path");created=1
"""

from __future__ import annotations

from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.request_signature_error import malformed
from datafold_sdk.http_signatures.structured_fields import (
    InnerList,
    StructuredFieldError,
    serialize_inner_list,
)


def signature_base(message: HttpMessage, signature_params: InnerList) -> bytes:
    """The bytes Ed25519 signs. Each component must be a lower-case name without parameters,
    listed once, present on the request and free of CR and LF (spec §2.1); otherwise
    REQUEST_SIGNATURE_MALFORMED."""
    lines = []
    seen = set()
    for item in signature_params.items:
        name = item.value
        if type(name) is not str or item.params:
            raise malformed("covered components are strings without parameters (spec §2.1)")
        if name in seen or name in ("@signature-params", "@status") or name != name.lower():
            raise malformed(f"{name!r} cannot be a covered component (spec §2.1)")
        seen.add(name)
        value = message.component(name)
        if value is None:
            raise malformed(f"the covered component {name!r} is not on the request")
        if "\r" in value or "\n" in value or not value.isascii():
            raise malformed(f"the value of {name!r} is not one line of ASCII")
        lines.append(f'"{name}": {value}')
    try:
        params = serialize_inner_list(signature_params)
    except StructuredFieldError as error:
        raise malformed(f"Signature-Input cannot be serialised: {error}") from None
    lines.append(f'"@signature-params": {params}')
    return "\n".join(lines).encode("ascii")
