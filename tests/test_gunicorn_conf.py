"""gunicorn.conf.py, which gunicorn reads from the repository's top level."""

import gc
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

CONF = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


@pytest.fixture
def conf():
    assert gc.get_freeze_count() == 0
    yield runpy.run_path(str(CONF))
    gc.unfreeze()


def test_a_worker_freezes_what_it_has_loaded_after_its_first_requests(conf):
    hook, warm_up = conf["post_request"], conf["WARM_UP_REQUESTS"]

    for number in range(1, warm_up):
        hook(SimpleNamespace(nr=number), None, {}, None)
        assert gc.get_freeze_count() == 0
    hook(SimpleNamespace(nr=warm_up), None, {}, None)
    frozen = gc.get_freeze_count()

    assert frozen > 1000  # Django and the suite, loaded
    for number in range(warm_up + 1, warm_up + 5):
        hook(SimpleNamespace(nr=number), None, {}, None)
    assert gc.get_freeze_count() == frozen  # once in a worker's life
