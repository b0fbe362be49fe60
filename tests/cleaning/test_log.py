"""The cleaning log numbers its steps and has fixed columns."""

from helpers.cleaning import log


def test_cleaning_log_numbers_steps():
    steps = log.CleaningLog()
    steps.add("a", 3, 3, "read", "x")
    steps.add("b", 3, 2, "drop", "y")
    assert steps.frame()["step"].tolist() == [1, 2]
    assert list(steps.frame().columns) == log.LOG_COLUMNS
