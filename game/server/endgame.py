"""The student's routes for "Ask your staff", the news feed and the end of the game (the debrief and the
after-action report), kept apart from ``app.py`` so that the app only mounts them.

| method | path | does |
|---|---|---|
| `GET` | `/api/staff` | the staff's suggestions for the seat's orders now (in a worker thread, kept per seat) |
| `POST` | `/api/staff/orders` | `{"suggestion": n, "question": mark, "week": w}`: add one, counted as the staff's |
| `GET` | `/api/news` | the seat's news feed: events, promises kept and broken, the other side's last moves |
| `GET` | `/api/debrief` | the end of the crisis: score, tier, who won, the end positions, what moved and why |
| `GET` | `/report` | the after-action report, the printable page of ``python -m game report`` |
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .debrief import Debriefs
from .news import news_view
from .room import ApiError, ClassRoom
from .staff import StaffDesk

# The report is a page of its own: no script at all, its own inline style, pictures only as inline SVG.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


class StaffAddBody(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    suggestion: int = Field(ge=0, le=100)
    question: str = Field(min_length=1, max_length=64)
    week: int | None = Field(default=None, ge=0, le=1000)


def endgame_routes(room: ClassRoom, *, run, locked, seat_of, api, read_body, notices, state) -> list[Route]:
    """The routes, given the app's helpers: ``run`` (a worker thread), ``locked`` (a view under the room's lock),
    ``seat_of``, ``api`` (errors as JSON), ``read_body``, the ``notices`` and the ``state`` endpoint."""
    desk = StaffDesk(room)
    debriefs = Debriefs(room)

    async def staff(request: Request) -> Response:
        seat = seat_of(request)
        return JSONResponse(await desk.ask(seat))

    async def staff_add(request: Request) -> Response:
        seat = seat_of(request)
        body = await read_body(request, StaffAddBody)
        await run(desk.take, seat, body.suggestion, body.question, body.week)
        await notices.send("class", game=seat.game_id)
        return await state(request)

    async def news(request: Request) -> Response:
        seat = seat_of(request)
        return JSONResponse(await locked(news_view, room, seat))

    async def debrief(request: Request) -> Response:
        seat = seat_of(request)
        return JSONResponse(await run(debriefs.view, seat))

    async def report(request: Request) -> Response:
        try:
            seat = seat_of(request)
            text = await run(debriefs.report, seat)
        except ApiError as exc:
            return JSONResponse({"error": exc.message, "where": exc.where}, status_code=exc.status)
        return HTMLResponse(text, headers={"content-security-policy": REPORT_CSP})

    desk_routes = [
        Route("/api/staff", api(staff)),
        Route("/api/staff/orders", api(staff_add), methods=["POST"]),
        Route("/api/news", api(news)),
        Route("/api/debrief", api(debrief)),
        Route("/report", report),
    ]
    return desk_routes
