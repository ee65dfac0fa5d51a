"""Database rows built once and shared by many tests, each test rolled back to them.

``@shared_data`` turns a builder into a fixture of the same name. Built the first time a test
asks for it and then kept, inside an open transaction, for every following test that asks for
it too; each test runs in its own savepoint and is rolled back to the built rows, so a test may
change them freely. The rows are rolled back away as soon as a database test that does not ask
for them comes (no other test ever sees them), and at the end of the session.

    @shared_data(needs=("world",))
    def assessed_world(world):
        '''A1 with one evaluated option (built once, on top of the world).'''
        ...create rows...
        return SimpleNamespace(...)        # model instances and plain values only

* The value a test receives is a deep copy (as Django's ``setUpTestData``): a test may change
  the objects in memory, or add attributes to the namespace, without the next test seeing it.
* ``needs``: the shared data this builds on (built first, kept below it). The builder gets a
  deep copy of their values.
* Tests that need real commits (``transactional_db``, ``django_db(transaction=True)``,
  ``live_server``) get the rows built afresh inside the test, as a plain fixture would.
* A builder must not use function-scoped fixtures (``settings``, ``tmp_path``, ``client``): it
  runs once, outside any test. It runs with the fast password hasher the tests use.
* Names are global: two shared data with one name is an error at import.

How it works: pytest-django wraps each test's database access in ``_django_db_helper`` (a
Django ``TestCase`` whose atomic blocks become savepoints when a transaction is already open,
the class-level transaction of ``setUpTestData``, generalised). Just before that fixture is set
up for a test, :func:`sync` makes the stack of open shared data transactions match what the
test needs: it keeps the common bottom of the stack, rolls back the rest, and builds what is
missing, each layer in its own atomic block.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pytest

__all__ = ["FAST_HASHERS", "shared_data", "sync"]

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
#: pytest-django's fixture that starts each test's database access (its atomic block)
DB_HELPER = "_django_db_helper"
ALIAS = "default"


@dataclass(frozen=True)
class _Layer:
    name: str
    build: Callable[..., Any]
    needs: tuple[str, ...]
    function: Any = field(compare=False)  # the fixture's function, as pytest holds it


@dataclass
class _Built:
    layer: _Layer
    atomic: Any
    value: Any
    day: datetime.date


_LAYERS: dict[str, _Layer] = {}


class _Keeper:
    """The stack of shared data open in this process's test database."""

    def __init__(self) -> None:
        self.stack: list[_Built] = []
        self.memo: dict[int, Any] = {}
        self.finaliser_added = False

    def names(self) -> list[str]:
        return [built.layer.name for built in self.stack]

    def pop_to(self, depth: int) -> None:
        from django.db import transaction

        while len(self.stack) > depth:
            built = self.stack.pop()
            transaction.set_rollback(True, using=ALIAS)
            built.atomic.__exit__(None, None, None)

    def push(self, layer: _Layer) -> None:
        from django.db import transaction
        from django.test import override_settings
        from django.utils import timezone

        below = {built.layer.name: built.value for built in self.stack}
        atomic = transaction.atomic(using=ALIAS)
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                value = layer.build(*copy.deepcopy([below[name] for name in layer.needs]))
        except BaseException:
            transaction.set_rollback(True, using=ALIAS)
            atomic.__exit__(None, None, None)
            raise
        self.stack.append(_Built(layer, atomic, value, timezone.localdate()))


_keeper = _Keeper()


def shared_data(build: Callable[..., Any] | None = None, *,
                needs: Iterable[str] = ()) -> Any:
    """Decorator: ``build(*values of needs)`` becomes a fixture named like it (see module)."""

    def register(build: Callable[..., Any]) -> Any:
        name = build.__name__
        if name in _LAYERS:
            raise ValueError("shared data {!r} is defined twice (names are global)".format(name))

        def fixture(request: pytest.FixtureRequest, db: None) -> Any:
            return _value(request, name)

        fixture.__name__ = name
        fixture.__doc__ = build.__doc__
        fixture.__module__ = build.__module__
        wrapped = pytest.fixture(name=name)(fixture)
        _LAYERS[name] = _Layer(name, build, tuple(needs), fixture)
        return wrapped

    return register(build) if build is not None else register


def _value(request: pytest.FixtureRequest, name: str) -> Any:
    for built in _keeper.stack:
        if built.layer.name == name:
            return copy.deepcopy(built.value, _keeper.memo)
    # not kept (a test needing real commits, or asked with request.getfixturevalue): build it
    # inside the test, as a plain fixture
    layer = _LAYERS[name]
    from django.test import override_settings

    values = [request.getfixturevalue(need) for need in layer.needs]
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        return layer.build(*values)


def _transactional(request: pytest.FixtureRequest) -> bool:
    """pytest-django's own rule for a test that runs outside a transaction."""
    names = request.fixturenames
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(names):
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    from pytest_django.plugin import validate_django_db

    transaction, reset_sequences, *_rest = validate_django_db(marker)
    return bool(transaction or reset_sequences)


def _is_layer(request: pytest.FixtureRequest, name: str) -> bool:
    """Whether the test's fixture ``name`` is that shared data (not another fixture so named)."""
    if name not in _LAYERS:
        return False
    info = getattr(request.node, "_fixtureinfo", None)  # pytest's resolution for this test
    if info is None:
        return True
    definitions = info.name2fixturedefs.get(name, ())
    return bool(definitions) and definitions[-1].func is _LAYERS[name].function


def _needed(request: pytest.FixtureRequest) -> list[_Layer]:
    """The shared data the test asks for, each after what it needs."""
    if _transactional(request):
        return []
    wanted = [name for name in request.fixturenames if _is_layer(request, name)]
    order: list[_Layer] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise ValueError("shared data needs itself: " + " → ".join((*path, name)))
        layer = _LAYERS[name]
        if layer in order:
            return
        for need in layer.needs:
            visit(need, (*path, name))
        order.append(layer)

    for name in sorted(wanted):
        visit(name, ())
    return order


def sync(request: pytest.FixtureRequest) -> None:
    """Make the open shared data what the test ``request`` needs (before its own atomic)."""
    from django.utils import timezone

    needed = _needed(request)
    if not needed and not _keeper.stack:
        return
    keep = 0
    today = timezone.localdate()
    for built, layer in zip(_keeper.stack, needed, strict=False):
        if built.layer is not layer or built.day != today:
            break
        keep += 1
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        _keeper.pop_to(keep)
        if not _keeper.finaliser_added and needed:
            # rolled back before pytest-django destroys the test databases
            request.getfixturevalue("_shared_data_finaliser")
            _keeper.finaliser_added = True
        for layer in needed[keep:]:
            _keeper.push(layer)
    _keeper.memo = {}


@pytest.fixture(scope="session")
def _shared_data_finaliser(django_db_setup: None, django_db_blocker: Any) -> Any:
    yield
    with django_db_blocker.unblock():
        _keeper.pop_to(0)
    _keeper.finaliser_added = False
