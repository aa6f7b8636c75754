"""The bots and the rival personas by name, one-game and batch forms.

The advisor is named one floor up, in ``game.ai.make_policy``: it plays its rollouts with the policies named
here, so it cannot itself be one of them without an import circle.
"""

from __future__ import annotations

from .answering import answering
from .batch_policies import BatchPolicy, batch_form
from .personas import parse_persona, persona_policy
from .policies import POLICIES, Policy, keeper
from .promising import promise_breaker, promiser


def policy_named(name: str) -> Policy:
    """One of ``POLICIES`` or a rival persona ``persona[:level]``; ValueError for any other name."""
    if name in POLICIES:
        return POLICIES[name]
    if name == "answering":
        return answering
    if name == "keeper":  # a reference of skilled play for the balance lab, not offered as a rival
        return keeper
    # references for the balance lab: the historical campaign making every promise it may, kept or not
    if name == "promiser":
        return promiser
    if name == "promise_breaker":
        return promise_breaker
    if parse_persona(name) is not None:
        return persona_policy(name)
    raise ValueError(f"unknown policy '{name}' (choose from {', '.join(POLICIES)}, answering)") from None


def batch_policy_named(name: str) -> BatchPolicy:
    return batch_form(policy_named(name))
