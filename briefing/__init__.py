"""briefing: turn a day's news articles into a brief of statements, figures and diplomacy."""

__version__ = "0.1.0"
