"""A Python service that answers only requests signed by an active DataFold key (RFC 9421,
spec/http-message-signatures-v1.md). The app is a bare ASGI callable; DataFoldSignatureMiddleware
in front of it checks every request and hands it the verified client id. Serve it with
`uvicorn service:app` (DATAFOLD_SERVER_URL names the DataFold server); client.py runs it in
its own process instead, so the example is one command.
"""

import json
import os
import socket
import threading
import time

import uvicorn
from datafold_sdk.http_signatures import DataFoldSignatureMiddleware


# #region app
async def jobs_app(scope, receive, send):
    """The service itself. Starlette and FastAPI apps work the same (request.state.datafold)."""
    if scope["type"] != "http":  # lifespan: nothing to set up
        return
    verified = scope["datafold"]  # set by the middleware, never taken from the client
    body, more = b"", True
    while more:  # the middleware already read and checked the bytes; it hands them on
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)

    if scope["method"] == "GET" and scope["path"] == "/whoami":
        who = {"client_id": verified.client_id, "covered": verified.covered_components}
        status, answer = 200, who
    elif scope["method"] == "POST" and scope["path"] == "/jobs":
        status, answer = 201, {"accepted": json.loads(body), "by": verified.client_id}
    else:
        status, answer = 404, {"error": "NOT_FOUND"}
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
    # #endregion app


# #region middleware
def create_app(server_url, *, key_cache_ttl=5.0):
    """The service behind the middleware: keys come from the DataFold server by keyid, each answer
    cached key_cache_ttl seconds (the most a revocation takes to reach this service)."""
    return DataFoldSignatureMiddleware(
        jobs_app,
        server_url=server_url,
        key_cache_ttl=key_cache_ttl,
        # public_url="https://jobs.example",  # behind a proxy: the origin clients sign
    )


app = create_app(os.environ.get("DATAFOLD_SERVER_URL", "http://localhost:9001"))
# #endregion middleware


def serve_in_background(asgi_app):
    """Serves the app with uvicorn on a free local port in a thread; returns (url, stop)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(asgi_app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    # The replay store refuses signatures made before it existed (spec §3.1: nothing signed
    # before a restart can be replayed); take requests once that instant has passed.
    time.sleep(max(0.0, asgi_app.replay_store.not_before - time.time()))

    def stop():
        server.should_exit = True
        thread.join()

    return f"http://127.0.0.1:{sock.getsockname()[1]}", stop
