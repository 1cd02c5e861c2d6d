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
        f.repetition_recall.hits >= 29,
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
}
