//! Romanised Chinese: whether a word is made only of valid Hanyu Pinyin syllables
//! ("Xiaoguang", "Daxing", "Langfang", "Xi'an"), so that the spelling check takes it for a
//! name rather than a misspelling.

/// Every toneless Pinyin syllable (ü written `v` or `u`).
const SYLLABLES: &[&str] = &[
    "a", "ai", "an", "ang", "ao", "ba", "bai", "ban", "bang", "bao", "bei", "ben", "beng", "bi",
    "bian", "biao", "bie", "bin", "bing", "bo", "bu", "ca", "cai", "can", "cang", "cao", "ce",
    "cen", "ceng", "cha", "chai", "chan", "chang", "chao", "che", "chen", "cheng", "chi", "chong",
    "chou", "chu", "chua", "chuai", "chuan", "chuang", "chui", "chun", "chuo", "ci", "cong", "cou",
    "cu", "cuan", "cui", "cun", "cuo", "da", "dai", "dan", "dang", "dao", "de", "dei", "den",
    "deng", "di", "dia", "dian", "diao", "die", "ding", "diu", "dong", "dou", "du", "duan", "dui",
    "dun", "duo", "e", "ei", "en", "eng", "er", "fa", "fan", "fang", "fei", "fen", "feng", "fo",
    "fou", "fu", "ga", "gai", "gan", "gang", "gao", "ge", "gei", "gen", "geng", "gong", "gou",
    "gu", "gua", "guai", "guan", "guang", "gui", "gun", "guo", "ha", "hai", "han", "hang", "hao",
    "he", "hei", "hen", "heng", "hong", "hou", "hu", "hua", "huai", "huan", "huang", "hui", "hun",
    "huo", "ji", "jia", "jian", "jiang", "jiao", "jie", "jin", "jing", "jiong", "jiu", "ju",
    "juan", "jue", "jun", "ka", "kai", "kan", "kang", "kao", "ke", "kei", "ken", "keng", "kong",
    "kou", "ku", "kua", "kuai", "kuan", "kuang", "kui", "kun", "kuo", "la", "lai", "lan", "lang",
    "lao", "le", "lei", "leng", "li", "lia", "lian", "liang", "liao", "lie", "lin", "ling", "liu",
    "lo", "long", "lou", "lu", "luan", "lue", "lun", "luo", "lv", "lve", "ma", "mai", "man",
    "mang", "mao", "me", "mei", "men", "meng", "mi", "mian", "miao", "mie", "min", "ming", "miu",
    "mo", "mou", "mu", "na", "nai", "nan", "nang", "nao", "ne", "nei", "nen", "neng", "ni", "nian",
    "niang", "niao", "nie", "nin", "ning", "niu", "nong", "nou", "nu", "nuan", "nue", "nun", "nuo",
    "nv", "nve", "o", "ou", "pa", "pai", "pan", "pang", "pao", "pei", "pen", "peng", "pi", "pian",
    "piao", "pie", "pin", "ping", "po", "pou", "pu", "qi", "qia", "qian", "qiang", "qiao", "qie",
    "qin", "qing", "qiong", "qiu", "qu", "quan", "que", "qun", "ran", "rang", "rao", "re", "ren",
    "reng", "ri", "rong", "rou", "ru", "rua", "ruan", "rui", "run", "ruo", "sa", "sai", "san",
    "sang", "sao", "se", "sen", "seng", "sha", "shai", "shan", "shang", "shao", "she", "shei",
    "shen", "sheng", "shi", "shou", "shu", "shua", "shuai", "shuan", "shuang", "shui", "shun",
    "shuo", "si", "song", "sou", "su", "suan", "sui", "sun", "suo", "ta", "tai", "tan", "tang",
    "tao", "te", "teng", "ti", "tian", "tiao", "tie", "ting", "tong", "tou", "tu", "tuan", "tui",
    "tun", "tuo", "wa", "wai", "wan", "wang", "wei", "wen", "weng", "wo", "wu", "xi", "xia",
    "xian", "xiang", "xiao", "xie", "xin", "xing", "xiong", "xiu", "xu", "xuan", "xue", "xun",
    "ya", "yan", "yang", "yao", "ye", "yi", "yin", "ying", "yo", "yong", "you", "yu", "yuan",
    "yue", "yun", "za", "zai", "zan", "zang", "zao", "ze", "zei", "zen", "zeng", "zha", "zhai",
    "zhan", "zhang", "zhao", "zhe", "zhei", "zhen", "zheng", "zhi", "zhong", "zhou", "zhu", "zhua",
    "zhuai", "zhuan", "zhuang", "zhui", "zhun", "zhuo", "zi", "zong", "zou", "zu", "zuan", "zui",
    "zun", "zuo",
];

/// The longest syllable ("chuang", "shuang", "zhuang").
const LONGEST: usize = 6;

fn is_syllable(s: &[u8]) -> bool {
    SYLLABLES
        .binary_search_by(|probe| probe.as_bytes().cmp(s))
        .is_ok()
}

/// Whether `word` is one or more Pinyin syllables, written together or with apostrophes
/// ("Xi'an"), in any letter case. Single syllables that are also common English words are
/// still Pinyin here: the caller decides when romanised Chinese applies (names).
pub fn is_pinyin(word: &str) -> bool {
    let mut letters = Vec::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\'' | '’' => continue,
            'ü' | 'Ü' => letters.push(b'v'),
            c if c.is_ascii_alphabetic() => letters.push(c.to_ascii_lowercase() as u8),
            _ => return false,
        }
    }
    if letters.is_empty() {
        return false;
    }
    // reachable[i]: letters[..i] splits into syllables.
    let n = letters.len();
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    for i in 0..n {
        if !reachable[i] {
            continue;
        }
        for len in 1..=LONGEST.min(n - i) {
            if is_syllable(&letters[i..i + len]) {
                reachable[i + len] = true;
            }
        }
    }
    reachable[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_syllable_table_is_sorted() {
        assert!(SYLLABLES.windows(2).all(|w| w[0] < w[1]));
        assert!(SYLLABLES.iter().all(|s| s.len() <= LONGEST));
    }

    #[test]
    fn names_in_pinyin_are_recognised() {
        for w in [
            "Xiaoguang",
            "Daxing",
            "Langfang",
            "Xi'an",
            "Zhongguancun",
            "Tiananmen",
            "Wuhan",
            "Xinhua",
            "Lü",
            "Chuangye",
        ] {
            assert!(is_pinyin(w), "{w}");
        }
    }

    #[test]
    fn english_words_and_other_names_are_not_pinyin() {
        for w in [
            "Guterres",
            "Rabobank",
            "Walla",
            "Tomás",
            "strength",
            "Xiaoguangx",
            "Vladimir",
            "",
            "co-op",
        ] {
            assert!(!is_pinyin(w), "{w}");
        }
    }
}
