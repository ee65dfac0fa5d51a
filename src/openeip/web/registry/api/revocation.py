"""A user's API tokens die with the password: connected in ``RegistryConfig.ready`` (a module of
its own, so that every process's start does not load the token views and their serializers)."""

from __future__ import annotations

from typing import Any

from rest_framework.authtoken.models import Token


def revoke_tokens_on_password_change(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save of the user model: a new password hash deletes the user's API tokens."""
    if instance.pk is None or kwargs.get("raw"):
        return
    before = type(instance).objects.filter(pk=instance.pk).values_list("password",
                                                                       flat=True).first()
    if before is not None and before != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
