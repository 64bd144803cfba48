"""Bank statements: reading what the bank exported and matching its credits to open invoices."""
