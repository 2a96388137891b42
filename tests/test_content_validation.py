"""Content validation: the real content passes; broken fixture questionnaires are caught."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from questionnaire.case_facts import CASE_FIELDS, LOAN_FIELDS
from questionnaire.content import ContentError, load_questionnaire
from questionnaire.validation import check_graph

CONTENT = Path(__file__).resolve().parent.parent / "content" / "questions"


def q(qid: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": qid, "type": "yes_no_unsure", "title": {"en": f"Is {qid} so?"}}
    base.update(extra)
    return base


def write(folder: Path, blocks: list[dict[str, Any]], languages: tuple[str, ...] = ("en",)) -> Path:
    (folder / "questionnaire.yaml").write_text(
        yaml.safe_dump({"languages": list(languages), "sections": ["main"]})
    )
    section = {"id": "main", "title": {lang: "Main" for lang in languages}, "blocks": blocks}
    (folder / "main.yaml").write_text(yaml.safe_dump(section))
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_questionnaire(folder)
    return caught.value.problems


def test_real_content_is_valid() -> None:
    questionnaire = load_questionnaire(CONTENT)
    assert len(questionnaire.questions) >= 20


def test_real_content_covers_every_api_request_field() -> None:
    questionnaire = load_questionnaire(CONTENT)
    fed = {question.field for question in questionnaire.all_questions()}
    # A date question that takes a month alone also feeds its `_precision` field.
    fed |= {f"{q.field}_precision" for q in questionnaire.all_questions() if q.day_optional}
    assert fed >= CASE_FIELDS
    assert fed >= LOAN_FIELDS


def test_a_sound_fixture_loads(tmp_path: Path) -> None:
    write(tmp_path, [q("a"), q("b")])
    assert list(load_questionnaire(tmp_path).questions) == ["a", "b"]


def test_unreachable_question(tmp_path: Path) -> None:
    write(tmp_path, [q("a", routing=[{"goto": "c"}]), q("b"), q("c")])
    assert "question b can never be reached" in problems(tmp_path)


def test_cycle(tmp_path: Path) -> None:
    # Routes only jump to known ids, so a loop shows up as a graph cycle.
    graph = {"a": ["b"], "b": ["c", "a"], "c": ["check-answers"]}
    assert "routing loops back from b to a" in check_graph(graph, "a")
    write(tmp_path, [q("a"), q("b", routing=[{"goto": "a", "when": {"answered": "a"}}])])
    assert any("loops back from b to a" in p for p in problems(tmp_path))


def test_dead_end_never_reaching_check_answers() -> None:
    graph = {"a": ["b"], "b": ["c"], "c": ["b"]}
    found = check_graph(graph, "a")
    assert "question b has no way on to check-answers" in found
    assert "question a has no way on to check-answers" in found


def test_dangling_goto(tmp_path: Path) -> None:
    write(tmp_path, [q("a", routing=[{"goto": "nowhere"}]), q("b")])
    assert "question a: routes to unknown question 'nowhere'" in problems(tmp_path)


def test_dangling_answer_reference(tmp_path: Path) -> None:
    write(tmp_path, [q("a"), q("b", when={"equals": [{"answer": "ghost"}, "yes"]})])
    assert "question b: rule refers to unknown answer 'ghost'" in problems(tmp_path)


def test_rule_reading_a_later_answer(tmp_path: Path) -> None:
    write(tmp_path, [q("a", when={"equals": [{"answer": "b"}, "yes"]}), q("b")])
    assert "question a: rule reads later answer 'b'" in problems(tmp_path)


def test_option_value_that_does_not_exist(tmp_path: Path) -> None:
    write(tmp_path, [q("a"), q("b", when={"equals": [{"answer": "a"}, "maybe"]})])
    assert "question b: a has no option 'maybe'" in problems(tmp_path)


def test_missing_language(tmp_path: Path) -> None:
    write(
        tmp_path,
        [q("a", title={"en": "Is it?"}), q("b", title={"en": "B?", "es": "¿B?"})],
        languages=("en", "es"),
    )
    found = problems(tmp_path)
    assert "question a title has no 'es' text" in found
    assert not any("question b title" in p for p in found)


def test_duplicate_ids(tmp_path: Path) -> None:
    write(tmp_path, [q("a"), q("a")])
    assert "id 'a' is used more than once" in problems(tmp_path)


def test_unknown_field(tmp_path: Path) -> None:
    write(tmp_path, [q("a", field="favourite_colour")])
    assert "question a feeds unknown case field 'favourite_colour'" in problems(tmp_path)


def test_bad_rule_operator(tmp_path: Path) -> None:
    write(tmp_path, [q("a"), q("b", when={"eval": "1"})])
    assert any("unknown operator 'eval'" in p for p in problems(tmp_path))


def test_schema_errors_name_the_file_and_place(tmp_path: Path) -> None:
    write(tmp_path, [q("Bad_Id"), {"id": "b", "type": "colour", "title": {"en": "B?"}}])
    found = problems(tmp_path)
    assert any(p.startswith("main.yaml: blocks.0") and "kebab-case" in p for p in found)
    assert any(p.startswith("main.yaml: blocks.1") for p in found)


def test_unknown_keys_are_errors(tmp_path: Path) -> None:
    write(tmp_path, [q("a", titel={"en": "typo"})])
    assert any("titel" in p for p in problems(tmp_path))


def test_group_count_must_exist(tmp_path: Path) -> None:
    group = {
        "group": "loan",
        "repeat": {"count": "ghost", "maximum": 2},
        "item_titles": [{"en": "One"}, {"en": "Two"}],
        "questions": [q("inner")],
    }
    write(tmp_path, [q("a"), group])
    assert "group loan: count answer 'ghost' is unknown" in problems(tmp_path)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    (tmp_path / "questionnaire.yaml").write_text("languages: [en]\nsections: [gone]\n")
    assert problems(tmp_path) == ["gone.yaml: file is missing"]
    (tmp_path / "questionnaire.yaml").write_text("languages: [en\n")
    assert "not valid YAML" in problems(tmp_path)[0]


def test_choice_values_come_from_the_vocabulary(tmp_path: Path) -> None:
    stage = q(
        "stage",
        type="single_choice",
        field="stage",
        options=[
            {"value": "foreclosure_sale_done", "label": {"en": "Sold"}},
            {"value": "sold_at_auction", "label": {"en": "Auctioned"}},
        ],
    )
    write(tmp_path, [stage])
    assert any(
        "option 'sold_at_auction' is not one of the stage values" in p for p in problems(tmp_path)
    )


def test_decisive_names_a_deciding_fact_the_question_feeds(tmp_path: Path) -> None:
    write(
        tmp_path,
        [
            q("a", field="lender_bought_at_sale", when={"decisive": "lender_bought_at_sale"}),
            q("b", field="debt_sold", when={"decisive": "lender_bought_at_sale"}),
            q("c", field="lender_bought_at_sale", when={"decisive": "who_knows"}),
        ],
    )
    found = problems(tmp_path)
    assert "question b: asks 'debt_sold', decided by 'lender_bought_at_sale'" in found
    assert "question c: 'who_knows' is not a deciding fact" in found
    assert not any(p.startswith("question a:") for p in found)
