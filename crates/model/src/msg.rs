//! Messages with data in them (an id, a version, a file's owner), worded here in every language: the
//! caller says what happened, `render` says it in the reader's language. Fixed texts are in
//! `ui_text`; the form's own texts are in the questionnaire.

use crate::answer::AnswerError;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// Words that are not ours (the JSON parser's, the system's, a check for form authors), in
    /// English.
    Plain(String),
    /// The system's «no such file», «permission denied» and «is a directory», which a user meets
    /// (the system says them in English).
    NoSuchFile,
    NoPermission,
    IsADirectory,
    NotUtf8,
    NotASession {
        found: String,
        expected: String,
    },
    /// A report filled on a newer version of a form than this program has.
    NewerVersion {
        id: String,
        version: String,
        have: String,
    },
    /// A report of a form this program does not know.
    UnknownQuestionnaire {
        id: String,
        known: String,
    },
    /// `-q ID` names no form.
    NoSuchQuestionnaire {
        known: String,
    },
    AnswersBelongInItems {
        section: String,
    },
    NoItems {
        section: String,
    },
    /// A stored value that does not fit its field; `place` is «1.Q3: » or empty.
    Expected {
        place: String,
        error: AnswerError,
    },
    /// Saving will make the file this user's.
    OwnerChanges {
        owner: String,
        you: String,
    },
    /// Saving will move the file to this user's group.
    GroupChanges {
        group: String,
    },
    /// A report the user may not read: whose it is, its mode (`0600`) and its path as named.
    NotReadable {
        owner: String,
        mode: String,
        file: String,
    },
}

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        let pick = |kk: String, ru: String, en: String| match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        };
        match self {
            Msg::Plain(s) => s.clone(),
            Msg::NoSuchFile => pick(
                "мұндай файл жоқ".into(),
                "такого файла нет".into(),
                "no such file".into(),
            ),
            Msg::NoPermission => pick(
                "файлды оқуға немесе жазуға рұқсат жоқ".into(),
                "нет прав на чтение или запись файла".into(),
                "no permission to read or write the file".into(),
            ),
            Msg::IsADirectory => pick(
                "бұл файл емес, қалта".into(),
                "это папка, а не файл".into(),
                "this is a folder, not a file".into(),
            ),
            Msg::NotUtf8 => pick(
                "файл UTF-8 мәтіні емес".into(),
                "файл не является текстом UTF-8".into(),
                "the file is not UTF-8 text".into(),
            ),
            Msg::NotASession { found, expected } => pick(
                format!("бұл saualnama есебі емес: format «{found}», керегі «{expected}»"),
                format!("это не отчёт saualnama: format «{found}», ожидается «{expected}»"),
                format!("not a saualnama session: format is {found:?}, expected {expected:?}"),
            ),
            Msg::NewerVersion { id, version, have } => pick(
                format!(
                    "есеп «{id}» нысанының «{version}» нұсқасымен толтырылған, ол осы saualnama-дағы «{have}» нұсқасынан жаңа; \
                     saualnama-ны жаңартыңыз немесе нысанның сол нұсқасын --questionnaires DIR арқылы қосыңыз"
                ),
                format!(
                    "отчёт заполнен по версии «{version}» формы «{id}», более новой, чем «{have}» в этом saualnama; \
                     обновите saualnama или добавьте эту версию формы через --questionnaires DIR"
                ),
                format!(
                    "the report was filled on version {version:?} of {id:?}, newer than the {have:?} this saualnama has; \
                     update saualnama, or add that version of the form with --questionnaires DIR"
                ),
            ),
            Msg::UnknownQuestionnaire { id, known } => pick(
                format!(
                    "белгісіз сауалнама «{id}» (барлары: {known}; оның анықтамасын --questionnaires DIR арқылы қосыңыз)"
                ),
                format!(
                    "неизвестная анкета «{id}» (есть: {known}; добавьте её описание через --questionnaires DIR)"
                ),
                format!(
                    "unknown questionnaire {id:?} (known: {known}; add its definition with --questionnaires DIR)"
                ),
            ),
            Msg::NoSuchQuestionnaire { known } => pick(
                format!("мұндай сауалнама жоқ; барлары: {known}"),
                format!("нет такой анкеты; есть: {known}"),
                format!("no such questionnaire; known: {known}"),
            ),
            Msg::AnswersBelongInItems { section } => pick(
                format!(
                    "«{section}» қосымшасы жолдарға бөлінеді: жауаптар «items» ішінде болуы керек"
                ),
                format!("приложение «{section}» состоит из строк: ответы должны быть в «items»"),
                format!("section {section:?} repeats per item: answers belong in \"items\""),
            ),
            Msg::NotReadable { owner, mode, file } => pick(
                format!(
                    "оқуға рұқсат жоқ: файл {owner} пайдаланушысына тиесілі, рұқсаттары ({mode}) сізге оны оқуға мүмкіндік бермейді; \
                     {owner} есепті жұмыс тобымен бөліссін: chmod 660 {file}"
                ),
                format!(
                    "нет прав на чтение: файл принадлежит {owner}, его права ({mode}) не дают вам его читать; \
                     пусть {owner} откроет доступ к отчёту рабочей группе: chmod 660 {file}"
                ),
                format!(
                    "you may not read it: the file belongs to {owner} and its permissions ({mode}) do not let you; \
                     ask {owner} to share the report with the working group: chmod 660 {file}"
                ),
            ),
            Msg::NoItems { section } => pick(
                format!("«{section}» қосымшасында жолдар жоқ"),
                format!("в приложении «{section}» нет строк"),
                format!("section {section:?} does not repeat: it has no items"),
            ),
            Msg::Expected { place, error } => pick(
                format!("{place}керегі: {}", error.message(Lang::Kk)),
                format!("{place}ожидается: {}", error.message(Lang::Ru)),
                format!("{place}expected {}", error.message(Lang::En)),
            ),
            Msg::OwnerChanges { owner, you } => pick(
                format!(
                    "Есеп {owner} пайдаланушысына тиесілі; сақтағаннан кейін файл сіздікі болады ({you}), тобы мен рұқсаттары өзгермейді — әріптестер онымен жұмысты жалғастыра береді"
                ),
                format!(
                    "Отчёт принадлежит {owner}; после сохранения владельцем файла станете вы ({you}), группа и права доступа не изменятся — коллеги продолжат с ним работать"
                ),
                format!(
                    "The report belongs to {owner}; once you save, the file will be yours ({you}); its group and permissions stay, so colleagues keep working on it"
                ),
            ),
            Msg::GroupChanges { group } => pick(
                format!(
                    "Сіз {group} тобында емессіз: сақтағаннан кейін файл сіздің тобыңызға өтеді"
                ),
                format!(
                    "Вы не входите в группу {group}: после сохранения файл перейдёт в вашу группу"
                ),
                format!("You are not in group {group}: once saved, the file will be in your group"),
            ),
        }
    }
}
