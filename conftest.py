"""Shared test set-up: every test runs in Danish, with a clean mail outbox."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def danish():
    with translation.override("da"):
        yield
