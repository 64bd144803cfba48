"""Which set-up steps an organisation has done, from plain facts: pure rules, table-tested."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Where the organisation's emails go, as api.mail.service.mode says.
MailMode = Literal["organisation", "server", "outbox"]


# In the order a new organisation is best taken through them: who it is, how it is paid, how it writes,
# then what it chases.
ITEMS = ("identity", "bank", "email", "providers", "dunning", "invoices")
LINKS = {
    "identity": "/settings/organisation#identity",
    "bank": "/settings/payments#bank",
    "email": "/settings/email",
    "providers": "/settings/payments",
    "dunning": "/settings/dunning#policy",
    "invoices": "/upload",
}


@dataclass(frozen=True)
class Facts:
    """What the organisation has saved, as `SetupRepository.facts` reads it in one query."""

    legal_name: str | None
    siren: str | None
    has_iban: bool
    has_provider: bool
    dunning_saved: bool  # a policy or a sequence saved at least once (the defaults are never stored)
    has_invoice: bool
    hidden: bool


@dataclass(frozen=True)
class Item:
    key: str
    done: bool
    href: str
    # Which sentence says the item's state when one sentence is not enough: where emails go.
    state: str | None = None


@dataclass(frozen=True)
class Checklist:
    items: tuple[Item, ...]
    hidden: bool  # someone pressed "Masquer la liste"

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def complete(self) -> bool:
        return all(item.done for item in self.items)

    @property
    def shown(self) -> bool:
        """On the home page until every item is done, unless hidden."""
        return not self.complete and not self.hidden

    @property
    def resumable(self) -> bool:
        """Hidden with something left to do: the home page offers to bring it back."""
        return not self.complete and self.hidden


def checklist(facts: Facts, mail: MailMode) -> Checklist:
    done = {
        "identity": bool(facts.legal_name) and bool(facts.siren),
        "bank": facts.has_iban,
        "email": mail != "outbox",  # the outbox folder is where mail waits when nothing sends it
        "providers": facts.has_provider,
        "dunning": facts.dunning_saved,
        "invoices": facts.has_invoice,
    }
    items = tuple(Item(key, done[key], LINKS[key], state=mail if key == "email" else None) for key in ITEMS)
    return Checklist(items, hidden=facts.hidden)
