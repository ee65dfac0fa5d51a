"""The API keeps its OpenAPI contract: schemathesis sends generated requests to every operation
with an admin's and a company member's token; no answer may be a server error, use a status the
schema does not list, or differ from the schema it documents.

A fixed, small budget (a few examples per operation, derandomised) keeps this in the suite; a
deeper run is the same test with OPENEIP_SCHEMATHESIS_EXAMPLES raised.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.authtoken.models import Token

# schemathesis, hypothesis and the OpenAPI document are loaded and made by the test, not when
# the suite is collected (every xdist worker collects every file: about 2 s each)

EXAMPLES = int(os.environ.get("OPENEIP_SCHEMATHESIS_EXAMPLES", "3"))
#: status of every answer, printed at the end (pytest -s) for the record
CALLS: list[int] = []


def _schema() -> Any:
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(
        json.loads(OpenApiJsonRenderer().render(document, renderer_context={})))
    schema.app = get_wsgi_application()
    return schema


def _check_operation(operation: Any, tokens: list[str], failures: list[str]) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
        status_code_conformance,
    )
    from schemathesis.core.failures import FailureGroup

    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def run(case):
        for token in tokens:
            response = case.call(headers={"Authorization": "Token " + token})
            CALLS.append(response.status_code)
            try:
                case.validate_response(response, checks=checks)
            except FailureGroup as found:
                failures.append("{} {}: {}".format(case.method, case.formatted_path, found))

    run()


@pytest.fixture
def connection_kept():
    """As Django's test client does: the requests must not close the test's database connection
    (its transaction holds the world) when they finish."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_every_operation_keeps_its_contract(world, connection_kept):
    """One world for all operations (a fresh one per operation would cost more than the calls)."""
    tokens = [Token.objects.create(user=world.users[persona]).key
              for persona in ("admin", "company_user")]
    failures: list[str] = []
    operations = [result.ok() for result in _schema().get_all_operations()]
    for operation in operations:
        _check_operation(operation, tokens, failures)
    print("schemathesis: {} operations, {} calls, statuses {}".format(
        len(operations), len(CALLS), dict(sorted(Counter(CALLS).items()))))
    assert len(operations) > 60
    assert failures == [], "\n\n".join(failures)
