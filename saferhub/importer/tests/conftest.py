from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
if not SEEDS.exists():
    SEEDS = Path("/work/shared/seeds")


def seed_files() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seeds() -> list[tuple[str, bytes]]:
    files = seed_files()
    if len(files) != 5:
        pytest.skip(f"The seed documents are not at {SEEDS}.")
    return files


@pytest.fixture(scope="session")
def extraction(seeds):
    from saferhub.importer.parsing.extract import extract_batch

    return extract_batch(seeds, {})
