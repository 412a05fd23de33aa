//! The form as Markdown: readable in a terminal and in a diff.

use super::FormDocument;

fn cell(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.replace('|', "\\|").replace('\n', " "))
        .collect::<Vec<_>>()
        .join("<br>")
}

pub fn to_markdown(doc: &FormDocument) -> String {
    let mut m = String::new();
    for (i, l) in doc.approval.iter().enumerate() {
        if i == 0 {
            m += &format!("**{l}**  \n");
        } else {
            m += &format!("{l}  \n");
        }
    }
    m.push('\n');
    if let Some(b) = &doc.basis {
        m += &format!("*{b}*\n\n");
    }
    m += &format!(
        "# {}\n\n{}\n\n{}\n",
        doc.title, doc.organisation, doc.period
    );
    for p in &doc.paragraphs {
        m += &format!("\n{p}\n");
    }
    for t in &doc.tables {
        m += &format!("\n## {} — {}\n\n", t.label, t.title);
        if let Some(i) = &t.instructions {
            m += &format!("*({i})*\n\n");
        }
        m += &format!(
            "| {} |\n",
            t.columns
                .iter()
                .map(|c| c.replace('|', "\\|"))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        m += &format!(
            "|{}\n",
            t.columns.iter().map(|_| "---|").collect::<String>()
        );
        for r in &t.rows {
            m += &format!(
                "| {} |\n",
                r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
            );
        }
    }
    if !doc.closing.is_empty() {
        m.push('\n');
        for l in &doc.closing {
            m += &format!("{l}  \n");
        }
    }
    m
}
