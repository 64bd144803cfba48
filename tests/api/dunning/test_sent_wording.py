"""Reminders say what was actually sent: no "despite our previous reminder" before any went out, the count
of earlier reminders in the letter, a penalty left out (and said why) when its rate is unknown rather than
a job failing, the invoice attached under its own name, and answers going to the organisation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.db import unit_of_work
from api.dunning import messages, templates
from api.dunning.default_templates import BUILT_IN
from api.dunning.letter import FormalNotice, NoticeLine, Party, notice_text
from api.models import Invoice, Organisation, ReminderStatus
from api.notifications.service import build_message
from api.runtime import Runtime
from api.settings import Settings
from tests.api.dunning.conftest import chase, make_client, make_invoice, paris, reminders
from tests.factories import Tenant
from tests.support.smtp import Inbox
from tests.support.web import log_in, parse, texts_of
from web.i18n import Translator

DUE = date(2026, 11, 16)


def body(inbox: Inbox, index: int = -1) -> str:
    return inbox.parsed()[index].get_body(("plain",)).get_content()  # type: ignore[union-attr, no-any-return]


def render(key: str, language: str, **values: Any) -> str:
    subject, text = BUILT_IN[language][key]
    return templates.render(subject, text, templates.sample_context(language) | values).text


class TestTemplates:
    @pytest.mark.parametrize(
        ("language", "sent", "opening"),
        [
            ("fr", 0, "La facture F-2026-0042 de 1 200,00 €"),
            ("fr", 1, "Malgré notre précédent rappel, la facture F-2026-0042"),
            ("fr", 2, "Malgré nos précédents rappels, la facture F-2026-0042"),
            ("en", 0, "Invoice F-2026-0042 for €1,200.00"),
            ("en", 1, "Despite our previous reminder, invoice F-2026-0042"),
            ("en", 3, "Despite our previous reminders, invoice F-2026-0042"),
        ],
    )
    def test_the_firm_reminder_follows_the_count_sent(self, language: str, sent: int, opening: str) -> None:
        text = render("firm", language, previous_reminders=sent)

        assert f"\n\n{opening}" in text
        if sent == 0:
            assert "Malgré" not in text
            assert "Despite" not in text

    @pytest.mark.parametrize(
        ("language", "sent", "ending"),
        [
            ("fr", 0, "est impayée depuis 15 jours."),
            ("fr", 1, "est impayée depuis 15 jours malgré notre relance."),
            ("fr", 4, "est impayée depuis 15 jours malgré nos relances."),
            ("en", 0, "has been unpaid for 15 days."),
            ("en", 1, "has been unpaid for 15 days despite our reminder."),
        ],
    )
    def test_the_final_reminder_follows_the_count_sent(self, language: str, sent: int, ending: str) -> None:
        assert ending in render("final", language, previous_reminders=sent)

    def test_a_saved_template_may_use_the_count(self) -> None:
        rendered = templates.check("Relance n° {{ previous_reminders + 1 }}", "{{ previous_reminders }}")

        assert rendered.subject == "Relance n° 2"
        assert "previous_reminders" in templates.VARIABLES


def notice(sent: int, language: str = "fr", **changes: Any) -> FormalNotice:
    base = FormalNotice(
        language="en" if language == "en" else "fr",
        creditor=Party(name="Atelier Dupont SARL", email="compta@dupont.example"),
        debtor=Party(name="Café Étoile SAS"),
        consumer=False,
        lines=[NoticeLine("F-1", date(2026, 9, 1), date(2026, 10, 1), 100_000, 1_000, 4_000)],
        currency="EUR",
        penalty_rate="12,15 %",
        issued_on=date(2026, 12, 7),
        deadline=date(2026, 12, 15),
        previous_reminders=sent,
    )
    return replace(base, **changes)


class TestLetter:
    @pytest.mark.parametrize(
        ("language", "sent", "opening"),
        [
            ("fr", 0, "À ce jour, la facture ci-dessous reste impayée :"),
            ("fr", 1, "Malgré notre précédente relance, la facture ci-dessous reste impayée à ce jour :"),
            ("fr", 2, "Malgré nos précédentes relances, la facture ci-dessous reste impayée à ce jour :"),
            ("en", 0, "To date, the following invoice remains unpaid:"),
            ("en", 1, "Despite our previous reminder, the following invoice remains unpaid to date:"),
        ],
    )
    def test_the_opening_claims_only_the_reminders_sent(self, language: str, sent: int, opening: str) -> None:
        text = notice_text(notice(sent, language))

        assert f"\n\n{opening}\n\n" in text

    def test_without_a_known_rate_the_letter_states_the_right_but_no_figure(self) -> None:
        line = NoticeLine("F-2012-7", date(2012, 10, 1), date(2012, 11, 1), 100_000, 0, 0)
        text = " ".join(notice_text(notice(2, penalty_rate=None, lines=[line])).split())

        assert "des pénalités de retard courent de plein droit" in text
        assert "elles ne sont pas chiffrées dans la présente lettre" in text
        assert "au taux de" not in text
        assert "D441-5" not in text  # no indemnity claimed on these lines, so none announced

    def test_a_letter_cannot_claim_penalties_without_their_rate(self) -> None:
        with pytest.raises(ValueError, match="penalty rate"):
            notice(1, penalty_rate=None)


class TestWhatWasSent:
    def test_the_first_message_of_a_late_invoice_claims_no_earlier_reminder(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2026, 12, 1)))  # J+15, nothing sent yet
        first = body(inbox)
        chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=30)))
        second = body(inbox)

        steps = {r.step_key: r.status for r in reminders(runtime, invoice_id)}
        assert (steps["j5"], steps["j15"], steps["j30"]) == ("skipped", "sent", "sent")
        assert "La facture F-2026-0042 de 1\u202f200,00\u00a0€, échue le 16/11/2026, reste impayée" in first
        assert "Malgré" not in first
        assert "est impayée depuis 30 jours malgré notre relance." in second

    def test_a_reminder_only_written_to_the_outbox_is_not_claimed_once_mail_goes_out(
        self, runtime: Runtime, settings: Settings, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE)

        chase(runtime, settings, tenant, invoice_id, paris(date(2026, 12, 1)))  # no mail server: the outbox
        chase(runtime, mail_settings, tenant, invoice_id, paris(DUE + timedelta(days=30)))  # now by mail

        steps = {r.step_key: r.status for r in reminders(runtime, invoice_id)}
        assert (steps["j15"], steps["j30"]) == (ReminderStatus.outbox, ReminderStatus.sent)
        assert len(inbox.parsed()) == 1
        assert "malgré" not in body(inbox).lower()

    def test_a_missing_rate_sends_the_reminder_without_penalties_and_says_why(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox, client: TestClient
    ) -> None:
        due = date(2012, 11, 16)  # the delay starts in H2 2012, before the published history
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=due,
                                  number="FA-2012-0008")  # fmt: skip

        outcome = chase(runtime, mail_settings, tenant, invoice_id, paris(date(2012, 12, 3)))

        assert outcome.action == "created"
        [row] = [r for r in reminders(runtime, invoice_id) if r.step_key == "j15"]
        assert (row.status, row.attempts, row.error) == (ReminderStatus.sent, 1, None)
        text = body(inbox)
        assert "Relance : facture FA-2012-0008" in inbox.parsed()[0]["Subject"]
        assert "L441-10" not in text
        assert "40,00" not in text
        params = {"semester": "2012-07-01", "year": 2012, "month": "07", "invoice": "FA-2012-0008"}
        note = {"code": "penalty.rate_unknown", "params": params}
        assert row.snapshot["notes"] == [note]
        assert row.snapshot["figures"]["penalty"] == 0
        events = client.get(f"/api/v1/invoices/{invoice_id}/timeline", headers=tenant.headers).json()
        assert [e["detail"]["notes"] for e in events if e["detail"].get("step") == "j15"] == [[note]]
        log_in(client, tenant)
        timeline = parse(client.get(f"/invoices/{invoice_id}/review"))
        [shown] = texts_of(timeline, "//ol[@data-testid='timeline']//*[@data-testid='reminder-note']")
        assert shown.startswith("Pénalités de retard non chiffrées pour la facture FA-2012-0008 :")
        page = parse(client.get(f"/relances/{row.id}"))
        assert texts_of(page, "//*[@data-testid='reminder-note']") == [
            "Pénalités de retard non chiffrées pour la facture FA-2012-0008 : aucun taux n'est connu pour "
            "le semestre commençant le 01/07/2012. Le message est parti sans montant de pénalités ; "
            "saisissez les taux de ce semestre avec « encaisse penalty-rate » pour les chiffrer à la "
            "prochaine relance."
        ]

    def test_an_invoice_due_in_2017_is_chased_at_ten_percent(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        invoice_id = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant),
                                  due=date(2017, 11, 13), number="FA-2017-0008")  # fmt: skip

        chase(runtime, mail_settings, tenant, invoice_id, paris(date(2017, 11, 28)))  # J+15

        text = " ".join(body(inbox).split())
        assert "au taux de BCE 0,00 % + 10 points = 10,00 % courent" in text
        # 1 200 € × 10 % × 15 / 365 = 4,93 €
        assert "4,93 € à ce jour" in text


class TestNamesAndReplies:
    def test_replies_go_to_the_organisation_contact_address(
        self, runtime: Runtime, mail_settings: Settings, tenant: Tenant, inbox: Inbox
    ) -> None:
        first = make_invoice(runtime, tenant, client_id=make_client(runtime, tenant), due=DUE, number="F-1")
        chase(runtime, mail_settings, tenant, first, paris(DUE + timedelta(days=1)))
        with unit_of_work(runtime.session_factory) as session:
            organisation = session.get(Organisation, tenant.organisation_id)
            assert organisation is not None
            organisation.contact_email = "compta@atelier.example"
        other = make_client(runtime, tenant, name="Café", email="cafe@example.org")
        second = make_invoice(runtime, tenant, client_id=other, due=DUE, number="F-2")
        chase(runtime, mail_settings, tenant, second, paris(DUE + timedelta(days=1)))

        without, with_contact = inbox.parsed()
        assert without["Reply-To"] is None
        assert with_contact["Reply-To"] == "compta@atelier.example"

    def test_a_contact_address_that_could_inject_headers_is_left_out(self, settings: Settings) -> None:
        message = build_message(settings, "a@b.fr", "Objet", "texte", reply_to="x@y.fr\nBcc: z@w.fr")

        assert message["Reply-To"] is None
        assert message["Bcc"] is None

    @pytest.mark.parametrize(
        ("number", "kind", "language", "media_type", "name"),
        [
            ("FA-2017-0008", "invoice", "fr", "application/pdf", "Facture FA-2017-0008.pdf"),
            ("AV-12", "credit_note", "fr", "application/pdf", "Avoir AV-12.pdf"),
            ("FA-2017-0008", "invoice", "en", "image/jpeg", "Invoice FA-2017-0008.jpg"),
            ("AV 12", "credit_note", "en", "application/xml", "Credit note AV-12.xml"),
            ('FA/2017:0008"\r\n', "invoice", "fr", "application/pdf", "Facture FA-2017-0008.pdf"),
            ("Facture n°é/12", "invoice", "fr", "image/png", "Facture Facture-ne-12.png"),
        ],
    )
    def test_the_attachment_is_named_after_the_invoice_with_safe_characters(
        self, number: str, kind: str, language: str, media_type: str, name: str
    ) -> None:
        invoice = Invoice(number=number, document_type=kind)

        assert messages.attachment_name(invoice, language, media_type, "scan 0042 (2).pdf") == name


def test_the_note_reads_in_english_too() -> None:
    params = {"semester": "2012-07-01", "year": 2012, "month": "07", "invoice": "F-9"}

    text = Translator("en").reason("penalty.rate_unknown", params, "fallback")

    assert text.startswith("Late-payment penalties not stated for invoice F-9: no rate is known for the "
                           "half-year starting 2012-07-01.")  # fmt: skip
