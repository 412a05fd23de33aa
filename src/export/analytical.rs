//! The analytical report (талдамалық анықтама / аналитическая справка) on the findings, shaped as such
//! reports are written under the Typical Rules: the approval block, an introduction (the object, the
//! basis, the working group and its order, the period, the directions), a description of each
//! direction with its figures, the risks with their supporting facts and recommendations, a
//! conclusion with a reference to the action plan, and the working group's signatures. A draft for the
//! working group to edit, in official Kazakh, Russian or English.

use super::{AnnexTable, BLANK, FormDocument, Para};
use crate::answer::Answer;
use crate::findings::{Finding, findings, severity_word};
use crate::i18n::Lang;
use crate::questionnaire::{FindingSeverity, Questionnaire, Section};
use crate::session::Session;
use crate::ui_text::Ui;

/// A sentence of the report in the language.
fn t(lang: Lang, kk: &str, ru: &str, en: &str) -> String {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
    .to_owned()
}

const RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

fn month(s: &Session, q: &Questionnaire, id: &str) -> Option<(u16, u8)> {
    let f = q.header_field(id)?;
    match Answer::from_json(f.kind, s.header.get(id)?).ok()? {
        Answer::Month { year, month } => Some((year, month)),
        _ => None,
    }
}

/// The year the analysis was made, as far as the report says: that of the working group's order
/// (a date typed as text: its four-digit year), else the last year of the period.
fn analysis_year(s: &Session, q: &Questionnaire) -> Option<u16> {
    let ordered = header_text(s, "wg_order_date").and_then(|d| {
        d.split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<u16>().ok())
            .find(|y| (1991..=2200).contains(y))
    });
    ordered.or_else(|| month(s, q, "period_to").map(|(y, _)| y))
}

/// The questions (not the counts) left unanswered in the annexes analysed, by place in the
/// form's numbering: «1.1 — вопросы 7, 11», «4 — вопросы 3, 14».
fn unanswered_questions(q: &Questionnaire, s: &Session, lang: Lang) -> Vec<String> {
    use crate::questionnaire::FieldType;
    use crate::session::{Slot, is_answered, slots};
    let mut places: Vec<(String, Vec<String>)> = Vec::new();
    for (slot, kind) in slots(q, s) {
        let Slot::Answer {
            section,
            item,
            field,
        } = &slot
        else {
            continue;
        };
        let Some(sec) = q.section(section) else {
            continue;
        };
        if kind == Some(FieldType::Count) || !analysed(s, sec) || is_answered(s, &slot, kind) {
            continue;
        }
        let Some(f) = sec.field(field) else { continue };
        let place = match item {
            Some(i) => crate::present::item_place(q, section, *i),
            None => sec.number.clone(),
        };
        let number = crate::i18n::field_number(&f.number, lang);
        match places.last_mut() {
            Some((p, numbers)) if *p == place => numbers.push(number),
            _ => places.push((place, vec![number])),
        }
    }
    places
        .into_iter()
        .map(|(place, numbers)| {
            let list = numbers.join(", ");
            match lang {
                Lang::Kk if numbers.len() == 1 => format!("{place} — {list}-сұрақ"),
                Lang::Kk => format!("{place} — {list}-сұрақтар"),
                Lang::Ru if numbers.len() == 1 => format!("{place} — вопрос {list}"),
                Lang::Ru => format!("{place} — вопросы {list}"),
                Lang::En if numbers.len() == 1 => format!("{place} — question {list}"),
                Lang::En => format!("{place} — questions {list}"),
            }
        })
        .collect()
}

fn header_text(s: &Session, id: &str) -> Option<String> {
    s.header
        .get(id)?
        .as_str()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// «с января 2017 года по июнь 2017 года», as each language says a period.
fn period_sentence(lang: Lang, from: Option<(u16, u8)>, to: Option<(u16, u8)>) -> String {
    use crate::i18n::month_name;
    let m = |v: Option<(u16, u8)>, f: &dyn Fn(u16, u8) -> String| {
        v.map_or(BLANK.to_owned(), |(y, m)| f(y, m))
    };
    // One year said once: «с января по июнь 2017 года».
    let same_year = matches!((from, to), (Some((a, _)), Some((b, _))) if a == b);
    let month_only = |mo: u8| month_name(mo, lang).to_owned();
    match lang {
        Lang::Kk => format!(
            "Талдау {} – {} кезеңін қамтыды.",
            m(from, &|y, mo| format!("{y} жылғы {}", month_name(mo, lang))),
            m(to, &|y, mo| if same_year {
                month_only(mo)
            } else {
                format!("{y} жылғы {}", month_name(mo, lang))
            })
        ),
        Lang::Ru => format!(
            "Анализ охватывает период с {} по {}.",
            m(from, &|y, mo| {
                let month = RU_GENITIVE[(mo.clamp(1, 12) - 1) as usize];
                if same_year {
                    month.to_owned()
                } else {
                    format!("{month} {y} года")
                }
            }),
            m(to, &|y, mo| format!("{} {y} года", month_name(mo, lang)))
        ),
        Lang::En => format!(
            "The analysis covers the period from {} to {}.",
            m(from, &|y, mo| if same_year {
                month_only(mo)
            } else {
                format!("{} {y}", month_name(mo, lang))
            }),
            m(to, &|y, mo| format!("{} {y}", month_name(mo, lang)))
        ),
    }
}

/// What the items of an annex say of the counts `ids` added up: the sum of what was entered; in
/// how many items none of it was entered, and in how many some of it. None when none of it was
/// entered anywhere.
fn entered(s: &Session, sec: &Section, ids: &[&str]) -> Option<(u64, usize, usize)> {
    let items: Vec<Option<usize>> = if sec.is_repeat() {
        (0..s.item_count(&sec.id)).map(Some).collect()
    } else {
        vec![None]
    };
    let (mut sum, mut none, mut some) = (0u64, 0usize, 0usize);
    for item in &items {
        let mut given = 0;
        for id in ids {
            if let Some(v) = s.count(&sec.id, *item, id) {
                given += 1;
                sum = sum.saturating_add(v);
            }
        }
        match given {
            0 => none += 1,
            g if g < ids.len() => some += 1,
            _ => {}
        }
    }
    (none < items.len()).then_some((sum, none, some))
}

/// A figure of the report: «не указано» when nothing of it was entered; the figure when all of it
/// was; and where some items (or some parts of a sum) were left blank, what was entered, as a
/// floor when above 0, with where the data is missing — the sum of what two services of three
/// entered is not the annex's figure, and a head signs the report as if it were.
fn figure(sec: &Section, e: Option<(u64, usize, usize)>, lang: Lang) -> String {
    let Some((v, none, some)) = e else {
        return Ui::NotReported.get(lang).to_owned();
    };
    if none + some == 0 {
        return v.to_string();
    }
    let why = if !sec.is_repeat() {
        t(
            lang,
            "құрамдас бөліктері толық көрсетілмеген",
            "указаны не все составляющие",
            "not every part reported",
        )
    } else {
        let (kk, ru_one, ru_many, en_one, en_many) = match sec.id.as_str() {
            "public_services" => ("қызмет", "услуге", "услугам", "service", "services"),
            "permits" => (
                "функция",
                "функции",
                "функциям",
                "permitting function",
                "permitting functions",
            ),
            "control_functions" => (
                "функция",
                "функции",
                "функциям",
                "control function",
                "control functions",
            ),
            _ => ("объект", "объекту", "объектам", "item", "items"),
        };
        // «по 1 услуге», «по 21 услуге», «по 2 услугам», «по 11 услугам».
        let ru = |n: usize| {
            if n % 10 == 1 && n % 100 != 11 {
                ru_one
            } else {
                ru_many
            }
        };
        let en = |n: usize| if n == 1 { en_one } else { en_many };
        let said = |n: usize, partly: bool| match (lang, partly) {
            (Lang::Kk, false) => format!("{n} {kk} бойынша мәлімет берілмеген"),
            (Lang::Kk, true) => format!("{n} {kk} бойынша мәлімет толық берілмеген"),
            (Lang::Ru, false) => format!("по {n} {} сведения не представлены", ru(n)),
            (Lang::Ru, true) => format!("по {n} {} сведения представлены не полностью", ru(n)),
            (Lang::En, false) => format!("no data for {n} {}", en(n)),
            (Lang::En, true) => format!("incomplete data for {n} {}", en(n)),
        };
        let mut parts = Vec::new();
        if none > 0 {
            parts.push(said(none, false));
        }
        if some > 0 {
            parts.push(said(some, true));
        }
        parts.join(", ")
    };
    if v == 0 {
        // «не менее 0» says nothing: what was entered is 0, and where it was not is said.
        return format!("0 ({why})");
    }
    let floor = t(lang, "кемінде", "не менее", "at least");
    format!("{floor} {v} ({why})")
}

/// Whether an annex holds anything: items, or for a single annex any answer.
fn analysed(s: &Session, sec: &Section) -> bool {
    if sec.is_repeat() {
        s.item_count(&sec.id) > 0
    } else {
        s.answers(&sec.id, None).is_some_and(|a| !a.is_empty())
    }
}

fn names(s: &Session, sec: &Section) -> String {
    (0..s.item_count(&sec.id))
        .map(|i| format!("«{}»", s.item_name(&sec.id, i).unwrap_or(BLANK)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What an annex is called in a running sentence: «государственные услуги».
fn annex_noun(sec: &Section, lang: Lang) -> String {
    match sec.id.as_str() {
        "public_services" => t(
            lang,
            "мемлекеттік көрсетілетін қызметтер",
            "государственные услуги",
            "public services",
        ),
        "permits" => t(
            lang,
            "рұқсат беру функциялары",
            "разрешительные функции",
            "permitting functions",
        ),
        "control_functions" => t(
            lang,
            "бақылау функциялары",
            "контрольные функции",
            "control functions",
        ),
        "personnel" => t(
            lang,
            "персоналды басқару және мүдделер қақтығысын реттеу",
            "управление персоналом и урегулирование конфликта интересов",
            "personnel management and conflicts of interest",
        ),
        "legal_acts" => t(
            lang,
            "нормативтік құқықтық актілер",
            "нормативные правовые акты",
            "normative legal acts",
        ),
        _ => sec.title.get(lang).to_lowercase(),
    }
}

fn not_analysed(sec: &Section, lang: Lang) -> String {
    let what = capitalise(&annex_noun(sec, lang));
    let label = match lang {
        Lang::Ru => sec.label.get(lang).to_lowercase(),
        _ => sec.label.get(lang).to_owned(),
    };
    // «(приложение 5 (9))» is a bracket in a bracket: a label with its own follows a dash.
    let label = if label.contains('(') {
        format!(" — {label}")
    } else {
        format!(" ({label})")
    };
    match lang {
        Lang::Kk => format!("{what} талданбады{label}."),
        Lang::Ru => format!("{what} не анализировались{label}."),
        Lang::En => format!("{what} were not analysed{label}."),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The figures of one annex in prose, and what was found there.
fn describe(sec: &Section, s: &Session, found: usize, lang: Lang) -> Vec<String> {
    if !analysed(s, sec) {
        return vec![not_analysed(sec, lang)];
    }
    let v = |id: &str| figure(sec, entered(s, sec, &[id]), lang);
    // The sum of a breakdown, over its parts and the items.
    let sum = |ids: &[&str]| figure(sec, entered(s, sec, ids), lang);
    let complaints = sum(&[
        "complaints_staff",
        "complaints_quality",
        "complaints_deadlines",
        "complaints_other",
    ]);
    let n = s.item_count(&sec.id);
    let mut out = Vec::new();
    match sec.id.as_str() {
        "public_services" => out.push(match lang {
            Lang::Kk => format!(
                "Талданған мемлекеттік көрсетілетін қызметтер — {n}: {}. Кезең ішінде көрсетілген қызметтер — {}, оның ішінде «Азаматтарға арналған үкімет» Мемлекеттік корпорациясы арқылы — {}, көрсетілетін қызметті берушінің кеңсесі арқылы — {}; бас тартулар — {}; мерзімдерді бұзу — {}; шағымдар — {}.",
                names(s, sec), v("services_rendered"), v("via_state_corporation"), v("via_provider_office"), v("refusals"), v("deadline_violations"), complaints
            ),
            Lang::Ru => format!(
                "Проанализировано государственных услуг — {n}: {}. За период оказано услуг — {}, в том числе через Госкорпорацию «Правительство для граждан» — {}, через канцелярию услугодателя — {}; отказов — {}; нарушений сроков — {}; жалоб — {}.",
                names(s, sec), v("services_rendered"), v("via_state_corporation"), v("via_provider_office"), v("refusals"), v("deadline_violations"), complaints
            ),
            Lang::En => format!(
                "Public services analysed ({n}): {}. In the period: services rendered — {}, of which via the State Corporation “Government for Citizens” — {}, via the provider’s office — {}; refusals — {}; missed deadlines — {}; complaints — {}.",
                names(s, sec), v("services_rendered"), v("via_state_corporation"), v("via_provider_office"), v("refusals"), v("deadline_violations"), complaints
            ),
        }),
        "permits" => out.push(match lang {
            Lang::Kk => format!(
                "Талданған рұқсат беру функциялары — {n}: {}. Кезең ішінде берілген рұқсаттар — {}, оның ішінде «Азаматтарға арналған үкімет» Мемлекеттік корпорациясы арқылы — {}; бас тартулар — {}; мерзімдерді бұзу — {}; шағымдар — {}.",
                names(s, sec), v("permits_issued"), v("via_state_corporation"), v("refusals"), v("deadline_violations"), complaints
            ),
            Lang::Ru => format!(
                "Проанализировано разрешительных функций — {n}: {}. За период выдано разрешений — {}, в том числе через Госкорпорацию «Правительство для граждан» — {}; отказов — {}; нарушений сроков — {}; жалоб — {}.",
                names(s, sec), v("permits_issued"), v("via_state_corporation"), v("refusals"), v("deadline_violations"), complaints
            ),
            Lang::En => format!(
                "Permitting functions analysed ({n}): {}. In the period: permits issued — {}, of which via the State Corporation — {}; refusals — {}; missed deadlines — {}; complaints — {}.",
                names(s, sec), v("permits_issued"), v("via_state_corporation"), v("refusals"), v("deadline_violations"), complaints
            ),
        }),
        "control_functions" => out.push(match lang {
            Lang::Kk => format!(
                "Талданған бақылау функциялары — {n}: {}. Кезең ішінде жүргізілген бақылау іс-шаралары — {}, оның ішінде жоспардан тыс — {}; анықталған бұзушылықтар — {}; мерзімдерді бұзу — {}; шағымдар — {}.",
                names(s, sec), v("inspections"), v("unscheduled"), v("violations_found"), v("deadline_violations"), complaints
            ),
            Lang::Ru => format!(
                "Проанализировано контрольных функций — {n}: {}. За период проведено контрольных мероприятий — {}, в том числе внеплановых — {}; выявлено нарушений — {}; нарушений сроков — {}; жалоб — {}.",
                names(s, sec), v("inspections"), v("unscheduled"), v("violations_found"), v("deadline_violations"), complaints
            ),
            Lang::En => format!(
                "Control functions analysed ({n}): {}. In the period: control actions — {}, of which unscheduled — {}; violations found — {}; missed deadlines — {}; complaints — {}.",
                names(s, sec), v("inspections"), v("unscheduled"), v("violations_found"), v("deadline_violations"), complaints
            ),
        }),
        "personnel" => {
            let pen = sum(&[
                "penalty_remark",
                "penalty_reprimand",
                "penalty_severe_reprimand",
                "penalty_incomplete_compliance",
                "penalty_dismissal",
            ]);
            let left = sum(&["dismissed_own_will", "dismissed_negative", "dismissed_other"]);
            out.push(match lang {
                Lang::Kk => format!(
                    "Персоналды басқару бойынша: штат саны — {}, нақты саны — {}, бос орындар — {}. Жұмыстан босатылғандар — {} (өз ынтасы бойынша — {}, теріс себептер бойынша — {}, басқа негіздер бойынша — {}). Жүргізілген қызметтік тексерулер — {}; қолданылған тәртіптік жазалар — {}, оның ішінде қызметтік тексерусіз — {}; мүдделер қақтығысы фактілері — {}.",
                    v("staff_planned"), v("staff_actual"), v("vacancies"), left, v("dismissed_own_will"), v("dismissed_negative"), v("dismissed_other"), v("internal_investigations"), pen, v("penalties_without_investigation"), v("conflict_of_interest_cases")
                ),
                Lang::Ru => format!(
                    "В части управления персоналом: штатная численность — {}, фактическая — {}, вакансий — {}. Уволено — {} (по собственному желанию — {}, по отрицательным мотивам — {}, по иным основаниям — {}). Проведено служебных расследований — {}; применено дисциплинарных взысканий — {}, из них без служебного расследования — {}; фактов конфликта интересов — {}.",
                    v("staff_planned"), v("staff_actual"), v("vacancies"), left, v("dismissed_own_will"), v("dismissed_negative"), v("dismissed_other"), v("internal_investigations"), pen, v("penalties_without_investigation"), v("conflict_of_interest_cases")
                ),
                Lang::En => format!(
                    "Personnel: authorised headcount — {}, actual — {}, vacancies — {}. Left — {} (voluntarily — {}, on negative grounds — {}, on other grounds — {}). Internal investigations — {}; disciplinary penalties — {}, of which without an investigation — {}; conflict-of-interest cases — {}.",
                    v("staff_planned"), v("staff_actual"), v("vacancies"), left, v("dismissed_own_will"), v("dismissed_negative"), v("dismissed_other"), v("internal_investigations"), pen, v("penalties_without_investigation"), v("conflict_of_interest_cases")
                ),
            });
        }
        "legal_acts" => out.push(match lang {
            Lang::Kk => format!("Объектінің қызметіне қатысты нормативтік құқықтық актілер талданды ({n}): {}.", names(s, sec)),
            Lang::Ru => format!("Проанализированы нормативные правовые акты, затрагивающие деятельность объекта ({n}): {}.", names(s, sec)),
            Lang::En => format!("Normative legal acts concerning the organisation analysed ({n}): {}.", names(s, sec)),
        }),
        _ => {}
    }
    let what = annex_noun(sec, lang);
    out.push(if found == 0 {
        match lang {
            Lang::Kk => format!("Талдау нәтижесінде {what} бойынша сыбайлас жемқорлық тәуекелдері анықталмады."),
            Lang::Ru => format!("По результатам анализа по направлению «{}» коррупционные риски не выявлены.", capitalise(&what)),
            Lang::En => format!("No corruption risks were identified as regards {what}."),
        }
    } else {
        t(
            lang,
            "Анықталған тәуекелдер, оларды растайтын мәліметтер мен ұсынымдар 3-бөлімде келтірілген.",
            "Выявленные риски, подтверждающие сведения и рекомендации приведены в разделе 3.",
            "The risks identified, their supporting facts and recommendations are set out in section 3.",
        )
    });
    out
}

/// The two directions the Rules group the annexes under.
fn directions(lang: Lang) -> [(String, &'static [&'static str]); 2] {
    [
        (
            t(
                lang,
                "Ұйымдастырушылық-басқарушылық қызметтегі сыбайлас жемқорлық тәуекелдері",
                "Коррупционные риски в организационно-управленческой деятельности",
                "Corruption risks in organisational and management activity",
            ),
            &[
                "public_services",
                "permits",
                "control_functions",
                "personnel",
            ],
        ),
        (
            t(
                lang,
                "Нормативтік құқықтық актілердегі сыбайлас жемқорлық тәуекелдері",
                "Коррупционные риски в нормативных правовых актах",
                "Corruption risks in normative legal acts",
            ),
            &["legal_acts"],
        ),
    ]
}

fn finding_rows(q: &Questionnaire, found: &[&Finding], lang: Lang) -> Vec<Vec<Vec<String>>> {
    found
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let sec = q.section(&f.section);
            let place = match (sec, &f.item_name) {
                // In Kazakh the name comes first and the noun takes its possessive ending:
                // ««X» мемлекеттік көрсетілетін қызметі».
                (Some(sec), Some(name)) if lang == Lang::Kk => {
                    let noun = match sec.id.as_str() {
                        "public_services" => "мемлекеттік көрсетілетін қызметі".to_owned(),
                        "legal_acts" => "нормативтік құқықтық актісі".to_owned(),
                        _ => item_noun(sec, lang),
                    };
                    format!("«{name}» {noun}")
                }
                (Some(sec), Some(name)) => {
                    format!("{} «{name}»", capitalise(&item_noun(sec, lang)))
                }
                (Some(sec), None) => sec.title.get(lang).to_owned(),
                _ => String::new(),
            };
            let mut risk = vec![place, f.title.clone()];
            if f.severity != FindingSeverity::Risk {
                risk[1] = format!("{} ({})", f.title, severity_word(f.severity).get(lang));
            }
            risk.push(f.explanation.clone());
            vec![
                vec![(n + 1).to_string()],
                risk,
                f.evidence.clone(),
                vec![f.recommendation.clone()],
            ]
        })
        .collect()
}

/// One service, permit, function or act, as a noun («государственная услуга»).
fn item_noun(sec: &Section, lang: Lang) -> String {
    sec.repeat.as_ref().map_or_else(
        || sec.label.get(lang).to_owned(),
        |r| r.item.get(lang).to_owned(),
    )
}

pub fn analytical_report(q: &Questionnaire, s: &Session, lang: Lang) -> FormDocument {
    let found = findings(q, s, lang);
    let org = header_text(s, "organisation").unwrap_or_else(|| BLANK.to_owned());
    let head = header_text(s, "head").unwrap_or_else(|| BLANK.to_owned());
    let mut body: Vec<Para> = Vec::new();
    // 1. Introduction.
    body.push(Para::Heading(t(
        lang,
        "1. Кіріспе",
        "1. Вводная часть",
        "1. Introduction",
    )));
    body.push(Para::Text(match lang {
        Lang::Kk => format!("1.1. Сыбайлас жемқорлық тәуекелдеріне ішкі талдау объектісі — {org} (бұдан әрі — Ұйым) қызметі."),
        Lang::Ru => format!("1.1. Объект внутреннего анализа коррупционных рисков — деятельность {org} (далее — Организация)."),
        Lang::En => format!("1.1. The object of the internal analysis of corruption risks is the activity of {org} (hereinafter, the Organisation)."),
    }));
    // The Rules as they stood when the analysis was made: the restatement of January 2023 is not
    // cited in the report of an analysis made before it (the bundled example's, of 2017).
    let restated = analysis_year(s, q).is_none_or(|y| y >= 2023);
    body.push(Para::Text(match (lang, restated) {
        (Lang::Kk, true) => "1.2. Ішкі талдау Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2016 жылғы 19 қазандағы № 12 бұйрығымен бекітілген (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 14441 болып тіркелген), Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі (Сыбайлас жемқорлыққа қарсы қызмет) Төрағасының 2023 жылғы 16 қаңтардағы № 21 бұйрығының редакциясындағы (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 31713 болып тіркелген) Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидаларына сәйкес жүргізілді.".to_owned(),
        (Lang::Kk, false) => "1.2. Ішкі талдау Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2016 жылғы 19 қазандағы № 12 бұйрығымен бекітілген (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 14441 болып тіркелген) Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидаларына сәйкес жүргізілді.".to_owned(),
        (Lang::Ru, restated) => format!("1.2. Внутренний анализ проведён в соответствии с Типовыми правилами проведения внутреннего анализа коррупционных рисков, утверждёнными приказом Председателя Агентства Республики Казахстан по делам государственной службы и противодействию коррупции от 19 октября 2016 года № 12 (зарегистрирован в Реестре государственной регистрации нормативных правовых актов под № 14441){}.", if restated { ", в редакции приказа Председателя Агентства Республики Казахстан по противодействию коррупции (Антикоррупционной службы) от 16 января 2023 года № 21 (зарегистрирован в Реестре государственной регистрации нормативных правовых актов под № 31713)" } else { "" }),
        (Lang::En, restated) => format!("1.2. The internal analysis was carried out in accordance with the Typical Rules for the internal analysis of corruption risks approved by order No. 12 of 19 October 2016 of the Chairman of the Agency of the Republic of Kazakhstan for Civil Service Affairs and Anti-Corruption (state registration No. 14441){}.", if restated { ", as restated by order No. 21 of 16 January 2023 of the Chairman of the Anti-Corruption Agency of the Republic of Kazakhstan (state registration No. 31713)" } else { "" }),
    }));
    // The sentence says «№» itself: one typed with the number («№ 45-қ», as it is written on the
    // order) is not said twice.
    let number = header_text(s, "wg_order_number")
        .map(|n| {
            let n = n.trim();
            ["№", "No.", "No "]
                .iter()
                .find_map(|sign| n.strip_prefix(sign))
                .unwrap_or(n)
                .trim()
                .to_owned()
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "____".to_owned());
    // A date not given is a date line to write in by hand, as the form's own are.
    let date = header_text(s, "wg_order_date").unwrap_or_else(|| Ui::DateLine.get(lang).to_owned());
    body.push(Para::Text(match lang {
        Lang::Kk => format!("1.3. Талдауды Ұйым басшысының {date} № {number} бұйрығымен құрылған жұмыс тобы жүргізді."),
        Lang::Ru => format!("1.3. Анализ проведён рабочей группой, созданной приказом руководителя Организации от {date} № {number}."),
        Lang::En => format!("1.3. The analysis was carried out by the working group set up by the head's order No. {number} of {date}."),
    }));
    body.push(Para::Text(format!(
        "1.4. {}",
        period_sentence(lang, month(s, q, "period_from"), month(s, q, "period_to"))
    )));
    let dirs = directions(lang);
    let analysed_dir = |ids: &[&str]| {
        ids.iter()
            .filter_map(|id| q.section(id))
            .any(|sec| analysed(s, sec))
    };
    let done: Vec<String> = dirs
        .iter()
        .filter(|(_, ids)| analysed_dir(ids))
        .map(|(n, _)| n.clone())
        .collect();
    let not_done: Vec<String> = dirs
        .iter()
        .filter(|(_, ids)| !analysed_dir(ids))
        .map(|(n, _)| n.clone())
        .collect();
    let quoted = |v: &[String]| {
        v.iter()
            .map(|d| format!("«{d}»"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut dir_text = match (lang, done.len()) {
        (_, 0) => String::from("1.5. ") + BLANK,
        (Lang::Kk, 1) => format!("1.5. Талдау {} бағыты бойынша жүргізілді.", quoted(&done)),
        (Lang::Kk, _) => format!(
            "1.5. Талдау мынадай бағыттар бойынша жүргізілді: {}.",
            quoted(&done)
        ),
        (Lang::Ru, 1) => format!("1.5. Анализ проведён по направлению {}.", quoted(&done)),
        (Lang::Ru, _) => format!("1.5. Анализ проведён по направлениям: {}.", quoted(&done)),
        (Lang::En, _) => format!("1.5. The analysis covered {}.", quoted(&done)),
    };
    if !not_done.is_empty() {
        dir_text += &match lang {
            Lang::Kk => format!(" {} бағыты бойынша талдау жүргізілмеді.", quoted(&not_done)),
            Lang::Ru => format!(
                " Анализ по направлению {} не проводился.",
                quoted(&not_done)
            ),
            Lang::En => format!(" {} was not analysed.", quoted(&not_done)),
        };
    }
    body.push(Para::Text(dir_text));
    // 2. Description, direction by direction.
    body.push(Para::Heading(t(
        lang,
        "2. Сипаттама бөлігі",
        "2. Описательная часть",
        "2. Description",
    )));
    for (d, (name, ids)) in dirs.iter().enumerate() {
        body.push(Para::Subheading(format!("2.{}. {name}", d + 1)));
        for id in *ids {
            let Some(sec) = q.section(id) else { continue };
            let here = found.iter().filter(|f| f.section == sec.id).count();
            for p in describe(sec, s, here, lang) {
                body.push(Para::Text(p));
            }
        }
    }
    // 3. The risks, with their facts and recommendations, by direction.
    body.push(Para::Heading(t(
        lang,
        "3. Анықталған сыбайлас жемқорлық тәуекелдері және ұсынымдар",
        "3. Выявленные коррупционные риски и рекомендации",
        "3. Corruption risks identified and recommendations",
    )));
    let mut tables = Vec::new();
    for (d, (name, ids)) in dirs.iter().enumerate() {
        let here: Vec<&Finding> = found
            .iter()
            .filter(|f| ids.contains(&f.section.as_str()))
            .collect();
        let subheading = format!("3.{}. {name}", d + 1);
        if here.is_empty() {
            body.push(Para::Subheading(subheading));
            body.push(Para::Text(if analysed_dir(ids) {
                t(
                    lang,
                    "Сыбайлас жемқорлық тәуекелдері анықталмады.",
                    "Коррупционные риски не выявлены.",
                    "No corruption risks were identified.",
                )
            } else {
                t(
                    lang,
                    "Бұл бағыт бойынша талдау жүргізілмеді.",
                    "Направление не анализировалось.",
                    "This direction was not analysed.",
                )
            }));
            continue;
        }
        body.push(Para::Table(tables.len()));
        tables.push(AnnexTable {
            section: format!("direction-{}", d + 1),
            label: String::new(),
            title: subheading,
            instructions: None,
            entered_by: None,
            columns: vec![
                Ui::ColNo.get(lang).to_owned(),
                Ui::ColRisk.get(lang).to_owned(),
                Ui::ColFacts.get(lang).to_owned(),
                Ui::ColRecommendations.get(lang).to_owned(),
            ],
            widths: vec![4, 34, 34, 28],
            rows: finding_rows(q, &here, lang),
        });
    }
    // 4. Conclusion.
    body.push(Para::Heading(t(
        lang,
        "4. Қорытынды",
        "4. Заключение",
        "4. Conclusion",
    )));
    let count = |sev| crate::findings::count_of(&found, sev);
    let (risks, review, incons) = (
        count(FindingSeverity::Risk),
        count(FindingSeverity::Review),
        count(FindingSeverity::Inconsistency),
    );
    body.push(Para::Text(match lang {
        Lang::Kk => format!("4.1. Ішкі талдау нәтижелері бойынша: анықталған сыбайлас жемқорлық тәуекелдері — {risks}; қосымша тексеруді қажет ететін мәселелер — {review}; деректердегі сәйкессіздіктер — {incons}."),
        Lang::Ru => format!("4.1. По результатам внутреннего анализа: выявленных коррупционных рисков — {risks}; вопросов, требующих дополнительной проверки, — {review}; несоответствий в данных — {incons}."),
        Lang::En => format!("4.1. The internal analysis identified: corruption risks — {risks}; matters needing further checking — {review}; inconsistencies in the data — {incons}."),
    }));
    let skipped: Vec<String> = q
        .sections
        .iter()
        .filter(|sec| !analysed(s, sec))
        .map(|sec| {
            let label = sec.label.get(lang);
            // «…по ним не делается: приложение 2 «…»» in mid-sentence.
            let label = if lang == Lang::Ru {
                label.to_lowercase()
            } else {
                label.to_owned()
            };
            format!("{label} «{}»", sec.title.get(lang))
        })
        .collect();
    // The paragraphs of the conclusion are numbered as they come: 4.2 and 4.3 are there only when
    // there is something to say.
    let mut n = 1;
    let mut next = || {
        n += 1;
        format!("4.{n}.")
    };
    if !skipped.is_empty() {
        let num = next();
        body.push(Para::Text(match lang {
            Lang::Kk => format!("{num} Төмендегі қосымшалар толтырылмаған және талданбаған, сондықтан олар бойынша сыбайлас жемқорлық тәуекелдерінің жоқ екені туралы қорытынды жасалмайды: {}.", skipped.join("; ")),
            Lang::Ru => format!("{num} Следующие приложения не заполнены и не анализировались, в связи с чем вывод об отсутствии коррупционных рисков по ним не делается: {}.", skipped.join("; ")),
            Lang::En => format!("{num} Not filled in and not analysed, so no conclusion that they hold no risk is drawn: {}.", skipped.join("; ")),
        }));
    }
    // The questions left unanswered in the annexes analysed: no conclusion is drawn on them either,
    // and a head reading the report would take their annex for wholly checked. (The counts left
    // blank are said with the figures.)
    let unanswered = unanswered_questions(q, s, lang);
    if !unanswered.is_empty() {
        let num = next();
        body.push(Para::Text(match lang {
            Lang::Kk => format!("{num} Төмендегі сұрақтарға жауап берілмеген, сондықтан олар бойынша қорытынды жасалмайды: {}.", unanswered.join("; ")),
            Lang::Ru => format!("{num} Ответы на следующие вопросы не даны, в связи с чем выводы по ним не делаются: {}.", unanswered.join("; ")),
            Lang::En => format!("{num} The following questions were not answered, so no conclusion is drawn on them: {}.", unanswered.join("; ")),
        }));
    }
    let num = next();
    body.push(Para::Text(match lang {
        Lang::Kk => format!("{num} Анықталған сыбайлас жемқорлық тәуекелдерін жою жөніндегі іс-шаралар жоспары әзірленіп, Ұйым басшысына бекітуге ұсынылады. Талдамалық анықтама мен іс-шаралар жоспары Ұйымның интернет-ресурсында орналастырылады."),
        Lang::Ru => format!("{num} Для устранения выявленных коррупционных рисков разрабатывается план мероприятий, который представляется на утверждение руководителю Организации. Аналитическая справка и план мероприятий размещаются на интернет-ресурсе Организации."),
        Lang::En => format!("{num} An action plan to remove the corruption risks identified is drawn up and submitted to the head of the Organisation for approval. The report and the action plan are published on the Organisation's website."),
    }));
    let sign = super::SIGN;
    let date_line = Ui::DateLine.get(lang);
    FormDocument {
        lang,
        portrait: true,
        approval: vec![
            Ui::DraftMark.get(lang).to_owned(),
            Ui::Approve.get(lang).to_owned(),
            head,
            org.clone(),
            format!("{sign}  {date_line}"),
        ],
        basis: None,
        title: Ui::ReportTitle.get(lang).to_owned(),
        organisation: org,
        period: String::new(),
        paragraphs: body,
        tables,
        closing: vec![
            format!("{}:", Ui::WorkingGroup.get(lang)),
            format!("{sign} {}", Ui::SignatureLine.get(lang)),
            format!("{sign} {}", Ui::SignatureLine.get(lang)),
            format!("{sign} {}", Ui::SignatureLine.get(lang)),
            format!("{}: {date_line}", Ui::Date.get(lang)),
        ],
        blank: false,
        created: s.created.clone(),
        modified: s.modified.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's paragraphs of text (not its headings or tables), in `lang`.
    fn texts(q: &Questionnaire, s: &Session, lang: Lang) -> Vec<String> {
        analytical_report(q, s, lang)
            .paragraphs
            .into_iter()
            .filter_map(|p| match p {
                Para::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// A total nothing was entered into is «not reported», not 0: the report says what the
    /// working group found, and a blank is not a finding of none.
    #[test]
    fn a_total_of_blanks_is_not_reported() {
        let (mut s, q) = crate::sample::example();
        let sec = s.sections.get_mut("public_services").unwrap();
        for it in &mut sec.items {
            std::sync::Arc::make_mut(it).answers.remove("refusals");
        }
        let doc = analytical_report(&q, &s, Lang::Ru);
        let text = doc
            .paragraphs
            .iter()
            .find_map(|p| match p {
                Para::Text(t) if t.starts_with("Проанализировано государственных услуг") => {
                    Some(t)
                }
                _ => None,
            })
            .unwrap();
        assert!(text.contains("отказов — не указано;"), "{text}");
        assert!(text.contains("оказано услуг — 95,"), "{text}");
    }

    /// The annex's paragraph in `lang` and the personnel paragraph of the report.
    fn paragraphs(s: &Session, q: &Questionnaire, lang: Lang) -> (String, String) {
        let texts = texts(q, s, lang);
        let find = |starts: [&str; 3]| {
            texts
                .iter()
                .find(|t| starts.iter().any(|p| t.starts_with(p)))
                .map(|t| t.to_string())
                .unwrap()
        };
        (
            find([
                "Талданған мемлекеттік",
                "Проанализировано государственных",
                "Public services analysed",
            ]),
            find([
                "Персоналды басқару бойынша",
                "В части управления персоналом",
                "Personnel:",
            ]),
        )
    }

    /// A total some services left blank is not the annex's figure: it is said as a floor, with
    /// how many services did not report it; a sum with a part left blank likewise. Whole ones
    /// are said as they are.
    #[test]
    fn a_total_some_items_left_blank_is_said_as_a_floor() {
        // The example as the working group filled it: its second service left the State
        // Corporation blank, its first the complaints (it read «через Госкорпорацию — 0»).
        let (mut s, q) = crate::sample::example();
        let items = s.items("public_services");
        assert_eq!(items.len(), 2);
        assert!(items[0].answers.contains_key("via_state_corporation"));
        assert!(!items[1].answers.contains_key("via_state_corporation"));
        assert!(!items[0].answers.contains_key("complaints_quality"));
        assert!(items[1].answers.contains_key("complaints_quality"));
        let personnel = s.sections.get_mut("personnel").unwrap();
        assert!(personnel.answers.remove("penalty_reprimand").is_some());
        let cases = [
            (
                Lang::Ru,
                "через Госкорпорацию «Правительство для граждан» — 0 (по 1 услуге сведения не представлены),",
                "жалоб — 0 (по 1 услуге сведения не представлены).",
                "взысканий — не менее 2 (указаны не все составляющие)",
            ),
            (
                Lang::Kk,
                "Мемлекеттік корпорациясы арқылы — 0 (1 қызмет бойынша мәлімет берілмеген),",
                "шағымдар — 0 (1 қызмет бойынша мәлімет берілмеген).",
                "жазалар — кемінде 2 (құрамдас бөліктері толық көрсетілмеген)",
            ),
            (
                Lang::En,
                "State Corporation “Government for Citizens” — 0 (no data for 1 service),",
                "complaints — 0 (no data for 1 service).",
                "penalties — at least 2 (not every part reported)",
            ),
        ];
        for (lang, via, complaints, penalties) in cases {
            let (annex, staff) = paragraphs(&s, &q, lang);
            for part in [via, complaints] {
                assert!(annex.contains(part), "{lang}: {part:?} in {annex}");
            }
            assert!(
                staff.contains(penalties),
                "{lang}: {penalties:?} in {staff}"
            );
        }
        // A floor above 0: «не менее»; a breakdown a service gave part of: «не полностью».
        let it =
            std::sync::Arc::make_mut(&mut s.sections.get_mut("public_services").unwrap().items[0]);
        it.answers.insert("via_state_corporation".into(), 7.into());
        it.answers.insert("complaints_staff".into(), 1.into());
        let (annex, _) = paragraphs(&s, &q, Lang::Ru);
        assert!(
            annex.contains("Госкорпорацию «Правительство для граждан» — не менее 7 (по 1 услуге сведения не представлены),"),
            "{annex}"
        );
        assert!(
            annex.contains("жалоб — не менее 1 (по 1 услуге сведения представлены не полностью)."),
            "{annex}"
        );
        // What both services entered is said plainly.
        let (annex, _) = paragraphs(&s, &q, Lang::Ru);
        assert!(annex.contains("оказано услуг — 95,"), "{annex}");
        assert!(annex.contains("канцелярию услугодателя — 95;"), "{annex}");
        // «по 2 услугам», «по 21 услуге».
        let (mut s2, _) = crate::sample::with_public_services(23);
        for i in 0..21 {
            let it = std::sync::Arc::make_mut(
                &mut s2.sections.get_mut("public_services").unwrap().items[i],
            );
            it.answers.remove("refusals");
        }
        let (annex, _) = paragraphs(&s2, &q, Lang::Ru);
        assert!(
            annex.contains("отказов — 0 (по 21 услуге сведения не представлены);"),
            "{annex}"
        );
        let it = std::sync::Arc::make_mut(
            &mut s2.sections.get_mut("public_services").unwrap().items[21],
        );
        it.answers.remove("refusals");
        let (annex, _) = paragraphs(&s2, &q, Lang::Ru);
        assert!(
            annex.contains("отказов — 0 (по 22 услугам сведения не представлены);"),
            "{annex}"
        );
    }

    /// The Rules are cited as they stood when the analysis was made: an analysis of 2017 does not
    /// cite their restatement of January 2023; one whose working group was set up in 2024 does, and
    /// so does one that says neither its order's date nor its period.
    #[test]
    fn the_rules_are_cited_as_they_stood_when_the_analysis_was_made() {
        let intro = |s: &Session, q: &Questionnaire, lang: Lang| -> String {
            texts(q, s, lang)
                .into_iter()
                .filter(|t| t.starts_with("1.1.") || t.starts_with("1.2."))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (mut s, q) = crate::sample::example();
        for lang in Lang::ALL {
            let text = intro(&s, &q, lang);
            assert!(
                text.contains("14441") && !text.contains("31713"),
                "{lang}: {text}"
            );
            assert!(!text.contains("), ") || lang != Lang::Kk, "{text}");
        }
        assert!(intro(&s, &q, Lang::Kk).contains("(бұдан әрі — Ұйым) қызметі."));
        s.header
            .insert("wg_order_date".into(), "5 января 2024 года".into());
        for lang in Lang::ALL {
            let text = intro(&s, &q, lang);
            assert!(
                text.contains("14441") && text.contains("31713"),
                "{lang}: {text}"
            );
        }
        s.header.remove("wg_order_date");
        s.header.remove("period_to");
        assert!(intro(&s, &q, Lang::Ru).contains("31713"));
    }

    /// The questions left unanswered in the annexes analysed are listed in the conclusion, where
    /// no conclusion is drawn on them (the report read as if annexes 1 and 4 were wholly checked);
    /// the conclusion's paragraphs are numbered without a gap whichever of them there are.
    #[test]
    fn the_conclusion_names_the_questions_left_unanswered() {
        let conclusion = |s: &Session, q: &Questionnaire, lang: Lang| -> Vec<String> {
            let mut all = texts(q, s, lang);
            all.retain(|t| t.starts_with("4."));
            all
        };
        let (mut s, q) = crate::sample::example();
        let ru = conclusion(&s, &q, Lang::Ru);
        assert_eq!(ru.len(), 4, "{ru:?}");
        assert!(
            ru[2].starts_with("4.3. Ответы на следующие вопросы не даны")
                && ru[2].ends_with(": 1.1 — вопросы 7, 11; 1.2 — вопросы 1, 2, 3, 4, 5, 6, 7, 8; 4 — вопросы 3, 14."),
            "{}",
            ru[2]
        );
        let kk = conclusion(&s, &q, Lang::Kk);
        assert!(kk[2].contains("4 — 3, 14-сұрақтар."), "{}", kk[2]);
        assert!(
            ru[1].contains(": приложение 2 «"),
            "in mid-sentence: {}",
            ru[1]
        );
        // Annex 4 answered whole: it is no longer named. The numbers run without a gap.
        let personnel = s.sections.get_mut("personnel").unwrap();
        personnel.answers.insert(
            "commissions_duly_approved".into(),
            serde_json::json!({"yes": true}),
        );
        personnel.answers.insert("other".into(), "Нет".into());
        let kk = conclusion(&s, &q, Lang::Kk);
        let ru = conclusion(&s, &q, Lang::Ru);
        assert!(!ru[2].contains("; 4 —"), "{}", ru[2]);
        // One question left in an item: said in the singular.
        let personnel = s.sections.get_mut("personnel").unwrap();
        personnel.answers.remove("other");
        let (kk1, ru1) = (conclusion(&s, &q, Lang::Kk), conclusion(&s, &q, Lang::Ru));
        assert!(kk1[2].contains("; 4 — 14-сұрақ."), "{}", kk1[2]);
        assert!(ru1[2].contains("; 4 — вопрос 14."), "{}", ru1[2]);
        assert!(!kk[2].contains("; 4 —"), "{}", kk[2]);
        for (i, p) in ru.iter().enumerate() {
            assert!(p.starts_with(&format!("4.{}. ", i + 1)), "{ru:?}");
        }
        // Nothing left unanswered and no annex empty: the action plan is 4.2.
        let (s, q) = crate::sample::with_public_services(1);
        let full = conclusion(&s, &q, Lang::Ru);
        for (i, p) in full.iter().enumerate() {
            assert!(p.starts_with(&format!("4.{}. ", i + 1)), "{full:?}");
        }
    }

    /// The period says its year once when it is one year, as an official writes it; the order's
    /// date not given is a date line to fill in by hand; the Kazakh negatives are the written ones.
    #[test]
    fn dates_and_negatives_read_as_an_official_writes_them() {
        let (s, q) = crate::sample::example();
        let all = |lang: Lang| texts(&q, &s, lang).join("\n");
        let (kk, ru, en) = (all(Lang::Kk), all(Lang::Ru), all(Lang::En));
        assert!(
            kk.contains("1.4. Талдау 2017 жылғы қаңтар – маусым кезеңін қамтыды."),
            "{kk}"
        );
        assert!(
            ru.contains("1.4. Анализ охватывает период с января по июнь 2017 года."),
            "{ru}"
        );
        assert!(en.contains("from January to June 2017."), "{en}");
        assert!(
            kk.contains("басшысының 20__ жылғы «___» __________ № ____ бұйрығымен"),
            "{kk}"
        );
        assert!(ru.contains("от «___» __________ 20__ г. № ____."), "{ru}");
        for spoken in ["талданған жоқ", "жүргізілген жоқ", "анықталған жоқ"]
        {
            assert!(!kk.contains(spoken), "{spoken}: {kk}");
        }
        let mut s2 = s.clone();
        s2.header.insert("period_from".into(), "2016-07".into());
        assert!(
            texts(&q, &s2, Lang::Ru)
                .iter()
                .any(|t| t.contains("с июля 2016 года по июнь 2017 года"))
        );
    }

    /// In Kazakh the risks' table names the service first, the noun with its possessive ending,
    /// and a question of the form as «13-сұрақ.» (a bare «13.» read as the cell's list).
    #[test]
    fn the_kazakh_risks_table_reads_as_written() {
        let (s, q) = crate::sample::example();
        let found = findings(&q, &s, Lang::Kk);
        let refs: Vec<&Finding> = found.iter().collect();
        let rows = finding_rows(&q, &refs, Lang::Kk);
        assert!(
            rows[0][1][0].starts_with("«Балаларға қосымша білім беру")
                && rows[0][1][0].ends_with("» мемлекеттік көрсетілетін қызметі"),
            "{:?}",
            rows[0][1]
        );
        assert!(rows[0][2][0].starts_with("13-сұрақ. "), "{:?}", rows[0][2]);
        let ru = findings(&q, &s, Lang::Ru);
        let refs: Vec<&Finding> = ru.iter().collect();
        let rows = finding_rows(&q, &refs, Lang::Ru);
        assert!(
            rows[0][1][0].starts_with("Государственная услуга «"),
            "{:?}",
            rows[0][1]
        );
        assert!(rows[0][2][0].starts_with("13. "), "{:?}", rows[0][2]);
    }

    /// An annex not analysed is named after its kind, its label in brackets; one whose label has
    /// brackets of its own after a dash («(приложение 5 (9))» was a bracket in a bracket).
    #[test]
    fn an_annex_not_analysed_is_named_without_nested_brackets() {
        let (s, q) = crate::sample::example();
        for lang in Lang::ALL {
            let all = texts(&q, &s, lang);
            assert!(!all.iter().any(|t| t.contains("))")), "{lang}: {all:?}");
        }
        assert!(texts(&q, &s, Lang::Ru).iter().any(|t| {
            t.contains("не анализировались — приложение 5 (9).")
                || t.contains("не анализировались (приложение 2).")
        }));
    }

    /// «№» is in the sentence: typed with the number too, as orders are written, it is not said
    /// twice («№ № 45-қ»).
    #[test]
    fn the_order_number_sign_is_said_once() {
        for (typed, said) in [
            ("№ 45-қ", "№ 45-қ"),
            ("№45-қ", "№ 45-қ"),
            ("45-қ", "№ 45-қ"),
        ] {
            let (mut s, q) = crate::sample::example();
            s.header.insert("wg_order_number".into(), typed.into());
            let doc = analytical_report(&q, &s, Lang::Ru);
            let text: Vec<&String> = doc
                .paragraphs
                .iter()
                .filter_map(|p| match p {
                    Para::Text(t) if t.starts_with("1.3.") => Some(t),
                    _ => None,
                })
                .collect();
            assert_eq!(text.len(), 1);
            assert!(
                text[0].contains(said) && !text[0].contains("№ №"),
                "{}",
                text[0]
            );
        }
    }
}
