//! The form as Markdown: readable in a terminal and in a diff.

use super::{AnnexTable, FormDocument, Para};

fn cell(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.replace('|', "\\|").replace('\n', " "))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn table(m: &mut String, t: &AnnexTable) {
    if t.label.is_empty() {
        *m += &format!("\n### {}\n\n", t.title);
    } else {
        *m += &format!("\n## {} — {}\n\n", t.label, t.title);
    }
    if let Some(i) = &t.instructions {
        *m += &format!("*({i})*\n\n");
    }
    *m += &format!(
        "| {} |\n",
        t.columns
            .iter()
            .map(|c| c.replace('|', "\\|"))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    *m += &format!(
        "|{}\n",
        t.columns.iter().map(|_| "---|").collect::<String>()
    );
    for r in &t.rows {
        *m += &format!(
            "| {} |\n",
            r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    if let Some(who) = &t.entered_by {
        *m += &format!("\n*{who}*\n");
    }
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
    m += &format!("# {}\n\n{}\n", doc.title, doc.organisation);
    if !doc.period.is_empty() {
        m += &format!("\n{}\n", doc.period);
    }
    let mut placed = vec![false; doc.tables.len()];
    for p in &doc.paragraphs {
        match p {
            Para::Heading(h) => m += &format!("\n## {h}\n"),
            Para::Subheading(h) => m += &format!("\n**{h}**\n"),
            Para::Text(t) => m += &format!("\n{t}\n"),
            Para::Table(i) => {
                if let Some(t) = doc.tables.get(*i) {
                    placed[*i] = true;
                    table(&mut m, t);
                }
            }
        }
    }
    for (t, _) in doc.tables.iter().zip(&placed).filter(|(_, p)| !**p) {
        table(&mut m, t);
    }
    if !doc.closing.is_empty() {
        m.push('\n');
        for l in &doc.closing {
            m += &format!("{l}  \n");
        }
    }
    m
}
