"""The keeper's GDPR duties: erasure on request and after retention, the subject
access record, and the health checks of ``doctor``.

Domain layer: imports people, store and core; never prints or prompts.
"""
