"""Background jobs: the durable job rows and the backends that run them (see api/worker.py)."""
