"""PEM armour (RFC 7468) for PKCS#8 and SPKI keys.

Example:
    >>> text = armor_pem("PUBLIC KEY", bytes(3))
    >>> unarmor_pem(text)
    ('PUBLIC KEY', b'\\x00\\x00\\x00')
"""

from __future__ import annotations

import re
from typing import List, Tuple

from datafold_sdk.encoding.strict import base64_to_bytes, bytes_to_base64
from datafold_sdk.errors.exceptions import Ed25519KeyError

_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----")

_FOREIGN_LABELS = {
    "RSA PRIVATE KEY": "RSA",
    "RSA PUBLIC KEY": "RSA",
    "EC PRIVATE KEY": "EC",
    "DSA PRIVATE KEY": "DSA",
}

_ADVICE = {
    "ENCRYPTED PRIVATE KEY": "is an encrypted PKCS#8 key: decrypt it first "
    "(openssl pkey -in key.pem -out plain.pem)",
    "OPENSSH PRIVATE KEY": "is in OpenSSH format: convert it to PKCS#8 first "
    "(ssh-keygen -p -m PKCS8 -f key)",
    "CERTIFICATE": "is a certificate, not a key: extract its key "
    "(openssl x509 -pubkey -noout -in cert.pem)",
}

_IGNORED_LABELS = {"EC PARAMETERS"}


def _invalid(problem: str) -> Ed25519KeyError:
    return Ed25519KeyError(f"PEM {problem}", "INVALID_KEY_FORMAT")


def armor_pem(label: str, der: bytes) -> str:
    """DER in PEM: 64-character base64 lines and a final newline, as OpenSSL writes."""
    body = bytes_to_base64(der)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return (
        f"-----BEGIN {label}-----\n"
        + "".join(f"{line}\n" for line in lines)
        + (f"-----END {label}-----\n")
    )


def unarmor_pem(text: object) -> Tuple[str, bytes]:
    """The label and DER of the one key block in ``text``.

    Text around the block is ignored (RFC 7468 §2); whitespace inside the body is ignored; stray
    characters, headers, mismatched labels or a second key are INVALID_KEY_FORMAT; legacy
    containers of other key types are UNSUPPORTED_KEY_TYPE.
    """
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("ascii")
        except UnicodeDecodeError:
            raise _invalid("data must be ASCII text") from None
    if not isinstance(text, str):
        raise _invalid("data must be a string")
    blocks: List[Tuple[str, str]] = []
    for match in _BLOCK.finditer(text):
        begin, body, end = match.group(1), match.group(2), match.group(3)
        if begin != end:
            raise _invalid(f'block starts as "{begin}" but ends as "{end}"')
        if begin not in _IGNORED_LABELS:
            blocks.append((begin, body))
    if not blocks:
        raise _invalid('data has no "-----BEGIN ...-----" / "-----END ...-----" block')
    if len(blocks) > 1:
        raise _invalid(f"data holds {len(blocks)} keys or certificates; pass exactly one")
    label, body = blocks[0]
    foreign = _FOREIGN_LABELS.get(label)
    if foreign is not None:
        raise Ed25519KeyError(
            f'PEM "{label}" holds a {foreign} key; only Ed25519 is supported',
            "UNSUPPORTED_KEY_TYPE",
            {"found": foreign},
        )
    advice = _ADVICE.get(label)
    if advice is not None:
        raise _invalid(f'"{label}" {advice}')
    if label not in ("PRIVATE KEY", "PUBLIC KEY"):
        raise _invalid(f'label "{label}" is not PRIVATE KEY (PKCS#8) or PUBLIC KEY (SPKI)')
    if ":" in body:
        raise _invalid("block has headers (legacy encryption); decrypt it first")
    compact = re.sub(r"[ \t\r\n]", "", body)
    return label, base64_to_bytes(compact, "INVALID_KEY_FORMAT", f'PEM "{label}" body')
