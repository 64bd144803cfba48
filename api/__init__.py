"""Encaisse application: settings, database, domains, jobs, CLI and JSON endpoints."""
