"""The life of a duo: proposals turned into trajectories, sessions, closing, the
follow-up, reminders and their e-mail, and the invented sample programme.

Domain layer: imports people, matching, store and core; never prints or prompts.
"""
