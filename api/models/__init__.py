"""ORM tables, one module per table."""

from api.models.api_key import ApiKey
from api.models.audit_log import AuditLog
from api.models.bank_statement import BankLine, BankLineStatus, BankStatement
from api.models.base import Base
from api.models.client import Client
from api.models.collection import Collection, CollectionStatus
from api.models.document import Document, DocumentStatus
from api.models.dunning import (
    DunningHold,
    DunningPolicy,
    DunningSequence,
    HoldKind,
    PenaltyRate,
    Reminder,
    ReminderStatus,
    ReminderTemplate,
)
from api.models.dunning_schedule import DunningClaim, DunningSchedule
from api.models.inbox_event import InboxEvent, InboxStatus
from api.models.instalment import Instalment, InstalmentPlan, InstalmentPlanStatus, InstalmentStatus
from api.models.invoice import Invoice, InvoiceStatus
from api.models.invoice_correction import InvoiceCorrection
from api.models.job import Job, JobStatus
from api.models.layout_memory import CapturedPages, LayoutMemory
from api.models.list_indexes import TRIGRAM_INDEXES  # noqa: F401  (declares the lists' indexes)
from api.models.login_throttle import LoginThrottle
from api.models.mail_settings import MailSettings
from api.models.mandate import Mandate, MandateStatus
from api.models.mandate_revocation import MandateRevocation
from api.models.organisation import Organisation
from api.models.password_reset import PasswordResetToken
from api.models.payment_entry import PaymentAnomaly, PaymentEntry
from api.models.payment_link import PaymentAttempt, PaymentLink
from api.models.payment_settings import PaymentSettings
from api.models.periodic_run import PeriodicRun
from api.models.provider_account import ProviderAccount
from api.models.user import User
from api.models.web_session import WebSession

__all__ = [
    "ApiKey",
    "AuditLog",
    "BankLine",
    "BankLineStatus",
    "BankStatement",
    "Base",
    "CapturedPages",
    "Client",
    "Collection",
    "CollectionStatus",
    "Document",
    "DocumentStatus",
    "DunningClaim",
    "DunningHold",
    "DunningPolicy",
    "DunningSchedule",
    "DunningSequence",
    "HoldKind",
    "InboxEvent",
    "InboxStatus",
    "Instalment",
    "InstalmentPlan",
    "InstalmentPlanStatus",
    "InstalmentStatus",
    "Invoice",
    "InvoiceCorrection",
    "InvoiceStatus",
    "Job",
    "JobStatus",
    "LayoutMemory",
    "LoginThrottle",
    "MailSettings",
    "Mandate",
    "MandateRevocation",
    "MandateStatus",
    "Organisation",
    "PasswordResetToken",
    "PaymentAnomaly",
    "PaymentAttempt",
    "PaymentEntry",
    "PaymentLink",
    "PaymentSettings",
    "PeriodicRun",
    "PenaltyRate",
    "ProviderAccount",
    "Reminder",
    "ReminderStatus",
    "ReminderTemplate",
    "User",
    "WebSession",
]
