"""Where job ids travel: a thread pool in the serving process, or dramatiq on Redis to worker processes."""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from itertools import islice

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from api.logging import get_logger
from api.worker import JobRunner

log = get_logger(__name__)


class InProcessBackend:
    """The embedded default: jobs run on a small thread pool next to the web server.

    Dispatched ids wait in one queue, which up to `workers` threads take from one id at a time (so that
    jobs such as captures run side by side). With each id, a thread looks at the ids queued after it: the
    ones that can no longer be claimed (a batch ran them, in this process or another) are dropped with one
    query for up to CHUNK ids, instead of a failed claim each, which had made a second serving process's
    share of webhook jobs a queue of round trips behind the real work; and a batch task's job takes the
    claimable ones as its first companions."""

    CHUNK = 64
    # Ids not to run when their entry comes up: a batch of this process ran them, or the database said they
    # could no longer be claimed. Bounded: a batch also takes ids queued in another process, which never
    # come up here.
    DONE_MEMORY = 50_000

    def __init__(self, runner: JobRunner, *, workers: int) -> None:
        self.runner = runner
        self.workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encaisse-job")
        self._futures: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._queued: deque[uuid.UUID] = deque()
        self._draining = 0
        self._done: dict[uuid.UUID, None] = {}  # an ordered set: oldest forgotten first
        self._claimable: set[uuid.UUID] = set()  # queued ids the database said could be claimed
        runner.on_batch = self._note_done

    def _note_done(self, job_ids: Iterable[uuid.UUID]) -> None:
        with self._lock:
            self._done.update(dict.fromkeys(job_ids))
            while len(self._done) > self.DONE_MEMORY:
                del self._done[next(iter(self._done))]

    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None:
        with self._lock:
            self._queued.extend(job_ids)
            starting = min(self.workers - self._draining, len(self._queued))
            self._draining += starting
            futures = [self._executor.submit(self._drain) for _ in range(starting)]
            self._futures.update(futures)
        for future in futures:
            future.add_done_callback(self._forget)

    def _drain(self) -> None:
        while (taken := self._next()) is not None:
            job_id, following, checked = taken
            if not checked:
                try:
                    claimable = set(self.runner.claimable([job_id, *following]))
                except Exception:  # the rows stay as they are; the sweeper will hand them out again
                    log.exception("job.drain_failed", job_id=str(job_id))
                    continue
                with self._lock:
                    self._claimable.update(claimable - {job_id})
                self._note_done(i for i in following if i not in claimable)
                if job_id not in claimable:
                    continue
            self._run(job_id, [i for i in following if i not in self._done])

    def _next(self) -> tuple[uuid.UUID, list[uuid.UUID], bool] | None:
        """The next queued id still to run, up to CHUNK - 1 ids queued after it (left in the queue), and
        whether the database said it could be claimed; None (and this thread stops) when the queue is empty,
        decided under the lock that `dispatch` takes, so that no id is left without a thread."""
        with self._lock:
            while self._queued:
                job_id = self._queued.popleft()
                checked = job_id in self._claimable
                self._claimable.discard(job_id)
                if job_id in self._done:
                    del self._done[job_id]
                    continue
                following = [i for i in islice(self._queued, self.CHUNK - 1) if i not in self._done]
                return job_id, following, checked
            self._draining -= 1
            return None

    def _run(self, job_id: uuid.UUID, companions: Sequence[uuid.UUID]) -> None:
        try:
            self.runner.run(job_id, companions)
        except Exception:  # the row stays claimed; the sweeper will hand it out again
            log.exception("job.runner_crashed", job_id=str(job_id))

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until every dispatched job (and the jobs they enqueued) has finished."""
        deadline = threading.Event()
        timer = threading.Timer(timeout, deadline.set)
        timer.start()
        try:
            while not deadline.is_set():
                with self._lock:
                    pending = set(self._futures)
                if not pending:
                    return True
                wait(pending, timeout=0.2)
            return False
        finally:
            timer.cancel()

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=False)


class DramatiqBackend:
    """Production: job ids go through Redis to `encaisse worker` processes."""

    QUEUE = "encaisse"

    def __init__(self, redis_url: str, runner: JobRunner) -> None:
        self.runner = runner
        self.broker = RedisBroker(url=redis_url)  # type: ignore[no-untyped-call]
        self.actor = dramatiq.actor(
            broker=self.broker,
            actor_name="encaisse.run_job",
            queue_name=self.QUEUE,
            max_retries=0,  # retries are the job row's business, with its own backoff
            time_limit=int(runner.lease.total_seconds() * 1000),
        )(self._run)

    def _run(self, job_id: str) -> None:
        self.runner.run(uuid.UUID(job_id))

    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None:
        for job_id in job_ids:
            self.actor.send(str(job_id))

    def serve(self, stop: threading.Event, *, threads: int) -> None:
        worker = dramatiq.Worker(self.broker, queues={self.QUEUE}, worker_threads=threads)
        worker.start()
        log.info("worker.started", threads=threads)
        try:
            stop.wait()
        finally:
            worker.stop()
            self.broker.close()
            log.info("worker.stopped")
