"""Bots that fill an order sheet from what their side may do: the legal orders, the state and the dice."""

from .policies import POLICIES, Policy, make_policy

__all__ = ["POLICIES", "Policy", "make_policy"]
