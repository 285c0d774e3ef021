"""Fixed vocabularies of the synthetic generator: provinces, countries, fields,
name parts. Weights make the draws skewed the way real programmes are (a few
countries and fields dominate; eastern provinces and Chongqing host most).

Nothing here is random; :mod:`kg.synth.rand` draws from these lists.

>>> PROVINCES[2][:3]
('cq', '重庆', 'Chongqing')
>>> len(PROVINCES), len(WESTERN)
(31, 12)
>>> COUNTRIES[0][:3]
('us', '美国', 'United States')
"""

from __future__ import annotations

# (slug, zh, en, ISO 3166-2, weight). The first 12 are the western provinces
# in the article's order (the 12 associations that signed the mechanism).
PROVINCES: tuple[tuple[str, str, str, str, float], ...] = (
    ("nm", "内蒙古", "Inner Mongolia", "CN-NM", 2.0),
    ("gx", "广西", "Guangxi", "CN-GX", 4.0),
    ("cq", "重庆", "Chongqing", "CN-CQ", 10.0),
    ("sc", "四川", "Sichuan", "CN-SC", 9.0),
    ("gz", "贵州", "Guizhou", "CN-GZ", 3.0),
    ("yn", "云南", "Yunnan", "CN-YN", 4.0),
    ("xz", "西藏", "Tibet", "CN-XZ", 0.5),
    ("sn", "陕西", "Shaanxi", "CN-SN", 7.0),
    ("gs", "甘肃", "Gansu", "CN-GS", 2.5),
    ("qh", "青海", "Qinghai", "CN-QH", 1.0),
    ("nx", "宁夏", "Ningxia", "CN-NX", 1.0),
    ("xj", "新疆", "Xinjiang", "CN-XJ", 1.5),
    ("gd", "广东", "Guangdong", "CN-GD", 12.0),
    ("js", "江苏", "Jiangsu", "CN-JS", 12.0),
    ("bj", "北京", "Beijing", "CN-BJ", 11.0),
    ("sh", "上海", "Shanghai", "CN-SH", 10.0),
    ("zj", "浙江", "Zhejiang", "CN-ZJ", 10.0),
    ("sd", "山东", "Shandong", "CN-SD", 7.0),
    ("hb", "湖北", "Hubei", "CN-HB", 6.0),
    ("ah", "安徽", "Anhui", "CN-AH", 5.0),
    ("ha", "河南", "Henan", "CN-HA", 4.0),
    ("fj", "福建", "Fujian", "CN-FJ", 4.0),
    ("hn", "湖南", "Hunan", "CN-HN", 4.0),
    ("ln", "辽宁", "Liaoning", "CN-LN", 3.5),
    ("tj", "天津", "Tianjin", "CN-TJ", 3.0),
    ("he", "河北", "Hebei", "CN-HE", 3.0),
    ("jx", "江西", "Jiangxi", "CN-JX", 2.0),
    ("sx", "山西", "Shanxi", "CN-SX", 1.5),
    ("jl", "吉林", "Jilin", "CN-JL", 1.5),
    ("hl", "黑龙江", "Heilongjiang", "CN-HL", 1.5),
    ("hi", "海南", "Hainan", "CN-HI", 0.8),
)
WESTERN = PROVINCES[:12]

# (slug, zh, en, ISO 3166-1, weight for talents and organisations). Weight 0:
# countries that appear only through a consulate (a gap the queries look for).
COUNTRIES: tuple[tuple[str, str, str, str, float], ...] = (
    ("us", "美国", "United States", "US", 28.0),
    ("uk", "英国", "United Kingdom", "GB", 10.0),
    ("de", "德国", "Germany", "DE", 8.0),
    ("jp", "日本", "Japan", "JP", 7.0),
    ("ca", "加拿大", "Canada", "CA", 6.0),
    ("au", "澳大利亚", "Australia", "AU", 6.0),
    ("sg", "新加坡", "Singapore", "SG", 5.0),
    ("fr", "法国", "France", "FR", 4.0),
    ("kr", "韩国", "South Korea", "KR", 3.0),
    ("nl", "荷兰", "Netherlands", "NL", 2.5),
    ("ch", "瑞士", "Switzerland", "CH", 2.5),
    ("se", "瑞典", "Sweden", "SE", 2.0),
    ("it", "意大利", "Italy", "IT", 2.0),
    ("ru", "俄罗斯", "Russia", "RU", 2.0),
    ("il", "以色列", "Israel", "IL", 1.5),
    ("be", "比利时", "Belgium", "BE", 1.2),
    ("dk", "丹麦", "Denmark", "DK", 1.0),
    ("fi", "芬兰", "Finland", "FI", 1.0),
    ("no", "挪威", "Norway", "NO", 0.8),
    ("at", "奥地利", "Austria", "AT", 0.8),
    ("es", "西班牙", "Spain", "ES", 0.8),
    ("nz", "新西兰", "New Zealand", "NZ", 0.8),
    ("ie", "爱尔兰", "Ireland", "IE", 0.6),
    ("my", "马来西亚", "Malaysia", "MY", 0.6),
    ("hu", "匈牙利", "Hungary", "HU", 0.6),
    ("ua", "乌克兰", "Ukraine", "UA", 0.6),
    ("in", "印度", "India", "IN", 0.5),
    ("th", "泰国", "Thailand", "TH", 0.5),
    ("pt", "葡萄牙", "Portugal", "PT", 0.4),
    ("pl", "波兰", "Poland", "PL", 0.4),
    ("br", "巴西", "Brazil", "BR", 0.3),
    ("za", "南非", "South Africa", "ZA", 0.3),
    ("kh", "柬埔寨", "Cambodia", "KH", 0.0),
    ("by", "白俄罗斯", "Belarus", "BY", 0.0),
    ("la", "老挝", "Laos", "LA", 0.0),
    ("pk", "巴基斯坦", "Pakistan", "PK", 0.0),
)
# Consulates: every country can have one; the weight-0 ones are consulate-only.
CONSULATE_WEIGHTS: tuple[float, ...] = tuple(1.0 if c[4] == 0 else 0.5 + min(c[4], 6.0) / 6 for c in COUNTRIES)

# (slug, zh, en, weight): Zipf-like skew. The last field has no overseas
# entities at all (a "field without overseas links" gap).
FIELDS: tuple[tuple[str, str, str, float], ...] = (
    ("biomedicine", "生物医药", "Biomedicine", 20.0),
    ("new-materials", "新材料", "New materials", 14.0),
    ("artificial-intelligence", "人工智能", "Artificial intelligence", 12.0),
    ("electronic-information", "电子信息", "Electronic information", 10.0),
    ("intelligent-manufacturing", "智能制造", "Intelligent manufacturing", 9.0),
    ("new-energy", "新能源", "New energy", 8.0),
    ("automotive", "汽车", "Automotive engineering", 7.0),
    ("environmental-protection", "环保", "Environmental protection", 6.0),
    ("medical-devices", "医疗器械", "Medical devices", 5.0),
    ("graphene", "石墨烯", "Graphene", 4.0),
    ("modern-agriculture", "现代农业", "Modern agriculture", 4.0),
    ("integrated-circuits", "集成电路", "Integrated circuits", 3.5),
    ("big-data", "大数据", "Big data", 3.0),
    ("aerospace", "航空航天", "Aerospace", 2.5),
    ("civil-engineering", "土木工程", "Civil engineering", 2.5),
    ("chemical-engineering", "化工", "Chemical engineering", 2.0),
    ("software", "软件", "Software", 2.0),
    ("veterinary-biologics", "动物用生物制品", "Veterinary biologics", 1.5),
    ("transportation", "交通运输", "Transportation", 1.5),
    ("food-science", "食品科学", "Food science", 1.2),
    ("mental-health", "心理健康", "Mental health", 1.0),
    ("fintech", "金融科技", "Fintech", 0.8),
    ("marine", "海洋科学", "Marine science", 0.6),
    ("vocational-education", "职业教育", "Vocational education", 0.5),
)
DOMESTIC_ONLY_FIELD = len(FIELDS) - 1

SURNAMES: tuple[tuple[str, str], ...] = tuple(zip(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范",
    ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song "
     "Tang Xu Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Yu Du Ye Cheng Su Wei Lyu Ding "
     "Ren Shen Yao Lu Jiang Cui Zhong Tan Lu Wang Fan").split(),
))
GIVEN: tuple[tuple[str, str], ...] = tuple(zip(
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚文华建国红晓海玉金宇浩鹏辉博欣婷雪琳颖思嘉子睿涵晨阳东飞斌瑞凯峰亮然宁毅程",
    ("wei fang na min jing li qiang lei jun yang yong yan jie tao ming chao xiu xia ping gang wen hua jian guo "
     "hong xiao hai yu jin yu hao peng hui bo xin ting xue lin ying si jia zi rui han chen yang dong fei bin rui "
     "kai feng liang ran ning yi cheng").split(),
))
FOREIGN_FIRST: tuple[tuple[str, str], ...] = (
    ("约翰", "John"), ("玛丽", "Mary"), ("大卫", "David"), ("安娜", "Anna"), ("彼得", "Peter"),
    ("莎拉", "Sarah"), ("迈克尔", "Michael"), ("艾玛", "Emma"), ("托马斯", "Thomas"), ("露西", "Lucy"),
    ("保罗", "Paul"), ("汉斯", "Hans"), ("伊万", "Ivan"), ("卡尔", "Karl"), ("索菲", "Sophie"),
    ("马克", "Mark"), ("艾伦", "Alan"), ("克拉拉", "Clara"), ("乔治", "George"), ("海伦", "Helen"),
)
FOREIGN_LAST: tuple[tuple[str, str], ...] = (
    ("史密斯", "Smith"), ("布朗", "Brown"), ("米勒", "Miller"), ("威尔逊", "Wilson"), ("泰勒", "Taylor"),
    ("安德森", "Anderson"), ("穆勒", "Mueller"), ("施密特", "Schmidt"), ("佐藤", "Sato"), ("田中", "Tanaka"),
    ("马丁", "Martin"), ("伯纳德", "Bernard"), ("彼得罗夫", "Petrov"), ("金", "Kim"), ("罗西", "Rossi"),
    ("詹森", "Jensen"), ("科恩", "Cohen"), ("诺瓦克", "Nowak"), ("席尔瓦", "Silva"), ("范德伯格", "van den Berg"),
)
# Brand names for Chinese organisations (like 长安, 再升, 澳龙): a first and a
# second character from two disjoint lists (60 x 60 brands).
_FIRST = ("长chang 再zai 澳ao 华hua 育yu 精jing 石shi 新xin 林lin 亲qin 菲fei 博bo 鼎ding 汇hui 瑞rui 恒heng "
          "宏hong 金jin 银yin 星xing 蓝lan 晨chen 东dong 海hai 天tian 中zhong 国guo 泰tai 康kang 盛sheng 嘉jia "
          "和he 永yong 兴xing 德de 信xin 荣rong 祥xiang 福fu 宝bao 丰feng 鸿hong 鑫xin 源yuan 汉han 唐tang "
          "明ming 光guang 弘hong 志zhi 远yuan 捷jie 凯kai 合he 正zheng 青qing 云yun 山shan 江jiang 川chuan")
_SECOND = ("安an 升sheng 龙long 森sen 成cheng 准zhun 墨mo 腾teng 同tong 禾he 洋yang 奥ao 泽ze 达da 通tong 峰feng "
           "鹰ying 河he 辰chen 阳yang 方fang 科ke 创chuang 智zhi 联lian 威wei 力li 宇yu 航hang 邦bang 盈ying "
           "誉yu 诚cheng 瀚han 璟jing 晟sheng 昊hao 杰jie 锐rui 迪di 特te 美mei 易yi 尚shang 朗lang 帆fan "
           "泓hong 澜lan 琪qi 霖lin 煜yu 骏jun 翔xiang 耀yao 景jing 融rong 聚ju 拓tuo 优you 睿rui")
BRAND_FIRST: tuple[tuple[str, str], ...] = tuple((w[0], w[1:]) for w in _FIRST.split())
BRAND_SECOND: tuple[tuple[str, str], ...] = tuple((w[0], w[1:]) for w in _SECOND.split())
# Place-like words for overseas organisation names (none is a real university).
OVERSEAS_WORDS: tuple[tuple[str, str], ...] = (
    ("阿什福德", "Ashford"), ("贝尔蒙特", "Belmont"), ("卡尔顿", "Carlton"), ("多佛", "Dover"),
    ("伊斯顿", "Easton"), ("费尔维尤", "Fairview"), ("格伦伍德", "Glenwood"), ("汉普顿", "Hampton"),
    ("金斯利", "Kingsley"), ("兰开斯特", "Lancaster"), ("米尔福德", "Milford"), ("纽波特", "Newport"),
    ("橡树岭", "Oakridge"), ("普雷斯顿", "Preston"), ("里士满", "Richmond"), ("韦斯特菲尔德", "Westfield"),
    ("约克顿", "Yorkton"), ("布拉姆利", "Bramley"), ("克利夫顿", "Clifton"), ("道尔顿", "Dalton"),
    ("埃弗顿", "Everton"), ("哈特福德", "Hartford"), ("林登", "Linden"), ("马洛", "Marlow"),
    ("诺伍德", "Norwood"), ("彭伯顿", "Pemberton"), ("罗克福德", "Rockford"), ("桑伯里", "Thornbury"),
    ("惠特比", "Whitby"), ("阿什比", "Ashby"), ("贝克斯利", "Bexley"), ("卡姆登", "Camden"),
    ("登霍尔姆", "Denholm"), ("埃尔迈拉", "Elmira"), ("芬威克", "Fenwick"), ("格拉夫顿", "Grafton"),
    ("霍尔斯顿", "Halston"), ("伊尔福德", "Ilford"), ("凯西克", "Keswick"), ("洛克伍德", "Lockwood"),
)
# Organisation kinds with weights: (kind, zh suffix, en suffix, weight)
HOST_KINDS: tuple[tuple[str, str, str, float], ...] = (
    ("company", "科技有限公司", "Technology Co., Ltd.", 55.0),
    ("university", "大学", "University", 12.0),
    ("research_institute", "研究院", "Research Institute", 18.0),
    ("hospital", "医院", "Hospital", 5.0),
    ("association", "学会", "Society", 5.0),
    ("other", "产业园", "Industrial Park", 5.0),
)
OVERSEAS_KINDS: tuple[tuple[str, str, str, float], ...] = (
    ("university", "大学", "University", 45.0),
    ("research_institute", "研究所", "Institute", 25.0),
    ("company", "公司", "Inc.", 20.0),
    ("association", "华人科技协会", "Chinese Scientists Association", 10.0),
)
TALENT_TITLES: tuple[tuple[str, float], ...] = (
    ("教授 (professor)", 30.0), ("副教授 (associate professor)", 15.0), ("研究员 (research fellow)", 15.0),
    ("博士 (PhD)", 20.0), ("高级工程师 (senior engineer)", 12.0), ("首席科学家 (chief scientist)", 5.0),
    ("院士 (academician)", 3.0),
)
EVENT_KINDS: tuple[tuple[str, float], ...] = (
    ("visit", 35.0), ("meeting", 30.0), ("signing", 15.0), ("launch", 8.0), ("funding", 7.0), ("other", 5.0),
)
EVENT_NAMES = {
    "visit": ("调研", "research visit"), "meeting": ("站长沙龙", "station heads' salon"),
    "signing": ("合作签约仪式", "cooperation signing"), "launch": ("启动会", "launch meeting"),
    "funding": ("项目资助发布会", "funding announcement"), "other": ("学术交流会", "academic exchange"),
}
# Stations approved per year at scale 1 (sum 64; 12 in 2022 as the article says).
APPROVAL_YEARS: tuple[tuple[int, int], ...] = (
    (2015, 4), (2016, 5), (2017, 6), (2018, 7), (2019, 7), (2020, 8), (2021, 9), (2022, 12), (2023, 6),
)
