//! The evaluation on real annotated machine translation (`fixtures/eval/`) as floors: a change
//! that loses recall on the repeated spans raters marked, raises false alarms on segments
//! every rater found clean, or misses garbled text fails here. The figures themselves are
//! printed by `cargo run --release --example eval_mqm`.

#[path = "support/mqm_eval.rs"]
mod mqm_eval;

#[test]
fn figures_hold_their_floors() {
    let eval = mqm_eval::evaluate_fixtures().expect("fixtures/eval loads");
    let f = eval.figures;
    // The data itself: a truncated or altered copy would make every floor meaningless.
    assert_eq!(eval.records.len(), 2449);
    assert_eq!(eval.checked.len(), 2342);
    assert_eq!(f.repetition_recall.total, 77);
    assert_eq!(f.clean_false_alarms.total, 153);
    assert_eq!(f.garbled_recall.total, 4);
    assert_eq!(eval.articles.articles, 41);

    let misses: Vec<String> = eval
        .repetition_misses
        .iter()
        .map(|m| mqm_eval::context(&m.target, &m.span, 40))
        .collect();
    assert!(
        f.repetition_recall.hits >= 76,
        "repetition recall fell to {}; misses:\n{}",
        f.repetition_recall,
        misses.join("\n")
    );
    let alarms: Vec<String> = eval
        .false_alarms
        .iter()
        .map(|a| {
            format!(
                "{}: {}",
                a.issue.check,
                mqm_eval::context(&a.target, &a.issue.span, 40)
            )
        })
        .collect();
    assert!(
        f.clean_false_alarms.hits == 0,
        "errors or warnings on clean targets: {}\n{}",
        f.clean_false_alarms,
        alarms.join("\n")
    );
    assert_eq!(
        f.garbled_recall.hits, f.garbled_recall.total,
        "garbled recall {}",
        f.garbled_recall
    );
    assert!(
        f.internal_repeat.hits >= 530,
        "internal_repeat spans overlapped fell to {}",
        f.internal_repeat
    );

    // Each repetition class keeps its recall: the adjacent_duplicate spans each check
    // overlaps (capitalised doubles and repeats across quotation marks, bracketed echoes,
    // list items repeated across a comma), and none raises an error or warning on a clean
    // segment.
    for (id, floor) in [
        ("repetition.doubled", 26),
        ("repetition.bracket-echo", 19),
        ("repetition.separated", 31),
    ] {
        let row = eval.per_check.get(id).cloned().unwrap_or_default();
        assert!(
            row.adjacent_duplicate >= floor,
            "{id} overlaps {} adjacent_duplicate spans, fewer than {floor}",
            row.adjacent_duplicate
        );
    }
    for (id, row) in &eval.per_check {
        assert_eq!(
            row.clean_false_alarms, 0,
            "{id} raises errors or warnings on clean segments"
        );
    }
}

/// The source-aware checks on the (source, target) pairs: silent on every clean segment,
/// precise where they fire (flagged segments a rater gave a category of their kind), and
/// recall on the classes the data labels kept. Figures: `cargo run --release --example
/// eval_mqm` (the "source-aware checks" table).
#[test]
fn source_aware_checks_hold_their_floors() {
    let records = mqm_eval::load_records(&mqm_eval::data_dir().join("mqm-zhen-wmt20.jsonl"))
        .expect("fixtures/eval loads");
    let eval = mqm_eval::evaluate_source_aware(&records);
    assert_eq!(eval.pairs, 2342);
    assert_eq!(eval.clean_pairs, 153);
    let listing = |id: &str| -> String {
        eval.issues
            .iter()
            .filter(|p| p.issue.check == id)
            .map(|p| format!("  [{}] {}", p.text, p.issue.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (id, row) in &eval.rows {
        assert_eq!(
            row.clean_issues,
            0,
            "{id} fires on clean segments:\n{}",
            listing(id)
        );
    }
    // (check, segments flagged at least, of them with a matching category at least,
    // precision floor in percent, recall hits at least)
    for (id, flagged, matching, precision, recall) in [
        ("accuracy.number", 17, 17, 90, 11),
        ("accuracy.untranslated", 3, 3, 90, 3),
        ("accuracy.length", 4, 4, 75, 4),
        ("terminology.missing", 14, 14, 90, 0),
        ("punctuation.end", 2, 2, 90, 0),
    ] {
        let row = eval.rows.get(id).cloned().unwrap_or_default();
        assert!(
            row.segments >= flagged && row.matching >= matching,
            "{id}: {} segments flagged, {} with a matching category (floors {flagged}, {matching}):\n{}",
            row.segments,
            row.matching,
            listing(id)
        );
        assert!(
            row.matching * 100 >= row.segments * precision,
            "{id}: precision fell to {}:\n{}",
            row.precision(),
            listing(id)
        );
        if let Some(r) = row.recall {
            assert!(r.hits >= recall, "{id}: recall fell to {r}");
        }
    }
}
