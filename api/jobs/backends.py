"""Where job ids travel: a thread pool in the serving process, or dramatiq on Redis to worker processes."""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from api.logging import get_logger
from api.worker import JobRunner

log = get_logger(__name__)


class InProcessBackend:
    """The embedded default: jobs run on a small thread pool next to the web server.

    Dispatched ids wait in one queue, which up to `workers` threads drain a chunk at a time: the ids of a
    chunk that can no longer be claimed (a batch task ran them, in this process or another) are dropped
    with one query for the whole chunk instead of a failed claim each, which had made a second serving
    process's share of webhook jobs a queue of round trips behind the real work."""

    CHUNK = 64
    # Ids of jobs a batch task of this process ran besides its own: dropped without even that query.
    # Bounded: ids whose entries were never queued here (claimed from another process's) are forgotten.
    TAKEN_MEMORY = 50_000

    def __init__(self, runner: JobRunner, *, workers: int) -> None:
        self.runner = runner
        self.workers = workers
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encaisse-job")
        self._futures: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._queued: deque[uuid.UUID] = deque()
        self._draining = 0
        self._taken: dict[uuid.UUID, None] = {}  # an ordered set: oldest forgotten first
        runner.on_batch = self._note_taken

    def _note_taken(self, job_ids: Sequence[uuid.UUID]) -> None:
        with self._lock:
            self._taken.update(dict.fromkeys(job_ids))
            while len(self._taken) > self.TAKEN_MEMORY:
                del self._taken[next(iter(self._taken))]

    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None:
        with self._lock:
            self._queued.extend(job_ids)
            if self._draining >= self.workers or not self._queued:
                return
            self._draining += 1
            future = self._executor.submit(self._drain)
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _drain(self) -> None:
        while chunk := self._next_chunk():
            try:
                waiting = self.runner.claimable(chunk)
            except Exception:  # the rows stay as they are; the sweeper will hand them out again
                log.exception("job.drain_failed", jobs=len(chunk))
                continue
            while waiting:
                job_id, waiting = waiting[0], waiting[1:]
                self._run(job_id, waiting)  # a batch task's job takes the rest of the chunk with it
                with self._lock:
                    waiting = self._not_taken(waiting)

    def _next_chunk(self) -> list[uuid.UUID]:
        """Up to CHUNK queued ids not known to be done; none (and this drainer stops) when the queue is
        empty, decided under the lock that `dispatch` takes, so that no id is left without a drainer."""
        with self._lock:
            chunk: list[uuid.UUID] = []
            while self._queued and len(chunk) < self.CHUNK:
                chunk += self._not_taken([self._queued.popleft()])
            if not chunk and not self._queued:
                self._draining -= 1
            return chunk

    def _not_taken(self, job_ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """The ids a batch did not run; those it ran are forgotten, their queue entry being used up.
        Called under the lock."""
        ran = [job_id for job_id in job_ids if job_id in self._taken]
        for job_id in ran:
            del self._taken[job_id]
        return [job_id for job_id in job_ids if job_id not in ran]

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
