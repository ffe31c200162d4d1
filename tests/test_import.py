"""`prepguide import`: spreadsheet rows to contact files."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepguide.cli import main
from prepguide.guide.corpus import CorpusLoader

from .conftest import write

CSV = (
    "Full Name,Employer,Job Title,E-mail,LinkedIn,University,Graduation Year,Industry,Tags,Consent,Shoe size\n"
    "Dana Whitfield,Cedar Ridge Health,Nurse,dana@example.org,https://linkedin.example.com/in/dana,"
    "Lakeshore State,2014,Health care,nursing; informatics,yes,38\n"
    ",Acme,x,,,,,,,,\n"
    "Sam Lee,Acme Robotics,Engineer,,javascript:alert(1),,,,,,\n"
    "Lee Park,Acme Robotics,PM,,,Lakeshore,20x4,,,no,\n"
    '"Núñez, Zoë",Acme Robotics,Designer,,,,,Technology,,y,\n'
)


@pytest.fixture
def guide_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(
        tmp_path / "content/organizations/cedar-ridge.yml", "# keep me\nname: Cedar Ridge Health\n"
    )
    write(tmp_path / "alumni.csv", CSV)
    monkeypatch.chdir(tmp_path)
    return tmp_path


GOOD_ROWS = (1, 5)
"""The lines of CSV (0 is the header) that import."""


def test_import_reports_bad_rows_and_imports_the_rest(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/usage.md: bad rows reported by row number, the rest imported, exit 1."""
    code = main(["import", "alumni.csv"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        "wrote content/organizations/acme-robotics.yml",
        "wrote content/contacts/dana-whitfield.yml",
        "wrote content/contacts/nunez-zoe.yml",
    ]
    assert "alumni.csv:3:1: error: row refused: the name is empty" in err
    assert "alumni.csv:4:1: error: row refused: `linkedin`:" in err
    assert "alumni.csv:5:1: error: row refused: `20x4` is not a graduation year like 2014" in err
    assert "2 contacts imported, 3 rows refused" in err
    assert "ignored columns: Shoe size" in err
    # only the employers of written rows get an organization file
    assert sorted(p.name for p in (guide_dir / "content/organizations").iterdir()) == [
        "acme-robotics.yml",
        "cedar-ridge.yml",
    ]
    # the same file again, its bad rows corrected: the people already imported are skipped
    lines = CSV.splitlines()
    write(guide_dir / "alumni.csv", "\n".join(lines[i] for i in (0, *GOOD_ROWS)) + "\n")
    capsys.readouterr()
    assert main(["import", "alumni.csv"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 contacts imported, 2 already in the guide (skipped)" in err


def test_import_writes_valid_files(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = CSV.splitlines()
    write(guide_dir / "alumni.csv", "\n".join(lines[i] for i in (0, *GOOD_ROWS)) + "\n")
    code = main(["import", "alumni.csv"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines() == [
        "wrote content/organizations/acme-robotics.yml",
        "wrote content/contacts/dana-whitfield.yml",
        "wrote content/contacts/nunez-zoe.yml",
    ]
    assert "2 contacts imported" in err
    corpus = CorpusLoader().load(guide_dir / "content", guide_dir)
    assert corpus.problems == []
    dana = corpus.contacts["dana-whitfield"]
    assert dana.organization == "cedar-ridge"
    assert dana.visibility == "public"
    assert dana.connection.type == "alumni"
    assert dana.tags == ["nursing", "informatics"]
    assert dana.email == "dana@example.org"
    assert dana.background.education[0].school == "Lakeshore State"
    assert dana.background.education[0].year == 2014
    assert corpus.organizations["acme-robotics"].industry == "Technology"
    assert (
        (guide_dir / "content/organizations/cedar-ridge.yml")
        .read_text(encoding="utf-8")
        .startswith("# keep me")
    )


def test_import_never_overwrites(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(guide_dir / "alumni.csv", "Name,Employer\nDana Whitfield,Acme\n")
    assert main(["import", "alumni.csv"]) == 0
    before = (guide_dir / "content/contacts/dana-whitfield.yml").read_bytes()
    capsys.readouterr()
    write(guide_dir / "alumni.csv", "Name,Employer\nDana Whitfield,Other\nBo Park,Other\n")
    code = main(["import", "alumni.csv"])
    _, err = capsys.readouterr()
    assert code == 0
    assert (
        "alumni.csv:2:1: warning: Dana Whitfield is already in the guide "
        "(contacts/dana-whitfield.yml): skipped, that file is left as it is"
    ) in err
    assert (guide_dir / "content/contacts/dana-whitfield.yml").read_bytes() == before
    assert (guide_dir / "content/contacts/bo-park.yml").exists()


def test_import_all_rows_good_exits_0_and_map(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "ok.csv", "Person;Company;Class of\nAmir Haddad;Bellwether;2009\n")
    code = main(
        [
            "import",
            "ok.csv",
            "--map",
            "Person=name",
            "--map",
            "Class of=education.year",
            "--map",
            "Company=organization",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 1  # a year without a school is refused
    assert "a degree, field or year is given without a school" in err
    write(guide_dir / "ok2.csv", "Person;Company\nAmir Haddad;Bellwether\n")
    assert main(["import", "ok2.csv", "--map", "Person=name", "--map", "Company=organization"]) == 0
    assert (guide_dir / "content/contacts/amir-haddad.yml").is_file()


def test_import_usage_errors(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "alumni.csv", "--map", "Shoe size=shoes"]) == 2
    assert "unknown field `shoes`" in capsys.readouterr().err
    write(guide_dir / "noname.csv", "Employer\nAcme\n")
    assert main(["import", "noname.csv"]) == 1
    assert "no column gives the name" in capsys.readouterr().err
    (guide_dir / "latin.csv").write_bytes("name\nJos\xe9\n".encode("latin-1"))
    assert main(["import", "latin.csv"]) == 1
    assert "is not UTF-8 text" in capsys.readouterr().err
    assert main(["import", "missing.csv"]) == 1
    assert "cannot read missing.csv" in capsys.readouterr().err
