from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.money import MAX_MINOR_UNITS

# Omitted means "unchanged" (hence the None default); an explicit null is refused (422), and not documented.
_ALWAYS_SET = ("card_enabled", "sepa_enabled", "sepa_provider", "mandate_enabled", "instalments_enabled",
               "instalments_min_count", "instalments_max_count", "instalment_min_amount",
               "discount_basis_points", "discount_days")  # fmt: skip


def _null_not_documented(schema: dict[str, Any]) -> None:
    for name in _ALWAYS_SET:
        field = schema["properties"][name]
        [kept] = [branch for branch in field.pop("anyOf") if branch.get("type") != "null"]
        field.update(kept)


class PaymentSettingsIn(BaseModel):
    """Omit a field to keep its value; null only clears the bank details (the other settings always have
    one: an explicit null is a 422, never a stored NULL)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_null_not_documented)

    card_enabled: bool | None = None
    sepa_enabled: bool | None = None
    sepa_provider: str | None = Field(None, pattern="^(stripe|gocardless)$")
    mandate_enabled: bool | None = None
    instalments_enabled: bool | None = None
    instalments_min_count: int | None = Field(None, ge=1, le=24)
    instalments_max_count: int | None = Field(None, ge=1, le=24)
    instalment_min_amount: int | None = Field(None, ge=0, le=MAX_MINOR_UNITS, description="minor units")
    account_holder: str | None = Field(None, max_length=140)
    iban: str | None = Field(None, max_length=42)
    bic: str | None = Field(None, max_length=11)
    discount_basis_points: int | None = Field(None, ge=0, le=5000, description="200 = 2 %")
    discount_days: int | None = Field(None, ge=0, le=365)

    @field_validator(*_ALWAYS_SET, mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be null: omit the field to keep its value")
        return value


class PaymentSettingsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    card_enabled: bool
    sepa_enabled: bool
    sepa_provider: str
    mandate_enabled: bool
    instalments_enabled: bool
    instalments_min_count: int
    instalments_max_count: int
    instalment_min_amount: int
    account_holder: str | None
    iban: str | None
    bic: str | None
    discount_basis_points: int
    discount_days: int


class MethodOfferOut(BaseModel):
    method: str
    available: bool
    reason: str | None


class ProviderAccountOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    provider: str
    mode: str
    secret_hint: str
    webhook_url: str = Field(description="where the provider must send events for this organisation")
    webhook_enabled: bool = Field(description="false until the provider's signing secret is saved")


class PaymentSettingsView(BaseModel):
    settings: PaymentSettingsOut
    methods: list[MethodOfferOut] = Field(description="Every method, and why a hidden one is hidden")
    providers: list[ProviderAccountOut]


class ProviderCredentialsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    secret: str = Field(
        min_length=8, max_length=500, description="Stripe secret key or GoCardless access token"
    )
    mode: str = Field("test", pattern="^(test|live)$")
