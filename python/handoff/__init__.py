"""Handoff: a dbt warehouse for B2B revenue teams, and the Python helpers that guard its MQL definition."""

__version__ = "0.1.0"
