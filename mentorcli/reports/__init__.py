"""Figures about the programme: the yearly cohort statistics, its headline figures,
the ESF+ common indicators, small-count suppression, and the exports of every table.

Domain layer: imports store and core; never prints or prompts.
"""
