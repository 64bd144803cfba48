"""All SQL of the set-up checklist: one query reads every fact (existence tests, never rows), and the
"hidden" mark on the organisation."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from api.models import DunningPolicy, DunningSequence, Invoice, Organisation, PaymentSettings, ProviderAccount
from api.repository import Repository
from api.setup.policy import Facts


class SetupRepository(Repository):
    def facts(self, organisation_id: uuid.UUID) -> Facts:
        """Everything the checklist needs in one round trip: the identity columns and one EXISTS per
        table, each answered by the organisation_id index or unique constraint."""

        def any_row(owner: InstrumentedAttribute[uuid.UUID], *conditions: ColumnElement[bool]) -> Exists:
            return exists().where(owner == organisation_id, *conditions)

        statement = select(
            Organisation.legal_name,
            Organisation.siren,
            Organisation.setup_checklist_hidden_at,
            any_row(
                PaymentSettings.organisation_id, PaymentSettings.iban.is_not(None), PaymentSettings.iban != ""
            ),
            any_row(ProviderAccount.organisation_id),
            or_(any_row(DunningPolicy.organisation_id), any_row(DunningSequence.organisation_id)),
            any_row(Invoice.organisation_id),
        ).where(Organisation.id == organisation_id)
        row = self.session.execute(statement).one()
        legal_name, siren, hidden_at, has_iban, has_provider, dunning_saved, has_invoice = row
        return Facts(
            legal_name=legal_name,
            siren=siren,
            has_iban=bool(has_iban),
            has_provider=bool(has_provider),
            dunning_saved=bool(dunning_saved),
            has_invoice=bool(has_invoice),
            hidden=hidden_at is not None,
        )

    def set_hidden(self, organisation_id: uuid.UUID, at: datetime | None) -> None:
        organisation = self.session.get(Organisation, organisation_id)
        assert organisation is not None, "a principal always points at an existing organisation"
        organisation.setup_checklist_hidden_at = at
        self.session.flush()
