"""mentorcli: run a volunteer job-mentoring programme from a terminal."""

__version__ = "0.1.0"
