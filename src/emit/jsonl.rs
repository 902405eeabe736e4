//! The objects of the `json` format, one a line (JSON Lines), so that a
//! consumer can stream findings, and `grep` or `jq -c` can filter them.

use rayon::prelude::*;

use crate::diagnostic::FileReport;

use super::json;

/// Findings from which the lines are written on rayon's threads: fewer are
/// written here, as handing them over would cost more than writing them.
const PARALLEL_MIN: usize = 512;

pub fn render(reports: &[FileReport]) -> String {
    let findings = json::findings(reports);
    // Serializing borrowed strings and integers cannot fail.
    let lines: Vec<String> = if findings.len() >= PARALLEL_MIN {
        findings
            .par_iter()
            .with_min_len(PARALLEL_MIN / 4)
            .filter_map(|finding| serde_json::to_string(finding).ok())
            .collect()
    } else {
        findings
            .iter()
            .filter_map(|finding| serde_json::to_string(finding).ok())
            .collect()
    };
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        out.push_str(&line);
        out.push('\n');
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
    fn many_findings_are_written_in_order_as_few_are() {
        let (reports, _) = fixture();
        let mut many = reports.clone();
        while many.iter().map(|r| r.diagnostics.len()).sum::<usize>() < PARALLEL_MIN {
            many.extend(reports.iter().cloned());
        }
        let each: String = many
            .iter()
            .map(|r| render(std::slice::from_ref(r)))
            .collect();
        assert_eq!(render(&many), each);
    }

    #[test]
    fn no_findings_no_lines() {
        assert_eq!(render(&[]), "");
    }
}
