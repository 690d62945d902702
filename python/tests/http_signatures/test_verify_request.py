"""verify_request: every refusal of spec §4, in the order of spec §3, and what it accepts."""

from __future__ import annotations

import base64
import hashlib
from typing import Any, Callable, List

import pytest

from datafold_sdk.errors import ValidationError
from datafold_sdk.http_signatures.asgi_middleware import DataFoldSignatureMiddleware
from datafold_sdk.http_signatures.http_message import HttpMessage
from datafold_sdk.http_signatures.replay_store import MemoryReplayStore, Remembered
from datafold_sdk.http_signatures.request_signature_error import RequestSignatureError
from datafold_sdk.http_signatures.resolved_key import ResolvedKey
from datafold_sdk.http_signatures.signature_base import signature_base
from datafold_sdk.http_signatures.structured_fields import (
    InnerList,
    Item,
    serialize_dictionary,
)
from datafold_sdk.keys.generate import generate_key_pair
from datafold_sdk.signatures.sign import sign
from tests.support.asgi_server import echo_app
from tests.support.signed_requests import (
    CLIENT_ID,
    NONCE,
    NOW,
    PAIR,
    URL,
    Headers,
    active_key,
    field,
    replace_field,
    signed_headers,
    verify,
)

BODY = b'{"name": "widget"}'
JSON = [("content-type", "application/json")]


def code_of(run: Callable[[], object]) -> str:
    with pytest.raises(RequestSignatureError) as caught:
        run()
    return caught.value.error_code


def refusal(headers: Headers, *args: Any, **kwargs: Any) -> str:
    """The code verify() refuses ``headers`` with."""
    return code_of(lambda: verify(headers, *args, **kwargs))


def hand_signed(
    components: List[str],
    params: dict,  # type: ignore[type-arg]
    headers: Headers = [],  # noqa: B006
    method: str = "GET",
    body: bytes = b"",
    label: str = "datafold",
) -> Headers:
    """A signature built by hand, for parameters our signer would never write."""
    message = HttpMessage.of(method, URL, headers, body)
    inner = InnerList([Item(name) for name in components], params)
    signature = sign(signature_base(message, inner), PAIR.private_key)
    return [
        *headers,
        ("signature-input", serialize_dictionary({label: inner})),
        ("signature", serialize_dictionary({label: Item(signature)})),
    ]


def params(**extra: object) -> dict:  # type: ignore[type-arg]
    base = {
        "created": NOW,
        "keyid": CLIENT_ID,
        "nonce": NONCE,
        "tag": "datafold-request-v1",
    }
    return {**base, **extra}


def test_a_signed_request_verifies_and_names_its_signer() -> None:
    verified = verify(signed_headers("POST", body=BODY, headers=JSON), "POST", body=BODY)
    assert verified.client_id == CLIENT_ID and verified.public_key == PAIR.public_key
    assert verified.covered_components == [
        "@method",
        "@target-uri",
        "content-type",
        "content-digest",
    ]
    assert (verified.created, verified.expires, verified.nonce) == (NOW, NOW + 60, NONCE)
    assert verified.label == "datafold"


def test_what_the_profile_accepts() -> None:
    # alg may be absent (RFC 9421 §3.2); an unknown parameter is covered and otherwise ignored.
    assert verify(hand_signed(["@method", "@target-uri"], params())).client_id == CLIENT_ID
    assert verify(hand_signed(["@method", "@target-uri"], params(ext="x"))).nonce == NONCE
    # The target as its three parts.
    assert verify(hand_signed(["@method", "@authority", "@path", "@query"], params()))
    # Other signatures (a proxy's) are ignored; our label is not required.
    ours = hand_signed(["@method", "@target-uri"], params(), label="mine")
    proxy = 'proxy=("@method");created=1;keyid="p"'
    lines = [(n, f"{proxy}, {v}" if n == "signature-input" else v) for n, v in ours]
    lines = [(n, f"proxy=:{'A' * 86}==:, {v}" if n == "signature" else v) for n, v in lines]
    assert verify(lines).label == "mine"
    # Field lines of one field are joined (RFC 9110 §5.3).
    split = [("signature-input", proxy), *ours]
    assert verify(split).client_id == CLIENT_ID
    # Every derived component of spec §2.1 can be covered.
    every = ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path"]
    assert verify(hand_signed([*every, "@query"], params())).covered_components[-1] == "@query"
    # Clock skew: created up to 30 s ahead, and max age plus skew behind.
    assert verify(signed_headers(now=NOW + 30))
    assert verify(signed_headers(now=NOW - 90))
    assert verify(hand_signed(["@method", "@target-uri"], params(created=NOW - 330)))
    assert verify(signed_headers(now=NOW - 5), max_age=1, clock_skew=4)


def test_missing() -> None:
    assert code_of(lambda: verify([])) == "REQUEST_SIGNATURE_MISSING"
    other = hand_signed(["@method", "@target-uri"], params(tag="web-bot-auth"))
    assert code_of(lambda: verify(other)) == "REQUEST_SIGNATURE_MISSING"
    token = replace_field(signed_headers(), "signature-input", "datafold=" + "a" * 10)
    assert code_of(lambda: verify(token)) == "REQUEST_SIGNATURE_MISSING"
    untagged = hand_signed(["@method", "@target-uri"], {"created": NOW, "keyid": CLIENT_ID})
    assert code_of(lambda: verify(untagged)) == "REQUEST_SIGNATURE_MISSING"


def test_malformed() -> None:
    good = signed_headers()
    si = field(good, "signature-input")
    sig = field(good, "signature")
    cases: List[Headers] = [
        replace_field(good, "signature-input", "datafold=("),
        replace_field(good, "signature-input", si + ", " + "x" * 8192),
        replace_field(good, "signature-input", si + "".join(f", m{i}=1" for i in range(8))),
        replace_field(good, "signature-input", si + ", " + si.replace("datafold=", "again=")),
        replace_field(good, "signature", "datafold=:" + base64.b64encode(bytes(63)).decode() + ":"),
        replace_field(good, "signature", sig.replace("datafold=", "other=")),
        replace_field(good, "signature", "datafold=?1"),
        replace_field(good, "signature-input", 'datafold=?1;tag="datafold-request-v1"'),
    ]
    for headers in cases:
        assert refusal(headers) == "REQUEST_SIGNATURE_MALFORMED"
    base = ["@method", "@target-uri"]
    bad_params = [
        {k: v for k, v in params().items() if k != "keyid"},
        params(keyid="has space"),
        params(keyid="x" * 129),
        {k: v for k, v in params().items() if k != "created"},
        params(created="1800000000"),
        params(created=-1),
        params(expires=NOW),
        params(nonce="short"),
        params(nonce="n" * 129),
        params(nonce="has space nonce 1234567890"),
        params(alg="rsa-pss-sha512"),
    ]
    for bad in bad_params:
        headers = hand_signed(base, bad)
        assert refusal(headers) == "REQUEST_SIGNATURE_MALFORMED"
    too_many = [f"x-h{i}" for i in range(31)]
    many_headers = [(name, "1") for name in too_many]
    cases = [
        hand_signed([*base, *too_many], params(), headers=many_headers),
        hand_signed([*base, "x-" + "a" * 127], params(), headers=[("x-" + "a" * 127, "1")]),
    ]
    for headers in cases:
        assert refusal(headers) == "REQUEST_SIGNATURE_MALFORMED"
    # Component identifiers: parameters, repeats, @signature-params, @status, absent, case.
    for components in (
        [*base, "@status"],
        [*base, "@signature-params"],
        [*base, "@query-param"],
        [*base, "x-absent"],
    ):
        si_value = serialize_dictionary(
            {"datafold": InnerList([Item(c) for c in components], params())}
        )
        headers = replace_field(good, "signature-input", si_value)
        assert refusal(headers) == "REQUEST_SIGNATURE_MALFORMED"
    for raw in (
        '("@method" "@target-uri" "x-a";sf)',
        '("@method" "@target-uri" "@method")',
        '("@method" "@target-uri" "X-A")',
        '("@method" @target-uri)',
    ):
        si_value = (
            f'datafold={raw};created={NOW};keyid="a";nonce="{NONCE}";tag="datafold-request-v1"'
        )
        headers = replace_field([*good, ("x-a", "1")], "signature-input", si_value)
        assert refusal(headers) == "REQUEST_SIGNATURE_MALFORMED"


def test_insufficient_coverage() -> None:
    for components in (["@method"], ["@target-uri"], ["@method", "@authority", "@path"]):
        headers = hand_signed(components, params())
        assert refusal(headers) == "REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE"
    # Content needs content-digest covered, announced by a body or by its framing fields.
    no_digest = hand_signed(["@method", "@target-uri"], params(), method="POST", body=BODY)
    assert (
        code_of(lambda: verify(no_digest, "POST", body=BODY))
        == "REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE"
    )
    for framing in (("content-length", "5"), ("transfer-encoding", "chunked")):
        headers = hand_signed(["@method", "@target-uri"], params(), headers=[framing])
        assert refusal(headers) == "REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE"


def test_time() -> None:
    assert (
        code_of(lambda: verify(signed_headers(now=NOW + 31))) == "REQUEST_SIGNATURE_NOT_YET_VALID"
    )
    # expires = created + 60: past once now > expires + skew.
    assert code_of(lambda: verify(signed_headers(now=NOW - 91))) == "REQUEST_SIGNATURE_EXPIRED"
    old = hand_signed(["@method", "@target-uri"], params(created=NOW - 331))
    assert code_of(lambda: verify(old)) == "REQUEST_SIGNATURE_TOO_OLD"
    # A memory store refuses what was signed before it was born (spec §3.1).
    young = MemoryReplayStore(now=lambda: NOW + 1)
    assert code_of(lambda: verify(signed_headers(), store=young)) == "REQUEST_SIGNATURE_TOO_OLD"


def test_content_digest() -> None:
    headers = signed_headers("POST", body=BODY, headers=JSON)
    assert code_of(lambda: verify(headers, "POST", body=BODY + b" ")) == "CONTENT_DIGEST_MISMATCH"
    sha512 = base64.b64encode(hashlib.sha512(BODY).digest()).decode()
    sha256 = base64.b64encode(hashlib.sha256(BODY).digest()).decode()
    covered = ["@method", "@target-uri", "content-digest"]

    def with_digest(value: str) -> Headers:
        return hand_signed(covered, params(), [("content-digest", value)], "POST", BODY)

    assert verify(with_digest(f"sha-512=:{sha512}:"), "POST", body=BODY)
    assert verify(with_digest(f"md5=:AAAA:, sha-256=:{sha256}:"), "POST", body=BODY)
    for value in (
        "md5=:AAAA:",
        f"sha-256=:{sha256}:, sha-512=:{sha256}:",
        "sha-256=1",
        "sha-256=:%%:",
    ):
        refused = with_digest(value)
        assert refusal(refused, "POST", body=BODY) == "CONTENT_DIGEST_MISMATCH"


def test_keys_and_signatures() -> None:
    headers = signed_headers()
    assert (
        code_of(lambda: verify(headers, resolve=lambda c: ResolvedKey.unknown()))
        == "REQUEST_SIGNATURE_UNKNOWN_KEY"
    )
    assert (
        code_of(lambda: verify(headers, resolve=lambda c: ResolvedKey.inactive()))
        == "REQUEST_SIGNATURE_INACTIVE_KEY"
    )
    other = generate_key_pair().public_key
    assert (
        code_of(lambda: verify(headers, resolve=lambda c: ResolvedKey.active(other)))
        == "REQUEST_SIGNATURE_INVALID"
    )
    # Anything covered that changes breaks the signature: method, URI, a parameter, a field.
    assert code_of(lambda: verify(headers, "DELETE")) == "REQUEST_SIGNATURE_INVALID"
    assert code_of(lambda: verify(headers, url=URL + "&x=1")) == "REQUEST_SIGNATURE_INVALID"
    si = field(headers, "signature-input").replace('alg="ed25519"', 'alg="ed25519";x=1')
    tampered = replace_field(headers, "signature-input", si)
    assert code_of(lambda: verify(tampered)) == "REQUEST_SIGNATURE_INVALID"
    typed = signed_headers("POST", body=BODY, headers=JSON)
    retyped = replace_field(typed, "content-type", "text/plain")
    assert code_of(lambda: verify(retyped, "POST", body=BODY)) == "REQUEST_SIGNATURE_INVALID"


def test_replay_and_a_failing_store() -> None:
    store = MemoryReplayStore(now=lambda: 0)
    headers = signed_headers()
    assert verify(headers, store=store)
    assert code_of(lambda: verify(headers, store=store)) == "REQUEST_SIGNATURE_REPLAYED"
    # The nonce is per client: another client may use the same one.
    assert verify(signed_headers(client_id="another"), store=store)

    class Down(MemoryReplayStore):
        def remember(self, key: str, expires_at_ms: int) -> Remembered:
            raise ConnectionError("redis is down")

    error_code = code_of(lambda: verify(headers, store=Down(now=lambda: 0)))
    assert error_code == "REPLAY_STORE_UNAVAILABLE"


def test_the_order_of_the_checks() -> None:
    asked: List[str] = []

    def spy(client_id: str) -> ResolvedKey:
        asked.append(client_id)
        return ResolvedKey.unknown()

    store = MemoryReplayStore(now=lambda: 0)
    # Stale and with a wrong digest: the time is checked first, and no key is looked up.
    stale = signed_headers("POST", body=BODY, now=NOW - 400)
    assert code_of(lambda: verify(stale, "POST", body=b"x", resolve=spy)) == (
        "REQUEST_SIGNATURE_EXPIRED"
    )
    # Wrong digest and an unknown key: the content is checked before the key is looked up.
    fresh = signed_headers("POST", body=BODY)
    assert code_of(lambda: verify(fresh, "POST", body=b"x", resolve=spy)) == (
        "CONTENT_DIGEST_MISMATCH"
    )
    assert asked == []
    # A signature that does not verify records no nonce (nobody can burn another's nonces).
    forged = replace_field(
        signed_headers(), "signature", "datafold=:" + base64.b64encode(bytes(64)).decode() + ":"
    )
    assert code_of(lambda: verify(forged, store=store)) == "REQUEST_SIGNATURE_INVALID"
    assert len(store) == 0
    assert verify(signed_headers(), store=store) and len(store) == 1


def test_settings_out_of_range() -> None:
    headers = signed_headers()
    for max_age, clock_skew in ((0, 30), (3601, 30), (300, -1), (300, 301), (True, 30)):
        with pytest.raises(ValidationError) as caught:
            verify(headers, max_age=max_age, clock_skew=clock_skew)
        assert caught.value.error_code == "INVALID_ARGUMENT"
    with pytest.raises(ValidationError):
        DataFoldSignatureMiddleware(echo_app, resolve_key=active_key, max_age=0)
    with pytest.raises(ValidationError):
        DataFoldSignatureMiddleware(echo_app)
