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
    NotApplicable => ("—", "—", "—"),
    ItemName => ("Атауы", "Наименование", "Name"),
    Version => ("нұсқа", "версия", "version"),
    ShareUndefined => ("бөлгіш 0", "делитель 0", "denominator 0"),
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
