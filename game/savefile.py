"""The typed shape of a save or replay file (pydantic), checked before the game is replayed from it.

A save is a file from someone else as soon as it is shared: every field has a type and a range here, so that
the replay that follows (``Session.from_dict``: every order checked by the engine's legality rules) only ever
sees well-formed data.  The names inside (countries, topics, deputies) are checked against the scenario by the
replay itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

Name = Annotated[str, StringConstraints(max_length=100)]
MAX_WEEKS = 60  # the format's longest calendar (game.sim.settings.MAX_TURNS)
MAX_ORDERS = 500  # far above any side's budget in a week
MAX_SIDES = 4


class OrderRecord(BaseModel):
    model_config = ConfigDict(extra="ignore")

    actor: Name
    kind: Name
    topic: Name | None = None  # every order has one; an escalation raised (kind "escalate") has none
    escalation: Name | None = None
    targets: list[Name] = Field(default_factory=list, max_length=200)
    group: Name | None = None
    deputy: Name | None = None


class InjectRecord(BaseModel):
    """A teacher's inject released in a game: its id, and the week (0-based) it landed at the end of."""

    model_config = ConfigDict(extra="ignore")

    week: int = Field(ge=0, le=MAX_WEEKS, strict=True)
    inject: Name


class SaveFile(BaseModel):
    """What ``Session.to_dict`` writes (a replay adds ``kind``, ``written`` and ``result``, which the game
    recomputes and never reads back)."""

    model_config = ConfigDict(extra="ignore")

    format: Name
    version: int = Field(ge=1, le=1000, strict=True)
    game_version: Name | None = None
    scenario: str = Field(min_length=1, max_length=100)
    scenario_path: Any = None  # only a hint, passed over when it cannot be a path (Session._scenario_for)
    scenario_digest: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")] | None = None
    seed: int = Field(ge=0, strict=True)
    rival_policy: Name = "historical"
    settings: dict | None = None
    players: dict[Name, Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=dict, max_length=MAX_SIDES
    )
    # Added after save format 2 was fixed; older saves lack them and read as no class and no advice taken.
    class_: Annotated[str, StringConstraints(max_length=200)] = Field(default="", alias="class")
    staff_used: dict[Name, Annotated[int, Field(ge=0, le=100_000, strict=True)]] = Field(
        default_factory=dict, max_length=MAX_SIDES
    )
    staff_week: dict[Name, Annotated[int, Field(ge=0, le=100_000, strict=True)]] = Field(
        default_factory=dict, max_length=MAX_SIDES
    )
    weeks: list[
        Annotated[list[Annotated[list[OrderRecord], Field(max_length=MAX_ORDERS)]], Field(max_length=MAX_SIDES)]
    ] = Field(max_length=MAX_WEEKS)
    pending: list[OrderRecord] = Field(default_factory=list, max_length=MAX_ORDERS)
    pending_rival: list[OrderRecord] | None = Field(default=None, max_length=MAX_ORDERS)
    submitted: list[Name] | None = Field(default=None, max_length=MAX_SIDES)
    # Added after save format 2 was fixed; a save without it released none.
    injects: list[InjectRecord] = Field(default_factory=list, max_length=200)


def save_file_problem(data: dict) -> str | None:
    """None when ``data`` has the shape of a save, else the first problem: where, and what is wrong."""
    try:
        SaveFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "the file"
        return f"{where}: {error['msg']}"
    return None
