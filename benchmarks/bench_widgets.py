"""Benchmark (not a test): the map screen's dossier panel built twice, with pygame_gui and with our own toolkit
(``game/ui/widgets.py`` driven by the game's own frame loop, ``App.draw_frame``), in a 1280×720 window.

    python benchmarks/bench_widgets.py [--frames 400] [--rounds 3] [--driver x11|dummy] [--shots DIR]

The panel is the same in both: 40 text labels in eight fonts (Inter regular, semibold and bold and DejaVu Sans
for the symbols - the game's files in assets/fonts - at sizes 11 to 30), 10 buttons, a text box whose text is
three times its height (so it scrolls), at the places the game draws them.  For each toolkit it prints, in
milliseconds:

- ``idle``: a frame where nothing changes (the pointer rests on a button);
- ``hover``: the pointer moves from one button to another every frame (a hover change);
- ``text``: one label's text changes every frame (the alignment figure of the dossier), the pointer still;
- ``startup``: the toolkit made from nothing - our fonts and text cache, or pygame_gui's manager with its theme
  and the 51 elements - up to the first frame on the display; and the toolkit's own import.

Each frame is timed as a whole (median and p99), and split into ``work`` (the toolkit's share) and
``present`` (``pygame.display.update``/``flip``: sending pixels to the X server).  pygame_gui runs its
documented loop (events to ``process_events``, ``update``, background blit, ``draw_ui``, display update every
frame); ours runs the game's loop (a static layer redrawn only when something changed, hover and tooltips
drawn over it, only the changed rectangles sent).  Both read the same scripted pointer.

Each toolkit runs in its own process, ``--rounds`` times, alternating, so that both see the same machine
load; the frame times of all rounds are pooled, the start-up is the median of the rounds (each a cold start in
a fresh process).  Starts its own Xvfb when DISPLAY is not set (Debian package xvfb); without Xvfb, or with
``--driver dummy``, it measures with SDL's dummy driver (no X server: ``present`` is then a memory copy).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from xvfb import x_display

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 720)
KINDS = ("idle", "hover", "text")

# ---------------------------------------------------------------------------------------- the panel


def panel_spec() -> dict:
    """What the dossier panel holds and where (at 1280×720, scale 1): the same data for both toolkits."""
    from game.ui import theme as T

    left, top = 860, 60
    x, w = left + 14, 420 - 28
    labels: list[tuple[str, str, int, tuple, int, int]] = []  # text, style, size, colour, x, y
    buttons: list[tuple[str, str, tuple[int, int, int, int]]] = []  # id, label, rect
    buttons += [
        ("tab:countries", "Countries", (x, top + 14, 192, 34)),
        ("tab:dossier", "Germany", (x + 200, 74, 192, 34)),
    ]
    y = 116
    labels.append(("Germany", "bold", 24, T.TEXT, x, y))
    buttons.append(("close_dossier", "×", (x + w - 28, y + 2, 28, 28)))
    y += 32
    labels.append(("Western Europe · NATO allies, EU members, G7 partners", "regular", 12, T.TEXT_DIM, x, y))
    y += 18
    labels.append(("+12", "bold", 30, (146, 197, 222), x, y))  # the label the "text" frames change
    labels.append(("leans to Washington", "semibold", 15, T.TEXT, x + 70, y + 4))
    labels.append(("▲ +2.1 last week", "sym", 12, (120, 180, 240), x + 70, y + 24))
    y += 44
    labels.append(("ACT", "semibold", 11, T.TEXT_FAINT, x, y))
    y += 16
    bw = (w - 18) // 4
    for i, name in enumerate(("Call", "Visit", "Deputy", "Group")):
        buttons.append((f"kind:{name.lower()}", name, (x + i * (bw + 6), y, bw, 30)))
    y += 34
    buttons.append(("kind:engage", "Talk to Moscow", (x, y, w, 30)))
    y += 36
    labels.append(("A call from you: one of this week's calls.", "regular", 12, T.TEXT_DIM, x, y))
    y += 20
    labels.append(("TOPIC", "semibold", 11, T.TEXT_FAINT, x, y))
    labels.append(("ITS INTEREST", "semibold", 11, T.TEXT_FAINT, x + w - 78, y))
    y += 17
    topics = (
        ("Security and deterrence", "1.2"),
        ("Sanctions coordination", "0.7"),
        ("Energy supply", "1.4"),
        ("The China argument", "0.3"),
        ("Sovereignty and global norms", "1.0"),
        ("Dialogue and de-escalation", "0.9"),
        ("Trade and business", "1.1"),
        ("Defence cooperation", "0.6"),
        ("A new world order", "0.2"),
    )
    for t, (name, value) in enumerate(topics):
        labels.append((f"{t + 1}", "semibold", 12, T.ACCENT, x + 6, y + 2))
        labels.append((name, "regular", 13, T.TEXT, x + 22, y + 1))
        labels.append((value, "regular", 12, T.TEXT_DIM, x + w - 26, y + 2))
        y += 19
    y += 2
    labels.append(("POSITION", "semibold", 11, T.TEXT_FAINT, x, y))
    y += 16
    text_box = (x, y, w, 60)
    position = (
        "Germany is the largest buyer of Russian gas in Europe and the owner of half of Nord Stream 2. Its new "
        "government speaks of values in foreign policy, but the pipeline divides the coalition, and Berlin "
        "hesitates to send weapons to a war zone. Washington's outreach asks it to name the pipeline as a "
        "price of an invasion.\n“The new coalition agreed that the pipeline must meet European energy law "
        "before it can run.”\n— seeds/004_955fe242cd342df8.txt\n“Berlin said it would not send lethal "
        "weapons, citing its history.”\n— seeds/000_966678d371abad6d.txt"
    )
    y += 64
    buttons.append(("add", "Add this order", (x, y, w, 28)))
    y += 30
    labels.append(("Call Germany on Energy supply", "regular", 12, T.TEXT, x, y))
    y += 20
    labels.append(("THIS WEEK'S ORDERS (1)", "semibold", 12, T.TEXT_FAINT, x, y))
    y += 16
    labels.append(("1.  Visit Germany, France on Security and deterrence", "regular", 13, T.TEXT, x, y))
    buttons.append(("end_turn", "End week 1", (x, SIZE[1] - 10 - 34, w, 34)))
    return {
        "panel": (left, top, 420, SIZE[1] - top),
        "labels": labels,
        "buttons": buttons,
        "text_box": text_box,
        "text": position,
        "hover": [buttons[3][2], buttons[4][2]],  # the pointer goes between Call and Visit
        "changing": 2,  # the index of the "+12" label
    }


def centre(rect) -> tuple[int, int]:
    return (rect[0] + rect[2] // 2, rect[1] + rect[3] // 2)


def hex_colour(c) -> str:
    return "#{:02X}{:02X}{:02X}".format(*c)


# ------------------------------------------------------------------------------------ frame timing


class Presents:
    """Wraps pygame.display.update/flip to time what goes to the display (as benchmarks/bench_ui.py does)."""

    def __init__(self, pygame):
        self.pygame = pygame
        self.spent = 0.0
        self.real = (pygame.display.update, pygame.display.flip)

        def timed(fn):
            def wrapper(*args):
                t = time.perf_counter()
                fn(*args)
                self.spent += (time.perf_counter() - t) * 1000

            return wrapper

        pygame.display.update, pygame.display.flip = timed(self.real[0]), timed(self.real[1])

    def restore(self) -> None:
        self.pygame.display.update, self.pygame.display.flip = self.real


def measure(frame, frames: int, before=None, warmup: int = 30) -> dict:
    """Times ``frames`` calls of ``frame(i)`` (``before(i)`` untimed) after ``warmup`` untimed ones."""
    import pygame

    presents = Presents(pygame)
    total, present = [], []
    for i in range(warmup + frames):
        if before is not None:
            before(i)
        presents.spent = 0.0
        t = time.perf_counter()
        frame(i)
        if i >= warmup:
            total.append((time.perf_counter() - t) * 1000)
            present.append(presents.spent)
    presents.restore()
    return {"total": total, "present": present}


def distinct_colours(surface, rect) -> int:
    import numpy as np
    import pygame

    pixels = pygame.surfarray.array3d(surface.subsurface(rect))[::2, ::2].reshape(-1, 3).astype(np.int64)
    return len(np.unique(pixels @ np.array([65536, 256, 1])))


# ------------------------------------------------------------------------------------------ ours


def run_ours(frames: int, shots: str | None) -> dict:
    import pygame

    t = time.perf_counter()
    from game.ui import theme as T
    from game.ui.widgets import TextCache

    import_s = time.perf_counter() - t
    from game.ui.app import App, Screen  # the game's loop and window (and the whole game behind them)

    spec = panel_spec()
    state = {"value": 12}

    class Panel(Screen):
        name = "bench"

        def draw(self, ui) -> None:
            px, py, pw, ph = spec["panel"]
            ui.rect(pygame.Rect(px, py, pw, ph), T.PANEL)
            ui.line((px, py), (px, py + ph), T.LINE)
            for i, (text, style, size, colour, x, y) in enumerate(spec["labels"]):
                if i == spec["changing"]:
                    text = f"+{state['value']}"
                ui.text((x, y), text, style, size, colour)
            for id, label, rect in spec["buttons"]:
                kind = "primary" if id in ("add", "end_turn") else "ghost" if id == "close_dossier" else "secondary"
                ui.button(id, pygame.Rect(rect), label, kind=kind, selected=id in ("tab:dossier", "kind:call"))
            box = pygame.Rect(spec["text_box"])
            ui.begin_scroll("bench.text", box)
            bottom = ui.paragraph(box.x, box.y, box.width - 8, spec["text"], size=14)
            ui.end_scroll(bottom)

    with tempfile.TemporaryDirectory() as home:
        os.environ["FLOOD_THE_ZONE_HOME"] = home
        app = App(size=SIZE)  # the window, the world map, the title screen: not the toolkit, not timed
        t = time.perf_counter()
        app.fonts = T.Fonts()
        app.texts = TextCache(app.fonts)
        app.scrolls.clear()
        created = time.perf_counter()
        app.replace(Panel(app))
        app.fake_mouse = centre(spec["hover"][1])
        app.step()
        done = time.perf_counter()
        startup = {"toolkit_s": created - t, "first_frame_s": done - created, "total_s": done - t}
        hover = [centre(r) for r in spec["hover"]]
        panel = pygame.Rect(spec["panel"])
        colours = distinct_colours(app.window, panel)
        if shots:
            pygame.image.save(app.window, str(Path(shots) / "ours.png"))

        def step(i):
            app.step()

        results = {}
        app.fake_mouse = hover[1]
        results["idle"] = measure(step, frames)

        def move(i):
            app.fake_mouse = hover[i % 2]

        results["hover"] = measure(step, frames, before=move)
        app.fake_mouse = hover[1]

        def change(i):
            state["value"] = 10 + i % 7
            app.dirty = True  # what a handler does when the game's state changes

        results["text"] = measure(step, frames, before=change)
        driver = pygame.display.get_driver()
        pygame.display.quit()
    return {
        "toolkit": "ours",
        "import_s": import_s,
        "startup": startup,
        "frames": results,
        "panel_colours": colours,
        "video_driver": driver,
    }


# ------------------------------------------------------------------------------------- pygame_gui


def gui_theme(spec: dict) -> tuple[dict, dict]:
    """A pygame_gui theme in the game's colours and fonts, and the class id of each (style, size) used."""
    from game.assets import asset_path
    from game.ui import theme as T

    files = {style: str(asset_path("fonts", name)) for style, name in T.FONT_FILES.items()}

    def font(style: str, size: int) -> dict:
        return {"name": f"game-{style}", "size": str(size), "regular_path": files[style]}

    theme: dict = {
        "defaults": {
            "colours": {
                "normal_text": hex_colour(T.TEXT),
                "dark_bg": hex_colour(T.PANEL),
                "normal_bg": hex_colour(T.PANEL_3),
                "hovered_bg": hex_colour((60, 74, 96)),
                "active_bg": hex_colour((60, 74, 96)),
                "selected_bg": hex_colour((60, 74, 96)),
                "selected_text": hex_colour(T.ACCENT),
                "hovered_text": hex_colour(T.TEXT),
                "normal_border": hex_colour(T.LINE),
                "hovered_border": hex_colour(T.ACCENT),
                "selected_border": hex_colour(T.ACCENT),
            },
            "font": font("semibold", 14),
            "misc": {
                "shape": "rounded_rectangle",
                "shape_corner_radius": "6",
                "border_width": "1",
                "shadow_width": "0",
            },
        },
        "button": {"font": font("semibold", 14)},
        "text_box": {
            "colours": {"dark_bg": hex_colour(T.PANEL), "normal_border": hex_colour(T.PANEL)},
            "font": font("regular", 14),
            "misc": {"border_width": "0", "shadow_width": "0", "padding": "0,0"},
        },
        "@primary": {
            "colours": {"normal_bg": hex_colour(T.ACCENT), "hovered_bg": "#FFD27A", "normal_text": "#191919"},
        },
    }
    classes = {}
    for _text, style, size, colour, _x, _y in spec["labels"]:
        key = f"@{style}{size}-{hex_colour(colour)[1:]}"
        classes[(style, size, colour)] = key
        theme[key] = {
            "font": font(style, size),
            "colours": {"normal_text": hex_colour(colour), "dark_bg": hex_colour(T.PANEL)},
            "misc": {"text_horiz_alignment": "left", "text_horiz_alignment_padding": "0"},
        }
    return theme, classes


def run_gui(frames: int, shots: str | None) -> dict:
    import pygame

    t = time.perf_counter()
    import pygame_gui
    from pygame_gui.core import ObjectID
    from pygame_gui.elements import UIButton, UILabel, UITextBox

    import_s = time.perf_counter() - t
    from game.ui import theme as T

    spec = panel_spec()
    pointer = [centre(spec["hover"][1])]

    class Manager(pygame_gui.UIManager):
        """Reads the scripted pointer instead of the system's (the game's ``fake_mouse``, for both)."""

        def _update_mouse_position(self):
            self.mouse_position = pointer[0]

    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    window = pygame.display.set_mode(SIZE)
    background = pygame.Surface(SIZE)
    background.fill(T.BG)
    pygame.draw.rect(background, T.PANEL, spec["panel"])
    pygame.draw.line(background, T.LINE, spec["panel"][:2], (spec["panel"][0], SIZE[1]))
    theme, classes = gui_theme(spec)

    t = time.perf_counter()
    manager = Manager(SIZE, theme, enable_live_theme_updates=False)
    made = time.perf_counter()
    labels = []
    for text, style, size, colour, x, y in spec["labels"]:
        oid = ObjectID(class_id=classes[(style, size, colour)])
        labels.append(UILabel(pygame.Rect(x, y, -1, -1), text, manager, object_id=oid))
    for id, label, rect in spec["buttons"]:
        oid = ObjectID(object_id=f"#{id.replace(':', '_')}", class_id="@primary" if id in ("add", "end_turn") else None)
        button = UIButton(pygame.Rect(rect), label, manager, object_id=oid)
        if id in ("tab:dossier", "kind:call"):
            button.select()
    html = spec["text"].replace("\n", "<br>")
    UITextBox(html, pygame.Rect(spec["text_box"]), manager)
    built = time.perf_counter()

    def frame(i):
        for event in pygame.event.get():
            manager.process_events(event)
        manager.update(1 / 60)
        window.blit(background, (0, 0))
        manager.draw_ui(window)
        pygame.display.update()

    frame(0)
    done = time.perf_counter()
    startup = {
        "toolkit_s": built - t,
        "manager_and_theme_s": made - t,
        "elements_s": built - made,
        "first_frame_s": done - built,
        "total_s": done - t,
    }
    colours = distinct_colours(window, pygame.Rect(spec["panel"]))
    if shots:
        pygame.image.save(window, str(Path(shots) / "pygame_gui.png"))
    hover = [centre(r) for r in spec["hover"]]
    results = {"idle": measure(frame, frames)}

    def move(i):
        pointer[0] = hover[i % 2]

    results["hover"] = measure(frame, frames, before=move)
    pointer[0] = hover[1]
    changing = labels[spec["changing"]]

    def change(i):
        changing.set_text(f"+{10 + i % 7}")

    results["text"] = measure(frame, frames, before=change)
    driver = pygame.display.get_driver()
    pygame.display.quit()
    return {
        "toolkit": "pygame_gui",
        "version": pygame_gui.__version__ if hasattr(pygame_gui, "__version__") else metadata.version("pygame_gui"),
        "import_s": import_s,
        "startup": startup,
        "frames": results,
        "panel_colours": colours,
        "video_driver": driver,
    }


# ------------------------------------------------------------------------------------------ parent


@contextlib.contextmanager
def display(driver: str):
    """An X display for the children (an existing one, or our own Xvfb), or SDL's dummy driver."""
    if driver == "dummy":
        yield {"SDL_VIDEODRIVER": "dummy"}, "dummy"
        return
    with x_display("bench_widgets") as name:
        yield {"DISPLAY": name}, name


def child(toolkit: str, frames: int, env: dict, shots: str | None) -> dict:
    full = {k: v for k, v in os.environ.items() if not k.startswith("SDL_") and k != "DISPLAY"}
    full.update(env, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1", PYTHONPATH=str(ROOT))
    args = [sys.executable, __file__, "--child", toolkit, "--frames", str(frames)]
    if shots:
        args += ["--shots", shots]
    proc = subprocess.run(args, cwd=ROOT, env=full, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        sys.exit(f"bench_widgets: the {toolkit} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 3),
    }


def combine(runs: list[dict]) -> dict:
    out: dict = {"frames": {}}
    for kind in KINDS:
        total = [v for r in runs for v in r["frames"][kind]["total"]]
        present = [v for r in runs for v in r["frames"][kind]["present"]]
        work = [t - p for r in runs for t, p in zip(r["frames"][kind]["total"], r["frames"][kind]["present"])]
        out["frames"][kind] = {
            **summary(total),
            "median_work_ms": round(statistics.median(work), 3),
            "median_present_ms": round(statistics.median(present), 3),
        }
    for key in runs[0]["startup"]:
        out.setdefault("startup", {})[key] = round(statistics.median(r["startup"][key] for r in runs), 4)
    out["startup_runs_s"] = [round(r["startup"]["total_s"], 4) for r in runs]
    out["import_s"] = round(statistics.median(r["import_s"] for r in runs), 4)
    out["panel_colours"] = runs[0]["panel_colours"]
    out["video_driver"] = runs[0]["video_driver"]
    if "version" in runs[0]:
        out["version"] = runs[0]["version"]
    return out


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b > 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=400, help="timed frames of each kind, per round")
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per toolkit, alternating")
    parser.add_argument("--driver", choices=("x11", "dummy"), help="default: x11 if Xvfb or DISPLAY is there")
    parser.add_argument("--shots", help="save a PNG of each toolkit's panel into this folder")
    parser.add_argument("--child", choices=("ours", "pygame_gui"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.frames < 10 or args.rounds < 1:
        parser.error("--frames must be at least 10 and --rounds at least 1")
    sys.path.insert(0, str(ROOT))
    if args.child:
        run = run_ours if args.child == "ours" else run_gui
        print(json.dumps(run(args.frames, args.shots)))
        return 0
    try:
        requires = metadata.requires("pygame_gui") or []
    except metadata.PackageNotFoundError:
        sys.exit("bench_widgets: pygame_gui is not installed (pip install -e '.[bench]')")
    # The brief allows pygame-ce only: pygame_gui must build on it, and the original pygame must not be there.
    names = {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].strip().lower() for r in requires}
    if "pygame" in names or "pygame-ce" not in names:
        sys.exit(f"bench_widgets: pygame_gui requires {sorted(names)}: not pygame-ce alone")
    with contextlib.suppress(metadata.PackageNotFoundError):
        sys.exit(f"bench_widgets: the original pygame {metadata.version('pygame')} is installed beside pygame-ce")
    driver = args.driver or ("x11" if os.environ.get("DISPLAY") or shutil.which("Xvfb") else "dummy")
    if args.shots:
        Path(args.shots).mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict]] = {"ours": [], "pygame_gui": []}
    with display(driver) as (env, where):
        for r in range(args.rounds):
            order = ("ours", "pygame_gui") if r % 2 == 0 else ("pygame_gui", "ours")
            for toolkit in order:
                runs[toolkit].append(child(toolkit, args.frames, env, args.shots))
    ours, gui = combine(runs["ours"]), combine(runs["pygame_gui"])
    ratios = {
        f"{kind}_median": ratio(gui["frames"][kind]["median_ms"], ours["frames"][kind]["median_ms"]) for kind in KINDS
    }
    ratios |= {f"{kind}_p99": ratio(gui["frames"][kind]["p99_ms"], ours["frames"][kind]["p99_ms"]) for kind in KINDS}
    ratios |= {
        f"{kind}_work": ratio(gui["frames"][kind]["median_work_ms"], ours["frames"][kind]["median_work_ms"])
        for kind in KINDS
    }
    ratios["startup"] = ratio(gui["startup"]["total_s"], ours["startup"]["total_s"])
    result = {
        "display": where,
        "size": list(SIZE),
        "frames_per_kind": args.frames * args.rounds,
        "rounds": args.rounds,
        "pygame_ce": metadata.version("pygame-ce"),
        "pygame_gui_requires": requires,
        "ours": ours,
        "pygame_gui": gui,
        "ratios_pygame_gui_over_ours": ratios,
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
