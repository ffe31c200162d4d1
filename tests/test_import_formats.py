"""`prepguide import` on the CSV files real programs write, and ids from names of any script.

Issue 15 items 2-5. The samples in tests/data/csv/ are written byte for byte the way
each program writes them (see tests/data/csv/.gitattributes: never converted):

- excel-semicolon.csv: Excel in a locale whose list separator is `;` ("CSV UTF-8"):
  a BOM, CRLF between rows, LF inside a quoted cell;
- google-sheets.csv: Google Sheets' CSV download: commas, LF, multi-line cells;
- libreoffice.csv: LibreOffice Calc's Text CSV with "Quote all text cells";
- linkedin-connections.csv: LinkedIn's Connections.csv, with its `Notes:` preamble.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prepguide.cli import main
from prepguide.guide.corpus import CorpusLoader
from prepguide.ids import MAX_ID_LENGTH, free_id, slugify
from prepguide.read.model import Contact
from prepguide.write.importer import ImportError_, import_csv, parse_maps

from .conftest import write

SAMPLES = Path(__file__).parent / "data" / "csv"


@pytest.fixture
def guide_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_import(root: Path, sample: str, *args: str) -> int:
    shutil.copyfile(SAMPLES / sample, root / sample)
    return main(["import", sample, *args])


def contacts(root: Path) -> dict[str, Contact]:
    corpus = CorpusLoader().load(root / "content", root)
    assert corpus.problems == []
    return dict(corpus.contacts)


def files(root: Path, folder: str) -> list[str]:
    return sorted(p.stem for p in (root / "content" / folder).glob("*.yml"))


# --- item 2: the files Excel, Google Sheets and LibreOffice write ---------------------------


def test_samples_are_written_as_their_programs_write_them() -> None:
    excel = (SAMPLES / "excel-semicolon.csv").read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf")
    assert excel.count(b"\r\n") == 5 and b"follow up.\nFollow" not in excel
    assert b"fair.\nFollow up" in excel  # a line break inside a cell: LF, as Excel writes it
    sheets = (SAMPLES / "google-sheets.csv").read_bytes()
    assert b"\r" not in sheets and not sheets.startswith(b"\xef")


def test_excel_semicolons_bom_crlf(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(guide_dir, "excel-semicolon.csv") == 0, capsys.readouterr().err
    people = contacts(guide_dir)
    assert sorted(people) == [
        "dana-whitfield",
        "lukasz-zolc",
        "odegaard-ingrid",
        "thora-jonsdottir",
    ]
    lukasz = people["lukasz-zolc"]
    assert lukasz.name == "Łukasz Żółć"
    assert lukasz.role == 'Co-author of "Data; Done Right" (2019)'
    assert lukasz.location == "Kraków"
    assert lukasz.connection.story == "Met at the career fair.\nFollow up in spring."
    assert lukasz.organization == "brightwater-analytics-krakow-office"
    assert lukasz.visibility == "public"
    dana = people["dana-whitfield"]
    assert dana.tags == ["nursing", "informatics"]
    assert dana.connection.story == "Spoke at the 2023 alumni panel; offered to help"
    assert dana.background.education[0].year == 2014
    assert people["odegaard-ingrid"].visibility == "private"
    assert people["thora-jonsdottir"].email == "thora@example.is"
    assert not any(p.name.startswith("\ufeff") for p in people.values())


def test_google_sheets_multiline_cells_are_one_person(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_import(guide_dir, "google-sheets.csv") == 0
    err = capsys.readouterr().err
    people = contacts(guide_dir)
    assert sorted(people) == ["ana-lima", "ana-lima-2", "wang-xiao-ming", "yilmaz-demir"]
    first = people["ana-lima"]
    assert first.role == 'Co-author of "Data, Done Right" (2019)'
    assert first.location == "Recife, Brazil"
    assert first.background.notes == (
        "Moved from bedside nursing to public-health data.\n\n"
        "Ask about the move, and about the fellowship."
    )
    assert first.goals == ["role", "path", "advice"]
    assert first.visibility == "public"
    second = people["ana-lima-2"]  # item 4: another person of the same name
    assert (second.organization, second.role, second.location) == (
        "larkspur-museum",
        "Curator",
        "Porto, Portugal",
    )
    # the second Ana Lima's row starts on line 5: the first one's bio spans lines 2-4
    assert "google-sheets.csv:5:1: warning: a second Ana Lima (line 2 is ana-lima)" in err
    assert people["yilmaz-demir"].organization == "acme-robotics-inc"
    assert people["wang-xiao-ming"].name == "王小明"


def test_libreoffice_quoted_text_cells(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(guide_dir, "libreoffice.csv") == 0, capsys.readouterr().err
    people = contacts(guide_dir)
    assert sorted(people) == [
        "dmitriy-shostakovich",
        "gim-min-jun",
        "nguyen-thi-minh-khai",
        "strasse-jurgen",
    ]
    khai = people["nguyen-thi-minh-khai"]
    assert khai.pronouns == "she/her"
    assert khai.background.interests == ["typography", "mentoring"]
    assert khai.background.education[0].year == 2010
    assert khai.visibility == "public"
    assert people["strasse-jurgen"].name == "Straße, Jürgen"
    assert people["dmitriy-shostakovich"].visibility == "private"


def test_doubled_quotes_around_a_comma_never_shift_columns(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's row: the sniffer cut the cell at the comma and shifted the columns."""
    write(
        guide_dir / "a.csv",
        "Name,Role,Location\n"
        'Rita Okafor,"Co-author of ""Data, Done Right"" (2019)","Lagos, Nigeria"\n'
        "Bo Park,Nurse,Oslo\n",
    )
    assert main(["import", "a.csv"]) == 0, capsys.readouterr().err
    rita = contacts(guide_dir)["rita-okafor"]
    assert rita.role == 'Co-author of "Data, Done Right" (2019)'
    assert rita.location == "Lagos, Nigeria"


def test_a_row_with_more_cells_than_the_header_refuses_the_file(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        guide_dir / "a.csv",
        "Name,Employer,Title\n"
        "Ann Lee,Acme,Engineer\n"
        "Bo Park,Acme, Inc.,Nurse\n"  # the comma of "Acme, Inc." is not quoted
        "Cy Diaz,Acme\n",
    )
    assert main(["import", "a.csv"]) == 1
    err = capsys.readouterr().err
    assert "a.csv:3:1: error: this row has 4 cells but the header (line 1) has 3" in err
    assert "a.csv:4:1: error: this row has 2 cells but the header (line 1) has 3" in err
    assert 'in double quotes, with each quote inside doubled ("")' in err
    assert "nothing imported" in err
    assert not (guide_dir / "content/contacts").exists()
    assert not (guide_dir / "content/organizations").exists()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('Name,Role\nAnn Lee,Nurse\nBo Park,"Chief" nurse\n', 3),  # text after a closing quote
        ('Name,Role\nAnn Lee,Nurse\nBo Park,"Nurse\nCy Diaz,Chef\n', 3),  # never closed
    ],
    ids=["text-after-quote", "unclosed-quote"],
)
def test_broken_quoting_is_refused_at_its_line(
    guide_dir: Path, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    write(guide_dir / "a.csv", text)
    assert main(["import", "a.csv"]) == 1
    err = capsys.readouterr().err
    assert f"a.csv:{line}:1: error: the row starting here is not CSV" in err
    assert "Traceback" not in err
    assert not (guide_dir / "content/contacts").exists()


def test_only_the_delimiter_is_guessed(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(guide_dir / "tabs.csv", 'Name\tRole\nAnn Lee\t"Nurse, ""night"" shift"\n')
    assert main(["import", "tabs.csv"]) == 0, capsys.readouterr().err
    assert contacts(guide_dir)["ann-lee"].role == 'Nurse, "night" shift'


def test_utf16_with_a_byte_order_mark(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (guide_dir / "u16.csv").write_bytes("Name\tCity\r\nZoë Núñez\tMálaga\r\n".encode("utf-16"))
    assert main(["import", "u16.csv"]) == 0, capsys.readouterr().err
    assert contacts(guide_dir)["zoe-nunez"].location == "Málaga"


def test_not_utf8_names_its_line(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (guide_dir / "latin.csv").write_bytes("Name\nAnn Lee\nJos\xe9\n".encode("latin-1"))
    assert main(["import", "latin.csv"]) == 1
    err = capsys.readouterr().err
    assert "latin.csv:3:1: error: latin.csv is not UTF-8 text (byte 0xe9)" in err


# --- item 3: LinkedIn's Connections.csv, joined columns ----------------------------------


def test_linkedin_connections(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(guide_dir, "linkedin-connections.csv") == 0
    err = capsys.readouterr().err
    assert "the header is on line 4; lines 1-3, before it, skipped" in err
    assert "LinkedIn Connections export" in err
    assert "ignored columns" not in err
    people = contacts(guide_dir)
    assert sorted(people) == ["grace-lin", "kenji-watanabe", "mo-said", "sofia-ramirez-ortiz-phd"]
    grace = people["grace-lin"]
    assert grace.name == "Grace Lin"
    assert str(grace.linkedin) == "https://www.linkedin.com/in/grace-lin-example"
    assert grace.email == "grace.lin@example.com"
    assert grace.role == "Clinical Data Manager"
    assert grace.organization == "harbor-light-health"
    assert grace.connection.type == "online"
    assert grace.connection.story == "Connected on LinkedIn on 2023-03-15."
    assert grace.visibility == "private"
    assert people["sofia-ramirez-ortiz-phd"].name == "Sofía Ramírez Ortiz, PhD"
    assert people["sofia-ramirez-ortiz-phd"].role == "Head of Research, Offshore Wind"
    assert people["mo-said"].organization == "larkspur-museum-of-art-history-and-design"
    assert people["kenji-watanabe"].organization is None
    assert files(guide_dir, "organizations") == [
        "fjord-energy-as",
        "harbor-light-health",
        "larkspur-museum-of-art-history-and-design",
    ]


def test_linkedin_links_to_existing_organizations_and_maps_win(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "content/organizations/harbor.yml", "name: Harbor Light Health\n")
    code = run_import(
        guide_dir,
        "linkedin-connections.csv",
        "--map",
        "Connected On=notes",
    )
    assert code == 0, capsys.readouterr().err
    grace = contacts(guide_dir)["grace-lin"]
    assert grace.organization == "harbor"
    assert grace.notes == "15 Mar 2023"
    assert grace.connection.story is None
    assert grace.connection.type == "online"


def test_first_and_last_name_are_joined(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "a.csv", "Given Name,Middle Name,Surname,Email\nAna,Paula,Lima,\nBo,,Park,\n")
    assert main(["import", "a.csv"]) == 0, capsys.readouterr().err
    people = contacts(guide_dir)
    assert people["ana-paula-lima"].name == "Ana Paula Lima"
    assert people["bo-park"].name == "Bo Park"
    assert people["bo-park"].connection.type == "alumni"  # not a LinkedIn export


def test_map_joins_columns(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        guide_dir / "a.csv",
        "Vorname;Nachname;Firma;Stichworte;Weitere\nJürgen;Straße;Acme;a;b\n",
    )
    code = main(
        [
            "import",
            "a.csv",
            "--map",
            "Vorname+Nachname=name",
            "--map",
            "Firma=organization",
            "--map",
            "Stichworte + Weitere=tags",
        ]
    )
    assert code == 0, capsys.readouterr().err
    jurgen = contacts(guide_dir)["jurgen-strasse"]
    assert jurgen.name == "Jürgen Straße"
    assert jurgen.organization == "acme"
    assert jurgen.tags == ["a", "b"]


def test_map_of_a_missing_column_is_a_usage_error(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "a.csv", "First Name,Last Name\nAna,Lima\n")
    assert main(["import", "a.csv", "--map", "First Name+Family=name"]) == 2
    err = capsys.readouterr().err
    assert "--map First Name+Family=name: no column `family` in the header" in err
    assert "First Name, Last Name" in err
    assert not (guide_dir / "content/contacts").exists()


def test_no_name_column_is_located(guide_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(guide_dir / "a.csv", "\nEmployer,Title\nAcme,Engineer\n")
    assert main(["import", "a.csv"]) == 1
    err = capsys.readouterr().err
    assert "a.csv:2:1: error: no column gives the name" in err
    assert "Employer, Title" in err


def test_preamble_parser_units() -> None:
    rules = parse_maps(["A+B=name", "C = role"])
    assert [(r.column, r.target) for r in rules] == [("A+B", "name"), ("C", "role")]
    with pytest.raises(ImportError_, match="unknown field"):
        parse_maps(["A=shoe"])


# --- item 4: duplicates, long names, all or nothing --------------------------------------


def test_same_name_twice_gets_distinct_ids(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        guide_dir / "a.csv",
        "Name,Employer\nAna Lima,Acme\nAna Lima,Zenith\nANA  LIMA,Orbit\nAna Lima,Acme\n",
    )
    assert main(["import", "a.csv"]) == 1  # line 5 repeats line 2 exactly
    err = capsys.readouterr().err
    assert "a.csv:5:1: error: row refused: this row repeats line 2" in err
    people = contacts(guide_dir)
    assert {cid: p.organization for cid, p in people.items()} == {
        "ana-lima": "acme",
        "ana-lima-2": "zenith",
        "ana-lima-3": "orbit",
    }
    # importing again never duplicates a person already in the guide
    write(guide_dir / "a.csv", "Name,Employer\nAna Lima,Acme\nAna Lima,Zenith\nANA  LIMA,Orbit\n")
    capsys.readouterr()
    assert main(["import", "a.csv"]) == 0
    err = capsys.readouterr().err
    assert "a.csv:2:1: warning: Ana Lima is already in the guide" in err
    assert "0 contacts imported, 3 already in the guide (skipped)" in err
    assert len(contacts(guide_dir)) == 3


def test_an_id_taken_by_another_person_gets_the_next_number(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "content/contacts/ana-lima.yml", "name: Ana Lima Souza\n")
    write(guide_dir / "a.csv", "Name\nAna Lima\n")
    assert main(["import", "a.csv"]) == 0
    assert "`ana-lima` is taken, so this person's id is `ana-lima-2`" in capsys.readouterr().err
    assert contacts(guide_dir)["ana-lima-2"].name == "Ana Lima"


def test_very_long_names_get_bounded_ids(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long_name = " ".join(["Maximiliana"] * 40)
    long_org = "The " + "Very " * 80 + "Long Company"
    write(guide_dir / "a.csv", f"Name,Employer\n{long_name},{long_org}\n{long_name},Acme\n")
    assert main(["import", "a.csv"]) == 0, capsys.readouterr().err
    people = contacts(guide_dir)
    assert all(len(cid) <= MAX_ID_LENGTH for cid in people)
    second, first = sorted(people, key=len)
    assert first == "-".join(["maximiliana"] * 5)  # 59 characters, cut between words
    assert second == "-".join(["maximiliana"] * 4) + "-2"
    org = people[first].organization
    assert org is not None and org.startswith("the-very-very") and len(org) <= MAX_ID_LENGTH
    assert files(guide_dir, "organizations") == ["acme", org]


def test_a_refused_row_writes_no_organization(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A refused row leaves no file behind, not even its employer's organization."""
    write(
        guide_dir / "a.csv",
        "Name,Employer,LinkedIn\nAnn Lee,Acme,\nBo Park,Zenith,javascript:alert(1)\n",
    )
    assert main(["import", "a.csv"]) == 1
    err = capsys.readouterr().err
    assert "a.csv:3:1: error: row refused: `linkedin`" in err
    assert sorted(p.name for p in (guide_dir / "content/contacts").iterdir()) == ["ann-lee.yml"]
    assert sorted(p.name for p in (guide_dir / "content/organizations").iterdir()) == ["acme.yml"]


def test_symbol_only_names_get_fallback_ids(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(guide_dir / "a.csv", "Name\n🙂\n★★\n")
    assert main(["import", "a.csv"]) == 0, capsys.readouterr().err
    people = contacts(guide_dir)
    assert {cid: p.name for cid, p in people.items()} == {"contact": "🙂", "contact-2": "★★"}


def test_rolled_back_when_a_write_fails(guide_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(guide_dir / "a.csv", "Name,Employer\nAnn Lee,Acme\nBo Park,Acme\n")
    real = Path.open

    def full(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode == "x" and self.name == "bo-park.yml":
            raise OSError(28, "No space left on device", str(self))
        return real(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full)
    result = import_csv(guide_dir / "a.csv", guide_dir / "content")
    assert result.failure is not None and "nothing was imported" in result.failure
    assert result.written == [] and result.organizations == []
    assert files(guide_dir, "contacts") == [] and files(guide_dir, "organizations") == []


# --- item 5: ids keep every letter -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Łukasz Żółć", "lukasz-zolc"),  # Polish
        ("Yılmaz Öztürk", "yilmaz-ozturk"),  # Turkish
        ("İpek Şahin", "ipek-sahin"),  # Turkish dotted capital I
        ("Ødegaard", "odegaard"),  # Norwegian
        ("Søren Ærø", "soren-aero"),  # Danish
        ("Þóra Ðórðardóttir", "thora-dordardottir"),  # Icelandic
        ("Jürgen Straße", "jurgen-strasse"),  # German
        ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),  # Vietnamese
        ("王小明", "wang-xiao-ming"),  # Chinese
        ("やまだ たろう", "yamada-tarou"),  # Japanese kana
        ("山田太郎", "shan-tian-tai-lang"),  # Japanese kanji: read as Mandarin (use --id)
        ("김민준", "gim-min-jun"),  # Korean
        ("محمد عبد الله", "mhmd-bd-llh"),  # Arabic
        ("Дмитрий Шостакович", "dmitriy-shostakovich"),  # Russian
        ("Дарья Іваненко", "darya-ivanenko"),  # Cyrillic soft sign, Ukrainian
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),  # Greek
        ("अमित शर्मा", "amit-srma"),  # Hindi
        ("Grace O'Neil", "grace-oneil"),
        ("D’Angelo Hawaiʻi", "dangelo-hawaii"),
        ("Zoë Núñez", "zoe-nunez"),
        ("Zoe\u0308 Nu\u0301n\u0303ez", "zoe-nunez"),  # decomposed accents
        ("Ｆｕｌｌ Ｗｉｄｔｈ", "full-width"),
        ("Jane Doe 🚀", "jane-doe"),
        ("  Jane   DOE!! ", "jane-doe"),
    ],
)
def test_ids_keep_every_letter(name: str, ident: str) -> None:
    assert slugify(name) == ident


def test_every_letter_survives_an_import(
    guide_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["Łukasz Żółć", "Yılmaz", "Ødegaard", "Þóra", "王小明", "김민준", "محمد", "अमित"]
    write(guide_dir / "a.csv", "Name\n" + "\n".join(names) + "\n")
    assert main(["import", "a.csv"]) == 0, capsys.readouterr().err
    assert files(guide_dir, "contacts") == sorted(
        [
            "lukasz-zolc",
            "yilmaz",
            "odegaard",
            "thora",
            "wang-xiao-ming",
            "gim-min-jun",
            "mhmd",
            "amit",
        ]
    )


def test_id_bounds_and_fallbacks() -> None:
    assert slugify("🙂🙂") == ""
    assert slugify("a" * 100) == "a" * MAX_ID_LENGTH
    assert slugify("ab " * 40) == "-".join(["ab"] * 20)
    assert free_id("", set(), fallback="contact") == "contact"
    assert free_id("", {"contact", "contact-2"}, fallback="contact") == "contact-3"
    long_id = slugify("word " * 30)
    numbered = free_id(long_id, {long_id}, fallback="contact")
    assert numbered.endswith("-2") and len(numbered) <= MAX_ID_LENGTH
