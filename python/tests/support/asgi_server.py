"""A real ASGI server (uvicorn, in a thread) on a free loopback port, and an app that echoes
what the signature middleware handed it."""

from __future__ import annotations

import base64
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, List

import uvicorn

from tests.support.server_process import free_port


async def echo_app(scope: Any, receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
    """Answers 200 with the verified client id (from ``scope`` and ``scope["state"]``), the
    method, path and the body the app received, base64."""
    chunks: List[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    verified = scope.get("datafold")
    payload = {
        "client_id": verified.client_id if verified else None,
        "state_client_id": scope.get("state", {}).get("datafold").client_id if verified else None,
        "covered": verified.covered_components if verified else None,
        "method": scope["method"],
        "path": scope["path"],
        "body": base64.b64encode(b"".join(chunks)).decode("ascii"),
    }
    body = json.dumps(payload).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


@dataclass
class RunningApp:
    """An ASGI app being served: its base URL."""

    url: str


@contextmanager
def serve_asgi(app: Any) -> Iterator[RunningApp]:
    """Serves ``app`` with uvicorn on 127.0.0.1 until the block ends."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield RunningApp(f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
