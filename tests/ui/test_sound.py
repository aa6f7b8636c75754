"""Sound: the synthesised cues and theme, the volume and mute preferences, the silent path without an audio device,
and which cue each week plays.  The tests run on SDL's dummy audio driver (set in conftest): a real mixer with no
speaker, so the buffers are real; the failure path is a mixer that refuses to open."""

from __future__ import annotations

import dataclasses
import json
import wave

import numpy as np
import pygame
import pytest

from game.classroom.play import play_session
from game.engine import Kind
from game.session import Session
from game.sim.settings import Settings
from game.ui import paths, synth
from game.ui.cues import lines_crossed, week_cues
from game.ui.sound import CUE_LEVEL, THEME_CHANNEL, Sounds, gain

from ..conftest import run_game
from .conftest import click, frames, key
from .test_screens import start_game

# ------------------------------------------------------------------------------------------------ synthesis


@pytest.mark.parametrize("rate", [44100, 22050])
@pytest.mark.parametrize("name", synth.CUES)
def test_every_cue_is_finite_bounded_audible_and_as_long_as_stated(name, rate):
    signal = synth.cue(name, rate)
    assert signal.shape == (round(synth.CUE_SECONDS[name] * rate),)
    assert np.isfinite(signal).all()
    assert np.abs(signal).max() == pytest.approx(0.9)  # normalised below full scale
    assert np.sqrt(np.mean(signal**2)) > 0.05  # not silent: a clearly heard cue
    assert signal[0] == 0 and signal[-1] == 0  # starts and ends in silence: no click
    frames = synth.to_int16(signal, 2)
    assert frames.dtype == np.int16 and frames.shape == (signal.shape[0], 2)
    assert np.abs(frames.astype(np.int64)).max() == round(0.9 * 32767)  # no wrap-round, no clipping


def test_the_cues_differ_from_one_another():
    """Gaining and losing a line must not sound alike (nor any two cues)."""
    spectra = {}
    for name in synth.CUES:
        spectrum = np.abs(np.fft.rfft(synth.cue(name, 22050), n=22050))
        spectra[name] = spectrum / np.linalg.norm(spectrum)
    for a in synth.CUES:
        for b in synth.CUES:
            if a < b:
                assert float(spectra[a] @ spectra[b]) < 0.8, (a, b)


def _pitch(signal: np.ndarray, start: float, rate: int) -> float:
    """The strongest frequency in 60 ms of ``signal`` from ``start`` seconds."""
    window = signal[round(start * rate) : round(start * rate) + round(0.06 * rate)]
    spectrum = np.abs(np.fft.rfft(window * np.hanning(window.shape[0])))
    return float(np.argmax(spectrum)) * rate / window.shape[0]


def test_a_gain_rises_a_loss_falls_and_moscow_growls_low():
    rate = 22050
    gained, lost, rival = (synth.cue(n, rate) for n in ("line_gained", "line_lost", "rival"))
    assert _pitch(gained, 0.3, rate) > 1.5 * _pitch(gained, 0.0, rate)
    assert _pitch(lost, 0.3, rate) < 0.9 * _pitch(lost, 0.0, rate)
    assert all(_pitch(rival, t, rate) < 120 for t in (0.1, 0.4, 0.7))


def test_int16_conversion_clips_instead_of_wrapping():
    loud = np.array([0.0, 1.5, -1.5, 1.0, -1.0])
    frames = synth.to_int16(loud, 1)[:, 0]
    assert list(frames) == [0, 32767, -32768, 32767, -32767]


def _seam(x: np.ndarray) -> tuple[float, float]:
    """The largest second difference across the loop's seam (last → first) and inside the loop: a click is a
    kink far sharper than any the music makes."""
    inside = float(np.abs(np.diff(x, 2, axis=0)).max())
    seam = max(
        float(np.abs(x[1] - 2 * x[0] + x[-1]).max()),
        float(np.abs(x[0] - 2 * x[-1] + x[-2]).max()),
    )
    return seam, inside


def test_the_theme_loops_without_a_click():
    theme = synth.theme(synth.RATE)
    assert theme.shape == (round(synth.THEME_SECONDS * synth.RATE), 2)
    assert 20 <= synth.THEME_SECONDS <= 60  # a few tens of seconds
    assert np.isfinite(theme).all()
    assert np.abs(theme).max() == pytest.approx(0.6)  # quiet: well under the cues' 0.9
    assert np.sqrt(np.mean(theme**2)) > 0.05
    # The sample after the last is the first: the step across the seam is an ordinary step, no kink.
    steps = np.abs(np.diff(theme, axis=0)).max()
    assert np.abs(theme[0] - theme[-1]).max() <= steps
    seam, inside = _seam(theme)
    assert seam <= inside
    # The check would see a seam: cut the loop short by a few milliseconds and it finds the step.
    cut = theme[: -round(0.0123 * synth.RATE)]
    assert np.abs(cut[0] - cut[-1]).max() > steps
    seam, inside = _seam(cut)
    assert seam > inside


def test_voices_make_whole_cycles_over_the_loop():
    for note in (36, 45, 64, 88):
        hz = synth._on_circle(synth.midi_hz(note), synth.THEME_SECONDS)
        assert hz * synth.THEME_SECONDS == pytest.approx(round(hz * synth.THEME_SECONDS))
        assert abs(hz - synth.midi_hz(note)) <= 0.5 / synth.THEME_SECONDS


def test_a_sequence_is_its_cues_with_gaps():
    rate = 22050
    both = synth.sequence(("week_end", "news"), rate, gap=0.1)
    first = synth.cue("week_end", rate)
    assert both.shape[0] == first.shape[0] + round(0.1 * rate) + synth.cue("news", rate).shape[0]
    assert np.array_equal(both[: first.shape[0]], first)


# ------------------------------------------------------------------------------------------------ settings


def test_volume_and_mute_round_trip(home):
    paths.ensure_dirs()
    settings = paths.load_settings()
    assert settings["volume"] == 70 and settings["muted"] is False
    settings.update(volume=35, muted=True)
    assert paths.store_settings(settings) is None
    again = paths.load_settings()
    assert again["volume"] == 35 and again["muted"] is True
    stored = json.loads((home / "settings.json").read_text())
    assert stored["volume"] == 35 and stored["muted"] is True


@pytest.mark.parametrize(
    "volume, muted",
    [("loud", "yes"), (101, 1), (-1, None), (55.5, "false"), (True, 0), ([50], {}), (None, [True])],
)
def test_a_bad_volume_or_mute_falls_back_to_the_default(home, volume, muted):
    paths.ensure_dirs()
    (home / "settings.json").write_text(json.dumps({"volume": volume, "muted": muted, "map_labels": False}))
    settings = paths.load_settings()
    assert settings["volume"] == 70 and settings["muted"] is False
    assert settings["map_labels"] is False  # the good value beside them is kept


def test_a_whole_number_volume_written_as_a_float_is_read(home):
    paths.ensure_dirs()
    (home / "settings.json").write_text('{"volume": 40.0, "muted": true}')
    settings = paths.load_settings()
    assert settings["volume"] == 40 and isinstance(settings["volume"], int) and settings["muted"] is True


@pytest.mark.parametrize(
    "text",
    ['{"volume": 1e999}', '{"volume": NaN}', "[" * 5000 + "]" * 5000, '{"volume": 50, "volume": 60'],
)
def test_a_hostile_settings_file_is_refused_and_the_defaults_stand(home, text):
    paths.ensure_dirs()
    (home / "settings.json").write_text(text)
    assert paths.load_settings() == paths.DEFAULT_SETTINGS


# ------------------------------------------------------------------------------------------------ the mixer


@pytest.fixture
def sounds():
    made = Sounds(60, False, theme=False)
    assert made.available, made.problem  # the dummy driver gives a real mixer
    yield made
    made.close()


@pytest.fixture
def no_device(monkeypatch):
    """A mixer that will not open, as on a machine without a sound card."""

    def refuse(*args, **kwargs):
        raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")

    if pygame.mixer.get_init():
        pygame.mixer.quit()
    monkeypatch.setattr(pygame.mixer, "init", refuse)


def test_no_audio_device_is_silence_and_one_calm_line(no_device, capfd):
    sounds = Sounds(70, False)
    assert not sounds.available and "no audio device" in sounds.problem
    sounds.play("week_end", "news")
    sounds.set_volume(20)
    assert sounds.toggle_mute() is True and sounds.muted
    sounds.set_muted(False)
    sounds.close()
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("flood-the-zone: no audio device")
    assert "Traceback" not in err[0] and "without sound" in err[0]


def test_the_window_starts_and_plays_a_week_without_an_audio_device(no_device, make_app):
    app = make_app()
    assert not app.sounds.available
    start_game(app)
    key(app, pygame.K_SPACE)
    assert app.top.name == "report"
    key(app, pygame.K_m, pygame.KMOD_CTRL)
    assert app.settings["muted"] is True
    assert any("Sound off" in t.text for t in app.toasts)


def test_a_real_missing_audio_driver_plays_the_game_silently(home):
    """No monkeypatching: SDL itself cannot open the audio the environment names."""
    done = run_game(
        "play",
        "flood_the_zone",
        "--autoplay",
        "idle",
        "--turns",
        "1",
        env={"SDL_AUDIODRIVER": "no_such_audio_driver", "FLOOD_THE_ZONE_HOME": str(home)},
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip() and "pygame-ce" not in line]
    assert len(lines) == 1 and "no audio device" in lines[0] and "plays without sound" in lines[0]


def test_a_cue_reaches_the_mixer_as_real_samples(sounds, tmp_path):
    """What the mixer holds, written out as a WAV file: the cue's length and peak."""
    rate, _, channels = pygame.mixer.get_init()
    sound = sounds._sound(("week_end",))
    path = tmp_path / "week_end.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(sound.get_raw())
    with wave.open(str(path), "rb") as back:
        n = back.getnframes()
        samples = np.frombuffer(back.readframes(n), dtype=np.int16)
    assert n == round(synth.CUE_SECONDS["week_end"] * rate)
    assert sound.get_length() == pytest.approx(synth.CUE_SECONDS["week_end"], abs=1e-3)
    assert np.abs(samples.astype(np.int64)).max() == round(0.9 * 32767)


def test_playing_sets_the_cue_volume_and_unknown_cues_are_refused(sounds):
    sounds.play("news")
    assert sounds._sound(("news",)).get_volume() == pytest.approx(gain(60) * CUE_LEVEL, abs=0.01)
    assert any(pygame.mixer.Channel(i).get_busy() for i in range(pygame.mixer.get_num_channels()))
    with pytest.raises(ValueError, match="no sound cue 'fanfare'"):
        sounds.play("fanfare")


def test_muting_sets_every_channel_to_zero_and_unmuting_restores_them(sounds):
    sounds.play("rival")
    sounds.set_muted(True)
    volumes = [pygame.mixer.Channel(i).get_volume() for i in range(pygame.mixer.get_num_channels())]
    assert volumes and all(v == 0 for v in volumes)
    busy = [pygame.mixer.Channel(i).get_busy() for i in range(pygame.mixer.get_num_channels()) if i != THEME_CHANNEL]
    assert not any(busy)  # the cue playing was stopped
    sounds.play("news")  # muted: nothing starts
    assert not any(pygame.mixer.Channel(i).get_busy() for i in range(1, pygame.mixer.get_num_channels()))
    sounds.set_muted(False)
    assert all(pygame.mixer.Channel(i).get_volume() == 1.0 for i in range(pygame.mixer.get_num_channels()))


def test_the_theme_loops_on_its_own_channel_and_pauses_while_muted():
    sounds = Sounds(50, False)
    try:
        sounds.theme_thread.join(timeout=60)
        assert not sounds.theme_thread.is_alive()
        channel = pygame.mixer.Channel(THEME_CHANNEL)
        assert channel.get_busy() and sounds._theme is not None
        assert sounds._theme.get_length() == pytest.approx(synth.THEME_SECONDS, abs=1e-3)
        assert sounds._theme.get_volume() == pytest.approx(gain(50) * 0.35, abs=0.01)
        sounds.set_volume(100)
        assert sounds._theme.get_volume() == pytest.approx(0.35, abs=0.01)
        sounds.set_muted(True)
        assert channel.get_volume() == 0 and sounds._theme.get_volume() == 0
    finally:
        sounds.close()


def test_a_muted_start_leaves_the_theme_silent_until_unmuted():
    sounds = Sounds(50, True)
    try:
        sounds.theme_thread.join(timeout=60)
        assert not pygame.mixer.Channel(THEME_CHANNEL).get_busy()
        sounds.set_muted(False)
        assert pygame.mixer.Channel(THEME_CHANNEL).get_busy()
    finally:
        sounds.close()


# ------------------------------------------------------------------------------------------ the window's controls


def test_settings_dialog_sets_volume_and_mute_and_keeps_them(make_app, home):
    app = make_app()
    start_game(app)
    key(app, pygame.K_ESCAPE)
    click(app, "settings")
    assert app.top.name == "settings"
    click(app, "volume:30")
    assert app.settings["volume"] == 30 and app.sounds.volume == 30
    click(app, "volume:up")
    key(app, pygame.K_RIGHT)
    assert app.settings["volume"] == 50
    key(app, pygame.K_LEFT)
    click(app, "volume:down")
    assert app.settings["volume"] == 30
    for _ in range(5):
        click(app, "volume:down")
    assert app.settings["volume"] == 0  # not below
    click(app, "mute")
    assert app.settings["muted"] is True and app.sounds.muted
    click(app, "close")
    stored = paths.load_settings()
    assert stored["volume"] == 0 and stored["muted"] is True
    # the next run starts with them
    later = make_app()
    assert later.sounds.volume == 0 and later.sounds.muted


def test_ctrl_m_mutes_anywhere_and_m_alone_is_still_the_maps(make_app):
    app = make_app(scenario="the_rational_way")  # a crisis where M, talks with Moscow, is an action
    frames(app)
    key(app, pygame.K_m, pygame.KMOD_CTRL)  # on the title screen
    assert app.settings["muted"] is True and app.sounds.muted
    play = start_game(app)
    click(app, "country:POL")
    key(app, pygame.K_m, pygame.KMOD_CTRL)
    assert app.settings["muted"] is False and not app.sounds.muted
    assert any(t.text == "Sound on" for t in app.toasts)
    assert play.kind == Kind.CALL
    key(app, pygame.K_m)
    assert play.kind == Kind.ENGAGE and app.settings["muted"] is False  # M alone is still the map's


# ---------------------------------------------------------------------------------------------- the cues


def test_lines_crossed_reads_the_direction_from_the_actor(ftz):
    session = Session(ftz, 3)
    before = session.state
    toward = dataclasses.replace(before, alignment=np.clip(before.alignment + 60, -100, 100))
    away = dataclasses.replace(before, alignment=np.clip(before.alignment - 60, -100, 100))
    usa, rus = ftz.player, ftz.rival
    assert lines_crossed(ftz.rules, before, before, usa) == (0, 0)
    gained, lost = lines_crossed(ftz.rules, before, toward, usa)
    assert gained > 0 and lost == 0
    assert lines_crossed(ftz.rules, before, toward, rus) == (0, gained)  # Moscow's loss is Washington's gain
    gained, lost = lines_crossed(ftz.rules, before, away, usa)
    assert gained == 0 and lost > 0


class Recorder:
    """Stands in for the app's Sounds: remembers what was played."""

    available = True
    muted = False
    volume = 70

    def __init__(self):
        self.played: list[tuple[str, ...]] = []

    def play(self, *names):
        self.played.append(names)

    def set_volume(self, volume):
        self.volume = volume

    def set_muted(self, muted):
        self.muted = muted

    def close(self):
        pass


def _facts(session, index):
    """What happened in week ``index``, read straight from the records (not through week_cues)."""
    week = session.weeks[index]
    after = session.weeks[index + 1].state_before if index + 1 < len(session.weeks) else session.state
    rival_moved = any(s.actor == session.rival and s.orders for s in week.sheets)
    gained, lost = lines_crossed(session.rules, week.state_before, after, session.player)
    return rival_moved, bool(week.record.events), gained > 0, lost > 0


def test_each_week_in_the_window_plays_the_cues_of_what_happened(make_app):
    app = make_app(seed=7)
    start_game(app)
    app.sounds = recorder = Recorder()
    session = app.session
    seen = set()
    while not session.is_over:
        key(app, pygame.K_SPACE)  # end the week (no orders: Moscow's moves and the news decide it)
        index = len(session.weeks) - 1
        rival_moved, news, gained, lost = _facts(session, index)
        expected = ("week_end",) + ("rival",) * rival_moved + ("news",) * news
        expected += ("line_gained",) * gained + ("line_lost",) * lost
        assert recorder.played[-1] == expected, f"week {index + 1}"
        seen.update(expected)
        assert app.top.name in ("report", "debrief")
        if app.top.name == "report":
            key(app, pygame.K_RETURN)
    assert len(recorder.played) == session.rules.n_turns - session.first_turn
    # The game made every cue happen at least once, so the checks above were not vacuous.
    assert {"week_end", "rival", "news", "line_lost"} <= seen


def test_a_week_gaining_a_line_plays_the_gain(ftz):
    """Washington's historical playbook wins commitments: some week of it plays the gain cue, and every past
    week can be asked for its cues."""
    session = play_session(ftz, 3, Settings(), "historical")
    cues = [week_cues(session, i) for i in range(len(session.weeks))]
    assert all(c[0] == "week_end" for c in cues)
    assert any("line_gained" in c for c in cues)
    assert week_cues(session) == cues[-1]


def test_a_two_sided_game_plays_once_when_both_have_given_orders(make_app, ftz):
    app = make_app()
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    session.names = {session.player: "Ann", session.rival: "Ben"}  # asked before the first week
    app.go(app.resume(session))
    app.sounds = recorder = Recorder()
    key(app, pygame.K_RETURN)  # Washington's player is ready
    assert app.top.name == "map"
    key(app, pygame.K_SPACE)  # done: hand over, nothing resolved yet
    assert app.top.name == "handover" and recorder.played == []
    key(app, pygame.K_RETURN)  # Moscow's player is ready
    assert app.top.name == "map"
    key(app, pygame.K_SPACE)  # both have given their orders: the week resolves
    assert session.turn == 1
    assert recorder.played == [week_cues(session)] and recorder.played[0][0] == "week_end"
