"""Uploaded files: streaming upload, type sniffing, storage, and the inspection job."""
