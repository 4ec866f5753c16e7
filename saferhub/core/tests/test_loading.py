"""Reading data files: dates and YAML, with errors that say where and why."""

import datetime as dt

import pytest

from saferhub.core.loading import DataFileError, data_date, read_yaml


class AppError(DataFileError):
    pass


def test_a_date_is_read_from_yaml_or_iso_text():
    assert data_date(dt.date(2021, 7, 20), "x") == dt.date(2021, 7, 20)
    assert data_date("2021-07-20", "x") == dt.date(2021, 7, 20)


def test_a_bad_date_names_the_place_and_raises_the_apps_error():
    with pytest.raises(AppError, match=r"bodies\[2\]: '20/07/2021' is not a date \(write it as YYYY-MM-DD\)"):
        data_date("20/07/2021", "bodies[2]", error=AppError)


def test_an_empty_date_is_allowed_only_when_optional():
    assert data_date("", "x", optional=True) is None
    with pytest.raises(DataFileError):
        data_date("", "x")


def test_read_yaml_refuses_a_file_that_is_not_a_mapping(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_text("- one\n- two\n", encoding="utf-8")
    with pytest.raises(AppError, match="must hold a mapping"):
        read_yaml(path, error=AppError)
    path.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="not valid YAML"):
        read_yaml(path)
    path.write_text("", encoding="utf-8")
    assert read_yaml(path) == {}
    with pytest.raises(DataFileError, match="cannot be read"):
        read_yaml(tmp_path / "missing.yaml")
