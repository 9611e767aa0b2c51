//! The demo catalogue: invented facilities, specialty training programs and ceilings (`*.example.jp` contacts, deterministic).

/// A fictional hospital that can be a base facility (基幹施設) or an affiliated facility (連携施設).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoFacility {
    pub key: &'static str,
    pub name: &'static str,
    /// JIS two-digit prefecture code, e.g. "13".
    pub prefecture: &'static str,
}

/// A specialty training program (専門研修プログラム).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProgram {
    pub name: String,
    pub specialty: &'static str,
    pub base_facility: &'static str,
    pub affiliated_facilities: Vec<&'static str>,
    pub capacity: u32,
    pub researcher_course: bool,
    pub contact: String,
    pub description: String,
}

/// A per-prefecture × specialty ceiling (シーリング).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCeiling {
    pub prefecture: &'static str,
    pub specialty: &'static str,
    pub ceiling: u32,
}

/// The kind of facility, which decides which programs it runs and how large they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// University hospital (大学病院): almost every specialty, large programs.
    U,
    /// Regional core hospital (医療センター, 赤十字病院, 労災病院, 県立中央病院…).
    C,
    /// Municipal / community hospital (市民病院).
    M,
    /// Psychiatric centre: psychiatry only.
    P,
    /// Rehabilitation hospital: rehabilitation only.
    R,
    /// Children's hospital: pediatrics only.
    Ch,
}

use Kind::{C, Ch, M, P, R, U};

/// (key, name, prefecture, kind, city, first 3 digits of the postal code, telephone area code)
type FacilityRow = (&'static str, &'static str, &'static str, Kind, &'static str, &'static str, &'static str);

#[rustfmt::skip]
const FACILITIES: &[FacilityRow] = &[
    ("hokkaido-hokurei-univ", "北嶺大学病院", "01", U, "札幌市北区", "001", "011"),
    ("hokkaido-ishikari-rc", "石狩湾赤十字病院", "01", C, "小樽市", "047", "0134"),
    ("hokkaido-dohoku-central", "石狩川中央病院", "01", C, "旭川市", "070", "0166"),
    ("hokkaido-tokachi-kosei", "十勝厚生医療センター", "01", C, "帯広市", "080", "0155"),
    ("hokkaido-hakodate-city", "函館みなと市民病院", "01", M, "函館市", "040", "0138"),
    ("aomori-mutsu-central", "陸奥湾中央病院", "02", C, "青森市", "030", "017"),
    ("iwate-kitakami-kenritsu", "県立北上川中央病院", "03", C, "盛岡市", "020", "019"),
    ("miyagi-aoba-med", "青葉医科大学病院", "04", U, "仙台市青葉区", "980", "022"),
    ("miyagi-morinomiyako-rc", "杜の都赤十字病院", "04", C, "仙台市太白区", "982", "022"),
    ("akita-ou-kosei", "奥羽厚生医療センター", "05", C, "秋田市", "010", "018"),
    ("yamagata-zao-central", "蔵王山麓中央病院", "06", C, "山形市", "990", "023"),
    ("fukushima-abukuma-center", "阿武隈総合医療センター", "07", C, "福島市", "960", "024"),
    ("fukushima-asaka-rosai", "安積労災病院", "07", C, "郡山市", "963", "024"),
    ("ibaraki-hitachi-center", "常陸中央医療センター", "08", C, "水戸市", "310", "029"),
    ("tochigi-kinu-center", "鬼怒川中央医療センター", "09", C, "宇都宮市", "320", "028"),
    ("gunma-jomo-central", "上毛中央総合病院", "10", C, "前橋市", "371", "027"),
    ("saitama-chuo-med", "埼玉中央医科大学病院", "11", U, "川越市", "350", "049"),
    ("saitama-omiya-center", "大宮臨床医療センター", "11", C, "さいたま市大宮区", "330", "048"),
    ("saitama-sayama-rosai", "狭山丘陵労災病院", "11", C, "所沢市", "359", "04"),
    ("saitama-kawaguchi-city", "川口北市民病院", "11", M, "川口市", "333", "048"),
    ("chiba-boso-univ", "房総大学医学部附属病院", "12", U, "千葉市中央区", "260", "043"),
    ("chiba-makuhari-center", "幕張海浜医療センター", "12", C, "千葉市美浜区", "261", "043"),
    ("chiba-kashiwanoha-rc", "柏の葉赤十字病院", "12", C, "柏市", "277", "04"),
    ("chiba-funabashi-city", "船橋湾岸市民病院", "12", M, "船橋市", "273", "047"),
    ("chiba-awa-kenritsu", "県立安房中央病院", "12", C, "館山市", "294", "0470"),
    ("tokyo-chuo-univ", "東京中央大学病院", "13", U, "新宿区", "160", "03"),
    ("tokyo-johoku-univ", "城北大学医学部附属病院", "13", U, "文京区", "113", "03"),
    ("tokyo-sakuragaoka-med", "桜丘医科大学病院", "13", U, "世田谷区", "156", "03"),
    ("tokyo-tama-univ", "多摩丘陵大学医学部附属病院", "13", U, "八王子市", "192", "042"),
    ("tokyo-joto-center", "城東湾岸医療センター", "13", C, "江東区", "135", "03"),
    ("tokyo-yotsuya-rc", "四谷赤十字病院", "13", C, "新宿区", "160", "03"),
    ("tokyo-jonan-rosai", "城南労災病院", "13", C, "大田区", "143", "03"),
    ("tokyo-metro-central", "都立中央総合医療センター", "13", C, "台東区", "110", "03"),
    ("tokyo-musashinodai-center", "都立武蔵野台医療センター", "13", C, "府中市", "183", "042"),
    ("tokyo-shakujii-general", "石神井総合病院", "13", M, "練馬区", "177", "03"),
    ("tokyo-machida-city", "町田丘陵市民病院", "13", M, "町田市", "194", "042"),
    ("tokyo-josai-kodomo", "城西こども医療センター", "13", Ch, "杉並区", "167", "03"),
    ("tokyo-wakabadai-seishin", "都立若葉台精神医療センター", "13", P, "小平市", "187", "042"),
    ("tokyo-sumidagawa-reha", "隅田川リハビリテーション病院", "13", R, "墨田区", "130", "03"),
    ("kanagawa-sagami-med", "相模医科大学病院", "14", U, "相模原市南区", "252", "042"),
    ("kanagawa-rinkai-univ", "神奈川臨海大学医学部附属病院", "14", U, "横浜市金沢区", "236", "045"),
    ("kanagawa-kohoku-center", "港北総合医療センター", "14", C, "横浜市港北区", "222", "045"),
    ("kanagawa-yamate-rc", "横浜山手赤十字病院", "14", C, "横浜市中区", "231", "045"),
    ("kanagawa-tamagawa-rosai", "多摩川労災病院", "14", C, "川崎市中原区", "211", "044"),
    ("kanagawa-shonan-center", "湘南海浜医療センター", "14", C, "藤沢市", "251", "0466"),
    ("kanagawa-miura-kyosai", "三浦半島共済病院", "14", C, "横須賀市", "238", "046"),
    ("kanagawa-ashigara-city", "足柄平野市民病院", "14", M, "小田原市", "250", "0465"),
    ("kanagawa-tanzawa-seishin", "県立丹沢精神医療センター", "14", P, "秦野市", "257", "0463"),
    ("niigata-echigo-univ", "越後大学医学部附属病院", "15", U, "新潟市中央区", "951", "025"),
    ("niigata-shinanogawa-rc", "信濃川赤十字病院", "15", C, "長岡市", "940", "0258"),
    ("toyama-tateyama-central", "富山湾岸中央病院", "16", C, "富山市", "930", "076"),
    ("ishikawa-kaga-center", "加賀中央医療センター", "17", C, "金沢市", "920", "076"),
    ("fukui-echizen-kenritsu", "県立越前総合病院", "18", C, "福井市", "910", "0776"),
    ("yamanashi-kai-kenritsu", "県立甲斐中央病院", "19", C, "甲府市", "400", "055"),
    ("nagano-matsumoto-center", "松本平医療センター", "20", C, "松本市", "390", "0263"),
    ("nagano-zenkojidaira-rc", "善光寺平赤十字病院", "20", C, "長野市", "380", "026"),
    ("gifu-nobi-central", "濃尾平野中央病院", "21", C, "岐阜市", "500", "058"),
    ("shizuoka-suruga-center", "駿河湾医療センター", "22", C, "静岡市駿河区", "422", "054"),
    ("shizuoka-enshu-rosai", "遠州労災病院", "22", C, "浜松市中央区", "430", "053"),
    ("aichi-owari-univ", "尾張大学医学部附属病院", "23", U, "名古屋市昭和区", "466", "052"),
    ("aichi-higashiyama-med", "東山医科大学病院", "23", U, "名古屋市千種区", "464", "052"),
    ("aichi-mikawa-center", "三河中央医療センター", "23", C, "岡崎市", "444", "0564"),
    ("aichi-nakagawa-rc", "名古屋中川赤十字病院", "23", C, "名古屋市中川区", "454", "052"),
    ("aichi-atsuta-center", "熱田の杜医療センター", "23", C, "名古屋市熱田区", "456", "052"),
    ("aichi-owarihokubu-rosai", "尾張北部労災病院", "23", C, "春日井市", "486", "0568"),
    ("aichi-bisai-kenritsu", "県立尾西総合医療センター", "23", C, "一宮市", "491", "0586"),
    ("aichi-mikawawan-city", "三河湾市民病院", "23", M, "豊橋市", "441", "0532"),
    ("aichi-morino-kodomo", "あいち森のこども病院", "23", Ch, "大府市", "474", "0562"),
    ("mie-isewan-center", "伊勢湾総合医療センター", "24", C, "津市", "514", "059"),
    ("shiga-biwako-center", "びわ湖東医療センター", "25", C, "草津市", "525", "077"),
    ("kyoto-rakuhoku-univ", "洛北大学医学部附属病院", "26", U, "京都市左京区", "606", "075"),
    ("kyoto-rakuchu-rc", "洛中赤十字病院", "26", C, "京都市中京区", "604", "075"),
    ("kyoto-rakusai-center", "洛西総合医療センター", "26", C, "京都市西京区", "610", "075"),
    ("kyoto-tanba-city", "丹波高原市民病院", "26", M, "福知山市", "620", "0773"),
    ("osaka-naniwa-univ", "浪速大学医学部附属病院", "27", U, "大阪市阿倍野区", "545", "06"),
    ("osaka-hokusetsu-med", "北摂医科大学病院", "27", U, "高槻市", "569", "072"),
    ("osaka-senshu-univ", "泉州大学医学部附属病院", "27", U, "堺市堺区", "590", "072"),
    ("osaka-uemachi-rc", "上町台赤十字病院", "27", C, "大阪市天王寺区", "543", "06"),
    ("osaka-yodogawa-center", "淀川北医療センター", "27", C, "大阪市淀川区", "532", "06"),
    ("osaka-nakanoshima-rosai", "中之島労災病院", "27", C, "大阪市北区", "530", "06"),
    ("osaka-kawachi-furitsu", "府立河内総合医療センター", "27", C, "八尾市", "581", "072"),
    ("osaka-senriyama-city", "千里丘市民病院", "27", M, "吹田市", "565", "06"),
    ("osaka-kongo-seishin", "府立金剛精神医療センター", "27", P, "富田林市", "584", "0721"),
    ("osaka-wangan-reha", "大阪湾岸リハビリテーション病院", "27", R, "大阪市住之江区", "559", "06"),
    ("hyogo-rokko-med", "六甲医科大学病院", "28", U, "神戸市灘区", "657", "078"),
    ("hyogo-sumaura-center", "神戸須磨浦医療センター", "28", C, "神戸市須磨区", "654", "078"),
    ("hyogo-shirasagi-rc", "白鷺赤十字病院", "28", C, "姫路市", "670", "079"),
    ("hyogo-hanshin-rosai", "阪神臨海労災病院", "28", C, "尼崎市", "660", "06"),
    ("hyogo-kabutoyama-city", "甲山市民病院", "28", M, "西宮市", "662", "0798"),
    ("nara-yamato-central", "大和平野中央病院", "29", C, "橿原市", "634", "0744"),
    ("wakayama-kinokawa-center", "紀ノ川医療センター", "30", C, "和歌山市", "640", "073"),
    ("shimane-izumo-central", "斐伊川中央病院", "32", C, "出雲市", "693", "0853"),
    ("okayama-kibi-center", "吉備総合医療センター", "33", C, "岡山市北区", "700", "086"),
    ("okayama-mizushima-center", "倉敷水島医療センター", "33", C, "倉敷市", "712", "086"),
    ("hiroshima-aki-univ", "安芸大学医学部附属病院", "34", U, "広島市南区", "734", "082"),
    ("hiroshima-bingo-rc", "備後赤十字病院", "34", C, "福山市", "720", "084"),
    ("yamaguchi-choshu-central", "椹野川中央病院", "35", C, "山口市", "753", "083"),
    ("tokushima-awa-kenritsu", "県立阿波中央病院", "36", C, "徳島市", "770", "088"),
    ("kagawa-sanuki-city", "讃岐中央市民病院", "37", M, "高松市", "760", "087"),
    ("ehime-iyo-center", "伊予中央医療センター", "38", C, "東温市", "791", "089"),
    ("ehime-dogo-rc", "道後赤十字病院", "38", C, "松山市", "790", "089"),
    ("kochi-tosawan-center", "土佐湾医療センター", "39", C, "高知市", "780", "088"),
    ("fukuoka-chikushi-univ", "筑紫大学医学部附属病院", "40", U, "福岡市東区", "812", "092"),
    ("fukuoka-genkai-med", "玄海医科大学病院", "40", U, "福岡市城南区", "814", "092"),
    ("fukuoka-chikugogawa-univ", "筑後川大学医学部附属病院", "40", U, "久留米市", "830", "0942"),
    ("fukuoka-hakata-rc", "博多赤十字病院", "40", C, "福岡市博多区", "812", "092"),
    ("fukuoka-kanmon-rosai", "関門労災病院", "40", C, "北九州市小倉北区", "803", "093"),
    ("fukuoka-ongagawa-center", "遠賀川医療センター", "40", C, "飯塚市", "820", "0948"),
    ("fukuoka-dokaiwan-city", "洞海湾市民病院", "40", M, "北九州市八幡西区", "806", "093"),
    ("fukuoka-homan-seishin", "県立宝満精神医療センター", "40", P, "筑紫野市", "818", "092"),
    ("fukuoka-hakatawan-reha", "博多湾リハビリテーション病院", "40", R, "福岡市西区", "819", "092"),
    ("saga-hizen-center", "肥前中央医療センター", "41", C, "佐賀市", "840", "0952"),
    ("nagasaki-dejima-center", "出島医療センター", "42", C, "長崎市", "850", "095"),
    ("kumamoto-higo-univ", "肥後大学医学部附属病院", "43", U, "熊本市中央区", "860", "096"),
    ("kumamoto-shirakawa-rc", "白川赤十字病院", "43", C, "熊本市東区", "862", "096"),
    ("oita-bungo-central", "豊後水道中央病院", "44", C, "大分市", "870", "097"),
    ("miyazaki-hyuganada-kenritsu", "県立日向灘中央病院", "45", C, "宮崎市", "880", "0985"),
    ("kagoshima-satsuma-center", "薩摩中央医療センター", "46", C, "鹿児島市", "890", "099"),
    ("okinawa-ryukai-kenritsu", "県立琉海中央病院", "47", C, "那覇市", "900", "098"),
];

/// Prefecture names and blocks, indexed by JIS code − 1. Blocks: 0 北海道, 1 東北, 2 北関東,
/// 3 南関東, 4 甲信越, 5 北陸, 6 東海, 7 近畿, 8 中国, 9 四国, 10 北部九州, 11 南九州・沖縄.
/// A shared block stands for "neighbouring"; see [`REGION_OF_BLOCK`] for the wider fallback.
#[rustfmt::skip]
const PREFECTURES: [(&str, u8); 47] = [
    ("北海道", 0), ("青森県", 1), ("岩手県", 1), ("宮城県", 1), ("秋田県", 1), ("山形県", 1),
    ("福島県", 1), ("茨城県", 2), ("栃木県", 2), ("群馬県", 2), ("埼玉県", 3), ("千葉県", 3),
    ("東京都", 3), ("神奈川県", 3), ("新潟県", 4), ("富山県", 5), ("石川県", 5), ("福井県", 5),
    ("山梨県", 4), ("長野県", 4), ("岐阜県", 6), ("静岡県", 6), ("愛知県", 6), ("三重県", 6),
    ("滋賀県", 7), ("京都府", 7), ("大阪府", 7), ("兵庫県", 7), ("奈良県", 7), ("和歌山県", 7),
    ("鳥取県", 8), ("島根県", 8), ("岡山県", 8), ("広島県", 8), ("山口県", 8), ("徳島県", 9),
    ("香川県", 9), ("愛媛県", 9), ("高知県", 9), ("福岡県", 10), ("佐賀県", 10), ("長崎県", 10),
    ("熊本県", 10), ("大分県", 10), ("宮崎県", 11), ("鹿児島県", 11), ("沖縄県", 11),
];

/// The wider region (地方) of each block: 北海道, 東北, 関東, 中部, 近畿, 中国・四国, 九州・沖縄.
const REGION_OF_BLOCK: [u8; 12] = [0, 1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 6];

/// One basic specialty (基本領域) and how the generator treats it.
struct Spec {
    code: &'static str,
    /// Japanese name as used in program names (内科, 病理, …).
    ja: &'static str,
    /// Local part of the contact address after `senkoi-`.
    mail: &'static str,
    /// Department in a university hospital's contact line.
    dept: &'static str,
    /// Capacity range at a university hospital.
    univ: (u32, u32),
    /// Capacity range at other hospitals (community hospitals use the lower half).
    hosp: (u32, u32),
    /// Chance in percent that a facility of kind U, C, M runs this program.
    pct: [u64; 3],
    /// Two specialty-specific sentences; one goes into each description.
    lines: [&'static str; 2],
}

const SPECS: [Spec; 19] = [
    Spec {
        code: "internal-medicine",
        ja: "内科",
        mail: "naika",
        dept: "内科医局",
        univ: (15, 30),
        hosp: (5, 14),
        pct: [100, 100, 100],
        lines: [
            "一般内科から各サブスペシャルティ領域まで、内科専門医に求められる幅広い症例を3年間で経験します。",
            "症例登録と病歴要約の指導体制を整え、専門医取得後のサブスペシャルティ研修へ円滑につなげます。",
        ],
    },
    Spec {
        code: "pediatrics",
        ja: "小児科",
        mail: "shonika",
        dept: "小児科医局",
        univ: (5, 12),
        hosp: (2, 6),
        pct: [100, 25, 20],
        lines: [
            "新生児から思春期までの小児の一般診療と小児救急を幅広く経験します。",
            "NICUや小児救急、発達・育成医療を含む小児医療の全領域を系統的に学びます。",
        ],
    },
    Spec {
        code: "dermatology",
        ja: "皮膚科",
        mail: "hifuka",
        dept: "皮膚科医局",
        univ: (4, 8),
        hosp: (1, 3),
        pct: [80, 2, 0],
        lines: [
            "一般皮膚疾患から皮膚腫瘍、皮膚外科まで豊富な症例を経験できます。",
            "外来診療と皮膚病理診断を重視し、皮膚科専門医として自立できる診断力を養います。",
        ],
    },
    Spec {
        code: "psychiatry",
        ja: "精神科",
        mail: "seishinka",
        dept: "精神科医局",
        univ: (4, 10),
        hosp: (2, 4),
        pct: [100, 5, 0],
        lines: [
            "統合失調症や気分障害から認知症、児童思春期まで、精神科医療の幅広い領域を経験します。",
            "精神科救急や身体合併症、リエゾン精神医学を通じて多職種による治療を学びます。",
        ],
    },
    Spec {
        code: "surgery",
        ja: "外科",
        mail: "geka",
        dept: "外科医局",
        univ: (8, 18),
        hosp: (3, 8),
        pct: [100, 45, 30],
        lines: [
            "消化器、心臓血管、呼吸器、乳腺、小児外科など外科の各領域を偏りなく研修します。",
            "手術手技と周術期管理を段階的に修得し、外科専門医に必要な症例を確実に経験できます。",
        ],
    },
    Spec {
        code: "orthopedics",
        ja: "整形外科",
        mail: "seikei",
        dept: "整形外科医局",
        univ: (6, 14),
        hosp: (2, 6),
        pct: [100, 10, 5],
        lines: [
            "脊椎、関節、外傷、スポーツ医学など整形外科の主要分野を網羅的に学べます。",
            "豊富な手術症例を通じて、運動器疾患の診断から治療、術後のリハビリテーションまで一貫して経験します。",
        ],
    },
    Spec {
        code: "obstetrics-gynecology",
        ja: "産婦人科",
        mail: "sanfujinka",
        dept: "産婦人科医局",
        univ: (4, 10),
        hosp: (2, 5),
        pct: [100, 10, 0],
        lines: [
            "周産期、婦人科腫瘍、生殖・内分泌、女性ヘルスケアの4領域を偏りなく研修します。",
            "ハイリスク妊娠や分娩管理、婦人科手術を数多く経験できる体制を整えています。",
        ],
    },
    Spec {
        code: "ophthalmology",
        ja: "眼科",
        mail: "ganka",
        dept: "眼科医局",
        univ: (3, 8),
        hosp: (1, 3),
        pct: [80, 2, 0],
        lines: [
            "白内障、緑内障、網膜硝子体など眼科の主要疾患の診療と手術を段階的に修得します。",
            "外来での検査・診断から顕微鏡下手術まで、眼科専門医に必要な技能を体系的に学びます。",
        ],
    },
    Spec {
        code: "otorhinolaryngology",
        ja: "耳鼻咽喉科",
        mail: "jibika",
        dept: "耳鼻咽喉科医局",
        univ: (3, 7),
        hosp: (1, 3),
        pct: [80, 2, 0],
        lines: [
            "耳科、鼻科、頭頸部腫瘍、音声・嚥下など耳鼻咽喉科・頭頸部外科の全領域を経験します。",
            "内視鏡下鼻副鼻腔手術や頭頸部がん手術など、豊富な手術症例があります。",
        ],
    },
    Spec {
        code: "urology",
        ja: "泌尿器科",
        mail: "hinyokika",
        dept: "泌尿器科医局",
        univ: (3, 7),
        hosp: (1, 3),
        pct: [80, 3, 0],
        lines: [
            "尿路悪性腫瘍、排尿障害、尿路結石、腎移植など泌尿器科の幅広い分野を研修します。",
            "ロボット支援手術や内視鏡手術を含め、低侵襲手術の技能を段階的に身につけます。",
        ],
    },
    Spec {
        code: "neurosurgery",
        ja: "脳神経外科",
        mail: "noshinkeigeka",
        dept: "脳神経外科医局",
        univ: (3, 6),
        hosp: (1, 3),
        pct: [80, 5, 0],
        lines: [
            "脳卒中、脳腫瘍、頭部外傷、脊髄疾患など脳神経外科の主要領域を経験します。",
            "救急搬送される脳血管障害の初期対応から血管内治療、開頭手術まで実践的に研修します。",
        ],
    },
    Spec {
        code: "radiology",
        ja: "放射線科",
        mail: "hoshasenka",
        dept: "放射線科医局",
        univ: (4, 10),
        hosp: (1, 3),
        pct: [80, 3, 0],
        lines: [
            "画像診断、IVR、放射線治療、核医学を系統的に学び、放射線科専門医を目指します。",
            "CT・MRIの読影を中心に、各診療科とのカンファレンスを通じて診断力を養います。",
        ],
    },
    Spec {
        code: "anesthesiology",
        ja: "麻酔科",
        mail: "masuika",
        dept: "麻酔科医局",
        univ: (6, 14),
        hosp: (2, 6),
        pct: [100, 15, 0],
        lines: [
            "全身麻酔、区域麻酔、集中治療、ペインクリニックを含む麻酔科学の全領域を研修します。",
            "心臓血管外科や小児、産科の麻酔など特殊な症例も豊富に経験できます。",
        ],
    },
    Spec {
        code: "pathology",
        ja: "病理",
        mail: "byori",
        dept: "病理部",
        univ: (1, 3),
        hosp: (1, 2),
        pct: [65, 2, 0],
        lines: [
            "病理解剖、組織診断、細胞診を通じて、臨床に貢献できる病理医を育成します。",
            "分子病理やデジタルパソロジーにも触れながら、診断病理の基礎から応用までを学びます。",
        ],
    },
    Spec {
        code: "laboratory-medicine",
        ja: "臨床検査",
        mail: "rinshokensa",
        dept: "臨床検査部",
        univ: (1, 2),
        hosp: (1, 2),
        pct: [25, 0, 0],
        lines: [
            "検査の精度管理と検査部門の運営を学び、診療を支える臨床検査専門医を育成します。",
            "血液、微生物、生化学、遺伝子検査など検査医学の各分野を横断的に研修します。",
        ],
    },
    Spec {
        code: "emergency-medicine",
        ja: "救急科",
        mail: "kyukyu",
        dept: "救急科医局",
        univ: (4, 10),
        hosp: (2, 6),
        pct: [100, 30, 10],
        lines: [
            "救命救急センターでの重症患者の初期診療から集中治療まで、救急医療の全般を経験します。",
            "ドクターカーや災害医療、病院前救護にも携わり、地域の救急医療体制を支える人材を育てます。",
        ],
    },
    Spec {
        code: "plastic-surgery",
        ja: "形成外科",
        mail: "keiseigeka",
        dept: "形成外科医局",
        univ: (2, 5),
        hosp: (1, 2),
        pct: [45, 2, 0],
        lines: [
            "先天異常、外傷、再建外科、美容外科など形成外科の主要分野を段階的に研修します。",
            "マイクロサージャリーによる再建手術や難治性創傷の治療を数多く経験できます。",
        ],
    },
    Spec {
        code: "rehabilitation",
        ja: "リハビリテーション科",
        mail: "reha",
        dept: "リハビリテーション科医局",
        univ: (2, 4),
        hosp: (1, 2),
        pct: [30, 4, 0],
        lines: [
            "脳卒中、運動器、脊髄損傷、小児などリハビリテーション医学の幅広い領域を経験します。",
            "急性期から回復期、在宅までのリハビリテーション診療を通じて、患者さんの生活機能の回復を支えます。",
        ],
    },
    Spec {
        code: "general-medicine",
        ja: "総合診療",
        mail: "sogoshinryo",
        dept: "総合診療科医局",
        univ: (3, 8),
        hosp: (2, 5),
        pct: [100, 45, 90],
        lines: [
            "病院総合診療と地域の診療所での研修を組み合わせ、幅広い健康問題に対応できる総合診療医を育成します。",
            "在宅医療や予防医療、多職種連携を重視し、地域に根ざした総合診療を実践的に学びます。",
        ],
    },
];

/// Researcher-course programs (臨床研究医コース): (university base facility, specialty, capacity).
const RESEARCHER_COURSES: [(&str, &str, u32); 10] = [
    ("tokyo-johoku-univ", "internal-medicine", 2),
    ("tokyo-chuo-univ", "pathology", 1),
    ("tokyo-sakuragaoka-med", "pediatrics", 1),
    ("kanagawa-rinkai-univ", "internal-medicine", 1),
    ("aichi-owari-univ", "internal-medicine", 2),
    ("osaka-naniwa-univ", "internal-medicine", 2),
    ("osaka-hokusetsu-med", "radiology", 1),
    ("kyoto-rakuhoku-univ", "psychiatry", 1),
    ("fukuoka-chikushi-univ", "surgery", 1),
    ("hokkaido-hokurei-univ", "internal-medicine", 1),
];

/// Non-exempt specialties, in the column order of [`CEILING_TABLE`].
const CEILING_SPECIALTIES: [&str; 15] = [
    "internal-medicine",
    "pediatrics",
    "dermatology",
    "psychiatry",
    "orthopedics",
    "ophthalmology",
    "otorhinolaryngology",
    "urology",
    "neurosurgery",
    "radiology",
    "anesthesiology",
    "emergency-medicine",
    "plastic-surgery",
    "rehabilitation",
    "general-medicine",
];

/// Ceilings of the 5 ceiling prefectures, columns as in [`CEILING_SPECIALTIES`].
///
/// The demo capacities exceed the ceiling for these pairs, so the ceiling (not the capacity)
/// is what stops hiring there (checked by `some_ceilings_bind` below):
/// - 東京 13 × rehabilitation: ceiling 12, demo capacity 15;
/// - 愛知 23 × anesthesiology: ceiling 30, demo capacity 36;
/// - 大阪 27 × general-medicine: ceiling 18, demo capacity 24;
/// - 福岡 40 × dermatology: ceiling 15, demo capacity 22.
///
/// Everywhere else the ceiling is at or above the sum of the demo capacities.
#[rustfmt::skip]
const CEILING_TABLE: [(&str, [u32; 15]); 5] = [
    //     内科 小児 皮膚 精神 整形 眼科 耳鼻 泌尿 脳外 放射 麻酔 救急 形成 リハ 総診
    ("13", [400, 90, 60, 85, 100, 55, 45, 45, 35, 60, 80, 60, 40, 12, 35]),
    ("14", [130, 30, 18, 35,  35, 18, 14, 14, 12, 18, 30, 25, 10,  8, 15]),
    ("23", [150, 30, 18, 28,  40, 18, 15, 16, 14, 20, 30, 28, 12,  7, 28]),
    ("27", [210, 45, 28, 40,  55, 28, 22, 22, 20, 28, 45, 35, 20, 15, 18]),
    ("40", [115, 32, 15, 30,  35, 15, 15, 15, 15, 22, 30, 30, 10, 10, 16]),
];

/// Street names for the fictional addresses.
const TOWNS: [&str; 12] =
    ["本町", "中央", "栄町", "緑町", "旭町", "若葉", "城山", "桜木町", "泉町", "東町", "大手町", "新町"];

/// Sentences about the kind of base facility: (kind, two variants).
const KIND_LINES: [(Kind, [&str; 2]); 6] = [
    (
        U,
        [
            "大学院進学や臨床研究との両立を支援し、サブスペシャルティ研修へ連続的に進めます。",
            "大学病院ならではの専門性の高い症例と、関連病院での幅広い症例の両方を経験できます。",
        ],
    ),
    (
        C,
        [
            "地域の中核病院として、救急から慢性期まで豊富な症例を経験できます。",
            "指導医が多く、一人ひとりの到達度に合わせたきめ細かな指導を行っています。",
        ],
    ),
    (
        M,
        [
            "地域医療の第一線で、患者さんの生活に寄り添う医療を学べます。",
            "顔の見える関係の中で、多職種と協力しながら主体的に診療に携わることができます。",
        ],
    ),
    (
        P,
        [
            "精神科救急の拠点病院として、急性期から社会復帰支援まで一貫して経験できます。",
            "デイケアや訪問看護など地域精神医療の実践にも携わることができます。",
        ],
    ),
    (
        R,
        [
            "回復期リハビリテーション病棟を中心に、急性期病院と連携して研修を行います。",
            "義肢装具や嚥下評価など、リハビリテーション科専門医に必要な技能を実践的に学びます。",
        ],
    ),
    (
        Ch,
        [
            "小児専門病院として、希少疾患や小児集中治療の症例を数多く経験できます。",
            "小児外科や小児精神科など院内の専門診療科と連携した研修が可能です。",
        ],
    ),
];

/// `SplitMix64` finaliser: a small deterministic hash for variety.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Hash of a few small integers (facility index, specialty index, purpose, …).
fn hash(parts: &[usize]) -> u64 {
    parts.iter().fold(0x5EC0_1000_u64, |acc, &p| mix(acc ^ p as u64))
}

/// A value in `lo..=hi` chosen by `h`.
fn pick(h: u64, lo: u32, hi: u32) -> u32 {
    lo + u32::try_from(h % u64::from(hi - lo + 1)).unwrap_or(0)
}

fn prefecture_index(code: &str) -> usize {
    code.parse::<usize>().map_or(0, |n| n.saturating_sub(1))
}

fn prefecture_name(code: &str) -> &'static str {
    PREFECTURES[prefecture_index(code)].0
}

fn block(code: &str) -> u8 {
    PREFECTURES[prefecture_index(code)].1
}

fn region(code: &str) -> u8 {
    REGION_OF_BLOCK[usize::from(block(code))]
}

fn spec_index(code: &str) -> usize {
    SPECS.iter().position(|s| s.code == code).unwrap_or(0)
}

/// The only specialty a specialised hospital runs (and accepts rotations for).
fn specialised_in(kind: Kind) -> Option<&'static str> {
    match kind {
        P => Some("psychiatry"),
        R => Some("rehabilitation"),
        Ch => Some("pediatrics"),
        U | C | M => None,
    }
}

/// Whether facility `fi` runs a regular program of specialty `si`.
fn offers(fi: usize, kind: Kind, si: usize) -> bool {
    let pct = match kind {
        // Large university hospitals in the ceiling prefectures run every non-exempt specialty.
        U if CEILING_TABLE.iter().any(|c| c.0 == FACILITIES[fi].2)
            && CEILING_SPECIALTIES.contains(&SPECS[si].code) =>
        {
            100
        }
        U => SPECS[si].pct[0],
        C => SPECS[si].pct[1],
        M => SPECS[si].pct[2],
        P | R | Ch => return specialised_in(kind) == Some(SPECS[si].code),
    };
    hash(&[fi, si, 1]) % 100 < pct
}

fn capacity(fi: usize, kind: Kind, si: usize) -> u32 {
    let spec = &SPECS[si];
    let (lo, hi) = match kind {
        U => spec.univ,
        C => spec.hosp,
        M => (spec.hosp.0, spec.hosp.0.midpoint(spec.hosp.1)),
        P => (3, 8),
        R => (2, 4),
        Ch => (4, 10),
    };
    pick(hash(&[fi, si, 2]), lo, hi)
}

/// Affiliated facilities: same prefecture first, then the same block, then the same region;
/// specialised hospitals only for their own specialty, where they come first.
fn affiliates(fi: usize, si: usize, salt: usize) -> Vec<&'static str> {
    let base = &FACILITIES[fi];
    let spec = SPECS[si].code;
    let mut candidates: Vec<(u8, bool, u64, &'static str)> = FACILITIES
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != fi)
        .filter_map(|(j, f)| {
            let fitting = specialised_in(f.3);
            if fitting.is_some_and(|s| s != spec) {
                return None;
            }
            let tier = if f.2 == base.2 {
                0
            } else if block(f.2) == block(base.2) {
                1
            } else if region(f.2) == region(base.2) {
                2
            } else {
                return None;
            };
            Some((tier, fitting.is_none(), hash(&[fi, si, j, salt]), f.0))
        })
        .collect();
    candidates.sort_unstable();
    let (lo, hi) = match base.3 {
        U => (3, 6),
        C => (1, 4),
        M => (0, 3),
        P | R | Ch => (0, 2),
    };
    let n = pick(hash(&[fi, si, 3, salt]), lo, hi) as usize;
    candidates.into_iter().take(n).map(|c| c.3).collect()
}

fn phone(area: &str, h: u64) -> String {
    let middle_len = 6usize.saturating_sub(area.len()).max(1);
    let middle_max = 10u64.pow(u32::try_from(middle_len).unwrap_or(4));
    let first = 2 + (h % 8);
    let rest = (h / 8) % (middle_max / 10);
    let last = (h >> 32) % 10_000;
    format!("{area}-{first}{rest:0w$}-{last:04}", w = middle_len - 1)
}

fn address(fi: usize) -> String {
    let f = &FACILITIES[fi];
    let h = hash(&[fi, 4]);
    format!(
        "〒{}-{:04} {}{}{}{}-{}-{}",
        f.5,
        h % 10_000,
        prefecture_name(f.2),
        f.4,
        TOWNS[(h >> 16) as usize % TOWNS.len()],
        1 + (h >> 24) % 5,
        1 + (h >> 32) % 30,
        1 + (h >> 40) % 20,
    )
}

fn contact(fi: usize, si: usize, researcher: bool) -> String {
    let f = &FACILITIES[fi];
    let spec = &SPECS[si];
    let desk = match (f.3, researcher) {
        (U, true) => format!("{} 臨床研究医コース担当", spec.dept),
        (U, false) => format!("{} 専門研修担当", spec.dept),
        _ => format!("臨床研修センター {}専門研修担当", spec.ja),
    };
    let suffix = if researcher { "-research" } else { "" };
    format!(
        "{} {} TEL {} / senkoi-{}{}@{}.example.jp",
        address(fi),
        desk,
        phone(f.6, hash(&[fi, si, 5, usize::from(researcher)])),
        spec.mail,
        suffix,
        f.0,
    )
}

fn description(fi: usize, si: usize, affiliated: &[&str]) -> String {
    let f = &FACILITIES[fi];
    let h = hash(&[fi, si, 6]);
    let mut text = if affiliated.is_empty() {
        format!("{}を基幹施設とし、院内で研修を完結するプログラムです。", f.1)
    } else {
        let local = FACILITIES.iter().filter(|g| affiliated.contains(&g.0)).all(|g| g.2 == f.2);
        let area = if local { "内" } else { "および近隣県" };
        format!(
            "{}を基幹施設とし、{}{}の連携施設{}施設とともに研修を行うプログラムです。",
            f.1,
            prefecture_name(f.2),
            area,
            affiliated.len()
        )
    };
    text.push_str(SPECS[si].lines[(h % 2) as usize]);
    if !h.is_multiple_of(3)
        && let Some((_, lines)) = KIND_LINES.iter().find(|(k, _)| *k == f.3)
    {
        text.push_str(lines[((h >> 8) % 2) as usize]);
    }
    if (h >> 16).is_multiple_of(2) {
        match (h >> 24) % 3 {
            0 => {
                text.push_str("出産・育児などのライフイベントに合わせた柔軟な研修にも対応します。");
            }
            1 => {
                text.push_str("病院見学は随時受け付けていますので、お気軽にお問い合わせください。");
            }
            _ => {
                text.push_str(prefecture_name(f.2));
                text.push_str("の地域医療を担う専門医の育成を目指しています。");
            }
        }
    }
    text
}

/// All demo facilities.
#[must_use]
pub fn facilities() -> Vec<DemoFacility> {
    FACILITIES.iter().map(|&(key, name, prefecture, ..)| DemoFacility { key, name, prefecture }).collect()
}

/// All demo programs: the regular programs facility by facility, then the researcher courses.
#[must_use]
pub fn programs() -> Vec<DemoProgram> {
    let mut out = Vec::new();
    for (fi, f) in FACILITIES.iter().enumerate() {
        for (si, spec) in SPECS.iter().enumerate() {
            if !offers(fi, f.3, si) {
                continue;
            }
            let affiliated_facilities = affiliates(fi, si, 0);
            out.push(DemoProgram {
                name: format!("{} {}専門研修プログラム", f.1, spec.ja),
                specialty: spec.code,
                base_facility: f.0,
                capacity: capacity(fi, f.3, si),
                researcher_course: false,
                contact: contact(fi, si, false),
                description: description(fi, si, &affiliated_facilities),
                affiliated_facilities,
            });
        }
    }
    for &(key, code, capacity) in &RESEARCHER_COURSES {
        let fi = FACILITIES.iter().position(|f| f.0 == key).unwrap_or(0);
        let f = &FACILITIES[fi];
        let si = spec_index(code);
        out.push(DemoProgram {
            name: format!("{} {}専門研修プログラム 臨床研究医コース", f.1, SPECS[si].ja),
            specialty: SPECS[si].code,
            base_facility: f.0,
            affiliated_facilities: affiliates(fi, si, 1).into_iter().take(2).collect(),
            capacity,
            researcher_course: true,
            contact: contact(fi, si, true),
            description: format!(
                "{}の{}領域における臨床研究医コースです。専門研修と並行して大学院で臨床研究に取り組み、研究マインドを持った専門医を育成します。研究期間中も臨床能力を維持できるよう、指導医と研究指導者が連携して支援します。",
                f.1, SPECS[si].ja
            ),
        });
    }
    out
}

/// Ceilings for every ceiling prefecture × non-exempt specialty.
#[must_use]
pub fn ceilings() -> Vec<DemoCeiling> {
    CEILING_TABLE
        .iter()
        .flat_map(|&(prefecture, values)| {
            CEILING_SPECIALTIES.iter().zip(values).map(move |(&specialty, ceiling)| DemoCeiling {
                prefecture,
                specialty,
                ceiling,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    const EXEMPT: [&str; 4] = ["surgery", "obstetrics-gynecology", "pathology", "laboratory-medicine"];
    const CEILING_PREFECTURES: [&str; 5] = ["13", "14", "23", "27", "40"];

    fn prefecture_of(key: &str) -> &'static str {
        facilities().into_iter().find(|f| f.key == key).map_or("", |f| f.prefecture)
    }

    /// Sum of demo capacities per (prefecture, specialty).
    fn capacity_sums() -> BTreeMap<(&'static str, &'static str), u32> {
        let mut sums = BTreeMap::new();
        for p in programs() {
            *sums.entry((prefecture_of(p.base_facility), p.specialty)).or_insert(0) += p.capacity;
        }
        sums
    }

    #[test]
    fn at_least_240_programs() {
        assert!(programs().len() >= 240, "{}", programs().len());
    }

    #[test]
    fn all_19_specialties_present() {
        let codes: BTreeSet<_> = programs().iter().map(|p| p.specialty).collect();
        assert_eq!(codes.len(), 19);
        for spec in &SPECS {
            assert!(codes.contains(spec.code), "{}", spec.code);
        }
    }

    #[test]
    fn facilities_spread_over_35_prefectures() {
        let prefs: BTreeSet<_> = facilities().iter().map(|f| f.prefecture).collect();
        assert!(prefs.len() >= 35, "{}", prefs.len());
        assert!((90..=120).contains(&facilities().len()));
    }

    #[test]
    fn facility_keys_and_names_unique() {
        let fs = facilities();
        let keys: BTreeSet<_> = fs.iter().map(|f| f.key).collect();
        let names: BTreeSet<_> = fs.iter().map(|f| f.name).collect();
        assert_eq!(keys.len(), fs.len());
        assert_eq!(names.len(), fs.len());
        assert!(
            fs.iter().all(|f| {
                f.key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
        );
    }

    #[test]
    fn every_prefecture_code_valid() {
        let valid = |code: &str| {
            code.len() == 2
                && code.bytes().all(|b| b.is_ascii_digit())
                && (1..=47).contains(&code.parse::<u32>().unwrap_or(0))
        };
        assert!(facilities().iter().all(|f| valid(f.prefecture)));
        assert!(ceilings().iter().all(|c| valid(c.prefecture)));
    }

    #[test]
    fn every_base_and_affiliated_key_exists() {
        let keys: BTreeSet<_> = facilities().iter().map(|f| f.key).collect();
        for p in programs() {
            assert!(keys.contains(p.base_facility), "{}", p.base_facility);
            assert!(p.affiliated_facilities.len() <= 6, "{}", p.name);
            let distinct: BTreeSet<_> = p.affiliated_facilities.iter().collect();
            assert_eq!(distinct.len(), p.affiliated_facilities.len(), "{}", p.name);
            for a in &p.affiliated_facilities {
                assert!(keys.contains(a), "{a}");
                assert_ne!(*a, p.base_facility, "{}", p.name);
            }
        }
    }

    #[test]
    fn program_names_unique() {
        let ps = programs();
        let names: BTreeSet<_> = ps.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names.len(), ps.len());
        for p in &ps {
            let spec = &SPECS[spec_index(p.specialty)];
            assert!(p.name.contains(&format!(" {}専門研修プログラム", spec.ja)), "{}", p.name);
        }
    }

    #[test]
    fn capacities_realistic() {
        for p in programs() {
            let (lo, hi) = match p.specialty {
                _ if p.researcher_course => (1, 2),
                "internal-medicine" => (5, 30),
                "pathology" => (1, 3),
                "laboratory-medicine" => (1, 2),
                _ => (1, 18),
            };
            assert!((lo..=hi).contains(&p.capacity), "{} {}", p.name, p.capacity);
        }
    }

    #[test]
    fn researcher_courses() {
        let rc: Vec<_> = programs().into_iter().filter(|p| p.researcher_course).collect();
        assert!((8..=12).contains(&rc.len()));
        for p in rc {
            assert!(p.name.ends_with("臨床研究医コース"), "{}", p.name);
            assert!((1..=2).contains(&p.capacity));
            let fi = FACILITIES.iter().position(|f| f.0 == p.base_facility);
            assert_eq!(fi.map(|i| FACILITIES[i].3), Some(U), "{}", p.name);
        }
        assert!(
            programs().iter().filter(|p| !p.researcher_course).all(|p| !p.name.contains("臨床研究医コース"))
        );
    }

    #[test]
    fn contacts_and_descriptions() {
        for p in programs() {
            assert!(p.contact.starts_with('〒'), "{}", p.contact);
            assert!(p.contact.contains(" TEL 0"), "{}", p.contact);
            let domain = p.contact.rsplit('@').next().unwrap_or("");
            assert_eq!(domain, format!("{}.example.jp", p.base_facility));
            let sentences = p.description.matches('。').count();
            assert!((2..=4).contains(&sentences), "{}", p.description);
        }
    }

    #[test]
    fn no_ceiling_for_exempt_specialty() {
        let cs = ceilings();
        assert!(cs.iter().all(|c| !EXEMPT.contains(&c.specialty)));
        assert_eq!(cs.len(), 5 * 15);
        let pairs: BTreeSet<_> = cs.iter().map(|c| (c.prefecture, c.specialty)).collect();
        assert_eq!(pairs.len(), cs.len());
        for c in &cs {
            assert!(CEILING_PREFECTURES.contains(&c.prefecture));
            assert!(SPECS.iter().any(|s| s.code == c.specialty));
            assert!(c.ceiling > 0);
        }
    }

    #[test]
    fn ceiling_prefectures_have_programs() {
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for p in programs() {
            *counts.entry((prefecture_of(p.base_facility), p.specialty)).or_insert(0) += 1;
        }
        for pref in CEILING_PREFECTURES {
            assert!(counts[&(pref, "internal-medicine")] >= 3, "{pref}");
            let well_covered = CEILING_SPECIALTIES
                .iter()
                .filter(|s| counts.get(&(pref, **s)).copied().unwrap_or(0) >= 3)
                .count();
            assert!(well_covered >= 5, "{pref}: {well_covered}");
        }
    }

    #[test]
    fn some_ceilings_bind() {
        let sums = capacity_sums();
        let binding: Vec<_> = ceilings()
            .into_iter()
            .filter(|c| sums.get(&(c.prefecture, c.specialty)).copied().unwrap_or(0) > c.ceiling)
            .map(|c| (c.prefecture, c.specialty))
            .collect();
        assert_eq!(
            binding,
            [
                ("13", "rehabilitation"),
                ("23", "anesthesiology"),
                ("27", "general-medicine"),
                ("40", "dermatology"),
            ]
        );
    }

    #[test]
    fn deterministic() {
        assert_eq!(programs(), programs());
        assert_eq!(ceilings(), ceilings());
    }
}
