"""Steps 1-5 of verification (spec §3): bounds, parsing, selection by tag, parameters and
coverage. Pure: nothing is looked up, stored or spent here.

Example:
    >>> from datafold_sdk.http_signatures.http_message import HttpMessage
    >>> try:
    ...     select_signature(HttpMessage.of("GET", "https://a.example/", {}))
    ... except RequestSignatureError as error:
    ...     error.error_code
    'REQUEST_SIGNATURE_MISSING'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from datafold_sdk.errors.exceptions import ValidationError
from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.parse_structured_field import parse_dictionary
from datafold_sdk.http_signatures.profile import (
    ALGORITHM,
    DERIVED_COMPONENTS,
    MAX_COMPONENT_LENGTH,
    MAX_COMPONENTS,
    MAX_FIELD_BYTES,
    MAX_MEMBERS,
    NONCE_PATTERN,
    REQUEST_SIGNATURE_TAG,
)
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError, malformed
from datafold_sdk.http_signatures.structured_fields import (
    InnerList,
    Item,
    Member,
    StructuredFieldError,
)
from datafold_sdk.server.statements import check_client_id

SIGNATURE_LENGTH = 64


@dataclass(frozen=True)
class SelectedSignature:
    """Our signature on a request, well formed and covering enough (spec §3 steps 1-5)."""

    label: str
    signature_params: InnerList
    signature: bytes
    client_id: str
    created: int
    expires: Optional[int]
    nonce: str

    @property
    def components(self) -> List[str]:
        """The covered component names, in order."""
        return [str(item.value) for item in self.signature_params.items]


def select_signature(message: HttpMessage) -> SelectedSignature:
    """Our signature on ``message``, or the refusal of the first of steps 1-5 that fails."""
    inputs, signatures = _parse_fields(message)
    ours = [label for label, member in inputs.items() if _tag(member) == REQUEST_SIGNATURE_TAG]
    if not ours:
        raise RequestSignatureError(
            f'no signature with tag="{REQUEST_SIGNATURE_TAG}": sign the request (spec §2)',
            "REQUEST_SIGNATURE_MISSING",
        )
    if len(ours) > 1:
        raise malformed(f"more than one signature has tag={REQUEST_SIGNATURE_TAG}")
    label = ours[0]
    params = inputs[label]
    signature = signatures.get(label)
    if not isinstance(params, InnerList):
        raise malformed(f"Signature-Input member {label!r} is not an inner list")
    if not isinstance(signature, Item) or not isinstance(signature.value, bytes):
        raise malformed(f"Signature has no byte sequence for the label {label!r}")
    if len(signature.value) != SIGNATURE_LENGTH:
        raise malformed("an Ed25519 signature is 64 bytes")
    client_id, created, expires, nonce = _check_params(params)
    _check_coverage(message, params)
    return SelectedSignature(label, params, signature.value, client_id, created, expires, nonce)


def _parse_fields(message: HttpMessage) -> Tuple[Dict[str, Member], Dict[str, Member]]:
    parsed: List[Dict[str, Member]] = []
    for name in ("signature-input", "signature"):
        value = message.field(name)
        if value is None:
            parsed.append({})
            continue
        if len(value.encode("latin-1", "replace")) > MAX_FIELD_BYTES:
            raise malformed(f"{name} is longer than {MAX_FIELD_BYTES} bytes")
        try:
            members = parse_dictionary(value)
        except StructuredFieldError as error:
            raise malformed(f"{name} is not an RFC 8941 dictionary: {error}") from None
        if len(members) > MAX_MEMBERS:
            raise malformed(f"{name} has more than {MAX_MEMBERS} members")
        parsed.append(members)
    for member in parsed[0].values():
        if isinstance(member, InnerList) and len(member.items) > MAX_COMPONENTS:
            raise malformed(f"a signature covers more than {MAX_COMPONENTS} components")
        items = member.items if isinstance(member, InnerList) else []
        if any(len(str(item.value)) > MAX_COMPONENT_LENGTH for item in items):
            raise malformed(f"a component identifier is longer than {MAX_COMPONENT_LENGTH}")
    return parsed[0], parsed[1]


def _tag(member: Member) -> object:
    return member.params.get("tag")


def _integer(params: Dict[str, object], name: str) -> Optional[int]:
    value = params.get(name)
    if value is None:
        return None
    if type(value) is not int or value < 0:
        raise malformed(f"{name} must be a non-negative integer of seconds")
    return value


def _check_params(inner: InnerList) -> Tuple[str, int, Optional[int], str]:
    params: Dict[str, object] = dict(inner.params)
    keyid = params.get("keyid")
    try:
        client_id = check_client_id(keyid if type(keyid) is str else None)
    except ValidationError:
        raise malformed("keyid must be the client id as an sf-string (spec §2)") from None
    created = _integer(params, "created")
    if created is None:
        raise malformed("created is required (spec §2)")
    expires = _integer(params, "expires")
    if expires is not None and expires <= created:
        raise malformed("expires must be later than created")
    nonce = params.get("nonce")
    if type(nonce) is not str or NONCE_PATTERN.fullmatch(nonce) is None:
        raise malformed("nonce must be 22-128 characters of A-Z a-z 0-9 + / = _ - . (spec §2)")
    alg = params.get("alg", ALGORITHM)
    if alg != ALGORITHM or type(alg) is not str:
        raise malformed(f'alg must be "{ALGORITHM}" or absent')
    return client_id, created, expires, nonce


def _check_coverage(message: HttpMessage, inner: InnerList) -> None:
    names = []
    for item in inner.items:
        name = item.value
        if type(name) is not str or item.params or name != name.lower():
            raise malformed("covered components are lower-case strings without parameters")
        if name.startswith("@") and name not in DERIVED_COMPONENTS:
            raise malformed(f"{name!r} is not a derived component this profile supports")
        names.append(name)
    if len(set(names)) != len(names):
        raise malformed("a component is listed twice")
    target = "@target-uri" in names or {"@authority", "@path", "@query"} <= set(names)
    if "@method" not in names or not target:
        raise RequestSignatureError(
            'cover "@method" and "@target-uri" (spec §2.1)',
            "REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE",
        )
    if message.has_content() and "content-digest" not in names:
        raise RequestSignatureError(
            'a request with content must cover "content-digest" (spec §2.1)',
            "REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE",
        )
    for name in names:
        if message.component(name) is None:
            raise malformed(f"the covered component {name!r} is not on the request")
