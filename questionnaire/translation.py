"""Move content texts out to a translator and back in, keeping each YAML file's layout."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .terms import TERM
from .words import PLACEHOLDER
from .yaml_text import LOADER

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class TextSpot:
    """Where one English text sits in a content file, and how to write a sibling language."""

    path: str
    texts: dict[str, str]
    """The text in each language it has, as written (`en` always)."""
    flow: bool
    line: int
    column: int
    """For a flow map, where its closing brace is; for a block map, the indent of `en:`."""

    @property
    def english(self) -> str:
        """The English text."""
        return self.texts[SOURCE_LANGUAGE]

    @property
    def languages(self) -> frozenset[str]:
        """The languages with a non-empty text here."""
        return frozenset(code for code, text in self.texts.items() if text.strip())


def _spots(node: yaml.Node, trail: str, found: list[TextSpot]) -> None:
    if isinstance(node, yaml.MappingNode):
        keys = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        english = keys.get(SOURCE_LANGUAGE)
        if isinstance(english, yaml.ScalarNode) and all(
            isinstance(v, yaml.ScalarNode) for v in keys.values()
        ):
            key_node = next(k for k, _ in node.value if k.value == SOURCE_LANGUAGE)
            flow = bool(node.flow_style)
            found.append(
                TextSpot(
                    path=trail,
                    texts={code: str(value.value) for code, value in keys.items()},
                    flow=flow,
                    line=node.end_mark.line if flow else english.end_mark.line,
                    column=node.end_mark.column - 1 if flow else key_node.start_mark.column,
                )
            )
            return
        for key, value in node.value:
            _spots(value, f"{trail}.{key.value}" if trail else str(key.value), found)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _spots(item, f"{trail}[{index}]", found)


def text_spots(source: str) -> list[TextSpot]:
    """Every `{en: ...}` text in a YAML document, with its path like `a.b[2].says`."""
    root = yaml.compose(source, Loader=LOADER)
    found: list[TextSpot] = []
    if root is not None:
        _spots(root, "", found)
    return found


def missing_texts(content_dir: Path, languages: tuple[str, ...]) -> list[str]:
    """Every content text (any `{en: …}` map, in any file) that lacks one of the languages."""
    problems: list[str] = []
    for file in sorted(content_dir.rglob("*.yaml")):
        name = file.relative_to(content_dir).as_posix()
        for spot in text_spots(file.read_text(encoding="utf-8")):
            if SOURCE_LANGUAGE not in spot.languages:
                continue  # an intentionally empty text (the law's own words follow it)
            missing = [language for language in languages if language not in spot.languages]
            if missing:
                problems.append(f"{name}: {spot.path} has no {', '.join(missing)} text")
    return problems


def check_languages(content_dir: Path, languages: tuple[str, ...]) -> None:
    """Refuse to start with a content text missing in one of the languages."""
    from .content import ContentError

    problems = missing_texts(content_dir, languages)
    if problems:
        raise ContentError(problems)


def export_texts(files: list[Path], language: str, base: Path) -> dict[str, dict[str, str]]:
    """The English texts that lack `language`, by file (relative to `base`) and path."""
    wanted: dict[str, dict[str, str]] = {}
    for file in files:
        missing = {
            spot.path: spot.english
            for spot in text_spots(file.read_text(encoding="utf-8"))
            if language not in spot.languages and SOURCE_LANGUAGE in spot.languages
        }
        if missing:
            wanted[file.relative_to(base).as_posix()] = missing
    return wanted


def _quoted(value: str) -> str:
    # JSON's double-quoted strings are valid YAML double-quoted scalars.
    return json.dumps(value, ensure_ascii=False)


def insert_language(source: str, language: str, texts: dict[str, str]) -> tuple[str, list[str]]:
    """The document with `language: text` written beside each `en:` named in `texts`.

    Returns the new source and the paths that were not found or already had the language.
    """
    lines = source.split("\n")
    spots = {spot.path: spot for spot in text_spots(source)}
    skipped = [path for path in texts if path not in spots or language in spots[path].languages]
    chosen = [spots[path] for path in texts if path not in skipped]
    # Write from the bottom up so earlier positions stay valid.
    for spot in sorted(chosen, key=lambda s: (s.line, s.column), reverse=True):
        value = _quoted(texts[spot.path].strip())
        if spot.flow:
            row = lines[spot.line]
            lines[spot.line] = f"{row[: spot.column]}, {language}: {value}{row[spot.column :]}"
        else:
            lines.insert(spot.line + 1, f"{' ' * spot.column}{language}: {value}")
    return "\n".join(lines), skipped


def import_texts(translations: dict[str, dict[str, str]], language: str, base: Path) -> list[str]:
    """Write translated texts into their content files; return problems (unknown paths)."""
    problems: list[str] = []
    for name, texts in translations.items():
        file = base / name
        if not file.is_file():
            problems.append(f"{name}: no such content file")
            continue
        updated, skipped = insert_language(file.read_text(encoding="utf-8"), language, texts)
        yaml.safe_load(updated)  # never write a file that no longer parses
        file.write_text(updated, encoding="utf-8")
        problems += [f"{name}: {path}: not found or already has {language}" for path in skipped]
    return problems


def check_translation(
    source: dict[str, dict[str, str]], translated: dict[str, dict[str, str]]
) -> list[str]:
    """Problems in a translation file: missing or extra texts, lost placeholders, bad markup."""
    problems: list[str] = []
    for name, texts in source.items():
        done = translated.get(name, {})
        for path, english in texts.items():
            where = f"{name}: {path}"
            text = done.get(path, "")
            if not english.strip():
                continue  # an intentionally empty text stays empty
            if not text.strip():
                problems.append(f"{where}: missing")
                continue
            if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"{where}: placeholders differ from the English")
            if text.count("(en:") != len(TERM.findall(text)):
                problems.append(f"{where}: write English terms as (en: term)")
        problems += [f"{name}: {path}: not in the source" for path in set(done) - set(texts)]
    problems += [f"{name}: not in the source" for name in set(translated) - set(source)]
    return problems


FORMAT = re.compile(r"%\((\w+)\)s")


def interface_messages(root: Path) -> set[str]:
    """Every interface string marked in code and templates (as `scripts/catalog` extracts)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (root / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {"_": None, "gettext": None, "_l": None, "N_": None, "lazy_gettext": None}
    found = extract_from_dir(str(root), method_map, options_map, keywords=keywords, comment_tags=())
    # Plural messages come as tuples; we have none, and a tuple would not be a message id.
    return {m for _file, _line, m, _comments, _context in found if isinstance(m, str) and m}


def catalog_problems(catalog_file: Path, wanted: set[str]) -> list[str]:
    """What is wrong with one language's catalog: missing, empty or fuzzy messages, and
    placeholders that differ from the English."""
    from babel.messages.pofile import read_po

    with catalog_file.open("rb") as source:
        catalog = read_po(source)
    problems = ["the catalog is marked fuzzy"] if catalog.fuzzy else []
    for message_id in sorted(wanted):
        message = catalog.get(message_id)
        if message is None or not message.string:
            problems.append(f"missing: {message_id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {message_id!r}")
        elif sorted(FORMAT.findall(message_id)) != sorted(FORMAT.findall(str(message.string))):
            problems.append(f"placeholders differ: {message_id!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """`python -m questionnaire.translation export|check|import …` (see docs/spanish-style.md).

    Runs without starting the app, so it works while a language is only half done."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m questionnaire.translation")
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the texts lacking a language to JSON")
    export.add_argument("--language", required=True)
    export.add_argument("output")
    export.add_argument("files", nargs="*")
    check = commands.add_parser("check", help="compare a translation with its export")
    check.add_argument("source")
    check.add_argument("translated")
    into = commands.add_parser("import", help="write a translation beside the English")
    into.add_argument("--language", required=True)
    into.add_argument("source")
    args = parser.parse_args(argv)
    base = Path.cwd()
    problems: list[str] = []
    if args.command == "export":
        files = [Path(f).resolve() for f in args.files] or sorted(
            (base / "content").rglob("*.yaml")
        )
        wanted = export_texts(files, args.language, base)
        Path(args.output).write_text(json.dumps(wanted, ensure_ascii=False, indent=1), "utf-8")
        print(f"Wrote {sum(len(t) for t in wanted.values())} texts from {len(wanted)} files.")
    elif args.command == "check":
        problems = check_translation(
            json.loads(Path(args.source).read_text(encoding="utf-8")),
            json.loads(Path(args.translated).read_text(encoding="utf-8")),
        )
    else:
        translations = json.loads(Path(args.source).read_text(encoding="utf-8"))
        problems = import_texts(translations, args.language, base)
    for problem in problems:
        print(problem)
    if args.command != "export":
        print(f"{len(problems)} problems.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
