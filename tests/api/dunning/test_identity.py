"""The organisation's legal identity, once set in the settings, names the sender of reminders (their
footer) and the creditor of the formal notice; before that, the organisation's name alone is used."""

from __future__ import annotations

from datetime import date, timedelta

import pdfplumber

from api.db import unit_of_work
from api.organisations import service as organisations
from api.organisations.service import Principal
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris, reminders
from tests.factories import Tenant
from tests.support.smtp import Inbox

DUE = date(2026, 11, 16)
IDENTITY = {
    "legal_name": "Atelier Dupont SAS", "legal_form": "SAS", "siren": "732829320", "vat_id": "FR44732829320",
    "share_capital": "10000", "rcs_city": "Lyon", "address": "12 rue des Lilas\n69001 Lyon",
    "contact_email": "compta@dupont.example", "phone": "04 78 00 00 00",
}  # fmt: skip


def set_identity(runtime: Runtime, tenant: Tenant) -> None:
    with unit_of_work(runtime.session_factory) as session:
        organisations.update_identity(session, Principal(organisation_id=tenant.organisation_id), IDENTITY)


def body(inbox: Inbox, index: int = 0) -> str:
    message = inbox.parsed()[index]
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return " ".join(str(part.get_content()).replace("\u202f", " ").replace("\xa0", " ").split())


def test_reminder_emails_end_with_the_legal_identity(
    runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
) -> None:
    set_identity(runtime, tenant)
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

    chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=1)))

    text = body(inbox)
    assert "Bien cordialement, Atelier Dupont SAS --" in text
    assert text.endswith(
        "-- Atelier Dupont SAS — 12 rue des Lilas, 69001 Lyon SAS au capital de 10 000 € "
        "RCS Lyon 732 829 320 N° TVA intracommunautaire : FR44732829320 "
        "04 78 00 00 00 · compta@dupont.example"
    )


def test_without_a_legal_identity_reminders_are_signed_with_the_name_only(
    runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
) -> None:
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

    chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=1)))

    text = body(inbox)
    assert text.endswith("Bien cordialement, Boulangerie Martin")
    assert "RCS" not in text


def test_the_formal_notice_names_the_creditor_by_its_legal_identity(
    runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
) -> None:
    set_identity(runtime, tenant)
    invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

    chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=45)))

    [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "formal_notice"]
    with pdfplumber.open(mail_settings.data_dir / (row.letter_path or "")) as pdf:
        lines = [
            " ".join(line.split()) for page in pdf.pages for line in (page.extract_text() or "").splitlines()
        ]
    text = "\n".join(lines).replace("\u202f", " ").replace("\xa0", " ")
    expected = ["Atelier Dupont SAS", "12 rue des Lilas", "69001 Lyon", "SAS au capital de 10 000 €",
                "RCS Lyon 732 829 320", "N° TVA intracommunautaire : FR44732829320", "Tél. : 04 78 00 00 00",
                "compta@dupont.example", "Pour Atelier Dupont SAS"]  # fmt: skip
    assert [line for line in expected if line not in text] == []
    assert "Atelier Dupont SAS — 12 rue des Lilas" in body(inbox, -1)  # the email carrying it, its footer
