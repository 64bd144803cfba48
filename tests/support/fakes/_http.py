"""The plumbing both fake providers share: a threaded stdlib HTTP server on 127.0.0.1 and an ephemeral port,
a route table, a record of every request, fault injection and an outbox of webhooks sent after the
state lock is released (so a receiver may call the fake back without a deadlock)."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]  # lower-cased names
    body: bytes
    params: dict[str, Any] = field(default_factory=dict)  # parsed body (form or JSON), filled by the fake


@dataclass
class Response:
    status: int
    body: Any = None  # JSON-serialisable; None for an empty body
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"


@dataclass
class Fault:
    path_prefix: str
    kind: str  # "timeout": answer only after the client gave up (the request IS applied); "500"; "400"
    count: int


@dataclass(frozen=True)
class Delivery:
    url: str
    body: bytes
    headers: dict[str, str]
    status: int | None  # None: the receiver could not be reached


Handler = Callable[[Request, "re.Match[str]"], Response]


class FakeServer:
    """Subclasses register routes and answer in their provider's shapes."""

    #: how long a "timeout" fault holds the response; tests use a client timeout well under it
    fault_delay_seconds = 2.0

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[Request] = []
        self.deliveries: list[Delivery] = []
        self.crashes: list[Exception] = []  # handler bugs; the fixtures fail a test that caused any
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self._faults: list[Fault] = []
        self._outbox: list[tuple[str, bytes, dict[str, str]]] = []
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self.route("POST", r"/_test/faults", self._add_fault_route)

    # --- lifecycle ---------------------------------------------------------------------------------------

    def start(self) -> Self:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes responses held by a "timeout" fault
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: tuple[type[BaseException], BaseException, TracebackType] | None) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # --- configuration -----------------------------------------------------------------------------------

    def route(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append((method, re.compile(f"^{pattern}$"), handler))

    def add_fault(self, path_prefix: str, kind: str, count: int = 1) -> None:
        if kind not in ("timeout", "500", "400"):
            raise ValueError(f"unknown fault kind {kind!r}")
        with self.lock:
            self._faults.append(Fault(path_prefix, kind, count))

    def _add_fault_route(self, request: Request, _: re.Match[str]) -> Response:
        body = json.loads(request.body or b"{}")
        self.add_fault(body["path_prefix"], body["kind"], int(body.get("count", 1)))
        return Response(200, {"faults": len(self._faults)})

    def requests_to(self, method: str, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.method == method and r.path == path]

    def post_webhook(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        """Queue a delivery; it is sent once the current request's state changes are done."""
        self._outbox.append((url, body, headers))

    # --- hooks for subclasses ----------------------------------------------------------------------------

    def parse(self, request: Request) -> dict[str, Any]:
        raise NotImplementedError

    def authenticate(self, request: Request) -> Response | None:
        raise NotImplementedError

    def error(self, status: int, kind: str, message: str, **extra: Any) -> Response:
        raise NotImplementedError

    # --- dispatch ----------------------------------------------------------------------------------------

    def dispatch(self, request: Request) -> Response:
        control = request.path.startswith("/_")
        with self.lock:
            try:
                request = dataclasses.replace(request, params={} if control else self.parse(request))
            except ValueError as err:
                return self.error(400, "invalid_request_error", f"Malformed request body: {err}")
            self.requests.append(request)
            fault = None if control else self._take_fault(request.path)
            response = self._answer(request, control, fault)
            response.body = copy.deepcopy(response.body)  # serialised after the lock is released
            outbox, self._outbox = self._outbox, []
        for url, body, headers in outbox:
            self._deliver(url, body, headers)
        if fault is not None and fault.kind == "timeout":
            self._stopping.wait(self.fault_delay_seconds)
        return response

    def _answer(self, request: Request, control: bool, fault: Fault | None) -> Response:
        if not control:
            refused = self.authenticate(request)
            if refused is not None:
                return refused
        if fault is not None and fault.kind == "500":
            # Like a failure in front of the API: nothing applied, nothing saved under the idempotency key.
            return self.error(500, "api_error", "Injected internal error, nothing was applied")
        if fault is not None and fault.kind == "400":
            # A refusal worded for the merchant, with a link into the provider's dashboard.
            return self.error(
                400,
                "invalid_request_error",
                "Injected refusal: activate this payment method at https://dashboard.example/settings/payments",
            )
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match and method == request.method:
                return handler(request, match)
        return self.error(
            404, "invalid_request_error", f"Unrecognized request URL ({request.method}: {request.path})"
        )

    def _take_fault(self, path: str) -> Fault | None:
        for fault in self._faults:
            if fault.count > 0 and path.startswith(fault.path_prefix):
                fault.count -= 1
                return fault
        return None

    def _deliver(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        outgoing = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(outgoing, timeout=5) as answer:
                status: int | None = answer.status
        except urllib.error.HTTPError as err:
            status = err.code
        except OSError:
            status = None
        with self.lock:
            self.deliveries.append(Delivery(url, body, headers, status))


def _handler_class(fake: FakeServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=parts.path,
                query=parse_qs(parts.query, keep_blank_values=True),
                headers={name.lower(): value for name, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            try:
                response = fake.dispatch(request)
            except Exception as err:  # a bug in the fake: say so loudly instead of dropping the connection
                response = Response(500, {"error": {"type": "fake_crashed", "message": repr(err)}})
                fake.crashes.append(err)
            self._send(response)

        def _send(self, response: Response) -> None:
            if response.content_type == "application/json":
                payload = b"" if response.body is None else json.dumps(response.body).encode()
            else:
                payload = str(response.body).encode()
            try:
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a "timeout" fault): its loss, as with the real provider

        do_GET = do_POST = do_PUT = do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep pytest output readable

    return _Handler
