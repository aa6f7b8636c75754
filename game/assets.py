"""Find the game's data files, whether the game runs from a checkout or from an installed wheel.

A wheel carries the repository's ``assets/`` and ``scenarios/`` folders as ``game/_data/assets`` and
``game/_data/scenarios``; a checkout has them beside the ``game`` package. The installed location is tried
first so that an installed game never picks up files from whatever directory it happens to be run in.

Standard library only: the engine, the scenario loader and the UI may all import this.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

__all__ = ["AssetError", "asset_path", "data_roots", "scenarios_dir"]

_REPO_ROOT = Path(__file__).resolve().parent.parent


class AssetError(Exception):
    """A data file the game needs is missing or unreadable. The message is one line naming it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


def _installed_root(folder: str) -> Path | None:
    try:
        root = importlib.resources.files("game") / "_data" / folder
    except (ModuleNotFoundError, TypeError):
        return None
    # A zipped install has no real path; the game is never shipped that way, so treat it as absent.
    if not isinstance(root, Path):
        return None
    return root


def data_roots(folder: str) -> list[Path]:
    """The places looked in for ``folder`` ("assets" or "scenarios"), in order."""
    roots = []
    installed = _installed_root(folder)
    if installed is not None:
        roots.append(installed)
    roots.append(_REPO_ROOT / folder)
    return roots


def _find(folder: str, parts: tuple[str, ...]) -> Path:
    roots = data_roots(folder)
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    wanted = "/".join((folder, *parts))
    looked = ", ".join(str(root.joinpath(*parts)) for root in roots)
    raise AssetError(f"missing {wanted}: looked in {looked}")


def asset_path(*parts: str) -> Path:
    """Path of ``assets/<parts...>``; raises :class:`AssetError` if no location has it.

    >>> asset_path("fonts", "Inter-Regular.otf").name
    'Inter-Regular.otf'
    """
    return _find("assets", parts)


def scenarios_dir() -> Path:
    """The folder holding the bundled scenario files; raises :class:`AssetError` if there is none."""
    path = _find("scenarios", ())
    if not path.is_dir():
        raise AssetError(f"scenarios folder {path} is not a directory")
    return path


def seeds_dir() -> Path | None:
    """The folder of seed articles (for checking cited passages), or None when it is not shipped."""
    try:
        path = _find("seeds", ())
    except AssetError:
        return None
    return path if path.is_dir() else None
