//! Word classes the repetition checks share to tell a machine-translation double from
//! English that repeats on purpose: function words, words English doubles ("had had",
//! "bye-bye"), a curated list of reduplicated names ("Walla Walla", "Run Run Shaw"), and
//! the classes of capitalised words that are common words rather than names (demonyms,
//! derived nouns and adjectives, the generic nouns that end names: "African", "River").
//!
//! To extend a list, add the word in lower case; each list's tests say what it is for.

/// Function words: pronouns, articles, prepositions, conjunctions, auxiliaries.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "into", "onto", "as", "than", "if", "so", "is", "are", "was", "were", "be", "been",
    "am", "it", "its", "this", "that", "these", "those", "we", "us", "our", "i", "me", "my", "he",
    "him", "his", "she", "her", "they", "them", "their", "you", "your", "who", "whom", "which",
    "what", "not", "do", "does", "did", "has", "have", "had", "will", "would", "shall", "should",
    "can", "could", "may", "might", "must",
];

/// Subject pronouns: right after one, "X and X" is a verb said twice for emphasis ("she
/// cried and cried").
const SUBJECT_PRONOUNS: &[&str] = &[
    "i", "you", "he", "she", "we", "they", "it", "who", "one", "people", "everyone",
];

/// Words English doubles back to back on purpose ("had had", "that that", "bye bye",
/// "very very", "no no", "yes yes", "la la").
const LEGITIMATE_DOUBLES: &[&str] = &[
    "had", "that", "is", "do", "her", "no", "so", "bye", "very", "really", "knock", "tut", "ha",
    "haha", "hey", "yeah", "yes", "oh", "ah", "huh", "hmm", "mm", "boo", "can", "chop", "yada",
    "bang", "blah", "dum", "mau", "night", "now", "there", "ylang", "pom", "wait", "well", "go",
    "come", "quick", "far", "la", "bum", "beep", "please", "tsk", "shh", "hush", "ho", "hip",
    "tick", "tom", "choo", "bla", "din", "pooh", "cha", "many", "long", "much", "never", "ever",
    "uh", "er", "um", "ow", "woof", "meow", "moo", "baa", "quack", "honk", "toot", "tap", "pat",
    "hear", "my",
];

/// Words English reduplicates with a hyphen ("bye-bye", "win-win", "so-so", "ylang-ylang").
/// Longer words are compared against this list; unknown short ones are left to the reader.
const REDUPLICATED_COMPOUNDS: &[&str] = &[
    "bye", "win", "so", "ylang", "pom", "tom", "hush", "goody", "fifty", "boo", "tut", "no", "yo",
    "choo", "hip", "knock", "pooh", "tsk", "chi", "mahi", "dum", "night", "pee", "poo", "wee",
    "din", "mau", "beri", "can", "aye", "chin", "hula", "cous", "tse", "tsetse", "ha", "he", "hee",
    "la", "bling", "blah", "yadda", "yada", "chop", "cha", "bon", "ack", "baa", "pretty", "never",
    "ever", "go", "very", "bonga", "pu", "mama", "papa", "kissy", "tom-tom", "murmur", "walla",
    "bora", "pago", "baden", "wagga", "sing", "teeny", "itsy", "pitty", "hoo", "ooh", "uh", "oh",
    "ah", "aha", "tee", "ping", "ding", "dong", "clip", "rah", "wah", "yum", "bam", "zig", "pit",
    "tick", "jug", "jig", "lulu", "tutu", "juju", "coco", "dodo", "gaga", "dada", "nana", "caca",
    "poopoo", "fro", "frou", "grugru", "puka", "bulbul",
];

/// Reduplicated names, lower case: the doubled part twice, then the words that must follow
/// it, if any ("run run shaw": "Run Run" alone may be a double).
const REDUPLICATED_NAMES: &[&str] = &[
    // places
    "walla walla",
    "bora bora",
    "wagga wagga",
    "pago pago",
    "baden baden",
    "sing sing",
    "woy woy",
    "kurri kurri",
    "grong grong",
    "gol gol",
    "kiri kiri",
    "mahi mahi",
    "tora tora",
    "toro toro",
    // people, characters, bands
    "run run shaw",
    "fang fang",
    "lang lang",
    "ling ling",
    "bei bei",
    "tian tian",
    "mei mei",
    "jing jing",
    "huan huan",
    "sirhan sirhan",
    "humbert humbert",
    "major major",
    "duran duran",
    "talk talk",
    "bam bam",
    "jar jar",
    "chin chin",
    "mau mau",
];

/// Generic nouns that end names ("Mekong River", "Bank of China", "Action Award"): doubled,
/// they are a word said twice, not a reduplicated name.
const NAME_HEADS: &[&str] = &[
    "river",
    "lake",
    "sea",
    "ocean",
    "bay",
    "gulf",
    "strait",
    "mountain",
    "mount",
    "hill",
    "island",
    "isle",
    "peninsula",
    "valley",
    "basin",
    "plain",
    "plateau",
    "desert",
    "forest",
    "park",
    "province",
    "state",
    "city",
    "county",
    "district",
    "prefecture",
    "region",
    "zone",
    "town",
    "village",
    "street",
    "road",
    "avenue",
    "square",
    "bridge",
    "port",
    "harbour",
    "harbor",
    "airport",
    "station",
    "railway",
    "highway",
    "canal",
    "dam",
    "bank",
    "party",
    "award",
    "prize",
    "medal",
    "cup",
    "games",
    "championship",
    "committee",
    "commission",
    "council",
    "congress",
    "assembly",
    "parliament",
    "court",
    "ministry",
    "department",
    "bureau",
    "office",
    "agency",
    "administration",
    "association",
    "federation",
    "union",
    "alliance",
    "league",
    "group",
    "company",
    "corporation",
    "institute",
    "university",
    "college",
    "school",
    "academy",
    "hospital",
    "clinic",
    "center",
    "centre",
    "museum",
    "library",
    "theatre",
    "theater",
    "festival",
    "forum",
    "summit",
    "conference",
    "exhibition",
    "expo",
    "fair",
    "week",
    "day",
    "year",
    "plan",
    "program",
    "programme",
    "project",
    "initiative",
    "strategy",
    "policy",
    "law",
    "act",
    "regulation",
    "rule",
    "treaty",
    "agreement",
    "declaration",
    "fund",
    "foundation",
    "market",
    "exchange",
    "index",
    "news",
    "network",
    "daily",
    "times",
    "post",
    "press",
    "television",
    "radio",
    "channel",
    "magazine",
    "journal",
    "report",
    "system",
    "platform",
    "service",
    "team",
    "army",
    "navy",
    "force",
    "police",
    "government",
    "republic",
    "kingdom",
    "empire",
    "dynasty",
    "palace",
    "temple",
    "church",
    "tower",
    "hall",
    "gate",
    "wall",
    "garden",
    "zoo",
    "fever",
    "virus",
    "disease",
    "war",
    "revolution",
    "movement",
    "era",
    "belt",
    "route",
    "corridor",
    "area",
    "base",
    "society",
    "club",
    "board",
    "cooperation",
    "partnership",
];

/// Endings of common capitalised words that are not names: demonyms ("African",
/// "Chinese"), derived nouns and adjectives ("Commission", "Development", "Economic").
const COMMON_ENDINGS: &[&str] = &[
    "ican", "ian", "ean", "ese", "ish", "tion", "sion", "ment", "ness", "ity", "ance", "ence",
    "ism", "ship", "ology", "ical", "ive", "ous", "ful", "less", "able", "ible", "ary", "ise",
    "ize", "ics",
];

/// Number words: "two and two", "one by one" are arithmetic or distribution, not doubles.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "trillions",
    "dozens",
    "scores",
];

fn contains_lower(list: &[&str], word: &str) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        let lower = word.to_lowercase();
        list.contains(&lower.as_str())
    }
}

pub fn is_function_word(word: &str) -> bool {
    contains_lower(FUNCTION_WORDS, word)
}

pub fn is_subject_pronoun(word: &str) -> bool {
    contains_lower(SUBJECT_PRONOUNS, word)
}

pub fn is_legitimate_double(word: &str) -> bool {
    contains_lower(LEGITIMATE_DOUBLES, word)
}

pub fn is_number_word(word: &str) -> bool {
    contains_lower(NUMBER_WORDS, word)
        || word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Whether `part` is a word English reduplicates with a hyphen ("bye" in "bye-bye").
pub fn is_reduplicated_compound(part: &str) -> bool {
    contains_lower(REDUPLICATED_COMPOUNDS, part)
        || contains_lower(LEGITIMATE_DOUBLES, part)
        || REDUPLICATED_NAMES.iter().any(|n| {
            n.split(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(part))
        })
}

/// Whether `part` doubled (then followed by `next`) is a known reduplicated name: "Walla
/// Walla", "Run Run Shaw" (but not "Run Run" before another word).
pub fn is_reduplicated_name(part: &str, next: Option<&str>) -> bool {
    REDUPLICATED_NAMES.iter().any(|name| {
        let mut words = name.split(' ');
        let (Some(first), Some(_)) = (words.next(), words.next()) else {
            return false;
        };
        if !first.eq_ignore_ascii_case(part) {
            return false;
        }
        match words.next() {
            None => true,
            Some(after) => next.is_some_and(|n| n.eq_ignore_ascii_case(after)),
        }
    })
}

/// Whether a capitalised word is, by its class, a common word rather than a name: a
/// generic noun that ends names ("River", "Awards"), a demonym or a derived word
/// ("African", "Development").
pub fn is_common_capitalised(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = lower.strip_suffix('s').unwrap_or(&lower);
    NAME_HEADS.contains(&lower.as_str())
        || NAME_HEADS.contains(&singular)
        || (lower.chars().count() >= 6 && COMMON_ENDINGS.iter().any(|e| lower.ends_with(e)))
}

/// Whether the word is written in capitals only ("SDR", "NATO").
pub fn is_all_caps(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_doubled_parts_with_an_optional_tail() {
        for name in REDUPLICATED_NAMES {
            let words: Vec<&str> = name.split(' ').collect();
            assert!(words.len() >= 2 && words[0] == words[1], "{name}");
            assert_eq!(*name, name.to_lowercase(), "{name}");
        }
        assert!(is_reduplicated_name("Walla", Some("and")));
        assert!(is_reduplicated_name("Run", Some("Shaw")));
        assert!(!is_reduplicated_name("Run", Some("Hospital")));
        assert!(!is_reduplicated_name("African", None));
    }

    #[test]
    fn lists_are_lower_case() {
        for list in [
            FUNCTION_WORDS,
            SUBJECT_PRONOUNS,
            LEGITIMATE_DOUBLES,
            REDUPLICATED_COMPOUNDS,
            NAME_HEADS,
            COMMON_ENDINGS,
            NUMBER_WORDS,
        ] {
            for w in list {
                assert_eq!(*w, w.to_lowercase());
            }
        }
    }

    #[test]
    fn common_capitalised_words_by_class() {
        for w in [
            "African",
            "River",
            "Rivers",
            "Islands",
            "Award",
            "Development",
            "Chinese",
        ] {
            assert!(is_common_capitalised(w), "{w}");
        }
        for w in ["Walla", "Hassan", "Fang", "Bora", "Takeshi", "Nguyen"] {
            assert!(!is_common_capitalised(w), "{w}");
        }
    }
}
