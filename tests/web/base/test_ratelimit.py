"""The one rate limiter of the public forms (openeip.web.base.ratelimit): per address and scope,
the address never in the cache; the grievance form, the training check-in, quiz and feedback
all answer with the same page past their limit."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from openeip.web.base.ratelimit import over_limit


def _request(address: str):
    return RequestFactory().post("/x/", REMOTE_ADDR=address)


def test_the_limit_counts_per_address_and_scope():
    first = _request("203.0.113.7")
    assert [over_limit(first, "quiz", 2) for _ in range(3)] == [False, False, True]
    assert over_limit(first, "feedback", 2) is False           # another scope
    assert over_limit(_request("203.0.113.8"), "quiz", 2) is False   # another address
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113" in str(key) for key in keys)


@pytest.mark.django_db
def test_training_feedback_and_quiz_use_the_shared_limiter_apart(world):
    from tests.web.training.helpers import held_session

    token = held_session(world).checkin_token
    client = Client()
    client.cookies["django_language"] = "en"
    with mock.patch("openeip.web.training.views.pages.CHECKINS_PER_HOUR", 1):
        url = "/training/checkin/{}/feedback/".format(token)
        assert client.post(url, {"email": "lan@a1.vn", "rating": "5"}).status_code == 200
        refused = client.post(url, {"email": "lan@a1.vn", "rating": "5"})
        assert refused.status_code == 429 and "Too many requests" in refused.content.decode()
        # the quiz counts apart from the feedback
        quiz = client.post("/training/checkin/{}/quiz/post/".format(token), {"email": "x@y.vn"})
        assert quiz.status_code == 200
