"""Cross-reference checks of a validated scenario document: every name it refers to exists, every date is in
the crisis, every cited passage is in its seed article.  Each check reports a Problem at the line and column
of the offending value, and all run before anything is compiled, so an author sees every mistake at once."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from game.engine.events import CONDITIONS, EFFECTS, Param

from . import models as m
from .echoes import check_echoes
from .hints import passage_hint
from .injects import check_injects
from .problems import did_you_mean
from .promises import check_promises
from .tutorial import check_tutorial

Path_ = tuple  # a document path such as ("countries", "DEU", "ties")
Report = Callable[[Path_, str, str, str], None]  # (path, severity, code, message)


# ----------------------------------------------------------------------------------------------- seeds


def normalise_text(text: str) -> str:
    """Fold the differences that do not matter when finding a passage: quotes, dashes, spacing, case."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "…": "..."}))
    return re.sub(r"\s+", " ", text).strip().casefold()


class SeedLibrary:
    """The seed articles, read once, for checking that cited passages exist."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._cache: dict[str, str | None] = {}

    def text(self, name: str) -> str | None:
        if name not in self._cache:
            path = self.folder / name if self.folder else None
            try:
                self._cache[name] = normalise_text(path.read_text(encoding="utf-8")) if path else None
            except (OSError, UnicodeDecodeError, ValueError):
                self._cache[name] = None
        return self._cache[name]

    def names(self) -> list[str]:
        if not self.folder or not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.glob("*.txt"))

    def looked_in(self) -> str:
        """Where seed files are looked for, to say so when one is missing."""
        return str(self.folder) if self.folder else "no seeds folder"


# ------------------------------------------------------------------------------------------ checking


class _Checker:
    def __init__(self, doc: m.Scenario, report: Report, seeds: SeedLibrary):
        self.doc, self.report, self.seeds = doc, report, seeds
        self.countries = list(doc.countries)
        self.groups = list(doc.groups)
        self.topics = list(doc.topics)
        self.actors = list(doc.actors)
        self.deputies = list(doc.deputies)
        self.regions = list(doc.regions)
        self.ties = list(doc.tie_kinds)
        self.events = [e.id for e in doc.events]

    def ref(self, path: Path_, value: str, choices: Sequence[str], what: str) -> bool:
        if value in choices:
            return True
        self.report(path, "error", "E201", f"unknown {what} '{value}'{did_you_mean(value, choices)}")
        return False

    def date(self, path: Path_, value: dt.date) -> None:
        cal = self.doc.calendar
        end = cal.start + dt.timedelta(days=7 * cal.weeks - 1)
        if not cal.start <= value <= end:
            self.report(
                path,
                "warning",
                "W305",
                f"date {value.isoformat()} is outside the crisis ({cal.start} to {end}); it will never happen",
            )

    def sources(self, path: Path_, sources: Sequence[m.Source]) -> None:
        known = self.seeds.names()
        for i, src in enumerate(sources):
            where = path + (i,)
            if src.seed not in self.doc.seeds:
                self.report(
                    where + ("seed",),
                    "error",
                    "E201",
                    f"seed '{src.seed}' is not listed in this scenario's seeds{did_you_mean(src.seed, self.doc.seeds)}",
                )
                continue
            text = self.seeds.text(src.seed)
            if text is None:
                if known:
                    message = f"seed file '{src.seed}' not found in {self.seeds.looked_in()}"
                    self.report(where + ("seed",), "warning", "W304", message)
                continue
            if normalise_text(src.passage) not in text:
                self.report(
                    where + ("passage",),
                    "warning",
                    "W301",
                    f"passage not found in {src.seed}: '{src.passage[:60]}'"
                    + passage_hint(normalise_text(src.passage), text),
                )

    def run(self) -> None:
        doc = self.doc
        for i, seed in enumerate(doc.seeds):
            known = self.seeds.names()
            if known and seed not in known:
                message = f"seed file '{seed}' not found in {self.seeds.looked_in()}{did_you_mean(seed, known)}"
                self.report(("seeds", i), "warning", "W304", message)
        cal = doc.calendar
        if cal.resolves < cal.start:
            self.report(("calendar", "resolves"), "error", "E202", "the crisis resolves before it starts")
        turns = doc.settings.turns if doc.settings is not None else None
        if turns is not None and turns > cal.weeks:
            self.report(
                ("settings", "turns"),
                "error",
                "E202",
                f"settings.turns is {turns}, more than the crisis's {cal.weeks} weeks (choose 1 to {cal.weeks}, "
                "or leave it out to play every week)",
            )
        for key in ("player", "rival"):
            self.ref((key,), getattr(doc, key), self.actors, "actor")
        if doc.player == doc.rival:
            self.report(("rival",), "error", "E203", "the rival must be another actor than the player")
        for code, actor in doc.actors.items():
            self.sources(("actors", code, "sources"), actor.sources)
        both = doc.player in doc.actors and doc.rival in doc.actors
        if both and doc.actors[doc.player].sign == doc.actors[doc.rival].sign:
            self.report(("actors", doc.rival, "sign"), "error", "E203", "player and rival pull the same way")
        for name, dep in doc.deputies.items():
            self.ref(("deputies", name, "actor"), dep.actor, self.actors, "actor")
            if dep.specialty is not None:
                self.ref(("deputies", name, "specialty"), dep.specialty, self.topics, "topic")
            self.sources(("deputies", name, "sources"), dep.sources)
        for name, topic in doc.topics.items():
            for actor in topic.leverage:
                self.ref(("topics", name, "leverage", actor), actor, self.actors, "actor")
            for track in topic.tracks:
                self.ref(("topics", name, "tracks", track), track, list(doc.tracks), "track")
            self.sources(("topics", name, "sources"), topic.sources)
        for name, track in doc.tracks.items():
            if track.points > 0 and track.goal is None:
                self.report(
                    ("tracks", name, "points"), "error", "E203", f"track '{name}' scores points but has no goal"
                )
            self.sources(("tracks", name, "sources"), track.sources)
        for gid, group in doc.groups.items():
            for i, c in enumerate(group.members):
                self.ref(("groups", gid, "members", i), c, self.countries, "country")
            for i, a in enumerate(group.conveners):
                self.ref(("groups", gid, "conveners", i), a, self.actors, "actor")
            self.sources(("groups", gid, "sources"), group.sources)
        for code, c in doc.countries.items():
            base = ("countries", code)
            if code in doc.actors:
                self.report(base, "error", "E203", f"{code} is an actor; it cannot also be a country to win over")
            self.ref(base + ("region",), c.region, self.regions, "region")
            for tie in c.ties:
                self.ref(base + ("ties", tie), tie, self.ties, "tie kind")
            for topic in c.interests:
                self.ref(base + ("interests", topic), topic, self.topics, "topic")
            for rung_id, value in c.thresholds.items():
                self.country_lines(base + ("thresholds", rung_id), rung_id, value)
            if not c.sources and not c.added:
                self.report(base, "warning", "W302", f"country {code} has no sources (mark it `added: true`?)")
            self.sources(base + ("sources",), c.sources)
        self.ladder()
        tiers = [t.min_score for t in doc.commitments.tiers]
        if 0.0 not in tiers:
            self.report(("commitments", "tiers"), "error", "E203", "one tier must have min_score 0 (the floor)")
        seen: dict[str, int] = {}
        for i, ev in enumerate(doc.events):
            if ev.id in seen:
                self.report(("events", i, "id"), "error", "E203", f"event id '{ev.id}' is used twice")
            seen[ev.id] = i
            if ev.date is not None:
                self.date(("events", i, "date"), ev.date)
            elif not ev.when:
                self.report(("events", i), "error", "E203", f"event '{ev.id}' has neither a date nor conditions")
            for j, cond in enumerate(ev.when):
                self.registry_item(("events", i, "when", j), cond, CONDITIONS, "condition")
            for j, eff in enumerate(ev.effects):
                self.registry_item(("events", i, "effects", j), eff, EFFECTS, "effect")
            self.sources(("events", i, "sources"), ev.sources)
        self.escalations(seen)
        check_injects(doc, self.report, self.sources, self.registry_item)
        for actor, book in doc.playbooks.items():
            if not self.ref(("playbooks", actor), actor, self.actors, "actor"):
                continue
            for i, entry in enumerate(book.documented):
                self.playbook_entry(("playbooks", actor, "documented", i), actor, entry)
            for i, line in enumerate(book.outreach):
                base = ("playbooks", actor, "outreach", i)
                self.ref(base + ("to",), line.to, self.countries, "country")
                if self.ref(base + ("topic",), line.topic, self.topics, "topic"):
                    self.leverage(base + ("topic",), actor, line.topic)
                self.sources(base + ("sources",), line.sources)

        cal = doc.calibration
        for i, check in enumerate(cal.checks):
            base = ("calibration", "checks", i)
            self.ref(base + ("country",), check.country, self.countries, "country")
            for key in ("above", "below"):
                if getattr(check, key) is not None:
                    self.ref(base + (key,), getattr(check, key), self.countries, "country")
            for key in check.commitments:
                self.commitment_key(base + ("commitments", key), key)
            if check.week is not None and check.week > doc.calendar.weeks:
                self.report(base + ("week",), "error", "E202", f"week {check.week} is after the crisis")
            self.sources(base + ("sources",), check.sources)
        self.real_outcomes()
        check_echoes(doc, self.report, self.sources)
        check_promises(doc, self.report, self.sources)
        check_tutorial(doc, self.report, self.ref)

    def escalations(self, event_ids: dict[str, int]) -> None:
        """The rival's escalations: events only their side sets off, so they are checked as events are, and
        each must cite what it rests on (a seed passage or a public record)."""
        seen: dict[str, int] = {}
        for i, esc in enumerate(self.doc.escalations):
            base: Path_ = ("escalations", i)
            if esc.id in seen or esc.id in event_ids:
                self.report(base + ("id",), "error", "E203", f"escalation id '{esc.id}' is used twice")
            seen[esc.id] = i
            self.ref(base + ("by",), esc.by, self.actors, "actor")
            for key in ("earliest", "history"):
                if getattr(esc, key) is not None:
                    self.date(base + (key,), getattr(esc, key))
            if esc.history is not None and esc.earliest is not None and esc.history < esc.earliest:
                self.report(base + ("history",), "error", "E202", "history raised it before its earliest day")
            if not esc.sources and not esc.public_sources:
                self.report(
                    base, "error", "E203", f"escalation '{esc.id}' cites nothing (give sources or public_sources)"
                )
            for j, cond in enumerate(esc.when):
                self.registry_item(base + ("when", j), cond, CONDITIONS, "condition")
            for j, eff in enumerate(esc.effects):
                self.registry_item(base + ("effects", j), eff, EFFECTS, "effect")
            self.sources(base + ("sources",), esc.sources)

    def ladder(self) -> None:
        seen: set[str] = set()
        for i, rung in enumerate(self.doc.commitments.rungs):
            base = ("commitments", "rungs", i)
            if rung.id in seen:
                self.report(base + ("id",), "error", "E203", f"rung id '{rung.id}' is used twice")
            seen.add(rung.id)
            if rung.options is not None:
                for key in ("threshold", "points"):
                    if getattr(rung, key) is not None:
                        self.report(
                            base + (key,),
                            "error",
                            "E203",
                            f"rung '{rung.id}' is a vote: give each option its own {key}, not the rung",
                        )
                ids = [o.id for o in rung.options]
                for j, option in enumerate(rung.options):
                    if ids.index(option.id) != j:
                        self.report(base + ("options", j, "id"), "error", "E203", f"option '{option.id}' twice")
                if rung.options[0].threshold is not None:
                    self.report(
                        base + ("options", 0, "threshold"),
                        "error",
                        "E203",
                        f"'{rung.options[0].id}' is where a country stands below every line: it takes no threshold",
                    )
            elif rung.points is None:
                self.report(base, "error", "E203", f"rung '{rung.id}' needs points (or options, for a vote)")
            for j, name in enumerate(rung.open_to or ()):
                self.ref(base + ("open_to", j), name, self.countries + self.groups, "country or group")
            self.sources(base + ("sources",), rung.sources)
            bloc = rung.bloc
            if bloc is None:
                continue
            if not self.ref(base + ("bloc", "group"), bloc.group, self.groups, "group"):
                continue
            members = self.doc.groups[bloc.group].members
            if bloc.rule == "leader" and bloc.leader is None:
                self.report(base + ("bloc",), "error", "E203", "a bloc that follows a leader names its leader")
            if bloc.leader is not None and bloc.leader not in members:
                self.report(
                    base + ("bloc", "leader"), "error", "E203", f"the leader {bloc.leader} is not in {bloc.group}"
                )

    def real_outcomes(self) -> None:
        real = self.doc.real_outcomes
        if real is None:
            return
        if real.as_of < self.doc.calendar.resolves:
            self.report(("real_outcomes", "as_of"), "error", "E202", "as_of is before the crisis resolves")
        seen: set[tuple[str, str]] = set()
        for i, outcome in enumerate(real.outcomes):
            base = ("real_outcomes", "outcomes", i)
            self.ref(base + ("country",), outcome.country, self.countries, "country")
            rung = self._rung(base + ("rung",), outcome.rung)
            if (outcome.country, outcome.rung) in seen:
                self.report(base, "error", "E203", f"{outcome.country} has two real outcomes on '{outcome.rung}'")
            seen.add((outcome.country, outcome.rung))
            if outcome.date < self.doc.calendar.start:
                self.report(base + ("date",), "error", "E202", "a real outcome before the crisis starts")
            if rung is None:
                continue
            if rung.options is not None:
                if outcome.option is None or outcome.made is not None:
                    self.report(base, "error", "E203", f"'{rung.id}' is a vote: give the `option` it took")
                else:
                    self.ref(base + ("option",), outcome.option, [o.id for o in rung.options], f"option of {rung.id}")
            elif outcome.made is None or outcome.option is not None:
                self.report(base, "error", "E203", f"'{rung.id}' is a pledge: say whether it was `made`")
        for i, total in enumerate(real.totals):
            base = ("real_outcomes", "totals", i)
            rung = self._rung(base + ("rung",), total.rung)
            if rung is None:
                continue
            for option in total.counts:
                self.ref(
                    base + ("counts", option),
                    option,
                    [o.id for o in rung.options or ()] or ["no", "yes"],
                    f"option of {rung.id}",
                )

    def _rung(self, path: Path_, rung_id: str) -> m.Rung | None:
        rungs = [r.id for r in self.doc.commitments.rungs]
        if not self.ref(path, rung_id, rungs, "rung"):
            return None
        return self.doc.commitments.rung(rung_id)

    def country_lines(self, path: Path_, rung_id: str, value) -> None:
        rung = self._rung(path, rung_id)
        if rung is None or value is None:
            return
        if rung.options is None and isinstance(value, dict):
            self.report(path, "error", "E203", f"rung '{rung_id}' is a pledge: give one number, or null to close it")
        elif rung.options is not None and not isinstance(value, dict):
            options = ", ".join(o.id for o in rung.options[1:])
            self.report(path, "error", "E203", f"rung '{rung_id}' is a vote: give {{option: number}} ({options})")
        elif isinstance(value, dict):
            options = [o.id for o in rung.options]
            for option in value:
                self.ref(path + (option,), option, options[1:], f"option of {rung_id}")

    def commitment_key(self, path: Path_, key: str) -> None:
        rung_id, _, option = key.partition(".")
        rung = self._rung(path, rung_id)
        if rung is None:
            return
        if rung.options is None and option:
            self.report(path, "error", "E203", f"rung '{rung_id}' is a pledge: name it alone ('{rung_id}')")
        elif rung.options is not None:
            options = [o.id for o in rung.options]
            if not option:
                self.report(
                    path, "error", "E203", f"rung '{rung_id}' is a vote: name an option ('{rung_id}.{options[-1]}')"
                )
            else:
                self.ref(path, option, options, f"option of {rung_id}")

    def leverage(self, path: Path_, actor: str, topic: str) -> None:
        if self.doc.topics[topic].leverage.get(actor, 0.0) <= 0:
            self.report(path, "error", "E203", f"{actor} has no leverage on topic '{topic}' and cannot raise it")

    def playbook_entry(self, base: Path_, actor: str, e: m.PlaybookEntry) -> None:
        self.date(base + ("date",), e.date)
        if self.ref(base + ("topic",), e.topic, self.topics, "topic") and e.kind != "engage":
            self.leverage(base + ("topic",), actor, e.topic)
        targets = e.to if isinstance(e.to, list) else [e.to]
        if e.kind == "engage":
            rival = self.doc.rival if actor == self.doc.player else self.doc.player
            if e.to != rival:
                self.report(base + ("to",), "error", "E203", f"an engage contact goes to the other side, '{rival}'")
            if actor in self.doc.actors and not self.doc.actors[actor].engage:
                self.report(base + ("kind",), "error", "E203", f"{actor} has `engage: false`; set it to true")
            if e.topic in self.doc.topics and not self.doc.topics[e.topic].tracks:
                self.report(base + ("topic",), "error", "E203", f"topic '{e.topic}' moves no track when raised")
            if (
                e.deputy is not None
                and self.ref(base + ("deputy",), e.deputy, self.deputies, "deputy")
                and self.doc.deputies[e.deputy].actor != actor
            ):
                self.report(base + ("deputy",), "error", "E203", f"{e.deputy} does not work for {actor}")
            self.sources(base + ("sources",), e.sources)
            return
        if e.kind == "multilateral":
            if isinstance(e.to, list) or not self.ref(base + ("to",), e.to, self.groups, "group"):
                return
            if actor not in self.doc.groups[e.to].conveners:
                self.report(base + ("to",), "error", "E203", f"{actor} cannot convene {e.to}")
            return
        for i, c in enumerate(targets):
            self.ref(base + (("to", i) if isinstance(e.to, list) else ("to",)), c, self.countries, "country")
        if e.kind in ("call", "deputy_call") and len(targets) != 1:
            self.report(base + ("to",), "error", "E203", f"a {e.kind} has exactly one country")
        if e.kind == "visit":
            regions = {self.doc.countries[c].region for c in targets if c in self.doc.countries}
            if len(regions) > 1:
                self.report(base + ("to",), "error", "E203", "a trip chains capitals of one region only")
            if len(targets) > self.doc.dynamics.visit_max_stops:
                self.report(base + ("to",), "error", "E203", "too many stops for one trip")
        if e.kind == "deputy_call":
            if e.deputy is None:
                self.report(base, "error", "E101", "missing field 'deputy' for a deputy_call")
            elif (
                self.ref(base + ("deputy",), e.deputy, self.deputies, "deputy")
                and self.doc.deputies[e.deputy].actor != actor
            ):
                self.report(base + ("deputy",), "error", "E203", f"{e.deputy} does not work for {actor}")
        elif e.deputy is not None:
            self.report(base + ("deputy",), "error", "E203", "only a deputy_call names a deputy")
        self.sources(base + ("sources",), e.sources)

    def registry_item(self, path: Path_, item: dict, registry: dict, what: str) -> None:
        if len(item) != 1:
            self.report(path, "error", "E204", f"a {what} is a mapping with exactly one name, e.g. {{shift: {{...}}}}")
            return
        ((name, params),) = item.items()
        if name not in registry:
            self.report(path + (name,), "error", "E204", f"unknown {what} '{name}'{did_you_mean(name, registry)}")
            return
        spec = registry[name]
        known = {p.name: p for p in spec.params}
        for key in params:
            if key not in known:
                self.report(
                    path + (name, key),
                    "error",
                    "E204",
                    f"{what} '{name}' takes no parameter '{key}'{did_you_mean(key, known)}",
                )
        for p in spec.params:
            if p.name not in params:
                if p.default is None:
                    self.report(path + (name,), "error", "E204", f"{what} '{name}' needs parameter '{p.name}'")
                continue
            if p.kind == "option":
                self.option_param(path + (name, p.name), params.get("rung"), params[p.name])
            else:
                self.param(path + (name, p.name), p, params[p.name])

    def option_param(self, path: Path_, rung_id, value) -> None:
        if not isinstance(rung_id, str) or rung_id not in [r.id for r in self.doc.commitments.rungs]:
            return  # the rung's own problem is reported where it is
        options = [o.id for o in self.doc.commitments.rung(rung_id).options or ()] or ["no", "yes"]
        if not isinstance(value, str):
            self.report(path, "error", "E103", f"option: expected an option of {rung_id} ({', '.join(options)})")
        else:
            self.ref(path, value, options, f"option of {rung_id}")

    def param(self, path: Path_, p: Param, value) -> None:
        def bad(expect: str) -> None:
            self.report(path, "error", "E103", f"{p.name}: expected {expect}, got {value!r}")

        if p.kind == "countries":
            values = value if isinstance(value, list) else [value]
            for i, v in enumerate(values):
                where = path + (i,) if isinstance(value, list) else path
                if not isinstance(v, str):
                    bad("country codes or group ids")
                elif v not in self.countries and v not in self.groups:
                    self.report(
                        where,
                        "error",
                        "E201",
                        f"unknown country or group '{v}'{did_you_mean(v, self.countries + self.groups)}",
                    )
            return
        choices = {
            "country": (self.countries, "country"),
            "topic": (self.topics, "topic"),
            "actor": (self.actors, "actor"),
            "deputy": (self.deputies, "deputy"),
            "tie": (self.ties, "tie kind"),
            "event": (self.events, "event"),
            "track": (list(self.doc.tracks), "track"),
            "rung": ([r.id for r in self.doc.commitments.rungs], "rung"),
            "resource": (["calls", "visits"], "resource"),
        }
        if p.kind in choices:
            names, what = choices[p.kind]
            if not isinstance(value, str):
                bad(f"a {what} id")
            else:
                self.ref(path, value, names, what)
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            bad("a number")
            return
        if p.kind == "integer" and not float(value).is_integer():
            bad("a whole number")
            return
        lo = p.minimum if p.minimum is not None else -np.inf
        hi = p.maximum if p.maximum is not None else np.inf
        if not lo <= value <= hi:
            bad(f"a number from {p.minimum} to {p.maximum}")


def check_references(doc: m.Scenario, report: Report, seeds: SeedLibrary) -> None:
    _Checker(doc, report, seeds).run()
