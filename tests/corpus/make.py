"""Writes the findings corpus: plausible reports of other organisations, each with the findings a
compliance officer expects written beside it (NAME.expected: one line per finding, «severity annex
item rule», item 0 for a single annex). Run it after changing a report here; the test reads the files.
The expectations are written from the answers, not from the program's output."""
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))

def head(org, lang):
    return {"organisation": org, "head": "Басшы / Руководитель", "period_from": "2025-01", "period_to": "2025-12"}

def service(name, **kw):
    a = {"services_rendered": 120, "via_state_corporation": 80, "via_provider_office": 40, "refusals": 0,
         "deadline_violations": 0, "complaints_staff": 0, "complaints_quality": 0, "complaints_deadlines": 0,
         "complaints_other": 0, "regulation_matches_standard": 100, "regulation_matches_practice": 100,
         "discretion_in_legal_acts": {"yes": False}, "legal_conflicts_unregulated": {"yes": False},
         "additional_documents_demanded": {"yes": False}, "standard_has_refusal_grounds": {"yes": True},
         "paid_documents_from_other_bodies": {"yes": False}, "deadline_extension_norm": {"yes": False},
         "blurred_responsibility": {"yes": False}, "direct_contact_with_recipient": {"yes": False}}
    a.update(kw)
    return {"name": name, "answers": {k: v for k, v in a.items() if v is not None}}

def permit(name, **kw):
    a = {"permits_issued": 30, "via_state_corporation": 30, "refusals": 0, "deadline_violations": 0,
         "complaints_staff": 0, "complaints_quality": 0, "complaints_deadlines": 0, "complaints_other": 0,
         "regulation_matches_standard": 100, "regulation_matches_practice": 100,
         "discretion_in_legal_acts": {"yes": False}, "legal_conflicts_unregulated": {"yes": False},
         "additional_documents_demanded": {"yes": False}, "standard_has_refusal_grounds": {"yes": True},
         "paid_documents_from_other_bodies": {"yes": False}, "own_documents_required": {"yes": False},
         "deadline_extension_norm": {"yes": False}, "blurred_responsibility": {"yes": False},
         "direct_contact_with_applicant": {"yes": False}, "collegial_body_decides": {"yes": False},
         "duplicated_approval_stages": {"yes": False}}
    a.update(kw)
    return {"name": name, "answers": {k: v for k, v in a.items() if v is not None}}

def control(name, **kw):
    a = {"inspections": 20, "unscheduled": 4, "by_risk_groups": 16, "violations_found": 0, "deadline_violations": 0,
         "complaints_staff": 0, "complaints_quality": 0, "complaints_deadlines": 0, "complaints_other": 0,
         "discretion_in_legal_acts": {"yes": False}, "legal_conflicts_unregulated": {"yes": False},
         "conflict_of_interest_rules_observed": {"yes": True}, "control_questions_fully_covered": {"yes": True},
         "checklists_incomplete": {"yes": False}, "control_stopped": {"yes": False},
         "direct_contact_with_entity": {"yes": False}}
    a.update(kw)
    return {"name": name, "answers": {k: v for k, v in a.items() if v is not None}}

def personnel(**kw):
    a = {"staff_planned": 40, "staff_actual": 38, "vacancies": 2, "dismissed_own_will": 3, "dismissed_negative": 0,
         "dismissed_other": 1, "negative_motives": 0, "promoted": 2, "rotations": 0, "internal_investigations": 1,
         "penalty_remark": 1, "penalty_reprimand": 0, "penalty_severe_reprimand": 0,
         "penalty_incomplete_compliance": 0, "penalty_dismissal": 0, "penalties_without_investigation": 0,
         "penalties_appealed": 0, "penalties_cancelled": 0, "conflict_of_interest_cases": 0,
         "commissions_duly_approved": {"yes": True}, "training_observed": {"yes": True},
         "restriction_breaches": {"yes": False}, "appraisal_appeals": {"yes": False},
         "early_lifting_of_penalties": {"yes": False}, "hiring_prior_offenders": {"yes": False},
         "offences_in_service": {"yes": False}}
    a.update(kw)
    return {"answers": {k: v for k, v in a.items() if v is not None}}

def act(name, **kw):
    return {"name": name, "answers": {k: v for k, v in kw.items() if v is not None}}

def report(lang, org, services=(), permits=(), controls=(), pers=None, acts=()):
    secs = {"public_services": {"items": list(services)} if services else {},
            "permits": {"items": list(permits)} if permits else {},
            "control_functions": {"items": list(controls)} if controls else {},
            "personnel": pers or {},
            "legal_acts": {"items": list(acts)} if acts else {}}
    return {"format": "saualnama-session/1",
            "questionnaire": {"id": "corruption-risk-internal-analysis", "version": "2016-10-19.1"},
            "language": lang, "created": "2026-01-15T09:00:00Z", "modified": "2026-01-15T09:00:00Z",
            "header": head(org, lang), "sections": secs}

N = {"no": None}
CORPUS = {}

# 1. A clean organisation, in Kazakh, saying "nothing" in the ways people write it.
CORPUS["01-clean-kk"] = (report("kk", "«Ақбұлақ» мемлекеттік мекемесі",
    services=[service("Анықтама беру", refusal_grounds="Бас тарту фактілері болған жоқ.",
                      deadline_violation_reasons="Мерзімдер бұзылған жоқ", complaint_subjects="Шағымдар түскен жоқ",
                      public_information="Стенд, сайт, сенім телефоны бар.")],
    pers=personnel(why_no_investigation="Барлық жаза қызметтік тексеру нәтижесінде қолданылды.",
                   conflict_of_interest_causes="Мүдделер қақтығысы фактілері анықталған жоқ",
                   labour_discipline_breaches="Анықталған жоқ.", repeat_breaches="Орын алған жоқ"),
    acts=[act("Мемлекеттік көрсетілетін қызмет стандарты", secondary_acts="Бұйрық № 12",
              conflicts_and_discretion="Коллизиялар жоқ", unregulated_norms="Реттелмеген нормалар анықталған жоқ",
              risk_measures="Қажеттілік болған жоқ")]),
    [])

# 2. A clean organisation, in Russian.
CORPUS["02-clean-ru"] = (report("ru", "КГУ «Центр занятости»",
    services=[service("Регистрация безработных", refusal_grounds="Отказов не было",
                      deadline_violation_reasons="Нарушений сроков не выявлено", complaint_subjects="Отсутствуют")],
    controls=[control("Контроль за соблюдением трудового законодательства", violations_found=0,
                      violations_description="Не выявлено", measures_taken="Не требовались", appeals="Жалоб не поступало",
                      court_appeals="Отсутствуют")],
    pers=personnel(conflict_of_interest_causes="Фактов конфликта интересов не установлено"),
    acts=[act("Правила регистрации безработных", conflicts_and_discretion="Коллизий не выявлено",
              unregulated_norms="Все процессы урегулированы", risk_measures="—"),
          act("Приказ о порядке приёма документов", conflicts_and_discretion="Дискреционных полномочий нет",
              unregulated_norms="Не выявлено", risk_measures="Не требуются")]),
    [])

# 3. One permit with every risk of annex 2.
CORPUS["03-permits-every-risk"] = (report("ru", "ГУ «Управление архитектуры»",
    permits=[permit("Выдача архитектурно-планировочного задания", refusals=3, deadline_violations=2,
                    complaints_staff=2, complaints_quality=1, complaints_deadlines=1, complaints_other=0,
                    regulation_matches_standard=80, regulation_matches_practice=70,
                    refusal_grounds="—", deadline_violation_reasons="Загруженность специалистов",
                    complaint_subjects="На грубость специалиста и затягивание сроков",
                    discretion_in_legal_acts={"yes": True, "comment": "п. 12 Правил: «при необходимости»"},
                    legal_conflicts_unregulated={"yes": True}, additional_documents_demanded={"yes": True},
                    standard_has_refusal_grounds={"yes": False}, paid_documents_from_other_bodies={"yes": True},
                    own_documents_required={"yes": True}, deadline_extension_norm={"yes": True},
                    blurred_responsibility={"yes": True}, direct_contact_with_applicant={"yes": True},
                    collegial_body_decides={"yes": True, "comment": "градостроительный совет"},
                    duplicated_approval_stages={"yes": True})],
    pers=personnel()),
    ["risk permits 1 discretion", "risk permits 1 legal_conflicts", "risk permits 1 additional_documents",
     "risk permits 1 no_refusal_grounds", "risk permits 1 paid_documents", "risk permits 1 own_documents_required",
     "review permits 1 deadline_extension", "risk permits 1 blurred_responsibility", "review permits 1 collegial_body",
     "risk permits 1 duplicated_approval_stages", "risk permits 1 direct_contact",
     "risk permits 1 refusals_without_grounds", "risk permits 1 deadline_violations", "review permits 1 complaints",
     "risk permits 1 regulation_conformity"])

# 4. Control functions: violations found, measures left blank.
CORPUS["04-control-measures-blank"] = (report("kk", "Облыстық ветеринария басқармасы",
    controls=[control("Ветеринариялық бақылау", violations_found=5,
                      violations_description="5 шаруашылықта жануарларды бірдейлендіру жүргізілмеген")],
    pers=personnel()),
    ["risk control_functions 1 violations_without_measures"])

# 5. Control functions: "no measures" in words, in Russian and Kazakh; and one with real measures.
CORPUS["05-control-measures-worded"] = (report("ru", "Департамент санитарно-эпидемиологического контроля",
    controls=[control("Контроль объектов питания", violations_found=3, measures_taken="Меры не принимались"),
              control("Мектептерді бақылау", violations_found=2, measures_taken="Шаралар қолданылған жоқ"),
              control("Контроль аптек", violations_found=4,
                      measures_taken="Выдано 4 предписания, наложены штрафы на 2 субъекта")],
    pers=personnel()),
    ["risk control_functions 1 violations_without_measures", "risk control_functions 2 violations_without_measures"])

# 6. Personnel integrity risks.
CORPUS["06-personnel-integrity"] = (report("ru", "Акимат района",
    pers=personnel(restriction_breaches={"yes": True, "comment": "2 служащих занимались предпринимательством"},
                   early_lifting_of_penalties={"yes": True}, hiring_prior_offenders={"yes": True},
                   offences_in_service={"yes": True, "comment": "административное правонарушение"},
                   conflict_of_interest_cases=2,
                   conflict_of_interest_causes="Родственник в подчинении; урегулировано переводом",
                   commissions_duly_approved={"yes": False}, training_observed={"yes": False},
                   appraisal_appeals={"yes": True})),
    ["risk personnel 0 commissions_not_approved", "review personnel 0 training_not_observed",
     "risk personnel 0 restriction_breaches", "review personnel 0 appraisal_appeals",
     "risk personnel 0 early_lifting_of_penalties", "risk personnel 0 hiring_prior_offenders",
     "risk personnel 0 offences_in_service", "risk personnel 0 conflict_of_interest_cases"])

# 7. Consistent personnel data: nothing to say.
CORPUS["07-personnel-consistent"] = (report("kk", "Аудандық білім бөлімі",
    pers=personnel(staff_planned=55, staff_actual=55, vacancies=0, internal_investigations=3, penalty_remark=2,
                   penalty_reprimand=1, why_no_investigation="Барлық жаза бойынша тексеру жүргізілді",
                   conflict_of_interest_causes="Мүдделер қақтығысы тіркелмеген")),
    [])

# 8. Refusals: lawful ones with grounds, and ones without.
CORPUS["08-refusals"] = (report("kk", "Халыққа қызмет көрсету бөлімі",
    services=[service("Жер учаскесін беру", refusals=12,
                      refusal_grounds="Құжаттар топтамасы толық ұсынылмаған (Стандарттың 9-тармағы)"),
              service("Мұрағаттық анықтама беру", refusals=4, refusal_grounds="жоқ")],
    pers=personnel()),
    ["risk public_services 2 refusals_without_grounds"])

# 9. Blank breakdowns do not silence a rule, and say "not reported".
CORPUS["09-blank-breakdowns"] = (report("kk", "Қалалық тұрғын үй бөлімі",
    services=[service("Тұрғын үй кезегіне қою", refusals=5, refusal_grounds=None,
                      complaints_staff=None, complaints_quality=None, complaints_deadlines=None, complaints_other=None),
              service("Баспана беру", deadline_violations=2, complaints_staff=1, complaints_quality=None,
                      complaints_deadlines=None, complaints_other=None,
                      deadline_violation_reasons="Құжаттар кеш келісілді")],
    pers=personnel()),
    ["risk public_services 1 refusals_without_grounds", "risk public_services 2 deadline_violations",
     "review public_services 2 complaints"])

# 10. Legal acts with discretion and paid documents.
CORPUS["10-legal-acts"] = (report("ru", "Управление предпринимательства",
    acts=[act("Правила выдачи субсидий",
              conflicts_and_discretion="Пункт 7 позволяет комиссии по своему усмотрению продлевать срок рассмотрения заявки",
              unregulated_norms="Не урегулирован порядок возврата платы за выдачу справок банком",
              risk_measures=None),
          act("Приказ о комиссии по субсидиям",
              conflicts_and_discretion="Решение принимается «при наличии оснований» без перечня оснований",
              unregulated_norms="Не выявлено",
              risk_measures="Направлено письмо разработчику с предложением дополнить перечень оснований"),
          act("Регламент приёма документов", conflicts_and_discretion="Коллизий нет",
              unregulated_norms="Отсутствуют", risk_measures="Меры не принимались")],
    pers=personnel()),
    ["risk legal_acts 1 discretion_or_conflicts", "risk legal_acts 1 unregulated_norms",
     "risk legal_acts 1 no_risk_measures", "risk legal_acts 2 discretion_or_conflicts"])

# 11. Answers that read neither way: to review, not risks, not silence.
CORPUS["11-unclear"] = (report("ru", "Управление земельных отношений",
    controls=[control("Государственный контроль за использованием земель", violations_found=6,
                      measures_taken="Меры приняты частично")],
    acts=[act("Правила предоставления земельных участков",
              conflicts_and_discretion="Коллизий нет, однако пункт 5 допускает двоякое толкование",
              unregulated_norms="Нет чёткого порядка согласования с другими органами",
              risk_measures="Проект изменений разработан")],
    pers=personnel()),
    ["review control_functions 1 violations_without_measures", "review legal_acts 1 discretion_or_conflicts",
     "review legal_acts 1 unregulated_norms"])

# 12. Percent answers, "no" answers and control.
CORPUS["12-percent-and-no"] = (report("en", "Regional Department of Transport Control",
    services=[service("Issuing route permits", regulation_matches_standard=90, regulation_matches_practice=100,
                      standard_has_refusal_grounds={"yes": False}, deadline_extension_norm={"yes": True, "comment": "up to 10 days"})],
    controls=[control("Control of carriers", conflict_of_interest_rules_observed={"yes": False},
                      control_questions_fully_covered={"yes": False}, control_stopped={"yes": True},
                      appeals="Two carriers appealed the inspection acts to the department", court_appeals="None")],
    pers=personnel()),
    ["risk public_services 1 no_refusal_grounds", "review public_services 1 deadline_extension",
     "risk public_services 1 regulation_conformity",
     "risk control_functions 1 conflict_of_interest_rules_not_observed",
     "risk control_functions 1 control_questions_not_covered", "review control_functions 1 control_stopped",
     "review control_functions 1 appeals"])

# 13. Personnel figures that do not add up.
CORPUS["13-personnel-figures"] = (report("ru", "Районный отдел финансов",
    pers=personnel(staff_planned=30, staff_actual=33, vacancies=0, internal_investigations=1, penalty_remark=2,
                   penalty_reprimand=2, penalties_without_investigation=1, penalties_appealed=2, penalties_cancelled=1,
                   why_no_investigation="Замечания объявлены по докладной руководителя",
                   conflict_of_interest_cases=0,
                   conflict_of_interest_causes="Заместитель руководителя участвовал в закупке у фирмы брата; отстранён")),
    ["inconsistency personnel 0 staff_over_schedule", "inconsistency personnel 0 penalties_vs_investigations",
     "risk personnel 0 penalties_without_investigation", "review personnel 0 penalties_cancelled",
     "inconsistency personnel 0 conflicts_described_but_not_counted"])

# 14. Only the personnel annex filled: nothing else is analysed, and nothing is found there.
CORPUS["14-only-personnel"] = (report("kk", "Мәдениет үйі", pers=personnel()), [])

for name, (rep, expected) in CORPUS.items():
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(rep, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(HERE, name + ".expected"), "w") as f:
        f.write("".join(line + "\n" for line in expected))
