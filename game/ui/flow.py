"""What comes next: the values a screen's handlers return instead of changing screens themselves.

A handler (``on_action``, ``on_key``, ``on_event``, and the app's game-control helpers they call) answers with
one of these, or a tuple of them applied in order; the app applies it (:meth:`App.go`) and alone knows which
screen class a route name stands for (``game/ui/routes.py``).  So no screen imports another, and a test can ask
a screen what a click does without a window stack behind it.

- ``Open(route, **args)``: open a screen over this one (a dialog, the turn report, help).
- ``Switch(route, **args)``: replace the whole stack (a new game, back to the title).
- ``Back()``: close this screen and go back to the one under it.
- ``Say(text, kind, seconds)``: a toast, raised after the screens before it in a tuple were opened (a toast
  belongs to the screen it was raised on, and opening a full screen clears the old ones).
- ``Quit(code)``: end the program.
- ``STAY`` (or ``None`` from ``on_action``): nothing changes screens.  ``on_key`` and ``on_event`` return
  ``None``/``False`` for "not mine" (the app then tries its own keys), ``True``/``STAY`` or any other flow
  value for "handled".
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any


def _frozen_args(args: dict[str, Any]) -> MappingProxyType:
    return MappingProxyType(dict(args))


class _Route:
    """Shared by Open and Switch: a route name and the keyword arguments its screen is made with."""

    __slots__ = ("route", "args")

    def __init__(self, route: str, **args: Any):
        object.__setattr__(self, "route", route)
        object.__setattr__(self, "args", _frozen_args(args))

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and (other.route, dict(other.args)) == (self.route, dict(self.args))

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.route, tuple(sorted(self.args))))

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.args.items())
        return f"{type(self).__name__}({self.route!r}{extra})"

    def with_args(self, **more: Any):
        """The same step with more (or other) arguments for the screen."""
        return type(self)(self.route, **{**self.args, **more})


class Open(_Route):
    """Open the screen ``route`` over the current one."""

    __slots__ = ()


class Switch(_Route):
    """Replace the whole stack with the screen ``route``."""

    __slots__ = ()


@dataclass(frozen=True)
class Back:
    """Close the top screen."""


@dataclass(frozen=True)
class Say:
    """A toast, in the order of the steps around it."""

    text: str
    kind: str = "info"
    seconds: float = 3.5


@dataclass(frozen=True)
class Quit:
    """End the program with ``code``."""

    code: int = 0


@dataclass(frozen=True)
class Stay:
    """Handled; nothing changes screens."""


STAY = Stay()

Step = Open | Switch | Back | Say | Quit | Stay
Flow = Step | tuple | bool | None


def steps(flow: Flow) -> list[Step]:
    """The steps of ``flow`` in order (a tuple may hold tuples; ``None`` is none)."""
    if flow is None or flow is False or flow is True:
        return []
    if isinstance(flow, (tuple, list)):
        return [step for part in flow for step in steps(part)]
    if not isinstance(flow, (Open, Switch, Back, Say, Quit, Stay)):
        raise TypeError(f"a handler returned {flow!r}, not a flow value")
    return [flow]


def handled(flow: Flow) -> bool:
    """Whether an ``on_key``/``on_event`` answer means the screen took the input."""
    return flow is not None and flow is not False
