"""Invoices laid out like open-source ERP, billing and shop software not modelled by the other sets."""
