"""tracker: a content board, time log and sustainability check for people who make videos."""

__version__ = "0.1.0"
