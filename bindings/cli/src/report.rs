//! Finding reports: JSON and SARIF 2.1.0. They carry positions and rule ids, never values.

use redactum::{Redactor, StreamFinding};
use serde_json::{json, Value};

pub struct Record {
    pub file: Option<String>,
    pub rule_id: String,
    pub category: &'static str,
    pub line: u64,
    pub column: u64,
    pub start: usize,
    pub end: usize,
}

impl Record {
    pub fn new(file: Option<&str>, f: &StreamFinding) -> Record {
        Record {
            file: file.map(str::to_string),
            rule_id: f.finding.rule_id().to_string(),
            category: f.finding.category().as_str(),
            line: f.line,
            column: f.column,
            start: f.finding.start(),
            end: f.finding.end(),
        }
    }
}

pub fn json(records: &[Record]) -> String {
    let items: Vec<Value> = records
        .iter()
        .map(|r| {
            json!({
                "rule_id": r.rule_id,
                "category": r.category,
                "file": r.file.as_deref().unwrap_or("-"),
                "line": r.line,
                "column": r.column,
                "start": r.start,
                "end": r.end,
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&json!({ "findings": items })).unwrap_or_default();
    s.push('\n');
    s
}

pub fn sarif(records: &[Record], redactor: &Redactor) -> String {
    let rules: Vec<Value> = redactor
        .rules()
        .iter()
        .filter(|r| records.iter().any(|x| x.rule_id == r.id))
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": r.name },
                "properties": { "category": r.category.as_str() },
            })
        })
        .collect();
    let results: Vec<Value> = records
        .iter()
        .map(|r| {
            json!({
                "ruleId": r.rule_id,
                "level": "error",
                "message": { "text": format!("{} ({}) found", r.rule_id, r.category) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": r.file.as_deref().unwrap_or("stdin") },
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "byteOffset": r.start,
                            "byteLength": r.end - r.start,
                        }
                    }
                }]
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "redactum",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/redactum",
                "rules": rules,
            }},
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
