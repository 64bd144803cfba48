"""Where job ids travel: a thread pool in the serving process, or dramatiq on Redis to worker processes."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait

import dramatiq
from dramatiq.brokers.redis import RedisBroker

from api.logging import get_logger
from api.worker import JobRunner

log = get_logger(__name__)


class InProcessBackend:
    """The embedded default: jobs run on a small thread pool next to the web server."""

    # Ids of jobs a batch task ran besides its own, whose queue entries are then skipped without a claim
    # (a claim that finds the job done costs a round trip, as much as a batch's share of the work). Bounded:
    # with several serving processes, some of the ids were queued in another process and never come here.
    TAKEN_MEMORY = 50_000

    def __init__(self, runner: JobRunner, *, workers: int) -> None:
        self.runner = runner
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encaisse-job")
        self._futures: set[Future[bool]] = set()
        self._lock = threading.Lock()
        self._taken: dict[uuid.UUID, None] = {}  # an ordered set: oldest forgotten first
        runner.on_batch = self._note_taken

    def _note_taken(self, job_ids: Sequence[uuid.UUID]) -> None:
        with self._lock:
            self._taken.update(dict.fromkeys(job_ids))
            while len(self._taken) > self.TAKEN_MEMORY:
                del self._taken[next(iter(self._taken))]

    def dispatch(self, job_ids: Sequence[uuid.UUID]) -> None:
        for job_id in job_ids:
            future = self._executor.submit(self._run, job_id)
            with self._lock:
                self._futures.add(future)
            future.add_done_callback(self._forget)

    def _run(self, job_id: uuid.UUID) -> bool:
        with self._lock:
            if job_id in self._taken:
                del self._taken[job_id]
                return False
        try:
            return self.runner.run(job_id)
        except Exception:  # the row stays claimed; the sweeper will hand it out again
            log.exception("job.runner_crashed", job_id=str(job_id))
            return False

    def _forget(self, future: Future[bool]) -> None:
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
