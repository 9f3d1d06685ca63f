"""Moodle's competency-framework CSV as Moodle writes and reads it (admin/tool/lpimportcsv:
classes/framework_importer.php, classes/framework_exporter.php, lang/en/tool_lpimportcsv.php,
tests/fixtures/example.csv; core_competency\\competency_rule_points). Each test names the part
of Moodle's source it follows; docs/conformance/competency-frameworks.md lists them."""

import csv
import io
import json

import pytest
from django.utils import translation

from muhandis.competencies import moodle_csv, selectors, services
from muhandis.competencies.models import Competency, DescriptionFormat, Framework

pytestmark = pytest.mark.django_db

# A framework in the layout of Moodle's example file (tests/fixtures/example.csv): its older
# header spellings, quoted multi-line HTML descriptions, "null" rule configurations, exported
# ids, cross-references, and four levels under the framework (area › competency › competency ›
# competency), as the example nests them.
MOODLE_FILE = (
    '"Parent id number","Id number",Shortname,Description,"Description format","Scale values",'
    '"Scale configuration","Rule type (optional)","Rule outcome (optional)",'
    '"Rule config (optional)","Cross referenced competency id numbers",'
    '"Exported id (optional)","Is framework",Taxonomy\n'
    ',WATER-CORE,"Water engineering","<p>Competencies for water engineers,\n'
    'grouped in <b>clusters</b>.</p>",1,"Not yet competent,Competent",'
    '"[{""scaleid"":""2""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,,,1,'
    '"domain,competency,competency,indicator"\n'
    ',design,Design,"<p>Designing networks</p>",1,,,,0,null,,1,,\n'
    'design,hydraulics,Hydraulics,"<p>Flow in pipes<br></p>",1,,,'
    "core_competency\\competency_rule_points,3,"
    '"{""base"":{""points"":2},""competencies"":[{""id"":3,""points"":1,""required"":1},'
    '{""id"":4,""points"":1,""required"":0}]}",,2,,\n'
    'hydraulics,pipe-flow,"Pipe flow","<p>Sizes pipes<script>alert(1)</script></p>",1,,,,0,'
    "null,pumping,3,,\n"
    "hydraulics,pumping,Pumping,,1,,,,0,null,,4,,\n"
    'pumping,pump-selection,"Selects pumps","<p>Reads pump curves.</p>",1,,,'
    "core_competency\\competency_rule_all,1,null,pipe-flow,5,,\n"
    ",practice,Practice,,1,,,,0,null,,6,,\n"
    'practice,site-work,"Site work","Plain text\non two lines",2,,,,0,null,"pipe-flow",7,,\n'
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _import(text=MOODLE_FILE):
    return services.import_moodle_csv(content=text.encode(), language="en", actor=None)


def _moodle_reads(text):
    """What Moodle's importer does with a file, written from framework_importer.php: columns by
    position (read_mapping_data without mapping), the framework row where "Is framework" is
    truthy, each row attached under the row whose ID number is its parent (add_children),
    related ID numbers with %2C for commas (set_related), and a points rule's ids mapped
    through the "Exported id" column, failing when one is missing (migrate_config)."""
    rows = list(csv.reader(io.StringIO(text)))[1:]
    framework = next(r for r in rows if r[12] not in ("", "0"))
    flat = {r[1]: r for r in rows if r[12] in ("", "0")}
    attached = []

    def add_children(parent):
        for row in flat.values():
            if row[0] == parent:
                attached.append(row[1])
                add_children(row[1])

    add_children("")
    mappings = {r[11]: r[1] for r in flat.values() if r[11]}
    rules = {}
    for row in flat.values():
        if row[7] == "core_competency\\competency_rule_points":
            config = json.loads(row[9])
            rules[row[1]] = [mappings[str(c["id"])] for c in config["competencies"]]
    related = {
        r[1]: [i.replace("%2C", ",") for i in r[10].split(",")] for r in flat.values() if r[10]
    }
    return framework, attached, rules, related


def test_moodle_files_nest_to_any_depth():
    """framework_importer::add_children: a row goes under the row its "Parent ID number"
    names, to any depth; top-level rows become areas, the rest competencies with parents."""
    framework, _notices = _import()
    assert framework.taxonomies == "domain,competency,competency,indicator"
    assert [a.code for a in framework.areas.all()] == ["design", "practice"]
    parents = dict(
        Competency.objects.filter(framework=framework).values_list("code", "parent__code")
    )
    assert parents == {
        "hydraulics": None,
        "pipe-flow": "hydraulics",
        "pumping": "hydraulics",
        "pump-selection": "pumping",
        "site-work": None,
    }
    leaf = framework.competencies.get(code="pump-selection")
    assert leaf.area.code == "design"
    assert selectors.depth(leaf) == 3  # the fourth level under the framework


def test_the_header_is_read_in_every_spelling_moodle_writes():
    """The example file spells "Parent id number", "Id number", "Shortname", "Cross referenced
    competency id numbers", "Exported id (optional)"; the language pack "Parent ID number",
    "ID number", "Short name", "Cross-referenced competency ID numbers", "Exported ID
    (optional)". Both read the same."""
    old, _ = _import()
    new_header = ",".join(f'"{h}"' for h in moodle_csv.HEADERS)
    new, _ = _import(new_header + MOODLE_FILE[MOODLE_FILE.index("\n") :])
    assert sorted(old.competencies.values_list("code", flat=True)) == sorted(
        new.competencies.values_list("code", flat=True)
    )


def test_a_header_in_another_language_is_read_by_position_as_moodle_does():
    """read_mapping_data: without a mapping, Moodle takes the columns in their fixed order."""
    header = ",".join(f"Столбец {n}" for n in range(14))
    framework, notices = _import(header + MOODLE_FILE[MOODLE_FILE.index("\n") :])
    assert framework.competencies.count() == 5
    assert any("Moodle's order" in n for n in notices)


def test_html_descriptions_are_kept_as_html_not_flattened():
    """framework_importer reads descriptions with PARAM_RAW and their "Description format"
    (1 = FORMAT_HTML, 2 = FORMAT_PLAIN); the HTML stays HTML, sanitised, and is never run
    on the page."""
    framework, _ = _import()
    assert framework.description_format == DescriptionFormat.HTML
    assert "grouped in <b>clusters</b>" in framework.description_en
    pipe = framework.competencies.get(code="pipe-flow")
    assert pipe.description_format == DescriptionFormat.HTML
    assert pipe.description_en == "<p>Sizes pipes</p>"
    assert "<script>" not in pipe.description_html()
    site = framework.competencies.get(code="site-work")
    assert site.description_format == DescriptionFormat.PLAIN
    assert "Plain text<br>on two lines" in site.description_html()


def test_cross_references_are_kept_both_ways():
    """framework_importer::set_related adds a related competency for each ID number listed;
    Moodle's relations go both ways."""
    framework, _ = _import()

    def related(code):
        return sorted(framework.competencies.get(code=code).related.values_list("code", flat=True))

    assert related("pipe-flow") == ["pump-selection", "pumping", "site-work"]
    assert related("pumping") == ["pipe-flow"]


def test_completion_rules_are_kept_with_their_configuration():
    """framework_importer::set_rules with competency_rule_points::migrate_config: the rule's
    competencies are named by "Exported id" and mapped to the new competencies."""
    framework, _ = _import()
    hydraulics = framework.competencies.get(code="hydraulics")
    assert hydraulics.rule_type == Competency.RuleType.POINTS
    assert hydraulics.rule_outcome == Competency.RuleOutcome.COMPLETE
    assert hydraulics.rule_config == {
        "base": {"points": 2},
        "competencies": [
            {"code": "pipe-flow", "points": 1, "required": True},
            {"code": "pumping", "points": 1, "required": False},
        ],
    }
    selection = framework.competencies.get(code="pump-selection")
    assert (selection.rule_type, selection.rule_outcome, selection.rule_config) == (
        Competency.RuleType.ALL,
        Competency.RuleOutcome.EVIDENCE,
        None,
    )


def test_what_is_not_kept_is_said():
    """Moodle silently skips an unknown cross-reference (set_related) and a rule class that
    does not exist (set_rules); Muhandis keeps one scale per framework. Each is reported."""
    text = MOODLE_FILE.replace("null,pumping,3", 'null,"pumping,ghost",3')
    text = text.replace(
        "hydraulics,pumping,Pumping,,1,,,,0", 'hydraulics,pumping,Pumping,,1,"A,B",,x\\y,0'
    )
    _, notices = _import(text)
    joined = "\n".join(notices)
    assert "“ghost” is not a competency of this file" in joined
    assert "Rule type" in joined
    assert "x\\y" in joined
    assert "Scale values" in joined  # a competency's own scale


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "words"),
    [
        ('{""id"":4,', '{""id"":5,', 4, "Rule config (optional)", "not the exported ID of a child"),
        ('""points"":2}', '""points"":9}', 4, "Rule config (optional)", "enough points"),
        (
            "core_competency\\competency_rule_points,3",
            "core_competency\\competency_rule_points,7",
            4,
            "Rule outcome (optional)",
            "use 0",
        ),
        ('clusters</b>.</p>",1', 'clusters</b>.</p>",3', 2, "Description format", "use 0"),
        ("indicator", "chapter", 2, "Taxonomy", "chapter"),
        ("pumping,pump-selection", "pumps,pump-selection", 7, "Parent id number", "“pumps”"),
    ],
)
def test_problems_are_named_by_row_and_column_as_the_file_spells_them(old, new, row, column, words):
    assert old in MOODLE_FILE
    with pytest.raises(moodle_csv.ImportRefused) as refused:
        _import(MOODLE_FILE.replace(old, new, 1))
    problem = next(p for p in refused.value.problems if p.column == column)
    assert problem.row == row
    assert words in str(problem)
    assert not Framework.objects.filter(code="WATER-CORE").exists()


def test_export_has_moodles_columns_in_moodles_order():
    """framework_exporter::export: the header is framework_importer::list_required_headers()
    (the English language strings), the framework row has "Is framework" 1, competency rows
    give their parent's ID number, rule class, outcome, configuration ("null" when none),
    related ID numbers and their id as "Exported ID"."""
    framework, _ = _import()
    text = moodle_csv.write(framework, selectors.tree_of(framework, with_links=True), language="en")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "Parent ID number",
        "ID number",
        "Short name",
        "Description",
        "Description format",
        "Scale values",
        "Scale configuration",
        "Rule type (optional)",
        "Rule outcome (optional)",
        "Rule config (optional)",
        "Cross-referenced competency ID numbers",
        "Exported ID (optional)",
        "Is framework",
        "Taxonomy",
    ]
    assert all(len(row) == 14 for row in rows)
    assert json.loads(rows[1][6]) == [
        {"scaleid": "1"},
        {"id": 2, "scaledefault": 1, "proficient": 1},
    ]
    assert rows[1][12] == "1"
    assert rows[1][13] == "domain,competency,competency,indicator"
    by_code = {row[1]: row for row in rows[2:]}
    assert by_code["pump-selection"][0] == "pumping"
    assert by_code["pump-selection"][7] == "core_competency\\competency_rule_all"
    assert by_code["pump-selection"][9] == "null"
    assert by_code["pipe-flow"][3] == framework.competencies.get(code="pipe-flow").description_en
    assert by_code["pipe-flow"][4] == "1"  # FORMAT_HTML
    assert by_code["site-work"][4] == "2"  # FORMAT_PLAIN


def test_moodle_reads_the_export_back():
    """The export read the way framework_importer reads (by position, add_children,
    set_related, migrate_config): every row reaches the framework, the points rule names
    the right children, the cross-references resolve."""
    framework, _ = _import()
    text = moodle_csv.write(framework, selectors.tree_of(framework, with_links=True), language="en")
    framework_row, attached, rules, related = _moodle_reads(text)
    assert framework_row[1] == "WATER-CORE"
    assert sorted(attached) == sorted(
        ["design", "practice", "hydraulics", "pipe-flow", "pumping", "pump-selection", "site-work"]
    )
    assert rules == {"hydraulics": ["pipe-flow", "pumping"]}
    assert sorted(related["pipe-flow"]) == ["pump-selection", "pumping", "site-work"]
    assert all(code in attached for codes in related.values() for code in codes)


def test_export_then_import_keeps_the_whole_tree():
    original, _ = _import()
    text = moodle_csv.write(original, selectors.tree_of(original, with_links=True), language="en")
    copy, _ = _import(text)

    def shape(framework):
        return [
            (
                node.code,
                node.depth,
                node.parent_code,
                node.competency.description_en,
                node.competency.description_format,
                node.competency.rule_type,
                node.competency.rule_outcome,
                node.competency.rule_config,
                sorted(c.code for c in node.competency.related.all()),
            )
            for tree in selectors.tree_of(framework, with_links=True)
            for node in tree.nodes()
        ]

    assert shape(copy) == shape(original)
    assert copy.taxonomies == original.taxonomies
    assert copy.scale_configuration == original.scale_configuration
    assert copy.description_en == original.description_en


def test_the_dry_run_shows_the_tree_and_writes_nothing(client, registrar):
    client.force_login(registrar)
    upload = io.BytesIO(MOODLE_FILE.encode())
    upload.name = "water.csv"
    response = client.post("/en/competencies/import/", {"file": upload, "language": "en"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview of Water engineering" in page
    assert "Selects pumps" in page
    assert "5 competencies" in page
    assert "4 levels" in page
    assert not Framework.objects.filter(code="WATER-CORE").exists()
    token = response.context["confirm"]["token"].value()
    response = client.post("/en/competencies/import/", {"token": token})
    assert response.status_code == 302
    assert Framework.objects.get(code="WATER-CORE").competencies.count() == 5


def test_a_confirmation_without_a_valid_preview_imports_nothing(client, registrar):
    client.force_login(registrar)
    response = client.post("/en/competencies/import/", {"token": "forged"})
    assert response.status_code == 302
    assert not Framework.objects.filter(code="WATER-CORE").exists()


def test_the_api_lists_nested_competencies_with_parent_and_depth(client):
    framework, _ = _import()
    Framework.objects.filter(pk=framework.pk).update(status=Framework.Status.PUBLISHED)
    body = client.get(f"/api/v1/frameworks/{framework.public_id}").json()
    design = body["areas"][0]
    assert [(c["code"], c["parent"], c["depth"]) for c in design["competencies"]] == [
        ("hydraulics", "design", 1),
        ("pipe-flow", "hydraulics", 2),
        ("pumping", "hydraulics", 2),
        ("pump-selection", "pumping", 3),
    ]


def test_the_api_dry_run_gives_the_tree_and_writes_nothing(client, registrar):
    from muhandis.accounts import services as account_services

    _, token = account_services.create_api_token(user=registrar, name="t", scope="write")
    upload = io.BytesIO(MOODLE_FILE.encode())
    upload.name = "water.csv"
    response = client.post(
        "/api/v1/frameworks/import",
        {"file": upload, "language": "en", "dry_run": "true"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["levels"], body["competencies"]) == ("WATER-CORE", 4, 5)
    assert [(c["code"], c["parent"], c["depth"]) for c in body["areas"][0]["competencies"]] == [
        ("hydraulics", "design", 1),
        ("pipe-flow", "hydraulics", 2),
        ("pumping", "hydraulics", 2),
        ("pump-selection", "pumping", 3),
    ]
    assert body["notices"] == []
    assert not Framework.objects.filter(code="WATER-CORE").exists()
