"""Generated ERP/accounting-software-like invoices (reportlab) for measuring capture on unseen layouts."""
