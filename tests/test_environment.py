"""environment.yml and the pip lock carry the same pins; everything requested is pinned."""

import re

from helpers.build import envsync
from helpers.core import paths


def test_environment_yml_matches_lock():
    lock, env = envsync.lock_pins(), envsync.env_pins()
    only_lock = sorted(set(lock.items()) - set(env.items()))
    only_env = sorted(set(env.items()) - set(lock.items()))
    assert not only_lock and not only_env, (
        f"environment.yml drifted from requirements-lock.txt (run make lock): "
        f"only in lock {only_lock[:5]}, only in env {only_env[:5]}"
    )


def test_environment_python_is_311():
    assert envsync.env_python() == "python=3.11"


def test_every_requirement_is_pinned_with_hashes():
    wanted = [
        envsync._norm(line.split("#")[0].strip())
        for line in (paths.ROOT / "requirements.in").read_text().splitlines()
        if line.split("#")[0].strip()
    ]
    pins = envsync.lock_pins()
    assert sorted(set(wanted) - set(pins)) == []
    text = (paths.ROOT / "requirements-lock.txt").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    unhashed = [b.split("==")[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
    assert unhashed == []


def test_envsync_detects_drift(tmp_path):
    env = tmp_path / "environment.yml"
    env.write_text(envsync.render_environment({"pandas": "3.1.1", "numpy": "2.4.6"}))
    assert envsync.env_pins(env) == {"pandas": "3.1.1", "numpy": "2.4.6"}
    env.write_text(envsync.render_environment({"pandas": "3.1.0"}))
    assert envsync.env_pins(env) != {"pandas": "3.1.1"}
