"""What `encaisse serve` says on the terminal: the first login once, and where it listens, after the logs."""

from __future__ import annotations

import socket

import typer
import uvicorn

from api.organisations.service import Bootstrap
from api.settings import Settings


class AnnouncingServer(uvicorn.Server):
    """Says where to go once the socket is open, after the start-up logs, so the address is the last line."""

    def __init__(self, config: uvicorn.Config, announcement: str) -> None:
        super().__init__(config)
        self.announcement = announcement

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            typer.echo(self.announcement)


def first_start_text(settings: Settings, first: Bootstrap) -> str:
    return "\n".join(
        [
            "",
            "First start: created an organisation, an admin user and an API key.",
            f"  organisation : {first.organisation.name}",
            f"  log in at    : {settings.base_url}/login",
            f"  email        : {first.email}",
            f"  password     : {first.password}",
            f"  API key      : {first.api_key}",
            "Store the password and the key now: they are not shown again (change the password under",
            "'Mon compte' once logged in).",
            "",
        ]
    )


def listening_text(settings: Settings) -> str:
    address = f"http://{settings.host}:{settings.port}"
    return f"Encaisse is listening on {address} — log in at {settings.base_url}/login"
