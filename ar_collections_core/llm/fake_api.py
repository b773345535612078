"""A local HTTP server that speaks enough of the Messages API for the adapter's tests.

A test utility (the core's pytest suite and the addon's Odoo tests both use it; one
copy); nothing in the adapter imports it.

It answers ``POST /v1/messages`` with scripted responses, in order (then the default
one), and keeps every request it received (path, headers, JSON body) so tests can
check what was actually sent. Started on 127.0.0.1 on a free port, in a thread.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Scripted:
    status: int = 200
    body: object = None  # dict -> JSON; str/bytes -> sent as is
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (timeouts)


@dataclass
class Received:
    path: str
    headers: dict
    body: dict


def message(content, *, stop_reason="tool_use", usage=(120, 40), model="claude-sonnet-4-6"):
    return {
        "id": "msg_fake_0001",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": usage[0], "output_tokens": usage[1]},
    }


def tool_answer(name: str, arguments: dict, **kwargs) -> Scripted:
    block = {"type": "tool_use", "id": "toolu_fake_01", "name": name, "input": arguments}
    return Scripted(200, message([block], **kwargs))


def text_answer(text: str, *, stop_reason="end_turn", **kwargs) -> Scripted:
    return Scripted(
        200, message([{"type": "text", "text": text}], stop_reason=stop_reason, **kwargs)
    )


def error(status: int, kind: str, text: str = "", headers=None) -> Scripted:
    body = {"type": "error", "error": {"type": kind, "message": text or kind}}
    return Scripted(status, body, dict(headers or {}))


class FakeMessagesAPI:
    def __init__(self):
        self.script: deque[Scripted] = deque()
        self.default: Scripted = error(500, "api_error", "nothing scripted")
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeMessagesAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def push(self, *responses: Scripted) -> None:
        with self._lock:
            self.script.extend(responses)

    def _next(self) -> Scripted:
        with self._lock:
            return self.script.popleft() if self.script else self.default

    def _record(self, received: Received) -> None:
        with self._lock:
            self.requests.append(received)

    @property
    def last_body(self) -> dict:
        return self.requests[-1].body

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"_unreadable": raw.decode("utf-8", "replace")}
                api._record(Received(self.path, dict(self.headers), body))
                answer = api._next() if self.path.startswith("/v1/messages") else error(404, "x")
                if answer.delay:
                    time.sleep(answer.delay)
                payload = answer.body
                if isinstance(payload, (dict, list)):
                    data = json.dumps(payload).encode()
                    content_type = "application/json"
                else:
                    data = payload.encode() if isinstance(payload, str) else (payload or b"")
                    content_type = answer.headers.get("content-type", "application/json")
                try:
                    self.send_response(answer.status)
                    self.send_header("content-type", content_type)
                    self.send_header("content-length", str(len(data)))
                    self.send_header("request-id", f"req_fake_{len(api.requests):04d}")
                    for name, value in answer.headers.items():
                        if name.lower() != "content-type":
                            self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        return Handler
