"""Nothing to keep in step: the blocklist is read from the database (see policy.py)."""
