"""Values kept a short while per organisation, so that a page opened again and again does not recompute
aggregates over every invoice each time: the home page's figures (api/reports), the invoice list's counts
(api/invoices) and the clients' ranking (api/clients). A neutral module below those areas, so that none of
them imports another's internals for it.

An entry is used while it is younger than TTL_SECONDS and nothing it depends on changed since it was
computed: every session of this process that commits a change to invoices, the payment ledger, instalment
plans, debits, mandates or clients bumps its organisation's generation (bulk statements on those tables
bump every organisation's), and an entry of an older generation is computed again. A change committed by
another process (a worker applying a webhook, another server) shows within TTL_SECONDS at most.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from api.models import Client, Collection, Instalment, InstalmentPlan, Invoice, Mandate, PaymentEntry

TTL_SECONDS = 30.0
MAX_ENTRIES = 2_000  # the organisations (and days) seen lately; the least recently used go first
# What the cached values read (api/reports/repository.py: aging, forecast, sales, owed, collected; the
# invoice list's counts and the clients' ranking: invoices and clients).
WATCHED = (Invoice, PaymentEntry, InstalmentPlan, Instalment, Collection, Mandate, Client)
_PENDING = "ttl_cache.changed_organisations"  # Session.info key: organisations changed, not yet committed
_EVERY = None  # in _PENDING: a bulk statement, organisation unknown

T = TypeVar("T")


class Generations:
    """A counter per organisation (and one for all), bumped when its figures' data changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._of: dict[uuid.UUID, int] = {}
        self._all = 0

    def of(self, organisation_id: uuid.UUID) -> tuple[int, int]:
        with self._lock:
            return self._all, self._of.get(organisation_id, 0)

    def bump(self, organisation_ids: set[uuid.UUID | None]) -> None:
        with self._lock:
            for organisation_id in organisation_ids:
                if organisation_id is _EVERY:
                    self._all += 1
                else:
                    self._of[organisation_id] = self._of.get(organisation_id, 0) + 1


GENERATIONS = Generations()


class FiguresCache:
    """Values per key (an organisation, a day, settings), each used for `ttl` seconds at most and not past
    a change of its organisation's data (GENERATIONS)."""

    def __init__(
        self,
        *,
        ttl: float = TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.ttl, self._clock, self.max_entries = ttl, clock, max_entries
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[float, tuple[int, int], Any]] = OrderedDict()

    def get(self, organisation_id: uuid.UUID, key: Hashable, compute: Callable[[], T]) -> T:
        full_key = (organisation_id, key)
        generation, now = GENERATIONS.of(organisation_id), self._clock()
        with self._lock:
            found = self._entries.get(full_key)
            if found is not None and found[1] == generation and now - found[0] < self.ttl:
                self._entries.move_to_end(full_key)
                return found[2]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: a slow organisation does not hold up the others
        with self._lock:
            # Stamped with the generation read before computing: a change committed meanwhile is not hidden.
            self._entries[full_key] = (now, generation, value)
            self._entries.move_to_end(full_key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value


# ---------------------------------------------------------------------------------- what changes them


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, flush_context: UOWTransaction) -> None:
    changed = session.info.setdefault(_PENDING, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, WATCHED):
            changed.add(getattr(instance, "organisation_id", _EVERY))


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and state.bind_mapper is not None:
        if state.bind_mapper.class_ in WATCHED:
            state.session.info.setdefault(_PENDING, set()).add(_EVERY)


@event.listens_for(Session, "after_commit")
def _bump_committed(session: Session) -> None:
    changed = session.info.pop(_PENDING, None)
    if changed:
        GENERATIONS.bump(changed)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, previous_transaction: Any) -> None:
    if not session.in_transaction():  # the outermost transaction: nothing of it was committed
        session.info.pop(_PENDING, None)
