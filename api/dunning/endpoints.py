"""JSON API of dunning: set-up (policy, sequences, templates with preview), reminders and tasks, holds
(promise to pay, dispute, pause), client behaviour and an invoice's timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import CurrentPrincipal, DbSession, get_runtime
from api.dunning import configuration, follow_up, policy
from api.models import DunningHold, DunningPolicy, Reminder
from api.money import MAX_MINOR_UNITS
from api.security_headers import stored_file

router = APIRouter(prefix="/api/v1", tags=["dunning"])


class PolicyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    enabled: bool
    minimum_amount: int
    window_start_minute: int
    window_end_minute: int
    blackouts: list[dict[str, str]]
    group_overdue: bool
    attach_invoice: bool
    promise_grace_days: int
    notice_deadline_days: int
    contract_rate: str | None

    @classmethod
    def of(cls, row: DunningPolicy) -> PolicyOut:
        values = {name: getattr(row, name) for name in configuration.POLICY_FIELDS}
        values["contract_rate"] = None if row.contract_rate is None else str(row.contract_rate)
        return cls(**values)


class StepIO(BaseModel):
    key: str
    offset_days: int
    channel: str
    template: str
    tone: str
    show_penalties: bool = False


class SequenceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200)
    steps: list[dict[str, Any]]


class SequenceOut(BaseModel):
    segment: str
    name: str
    steps: list[StepIO]
    built_in: bool


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: str = Field(max_length=300)
    body: str = Field(max_length=20000)


class PreviewIn(TemplateIn):
    language: str = "fr"


class TemplateOut(BaseModel):
    key: str
    language: str
    subject: str
    body: str
    customised: bool


class PreviewOut(BaseModel):
    subject: str
    text: str
    html: str


STATUS_HELP = (
    "sending, retrying, sent (handed to the mail server), outbox (no mail server set: only written to the"
    " local outbox folder, never left the machine; the next step still follows on its day), failed, task,"
    " skipped or cancelled"
)


class ReminderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    invoice_id: uuid.UUID
    client_id: uuid.UUID | None
    step_key: str
    kind: str
    channel: str
    tone: str | None
    scheduled_on: date
    status: str = Field(description=STATUS_HELP)
    attempts: int
    error: str | None
    to_address: str | None
    message_id: str | None
    sent_at: datetime | None
    amount_due: int | None
    currency: str
    task_state: str | None
    task_outcome: str | None
    has_letter: bool = False
    snapshot: dict[str, Any] = {}

    @classmethod
    def of(cls, reminder: Reminder, *, snapshot: bool = False) -> ReminderOut:
        out = cls.model_validate(reminder)
        out.has_letter = reminder.letter_path is not None
        out.snapshot = reminder.snapshot if snapshot else {}
        return out


class TaskOut(BaseModel):
    reminder: ReminderOut
    invoice_number: str | None
    client_name: str | None
    client_email: str | None
    script: str | None


class TaskDoneIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    outcome: str = Field(max_length=1000)


class HoldIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    until: date | None = None
    reason: str | None = Field(default=None, max_length=1000)
    promised_amount: int | None = Field(default=None, ge=0, le=MAX_MINOR_UNITS)


class PauseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    until: date | None = None
    reason: str | None = Field(default=None, max_length=1000)


class HoldOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    invoice_id: uuid.UUID | None
    client_id: uuid.UUID | None
    kind: str
    reason: str | None
    until: date | None
    promised_amount: int | None
    created_by: str
    created_at: datetime
    ended_at: datetime | None


class SegmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    segment: str | None


class BehaviourOut(BaseModel):
    override: str | None
    invoices: int
    paid_late: int
    share_late: float
    average_days_late: float
    computed_segment: str
    segment: str


class EventOut(BaseModel):
    at: datetime
    kind: str
    summary: str
    detail: dict[str, Any]


def _hold(hold: DunningHold) -> HoldOut:
    return HoldOut.model_validate(hold)


@router.get("/dunning/policy", response_model=PolicyOut)
def get_policy(db: DbSession, principal: CurrentPrincipal) -> PolicyOut:
    return PolicyOut.of(configuration.get_policy(db, principal))


@router.patch("/dunning/policy", response_model=PolicyOut, responses={400: {}})
def update_policy(changes: dict[str, Any], db: DbSession, principal: CurrentPrincipal) -> PolicyOut:
    return PolicyOut.of(configuration.update_policy(db, principal, changes))


def _sequence(view: configuration.SequenceView) -> SequenceOut:
    steps = [StepIO(**policy.step_dict(s)) for s in view.steps]
    return SequenceOut(segment=view.segment, name=view.name, steps=steps, built_in=view.built_in)


@router.get("/dunning/sequences", response_model=list[SequenceOut])
def list_sequences(db: DbSession, principal: CurrentPrincipal) -> list[SequenceOut]:
    return [_sequence(v) for v in configuration.sequences(db, principal)]


@router.put("/dunning/sequences/{segment}", response_model=SequenceOut, responses={400: {}})
def save_sequence(segment: str, body: SequenceIn, db: DbSession, principal: CurrentPrincipal) -> SequenceOut:
    return _sequence(configuration.save_sequence(db, principal, segment, name=body.name, steps=body.steps))


@router.get("/dunning/templates", response_model=list[TemplateOut])
def list_templates(db: DbSession, principal: CurrentPrincipal) -> list[TemplateOut]:
    return [TemplateOut(**vars(v)) for v in configuration.template_views(db, principal)]


@router.put("/dunning/templates/{key}/{language}", response_model=TemplateOut, responses={400: {}, 422: {}})
def save_template(
    key: str, language: str, body: TemplateIn, db: DbSession, principal: CurrentPrincipal
) -> TemplateOut:
    view = configuration.save_template(db, principal, key, language, subject=body.subject, body=body.body)
    return TemplateOut(**vars(view))


@router.delete("/dunning/templates/{key}/{language}", response_model=TemplateOut)
def reset_template(key: str, language: str, db: DbSession, principal: CurrentPrincipal) -> TemplateOut:
    return TemplateOut(**vars(configuration.reset_template(db, principal, key, language)))


@router.post("/dunning/templates/preview", response_model=PreviewOut, responses={422: {}})
def preview_template(body: PreviewIn, principal: CurrentPrincipal) -> PreviewOut:
    rendered = configuration.preview(body.subject, body.body, body.language)
    return PreviewOut(subject=rendered.subject, text=rendered.text, html=rendered.html)


@router.get("/dunning/reminders", response_model=list[ReminderOut])
def list_reminders(
    db: DbSession,
    principal: CurrentPrincipal,
    status: Annotated[
        str | None, Query(max_length=20, description="only the reminders of this status")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ReminderOut]:
    found = follow_up.recent_reminders(db, principal, status=status, limit=limit)
    return [ReminderOut.model_validate(line) for line in found]  # has_letter is a column of the line


@router.get("/dunning/reminders/{reminder_id}", response_model=ReminderOut)
def get_reminder(reminder_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> ReminderOut:
    return ReminderOut.of(follow_up.reminder_of(db, principal, reminder_id), snapshot=True)


@router.get("/dunning/reminders/{reminder_id}/letter.pdf", response_class=FileResponse)
def get_letter(
    reminder_id: uuid.UUID, request: Request, db: DbSession, principal: CurrentPrincipal
) -> FileResponse:
    path = follow_up.letter_file(db, principal, reminder_id, get_runtime(request).settings.data_dir)
    return stored_file(path, "application/pdf", path.name, inline=False)


@router.get("/dunning/tasks", response_model=list[TaskOut])
def list_tasks(db: DbSession, principal: CurrentPrincipal) -> list[TaskOut]:
    return [
        TaskOut(
            reminder=ReminderOut.of(t.reminder),
            invoice_number=t.invoice.number,
            client_name=t.client.name if t.client else t.invoice.buyer_name,
            client_email=t.client.email if t.client else None,
            script=t.reminder.snapshot.get("text"),
        )
        for t in follow_up.open_tasks(db, principal)
    ]


@router.post("/dunning/tasks/{reminder_id}/done", response_model=ReminderOut, responses={400: {}, 409: {}})
def complete_task(
    reminder_id: uuid.UUID, body: TaskDoneIn, db: DbSession, principal: CurrentPrincipal
) -> ReminderOut:
    return ReminderOut.of(follow_up.complete_task(db, principal, reminder_id, outcome=body.outcome))


@router.post("/invoices/{invoice_id}/holds", response_model=HoldOut, status_code=201, responses={400: {}})
def hold_invoice(invoice_id: uuid.UUID, body: HoldIn, db: DbSession, principal: CurrentPrincipal) -> HoldOut:
    hold = follow_up.hold_invoice(db, principal, invoice_id, kind=body.kind, until=body.until,
                                  reason=body.reason, promised_amount=body.promised_amount)  # fmt: skip
    return _hold(hold)


@router.post("/dunning/holds/{hold_id}/end", response_model=HoldOut, responses={409: {}})
def end_hold(hold_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> HoldOut:
    return _hold(follow_up.end_hold(db, principal, hold_id))


@router.get("/invoices/{invoice_id}/timeline", response_model=list[EventOut])
def invoice_timeline(invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> list[EventOut]:
    return [EventOut(**vars(e)) for e in follow_up.timeline(db, principal, invoice_id)]


@router.post("/clients/{client_id}/pause", response_model=HoldOut, status_code=201, responses={400: {}})
def pause_client(client_id: uuid.UUID, body: PauseIn, db: DbSession, principal: CurrentPrincipal) -> HoldOut:
    return _hold(follow_up.pause_client(db, principal, client_id, until=body.until, reason=body.reason))


@router.get("/invoices/{invoice_id}/holds", response_model=list[HoldOut])
def invoice_holds(invoice_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> list[HoldOut]:
    return [_hold(h) for h in follow_up.invoice_holds(db, principal, invoice_id)]


@router.get("/clients/{client_id}/holds", response_model=list[HoldOut])
def client_holds(client_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> list[HoldOut]:
    return [_hold(h) for h in follow_up.client_holds(db, principal, client_id)]


@router.get("/clients/{client_id}/behaviour", response_model=BehaviourOut)
def client_behaviour(client_id: uuid.UUID, db: DbSession, principal: CurrentPrincipal) -> BehaviourOut:
    found = follow_up.client_behaviour(db, principal, client_id)
    b = found.behaviour
    return BehaviourOut(override=found.override, invoices=b.invoices, paid_late=b.paid_late,
                        share_late=round(b.share_late, 3), average_days_late=round(b.average_days_late, 1),
                        computed_segment=found.computed_segment, segment=found.segment)  # fmt: skip


@router.put("/clients/{client_id}/segment", response_model=BehaviourOut, responses={400: {}})
def set_segment(
    client_id: uuid.UUID, body: SegmentIn, db: DbSession, principal: CurrentPrincipal
) -> BehaviourOut:
    follow_up.set_segment(db, principal, client_id, body.segment)
    return client_behaviour(client_id, db, principal)
