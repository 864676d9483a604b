"""The store: the one connection to the SQLite file, its migrations, settings, backups
and the one writer for every file the tool creates.

Imported by the domain packages (people, matching, lifecycle, privacy, reports) and by
commands; it imports only ``mentorcli.core``. Nothing here prints or prompts.
"""
