"""Where an organisation's emails go: its own SMTP server (Settings → E-mails), else the server's, else the
local outbox folder; the checks a tenant-chosen mail host must pass at save time and at each connection."""
