"""Outgoing messages: email over SMTP, or `.eml` files in `<data dir>/outbox/` when no SMTP host is set."""
