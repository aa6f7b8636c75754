import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from game.server.app import create_app  # noqa: E402
from game.server.room import ClassRoom  # noqa: E402
from game.server.store import Store  # noqa: E402
from game.sim.settings import Settings  # noqa: E402


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "class.sqlite"


@pytest.fixture
def make_room(ftz, db_path):
    """A new class on ``ftz`` in a fresh database: ``make_room(two_sided=True, turns=3)``."""
    stores = []

    def make(seed=11, name="9B", **settings):
        store = Store(db_path)
        stores.append(store)
        return ClassRoom.create(store, ftz, seed, Settings(rival="historical", **settings), name)

    yield make
    for store in stores:
        store.close()


def reopen(room: ClassRoom) -> ClassRoom:
    """The same class as a server started again on the same database file would see it."""
    return ClassRoom(Store(room.store.path), room.row.id, room.scenario)


def client_for(room: ClassRoom, address: str = "10.0.0.1") -> TestClient:
    # The client's address is what the rate limit counts by; each test student gets their own.
    return TestClient(create_app(room, timer_interval=0.05), client=(address, 50000))


def join(room: ClassRoom, name: str, address: str = "10.0.0.1") -> TestClient:
    client = client_for(room, address)
    answer = client.post("/api/join", json={"code": room.row.code, "name": name})
    assert answer.status_code == 200, answer.text
    return client


def first_legal(client: TestClient, country: str = "DEU") -> dict:
    offers = client.get(f"/api/dossier/{country}").json()["offers"]
    return next(o["order"] for o in offers if o["legal"])
