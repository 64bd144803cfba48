"""Provider failures split in two: worth retrying (network, timeouts, 5xx, rate limits) or final (4xx)."""

from __future__ import annotations


class ProviderError(Exception):
    retryable = False

    def __init__(self, provider: str, message: str, *, code: str | None = None) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message
        self.code = code


class RetryableProviderError(ProviderError):
    retryable = True


class FinalProviderError(ProviderError):
    retryable = False
