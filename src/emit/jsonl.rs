//! The objects of the `json` format, one a line (JSON Lines), so that a
//! consumer can stream findings, and `grep` or `jq -c` can filter them.

use crate::diagnostic::FileReport;

use super::json;

pub fn render(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for finding in json::findings(reports) {
        // Serializing borrowed strings and integers cannot fail.
        if let Ok(line) = serde_json::to_string(&finding) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::emit::test_support::fixture;

    #[test]
    fn one_json_object_a_line_equal_to_the_json_array() {
        let (reports, _) = fixture();
        let out = render(&reports);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        let array: Value = serde_json::from_str(&json::render(&reports)).unwrap();
        assert_eq!(Value::Array(lines), array);
        assert_eq!(out.lines().count(), 5);
        assert!(out.ends_with("}\n"));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn no_findings_no_lines() {
        assert_eq!(render(&[]), "");
    }
}
