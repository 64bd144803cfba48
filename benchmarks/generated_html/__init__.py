"""Web-app-like invoices written as HTML+CSS and printed by Chromium, for measuring capture (issue 15)."""
