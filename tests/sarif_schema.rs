//! `mtpe check --format sarif` output validated against the SARIF 2.1.0 JSON schema
//! (vendored in fixtures/sarif with its notice), with the `boon` JSON-schema validator.

use std::path::Path;

use serde_json::Value;

use crate::util::mtpe;

fn schema_validates(instance: &Value) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = "https://mtpe.invalid/sarif-schema-2.1.0.json";
    compiler
        .add_resource(url, schema)
        .map_err(|e| e.to_string())?;
    let index = compiler
        .compile(url, &mut schemas)
        .map_err(|e| e.to_string())?;
    schemas
        .validate(instance, index)
        .map_err(|e| format!("{e:#}"))
}

#[test]
fn the_sarif_log_is_valid_sarif_2_1_0() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("cyberspace review.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cyberspace-review.mt.txt"),
        &article,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mtpe.toml"),
        "[[rules]]\nid = \"house.per-cent\"\nwords = [\"network\"]\nmessage = \"house style\"\nsuggestion = \"net\"\n",
    )
    .unwrap();
    let out = mtpe()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "sarif",
            "--no-glossary",
            "cyberspace review.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    schema_validates(&log).unwrap_or_else(|e| panic!("invalid SARIF: {e}"));
    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"repetition.tautology") && rules.contains(&"house.per-cent"));
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 20, "{}", results.len());
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()), "{r}");
    }
    let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "cyberspace%20review.txt");
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    assert!(results.iter().any(|r| r["ruleId"] == "house.per-cent"));
}

#[test]
fn the_validator_refuses_what_is_not_sarif() {
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
    assert!(schema_validates(&bad).is_err());
    let empty = mtpe()
        .args(["check", "--format", "sarif", "--no-glossary", "-"])
        .write_stdin("A clean sentence.\n")
        .output()
        .unwrap();
    assert_eq!(empty.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&empty.stdout).unwrap();
    schema_validates(&log).unwrap();
}
