"""Find the client an invoice is addressed to, or create it."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from api.clients.policy import BuyerIdentity, name_key
from api.clients.repository import ClientRepository
from api.models import Client


def match_or_create(session: Session, organisation_id: uuid.UUID, buyer: BuyerIdentity) -> Client:
    """Matched by SIREN, then VAT number, then normalised name; created when new."""
    repository = ClientRepository(session)
    key = name_key(buyer.name)
    for criteria in (
        {"siren": buyer.siren} if buyer.siren else None,
        {"vat_id": buyer.vat_id} if buyer.vat_id else None,
        {"name_key": key} if key else None,
    ):
        if criteria and (found := repository.find_by(organisation_id, **criteria)):
            _complete(found, buyer)
            return found
    return repository.add(
        Client(
            organisation_id=organisation_id,
            name=buyer.name[:300],
            name_key=key[:300],
            siren=buyer.siren,
            vat_id=buyer.vat_id,
            email=buyer.email,
            address=buyer.address,
        )
    )


def _complete(client: Client, buyer: BuyerIdentity) -> None:
    """Fill what the client record lacks; never overwrite what someone entered."""
    client.siren = client.siren or buyer.siren
    client.vat_id = client.vat_id or buyer.vat_id
    client.email = client.email or buyer.email
    client.address = client.address or buyer.address
