"""OpenAPI schema post-processing: the error answers every operation can give, documented once.

DRF answers 400 (invalid input, or a filter or page it cannot read), 401 (no or a bad token),
403 (authenticated but not allowed) and 404 (not found, or not visible: access rules make the two
indistinguishable on purpose) from any view; drf-spectacular documents only the success answer,
so clients and contract tests (tests/web/test_api_contract.py) would meet statuses the schema
never mentions. This hook adds them to every operation that does not say otherwise.
"""

from __future__ import annotations

from typing import Any

_ERROR = {
    "type": "object",
    "description": "{\"detail\": message}, or for invalid input {field: [messages]}.",
    "additionalProperties": True,
}
_DESCRIPTIONS = {
    "400": "The request is invalid; the body names each field and what is wrong.",
    "401": "No token or session, or the token is not valid.",
    "403": "The user may not do this.",
    "404": "No such object, or none the user may see.",
}
_METHODS = ("get", "post", "put", "patch", "delete")


def document_error_responses(result: dict[str, Any], generator: Any, request: Any,
                             public: bool) -> dict[str, Any]:
    """drf-spectacular POSTPROCESSING_HOOKS entry: add the error responses to each operation."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", _ERROR)
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in _DESCRIPTIONS.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": reference}},
                })
    return result
