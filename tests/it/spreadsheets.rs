//! The workbooks read back with calamine (what a spreadsheet sees), and `aggregate` as the body that
//! adds up twenty schools' reports uses it: a full disk, a report given twice, mixed periods, an
//! unreadable file among good ones, names whole on an 80-column screen.

use crate::common;

use crate::common::users::Tmpfs;
use crate::common::*;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn example() -> Value {
    serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap()
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let f = dir.join(name);
    std::fs::write(&f, serde_json::to_string_pretty(v).unwrap()).unwrap();
    f
}

/// Twenty schools of one city: the example with another name and other counts each.
fn schools(dir: &Path) -> Vec<PathBuf> {
    (1..=20)
        .map(|n| {
            let mut v = example();
            v["header"]["organisation"] = json!(format!(
                "Өскемен қаласы әкімдігінің «№{n} мектеп-гимназиясы» коммуналдық мемлекеттік мекемесі"
            ));
            v["sections"]["public_services"]["items"][0]["answers"]["services_rendered"] =
                json!(10 * n);
            v["sections"]["control_functions"]["items"] = json!([{
                "name": "Бақылау",
                "answers": {"inspections": 4, "violations_found": 5 + n % 2}
            }]);
            write(dir, &format!("school-{n:02}.json"), &v)
        })
        .collect()
}

fn cell_f64(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// The column whose heading (the sheet's second row) holds `what`.
fn column(sheet: &calamine::Range<Data>, what: &str) -> usize {
    sheet
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .position(|h| h.to_string().contains(what))
        .unwrap_or_else(|| panic!("no column «{what}»"))
}

fn valid_sheet_name(n: &str) -> bool {
    !n.is_empty()
        && n.chars().count() <= 31
        && !n.contains(['[', ']', ':', '*', '?', '/', '\\'])
        && !n.starts_with('\'')
        && !n.ends_with('\'')
}

#[test]
fn the_report_as_a_workbook_holds_every_answer_with_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let o = run(&[
        "export",
        example_path().to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    assert_eq!(
        names,
        [
            "Жалпы мәліметтер",
            "1-қосымша",
            "2-қосымша",
            "3-қосымша",
            "4-қосымша",
            "5 (9)-қосымша",
            "Барлық жауаптар"
        ]
    );
    assert!(names.iter().all(|n| valid_sheet_name(n)));

    // Annex 1 laid out as the form: per service a block of rows, its number and name on the left,
    // the indicators with their values, the questions with their answers; then the total block.
    let a1 = wb.worksheet_range("1-қосымша").unwrap();
    let head: Vec<String> = a1
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        head,
        [
            "р/с №",
            "Мемлекеттік көрсетілетін қызметтің атауы",
            "Сандық көрсеткіштер",
            "Мәні",
            "Сапалық көрсеткіштер (мәселенің сипаттамасы, мысалдар)",
            "Жауап"
        ]
    );
    let rows: Vec<&[Data]> = a1.rows().skip(2).collect();
    let starts: Vec<usize> = (0..rows.len())
        .filter(|&i| !matches!(rows[i][1], Data::Empty))
        .collect();
    assert_eq!(starts.len(), 3, "two services and the total");
    assert!(
        rows[starts[0]][1]
            .to_string()
            .starts_with("Балаларға қосымша білім беру")
    );
    assert_eq!(cell_f64(&rows[starts[0]][0]), Some(1.0));
    assert_eq!(rows[starts[2]][1].to_string(), "Барлығы");
    // In each block: the value beside an indicator, as a number.
    let value = |block: usize, label: &str| -> Option<f64> {
        let end = starts.get(block + 1).copied().unwrap_or(rows.len());
        let r = (starts[block]..end)
            .find(|&i| rows[i][2].to_string().contains(label))
            .unwrap_or_else(|| panic!("{label} in block {block}"));
        cell_f64(&rows[r][3])
    };
    assert_eq!(value(0, "Мемлекеттік қызмет көрсетілді"), Some(93.0));
    assert_eq!(value(1, "Мемлекеттік қызмет көрсетілді"), Some(2.0));
    assert_eq!(value(2, "Мемлекеттік қызмет көрсетілді"), Some(95.0));
    // A share is a number between 0 and 1 (a percentage by its format).
    assert_eq!(value(2, "МК арқылы үлесі"), Some(0.0));
    // The answers beside their questions.
    let q1 = (starts[0]..starts[1])
        .find(|&i| rows[i][4].to_string().starts_with("12."))
        .unwrap();
    assert_eq!(rows[q1][5].to_string(), "жоқ");

    // The general sheet: the header, and the summary a head reads first.
    let general = wb.worksheet_range("Жалпы мәліметтер").unwrap();
    let pairs: Vec<(String, Data)> = general
        .rows()
        .map(|r| (r[0].to_string(), r.get(1).cloned().unwrap_or(Data::Empty)))
        .collect();
    assert!(
        pairs
            .iter()
            .any(|(k, v)| k == "Ұйым басшысы (лауазымы, аты-жөні)"
                && *v == "Директор Е.К. Жаркембаев")
    );
    assert!(
        pairs
            .iter()
            .any(|(k, v)| k == "Мемлекеттік қызмет көрсетілді (барлығы)"
                && cell_f64(v) == Some(95.0))
    );

    // The flat sheet: every answer of the example (68, as the summary counts) is there.
    let flat = wb.worksheet_range("Барлық жауаптар").unwrap();
    let answered = flat
        .rows()
        .skip(1)
        .filter(|r| !matches!(r[5], Data::Empty))
        .count();
    assert_eq!(
        answered, 68,
        "every answer (with the items' names), as in the CSV"
    );
    let numbers = flat
        .rows()
        .skip(1)
        .filter(|r| cell_f64(&r[5]).is_some())
        .count();
    assert!(numbers >= 20, "counts are numbers: {numbers}");
    let v = example();
    let head = v["header"]["head"].as_str().unwrap();
    assert!(
        flat.rows().any(|r| r[5] == head),
        "the head of the organisation"
    );
}

#[test]
fn twenty_reports_add_up_in_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let files = schools(dir.path());
    let out = dir.path().join("city.xlsx");
    let mut args = vec!["aggregate", "--format", "xlsx", "-o", out.to_str().unwrap()];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    assert!(names.iter().all(|n| valid_sheet_name(n)), "{names:?}");
    let a1 = wb.worksheet_range(&names[0]).unwrap();
    let rendered = column(&a1, "Мемлекеттік қызмет көрсетілді");
    let rows: Vec<&[Data]> = a1.rows().skip(2).collect();
    assert_eq!(rows.len(), 21, "twenty schools and the total");
    assert!(
        rows[0][0]
            .to_string()
            .ends_with("коммуналдық мемлекеттік мекемесі"),
        "names whole"
    );
    // School n rendered 10n + 2 (the second service): the total is 10·210 + 40.
    assert_eq!(cell_f64(&rows[20][rendered]), Some(2140.0));
    for r in &rows[..20] {
        assert!(cell_f64(&r[rendered]).is_some(), "a number, not text");
    }
    // Violations per inspection: a ratio (5 or 6 per 4 inspections), not a percentage.
    let a3 = wb.worksheet_range("3-қосымша").unwrap();
    let rate = column(&a3, "Бір бақылауға бұзушылық");
    let total = a3.rows().next_back().unwrap();
    assert_eq!(
        cell_f64(&total[rate]),
        Some(1.38),
        "110 violations / 80 inspections"
    );
}

#[test]
fn aggregate_as_text_fits_80_columns_with_names_whole_and_ratios_as_ratios() {
    let dir = tempfile::tempdir().unwrap();
    let files = schools(dir.path());
    let mut args = vec!["aggregate", "-l", "ru"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for l in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(l) <= 80,
            "a line wider than 80 columns: {l}"
        );
    }
    // Each name whole, wrapped at a space where it is longer than a line.
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for n in [1, 12, 20] {
        let name = format!(
            "Өскемен қаласы әкімдігінің «№{n} мектеп-гимназиясы» коммуналдық мемлекеттік мекемесі"
        );
        assert!(flowing.contains(&name), "{name} is cut:\n{text}");
    }
    assert!(text.contains(" 1,38"), "a ratio, not «138%»:\n{text}");
    assert!(!text.contains("138%"));
    // --wide: one line per organisation.
    let mut args = vec!["aggregate", "--wide", "-l", "ru"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let wide = stdout(&run(&args));
    let line = wide
        .lines()
        .find(|l| l.contains("«№7 мектеп-гимназиясы»"))
        .unwrap();
    assert!(line.contains(" 72 "), "{line}");
}

#[test]
fn aggregate_csv_opens_in_excel_and_pipes_clean() {
    let dir = tempfile::tempdir().unwrap();
    let files = schools(dir.path());
    let out = dir.path().join("city.csv");
    let mut args = vec![
        "aggregate",
        "--format",
        "csv",
        "-l",
        "kk",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend(files.iter().take(3).map(|f| f.to_str().unwrap()));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a BOM in a file");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Файл;Ұйым;"), "{}", &text[..60]);
    assert!(
        text.contains(";1,5;") || text.contains(";1,25;"),
        "a ratio with a comma"
    );
    let mut args = vec!["aggregate", "--format", "csv", "--ids", "--delimiter", ","];
    args.extend(files.iter().take(3).map(|f| f.to_str().unwrap()));
    let piped = stdout(&run(&args));
    assert!(!piped.starts_with('\u{feff}'), "no BOM into a pipe");
    assert!(piped.starts_with("file,organisation,public_services.services_rendered"));
}

#[test]
fn aggregate_refuses_a_report_twice_warns_of_periods_and_leaves_out_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let files = schools(dir.path());
    // A copy of school 1 under another name, a report of the next half-year, a broken file.
    let copy = dir.path().join("copy-of-school-01.json");
    std::fs::copy(&files[0], &copy).unwrap();
    // And a version of school 2 edited since: the same organisation and period, counted once.
    let mut edited: Value =
        serde_json::from_str(&std::fs::read_to_string(&files[1]).unwrap()).unwrap();
    edited["sections"]["personnel"]["answers"]["staff_planned"] = json!(43);
    let edited = write(dir.path(), "school-02-edited.json", &edited);
    let mut later = example();
    later["header"]["organisation"] = json!("Кейінгі кезең");
    later["header"]["period_from"] = json!("2017-07");
    later["header"]["period_to"] = json!("2017-12");
    let later = write(dir.path(), "later.json", &later);
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": ").unwrap();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["aggregate", "--format", "json", "-l", "en"]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect();
        for f in [
            &files[0], &files[1], &copy, &edited, &later, &broken, &files[2],
        ] {
            a.push(f.to_str().unwrap().to_owned());
        }
        a
    };
    let o = run(&args(&[]).iter().map(String::as_str).collect::<Vec<_>>());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "something was left out: {err}");
    assert!(
        err.contains("copy-of-school-01.json: the same report as"),
        "{err}"
    );
    assert!(
        err.contains("figures of different periods are added up"),
        "{err}"
    );
    assert!(
        err.contains("broken.json") && err.contains("left out"),
        "{err}"
    );
    assert!(
        err.contains("school-02-edited.json: the same organisation and period as"),
        "{err}"
    );
    assert!(err.contains("files left out: 3"), "{err}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let orgs: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["organisation"].as_str().unwrap())
        .collect();
    assert_eq!(
        orgs.len(),
        4,
        "three schools and the later report, each once: {orgs:?}"
    );
    // --strict stops at the first.
    let o = run(&args(&["--strict"])
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}

#[test]
fn aggregate_on_a_full_disk_fails_and_leaves_no_partial_file() {
    let Some(fs) = Tmpfs::mount("64k") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let files = schools(dir.path());
    let before = fs.path().join("city.csv");
    std::fs::write(&before, "the previous consolidation\n").unwrap();
    common::users::fill(fs.path());
    for (format, name) in [
        ("csv", "city.csv"),
        ("xlsx", "city.xlsx"),
        ("text", "new.txt"),
    ] {
        let out = fs.path().join(name);
        let mut args = vec!["aggregate", "--format", format, "-o", out.to_str().unwrap()];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert!(stderr(&o).contains(name), "{}", stderr(&o));
    }
    assert_eq!(
        std::fs::read_to_string(&before).unwrap(),
        "the previous consolidation\n",
        "what was there is intact"
    );
    assert!(!fs.path().join("city.xlsx").exists() && !fs.path().join("new.txt").exists());
    let leftovers: Vec<_> = std::fs::read_dir(fs.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "filler" && n != "city.csv")
        .collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");
    // And to stdout on a full disk (`> /dev/full`): exit 1, not 0.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut cmd = std::process::Command::new(bin());
    cmd.args(["aggregate", "--format", "csv"])
        .args(&files)
        .stdout(full);
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("stdout"), "{}", stderr(&o));
}
