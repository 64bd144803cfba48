"""Tenants, their users, API keys and browser sessions."""
