"""The moment the whole suite runs at (tests/conftest.py pins the project clock to it before every test)."""

from __future__ import annotations

from datetime import date, datetime

from api.clock import PARIS

SUITE_TODAY = date(2026, 12, 7)
# A morning in Paris, away from any quarter-hour boundary: Stripe Checkout's `expires_at` is rounded to the
# quarter hour, and a test's retry should not straddle one.
SUITE_MOMENT = datetime(2026, 12, 7, 10, 7, 30, tzinfo=PARIS)
