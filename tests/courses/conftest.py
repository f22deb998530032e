import pytest

from accounts import roles
from tests.accounts.factories import UserFactory


@pytest.fixture
def instructor(db):
    return UserFactory(groups=[roles.INSTRUCTORS])


@pytest.fixture
def other_instructor(db):
    return UserFactory(groups=[roles.INSTRUCTORS])


@pytest.fixture
def reviewer(db):
    return UserFactory(groups=[roles.COURSE_REVIEWERS])
