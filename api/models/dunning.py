"""Dunning: the organisation's policy, its reminder sequences and templates, the reminders sent (one row per
invoice and step, inserted before sending) and the holds that stop chasing (promise, dispute, pause)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.clock import utc_now
from api.models.base import Base, IdMixin, TenantMixin, TimestampMixin


class DunningPolicy(IdMixin, TenantMixin, TimestampMixin, Base):
    """One per organisation; absent means the defaults of `api.dunning.policy.DEFAULT_POLICY`."""

    __tablename__ = "dunning_policies"
    __table_args__ = (UniqueConstraint("organisation_id"),)

    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    minimum_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # minor units, below: not chased
    window_start_minute: Mapped[int] = mapped_column(default=9 * 60)  # Europe/Paris, minutes after midnight
    window_end_minute: Mapped[int] = mapped_column(default=18 * 60)
    blackouts: Mapped[list[dict[str, str]]] = mapped_column(
        JSON, default=list
    )  # [{"start", "end"}] ISO dates
    group_overdue: Mapped[bool] = mapped_column(Boolean, default=True)
    attach_invoice: Mapped[bool] = mapped_column(Boolean, default=True)
    promise_grace_days: Mapped[int] = mapped_column(default=3)
    notice_deadline_days: Mapped[int] = mapped_column(default=8)
    contract_rate: Mapped[Any | None] = mapped_column(Numeric(6, 3), default=None)  # percent a year
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class DunningSequence(IdMixin, TenantMixin, TimestampMixin, Base):
    """The steps for one client segment (`default` for every segment without its own)."""

    __tablename__ = "dunning_sequences"
    __table_args__ = (UniqueConstraint("organisation_id", "segment"),)

    segment: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class ReminderTemplate(IdMixin, TenantMixin, TimestampMixin, Base):
    """A user's version of a message template; without one the built-in template is used."""

    __tablename__ = "reminder_templates"
    __table_args__ = (UniqueConstraint("organisation_id", "key", "language"),)

    key: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class ReminderStatus:
    sending = "sending"  # row written, message being sent: a crash here is never resent
    retrying = "retrying"  # the mail server refused or timed out; tried again later
    sent = "sent"  # handed to the mail server
    outbox = "outbox"  # no mail server set: only written to the local outbox folder, never left the machine
    failed = "failed"  # given up: shown to the user
    task = "task"  # nothing sent automatically: a person acts (call, no email, hand-off)
    skipped = "skipped"  # a later step was due at the same time; this one is passed over
    cancelled = "cancelled"  # the invoice was paid or put on hold before a retry

    # A message that went through (to the mail server or into the outbox folder): what the chase counts as
    # done (grouping, the wording's "previous reminder", a notice never written twice). The next step's
    # timing only asks whether the step has a row, whatever its status.
    delivered = (sent, outbox)

    @classmethod
    def of_delivery(cls, delivery: str) -> str:
        """The status of a message the transport took: `outbox` when it only wrote the local folder."""
        return cls.outbox if delivery == "outbox" else cls.sent


class Reminder(IdMixin, TenantMixin, TimestampMixin, Base):
    """One step of one invoice's chase (or one SEPA pre-notification): what was sent, to whom, the result."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("invoice_id", "step_key"),
        Index("ix_reminders_org_task", "organisation_id", "task_state"),
    )

    invoice_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("clients.id", ondelete="SET NULL"), index=True, default=None
    )
    step_key: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20), default="reminder")  # reminder, prenotice
    channel: Mapped[str] = mapped_column(String(20))  # email, letter, call, handoff
    tone: Mapped[str | None] = mapped_column(String(20), default=None)
    scheduled_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=ReminderStatus.sending)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500), default=None)
    to_address: Mapped[str | None] = mapped_column(String(320), default=None)
    message_id: Mapped[str | None] = mapped_column(String(300), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    amount_due: Mapped[int | None] = mapped_column(BigInteger, default=None)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # subject, text, html, attachments
    letter_path: Mapped[str | None] = mapped_column(String(300), default=None)
    task_state: Mapped[str | None] = mapped_column(String(10), default=None)  # open, done
    task_outcome: Mapped[str | None] = mapped_column(String(1000), default=None)
    task_done_by: Mapped[str | None] = mapped_column(String(200), default=None)
    task_done_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class HoldKind:
    promise = "promise"  # the client promised to pay by `until`: nothing sent until then plus grace
    dispute = "dispute"  # the client contests the invoice: nothing sent until it is resolved
    pause = "pause"  # the user paused chasing (an invoice, or a client when `invoice_id` is empty)


class DunningHold(IdMixin, TenantMixin, TimestampMixin, Base):
    __tablename__ = "dunning_holds"

    invoice_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True, default=None
    )
    client_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), index=True, default=None
    )
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(1000), default=None)
    until: Mapped[date | None] = mapped_column(default=None)
    promised_amount: Mapped[int | None] = mapped_column(BigInteger, default=None)
    created_by: Mapped[str] = mapped_column(String(200))
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    ended_by: Mapped[str | None] = mapped_column(String(200), default=None)


class PenaltyRate(Base):
    """The rates of one half-year (L441-10 II): ECB main refinancing rate in force on 1 January or 1 July,
    and the legal interest rates (creditor professional / consumer), in percent. Kept as data."""

    __tablename__ = "penalty_rates"

    semester_start: Mapped[date] = mapped_column(primary_key=True)
    ecb_rate: Mapped[Any] = mapped_column(Numeric(6, 3))
    legal_rate_professional: Mapped[Any | None] = mapped_column(Numeric(6, 3), default=None)
    legal_rate_consumer: Mapped[Any | None] = mapped_column(Numeric(6, 3), default=None)
    source: Mapped[str | None] = mapped_column(String(500), default=None)
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
