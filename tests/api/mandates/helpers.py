"""Shared steps of the prélèvement automatique tests: a client signs a mandate on the fake GoCardless."""

from __future__ import annotations

import email
import email.policy
import json
import re
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from api.db import unit_of_work
from api.runtime import Runtime
from api.worker import enqueue
from tests.support.capture import Capture
from tests.support.fakes import FakeGoCardless

PAYER_EMAIL = "compta@boulangerie-martin.fr"


def post(url: str, body: dict[str, str] | None = None) -> None:
    """A test-control call to a fake provider (an empty body, or `body` as JSON)."""
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def start_mandate(client: TestClient, token: str, email_address: str = PAYER_EMAIL) -> tuple[int, str]:
    response = client.post(
        f"/pay/{token}/start", data={"method": "mandate", "email": email_address}, follow_redirects=False
    )
    return response.status_code, response.headers.get("location", response.text)


def sign_mandate(client: TestClient, fake: FakeGoCardless, token: str) -> dict[str, Any]:
    """Click, sign on the provider's page as the payer would, come back. Returns the fake's mandate."""
    status, location = start_mandate(client, token)
    assert status == 303, location
    [billing_request] = [b for b in fake.all("billing_requests") if b["status"] == "pending"]
    post(f"{fake.url}/_test/billing_requests/{billing_request['id']}/fulfil")
    back = client.get(f"/pay/{token}/mandate/return", follow_redirects=False)
    assert back.status_code == 303
    mandate_id = fake.one("billing_requests", billing_request["id"])["links"]["mandate_request_mandate"]
    return fake.one("mandates", mandate_id)


def run_task(runtime: Runtime, capture: Capture, name: str) -> None:
    """Enqueue a periodic task as the scheduler does and wait for it and the jobs it enqueued."""
    with unit_of_work(runtime.session_factory) as session:
        enqueue(session, name)
    capture.wait()


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def outbox(runtime: Runtime) -> list[EmailMessage]:
    folder: Path = runtime.settings.outbox_dir
    return [parse(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage)
    text: str = part.get_content()
    return text.replace("\r\n", "\n").replace("\u202f", " ").replace("\u00a0", " ")


def revoke_from_email(client: TestClient, runtime: Runtime, token: str) -> Response:
    """Revoke as the payer does: "revoke" on the pay page, then the emailed link, confirmed."""
    asked = client.post(f"/pay/{token}/mandate/revoke", data={"confirm": "yes"}, follow_redirects=False)
    assert asked.status_code == 200, asked.text
    sent = [m for m in outbox(runtime) if f"/pay/{token}/mandate/revoke/" in body(m)]
    link = re.search(r"https?://[^/\s]+(/pay/\S+/mandate/revoke/\S+)", body(sent[-1]))
    assert link is not None
    return client.post(link.group(1), data={"confirm": "yes"}, follow_redirects=False)
