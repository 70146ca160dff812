// County codes the source (drawn about 2014–2018) has that NBS 2023 no longer lists, old → current.
// A county renamed or upgraded (县改市, 县改区, 地区改市) keeps its ground under a new code, so the
// polygon carries over. Where counties were merged, several old codes point at one new code and the
// build dissolves their polygons. Where a county was split, its polygon can only go to one
// successor: those rows say `approximate`, name the part that went elsewhere, and the build warns
// each time it uses one.
//
// Add a row when a build reports a source code that NBS 2023 no longer lists.

export interface CodeRemap {
  to: string
  why: string
  approximate?: string // what the polygon gets wrong under the new code
}

const renamed = (to: string, why: string): CodeRemap => ({ to, why })
const split = (to: string, why: string, approximate: string): CodeRemap => ({ to, why, approximate })

export const COUNTY_CODE_REMAPS: Readonly<Record<string, CodeRemap>> = {
  // 云南
  '530630': renamed('530681', '水富县 became 水富市 (2018)'),
  '532331': renamed('532302', '禄丰县 became 禄丰市 (2021)'),
  '530122': renamed('530115', '晋宁区 renumbered (晋宁县 became a 区, 2016)'),
  '530321': renamed('530304', '马龙县 became 马龙区'),
  '530422': renamed('530481', '澄江县 became 澄江市'),
  // 吉林
  '220381': renamed('220184', '公主岭市 moved from 四平市 to 长春市'),
  // 四川
  '510124': renamed('510117', '郫都区 renumbered (郫县 became a 区)'),
  '510132': renamed('510118', '新津县 became 新津区'),
  '510180': renamed('510185', '简阳市 renumbered (moved to 成都市)'),
  '510626': renamed('510604', '罗江县 became 罗江区'),
  '510922': renamed('510981', '射洪县 became 射洪市'),
  '511028': renamed('511083', '隆昌县 became 隆昌市'),
  '511521': renamed('511504', '宜宾县 became 叙州区'),
  '513425': renamed('513402', '会理县 became 会理市'),
  // 安徽
  '340203': renamed('340209', '弋江区 renumbered when 三山区 was merged into it'),
  '340208': renamed('340209', '三山区 merged into 弋江区'),
  '340221': renamed('340210', '芜湖县 became 湾沚区'),
  '340222': renamed('340212', '繁昌县 became 繁昌区'),
  '340225': renamed('340281', '无为县 became 无为市'),
  '340824': renamed('340882', '潜山县 became 潜山市'),
  '341822': renamed('341882', '广德县 became 广德市'),
  // 山东
  '370125': renamed('370115', '济阳县 became 济阳区'),
  '370181': renamed('370114', '章丘区 renumbered (章丘市 became a 区)'),
  '370282': renamed('370215', '即墨市 became 即墨区'),
  '370634': renamed('370614', '长岛县 merged with 蓬莱市 into 蓬莱区'),
  '370684': renamed('370614', '蓬莱市 merged with 长岛县 into 蓬莱区'),
  '371202': renamed('370116', '莱城区 became 济南市莱芜区 (莱芜市 merged into 济南市)'),
  '371203': renamed('370117', '钢城区 moved to 济南市 (莱芜市 merged into 济南市)'),
  '371523': renamed('371503', '茌平县 became 茌平区'),
  '371626': renamed('371681', '邹平县 became 邹平市'),
  // 山西
  '140202': split('140213', '大同市城区 became part of 平城区', '平城区 also holds part of the former 南郊区, which this polygon gives to 云冈区'),
  '140203': renamed('140214', '大同市矿区 became part of 云冈区'),
  '140211': split('140214', '南郊区 was split between 平城区 and 云冈区', 'the part of 南郊区 that went to 平城区 is drawn in 云冈区'),
  '140227': renamed('140215', '大同县 became 云州区'),
  '140402': renamed('140403', '长治市城区 merged with 郊区 into 潞州区'),
  '140411': renamed('140403', '长治市郊区 merged with 城区 into 潞州区'),
  '140421': renamed('140404', '长治县 became 上党区'),
  '140424': renamed('140405', '屯留县 became 屯留区'),
  '140481': renamed('140406', '潞城市 became 潞城区'),
  '140624': renamed('140681', '怀仁县 became 怀仁市'),
  '140726': renamed('140703', '太谷县 became 太谷区'),
  // 广西
  '450127': renamed('450181', '横县 became 横州市'),
  '450221': renamed('450206', '柳江区 renumbered (柳江县 became a 区)'),
  '450331': renamed('450381', '荔浦县 became 荔浦市'),
  '451021': renamed('451003', '田阳县 became 田阳区'),
  '451023': renamed('451082', '平果县 became 平果市'),
  '451281': renamed('451203', '宜州市 became 宜州区'),
  // 新疆
  '652923': renamed('652902', '库车县 became 库车市'),
  '654223': renamed('654203', '沙湾县 became 沙湾市'),
  // 江苏
  '320602': renamed('320613', '崇川区 merged with 港闸区 into a renumbered 崇川区'),
  '320611': renamed('320613', '港闸区 merged into 崇川区'),
  '320621': renamed('320685', '海安县 became 海安市'),
  '320684': renamed('320614', '海门市 became 海门区'),
  '320802': renamed('320812', '清江浦区 renumbered'),
  // 江西
  '360105': split('360113', '湾里区 was abolished and 红谷滩区 set up', '红谷滩区 was formed from 湾里区 and parts of 新建区; the polygon is 湾里区 alone'),
  '360421': renamed('360404', '九江县 became 柴桑区'),
  '360427': renamed('360483', '庐山市 renumbered (星子县 became 庐山市)'),
  '360622': renamed('360603', '余江县 became 余江区'),
  '360721': renamed('360704', '赣县区 renumbered (赣县 became a 区)'),
  '360727': renamed('360783', '龙南县 became 龙南市'),
  '361029': renamed('361003', '东乡县 became 东乡区'),
  '361121': renamed('361104', '上饶县 became 广信区'),
  // 河北
  '130223': renamed('130284', '滦县 became 滦州市'),
  '130428': renamed('130407', '肥乡区 renumbered'),
  '130429': renamed('130408', '永年区 renumbered'),
  '130521': split('130503', '邢台县 was abolished and shared between 信都区 and 襄都区', 'the part of 邢台县 that went to 襄都区 is drawn in 信都区'),
  '130526': renamed('130505', '任县 became 任泽区'),
  '130527': renamed('130506', '南和县 became 南和区'),
  '130823': renamed('130881', '平泉县 became 平泉市'),
  // 河南
  '410306': renamed('410308', '吉利区 merged with 孟津县 into 孟津区'),
  '410322': renamed('410308', '孟津县 merged with 吉利区 into 孟津区'),
  '410381': renamed('410307', '偃师市 became 偃师区'),
  '410728': renamed('410783', '长垣县 became 长垣市'),
  '411023': renamed('411003', '建安区 renumbered (许昌县 became 建安区)'),
  '411626': renamed('411603', '淮阳县 became 淮阳区'),
  // 浙江
  '330103': renamed('330102', '下城区 merged into 上城区 (2021)'),
  '330104': split('330102', '江干区 was abolished (2021): most went to 上城区, 下沙 to the new 钱塘区', 'the part of 江干区 that went to 钱塘区 (330114) is drawn in 上城区'),
  '330185': renamed('330112', '临安市 became 临安区'),
  '330283': renamed('330213', '奉化区 renumbered (奉化市 became a 区)'),
  '331021': renamed('331083', '玉环县 became 玉环市'),
  // 湖北
  '420821': renamed('420882', '京山县 became 京山市'),
  '421023': renamed('421088', '监利县 became 监利市'),
  // 湖南
  '430124': renamed('430182', '宁乡县 became 宁乡市'),
  '430221': renamed('430212', '株洲县 became 渌口区'),
  '430521': renamed('430582', '邵东县 became 邵东市'),
  '431121': renamed('431181', '祁阳县 became 祁阳市'),
  // 甘肃
  '620200': renamed('620201', '嘉峪关市: the source gives the prefecture code; NBS lists the city again at county level'),
  '620824': renamed('620881', '华亭县 became 华亭市'),
  // 福建
  '350182': renamed('350112', '长乐市 became 长乐区'),
  '350402': renamed('350404', '梅列区 merged with 三元区 into a renumbered 三元区'),
  '350403': renamed('350404', '三元区 merged with 梅列区 and renumbered'),
  '350427': renamed('350405', '沙县 became 沙县区'),
  '350625': renamed('350605', '长泰县 became 长泰区'),
  '350681': renamed('350604', '龙海市 became 龙海区'),
  // 西藏
  '540126': renamed('540104', '达孜县 became 达孜区'),
  '540422': renamed('540481', '米林县 became 米林市'),
  '540530': renamed('540581', '错那县 became 错那市'),
  '542421': renamed('540602', '那曲县 became 色尼区 (那曲地区 became 那曲市)'),
  '542422': renamed('540621', '嘉黎县 renumbered (那曲地区 became 那曲市)'),
  '542423': renamed('540622', '比如县 renumbered (那曲地区 became 那曲市)'),
  '542424': renamed('540623', '聂荣县 renumbered (那曲地区 became 那曲市)'),
  '542425': renamed('540624', '安多县 renumbered (那曲地区 became 那曲市)'),
  '542426': renamed('540625', '申扎县 renumbered (那曲地区 became 那曲市)'),
  '542427': renamed('540626', '索县 renumbered (那曲地区 became 那曲市)'),
  '542428': renamed('540627', '班戈县 renumbered (那曲地区 became 那曲市)'),
  '542429': renamed('540628', '巴青县 renumbered (那曲地区 became 那曲市)'),
  '542430': renamed('540629', '尼玛县 renumbered (那曲地区 became 那曲市)'),
  '542431': renamed('540630', '双湖县 renumbered (那曲地区 became 那曲市)'),
  // 贵州
  '520221': renamed('520204', '水城县 became 水城区'),
  '520222': renamed('520281', '盘县 became 盘州市'),
  '520522': renamed('520581', '黔西县 became 黔西市'),
  '522322': renamed('522302', '兴仁县 became 兴仁市'),
  // 陕西
  '610125': renamed('610118', '鄠邑区 renumbered (户县 became a 区)'),
  '610322': renamed('610305', '凤翔县 became 凤翔区'),
  '610427': renamed('610482', '彬县 became 彬州市'),
  '610623': renamed('610681', '子长县 became 子长市'),
  '610624': renamed('610603', '安塞区 renumbered (安塞县 became a 区)'),
  '610721': renamed('610703', '南郑县 became 南郑区'),
  '610821': renamed('610881', '神木县 became 神木市'),
  '610928': renamed('610981', '旬阳县 became 旬阳市'),
  // 青海
  '630122': renamed('630106', '湟中县 became 湟中区'),
  '632321': renamed('632301', '同仁县 became 同仁市'),
  '632825': split('632803', '海西州直辖 (冷湖, 茫崖 and 大柴旦 行委) became 茫崖市 and 大柴旦行政委员会', 'the polygon also covers 大柴旦行政委员会 (632857), which has none of its own'),
  // 黑龙江: 伊春市's 15 districts became 4 districts and 4 counties (2019)
  '230702': renamed('230717', '伊春区 merged into 伊美区'),
  '230703': renamed('230726', '南岔区 became 南岔县'),
  '230704': renamed('230719', '友好区 merged with 上甘岭区 into a renumbered 友好区'),
  '230705': renamed('230751', '西林区 merged with 金山屯区 into 金林区'),
  '230706': renamed('230718', '翠峦区 merged into 乌翠区'),
  '230707': renamed('230724', '新青区 merged into 丰林县'),
  '230708': renamed('230717', '美溪区 merged into 伊美区'),
  '230709': renamed('230751', '金山屯区 merged with 西林区 into 金林区'),
  '230710': renamed('230724', '五营区 merged into 丰林县'),
  '230711': split('230718', '乌马河区 was shared between 乌翠区 and 伊美区', 'the part of 乌马河区 that went to 伊美区 is drawn in 乌翠区'),
  '230712': renamed('230723', '汤旺河区 merged with 乌伊岭区 into 汤旺县'),
  '230713': renamed('230725', '带岭区 became 大箐山县'),
  '230714': renamed('230723', '乌伊岭区 merged with 汤旺河区 into 汤旺县'),
  '230715': renamed('230724', '红星区 merged into 丰林县'),
  '230716': renamed('230719', '上甘岭区 merged into 友好区'),
  '231121': renamed('231183', '嫩江县 became 嫩江市'),
  '232723': renamed('232701', '漠河县 became 漠河市'),
  // 重庆
  '500228': renamed('500155', '梁平县 became 梁平区'),
  '500232': renamed('500156', '武隆县 became 武隆区'),
}
