"""Loads and checks the law files: every jurisdiction present, every fact cited and sourced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import ValidationError

from ..content import ContentError
from ..states import STATE_NAMES
from ..vocabulary import OptionId, values
from ..yaml_text import parse
from .facts import FederalLaw, Jurisdiction, Source
from .money_facts import GarnishmentLaw, OptionsContent, TaxLaw

OPTION_IDS = values(OptionId)  # every option the report compares must have its words
T = TypeVar("T", TaxLaw, GarnishmentLaw, OptionsContent)


@dataclass(frozen=True)
class LawLibrary:
    """All jurisdictions by code, plus the federal overlay."""

    jurisdictions: dict[str, Jurisdiction]
    federal: FederalLaw
    tax: TaxLaw
    garnishment: GarnishmentLaw
    options: OptionsContent | None = None

    def get(self, code: str) -> Jurisdiction | None:
        """One jurisdiction by USPS code."""
        return self.jurisdictions.get(code.upper())


def _load(path: Path) -> object:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContentError([f"{path.name}: not valid YAML ({error})"]) from None


def _problems(error: ValidationError, name: str) -> list[str]:
    return [f"{name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]


def check_jurisdiction(item: Jurisdiction, file_code: str, today: dt.date) -> list[str]:
    """Cross-checks a schema can't express: ids resolve, codes match, dates are sane."""
    problems: list[str] = []
    where = f"{file_code}.yaml"
    if item.code != file_code:
        problems.append(f"{where}: code {item.code} does not match the file name")
    if item.name != STATE_NAMES.get(item.code):
        problems.append(f"{where}: name {item.name!r} is not {STATE_NAMES.get(item.code)!r}")
    if item.last_reviewed > today:
        problems.append(f"{where}: last_reviewed {item.last_reviewed} is in the future")
    ids = [s.id for s in item.sources]
    if len(ids) != len(set(ids)):
        problems.append(f"{where}: source ids repeat")
    known = set(ids)
    for name, fact in item.facts():
        for source_id in fact.sources:
            if source_id not in known:
                problems.append(f"{where}: {name} cites unknown source {source_id!r}")
    for disagreement in item.disagreements:
        for source_id in disagreement.sources:
            if source_id not in known:
                problems.append(f"{where}: disagreement {disagreement.topic} cites {source_id!r}")
    protection_ids = [p.id for p in item.protections]
    if len(protection_ids) != len(set(protection_ids)):
        problems.append(f"{where}: protection ids repeat")
    if item.foreclosure.usual not in item.foreclosure.processes:
        problems.append(f"{where}: the usual process is not among the processes")
    return problems


def load_library(folder: Path, federal_file: Path, today: dt.date | None = None) -> LawLibrary:
    """Read every jurisdiction file and the federal file; raise ContentError listing problems."""
    problems: list[str] = []
    jurisdictions: dict[str, Jurisdiction] = {}
    now = today or dt.date.today()
    for code in STATE_NAMES:
        path = folder / f"{code}.yaml"
        if not path.exists():
            problems.append(f"{code}.yaml: file is missing")
            continue
        try:
            item = Jurisdiction.model_validate(_load(path))
        except ValidationError as error:
            problems.extend(_problems(error, path.name))
            continue
        except ContentError as error:
            problems.extend(error.problems)
            continue
        problems.extend(check_jurisdiction(item, code, now))
        jurisdictions[code] = item
    extra = {p.stem for p in folder.glob("*.yaml")} - set(STATE_NAMES)
    problems.extend(f"{name}.yaml: not a state or DC" for name in sorted(extra))
    try:
        federal = FederalLaw.model_validate(_load(federal_file))
    except ValidationError as error:
        raise ContentError(problems + _problems(error, federal_file.name)) from None
    problems += _unknown_sources(
        federal_file.name, federal.sources, [(r.id, r.sources) for r in federal.rules]
    )
    tax = _model(TaxLaw, federal_file.parent / "tax.yaml", problems)
    garnishment = _model(GarnishmentLaw, federal_file.parent / "garnishment.yaml", problems)
    if isinstance(tax, TaxLaw):
        needed = {
            "qualified-principal-residence",
            "insolvency",
            "bankruptcy",
            "form-1099-c",
            "canceled-debt-is-income",
            "recourse-foreclosure",
            "nonrecourse-foreclosure",
        }
        missing = needed - {rule.id for rule in tax.rules}
        problems.extend(f"tax.yaml: rule {name!r} is missing" for name in sorted(missing))
        problems += _unknown_sources(
            "tax.yaml", tax.sources, [(r.id, r.sources) for r in tax.rules]
        )
    if isinstance(garnishment, GarnishmentLaw):
        facts = [garnishment.federal, *garnishment.judgment_notes]
        problems += _unknown_sources(
            "garnishment.yaml",
            garnishment.sources,
            [(getattr(f, "id", "federal"), f.sources) for f in facts],
        )
    options = _model(OptionsContent, federal_file.parent / "options.yaml", problems)
    if isinstance(options, OptionsContent):
        cited = [
            (o.id, [*o.sources, *(s for c in o.cautions for s in c.sources)])
            for o in options.options
        ]
        problems += _unknown_sources("options.yaml", options.sources, cited)
        missing_options = set(OPTION_IDS) - {o.id for o in options.options}
        problems.extend(f"options.yaml: option {o!r} is missing" for o in sorted(missing_options))
    if problems or tax is None or garnishment is None or options is None:
        raise ContentError(problems)
    return LawLibrary(jurisdictions, federal, tax, garnishment, options)


def _unknown_sources(
    file_name: str, sources: list[Source], cited: list[tuple[str, list[str]]]
) -> list[str]:
    """Every source id a fact cites that the file does not list."""
    known = {source.id for source in sources}
    return [
        f"{file_name}: {item} cites unknown source {source_id!r}"
        for item, ids in cited
        for source_id in ids
        if source_id not in known
    ]


def _model(model: type[T], path: Path, problems: list[str]) -> T | None:
    """Read one YAML file into a model, adding any problems to the list."""
    try:
        return model.model_validate(_load(path))
    except ValidationError as error:
        problems.extend(_problems(error, path.name))
    except (ContentError, FileNotFoundError) as error:
        problems.extend(getattr(error, "problems", [f"{path.name}: file is missing"]))
    return None
