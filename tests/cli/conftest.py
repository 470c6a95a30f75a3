from pathlib import Path

import pytest
from cli_helpers import CONFIG


@pytest.fixture
def env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory for the test's files; commands use the test database (SQLite, and
    PostgreSQL when ORDERBOT_TEST_POSTGRES_URL is set) and the demo shop's config.yml."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("ORDERBOT_CONFIG", str(CONFIG))
    return tmp_path
