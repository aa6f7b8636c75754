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


# The fuzzing of whole mutated scenarios takes some 40 s under the pure-Python loader; its libyaml run stays in
# the default suite (and hands anything libyaml reads differently to the pure-Python loader anyway), the other
# runs with the slow tests.
SLOW_UNDER_PYTHON = ("test_check_fuzz.py",)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_UNDER_PYTHON and "[python" in item.name:
            item.add_marker(pytest.mark.slow)
