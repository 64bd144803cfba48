"""Dunning: graduated reminders on the right business days, stopped by payments, holds and pauses."""
