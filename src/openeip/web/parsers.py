"""The API's JSON parser: hostile bodies are a 400 with a reason, never a server error.

DRF's own parser recurses once per nesting level (a body nested 100,000 deep ended in a
RecursionError, a 500) and turns a number beyond a float (1e309) into Infinity, which no JSON
answer can carry back. Here the nesting is checked before parsing (without recursing) and such a
number refused.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from openeip.core.intake import nested_deeper_than

#: request bodies are flat records, or records holding a list of records (option savings)
MAX_DEPTH = 32


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ParseError(_("The number {number} is too large; JSON numbers must fit a 64-bit "
                           "float.").format(number=text))
    return number


def _no_constant(name: str) -> Any:
    raise ParseError(_("{name} is not a number; send a finite number.").format(name=name))


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        body = stream.read() if stream is not None else b""
        if nested_deeper_than(body, MAX_DEPTH):
            raise ParseError(_("The JSON body nests arrays or objects more than {limit} levels "
                               "deep.").format(limit=MAX_DEPTH))
        try:
            return json.loads(body.decode(encoding), parse_float=_finite,
                              parse_constant=_no_constant)
        except RecursionError:
            raise ParseError(_("The JSON body nests arrays or objects more than {limit} levels "
                               "deep.").format(limit=MAX_DEPTH)) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("JSON parse error - {error}").format(error=error)) from None
