"""Invoices: records captured from documents, reviewed and corrected by people."""
