"""The one way out to a person: Rich tables and views, JSON and CSV formats, and every
interactive prompt.

Imported by commands only; imports the domain for its data types. It never queries the
database.
"""
