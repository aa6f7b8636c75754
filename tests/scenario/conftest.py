"""Every scenario test runs twice: with libyaml's parser (the fast path) and with the pure-Python loader.

The messages an author sees -- each problem's line, column and wording -- must not depend on whether PyYAML was
built with libyaml; running every bad-scenario test under both loaders is how that is checked.
"""

from __future__ import annotations

import pytest

from game.scenario import yamlmarks


# Module scope: hypothesis refuses function-scoped fixtures in its tests, and a module's tests are grouped by loader.
@pytest.fixture(scope="module", autouse=True, params=["libyaml", "python"])
def yaml_loader(request):
    if request.param == "libyaml" and yamlmarks.CParser is None:
        pytest.skip("this PyYAML was built without libyaml")
    saved = yamlmarks.LIBYAML
    yamlmarks.LIBYAML = yamlmarks.CParser if request.param == "libyaml" else None
    try:
        yield request.param
    finally:
        yamlmarks.LIBYAML = saved
