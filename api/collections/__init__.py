"""Automatic collections on an active mandate: plan, pre-notify, then submit to the provider."""
