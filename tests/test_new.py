"""``prepguide new``: commented files from templates, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from prepguide.cli import main
from prepguide.guide.corpus import CorpusLoader
from prepguide.read.loader import load_file
from prepguide.write.scaffold import contact_text, organization_text, similar
from prepguide.write.scaffold_text import yaml_scalar

from .conftest import write


def new(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.chdir(root)
    return main(["new", *args])


def loaded(path: Path) -> dict[str, object]:
    data = load_file(path, path.name).data
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Grace O'Neil", "grace-oneil"),
        ("Zoë Núñez", "zoe-nunez"),
        ("  Ana   María  López-Ortiz ", "ana-maria-lopez-ortiz"),
        ("Søren Ærø", "soren-aero"),
    ],
)
def test_id_is_folded_from_the_name(
    guide: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    ident: str,
) -> None:
    assert new(guide, monkeypatch, "contact", name) == 0
    path = guide / "content" / "contacts" / f"{ident}.yml"
    assert capsys.readouterr().out == f"content/contacts/{ident}.yml\n"
    assert loaded(path)["name"] == " ".join(name.split())
    corpus = CorpusLoader().load(guide / "content")
    assert corpus.errors == []
    assert corpus.contacts[ident].meeting.status == "researching"


def test_never_overwrites(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = guide / "content/contacts/joan-whitcombe.yml"
    before = path.read_bytes()
    assert new(guide, monkeypatch, "contact", "Joan Whitcombe") == 1
    err = capsys.readouterr().err
    assert "content/contacts/joan-whitcombe.yml exists (Joan Whitcombe)" in err
    assert "never overwrites" in err
    assert path.read_bytes() == before


def test_similar_name_warns_but_writes(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "contact", "Joan Whitcomb") == 0
    captured = capsys.readouterr()
    assert captured.out == "content/contacts/joan-whitcomb.yml\n"
    assert captured.err == (
        "warning: a similar contact exists: `joan-whitcombe` (Joan Whitcombe); "
        "is it the same one?\n"
    )


def test_org_and_via(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        new(
            guide,
            monkeypatch,
            "contact",
            "Paulina Herrera",
            "--org",
            "lumenchart",
            "--via",
            "ines-carvalho",
        )
        == 0
    )
    path = guide / "content/contacts/paulina-herrera.yml"
    data = loaded(path)
    assert data["organization"] == "lumenchart"
    assert data["connection"] == {"type": "mutual", "via": "ines-carvalho"}
    text = path.read_text(encoding="utf-8")
    assert "# A referral from Inês Carvalho (contacts/ines-carvalho.yml)" in text
    corpus = CorpusLoader().load(guide / "content")
    assert corpus.errors == []
    assert corpus.contacts["paulina-herrera"].connection.via == "ines-carvalho"


def test_unknown_org_suggests(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "contact", "Ann Lee", "--org", "lumenchard") == 1
    assert (
        "--org: no organization `lumenchard`; did you mean `lumenchart`?" in capsys.readouterr().err
    )
    assert not (guide / "content/contacts/ann-lee.yml").exists()
    assert new(guide, monkeypatch, "contact", "Ann Lee", "--org", "Cedar Ridge Health") == 1
    assert "did you mean `cedar-ridge-health`?" in capsys.readouterr().err


def test_unknown_via_suggests(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "contact", "Ann Lee", "--via", "anais") == 1
    assert "--via: no contact `anais`; did you mean `anais-thibodeaux`?" in capsys.readouterr().err


def test_org_option_is_for_contacts_only(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "organization", "Acme", "--org", "lumenchart") == 2
    assert "applies to contacts only" in capsys.readouterr().err


def test_new_organization(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "organization", "Harbor & Finch: Design #2") == 0
    path = guide / "content/organizations/harbor-finch-design-2.yml"
    assert capsys.readouterr().out == "content/organizations/harbor-finch-design-2.yml\n"
    assert loaded(path) == {"name": "Harbor & Finch: Design #2"}
    assert CorpusLoader().load(guide / "content").errors == []
    assert new(guide, monkeypatch, "organization", "Lumenchart") == 1


def test_chinese_name_gets_an_id_and_id_can_still_be_chosen(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15 item 5: `王小明` used to be refused ("cannot make an id").
    assert new(guide, monkeypatch, "contact", "王小明") == 0
    assert capsys.readouterr().out == "content/contacts/wang-xiao-ming.yml\n"
    assert loaded(guide / "content/contacts/wang-xiao-ming.yml")["name"] == "王小明"
    assert new(guide, monkeypatch, "contact", "王小明", "--id", "wang-xiaoming") == 0
    assert loaded(guide / "content/contacts/wang-xiaoming.yml")["name"] == "王小明"
    assert new(guide, monkeypatch, "contact", "王小明", "--id", "Wang Xiaoming") == 1


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Łukasz Żółć", "lukasz-zolc"),  # Polish
        ("Yılmaz", "yilmaz"),  # Turkish dotless i
        ("Ødegaard", "odegaard"),  # Norwegian
        ("Þóra", "thora"),  # Icelandic thorn
        ("Straße", "strasse"),  # German sharp s
        ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),  # Vietnamese
        ("김민준", "gim-min-jun"),  # Korean
        ("Дмитрий Шостакович", "dmitriy-shostakovich"),  # Cyrillic
    ],
)
def test_new_keeps_every_letter(
    guide: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    ident: str,
) -> None:
    assert new(guide, monkeypatch, "contact", name) == 0
    assert capsys.readouterr().out == f"content/contacts/{ident}.yml\n"


def test_name_of_only_symbols_gets_a_fallback_id(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "contact", "🙂🙂") == 0
    out, err = capsys.readouterr()
    assert out == "content/contacts/contact.yml\n"
    assert "no letter or digit" in err and "--id" in err
    assert loaded(guide / "content/contacts/contact.yml")["name"] == "🙂🙂"
    assert new(guide, monkeypatch, "contact", "★") == 0
    assert capsys.readouterr().out == "content/contacts/contact-2.yml\n"
    assert new(guide, monkeypatch, "organization", "***") == 0
    assert capsys.readouterr().out == "content/organizations/organization.yml\n"
    assert CorpusLoader().load(guide / "content").errors == []


def test_very_long_name_gets_a_bounded_id(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15 item 4: a 300-character name gave "File name too long".
    name = " ".join(["Wolfeschlegelsteinhausenbergerdorff"] + ["Hubert Blaine"] * 20)
    assert new(guide, monkeypatch, "contact", name) == 0
    out = capsys.readouterr().out.strip()
    ident = out.removeprefix("content/contacts/").removesuffix(".yml")
    assert ident == "wolfeschlegelsteinhausenbergerdorff-hubert-blaine-hubert"
    assert len(ident) <= 60
    assert loaded(guide / out)["name"] == name
    assert new(guide, monkeypatch, "organization", "x" * 300) == 0
    assert capsys.readouterr().out == f"content/organizations/{'x' * 60}.yml\n"
    assert new(guide, monkeypatch, "contact", "Ann", "--id", "a-" * 40 + "b") == 1
    err = capsys.readouterr().err
    assert "longer than 60 characters" in err and "Traceback" not in err


def test_outside_a_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(tmp_path, monkeypatch, "contact", "Ann Lee") == 1
    assert "prepguide init" in capsys.readouterr().err


def test_creates_the_contacts_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    assert new(tmp_path, monkeypatch, "contact", "Ann Lee") == 0
    assert (tmp_path / "content/contacts/ann-lee.yml").is_file()


def test_schema_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    assert new(tmp_path, monkeypatch, "contact", "Ann Lee") == 0
    first = (tmp_path / "content/contacts/ann-lee.yml").read_text().splitlines()[0]
    assert (
        first == "# Fields: see contact.schema.json in the prepguide package (prepguide/schemas/)."
    )
    write(tmp_path / "plugins/prepguide/schemas/organization.schema.json", "{}")
    assert new(tmp_path, monkeypatch, "organization", "Acme") == 0
    first = (tmp_path / "content/organizations/acme.yml").read_text().splitlines()[0]
    assert first == (
        "# yaml-language-server: $schema=../../plugins/prepguide/schemas/organization.schema.json"
    )


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        'Dr. Amara: "Quist" #1',
        "- dash",
        "'quoted'",
        "yes",
        "2026-12-04",
        "null",
        "@handle",
        "a\u2028b",
    ],
)
def test_awkward_names_round_trip(name: str) -> None:
    text = contact_text(name, "x-y", schema="# s")
    assert yaml_scalar(name)
    from prepguide.read.loader import load_bytes

    assert load_bytes(text.encode(), "x.yml").data["name"] == name
    org = organization_text(name, "x-y", schema="# s")
    assert load_bytes(org.encode(), "x.yml").data["name"] == name


def test_similar() -> None:
    known = {"joan-whitcombe": "Joan Whitcombe", "ines-carvalho": "Inês Carvalho"}
    assert similar("Joan Whitcomb", known) == ["joan-whitcombe"]
    assert similar("Whitcombe Joan", known) == ["joan-whitcombe"]
    assert similar("Ines Carvalho", known) == ["ines-carvalho"]
    assert similar("Joan Smith", known) == []


def test_same_name_under_another_id_warns(
    guide: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(guide, monkeypatch, "contact", "Joan Whitcombe", "--id", "joan-whitcombe-2") == 0
    captured = capsys.readouterr()
    assert captured.out == "content/contacts/joan-whitcombe-2.yml\n"
    assert "a contact with the same name exists: `joan-whitcombe`" in captured.err
