"""API keys of the Kairos service.

Generation and hashing (``keys``), tables (``models``) and the store the request path and
the admin CLI share (``store``).
"""
