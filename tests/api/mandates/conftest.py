"""A real SMTP server for the tests that send email: aiosmtpd on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.smtp import Inbox, running_smtp


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    with running_smtp() as server:
        yield server
