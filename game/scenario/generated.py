"""The command line shared by the files generated from the scenario models (the format reference and the JSON
Schema): print the text, ``--write`` it, or ``--check`` that the committed copy is current."""

from __future__ import annotations

import sys
from pathlib import Path


def generated_file_main(argv: list[str] | None, text: str, target: Path, regenerate: str, module: str) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--write"]:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
        return 0
    if args == ["--check"]:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"{target} is stale; regenerate it with: {regenerate}", file=sys.stderr)
            return 1
        return 0
    if args:
        print(f"usage: python -m {module} [--write | --check]", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0
