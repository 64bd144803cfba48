from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from api.deps import CurrentPrincipal, DbSession, get_runtime
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


def _view(db: DbSession, principal: CurrentPrincipal) -> PaymentSettingsView:
    return PaymentSettingsView(
        settings=PaymentSettingsOut.model_validate(service.payment_settings(db, principal.organisation_id)),
        methods=[MethodOfferOut(**asdict(offer)) for offer in payment_links.offers_for(db, principal)],
        providers=[
            ProviderAccountOut.model_validate(a) for a in service.accounts(db, principal.organisation_id)
        ],
    )


@router.get("/payments", response_model=PaymentSettingsView)
def get_payment_settings(db: DbSession, principal: CurrentPrincipal) -> PaymentSettingsView:
    return _view(db, principal)


@router.put("/payments", response_model=PaymentSettingsView, responses={400: {}})
def put_payment_settings(
    body: PaymentSettingsIn, db: DbSession, principal: CurrentPrincipal
) -> PaymentSettingsView:
    service.update_payment_settings(db, principal, body.model_dump(exclude_unset=True))
    return _view(db, principal)


@router.put("/providers/{provider}", response_model=PaymentSettingsView, responses={400: {}, 404: {}})
def put_provider_credentials(
    request: Request, provider: str, body: ProviderCredentialsIn, db: DbSession, principal: CurrentPrincipal
) -> PaymentSettingsView:
    """Store the provider's key, encrypted; it is never shown again (only its last characters)."""
    service.set_credentials(
        db, principal, get_runtime(request).settings.secret_key, provider=provider, secret=body.secret,
        mode=body.mode, base_url=body.base_url,
    )  # fmt: skip
    return _view(db, principal)
