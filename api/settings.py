"""The only reader of the environment: every knob of the service, from ENCAISSE_* variables or `.env`."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ocr import OcrOptions

DEV_SECRET_KEY = "dev-secret-change-me"


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ENCAISSE_", env_file=".env", extra="ignore")

    env: Environment = Environment.development
    secret_key: str = DEV_SECRET_KEY
    data_dir: Path = Path("./var")
    database_url: str | None = None
    redis_url: str | None = None

    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8000
    public_url: str | None = None
    # Tests and demos only: the moment the clock reads at start, or at the wall-clock instant clock_at_since
    # (then it runs on); refused in production.
    clock_at: AwareDatetime | None = None
    clock_at_since: AwareDatetime | None = None

    max_upload_bytes: Annotated[int, Field(ge=1)] = 20 * 1024 * 1024
    log_level: str = "INFO"
    log_json: bool = False

    job_workers: Annotated[int, Field(ge=1)] = 2
    job_lease_seconds: Annotated[int, Field(ge=1)] = 300
    job_max_attempts: Annotated[int, Field(ge=1)] = 5
    sweep_interval_seconds: Annotated[float, Field(gt=0)] = 30.0
    task_modules: list[str] = []

    capture_confidence_threshold: Annotated[float, Field(ge=0, le=1)] = 0.8
    ocr_languages: str = "fra+eng"
    ocr_dpi: Annotated[int, Field(ge=72, le=600)] = 300
    ocr_timeout_seconds: Annotated[float, Field(gt=0)] = 120.0
    ocr_max_pages: Annotated[int, Field(ge=1)] = 100
    tesseract_cmd: str | None = None

    provider_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 20.0
    # Tests and local demos only: where the Stripe / GoCardless SDKs send their requests instead of the
    # providers' official API hosts (a local fake). The server's setting, never a tenant's; not in production.
    stripe_api_base: Annotated[str | None, Field(pattern=r"^https?://[^\s/]+(/\S*)?$")] = None
    gocardless_api_base: Annotated[str | None, Field(pattern=r"^https?://[^\s/]+(/\S*)?$")] = None

    smtp_host: str | None = None
    smtp_port: Annotated[int, Field(ge=1, le=65535)] = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_from: str = "Encaisse <no-reply@localhost>"
    smtp_timeout_seconds: Annotated[float, Field(gt=0, le=120)] = 20.0
    # Whether an organisation may send through its own SMTP server (Settings → E-mails), and, for tests and
    # local demos only (refused in production), whether that server may be a loopback or private address.
    tenant_smtp: Literal["allow", "deny"] = "allow"
    tenant_smtp_allow_private: bool = False
    sepa_prenotice_days: Annotated[int, Field(ge=1, le=60)] = 3

    # Secure (sent over https only) by default in production; an explicit ENCAISSE_SESSION_COOKIE_SECURE wins.
    session_cookie_secure: bool = False
    session_max_age_seconds: int = 14 * 24 * 3600

    first_org_name: str = "Mon entreprise"
    first_admin_email: str = "admin@example.com"

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.env != Environment.development and self.secret_key == DEV_SECRET_KEY:
            raise ValueError(
                "ENCAISSE_SECRET_KEY must be set to a random value outside development "
                "(python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if self.env == Environment.production and len(self.secret_key) < 32:
            raise ValueError("ENCAISSE_SECRET_KEY must be at least 32 characters in production")
        if self.env == Environment.production and (self.stripe_api_base or self.gocardless_api_base):
            raise ValueError(
                "ENCAISSE_STRIPE_API_BASE and ENCAISSE_GOCARDLESS_API_BASE point the payment SDKs at a local "
                "test server: they are refused in production, where provider calls go to the official hosts"
            )
        if self.env == Environment.production and self.tenant_smtp_allow_private:
            raise ValueError(
                "ENCAISSE_TENANT_SMTP_ALLOW_PRIVATE is for tests and demos: it is refused in production"
            )
        if self.env == Environment.production and self.clock_at is not None:
            raise ValueError("ENCAISSE_CLOCK_AT is for tests and demos: it is refused in production")
        return self

    @model_validator(mode="after")
    def _secure_cookie_in_production(self) -> Settings:
        if self.env == Environment.production and "session_cookie_secure" not in self.model_fields_set:
            self.session_cookie_secure = True
        return self

    def ocr_options(self) -> OcrOptions:
        return OcrOptions(
            languages=self.ocr_languages,
            dpi=self.ocr_dpi,
            tesseract_timeout_s=self.ocr_timeout_seconds,
            max_pages=self.ocr_max_pages,
            tesseract_cmd=self.tesseract_cmd,
        )

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def outbox_dir(self) -> Path:
        return self.data_dir / "outbox"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'encaisse.db').resolve()}"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def provider_api_base(self, provider: str) -> str | None:
        """The test server a provider's SDK is pointed at; None (its official API host) in production."""
        if self.env == Environment.production:
            return None
        return {"stripe": self.stripe_api_base, "gocardless": self.gocardless_api_base}.get(provider)


@lru_cache
def get_settings() -> Settings:
    return Settings()
