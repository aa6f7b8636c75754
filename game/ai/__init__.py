"""Bots that fill an order sheet from what their side may do: the legal orders, the state and the dice.

``policies`` has the one-game bots; ``batch_policies`` their forms for a batch of games; ``personas`` the
rival's styles and levels; ``advisor`` the "Ask your staff" advice (``advise``) and the advisor bot.
"""

from .advisor import Advice, advise
from .policies import POLICIES, Policy, make_policy

__all__ = ["POLICIES", "Advice", "Policy", "advise", "make_policy"]
