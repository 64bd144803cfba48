"""Prélèvement automatique: reusable SEPA mandates signed on the provider's hosted page."""
