"""A client of service.py: every request signed with its DataFold key by DataFoldHttpxAuth
(RFC 9421). It registers a fresh key, starts the service in this process (as `uvicorn service:app`
would serve it), calls it, and shows the refusals a service answers.
"""

import os
import time

import httpx
from datafold_sdk import DataFoldHttpClient, generate_key_pair
from datafold_sdk.http_signatures import DataFoldHttpxAuth
from service import app, create_app, serve_in_background

server_url = os.environ.get("DATAFOLD_SERVER_URL", "http://localhost:9001")
service_url, stop_service = serve_in_background(app)
try:
    # #region register
    datafold = DataFoldHttpClient(server_url, timeout=10.0)
    pair = generate_key_pair()
    registration = datafold.register_public_key(
        pair, client_id=f"jobs-client-{int(time.time() * 1000)}", key_name="jobs client"
    )
    client_id = registration.client_id
    # #endregion register

    # #region client
    auth = DataFoldHttpxAuth(client_id, pair.private_key)  # or .from_storage(client_id, key_id, pw)
    with httpx.Client(base_url=service_url, auth=auth, timeout=10.0) as service:
        me = service.get("/whoami")
        print("GET /whoami:", me.status_code, me.json())
        job = service.post("/jobs", json={"task": "reindex", "shard": 7})  # Content-Digest too
        print("POST /jobs:", job.status_code, job.json())
    # #endregion client
    assert me.status_code == 200 and me.json()["client_id"] == client_id
    assert me.json()["covered"] == ["@method", "@target-uri"]
    assert job.status_code == 201 and job.json() == {
        "accepted": {"task": "reindex", "shard": 7},
        "by": client_id,
    }

    # #region refusals
    unsigned = httpx.get(f"{service_url}/whoami")
    assert unsigned.status_code == 401
    assert unsigned.json()["error"]["code"] == "REQUEST_SIGNATURE_MISSING"
    assert 'tag="datafold-request-v1"' in unsigned.headers["accept-signature"]

    stranger = DataFoldHttpxAuth("nobody-registered-this", generate_key_pair().private_key)
    unknown = httpx.get(f"{service_url}/whoami", auth=stranger)
    assert unknown.json()["error"]["code"] == "REQUEST_SIGNATURE_UNKNOWN_KEY"
    # #endregion refusals

    # #region revocation
    # The DataFold server honours a revocation at once; the middleware within its key cache
    # time (5 s by default). With key_cache_ttl=0 it asks the server on every request.
    datafold.revoke_key(client_id, pair, reason="example finished")
    strict_url, stop_strict = serve_in_background(create_app(server_url, key_cache_ttl=0))
    try:
        revoked = httpx.get(f"{strict_url}/whoami", auth=auth)
        assert revoked.status_code == 401
        assert revoked.json()["error"]["code"] == "REQUEST_SIGNATURE_INACTIVE_KEY"
    finally:
        stop_strict()
    # #endregion revocation
    datafold.close()
finally:
    stop_service()
print("python service behind DataFoldSignatureMiddleware: ok")
