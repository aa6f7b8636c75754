"""Bots that fill an order sheet from what their side may do: the legal orders, the state and the dice.

From the bottom up: ``value`` (what an order is worth, one week ahead) and ``catalog`` (every order as a row of
arrays); ``policies`` the one-game bots; ``batch_policies`` their forms for a batch of games; ``personas`` the
rival's styles and levels; ``named`` the bots and personas by name; ``advisor`` the "Ask your staff" advice
(``advise``) and the advisor bot.  ``make_policy`` names them all.
"""

from .advisor import Advice, advise, advisor_policy
from .batch_policies import BatchPolicy, batch_form
from .named import policy_named
from .policies import POLICIES, Policy


def make_policy(name: str) -> Policy:
    """A policy by name: one of ``POLICIES``, ``advisor``, or a rival persona ``persona[:level]``."""
    return advisor_policy if name == "advisor" else policy_named(name)


def make_batch_policy(name: str) -> BatchPolicy:
    """The batch form of a named policy: vectorised where it exists, else the one-game policy game by game."""
    return batch_form(make_policy(name))


__all__ = ["POLICIES", "Advice", "Policy", "advise", "make_batch_policy", "make_policy"]
