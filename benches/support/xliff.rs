//! Deterministic generator of a large XLIFF 1.2 file for benchmarks: zh→en trans-units
//! of news-like text with inline codes (`<g>`, `<x/>`, `<bpt>`/`<ept>`, `<ph>`), entities
//! and notes, some targets missing, states as an MT engine leaves them. Same seed and size
//! give the same bytes; about 250 bytes a unit (10 MB: some 40,000 units).

#[path = "../../src/testing/rng.rs"]
mod rng;
pub use rng::Rng;

const ZH: &[&str] = &[
    "国家",
    "互联网",
    "信息",
    "办公室",
    "发布",
    "报告",
    "显示",
    "上半年",
    "全国",
    "新增",
    "用户",
    "同比",
    "增长",
    "数据",
    "中心",
    "机架",
    "规模",
    "超过",
    "标准",
    "算力",
    "位居",
    "全球",
    "第二",
    "数字",
    "经济",
    "核心",
    "产业",
    "增加值",
    "比重",
    "达到",
    "左右",
    "强调",
    "持续",
    "营造",
    "清朗",
    "网络",
    "空间",
    "如何",
    "发展",
    "保障",
    "安全",
    "作家",
    "座谈会",
    "表示",
    "技术",
    "正在",
    "改变",
    "文学",
    "创作",
    "中国",
    "各国",
    "一道",
    "共同",
    "构建",
    "命运",
];
const EN: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "national",
    "internet",
    "information",
    "office",
    "released",
    "report",
    "shows",
    "first",
    "half",
    "nationwide",
    "new",
    "users",
    "year",
    "growth",
    "data",
    "center",
    "racks",
    "scale",
    "exceeded",
    "standard",
    "computing",
    "power",
    "ranks",
    "second",
    "globally",
    "digital",
    "economy",
    "core",
    "industries",
    "value",
    "share",
    "reached",
    "about",
    "stressed",
    "continue",
    "foster",
    "clean",
    "online",
    "space",
    "how",
    "development",
    "ensure",
    "security",
    "writer",
    "symposium",
    "said",
    "technology",
    "changing",
];

fn words(rng: &mut Rng, list: &[&str], n: usize, sep: &str) -> String {
    (0..n)
        .map(|_| list[rng.below(list.len())])
        .collect::<Vec<_>>()
        .join(sep)
}

/// Source and target of one unit, with the same codes in both.
fn texts(rng: &mut Rng) -> (String, String) {
    let (a, b) = (rng.below(2) + 2, rng.below(2) + 2);
    let (zh1, zh2) = (words(rng, ZH, a, ""), words(rng, ZH, b, ""));
    let (en1, en2) = (words(rng, EN, a, " "), words(rng, EN, b, " "));
    let n = rng.below(1000);
    match rng.below(6) {
        0 => (
            format!("{zh1}<g id=\"1\">{zh2}</g>{n}万。"),
            format!("{en1} <g id=\"1\">{en2}</g> {n}0,000."),
        ),
        1 => (
            format!("{zh1}<x id=\"1\"/>{zh2}，增长{n}%。"),
            format!("{en1}<x id=\"1\"/> {en2}, up {n}%."),
        ),
        2 => (
            format!("<bpt id=\"1\">&lt;b&gt;</bpt>{zh1}<ept id=\"1\">&lt;/b&gt;</ept>{zh2}。"),
            format!("<bpt id=\"1\">&lt;b&gt;</bpt>{en1}<ept id=\"1\">&lt;/b&gt;</ept> {en2}."),
        ),
        3 => (
            format!("{zh1}&amp;{zh2}<ph id=\"1\">{{0}}</ph>。"),
            format!("{en1} &amp; {en2}<ph id=\"1\">{{0}}</ph>."),
        ),
        4 => (format!("{zh1}“{zh2}”？"), format!("{en1} \"{en2}\"?")),
        _ => (format!("{zh1}，{zh2}。"), format!("{en1}, {en2}.")),
    }
}

/// An XLIFF 1.2 document of about `bytes` bytes.
pub fn xliff(bytes: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n  <file original=\"news.txt\" source-language=\"zh-CN\" target-language=\"en-US\" datatype=\"plaintext\">\n    <body>\n",
    );
    let mut id = 0;
    while out.len() < bytes {
        id += 1;
        let (source, target) = texts(&mut rng);
        out.push_str(&format!(
            "      <trans-unit id=\"u{id}\">\n        <source>{source}</source>\n"
        ));
        if !rng.chance(0.02) {
            let state = if rng.chance(0.1) {
                "translated"
            } else {
                "needs-review-translation"
            };
            out.push_str(&format!(
                "        <target state=\"{state}\">{target}</target>\n"
            ));
        }
        if rng.chance(0.05) {
            out.push_str("        <note from=\"mt\">machine translated</note>\n");
        }
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}
