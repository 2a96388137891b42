"""The API's answers are written by orjson: the same JSON as the standard library writes,
for every scenario of every state, in English and Spanish, and what orjson cannot write
still goes out."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import yaml
from flask import Flask
from flask.json.provider import DefaultJSONProvider

from questionnaire.fast_json import FastJSONProvider

from .conftest import make_app

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def test_every_scenario_gives_the_same_json_as_the_standard_library(database_url: str) -> None:
    fast = make_app(database_url, API_RATE_LIMIT="1000000 per minute")
    plain = make_app(database_url, API_RATE_LIMIT="1000000 per minute")
    plain.json = DefaultJSONProvider(plain)
    assert isinstance(fast.json, FastJSONProvider)
    compared = 0
    for index, path in enumerate(sorted(SCENARIOS.glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for scenario in data["scenarios"][:3]:
            case = {"state": data["code"], **scenario["facts"], "language": "es" * (index % 2)}
            if not case["language"]:
                del case["language"]
            ours = fast.test_client().post("/api/v1/assessments", json=case)
            theirs = plain.test_client().post("/api/v1/assessments", json=case)
            assert ours.status_code == theirs.status_code == 200, ours.json
            assert ours.mimetype == "application/json"
            assert json.loads(ours.data) == json.loads(theirs.data)
            # Only the spelling differs: UTF-8 where the standard library writes \\u escapes.
            assert (
                ours.data.decode("utf-8")
                == json.dumps(
                    json.loads(theirs.data),
                    sort_keys=True,
                    ensure_ascii=False,
                    separators=(",", ":"),
                )
                + "\n"
            )
            compared += 1
    assert compared >= 150


def test_what_orjson_cannot_write_goes_out_as_before(app: Flask) -> None:
    value = {"big": 2**70, "day": dt.date(2026, 12, 4), "amount": Decimal("1.10")}
    with app.app_context():
        ours = app.json.response(value)
        theirs = DefaultJSONProvider(app).response(value)
        assert json.loads(ours.get_data()) == json.loads(theirs.get_data())
        assert json.loads(ours.get_data())["big"] == 2**70
        keys = {2: "b", 1: "a", 3: None}  # keys that are not strings, sorted as Flask sorts them
        assert (
            app.json.response(keys).get_data() == DefaultJSONProvider(app).response(keys).get_data()
        )
        small = {"day": dt.date(2026, 12, 4), "amount": Decimal("1.10"), "n": 3}
        assert (
            app.json.response(small).get_data()
            == DefaultJSONProvider(app).response(small).get_data()
        )
