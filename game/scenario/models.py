"""The scenario document: pydantic models of the YAML format.

These models are the single definition of the format: the validator checks files against them and the
JSON Schema for editors (``scenarios/scenario.schema.json``) is generated from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

FORMAT_VERSION = 2

CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(description="ISO 3166-1 alpha-3 code, upper case")
]
Ident = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$"),
    Field(description="an identifier: lower case letters, digits and underscores"),
]
ActorCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(description="actor code, e.g. USA, RUS")]
GroupCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_]+$"), Field(description="group id, e.g. B9")]
Weight = Annotated[float, Field(ge=-3.0, le=3.0)]
Alignment = Annotated[float, Field(ge=-100.0, le=100.0, description="-100 with Moscow .. +100 with Washington")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a value comes from: a seed article and the short passage it rests on."""

    seed: str = Field(description="file name of the seed article in seeds/, e.g. 000_966678d371abad6d.txt")
    passage: str = Field(
        min_length=3,
        max_length=600,
        description="the short passage, copied exactly from the seed (for a machine-paraphrased seed, a "
        "short exact fragment that locates the fact)",
    )
    note: str | None = Field(default=None, description="how the value follows from the passage")
    supports: list[str] = Field(
        default_factory=list, description="which values this source backs (e.g. alignment, ties, interests)"
    )


class Calendar(Strict):
    start: dt.date = Field(description="the Monday the first week starts")
    weeks: int = Field(ge=1, le=60, description="number of weekly turns")
    resolves: dt.date = Field(description="the day the crisis resolves and commitments are settled")
    resolves_label: str = Field(default="", description="what happens that day, in a few words")


class Actor(Strict):
    name: str = Field(description="display name, e.g. Washington")
    engage: bool = Field(default=False, description="may this side contact the other side itself (moving the tracks)?")
    principal: str = Field(description="who places the calls and makes the visits, e.g. Secretary Blinken")
    sign: Literal[1, -1] = Field(description="+1 pulls countries toward Washington, -1 toward Moscow")
    power: float = Field(gt=0, le=50, description="alignment points one call moves at full interest, half room")
    calls: int = Field(ge=0, le=30, description="calls a week")
    visits: int = Field(ge=0, le=5, description="visits (trips) a week")
    sources: list[Source] = Field(default_factory=list)


class Deputy(Strict):
    name: str
    actor: ActorCode
    title: str = ""
    specialty: Ident | None = Field(default=None, description="topic id this deputy is strongest on")
    sources: list[Source] = Field(default_factory=list)


class Topic(Strict):
    name: str
    description: str = ""
    leverage: dict[ActorCode, Annotated[float, Field(ge=0.0, le=3.0)]] = Field(
        default_factory=dict,
        description="what each side can offer countries on this topic; 0 or absent: that side cannot raise it",
    )
    tracks: dict[Ident, Annotated[float, Field(ge=-50, le=50)]] = Field(
        default_factory=dict,
        description="track -> points one contact with the other side on this topic moves it (engagement)",
    )
    sources: list[Source] = Field(default_factory=list)


class Track(Strict):
    """A quantity of the whole crisis, 0..100: a channel to the rival, a grain corridor, a prisoner deal."""

    name: str
    description: str = ""
    start: float = Field(default=0.0, ge=0, le=100)
    decay: float = Field(default=0.0, ge=0, le=1, description="share lost in a week without contact with the rival")
    goal: float | None = Field(default=None, ge=0, le=100, description="level that counts at the end (null: none)")
    points: float = Field(default=0.0, ge=0, le=50, description="score points for reaching the goal")
    outcome: str = Field(default="", description="what reaching the goal means, in words")
    sources: list[Source] = Field(default_factory=list)


class TieKind(Strict):
    name: str
    weight: float = Field(
        ge=-200, le=200, description="alignment points a full tie (1.0) adds to the structural position"
    )
    description: str = ""


class PublicSource(Strict):
    """A public record beyond the seed articles: a UN press release, a government statement, a dated report."""

    title: str | None = Field(default=None, description="the document's or article's title, where known")
    publisher: str = Field(description="who published it, e.g. UN News, Council of the EU, Reuters")
    url: str = Field(pattern=r"^https?://", description="where it can be read")
    date: dt.date | None = Field(default=None, description="the date it carries")
    id: str | None = Field(default=None, description="its own number, e.g. a press release GA/12407")


class Region(Strict):
    name: str


class Group(Strict):
    name: str
    members: list[CountryCode] = Field(min_length=1)
    conveners: list[ActorCode] = Field(default_factory=list, description="actors who may convene a call")
    spill: float = Field(
        default=0.0, ge=0, le=5, description="how strongly members pull each other along (0: not at all)"
    )
    description: str = ""
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(
        default_factory=list,
        description="public records beyond the seed articles for the group's membership (e.g. the bloc's own list "
        "of members), where the seeds do not give it",
    )


LineValue = Annotated[float, Field(ge=-100, le=100)]
# A country's own lines: per rung, a number (a pledge's line), a map of option -> number (a vote's lines), or
# null (the rung is closed to the country).
CountryLines = dict[Ident, LineValue | dict[Ident, LineValue | None] | None]


class Country(Strict):
    name: str
    region: Ident
    alignment: Alignment = Field(description="alignment at the start")
    position: str = Field(description="the documented position, in our own words")
    ties: dict[Ident, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(
        default_factory=dict, description="tie kind -> strength 0..1"
    )
    anchor_offset: float = Field(
        default=0.0, ge=-100, le=100, description="alignment points added to the tie-derived structural position"
    )
    interests: dict[Ident, Weight] = Field(
        default_factory=dict, description="topic -> how strongly arguments on it move the country"
    )
    mobility: float = Field(default=1.0, gt=0, le=3, description="how easily the country moves at all")
    volatility: float = Field(default=1.0, ge=0, le=5, description="multiplier on the luck of contacts")
    weight: float = Field(default=1.0, ge=0, le=10, description="weight of its commitments in the score")
    thresholds: CountryLines = Field(
        default_factory=dict,
        description="the country's own lines on the commitment ladder, by rung: a number for a pledge, "
        "{option: number} for a vote, null to close the rung to this country (e.g. Ukraine sanctioning itself)",
    )
    added: bool = Field(default=False, description="true for a country the game adds that the seeds do not name")
    engage_reaction: float = Field(
        default=0.0,
        ge=-20,
        le=20,
        description="alignment points the country moves each time the player's side talks to the rival "
        "(negative: it sees talking as breaking ranks)",
    )
    documented: str | None = Field(
        default=None, description="the position the calibration must reproduce (for the calibrate table)"
    )
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(
        default_factory=list,
        description="public records beyond the seed articles that the position rests on (a UN vote, a bloc's list "
        "of members): a light entry the seeds do not name cites these; marks the position as beyond the articles",
    )


class KindStrength(Strict):
    call: float = Field(gt=0, le=10)
    visit: float = Field(gt=0, le=10)
    deputy_call: float = Field(gt=0, le=10)
    multilateral: float = Field(gt=0, le=10)


class Dynamics(Strict):
    """The invented numbers of the rules; each is tunable."""

    kind_strength: KindStrength
    visit_travel_calls: int = Field(ge=0, le=10, description="calls a trip costs in travel time")
    visit_max_stops: int = Field(ge=1, le=6)
    visit_stop_decay: float = Field(gt=0, le=1, description="each further stop is worth this share of the one before")
    deputy_specialty_bonus: float = Field(ge=1, le=5)
    room_exponent: float = Field(gt=0, le=4, description="how sharply effects shrink near the end of the scale")
    noise_sigma: float = Field(ge=0, le=2, description="spread of the luck of a contact")
    fatigue_k: float = Field(ge=0, le=5, description="how fast repeated contacts lose effect")
    fatigue_decay: float = Field(ge=0, le=1, description="share of recent contacts remembered the next week")
    drift_rate: float = Field(ge=0, le=1, description="share of the gap to the structural position closed a week")
    drift_in_touch: float = Field(
        default=0.0, ge=0, le=1, description="share of the drift that runs even for a country kept in touch"
    )
    neglect_weeks: float = Field(gt=0, le=20, description="weeks without contact before drift runs at full rate")
    spill_rate: float = Field(ge=0, le=1, description="share of the gap to group peers closed a week")
    group_fatigue_k: float = Field(
        default=0.0,
        ge=0,
        le=5,
        description="how fast a group convened week after week by the same side tires as a forum, over and above "
        "its members' own fatigue (0: groups never tire)",
    )
    promise_limit: int = Field(
        default=3, ge=0, le=20, description="how many of its `promises` a side may have open at once"
    )


class Tier(Strict):
    name: str
    min_score: float = Field(ge=0, le=100)
    description: str = ""


class RungOption(Strict):
    """One option of a vote, worst first: the first is where a country stands below every line."""

    id: Ident
    label: str = Field(description="what a country on this option does, e.g. 'votes yes'")
    threshold: LineValue | None = Field(
        default=None,
        description="the final alignment a country needs to take this option; omit: only an event puts a country "
        "here (the first option needs none)",
    )
    points: float = Field(default=0.0, ge=0, le=10, description="points a country on this option earns")


class BlocSpec(Strict):
    """The members of a group decide the rung together, and every member applies the decision."""

    group: GroupCode = Field(description="the group whose members decide together")
    rule: Literal["unanimity", "qualified_majority", "leader"] = Field(
        default="unanimity",
        description="unanimity: adopted only if every member reaches it (a holdout blocks it); qualified_majority: "
        "adopted if a quota of the members reaches it (the rest are carried along); leader: every member follows "
        "the leader",
    )
    quota: float = Field(default=0.55, gt=0, le=1, description="share of the members a qualified majority needs")
    leader: CountryCode | None = Field(default=None, description="the member the others follow (rule: leader)")


class Rung(Strict):
    """One commitment a country can make when the crisis resolves: a vote with ordered options, or a pledge
    (made or not) with one line."""

    id: Ident
    name: str = Field(description="short name shown in tables, e.g. 'Sanctions' or 'Keeps to the isolation'")
    meaning: str = Field(default="", description="what the commitment means in this crisis, in one line")
    options: list[RungOption] | None = Field(
        default=None, min_length=2, description="a vote's options, worst first; omit for a pledge"
    )
    threshold: LineValue | None = Field(
        default=None,
        description="a pledge's line: the final alignment a country needs to make it (null: closed "
        "unless a country sets its own)",
    )
    points: float | None = Field(default=None, ge=0, le=10, description="a pledge's points")
    made: str = Field(default="yes", description="a pledge's word for a country that makes it, e.g. 'sanctions'")
    not_made: str = Field(default="no", description="a pledge's word for a country that does not")
    open_to: list[str] | None = Field(
        default=None,
        description="the countries and groups the rung's default line applies to; omit: every country (a "
        "country's own line opens it anyway)",
    )
    bloc: BlocSpec | None = Field(default=None, description="a group that decides this rung together")
    sources: list[Source] = Field(default_factory=list)


class CommitmentRules(Strict):
    description: str = ""
    rungs: list[Rung] = Field(
        min_length=1, description="the commitment ladder, cheapest first: what each country may commit to at the end"
    )
    tiers: list[Tier] = Field(min_length=1)

    def rung(self, rung_id: str) -> Rung:
        return next(r for r in self.rungs if r.id == rung_id)


class Event(Strict):
    id: Ident
    date: dt.date | None = Field(default=None, description="the day it happens; omit for a triggered event")
    headline: str
    body: str = ""
    when: list[dict[str, dict]] = Field(default_factory=list, description="conditions, all of which must hold")
    effects: list[dict[str, dict]] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(
        default_factory=list,
        description="public records beyond the seed articles, for a real event the seeds do not report (or do not "
        "date): `sources` then cites the seed passage that motivates it",
    )
    invented: bool = Field(default=False, description="true for a what-if event that is not in the sources")


class Escalation(Strict):
    """A move the rival may raise to change what is at stake (a gas squeeze, troops on the border): an event
    only its side can set off, at most once a crisis, when its AI judges it worth it.  Its effects are the
    events' own; a real trade-off puts costs among them (capitals it alarms toward the other side)."""

    id: Ident
    by: ActorCode = Field(description="the side that may raise it (usually the rival)")
    headline: str = Field(description="what the week's news says when it is raised")
    body: str = ""
    earliest: dt.date | None = Field(default=None, description="the first day it may be raised; omit: from the start")
    history: dt.date | None = Field(
        default=None,
        description="the day history raised it: the historical playbook raises it in that week and never otherwise; "
        "omit for a what-if the real side never made (then the historical playbook never raises it)",
    )
    when: list[dict[str, dict]] = Field(
        default_factory=list, description="conditions that must also hold in the week it is raised"
    )
    effects: list[dict[str, dict]] = Field(min_length=1, description="what it does, in the events' vocabulary")
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(default_factory=list)
    invented: bool = Field(default=False, description="true for a what-if move that is not in the sources")

    @property
    def date(self) -> dt.date | None:
        """An escalation has no date of its own: it happens in the week it is raised."""
        return None


INJECT_HEADLINE_LIMIT = 160  # characters: one line of news on a phone and in the turn report
INJECT_BODY_LIMIT = 600


class Inject(Strict):
    """Prepared news the teacher releases when they choose (a class server's "Release" button): it lands at
    the end of the next week that resolves, in every game of the class, at most once.  Its effects are the
    events' own.  An inject is a what-if: its text must not claim that something happened when it did not
    (word it as a report or a possibility, or say what did happen and when), and it cites what it rests on."""

    id: Ident
    headline: str = Field(
        min_length=3, max_length=INJECT_HEADLINE_LIMIT, description="what the week's news says when it lands"
    )
    body: str = Field(default="", max_length=INJECT_BODY_LIMIT, description="a few more lines of the news")
    note: str = Field(
        default="",
        max_length=INJECT_BODY_LIMIT,
        description="for the teacher only: what it tests and when it fits (shown beside its Release button)",
    )
    effects: list[dict[str, dict]] = Field(min_length=1, max_length=12, description="what it does, as events do")
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(default_factory=list)

    @property
    def date(self) -> dt.date | None:
        """An inject has no date of its own: it lands in the week the teacher releases it."""
        return None

    @property
    def invented(self) -> bool:
        """Always a what-if of this game (reports tag it so)."""
        return True


class PlaybookEntry(Strict):
    """One documented contact, replayed by the historical policy in the week of its date."""

    date: dt.date
    kind: Literal["call", "visit", "deputy_call", "multilateral", "engage"]
    to: str | list[str] = Field(
        description="a country code, a list of capitals for a trip, a group id, or the rival actor for engage"
    )
    topic: Ident
    deputy: Ident | None = None
    who: str = Field(default="", description="who actually made the contact, in words")
    sources: list[Source] = Field(default_factory=list)


class Outreach(Strict):
    """A standing line of the campaign: whom a side keeps working, and on what."""

    to: CountryCode
    topic: Ident
    sources: list[Source] = Field(default_factory=list)


class Playbook(Strict):
    documented: list[PlaybookEntry] = Field(default_factory=list)
    outreach: list[Outreach] = Field(
        default_factory=list, description="fills the rest of the weekly budget, in rotation"
    )


class ShareBand(Strict):
    min: float | None = Field(default=None, ge=0, le=1)
    max: float | None = Field(default=None, ge=0, le=1)


class CalibrationCheck(Strict):
    """A documented position the historical playbook must reproduce, over many seeds."""

    id: Ident
    claim: str = Field(description="the documented position, in a few words")
    country: CountryCode
    week: int | None = Field(
        default=None, ge=0, le=60, description="check the alignment at the start of this week (0-based); omit: the end"
    )
    min: float | None = Field(default=None, ge=-100, le=100, description="lowest allowed mean alignment")
    max: float | None = Field(default=None, ge=-100, le=100, description="highest allowed mean alignment")
    above: CountryCode | None = Field(default=None, description="its mean alignment must exceed this country's")
    below: CountryCode | None = Field(default=None, description="its mean alignment must stay under this country's")
    commitments: dict[str, ShareBand] = Field(
        default_factory=dict,
        description="share of runs in which the country makes a commitment: a pledge by its rung id "
        "(`sanctions`), a vote's option as `rung.option` (`un_vote.yes`)",
    )
    sources: list[Source] = Field(default_factory=list)


class Calibration(Strict):
    runs: int = Field(default=200, ge=1, le=100000, description="games played with the historical playbook")
    first_seed: int = Field(default=1, ge=0)
    checks: list[CalibrationCheck] = Field(default_factory=list)


class RealOutcome(Strict):
    """What one country really did after the crisis's end, on one rung: beyond the articles."""

    country: CountryCode
    rung: Ident
    option: Ident | None = Field(default=None, description="for a vote: the option it took, e.g. 'yes' or absent")
    made: bool | None = Field(default=None, description="for a pledge: whether it made it")
    what: str = Field(description="what it did, in our words, e.g. 'voted for resolution ES-11/1'")
    date: dt.date = Field(description="when")
    confidence: Literal["high", "medium", "low"] = Field(
        default="high", description="high: stated by a named, dated source; medium: inferred; low: thin"
    )
    sources: list[PublicSource] = Field(min_length=1)


class RealTotal(Strict):
    """How many of the scenario's countries took each option of a rung (a vote's tally among them)."""

    rung: Ident
    counts: dict[Ident, Annotated[int, Field(ge=0)]] = Field(description="option id -> number of countries")
    tolerance: float = Field(default=1.0, ge=0, description="how far the mean simulated count may be off")
    what: str = ""
    sources: list[PublicSource] = Field(min_length=1)


class RealOutcomes(Strict):
    """What really happened after the crisis's end - UN votes, sanctions, arms - each fact with a public
    source.  Everything here is beyond the articles; `calibrate` checks the historical playbook against it."""

    as_of: dt.date = Field(description="the outcomes are those known by this date")
    description: str = ""
    votes_share: float = Field(
        default=0.95, ge=0, le=1, description="share of the votes (country x run) the playbook must reproduce"
    )
    others_share: float = Field(
        default=0.90, ge=0, le=1, description="share of every other commitment the playbook must reproduce"
    )
    outcomes: list[RealOutcome] = Field(default_factory=list)
    totals: list[RealTotal] = Field(default_factory=list)


class TeacherSettings(Strict):
    """The teacher settings a game of this scenario starts with; a game code or the title screen can change them
    (docs/teachers-guide.md)."""

    difficulty: Literal["easy", "normal", "hard", "expert"] = Field(
        default="normal",
        description="the rival's strength: easy (a half-hearted charm tour, and less luck), normal (the historical "
        "playbook), hard (a wedge between the allies), expert (the wedge, looking ahead)",
    )
    noise: Literal["normal", "calm", "wild", "none"] | None = Field(
        default=None,
        description="the luck of contacts: calm (half), wild (1.6 times), none (no luck at all); null: the "
        "difficulty's",
    )
    turns: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="the players play only the last N weeks (the weeks before play out as history went); null: "
        "every week",
    )
    fog: bool = Field(
        default=False, description="players see bands (on the fence, leans to Washington ...), not numbers"
    )
    two_sided: bool = Field(default=False, description="a second player plays the rival on the same machine (hot seat)")


# What a tutorial step can wait for without naming anything; what each one means, which screen it is done on and
# which control the card points at are in game/scenario/tutorial.py (and the format reference).
TutorialAction = Literal[
    "zoom_europe",
    "zoom_world",
    "open_country_list",
    "add_order",
    "attach_promise",
    "undo_order",
    "end_turn",
    "next_week",
    "open_report",
    "open_help",
]


class TutorialPick(Strict):
    """What the player picks to finish a tutorial step: exactly one of these fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"minProperties": 1, "maxProperties": 1})

    select_country: CountryCode | None = Field(
        default=None, description="open this country's dossier (a click on the map or in the list, or Tab)"
    )
    choose_kind: Literal["call", "visit", "deputy_call", "multilateral", "engage"] | None = Field(
        default=None, description="pick this action in a dossier (call, visit, deputy_call, multilateral, engage)"
    )
    choose_topic: Ident | None = Field(default=None, description="pick this topic (by id) in a dossier")


class TutorialStep(Strict):
    """One card of a tutorial: shown on its screen until the player does what `do` asks (or presses Next)."""

    title: str = Field(min_length=1, max_length=60, description="the card's heading")
    text: str = Field(min_length=1, max_length=500, description="what to do and why, in two or three sentences")
    do: TutorialAction | TutorialPick | None = Field(
        default=None,
        description="what the player does to go on: an action (e.g. add_order) or a pick (e.g. {select_country: "
        "DEU}); omit: the card has a Next button",
    )
    screen: Literal["map", "report", "debrief"] | None = Field(
        default=None,
        description="where the card is shown; omit: where `do` is done (the map for a step without `do`)",
    )
    week: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="the week (1 = the first) the step waits for; the steps after it belong to that week too",
    )


EchoShare = Annotated[float, Field(ge=-1.0, le=1.0)]


class Echo(Strict):
    """An argument pressed in some capitals and heard in others: when either side presses `topic` in a capital
    of `pressed_in`, each capital of `heard_in` moves by its share of the effect there (negative: the argument
    that wins one capital alarms the other)."""

    topic: Ident = Field(description="the topic whose argument carries")
    pressed_in: list[str] = Field(
        min_length=1, description="the capitals where pressing it is heard elsewhere: country codes or group ids"
    )
    heard_in: dict[str, EchoShare] = Field(
        min_length=1,
        description="country code or group id -> share (-1..1) of the effect in the capital where it was pressed "
        "that this one moves too; negative: it moves the other way",
    )
    description: str = Field(default="", description="why the argument carries, in one line")
    sources: list[Source] = Field(default_factory=list)


class PromiseKeeping(Strict):
    """What keeps a promise: a contact by the side that made it, on a topic, within some weeks."""

    within: int = Field(ge=1, le=12, description="weeks after it is made that the promise falls due")
    topic: Ident = Field(description="the topic of the call, visit or deputy's call that keeps it")
    at: list[str] = Field(
        default_factory=list,
        description="capitals (country codes or group ids) a contact in keeps it, e.g. the gas producers for a "
        "promise of deliveries; omit: the capital it was made to",
    )


class PromiseBroken(Strict):
    """What breaking a promise costs in the capital it was made to."""

    shift: float = Field(ge=0, le=30, description="alignment points the capital moves away from the side")
    mistrust: float = Field(ge=0, le=1, description="share of the effect of the side's contacts there that is lost")
    weeks: int = Field(ge=0, le=12, description="weeks the mistrust lasts")


class Promise(Strict):
    """A pledge a side may attach to a call or a visit of its principal: the capital believes it (the contact
    moves it more), and it must be kept by a contact within some weeks or it is broken (the capital moves away
    and trusts the side's word less for a while)."""

    id: Ident
    by: ActorCode = Field(description="the side that may make it")
    name: str = Field(min_length=3, max_length=80, description="what is promised, e.g. 'a follow-up consultation'")
    description: str = Field(default="", description="what the pledge means, in one line")
    topics: list[Ident] = Field(min_length=1, description="the topics of the calls and visits it may go with")
    to: list[str] = Field(min_length=1, description="the capitals it may be made to: country codes or group ids")
    boost: float = Field(ge=0, le=2, description="share added to the effect of the contact that makes it")
    keep: PromiseKeeping = Field(description="what keeps it, and by when")
    kept: float = Field(default=0.0, ge=0, le=20, description="alignment points toward the side when it is kept")
    broken: PromiseBroken = Field(description="what breaking it costs")
    sources: list[Source] = Field(default_factory=list)
    public_sources: list[PublicSource] = Field(default_factory=list)


class Scenario(Strict):
    format: Literal[2] = Field(description="format version of this file (2: the commitment ladder as `rungs`)")
    extends: str | None = Field(
        default=None,
        description="another scenario (a bundled name or a path relative to this file) whose content this one "
        "inherits; this file's keys override it",
    )
    id: Ident
    title: str
    subtitle: str = ""
    summary: str
    role: str = Field(description="the player's role card")
    objectives: list[str] = Field(min_length=1)
    calendar: Calendar
    seeds: list[str] = Field(min_length=1, description="the seed files this scenario is built from")
    player: ActorCode
    rival: ActorCode
    actors: dict[ActorCode, Actor]
    deputies: dict[Ident, Deputy] = Field(default_factory=dict)
    topics: dict[Ident, Topic] = Field(min_length=1)
    default_interest: float = Field(default=0.3, ge=-3, le=3, description="interest in a topic a country omits")
    tie_kinds: dict[Ident, TieKind] = Field(default_factory=dict)
    tracks: dict[Ident, Track] = Field(default_factory=dict)
    regions: dict[Ident, Region] = Field(min_length=1)
    groups: dict[GroupCode, Group] = Field(default_factory=dict)
    countries: dict[CountryCode, Country] = Field(min_length=1)
    dynamics: Dynamics
    commitments: CommitmentRules
    events: list[Event] = Field(default_factory=list)
    escalations: list[Escalation] = Field(
        default_factory=list,
        description="moves the rival may raise to change what is at stake, each at most once a crisis",
    )
    injects: list[Inject] = Field(
        default_factory=list,
        description="prepared news the teacher releases when they choose (the class server's teacher page): "
        "what-ifs with the events' effects, each cited; omit: none",
    )
    playbooks: dict[ActorCode, Playbook] = Field(default_factory=dict)
    calibration: Calibration = Field(default_factory=Calibration)
    real_outcomes: RealOutcomes | None = Field(
        default=None,
        description="what really happened after the crisis's end, beyond the articles, each with a public source",
    )
    settings: TeacherSettings | None = Field(
        default=None, description="teacher settings a game starts with; omit: normal difficulty, every week, no fog"
    )
    echoes: list[Echo] = Field(
        default_factory=list,
        description="arguments heard beyond the capital they are pressed in: pressing sanctions in Berlin is heard "
        "in Budapest and Rome; omit: every argument stays where it is made",
    )
    promises: list[Promise] = Field(
        default_factory=list,
        description="pledges a side may attach to a call or a visit (a follow-up consultation, deliveries): a bigger "
        "shift now, and a contact owed by a due week or a penalty; omit: no promises",
    )
    tutorial: list[TutorialStep] = Field(
        default_factory=list,
        description="a guided tutorial: cards shown one after another that point at the controls and go on when "
        "the player does what they ask; omit: no tutorial",
    )
