//! Every interface text, in Kazakh, Russian and English. The macro makes a text without all three a
//! compile error.

use crate::i18n::Lang;

macro_rules! ui_texts {
    ($($name:ident => ($kk:expr, $ru:expr, $en:expr),)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Ui { $($name,)* }
        impl Ui {
            pub const ALL: &[Ui] = &[$(Ui::$name,)*];
            pub fn get(self, lang: Lang) -> &'static str {
                match self {
                    $(Ui::$name => match lang { Lang::Kk => $kk, Lang::Ru => $ru, Lang::En => $en },)*
                }
            }
        }
    };
}

ui_texts! {
    Progress => ("Толтырылды", "Заполнено", "Answered"),
    Totals => ("Жиынтық көрсеткіштер", "Сводные показатели", "Totals"),
    Problems => ("Ескертулер мен қателер", "Замечания и ошибки", "Problems"),
    NoProblems => ("Қате жоқ", "Ошибок нет", "No problems"),
    Error => ("қате", "ошибка", "error"),
    Warning => ("ескерту", "предупреждение", "warning"),
    Header => ("Тақырып бөлігі", "Шапка формы", "Header"),
    Items => ("жол", "строк", "items"),
    Missing => ("Толтырылмаған", "Не заполнено", "Unanswered"),
    Complete => ("Нысан толық толтырылған, қате жоқ", "Форма заполнена полностью, ошибок нет", "The form is complete and has no errors"),
    Orphans => (
        "Нысанның бұл нұсқасында жоқ жауаптар (файлда сақталады)",
        "Ответы на вопросы, которых нет в этой версии формы (сохраняются в файле)",
        "Answers to questions this version of the form does not have (kept in the file)"
    ),
    QuantitativeIndicators => ("Сандық көрсеткіштер", "Количественные показатели", "Quantitative indicators"),
    QualitativeIndicators => ("Сапалық көрсеткіштер", "Качественные показатели", "Qualitative indicators"),
    ItemName => ("Атауы", "Наименование", "Name"),
    Version => ("нұсқа", "версия", "version"),
    ShareUndefined => ("бөлгіш 0", "делитель 0", "denominator 0"),

    OrphansKept => ("Нысанның басқа нұсқасының жауаптары сақталды", "Сохранены ответы другой версии формы", "Answers kept from another version of the form"),
    CannotWriteHere => ("Бұл қалтаға жазу мүмкін емес: есеп тек оқу үшін ашылды", "В эту папку нельзя писать: отчёт открыт только для чтения", "This folder cannot be written to: the report is open read-only"),
    Findings => ("Сыбайлас жемқорлық тәуекелдері", "Коррупционные риски", "Corruption-risk findings"),
    FindingsShort => ("Тәуекел", "Рисков", "Findings"),
    NoFindings => ("Сыбайлас жемқорлық тәуекелдері табылмады", "Коррупционные риски не выявлены", "No corruption-risk findings"),
    Recommendation => ("Ұсыныс", "Рекомендация", "Recommendation"),
    Evidence => ("Негіз (жауаптар)", "Основание (ответы)", "Evidence (answers)"),
    FindingsHint => ("↑↓ таңдау · Enter — сұраққа өту · Esc — жабу", "↑↓ выбор · Enter — перейти к вопросу · Esc — закрыть", "↑↓ choose · Enter go to the question · Esc close"),
    DescFindings => ("Сыбайлас жемқорлық тәуекелдері; сұраққа өту", "Коррупционные риски; переход к вопросу", "Corruption-risk findings; go to the question"),
    // Documents.
    ReportTitle => ("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау нәтижелері бойынша талдамалық анықтама", "Аналитическая справка по результатам внутреннего анализа коррупционных рисков", "Analytical report on the internal analysis of corruption risks"),
    DraftMark => ("ЖОБА: жұмыс тобы өңдеп, толықтыруы тиіс", "ПРОЕКТ: подлежит доработке рабочей группой", "DRAFT: for the working group to edit"),
    ReportBasis => ("Ішкі талдау жұмыс тобымен мына актіге сәйкес жүргізілді:", "Внутренний анализ проведён рабочей группой в соответствии с актом:", "The internal analysis was carried out by the working group under the"),
    DirectionsAnalysed => ("Талданған бағыттар", "Проанализированные направления", "Directions analysed"),
    NotPerformed => ("ұйым бұл функцияны атқармайды", "организация эту функцию не осуществляет", "not performed by the organisation"),
    NothingListed => ("ештеңе көрсетілмеген", "ничего не указано", "nothing listed"),
    Analysed => ("талданды", "проанализировано", "analysed"),
    NoFindingsIn => ("Тәуекел анықталмаған бөлімдер", "Разделы, где риски не выявлены", "No findings in"),
    ColWhere => ("Қай жерде", "Где", "Where"),
    ColRisk => ("Сыбайлас жемқорлық тәуекелі", "Коррупционный риск", "Corruption risk"),
    WorkingGroup => ("Жұмыс тобы", "Рабочая группа", "Working group"),
    SignatureLine => ("(лауазымы, аты-жөні, қолы)", "(должность, Ф.И.О., подпись)", "(post, name, signature)"),
    Date => ("Күні", "Дата", "Date"),
    ColNo => ("р/с №", "№ п/п", "No."),
    ColQuantitative => ("Сандық көрсеткіштер", "Количественные показатели", "Quantitative indicators"),
    ColQualitative => ("Сапалық көрсеткіштер (мәселенің сипаттамасы, үлгілер)", "Качественные показатели (описание проблемы, примеры)", "Qualitative indicators (description of the problem, examples)"),
    Approve => ("БЕКІТЕМІН", "УТВЕРЖДАЮ", "APPROVED"),
    PeriodAnalysed => ("Талданатын кезең", "Анализируемый период", "Period analysed"),
    Total => ("Барлығы", "Итого", "Total"),
    Organisation => ("Ұйым", "Организация", "Organisation"),
    Incomplete => ("Толық толтырылмаған", "Заполнены не полностью", "Incomplete"),
    File => ("Файл", "Файл", "File"),
    HeldByOther => ("бұл есепті басқа saualnama ашып отыр", "этот отчёт открыт в другом saualnama", "this report is open in another saualnama"),
    OpenReadOnly => ("Тек оқу үшін ашу керек пе?", "Открыть только для чтения?", "Open it read-only?"),
    CannotLock => ("есепті ұстап алу мүмкін болмады", "не удалось занять отчёт", "cannot take the lock"),
    CrashSaved => ("ішкі қатеге байланысты тоқтады; жауаптар мына файлда сақталды:", "остановлено из-за внутренней ошибки; ответы сохранены в", "stopped by an internal error; the answers are saved in"),
    CrashNotSaved => ("ішкі қатеге байланысты тоқтады, жауаптарды сақтау мүмкін болмады", "остановлено из-за внутренней ошибки, ответы сохранить не удалось", "stopped by an internal error, and the answers could not be saved"),
    ReportNeedsFilledForm => ("талдамалық анықтама толтырылған есептен docx, html немесе md түрінде жасалады", "аналитическая справка составляется по заполненному отчёту, в docx, html или md", "the analytical report is drawn from a filled report, as docx, html or md"),
    BlankFormats => ("бос нысан docx, html немесе md түрінде шығарылады", "пустая форма выгружается в docx, html или md", "a blank form exports as docx, html or md"),
    DocxNotToStdout => ("Word құжаты stdout-қа шығарылмайды: -o арқылы файл атын беріңіз", "документ Word не выводится в stdout: укажите файл через -o", "a Word document does not go to stdout; name a file with -o"),
    SameFormOnly => ("тек бір нысанның есептері қосылады", "складываются только отчёты одной формы", "only reports of the same form add up"),
    // The form editor.
    ReadOnlyRefused => ("Тек оқу үшін ашылған: өзгерту мүмкін емес", "Открыто только для чтения: изменения невозможны", "Opened read-only: changes are not possible"),
    EndOfForm => ("Нысанның соңы. Ctrl-U — толтырылмаған сұрақ, Ctrl-Q — сақтап шығу", "Конец формы. Ctrl-U — незаполненный вопрос, Ctrl-Q — сохранить и выйти", "End of the form. Ctrl-U: next unanswered, Ctrl-Q: save and quit"),
    ItemAdded => ("Жаңа жол қосылды: атауын жазыңыз", "Добавлена строка: введите наименование", "Item added: type its name"),
    ItemDeleted => ("Жол жойылды", "Строка удалена", "Item deleted"),
    NoSuchQuestion => ("Мұндай сұрақ жоқ", "Нет такого вопроса", "No such question"),
    NotFound => ("Табылмады", "Не найдено", "Not found"),
    DeleteCancelled => ("Жою тоқтатылды", "Удаление отменено", "Delete cancelled"),
    AllAnswered => ("Барлық сұрақ толтырылды", "Все вопросы заполнены", "Every question is answered"),
    NotRepeatable => ("Бұл бөлімде жолдар жоқ", "В этом разделе нет строк", "This part has no items"),
    Reverted => ("Өзгеріс болдырылмады", "Изменение отменено", "Change reverted"),
    SingleLine => ("Бұл өріс бір жолды", "Это поле в одну строку", "This field is a single line"),
    PressYesNo => ("y (иә) немесе n (жоқ) басыңыз", "Нажмите y (да) или n (нет)", "Press y (yes) or n (no)"),
    DigitsOnly => ("Тек сандар: 0 немесе одан үлкен бүтін сан", "Только цифры: целое число 0 или больше", "Digits only: a whole number, 0 or more"),
    PercentOnly => ("Пайыз: 0-ден 100-ге дейінгі сан", "Процент: число от 0 до 100", "Percent: a number from 0 to 100"),
    MonthOnly => ("Ай: ЖЖЖЖ-АА (мысалы 2017-01)", "Месяц: ГГГГ-ММ (например 2017-01)", "Month: YYYY-MM (e.g. 2017-01)"),
    TooLarge => ("Сан тым үлкен", "Число слишком велико", "The number is too large"),
    AddItemHint => ("Enter — жаңа жол қосу, Tab — әрі қарай", "Enter — добавить строку, Tab — дальше", "Enter adds an item, Tab moves on"),
    Saved => ("сақталды", "сохранено", "saved"),
    Unsaved => ("сақталмаған", "не сохранено", "unsaved"),
    SaveFailed => ("САҚТАЛМАДЫ", "НЕ СОХРАНЕНО", "NOT SAVED"),
    ReadOnly => ("тек оқу", "только чтение", "read-only"),
    Answer => ("Жауап", "Ответ", "Answer"),
    Comment => ("Түсініктеме", "Комментарий", "Comment"),
    TypeCount => ("сан", "число", "count"),
    TypePercent => ("пайыз", "процент", "percent"),
    TypeYesNo => ("иә / жоқ", "да / нет", "yes / no"),
    TypeText => ("мәтін", "текст", "text"),
    TypeMonth => ("ай", "месяц", "month"),
    HintCount => ("Тек сандар. Ctrl-O — 0 деп жауап беру", "Только цифры. Ctrl-O — ответить 0", "Digits only. Ctrl-O answers 0"),
    HintPercent => ("0–100. Ctrl-O — 100%", "0–100. Ctrl-O — 100%", "0–100. Ctrl-O answers 100%"),
    HintYesNo => ("y — иә, n — жоқ (Н/Т пернелері де), содан кейін түсініктеме. Ctrl-O — жоқ", "y — да, n — нет (клавиши Н/Т тоже), затем комментарий. Ctrl-O — нет", "y: yes, n: no (the Н/Т keys too), then a comment. Ctrl-O answers no"),
    HintText => ("Ctrl-J немесе Alt-Enter — жаңа жол. Ctrl-O — «жоқ»", "Ctrl-J или Alt-Enter — новая строка. Ctrl-O — «нет»", "Ctrl-J or Alt-Enter: new line. Ctrl-O answers “none”"),
    HintMonth => ("ЖЖЖЖ-АА, мысалы 2017-01", "ГГГГ-ММ, например 2017-01", "YYYY-MM, e.g. 2017-01"),
    HintName => ("Атауын жазып, Enter басыңыз", "Введите наименование и нажмите Enter", "Type the name and press Enter"),
    AddAnother => ("Тағы қосу", "Добавить ещё", "Add another"),
    NoItemsYet => ("Әзірге жол жоқ. Ұйым бұл функцияны атқармаса, Tab басып өте беріңіз", "Строк пока нет. Если организация не выполняет эту функцию, нажмите Tab", "No items yet. If the organisation does not do this, press Tab to move on"),
    Outline => ("Мазмұны", "Оглавление", "Outline"),
    Summary => ("Жиынтық", "Сводка", "Summary"),
    Errors => ("Қате", "Ошибок", "Errors"),
    Warnings => ("Ескерту", "Предупреждений", "Warnings"),
    Help => ("Пернелер", "Клавиши", "Keys"),
    HelpClose => ("Кез келген перне — жабу, ↑↓ — айналдыру", "Любая клавиша — закрыть, ↑↓ — прокрутка", "Any key closes, ↑↓ scroll"),
    GoToPrompt => ("Сұрақ нөмірі (3.10, 1.2.13, 4.Q2):", "Номер вопроса (3.10, 1.2.13, 4.Q2):", "Question number (3.10, 1.2.13, 4.Q2):"),
    SearchPrompt => ("Сұрақ мәтінінен іздеу:", "Поиск в тексте вопросов:", "Search the questions:"),
    ItemMenu => ("Жолдар: Insert/+ қосу · Enter атын өзгерту · Delete/- жою · ↑↓ жылжыту · Esc", "Строки: Insert/+ добавить · Enter переименовать · Delete/- удалить · ↑↓ переместить · Esc", "Items: Insert/+ add · Enter rename · Delete/- delete · ↑↓ move · Esc"),
    ConfirmDelete => ("Жолды барлық жауабымен жою керек пе? y — иә, n — жоқ", "Удалить строку со всеми ответами? y — да, n — нет", "Delete the item with all its answers? y: yes, n: no"),
    TooSmall => ("Терезе тым кішкентай. Кемінде керек:", "Окно слишком маленькое. Нужно не меньше:", "The terminal is too small. It needs at least:"),
    Now => ("қазір", "сейчас", "now"),
    KeyHelp => ("көмек", "помощь", "help"),
    KeyQuit => ("шығу", "выход", "quit"),
    KeyGoTo => ("нөмір", "номер", "go to"),
    KeyLang => ("тіл", "язык", "language"),
    DescMove => ("Келесі / алдыңғы сұрақ (жауапты сақтайды)", "След. / пред. вопрос (ответ сохраняется)", "Next / previous question (keeps the answer)"),
    DescEnter => ("Жауапты бекітіп, әрі қарай", "Подтвердить ответ и дальше", "Commit the answer and move on"),
    DescNewline => ("Мәтінде жаңа жол", "Новая строка в тексте", "New line in a text answer"),
    DescQuick => ("Жиі жауап: «жоқ», 0, 100%", "Частый ответ: «нет», 0, 100%", "Commonest answer: “none”, 0, 100%"),
    DescYesNo => ("Иә / жоқ (орыс/қазақ пернетақтасында Н / Т)", "Да / нет (на кириллице — клавиши Н / Т)", "Yes / no (Н / Т on a Cyrillic layout)"),
    DescAnnex => ("Келесі / алдыңғы қосымша", "Следующее / предыдущее приложение", "Next / previous annex"),
    DescGoTo => ("Нөмір бойынша сұраққа өту (3.10, 1.2.13)", "Перейти к вопросу по номеру (3.10, 1.2.13)", "Go to a question by number (3.10, 1.2.13)"),
    DescUnanswered => ("Келесі толтырылмаған сұрақ", "Следующий незаполненный вопрос", "Next unanswered question"),
    DescProblem => ("Келесі қате немесе ескерту", "Следующая ошибка или предупреждение", "Next error or warning"),
    DescSearch => ("Сұрақ мәтінінен іздеу", "Поиск в тексте вопросов", "Search the question texts"),
    DescAddItem => ("Жол қосу (қызмет, функция, акт)", "Добавить строку (услугу, функцию, акт)", "Add an item (service, function, act)"),
    DescItemMenu => ("Жолдар: қосу, атын өзгерту, жою, жылжыту", "Строки: добавить, изменить, удалить, сдвинуть", "Items: add, rename, delete, move"),
    DescUndo => ("Болдырмау / қайтару", "Отменить / вернуть", "Undo / redo"),
    DescRevert => ("Сақталған жауапқа қайту", "Вернуть сохранённый ответ", "Back to the stored answer"),
    DescPanels => ("Мазмұны / жиынтық (кіші терезеде)", "Оглавление / сводка (в маленьком окне)", "Outline / summary (on a small screen)"),
    DescLang => ("Тілді ауыстыру: қазақша → русский → English", "Сменить язык: қазақша → русский → English", "Switch language: қазақша → русский → English"),
    DescSave => ("Сақтау (әр жауаптан кейін өзі де сақталады)", "Сохранить (и так сохраняется после ответа)", "Save (it also happens after every answer)"),
    DescQuit => ("Сақтап шығу", "Сохранить и выйти", "Save and quit"),
    DescHelp => ("Осы көмек", "Эта справка", "This help"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_there_in_every_language() {
        for t in Ui::ALL {
            for l in Lang::ALL {
                assert!(!t.get(l).trim().is_empty(), "{t:?} in {l}");
            }
        }
    }
}
