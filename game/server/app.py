"""The class server's web application (Starlette): the student and teacher pages, the JSON API and the
websocket of notices.  The design, the security model and the API are in ``docs/class-server.md``.

Every request passes the guard first (a body at most ``MAX_BODY`` bytes, a token bucket per client address);
every body is JSON of bounded depth, validated by a pydantic model; every student request is authorised by its
seat token and every teacher request by the teacher's key.  The class's work runs in a worker thread under the
room's lock, so a week being resolved never holds up the event loop that answers everyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import time
from functools import partial
from pathlib import Path
from typing import Literal
from urllib.parse import quote

import anyio
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.worldmap import load_world_map

from .endgame import endgame_routes
from .mapsvg import map_svg
from .results import ResultsCache, results_pass
from .room import ApiError, ClassRoom

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 16 * 1024
MAX_DEPTH = 8
SEAT_COOKIE = "ftz_seat"
RESULTS_COOKIE, RESULTS_PATH = "ftz_results", "/teacher/results"
BURST, PER_SECOND = 60.0, 20.0  # each client address's token bucket
MAX_CLIENTS = 4096  # buckets kept; the oldest go first (a class is 30 students, not thousands)
SECURITY_HEADERS = {
    # Only the game's own files, so an injected tag could load nothing and run nothing.
    "content-security-policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


# ------------------------------------------------------------------------------------------- bodies


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SeatChoice(_Strict):
    game: int = Field(ge=1, le=2**31)
    side: str = Field(max_length=10)
    role: str = Field(max_length=60)


class JoinBody(_Strict):
    code: str = Field(max_length=20)
    name: str = Field(max_length=200)
    seat: SeatChoice | None = None  # a free seat picked on the join page (teams); none: the next free one


class OrderFields(_Strict):
    kind: str = Field(max_length=20)
    topic: str = Field(max_length=60)
    targets: list[str] = Field(default_factory=list, max_length=8)
    group: str | None = Field(default=None, max_length=40)
    deputy: str | None = Field(default=None, max_length=60)


class OrderBody(_Strict):
    order: OrderFields
    week: int | None = Field(default=None, ge=0, le=1000)


class ReadyBody(_Strict):
    ready: bool
    week: int | None = Field(default=None, ge=0, le=1000)


class EscalationBody(_Strict):
    escalation: str = Field(max_length=80)
    raised: bool
    week: int | None = Field(default=None, ge=0, le=1000)


class RepeatBody(_Strict):
    week: int | None = Field(default=None, ge=0, le=1000)


class MoveBody(_Strict):
    to: int = Field(ge=0, le=1000)
    week: int | None = Field(default=None, ge=0, le=1000)


class StandingBody(_Strict):
    deputy: str = Field(max_length=60)
    country: str = Field(max_length=40)
    topic: str = Field(max_length=60)
    week: int | None = Field(default=None, ge=0, le=1000)


class StatusBody(_Strict):
    status: Literal["open", "paused", "ended"]


class TimerBody(_Strict):
    seconds: int = Field(ge=0, le=4 * 3600)


class InjectBody(_Strict):
    inject: str = Field(min_length=1, max_length=80)


def json_depth_exceeds(text: str, limit: int) -> bool:
    """Whether JSON text nests deeper than ``limit`` (brackets outside strings), checked before parsing so a
    deep document costs nothing to refuse."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


async def read_body(request: Request, model: type[BaseModel]) -> BaseModel:
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "send JSON (Content-Type: application/json)", "body")
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "the body is not UTF-8 text", "body") from None
    if json_depth_exceeds(text, MAX_DEPTH):
        raise ApiError(400, f"the JSON nests deeper than {MAX_DEPTH} levels", "body")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ApiError(400, f"the body is not JSON ({exc})", "body") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "body"
        raise ApiError(400, f"{where}: {first['msg']}", where) from None


def error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse({"error": exc.message, "where": exc.where}, status_code=exc.status)


# -------------------------------------------------------------------------------------------- guard


class Guard:
    """ASGI middleware in front of everything: the per-client token bucket, the body limit, and the security
    headers on every answer."""

    def __init__(self, app, clock=time.monotonic):
        self.app = app
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        now = self.clock()
        tokens, last = self.buckets.pop(client, (BURST, now))
        tokens = min(BURST, tokens + (now - last) * PER_SECOND)
        if len(self.buckets) >= MAX_CLIENTS:
            self.buckets.pop(next(iter(self.buckets)))
        if tokens < 1.0:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1.0, now)
        return True

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.allow(client):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await self._refuse(send, 429, "too many requests from this computer: wait a moment", {"retry-after": "1"})
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await self._refuse(send, 413, f"the request is larger than {MAX_BODY // 1024} KiB")
            return
        received = 0

        async def bounded_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY:
                    raise _TooLarge
            return message

        async def secured_send(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in names]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, bounded_receive, secured_send)
        except _TooLarge:
            await self._refuse(send, 413, f"the request is larger than {MAX_BODY // 1024} KiB")

    async def _refuse(self, send, status: int, message: str, headers: dict | None = None) -> None:
        body = json.dumps({"error": message, "where": "request"}).encode()
        extra = [(k.encode(), v.encode()) for k, v in {**SECURITY_HEADERS, **(headers or {})}.items()]
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
                + extra,
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


# ------------------------------------------------------------------------------------------ results

# A served report or class view: its own inline stylesheet and SVG charts; no script, nothing fetched.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


def _download(data: bytes, media_type: str, filename: str) -> Response:
    """A file to save: its name (a student's, in a replay's) as plain ASCII and, exactly, as RFC 6266's UTF-8."""
    plain = "".join(ch if ch.isascii() and (ch.isalnum() or ch in " .-_()") else "_" for ch in filename)
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


# --------------------------------------------------------------------------------------- notices


class Notices:
    """The open websockets, each with the game its seat plays (None: the teacher's page, which hears
    everything); a notice says only what changed, each page then asks for what it may see.

    A change to one game is told to that game's pages and the teacher's only: told to the whole class, every
    order of 30 students made 30 pages ask for their state again (benchmarks/bench_class.py: 20,000 requests
    in a crisis, the server's one core saturated)."""

    def __init__(self):
        self.sockets: dict[WebSocket, int | None] = {}

    async def send(self, kind: str, game: int | None = None, games: list[int] | None = None, **fields) -> None:
        """To every page, or with ``game``/``games`` to those games' pages and the teacher's."""
        to = None if game is None and games is None else {*(games or ()), *(() if game is None else (game,))}
        if game is not None:
            fields["game"] = game
        if games is not None:
            fields["games"] = games
        text = json.dumps({"notice": kind, **fields})
        for socket, playing in list(self.sockets.items()):
            if to is not None and playing is not None and playing not in to:
                continue
            try:
                await socket.send_text(text)
            except Exception:  # a closed or broken socket: it is dropped, the others still hear
                self.sockets.pop(socket, None)


# ------------------------------------------------------------------------------------------- the app


def create_app(
    room: ClassRoom, timer_interval: float = 1.0, student_url: str | None = None, clock=time.monotonic
) -> Starlette:
    """The class's web application.  ``student_url`` is the address printed for the students (the QR code on
    the teacher's page shows it); without it, the address the page was opened at."""
    notices = Notices()
    world_svg: dict[str, str] = {}

    async def run(fn, *args):
        """The room's work in a worker thread (its lock keeps it one at a time)."""
        return await anyio.to_thread.run_sync(partial(fn, *args))

    def seat_of(request) -> object:
        token = request.headers.get("x-seat-token") or request.cookies.get(SEAT_COOKIE)
        return room.seat_for(token)

    def api(handler):
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except ApiError as exc:
                return error_response(exc)

        return endpoint

    # ------------------------------------------------------------------------------- student

    async def join(request: Request) -> Response:
        body = await read_body(request, JoinBody)
        choice = (body.seat.game, body.seat.side, body.seat.role) if body.seat else None
        seat, token = await run(room.join, body.code, body.name, choice)
        await notices.send("class", game=seat.game_id)
        response = JSONResponse({"token": token, "seat": {"name": seat.name, "side": seat.side, "role": seat.role}})
        response.set_cookie(SEAT_COOKIE, token, max_age=14 * 24 * 3600, httponly=True, samesite="strict")
        return response

    async def free_seats(request: Request) -> Response:
        # The class code is on the board: with it, anyone in the room may see which roles are still free.
        code = request.query_params.get("code", "")
        if len(code) > 20:
            raise ApiError(400, "code: at most 20 characters", "code")
        seats = await run(room.free_seats, code)
        return JSONResponse({"team": room.team, "two_sided": room.settings.two_sided, "seats": seats})

    def locked(fn, *args):
        """A view read under the room's lock, in a worker thread: a week being resolved holds the lock, and the
        event loop must not wait for it."""

        def read():
            with room.lock:
                return fn(*args)

        return run(read)

    async def state(request: Request) -> Response:
        from .views import seat_view

        seat = seat_of(request)
        return JSONResponse(await locked(seat_view, room, seat))

    async def dossier(request: Request) -> Response:
        from .views import dossier as country_dossier
        from .views import talks

        seat = seat_of(request)
        code = request.path_params["code"]
        if code == "talks":
            return JSONResponse(await locked(talks, room, seat, _index_param(request, "editing")))
        countries = room.scenario.rules.countries
        if code not in countries:
            raise ApiError(404, "no such country in this crisis", "country")
        stops_text = request.query_params.get("stops", "")
        stops = [s for s in stops_text.split(",") if s] if len(stops_text) <= 40 else None
        if stops is None or len(stops) > 8 or any(s not in countries for s in stops):
            raise ApiError(400, "stops: a comma-separated list of this crisis's country codes", "stops")
        stop_indices = tuple(countries.index(s) for s in stops)
        editing = _index_param(request, "editing")
        return JSONResponse(await locked(country_dossier, room, seat, countries.index(code), stop_indices, editing))

    async def add_order(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, OrderBody)
        await run(room.add_order, seat, body.order.model_dump(), body.week)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def take_back(request: Request) -> Response:
        seat = seat_of(request)
        text = request.path_params["index"]
        if not text.isdigit() or len(text) > 4:
            raise ApiError(404, "no such order in the plan", "index")
        week = request.query_params.get("week")
        if week is not None and (not week.isdigit() or len(week) > 4):
            raise ApiError(400, "week must be a whole number", "week")
        await run(room.take_back, seat, int(text), int(week) if week is not None else None)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def ready(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, ReadyBody)
        resolved = await run(room.set_ready, seat, body.ready, body.week)
        await notices.send("week" if resolved else "class", game=seat.game_id)
        return await state(request)

    async def escalate(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, EscalationBody)
        await run(room.set_escalation, seat, body.escalation, body.raised, body.week)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    # ------------------------------------------------------------------- the week's plan

    def _index_param(request: Request, name: str) -> int | None:
        text = request.query_params.get(name)
        if text is None:
            return None
        if not text.isdigit() or len(text) > 4:
            raise ApiError(400, f"{name} must be a whole number", name)
        return int(text)

    def _order_index(request: Request) -> int:
        text = request.path_params["index"]
        if not text.isdigit() or len(text) > 4:
            raise ApiError(404, "no such order in the plan", "index")
        return int(text)

    async def with_state(request: Request, **extra) -> Response:
        from .views import seat_view

        seat = seat_of(request)
        return JSONResponse({**(await locked(seat_view, room, seat)), **extra})

    async def change_order(request: Request) -> Response:
        seat = seat_of(request)
        index = _order_index(request)
        body = await read_body(request, OrderBody)
        await run(room.replace_order, seat, index, body.order.model_dump(), body.week)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def move_order(request: Request) -> Response:
        seat = seat_of(request)
        index = _order_index(request)
        body = await read_body(request, MoveBody)
        await run(room.move_order, seat, index, body.to, body.week)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def repeat(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, RepeatBody)
        added, skipped = await run(room.repeat_last_week, seat, body.week)
        await notices.send("class", game=seat.game_id)
        session = room.sessions[seat.game_id]
        return await with_state(
            request,
            repeated={
                "added": [session.describe(o) for o in added],
                "skipped": [{"words": session.describe(s.order), "reason": s.refusal.words} for s in skipped],
            },
        )

    async def make_standing(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, StandingBody)
        words = await run(room.make_standing, seat, body.deputy, body.country, body.topic, body.week)
        await notices.send("class", game=seat.game_id)
        return await with_state(request, said=words)

    async def end_standing(request: Request) -> Response:
        seat = seat_of(request)
        deputy = request.path_params["deputy"]
        if len(deputy) > 60:
            raise ApiError(404, "no such deputy", "deputy")
        await run(room.clear_standing, seat, deputy, _index_param(request, "week"))
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def world_map(request: Request) -> Response:
        if "svg" not in world_svg:
            rules = room.scenario.rules
            world = await run(load_world_map)
            world_svg["svg"] = await run(map_svg, world, list(rules.countries), list(rules.labels.countries))
        return Response(world_svg["svg"], media_type="image/svg+xml", headers={"cache-control": "max-age=3600"})

    # ------------------------------------------------------------------------------- teacher

    def check_key(request: Request) -> None:
        room.check_teacher(request.headers.get("x-teacher-key"))

    async def teacher_class(request: Request) -> Response:
        from .views import teacher_view

        check_key(request)
        view = await locked(teacher_view, room)
        view["student_url"] = student_url or str(request.base_url)
        return JSONResponse(view)

    async def teacher_status(request: Request) -> Response:
        check_key(request)
        body = await read_body(request, StatusBody)
        await run(room.set_status, body.status)
        await notices.send("class")
        return await teacher_class(request)

    async def teacher_timer(request: Request) -> Response:
        check_key(request)
        body = await read_body(request, TimerBody)
        await run(room.set_timer, body.seconds)
        await notices.send("class")
        return await teacher_class(request)

    async def teacher_resolve(request: Request) -> Response:
        check_key(request)
        await read_body(request, _Strict)
        moved = await run(room.resolve_all)
        await notices.send("week", games=moved)
        return await teacher_class(request)

    async def teacher_inject(request: Request) -> Response:
        check_key(request)
        body = await read_body(request, InjectBody)
        await run(room.release_inject, body.inject)
        await notices.send("class")
        return await teacher_class(request)

    # ------------------------------------------------------------------------------- results

    results = ResultsCache(room)

    def check_results_key(request: Request) -> None:
        """The teacher's key in the header, or the results cookie its page was given with the key: the pages
        open as pages (their links and printing work) and the files download, the key never in an address."""
        cookie = request.cookies.get(RESULTS_COOKIE)
        if cookie and not request.headers.get("x-teacher-key"):
            good = results_pass(room.row.teacher_key)
            if len(cookie) == len(good) and hmac.compare_digest(cookie.encode("ascii", "replace"), good.encode()):
                return
        check_key(request)

    async def teacher_results(request: Request) -> Response:
        check_key(request)
        made = await run(results.get)
        response = JSONResponse({**made.index, "base": RESULTS_PATH + "/"})
        response.set_cookie(
            RESULTS_COOKIE,
            results_pass(room.row.teacher_key),
            max_age=14 * 24 * 3600,
            path=RESULTS_PATH,
            httponly=True,
            samesite="strict",
        )
        return response

    async def results_file(request: Request) -> Response:
        check_results_key(request)
        made = await run(results.get)
        name = request.path_params["path"]
        if name == made.index["zip"]:
            return _download(made.zip, "application/zip", made.index["zip_name"])
        data = made.files.get(name)
        if data is None:
            raise ApiError(404, "no such file in the class's results", "path")
        if name.endswith(".html"):
            # The pages are the printable reports: inline styles and SVG, no script, nothing fetched.
            return Response(
                data, media_type="text/html; charset=utf-8", headers={"content-security-policy": REPORT_CSP}
            )
        kind = "text/csv; charset=utf-8" if name.endswith(".csv") else "application/json"
        return _download(data, kind, name.rsplit("/", 1)[-1])

    # ------------------------------------------------------------------------------- pages

    async def student_page(request: Request) -> Response:
        return FileResponse(STATIC / "student.html", media_type="text/html")

    async def teacher_page(request: Request) -> Response:
        # The page itself holds no secret: the key stays in the address's #fragment and goes in a header.
        return FileResponse(STATIC / "teacher.html", media_type="text/html")

    async def student_qr(request: Request) -> Response:
        import io

        import segno

        out = io.BytesIO()
        segno.make(student_url or str(request.base_url), error="m").save(out, kind="svg", scale=6, dark="#1d2430")
        return Response(out.getvalue(), media_type="image/svg+xml")

    # ----------------------------------------------------------------------------- websocket

    async def socket(ws: WebSocket) -> None:
        await ws.accept()
        try:
            token = ws.cookies.get(SEAT_COOKIE)
            allowed, playing = False, None
            if token:
                with contextlib.suppress(ApiError):
                    playing = room.seat_for(token).game_id
                    allowed = True
            if not allowed:
                # The teacher's page (or a client without the cookie) proves itself in its first message.
                with anyio.fail_after(10):
                    first = await ws.receive_text()
                hello = json.loads(first) if len(first) <= 300 and not json_depth_exceeds(first, 2) else None
                if isinstance(hello, dict) and isinstance(hello.get("key"), str):
                    room.check_teacher(hello["key"])
                elif isinstance(hello, dict) and isinstance(hello.get("token"), str):
                    playing = room.seat_for(hello["token"]).game_id
                else:
                    raise ApiError(401, "say who you are", "socket")
            notices.sockets[ws] = playing
            await ws.send_text(json.dumps({"notice": "hello"}))
            while True:
                await ws.receive_text()  # nothing a client sends changes anything; it only keeps the line open
        except (WebSocketDisconnect, TimeoutError, ValueError):
            pass
        except ApiError:
            with contextlib.suppress(Exception):
                await ws.close(code=4401)
        finally:
            notices.sockets.pop(ws, None)

    # -------------------------------------------------------------------------------- timer

    async def watch_timer() -> None:
        while True:
            await asyncio.sleep(timer_interval)
            if room.deadline_passed(time.time()):
                try:
                    moved = await run(partial(room.resolve_all, timer=True))
                except ApiError:
                    continue
                await notices.send("week", games=moved)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        task = asyncio.create_task(watch_timer())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes = [
        Route("/", student_page),
        Route("/teacher", teacher_page),
        Route("/qr.svg", student_qr),
        Route("/api/join", api(join), methods=["POST"]),
        Route("/api/seats", api(free_seats)),
        Route("/api/state", api(state)),
        Route("/api/dossier/{code}", api(dossier)),
        Route("/api/orders", api(add_order), methods=["POST"]),
        Route("/api/orders/{index}", api(take_back), methods=["DELETE"]),
        Route("/api/ready", api(ready), methods=["POST"]),
        Route("/api/escalations", api(escalate), methods=["POST"]),
        Route("/api/orders/{index}", api(change_order), methods=["PUT"]),
        Route("/api/orders/{index}/move", api(move_order), methods=["POST"]),
        Route("/api/repeat", api(repeat), methods=["POST"]),
        Route("/api/standing", api(make_standing), methods=["POST"]),
        Route("/api/standing/{deputy}", api(end_standing), methods=["DELETE"]),
        Route("/api/teacher/class", api(teacher_class)),
        Route("/api/teacher/status", api(teacher_status), methods=["POST"]),
        Route("/api/teacher/timer", api(teacher_timer), methods=["POST"]),
        Route("/api/teacher/resolve", api(teacher_resolve), methods=["POST"]),
        Route("/api/teacher/injects", api(teacher_inject), methods=["POST"]),
        Route("/api/teacher/results", api(teacher_results)),
        Route(RESULTS_PATH + "/{path:path}", api(results_file)),
        Route("/map.svg", world_map),
        WebSocketRoute("/ws", socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    # "Ask your staff", the news feed, the debrief and the report (game/server/endgame.py).
    routes += endgame_routes(
        room, run=run, locked=locked, seat_of=seat_of, api=api, read_body=read_body, notices=notices, state=state
    )

    async def not_found(request: Request, exc) -> Response:
        message = f"this address does not take {request.method}" if exc.status_code == 405 else "no such page"
        return JSONResponse({"error": message, "where": "path"}, status_code=exc.status_code)

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: not_found},
    )
    app.state.room = room
    app.state.notices = notices
    return Guard(app, clock)  # ``clock``: the rate limit's, frozen in tests so a slow machine refills no bucket
