from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.models import ProviderAccount
from api.payment_links import service as payment_links
from api.providers import service
from api.providers.schemas import (
    MethodOfferOut,
    PaymentSettingsIn,
    PaymentSettingsOut,
    PaymentSettingsView,
    ProviderAccountOut,
    ProviderCredentialsIn,
)

router = APIRouter(prefix="/api/v1/settings", tags=["settings"])


def _account_out(request: Request, account: ProviderAccount) -> ProviderAccountOut:
    base = get_runtime(request).settings.base_url
    return ProviderAccountOut(
        provider=account.provider, mode=account.mode, secret_hint=account.secret_hint,
        webhook_url=f"{base}/webhooks/{account.provider}/{account.id}",
        webhook_enabled=account.encrypted_webhook_secret is not None,
    )  # fmt: skip


def _view(request: Request, db: DbSession, principal: CurrentPrincipal) -> PaymentSettingsView:
    return PaymentSettingsView(
        settings=PaymentSettingsOut.model_validate(service.payment_settings(db, principal.organisation_id)),
        methods=[MethodOfferOut(**asdict(offer)) for offer in payment_links.offers_for(db, principal)],
        providers=[_account_out(request, a) for a in service.accounts(db, principal.organisation_id)],
    )


@router.get("/payments", response_model=PaymentSettingsView)
def get_payment_settings(request: Request, db: DbSession, principal: CurrentPrincipal) -> PaymentSettingsView:
    return _view(request, db, principal)


@router.put("/payments", response_model=PaymentSettingsView, responses={400: {}})
def put_payment_settings(
    request: Request, body: PaymentSettingsIn, db: DbSession, principal: CurrentPrincipal
) -> PaymentSettingsView:
    service.update_payment_settings(db, principal, body.model_dump(exclude_unset=True))
    return _view(request, db, principal)


@router.put("/providers/{provider}", response_model=PaymentSettingsView, responses={400: {}, 404: {}})
def put_provider_credentials(
    request: Request, provider: str, body: ProviderCredentialsIn, db: DbSession, principal: CurrentPrincipal
) -> PaymentSettingsView:
    """Store the provider's key, encrypted; it is never shown again (only its last characters)."""
    service.set_credentials(
        db, principal, get_runtime(request).settings.secret_key, provider=provider, secret=body.secret,
        mode=body.mode,
    )  # fmt: skip
    return _view(request, db, principal)
