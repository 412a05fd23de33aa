//! Each export of the example, opened with a reader of its own format, holds the seed's values in the
//! right places.

use crate::common;

use crate::common::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn export(format: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("out.{format}"));
    let mut args = vec![
        "export",
        example_path().to_str().unwrap().to_owned().leak() as &str,
        "--format",
        format,
        "-o",
    ];
    args.push(out.to_str().unwrap().to_owned().leak());
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

use crate::common::docx::docx_tables;

#[test]
fn docx_holds_both_services_in_the_annex_1_table() {
    let dir = tempfile::tempdir().unwrap();
    let f = export("docx", dir.path(), &[]);
    let (tables, page) = docx_tables(&f);
    assert_eq!(page, "16838x11906 landscape", "A4 landscape");
    assert_eq!(tables.len(), 5, "one table per annex");
    let annex1 = &tables[0];
    assert_eq!(annex1.len(), 3, "the header and two services");
    assert_eq!(annex1[0].len(), 4, "№ | name | quantitative | qualitative");
    assert!(
        annex1[1][1].starts_with("Балаларға қосымша білім беру"),
        "{:?}",
        annex1[1][1]
    );
    assert!(
        annex1[1][2].contains("Мемлекеттік қызмет көрсетілді (барлығы): 93"),
        "{:?}",
        annex1[1][2]
    );
    assert!(annex1[2][1].starts_with("Мектепке дейінгі тәрбие"));
    assert!(
        annex1[2][2].contains("Мемлекеттік қызмет көрсетілді (барлығы): 2"),
        "{:?}",
        annex1[2][2]
    );
    assert!(
        annex1[1][3].contains("13. Қызмет алушымен тікелей байланыстың болуы: иә."),
        "{:?}",
        annex1[1][3]
    );
    // Unanswered places are visibly blank.
    assert!(
        annex1[1][2].contains("қызметкерге: __________"),
        "{:?}",
        annex1[1][2]
    );
    // Annexes 2 and 3: no functions, one empty row to fill by hand.
    assert_eq!(tables[1].len(), 2);
    assert!(tables[1][1][1].contains("__________"));
    let personnel = &tables[3];
    assert_eq!(personnel[0].len(), 3, "№ | quantitative | qualitative");
    assert!(
        personnel[1][1].contains("Штат бойынша саны: 42")
            && personnel[1][1].contains("Іс жүзіндегі саны: 44")
    );
    assert_eq!(
        tables[4][0].len(),
        6,
        "the legal-acts table has six columns"
    );
}

#[test]
fn docx_in_russian_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let (t, _) = docx_tables(&export("docx", dir.path(), &["-l", "ru"]));
    assert!(t[0][1][2].contains("Оказано государственных услуг (всего): 93"));
    assert_eq!(t[0][0][2], "Количественные показатели");
    let (t, _) = docx_tables(&export("docx", dir.path(), &["-l", "en"]));
    assert!(t[3][1][1].contains("Authorised headcount: 42"));
}

#[test]
fn csv_parses_back_to_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    // For scripts: machine headers and ids, commas and points.
    let f = export("csv", dir.path(), &["--ids", "--delimiter", ","]);
    let bytes = std::fs::read(&f).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM, for Excel");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        head,
        [
            "section",
            "item_number",
            "item_name",
            "kind",
            "number",
            "id",
            "type",
            "question",
            "value",
            "comment"
        ]
    );
    let session: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    let mut seen = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let (section, item, kind, id, ty, value, comment) = (
            &rec[0], &rec[1], &rec[3], &rec[5], &rec[6], &rec[8], &rec[9],
        );
        let stored = match (section, kind) {
            ("header", _) => session["header"][id].clone(),
            (_, "name") => session["sections"][section]["items"]
                [item.parse::<usize>().unwrap() - 1]["name"]
                .clone(),
            (_, _) if item.is_empty() => session["sections"][section]["answers"][id].clone(),
            _ => {
                session["sections"][section]["items"][item.parse::<usize>().unwrap() - 1]["answers"]
                    [id]
                    .clone()
            }
        };
        // Back from the cell to the session's value.
        let back = match (ty, value) {
            (_, "") => Value::Null,
            ("count" | "percent", v) => json!(v.parse::<u64>().unwrap()),
            ("yes_no", v) => {
                let yes = match v {
                    "иә" => true,
                    "жоқ" => false,
                    other => panic!("{other}"),
                };
                if comment.is_empty() {
                    json!({"yes": yes})
                } else {
                    json!({"yes": yes, "comment": comment})
                }
            }
            (_, v) => json!(v),
        };
        assert_eq!(back, stored, "{section} {item} {id}");
        if !back.is_null() {
            seen += 1;
        }
    }
    assert_eq!(
        seen, 68,
        "every answer of the example (68 of 85, as the summary counts) is in the CSV"
    );
}

#[test]
fn html_parses_and_holds_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let f = export("html", dir.path(), &[]);
    let text = std::fs::read_to_string(&f).unwrap();
    assert!(
        text.contains("@page { size: A4 landscape"),
        "printable on A4 landscape"
    );
    assert!(
        !text.contains("<link") && !text.contains("<script"),
        "self-contained"
    );
    let html = scraper::Html::parse_document(&text);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let sections: Vec<_> = html
        .select(&sel("section"))
        .map(|s| s.value().attr("id").unwrap().to_owned())
        .collect();
    assert_eq!(
        sections,
        [
            "public_services",
            "permits",
            "control_functions",
            "personnel",
            "legal_acts"
        ]
    );
    let rows: Vec<Vec<String>> = html
        .select(&sel("section#public_services tbody tr"))
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect::<Vec<_>>().join("\n"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0][2].contains("Мемлекеттік қызмет көрсетілді (барлығы): 93"));
    assert!(rows[1][2].contains("Мемлекеттік қызмет көрсетілді (барлығы): 2"));
    // The same tables as the Word document.
    let (docx, _) = docx_tables(&export("docx", dir.path(), &[]));
    let mut html_rows = vec![
        html.select(&sel("section#public_services th"))
            .map(|th| th.text().collect::<String>())
            .collect::<Vec<_>>(),
    ];
    html_rows.extend(rows);
    assert_eq!(html_rows, docx[0]);
    assert!(
        html.select(&sel("section#personnel td"))
            .any(|td| td.text().any(|t| t.contains("Штат бойынша саны: 42")))
    );
}

#[test]
fn markdown_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read_to_string(export("md", dir.path(), &[])).unwrap();
    assert!(
        md.contains("| р/с № | Мемлекеттік көрсетілетін қызметтің атауы | Сандық көрсеткіштер |")
    );
    assert!(
        md.contains("<br>Мемлекеттік қызмет көрсетілді (барлығы): 2<br>")
            || md.contains("| Мемлекеттік қызмет көрсетілді (барлығы): 2<br>"),
        "{md}"
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(export("json", dir.path(), &[])).unwrap())
            .unwrap();
    assert_eq!(v["format"], "saualnama-export/1");
    let item = &v["sections"][0]["items"][1];
    assert!(item["name"].as_str().unwrap().starts_with("Мектепке"));
    let rendered = item["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "services_rendered")
        .unwrap();
    assert_eq!(rendered["value"], 2);
    assert_eq!(rendered["text"]["en"], "Public services rendered (total)");
    assert_eq!(
        v["summary"]["totals"]["public_services.services_rendered"],
        95
    );
}

#[test]
fn default_names_stdout_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    std::fs::copy(example_path(), &f).unwrap();
    for (fmt, ext) in [("docx", "docx"), ("md", "md"), ("json", "export.json")] {
        let o = run(&["export", f.to_str().unwrap(), "--format", fmt]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(dir.path().join(format!("r.{ext}")).exists());
    }
    assert_eq!(
        std::fs::read(&f).unwrap(),
        std::fs::read(example_path()).unwrap(),
        "the report itself is untouched"
    );
    let o = run(&["export", f.to_str().unwrap(), "--format", "md", "-o", "-"]);
    assert!(stdout(&o).contains("# Сыбайлас жемқорлық"));
    let o = run(&["export", f.to_str().unwrap(), "--format", "docx", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_blank_form() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("blank.md");
    let o = run(&[
        "export",
        "--blank",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(!md.contains("93") && !md.contains("Жас техниктер"));
    let annex1 = md
        .split("## 1-қосымша")
        .nth(1)
        .unwrap()
        .split("## 2-қосымша")
        .next()
        .unwrap();
    assert_eq!(
        annex1
            .lines()
            .filter(|l| l.starts_with("| ") && l.contains("__________"))
            .count(),
        3,
        "three rows to fill"
    );
    let out = dir.path().join("blank.docx");
    let o = run(&[
        "export",
        "--blank",
        "corruption-risk-internal-analysis",
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
        "-l",
        "ru",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (t, _) = docx_tables(&out);
    assert_eq!(t[0].len(), 4);
    // Room to write by hand: rows at least 2.5 cm, one and a half lines and a gap after each line.
    let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let d = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let heights: Vec<u32> = d
        .descendants()
        .filter(|n| n.has_tag_name((w, "trHeight")))
        .filter_map(|n| n.attribute((w, "val"))?.parse().ok())
        .collect();
    let body_rows = t.iter().map(|t| t.len() - 1).sum::<usize>();
    assert_eq!(heights.len(), body_rows, "every row to fill has a height");
    assert!(heights.iter().all(|h| *h >= 1417), "{heights:?}");
    assert!(xml.contains("w:line=\"360\""), "one and a half lines");
    let o = run(&["export", "--blank", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn libreoffice_opens_the_docx() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let f = export("docx", dir.path(), &[]);
    let o = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&f)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let pdf = dir.path().join("out.pdf");
    assert!(
        pdf.exists(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    if let Ok(t) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    {
        let text = String::from_utf8_lossy(&t.stdout);
        assert!(
            text.contains("БЕКІТЕМІН") && text.contains("Жас техниктер станциясы"),
            "Cyrillic intact:\n{text}"
        );
    }
}

fn variant(dir: &Path, name: &str, org: &str, counts: &[(usize, u64)], staff: u64) -> PathBuf {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    v["header"]["organisation"] = json!(org);
    for (i, n) in counts {
        v["sections"]["public_services"]["items"][*i]["answers"]["services_rendered"] = json!(n);
        v["sections"]["public_services"]["items"][*i]["answers"]["via_provider_office"] = json!(n);
    }
    v["sections"]["personnel"]["answers"]["staff_planned"] = json!(staff);
    let f = dir.join(name);
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    f
}

#[test]
fn aggregate_adds_up_and_refuses_another_form() {
    let dir = tempfile::tempdir().unwrap();
    let a = variant(dir.path(), "a.json", "Мектеп №1", &[(0, 10), (1, 5)], 20);
    let b = variant(dir.path(), "b.json", "Мектеп №2", &[(0, 100)], 30);
    let e = example_path();
    let o = run(&[
        "aggregate",
        e.to_str().unwrap(),
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["rows"][1]["organisation"], "Мектеп №1");
    assert_eq!(
        v["rows"][1]["figures"]["public_services.services_rendered"],
        15.0
    );
    let total = &v["total"]["figures"];
    assert_eq!(
        total["public_services.services_rendered"],
        95.0 + 15.0 + 102.0
    );
    assert_eq!(total["personnel.staff_planned"], 42.0 + 20.0 + 30.0);
    assert_eq!(total["personnel.staff_actual"], 44.0 * 3.0);
    // A share of the total is computed from the summed counts: 3×0 vacancies of 92 planned.
    assert_eq!(total["personnel.vacancy_rate"], 0.0);
    assert_eq!(
        total["personnel.turnover_rate"],
        (12.0_f64 * 1000.0 / 132.0).round() / 10.0
    );
    assert_eq!(
        v["incomplete"].as_array().unwrap().len(),
        3,
        "the seed's report is not complete"
    );

    let text = stdout(&run(&[
        "aggregate",
        e.to_str().unwrap(),
        a.to_str().unwrap(),
        "-l",
        "en",
    ]));
    assert!(
        text.contains("Total") && text.contains("Мектеп №1") && text.contains("Incomplete:"),
        "{text}"
    );
    let csv = stdout(&run(&[
        "aggregate",
        e.to_str().unwrap(),
        a.to_str().unwrap(),
        "--format",
        "csv",
    ]));
    assert_eq!(
        csv.lines().count(),
        4,
        "a heading, two reports and the total"
    );

    // A report of another form does not add up.
    let qdir = dir.path().join("forms");
    std::fs::create_dir(&qdir).unwrap();
    let mut form: Value =
        serde_json::from_str(&std::fs::read_to_string(form_path()).unwrap()).unwrap();
    form["id"] = json!("other-form");
    std::fs::write(qdir.join("other.json"), form.to_string()).unwrap();
    let mut other: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    other["questionnaire"]["id"] = json!("other-form");
    let of = dir.path().join("other.json");
    std::fs::write(&of, other.to_string()).unwrap();
    let o = run(&[
        "aggregate",
        "-l",
        "en",
        "--questionnaires",
        qdir.to_str().unwrap(),
        e.to_str().unwrap(),
        of.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("only reports of the same form add up"),
        "{}",
        stderr(&o)
    );
}

/// The analytical report of the example, in each language, through LibreOffice: portrait, and its
/// sections read back from the PDF in the order such reports have them.
#[test]
fn the_analytical_report_has_its_sections_when_libreoffice_reads_it() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (lang, sections) in [
        (
            "kk",
            [
                "БЕКІТЕМІН",
                "1. Кіріспе",
                "үлгілік қағидаларына сәйкес жүргізілді",
                "2. Сипаттама бөлігі",
                "Ұйымдастырушылық-басқарушылық қызметтегі",
                "3. Анықталған сыбайлас жемқорлық тәуекелдері және ұсынымдар",
                "4. Қорытынды",
                "іс-шаралар жоспары",
                "Жұмыс тобы",
            ],
        ),
        (
            "ru",
            [
                "УТВЕРЖДАЮ",
                "1. Вводная часть",
                "в соответствии с Типовыми правилами",
                "2. Описательная часть",
                "Коррупционные риски в организационно-управленческой деятельности",
                "3. Выявленные коррупционные риски и рекомендации",
                "4. Заключение",
                "план мероприятий",
                "Рабочая группа",
            ],
        ),
        (
            "en",
            [
                "APPROVED",
                "1. Introduction",
                "in accordance with the Typical Rules",
                "2. Description",
                "Corruption risks in organisational and management activity",
                "3. Corruption risks identified and recommendations",
                "4. Conclusion",
                "action plan",
                "Working group",
            ],
        ),
    ] {
        let out = dir.path().join(format!("report-{lang}.docx"));
        let o = run(&[
            "export",
            example_path().to_str().unwrap(),
            "--format",
            "docx",
            "--document",
            "analytical-report",
            "-l",
            lang,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let conv = std::process::Command::new(soffice)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&out)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        let pdf = out.with_extension("pdf");
        assert!(pdf.exists(), "{}", String::from_utf8_lossy(&conv.stderr));
        let t = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils, installed by .ci/run)");
        let text = String::from_utf8_lossy(&t.stdout).replace('\n', " ");
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut at = 0;
        for s in sections {
            let found = text[at..].find(s).map(|i| at + i);
            assert!(
                found.is_some(),
                "{lang}: «{s}» after position {at} in:\n{text}"
            );
            at = found.unwrap();
        }
        // Annex 5 was not filled in: «not analysed», never «no risks».
        let not_analysed = match lang {
            "kk" => "талданбады",
            "ru" => "не анализировались",
            _ => "were not analysed",
        };
        assert!(text.contains(not_analysed), "{lang}");
        // Portrait: the page is taller than it is wide.
        let info = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        let size = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .unwrap_or_default();
        let nums: Vec<f64> = size
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(nums.len() >= 2 && nums[0] < nums[1], "portrait A4: {size}");
    }
}

/// The text of each page of a PDF, as pdftotext lays it out.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let o = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed where LibreOffice is");
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn to_pdf(soffice: &str, file: &Path, dir: &Path) -> PathBuf {
    let o = std::process::Command::new(soffice)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(file)
        .env("HOME", dir)
        .output()
        .unwrap();
    let pdf = file.with_extension("pdf");
    assert!(
        pdf.exists(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    pdf
}

/// The example with a two-line answer, to see that line breaks survive.
fn two_line_report(dir: &Path) -> PathBuf {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    v["sections"]["public_services"]["items"][0]["answers"]["complaint_subjects"] =
        json!("Бірінші жол\nЕкінші жол");
    let report = dir.join("two-lines.json");
    std::fs::write(&report, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    report
}

/// The two-line answer is printed on two lines, not run together.
fn assert_two_lines(pages: &[String]) {
    let all = pages.join("\n");
    assert!(!all.contains("жолЕкінші"), "the line break was lost");
    let lines: Vec<&str> = all.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Бірінші жол"))
        .expect("the first line is printed");
    assert!(!lines[at].contains("Екінші"), "{}", lines[at]);
    assert!(lines[at + 1].contains("Екінші жол"), "{}", lines[at + 1]);
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Word form printed through LibreOffice: a table that goes on to another page repeats its header
/// row there, no row is cut in two, a two-line answer is on two lines, and every page is numbered.
#[test]
fn the_word_form_prints_across_pages_as_the_form_does() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = two_line_report(dir.path());
    let docx = dir.path().join("two-lines.docx");
    let o = run(&[
        "export",
        report.to_str().unwrap(),
        "--format",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = pdf_pages(&to_pdf(soffice, &docx, dir.path()));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let n = pages.len();
    let mut continued = 0;
    for (i, p) in pages.iter().enumerate() {
        let lines: Vec<&str> = p.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            lines
                .last()
                .is_some_and(|l| l.trim() == format!("{} / {n}", i + 1)
                    || l.trim() == format!("{}/{n}", i + 1)),
            "page {} ends with its number «{} / {n}»:\n{p}",
            i + 1,
            i + 1
        );
        if i == 0 {
            continue;
        }
        // A page either starts an annex (its label on top) or continues one: then its first line is
        // the table's header row.
        let first = lines[0];
        if !first.contains("қосымша") {
            continued += 1;
            assert!(
                first.trim_start().starts_with("р/с"),
                "page {} continues a table without its header row:\n{p}",
                i + 1
            );
        }
    }
    assert!(
        continued >= 1,
        "the example has a table that goes on to a new page"
    );

    // No row is cut: each service's number, name and last answer are on one page.
    let (tables, _) = docx_tables(&docx);
    let services = &tables[0];
    for row in &services[1..] {
        let name = squash(&row[1]);
        let last = squash(row[3].lines().last().unwrap());
        let tail: String = last
            .split(' ')
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join(" ");
        // Columns share the printed lines, so only a word at a time is whole in the page's text.
        let head: String = name.split(' ').next().unwrap().to_owned();
        let on = |what: &str| -> Vec<usize> {
            pages
                .iter()
                .enumerate()
                .filter(|(_, p)| squash(p).contains(what))
                .map(|(i, _)| i)
                .collect()
        };
        let (h, t) = (on(&head), on(&tail));
        assert!(
            h.len() == 1 && t.contains(&h[0]),
            "row «{name}» is cut: its start on pages {h:?}, its end («{tail}») on {t:?}"
        );
    }

    assert_two_lines(&pages);
}

/// What Word reads besides the text: the author and title, the language of every run, heading styles
/// for the navigation pane, ½ pt borders, header rows and unsplittable rows.
#[test]
fn the_word_document_says_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let f = export("docx", dir.path(), &[]);
    let file = std::fs::File::open(&f).unwrap();
    let mut z = zip::ZipArchive::new(file).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let core = part("docProps/core.xml");
    let doc = part("word/document.xml");
    let styles = part("word/styles.xml");
    let footer = part("word/footer1.xml");
    let core = roxmltree::Document::parse(&core).unwrap();
    let text_of = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(
        text_of("creator"),
        "Өскемен қаласы әкімдігінің «Жас техниктер станциясы» КМҚК"
    );
    assert!(text_of("title").starts_with("Сыбайлас жемқорлық"));
    assert_eq!(text_of("created"), "2017-07-10T09:00:00Z");
    assert_eq!(text_of("language"), "kk-KZ");

    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let d = roxmltree::Document::parse(&doc).unwrap();
    let runs: Vec<_> = d
        .descendants()
        .filter(|n| n.has_tag_name((w, "r")))
        .collect();
    assert!(runs.len() > 100);
    for r in &runs {
        let langs: Vec<_> = r
            .children()
            .filter(|c| c.has_tag_name((w, "rPr")))
            .flat_map(|p| p.children().filter(|c| c.has_tag_name((w, "lang"))))
            .filter_map(|l| l.attribute((w, "val")))
            .collect();
        assert_eq!(langs, ["kk-KZ"], "each run has its language, once");
    }
    let tables: Vec<_> = d
        .descendants()
        .filter(|n| n.has_tag_name((w, "tbl")))
        .collect();
    assert_eq!(tables.len(), 5);
    for t in &tables {
        let rows: Vec<_> = t.children().filter(|c| c.has_tag_name((w, "tr"))).collect();
        let has =
            |r: &roxmltree::Node, what: &str| r.descendants().any(|c| c.has_tag_name((w, what)));
        assert!(has(&rows[0], "tblHeader"), "the header row repeats");
        assert!(rows[1..].iter().all(|r| !has(r, "tblHeader")));
        assert!(rows.iter().all(|r| has(r, "cantSplit")), "no row splits");
        let sizes: Vec<&str> = t
            .descendants()
            .filter(|n| {
                n.parent()
                    .is_some_and(|p| p.has_tag_name((w, "tblBorders")))
            })
            .filter_map(|n| n.attribute((w, "sz")))
            .collect();
        assert_eq!(sizes, vec!["4"; 6], "½ pt borders");
    }
    let styled: Vec<&str> = d
        .descendants()
        .filter(|n| n.has_tag_name((w, "pStyle")))
        .filter_map(|n| n.attribute((w, "val")))
        .collect();
    assert_eq!(styled.iter().filter(|s| **s == "Heading1").count(), 5);
    assert_eq!(styled.iter().filter(|s| **s == "Title").count(), 1);
    assert!(styles.contains("w:styleId=\"Heading1\"") && styles.contains("w:outlineLvl"));
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
}

/// The HTML printed by a real browser (headless Chromium): no heading is left at the foot of a page
/// with its table or text on the next, a line break in an answer stays one, pages are numbered.
#[test]
fn the_html_prints_with_every_heading_on_the_page_of_its_table() {
    let Some(chromium) = common::chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = two_line_report(dir.path());
    for (document, name) in [("form", "form.html"), ("analytical-report", "report.html")] {
        let html = dir.path().join(name);
        let o = run(&[
            "export",
            report.to_str().unwrap(),
            "--format",
            "html",
            "--document",
            document,
            "-o",
            html.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(&html).unwrap();
        let parsed = scraper::Html::parse_document(&text);
        let sel = scraper::Selector::parse("h1, h2, h3, .label").unwrap();
        let headings: Vec<String> = parsed
            .select(&sel)
            .map(|h| squash(&h.text().collect::<String>()))
            .collect();
        assert!(headings.len() >= 5, "{headings:?}");
        if document == "form" {
            let captions = scraper::Selector::parse("table > caption h2").unwrap();
            assert_eq!(
                parsed.select(&captions).count(),
                5,
                "each table has its caption"
            );
        }
        let pdf = html.with_extension("pdf");
        let o = std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&html)
            .env("HOME", dir.path())
            .output()
            .unwrap();
        assert!(pdf.exists(), "{}", String::from_utf8_lossy(&o.stderr));
        let pages = pdf_pages(&pdf);
        assert!(pages.len() >= 2, "{document}: {} pages", pages.len());
        let n = pages.len();
        for (i, p) in pages.iter().enumerate() {
            let mut lines: Vec<&str> = p.lines().filter(|l| !l.trim().is_empty()).collect();
            assert_eq!(
                lines.pop().map(str::trim),
                Some(format!("{}/{n}", i + 1).as_str()),
                "{document}: page {} is numbered",
                i + 1
            );
            let last = squash(lines.last().copied().unwrap_or(""));
            assert!(
                !headings
                    .iter()
                    .any(|h| !last.is_empty() && h.ends_with(&last)),
                "{document}: page {} ends with the heading «{last}»:\n{p}",
                i + 1
            );
        }
        if document == "form" {
            assert_two_lines(&pages);
        }
    }
}

/// CSV as a Kazakh or Russian Excel opens it: `;`, the decimal comma, a BOM in a file and none in a
/// pipe, headers in the interface language, and no cell that runs as a formula.
#[test]
fn csv_opens_in_a_kazakh_or_russian_excel() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    v["header"]["head"] = json!("=HYPERLINK(\"http://evil\",\"click\")");
    v["sections"]["public_services"]["items"][0]["answers"]["complaint_subjects"] =
        json!("+7 701 123 45 67");
    v["sections"]["public_services"]["items"][0]["answers"]["regulation_matches_standard"] =
        json!(9.1);
    let report = dir.path().join("r.json");
    std::fs::write(&report, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let csv_of = |lang: &str, extra: &[&str], out: &str| -> Vec<u8> {
        let mut args = vec![
            "export",
            report.to_str().unwrap(),
            "--format",
            "csv",
            "-l",
            lang,
        ];
        args.extend(extra);
        args.extend(["-o", out]);
        let o = run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        if out == "-" {
            o.stdout
        } else {
            std::fs::read(out).unwrap()
        }
    };
    let file = dir.path().join("ru.csv");
    let ru = csv_of("ru", &[], file.to_str().unwrap());
    assert!(ru.starts_with("\u{feff}".as_bytes()), "a BOM in a file");
    let text = String::from_utf8(ru[3..].to_vec()).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "Приложение;№ строки;Наименование;Вид;№ вопроса;Код поля;Тип ответа;Вопрос;Ответ;Комментарий"
    );
    let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let find = |id: &str| rows.iter().find(|r| &r[5] == id).unwrap().clone();
    assert_eq!(
        &find("regulation_matches_standard")[8],
        "9,1",
        "decimal comma"
    );
    assert_eq!(&find("head")[8], "'=HYPERLINK(\"http://evil\",\"click\")");
    assert_eq!(&find("complaint_subjects")[8], "'+7 701 123 45 67");
    assert_eq!(
        &find("services_rendered")[8],
        "93",
        "numbers are not guarded"
    );
    assert_eq!(&find("services_rendered")[0], "Приложение 1");
    // Kazakh: the same separator and comma; English: commas and points.
    let kk = String::from_utf8(csv_of("kk", &[], "-")).unwrap();
    assert!(!kk.starts_with('\u{feff}'), "no BOM into a pipe");
    assert!(kk.starts_with("Қосымша;"), "{}", &kk[..40]);
    let en = String::from_utf8(csv_of("en", &[], "-")).unwrap();
    assert!(en.starts_with("Annex,Row No.,"), "{}", &en[..40]);
    assert!(en.contains(",9.1,"));
    // --delimiter , in Russian: points, since the comma now separates columns.
    let ru_comma = String::from_utf8(csv_of("ru", &["--delimiter", ","], "-")).unwrap();
    assert!(ru_comma.contains(",9.1,") && !ru_comma.contains("9,1"));
    let tab = String::from_utf8(csv_of("ru", &["--delimiter", "tab"], "-")).unwrap();
    assert!(tab.lines().next().unwrap().contains("Приложение\t№ строки"));
    let o = run(&[
        "export",
        report.to_str().unwrap(),
        "--format",
        "csv",
        "--delimiter",
        "x",
    ]);
    assert_eq!(o.status.code(), Some(2), "a letter is no separator");
}

/// `--entered-by`: under each annex, who of the working group entered its answers, the one who
/// entered most first; annexes nobody touched say nothing, and without the flag nothing is added.
#[test]
fn entered_by_names_the_working_group_under_each_annex() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    std::fs::copy(example_path(), &f).unwrap();
    let entry = |user: &str, section: &str, field: &str| {
        json!({"time": "2017-07-10T09:00:00Z", "uid": 1000, "user": user, "what": "set",
               "section": section, "field": field, "new": 1})
        .to_string()
    };
    let lines = [
        entry("bob", "personnel", "vacancies"),
        entry("alice", "personnel", "staff_planned"),
        entry("alice", "personnel", "staff_actual"),
        entry("bob", "public_services", "refusals"),
    ];
    std::fs::write(dir.path().join("r.history.jsonl"), lines.join("\n") + "\n").unwrap();
    let md = |extra: &[&str]| {
        let mut args = vec![
            "export",
            f.to_str().unwrap(),
            "--format",
            "md",
            "-o",
            "-",
            "-l",
            "ru",
        ];
        args.extend(extra);
        stdout(&run(&args))
    };
    let with = md(&["--entered-by"]);
    assert!(with.contains("*Ответы внесли: alice, bob*"), "{with}");
    assert!(with.contains("*Ответы внесли: bob*"), "{with}");
    assert_eq!(with.matches("Ответы внесли").count(), 2, "{with}");
    assert!(!md(&[]).contains("Ответы внесли"));
    // In Word too, as a paragraph under the table.
    let out = dir.path().join("r.docx");
    let o = run(&[
        "export",
        f.to_str().unwrap(),
        "--format",
        "docx",
        "--entered-by",
        "-o",
        out.to_str().unwrap(),
        "-l",
        "kk",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = crate::common::docx::docx_text(&out);
    assert!(
        text.contains("Жауаптарды енгізгендер: alice, bob"),
        "{text}"
    );
}
