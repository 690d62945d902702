"""RFC 9530 Content-Digest: the RFC's own examples, and the check of spec §2.2."""

from __future__ import annotations

import pytest

from datafold_sdk.http_signatures.content_digest import check_content_digest, content_digest
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError

BODY = b'{"hello": "world"}'
# RFC 9530 Appendix B (and RFC 9421 Appendix B.2): the digests of this body.
SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
SHA512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"  # noqa: E501 (the RFC value, whole)


def test_rfc_examples() -> None:
    assert content_digest(BODY) == SHA256
    check_content_digest(SHA256, BODY)
    check_content_digest(SHA512, BODY)
    check_content_digest(f"{SHA512}, {SHA256}", BODY)
    check_content_digest(f"unixsum=:AAAA:, {SHA256}", BODY)
    assert content_digest(b"") == "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:"


@pytest.mark.parametrize(
    "field",
    [
        "unixsum=:AAAA:",  # no supported algorithm
        f"{SHA256}, sha-512=:AAAA:",  # every supported digest must match
        "sha-256=1",
        "sha-256",
        "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE:, =",
    ],
)
def test_mismatches(field: str) -> None:
    with pytest.raises(RequestSignatureError) as caught:
        check_content_digest(field, BODY)
    assert caught.value.error_code == "CONTENT_DIGEST_MISMATCH"
    with pytest.raises(RequestSignatureError):
        check_content_digest(SHA256, BODY + b"\n")
