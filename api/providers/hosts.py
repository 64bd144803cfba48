"""Where the payment SDKs send an organisation's requests: the providers' official API hosts.

A tenant never chooses the address its key is sent to (that was a request forgery: a signed event made the
server call a tenant's URL with the tenant's key). Outside production, the server's own settings
ENCAISSE_STRIPE_API_BASE / ENCAISSE_GOCARDLESS_API_BASE may point the SDKs at a local test server; Settings
refuses them in production, and `api_base` ignores them there all the same.

The process's settings are registered once, when its Runtime is built (or a CLI command loads them), and
read at each call: like the clock, one value for the whole process.
"""

from __future__ import annotations

from api.settings import Settings

_settings: Settings | None = None


def use(settings: Settings) -> None:
    """Take the provider API bases of this process from `settings` (read at each call)."""
    global _settings
    _settings = settings


def api_base(provider: str) -> str | None:
    """The address the `provider` SDK is pointed at; None: its official API host for the account's mode."""
    return None if _settings is None else _settings.provider_api_base(provider)
