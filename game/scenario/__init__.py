"""Scenario files: the only package that reads YAML.  It reports every author error with its line."""

from .build import PlaybookOrder, Scenario
from .loader import bundled_scenarios, check, load_scenario, resolve
from .problems import CODES, Problem, ScenarioError

__all__ = [
    "CODES",
    "PlaybookOrder",
    "Problem",
    "Scenario",
    "ScenarioError",
    "bundled_scenarios",
    "check",
    "load_scenario",
    "resolve",
]
