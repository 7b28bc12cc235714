"""Fixtures shared by the events tests."""
import pytest


@pytest.fixture(scope="module")
def nlp(pipeline):
    """The default pipeline (the session's one: building it loads every model)."""
    return pipeline
