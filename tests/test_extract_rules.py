"""The extraction rules one by one, on sentences whose answers were worked out by hand."""

from __future__ import annotations

from ingest.extract.doc import Doc
from ingest.extract.graph import Graph
from ingest.extract.link import Matcher, is_short_form, new_id, norm_key
from ingest.extract.orgs import find_orgs
from ingest.extract.persons import find_persons
from ingest.extract.pipeline import extract_text
from ingest.extract.programmes import find_programmes
from ingest.extract.stations import find_consulates


def orgs(text: str) -> list[tuple[str, str, int, int, bool]]:
    return sorted((m.name, m.props["kind"], m.start, m.end, m.nested) for m in find_orgs(Doc.prepare(text)))


def test_organisation_names_end_at_function_words_and_keep_brackets():
    text = "审批同意在林同国际工程咨询(中国)有限公司、重庆长安汽车股份有限公司和重庆建筑科技职业学院等单位设立"
    assert orgs(text) == [
        ("林同国际工程咨询(中国)有限公司", "company", 5, 21, False),
        ("重庆建筑科技职业学院", "university", 35, 45, False),
        ("重庆长安汽车股份有限公司", "company", 22, 34, False),
    ]


def test_nested_names_and_joint_institutes():
    text = "在重庆邮电大学—伦敦布鲁内尔大学交叉创新研究院和重庆大学附属肿瘤医院设立"
    got = orgs(text)
    assert ("重庆邮电大学—伦敦布鲁内尔大学交叉创新研究院", "research_institute", 1, 23, False) in got
    assert ("重庆邮电大学", "university", 1, 7, True) in got
    assert ("伦敦布鲁内尔大学", "university", 8, 16, True) in got
    assert ("重庆大学", "university", 24, 28, True) in got
    assert ("重庆大学附属肿瘤医院", "hospital", 24, 34, False) in got
    assert len(got) == 5


def test_research_institute_company_is_one_body_and_kind_is_institute():
    assert orgs("与重庆石墨烯研究院有限公司合作") == [("重庆石墨烯研究院有限公司", "research_institute", 1, 13, False)]


def test_foreign_country_prefix_is_split_off_and_marks_overseas():
    ms = find_orgs(Doc.prepare("与美国亚利桑那州立大学、新加坡南洋理工大学建立了合作关系"))
    assert [(m.name, m.text, m.aliases, m.props) for m in ms] == [
        ("亚利桑那州立大学", "美国亚利桑那州立大学", ("美国亚利桑那州立大学",),
         {"kind": "university", "overseas": True, "country": "United States"}),
        ("南洋理工大学", "新加坡南洋理工大学", ("新加坡南洋理工大学",),
         {"kind": "university", "overseas": True, "country": "Singapore"}),
    ]


def test_short_forms_of_the_local_government_use_the_main_city():
    text = "重庆是一座城。2020年,重庆市委组织部、市科协、市人社局联合印发了文件。"
    got = [(m.name, m.text, m.start, m.end, m.nested) for m in find_orgs(Doc.prepare(text))]
    assert got == [("重庆市委", "重庆市委", 13, 17, True), ("重庆市委组织部", "重庆市委组织部", 13, 20, False),
                   ("重庆市科协", "市科协", 21, 24, False), ("重庆市人社局", "市人社局", 25, 29, False)]


def test_coordinated_places_before_an_association_give_one_each():
    ms = [m for m in find_orgs(Doc.prepare("来自内蒙古、广西、重庆等3个科协负责人签署了协议")) if m.rule == "org-coordinated"]
    assert [m.name for m in ms] == ["内蒙古科协", "广西科协", "重庆科协"]
    assert {(m.start, m.end, m.text) for m in ms} == {(2, 16, "内蒙古、广西、重庆等3个科协")}


def test_generic_words_are_not_organisations():
    assert orgs("深入区县科协、学会协会、科技企业等调研,西部11个兄弟省区科协表示加入,专家评审委员会进行评审。") == []


def test_persons_by_title_before_and_after_and_their_length():
    d = Doc.prepare("该公司总经理伏刚亲自抓工作。新中天环保工程(重庆)有限公司董事长刘艺在座谈会上表示。"
                    "习近平总书记视察重庆。重庆科技报记者 刘代荣\n法国总领事马克·杜邦一行到访。站长沙龙很好。")
    got = [(m.name, m.start, m.end, m.props.get("title"), m.rule) for m in find_persons(d)]
    assert got == [
        ("伏刚", 6, 8, "总经理", "person-title"),
        ("刘艺", 32, 34, "董事长", "person-title"),
        ("习近平", 42, 45, "总书记", "person-title-after"),
        ("刘代荣", 61, 64, "记者", "person-title"),
        ("马克·杜邦", 70, 75, "总领事", "person-title"),
    ]


def test_returnee_is_read_from_the_clause():
    ms = find_persons(Doc.prepare("2021年初,海归学者、中国科学技术大学教授张效初博士在重庆创业。"))
    assert [(m.name, m.props) for m in ms] == [("张效初", {"title": "教授", "returnee": True})]


def test_programmes_and_events_by_form():
    text = ("今年2月20日至23日,“西部地区海智计划协同发展行动”启动暨协作机制第一次会议在重庆召开。"
            "实施加强海智工作站建设三年行动计划,建立轮值主席制度。")
    ms = find_programmes(Doc.prepare(text, source_year=2023))
    assert [(m.label, m.name, m.props) for m in ms] == [
        ("Event", "“西部地区海智计划协同发展行动”启动暨协作机制第一次会议",
         {"kind": "launch", "date": "2023-02-20", "end_date": "2023-02-23"}),
        ("Programme", "西部地区海智计划协同发展行动", {"kind": "programme"}),
        ("Programme", "加强海智工作站建设三年行动计划", {"kind": "plan"}),
    ]


def test_consulates_one_per_country_with_offsets():
    ms = find_consulates(Doc.prepare("与匈牙利、白俄罗斯驻重庆总领事馆和新西兰驻成都总领馆交流"))
    assert [(m.name, m.props, m.info["country_span"], m.info["city_span"]) for m in ms] == [
        ("匈牙利驻重庆总领事馆", {"country": "Hungary", "city": "Chongqing"}, (1, 4), (10, 12)),
        ("白俄罗斯驻重庆总领事馆", {"country": "Belarus", "city": "Chongqing"}, (5, 9), (10, 12)),
        ("新西兰驻成都总领馆", {"country": "New Zealand", "city": "Chengdu"}, (17, 20), (21, 23)),
    ]


def test_relationships_of_a_short_announcement():
    text = ("2024年3月15日,重庆市科协审批同意在西南大学和重庆赛力斯汽车有限公司等2家单位设立重庆海智工作站。"
            "西南大学副校长周敏教授担任西南大学海智工作站站长。"
            "重庆赛力斯汽车有限公司海智工作站与德国亚琛工业大学建立了合作关系。")
    x = extract_text(text)
    assert x.triples() == [
        ("APPROVED_BY", "西南大学海智工作站", "重庆市科协"),
        ("APPROVED_BY", "重庆赛力斯汽车有限公司海智工作站", "重庆市科协"),
        ("HEADS", "周敏", "西南大学海智工作站"),
        ("HOSTS", "西南大学", "西南大学海智工作站"),
        ("HOSTS", "重庆赛力斯汽车有限公司", "重庆赛力斯汽车有限公司海智工作站"),
        ("PARTNERS_WITH", "重庆赛力斯汽车有限公司海智工作站", "亚琛工业大学"),
        ("WORKS_AT", "周敏", "西南大学"),
    ]
    props = {(r.type, r.dst.name): r.props for r in x.relations}
    assert props[("APPROVED_BY", "重庆市科协")] == {"year": 2024}
    assert props[("HEADS", "西南大学海智工作站")] == {"role": "站长"}
    assert props[("WORKS_AT", "西南大学")] == {"title": "副校长"}
    st = next(e for e in x.entities if e.name == "西南大学海智工作站")
    assert st.props["approved_year"] == 2024
    assert st.id == new_id("station", "西南大学海智工作站")


GRAPH = Graph.from_rows([
    {"id": "org:changan", "label": "Organization",
     "props": {"name_zh": "重庆长安汽车股份有限公司", "name_en": "Changan Automobile", "aliases": []}},
    {"id": "org:cqast", "label": "Organization",
     "props": {"name_zh": "重庆市科协", "name_en": "CQAST", "aliases": ["市科协", "重庆市科学技术协会"]}},
    {"id": "org:sc-ast", "label": "Organization", "props": {"name_zh": "四川省科协", "name_en": "Sichuan AST"}},
    {"id": "org:cast-icd", "label": "Organization", "props": {"name_zh": "中国科协国际合作部", "name_en": "CAST ICD"}},
    {"id": "station:changan", "label": "Station",
     "props": {"name_zh": "重庆长安汽车股份有限公司海智工作站", "name_en": "Changan station"}},
])


def test_linking_scores_by_kind_of_match():
    m = Matcher(GRAPH)
    assert m.best("Organization", "重庆市科协") == ("org:cqast", 1.0, "exact name")
    assert m.best("Organization", "重庆市科学技术协会") == ("org:cqast", 1.0, "alias")
    assert m.best("Organization", "重庆科协") == ("org:cqast", 0.95, "normalised name")
    assert m.best("Organization", "四川科协") == ("org:sc-ast", 0.95, "normalised name")
    assert m.best("Organization", "长安汽车") == ("org:changan", 0.9, "short form")
    assert m.best("Organization", "重庆市科协国际合作部") is None  # not 中国科协国际合作部
    assert m.best("Organization", "重庆长安汽车股份公司") == ("org:changan", 0.864, "fuzzy")  # ratio 20/22 x 0.95
    assert m.best("Station", "长安汽车") is None
    assert norm_key("“西部地区”新疆维吾尔自治区科协") == "西部地区新疆维吾尔自治区科协"
    assert is_short_form("再升", "重庆再升科技股份有限公司") and not is_short_form("升再", "重庆再升科技股份有限公司")


def test_linked_entities_take_the_graph_id_and_short_host_stations_are_named_after_the_host():
    x = extract_text("此外,长安汽车海智工作站与英国剑桥大学合作开展研究。市科协表示支持。", GRAPH)
    by_name = {e.name: e for e in x.entities}
    st = by_name["重庆长安汽车股份有限公司海智工作站"]
    assert (st.id, st.link_id, st.link_score, st.aliases) == ("station:changan", "station:changan", 1.0,
                                                               ["长安汽车海智工作站"])
    host = by_name["重庆长安汽车股份有限公司"]
    assert (host.id, host.link_score, host.link_how) == ("org:changan", 0.9, "short form")
    assert by_name["重庆市科协"].id == "org:cqast"
    assert ("PARTNERS_WITH", "重庆长安汽车股份有限公司海智工作站", "剑桥大学") in x.triples()
    assert by_name["剑桥大学"].id == new_id("org", "剑桥大学")
