"""Shared fixtures of the visits tests: the demo calendar, daily frame, count model and truth."""

from __future__ import annotations

import pytest

from helpers.visits import demo, inputs, model, series


@pytest.fixture(scope="session")
def targets():
    return inputs.read_calibration_targets()


@pytest.fixture(scope="session")
def cal():
    return demo.demo_calendar(inputs.read_regimes(), inputs.read_closures())


@pytest.fixture(scope="session")
def daily(cal):
    return series.daily_frame(inputs.read_register(), cal)


@pytest.fixture(scope="session")
def fit(daily):
    return model.fit_count_model(daily)


@pytest.fixture(scope="session")
def truth(cal, targets):
    return demo.solve_parameters(cal, targets, demo.DemoSpec())
