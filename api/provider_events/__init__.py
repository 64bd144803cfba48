"""The webhook inbox: verify → store once → acknowledge → process in a job, retried and visible on failure."""
