"""Readability of every content text, per language, with that language's formula.

Run: .venv/bin/python -m bench.readability
Prints, per language, how many texts of 8 words or more there are, the median and the worst
score (Flesch-Kincaid grade for English: lower is easier; Szigriszt-Pazos for Spanish:
higher is easier), and the five hardest texts.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from questionnaire.readability import BARS, plain, score
from questionnaire.translation import text_spots

ROOT = Path(__file__).resolve().parent.parent
MIN_WORDS = 8


def texts(language: str) -> list[tuple[str, str]]:
    """Every content text of MIN_WORDS or more in a language, with where it is."""
    return [
        (f"{file.stem}: {spot.path}", spot.texts[language])
        for file in sorted((ROOT / "content").rglob("*.yaml"))
        for spot in text_spots(file.read_text(encoding="utf-8"))
        if len(plain(spot.texts.get(language, "")).split()) >= MIN_WORDS
    ]


def main() -> None:
    for language, bar in BARS.items():
        scored = sorted(((score(t, language), w) for w, t in texts(language)), reverse=True)
        if not bar.higher_is_easier:
            scored.reverse()
        values = [s for s, _ in scored]
        print(f"{language}: {bar.formula}, bar {bar.limit:g}")
        print(
            f"  texts {len(values)}  median {statistics.median(values):.1f}  worst {values[-1]:.1f}"
        )
        for value, where in scored[-5:]:
            print(f"    {value:6.1f}  {where}")


if __name__ == "__main__":
    main()
