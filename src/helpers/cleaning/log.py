"""The cleaning log: rows in and out per step and every action taken, in the order they happened."""

from __future__ import annotations

from dataclasses import astuple, dataclass, field

import pandas as pd

LOG_COLUMNS = ["step", "resource", "rows_in", "rows_out", "action", "reason"]


@dataclass(frozen=True)
class LogEntry:
    """One step of the cleaning: which table, rows in and out, what was done and why."""

    step: int
    resource: str
    rows_in: int
    rows_out: int
    action: str
    reason: str


@dataclass
class CleaningLog:
    """The steps of notebook 01, appended as they happen."""

    entries: list[LogEntry] = field(default_factory=list)

    def add(self, resource: str, rows_in: int, rows_out: int, action: str, reason: str) -> None:
        """Append one step (numbered from 1).

        Parameters
        ----------
        resource
            The table the step worked on.
        rows_in, rows_out
            Number of rows before and after the step.
        action
            What was done.
        reason
            Why.

        Returns
        -------
        None
        """
        self.entries.append(LogEntry(len(self.entries) + 1, resource, rows_in, rows_out, action, reason))

    def frame(self) -> pd.DataFrame:
        """The log as a table.

        Returns
        -------
        pandas.DataFrame
            Columns step, resource, rows_in, rows_out, action, reason; one row per step.
        """
        return pd.DataFrame([astuple(e) for e in self.entries], columns=LOG_COLUMNS)
