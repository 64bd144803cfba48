"""Generated invoices laid out like ERP systems and developer invoice libraries print them."""
