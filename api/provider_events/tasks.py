"""Processing stored events: drains of the inbox woken by the webhook intake, one job per event for the
catch-up and the retries (run in batches), and a periodic sweep for events left behind."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from api.clock import utc_now
from api.db import SessionFactory, unit_of_work
from api.provider_events import processing, reconcile
from api.provider_events.repository import InboxRepository
from api.worker import TaskContext, dispatch_when_committed, enqueue, max_attempts_of, task

DRAIN_TASK = "provider_events.drain"
# A process wakes a drain at most this often: the deliveries in between count on the drain it woke (or
# found pending) last, which is why a drain looks at the inbox for at least DRAIN_IDLE before it stops.
# Each time costs about what a delivery does: at 0.02 s it was 6 % of the server's CPU in the benchmark.
WAKE_INTERVAL = 0.1  # seconds
DRAIN_IDLE = 0.15  # > WAKE_INTERVAL: see `wake_drain`
DRAIN_POLL = 0.025  # between two looks at an empty inbox
DRAIN_LONGEST = 60.0  # then a fresh drain takes over (a job's lease must never run out under a long burst)
# A drain's wait after a short batch, before it looks again (the catch-up's batch jobs keep
# processing.LINGER). Under a stream of deliveries a longer wait makes fuller batches: in the benchmark
# (4,000 events at ~1,000 a second) 0.1 s rather than 0.025 s took ~7 % less server CPU and ~15 % less
# PostgreSQL CPU for intake and processing together; an event is processed at most that much later.
DRAIN_LINGER = 0.1  # seconds
# While deliveries keep coming (the newest waiting event is younger than STREAM_GAP), the intake goes first:
# events wait until the oldest of them has waited FILL_WAIT, then go in full batches. A burst is answered
# faster (processing's CPU, ours and PostgreSQL's, no longer shares the cores with every delivery) and
# processed in full batches, far cheaper per event than short ones; an event is processed at most about
# FILL_WAIT later, and a lone one about STREAM_GAP + FILL_POLL later.
STREAM_GAP = timedelta(milliseconds=60)
FILL_WAIT = timedelta(seconds=2)
FILL_POLL = 0.1  # seconds between two looks while the events wait


@task(DRAIN_TASK, max_attempts=5)
def drain(context: TaskContext) -> None:
    """Process the events the webhook intake stored, BATCH at a time (each batch its own transaction, rows
    another drain holds skipped), until the inbox has none waiting: under a steady stream of deliveries one
    drain keeps going. While deliveries keep coming, events wait a little to go in full batches
    (`_worth_waiting`); a batch found short waits DRAIN_LINGER before the next look, so that events arriving
    one by one are still processed together. Stops at the first look that finds nothing once it has run
    DRAIN_IDLE, which every delivery since the drain was woken counts on (`wake_drain`)."""
    session, started = context.session, time.monotonic()
    repository = InboxRepository(session)
    while True:
        if _worth_waiting(repository, utc_now()):
            session.rollback()  # a fresh snapshot for the next look
            time.sleep(FILL_POLL)
        elif row_ids := repository.claim_received(processing.BATCH):
            processing.process_many(session, row_ids, secret_key=context.settings.secret_key)
            session.commit()  # each batch on its own: locks held briefly, work kept if a later one fails
            # Forget the batch's objects: a session that kept every row of a long drain made loading the
            # next batch's rows slower each time (a third of the server's CPU after 10,000 events).
            session.expunge_all()
            if len(row_ids) < processing.BATCH:
                time.sleep(DRAIN_LINGER)
        elif time.monotonic() - started >= DRAIN_IDLE:
            return
        else:
            session.rollback()  # a fresh snapshot for the next look
            time.sleep(DRAIN_POLL)
        if time.monotonic() - started > DRAIN_LONGEST:
            enqueue(session, DRAIN_TASK)  # committed with this job's end, dispatched after
            return


def _worth_waiting(repository: InboxRepository, now: datetime) -> bool:
    """Events are waiting, deliveries are still arriving (the newest is younger than STREAM_GAP) and the
    oldest has not waited FILL_WAIT. One look at both ends of the drains' index, before claiming anything:
    a drain waiting through a burst costs a query every FILL_POLL."""
    span = repository.received_span()
    if span is None:
        return False
    oldest, newest = span
    return now - newest < STREAM_GAP and now - oldest < FILL_WAIT


class _Waker:
    """When this process last made sure a drain will look at the inbox (per session factory: the tests
    run several databases in one process)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = -1e9


_WAKERS: WeakKeyDictionary[SessionFactory, _Waker] = WeakKeyDictionary()
_WAKERS_LOCK = threading.Lock()


def wake_drain(factory: SessionFactory) -> None:
    """Called after each accepted delivery, once its events are committed (a repeated delivery too: its
    first try may have failed after storing): makes sure a drain looks at the inbox after now.

    A drain job is written unless one is pending (not yet started: it will look later). A process does
    this at most every WAKE_INTERVAL; a delivery in between counts on the drain made sure of last time, at
    `last`: that one starts after `last` and looks at the inbox until at least DRAIN_IDLE after its start,
    later than now since DRAIN_IDLE > WAKE_INTERVAL. A drain job that fails leaves the events to the next
    one, its retry, or the sweep."""
    with _WAKERS_LOCK:
        waker = _WAKERS.setdefault(factory, _Waker())
    with waker.lock:
        now = time.monotonic()
        if now - waker.last < WAKE_INTERVAL:
            return
        waker.last = now  # before the job is written: the drain starts after it
    try:
        with unit_of_work(factory) as session:
            job_ids = InboxRepository(session).enqueue_drain_unless_pending(
                DRAIN_TASK, max_attempts=max_attempts_of(DRAIN_TASK), now=utc_now()
            )
            dispatch_when_committed(session, job_ids)
    except BaseException:
        with waker.lock:
            waker.last = -1e9  # the next delivery tries again
        raise


@task(processing.PROCESS_TASK, max_attempts=3, batch=processing.BATCH, linger=processing.LINGER)
def process_events(context: TaskContext, *, payloads: list[dict[str, str]]) -> None:
    row_ids = [uuid.UUID(payload["event_row_id"]) for payload in payloads]
    processing.process_many(context.session, row_ids, secret_key=context.settings.secret_key)


@task("provider_events.sweep", every=timedelta(minutes=10))
def sweep(context: TaskContext) -> None:
    """Events whose job was lost, and events about objects unknown when they arrived (the webhook can beat
    our own commit of the provider's reference), are processed again."""
    waiting = InboxRepository(context.session).waiting(
        older_than=utc_now() - timedelta(minutes=2), max_attempts=processing.MAX_ATTEMPTS
    )
    for organisation_id, row_id in waiting:
        enqueue(
            context.session,
            processing.PROCESS_TASK,
            organisation_id=organisation_id,
            event_row_id=str(row_id),
        )


@task("provider_events.catch_up", every=timedelta(hours=1))
def catch_up(context: TaskContext) -> None:
    """Two days back each hour: a lost webhook is found within the hour, and overlaps cost nothing."""
    reconcile.catch_up(
        context.session,
        since=utc_now() - timedelta(days=2),
        secret_key=context.settings.secret_key,
        timeout=context.settings.provider_timeout_seconds,
    )
