"""The shared kernel: errors, the language (gettext), today's date, the programme's vocabulary
and reference data.

Pure and dependency-free (no database, no output). Every layer may import it; it imports
nothing else from mentorcli.
"""
