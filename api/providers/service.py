"""Provider accounts and payment settings of an organisation. Never commits."""

from __future__ import annotations

import uuid
from typing import Any

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException
from sqlalchemy.orm import Session

from api.audit.service import record
from api.clock import utc_now
from api.errors import BadRequest, EncaisseError, NotFound
from api.models import PaymentSettings, ProviderAccount
from api.organisations.service import Principal
from api.providers import crypto, hosts
from api.providers.repository import ProviderRepository
from payments import PaymentProvider, ProviderConfig

PROVIDERS = ("stripe", "gocardless")
PROVIDER_NAMES = {"stripe": "Stripe", "gocardless": "GoCardless"}  # as the brands write themselves
MODES = ("test", "live")


class ProviderNotConfigured(EncaisseError):
    status_code = 409
    code = "provider_not_configured"


def payment_settings(session: Session, organisation_id: uuid.UUID) -> PaymentSettings:
    """The organisation's settings; the defaults (not stored) until someone saves them."""
    found = ProviderRepository(session).settings(organisation_id)
    if found is not None:
        return found
    defaults = {c.key: c.default.arg for c in PaymentSettings.__table__.columns if c.default is not None}
    return PaymentSettings(
        organisation_id=organisation_id, **{k: v for k, v in defaults.items() if not callable(v)}
    )


def update_payment_settings(
    session: Session, principal: Principal, values: dict[str, Any]
) -> PaymentSettings:
    repository = ProviderRepository(session)
    row = repository.settings(principal.organisation_id)
    if row is None:
        row = payment_settings(session, principal.organisation_id)
        repository.add(row)
    for name, value in _checked_settings(values).items():
        setattr(row, name, value)
    _check_consistency(row)
    record(session, principal.organisation_id, principal.actor, "payment_settings.updated", "organisation",
           principal.organisation_id, {"fields": sorted(values)})  # fmt: skip
    return row


def _checked_settings(values: dict[str, Any]) -> dict[str, Any]:
    checked = dict(values)
    for name, kind in (("iban", IBAN), ("bic", BIC)):
        if values.get(name):
            try:
                checked[name] = str(kind(values[name]).compact)
            except SchwiftyException as exc:  # the pages say which of the two, the API says how
                raise BadRequest(f"Invalid bank details: {exc}", reason=f"settings.bad_{name}") from exc
    if values.get("sepa_provider") not in (None, *PROVIDERS):
        raise BadRequest("sepa_provider must be stripe or gocardless", reason="settings.sepa_provider")
    return checked


def _check_consistency(row: PaymentSettings) -> None:
    if not 1 <= row.instalments_min_count <= row.instalments_max_count <= 24:
        raise BadRequest(
            "Instalment counts must satisfy 1 ≤ min ≤ max ≤ 24.", reason="settings.instalment_counts"
        )
    if not 0 <= row.discount_basis_points <= 5000 or not 0 <= row.discount_days <= 365:
        raise BadRequest("The discount must be 0–50 % within 0–365 days.", reason="settings.discount")


def set_credentials(
    session: Session, principal: Principal, secret_key: str, *, provider: str, secret: str, mode: str
) -> ProviderAccount:
    if provider not in PROVIDERS:
        raise NotFound(f"Unknown provider {provider!r}.", reason="settings.unknown_provider")
    if mode not in MODES:
        raise BadRequest("mode must be test or live", reason="settings.provider_mode")
    secret = secret.strip()
    if len(secret) < 8:
        raise BadRequest("The key is too short to be a provider key.", reason="settings.key_too_short")
    if provider == "stripe" and not secret.startswith(("sk_test_", "sk_live_", "rk_test_", "rk_live_")):
        raise BadRequest(
            "A Stripe secret key starts with sk_test_ or sk_live_.", reason="settings.stripe_key_prefix"
        )
    if provider == "stripe" and ("_live_" in secret) != (mode == "live"):
        raise BadRequest(
            f"This Stripe key does not belong to {mode} mode.", reason=f"settings.stripe_key_{mode}"
        )
    repository = ProviderRepository(session)
    account = repository.account(principal.organisation_id, provider)
    if account is None:
        account = ProviderAccount(organisation_id=principal.organisation_id, provider=provider)
    account.mode = mode
    account.encrypted_secret = crypto.encrypt(secret_key, secret)
    account.secret_hint = "…" + secret[-4:]
    repository.add(account)
    record(session, principal.organisation_id, principal.actor, "provider.configured", "organisation",
           principal.organisation_id, {"provider": provider, "mode": mode})  # fmt: skip
    return account


def accounts(session: Session, organisation_id: uuid.UUID) -> list[ProviderAccount]:
    return ProviderRepository(session).accounts(organisation_id)


def configured(session: Session, organisation_id: uuid.UUID) -> set[str]:
    return {account.provider for account in accounts(session, organisation_id)}


def adapter(
    session: Session, secret_key: str, organisation_id: uuid.UUID, provider: str, *, timeout: float = 20.0
) -> PaymentProvider:
    account = ProviderRepository(session).account(organisation_id, provider)
    if account is None:
        raise ProviderNotConfigured(
            f"{provider} is not configured for this organisation.",
            reason="settings.provider_not_configured",
            params={"provider": PROVIDER_NAMES.get(provider, provider)},
        )
    config = ProviderConfig(
        provider="stripe" if provider == "stripe" else "gocardless",
        secret=crypto.decrypt(secret_key, account.encrypted_secret),
        mode="live" if account.mode == "live" else "test",
        base_url=hosts.api_base(provider),  # the server's setting, never the tenant's
        timeout_seconds=timeout,
    )
    if provider == "stripe":
        from payments.stripe_provider import StripeProvider

        return StripeProvider(config, clock=utc_now)  # the project's day, pinned in tests
    from payments.gocardless_provider import GoCardlessProvider

    return GoCardlessProvider(config)
