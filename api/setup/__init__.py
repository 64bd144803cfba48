"""The set-up checklist a new organisation sees on its home page: company identity, bank details, email
sending, payment providers, the reminder sequence reviewed, existing invoices imported. `policy` turns what
is stored into items (pure), `repository` reads it in one query, `service` adds where mail goes."""
