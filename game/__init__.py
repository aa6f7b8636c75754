"""Flood the Zone: a crisis-diplomacy game."""

__version__ = "0.1.0"
