"""The shared kernel: errors, the language (gettext), today's date, the programme's vocabulary
and reference data.

Pure and dependency-free (no database, no output; i18n alone peeks, read-only, at the
database's language setting at start-up, through the standard library). Every layer may
import it; it imports nothing else from mentorcli.
"""
