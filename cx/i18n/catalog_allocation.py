"""Messages of the measurement allocation rules and scenarios (cx/allocation.py, cx/measurement.py)."""

EN = {
    "alloc.variance_range": "An NPS variance must lie between 0 and 1.",
    "alloc.unknown_problem": "Unknown problem criterion '{criterion}': use one of {choices}.",
    "alloc.not_whole.minimum": "The minimum per touchpoint must be a whole number.",
    "alloc.not_whole.budget": "The budget in measurements must be a whole number.",
    "alloc.not_whole.manual": "The hand-set number of measurements must be a whole number.",
    "alloc.minimum_negative": "The minimum per touchpoint cannot be negative.",
    "alloc.unknown_rule": "Unknown rule '{rule}': use one of {choices}.",
    "alloc.budget_kind": "The budget is given either in measurements ('count') or in euros ('euros').",
    "alloc.needs_variance": "Each touchpoint needs its NPS variance.",
    "alloc.needs_cost": "Every touchpoint needs a unit cost above zero for a budget in euros.",
    "alloc.budget_negative": "The budget must be zero or more.",
    "alloc.minimums_over_budget.count": "The minimums need {need} measurements, more than the budget of {budget}: "
                                        "lower the minimum or raise the budget.",
    "alloc.minimums_over_budget.euros": "The minimums need {need} €, more than the budget of {budget}: "
                                        "lower the minimum or raise the budget.",
    "alloc.needs_figures": "The problem-spot rule needs the touchpoints' recent figures.",
    "alloc.problem_count": "There must be one problem score per touchpoint.",
    "alloc.manual_missing": "Set the movable measurements for each touchpoint.",
    "alloc.manual_count": "Give one hand-set value for each of the {k} touchpoints.",
    "alloc.manual_below_minimum": "Each touchpoint needs at least its minimum of {minimum} movable measurements.",
    "alloc.manual_over_budget.count": "The hand-set plan uses {total} measurements, more than the budget of {budget}.",
    "alloc.manual_over_budget.euros": "The hand-set plan uses {total} €, more than the budget of {budget}.",
    "scenario.needs_name": "Give the scenario a name.",
    "scenario.missing": "There is no scenario called '{name}'.",
}

FI = {
    "alloc.variance_range": "NPS:n varianssin on oltava välillä 0–1.",
    "alloc.unknown_problem": "Tuntematon ongelmaperuste '{criterion}': käytä jotakin näistä: {choices}.",
    "alloc.not_whole.minimum": "Vähimmäismäärän kosketuspistettä kohden on oltava kokonaisluku.",
    "alloc.not_whole.budget": "Mittauksina annetun budjetin on oltava kokonaisluku.",
    "alloc.not_whole.manual": "Käsin asetetun mittausmäärän on oltava kokonaisluku.",
    "alloc.minimum_negative": "Vähimmäismäärä kosketuspistettä kohden ei voi olla negatiivinen.",
    "alloc.unknown_rule": "Tuntematon sääntö '{rule}': käytä jotakin näistä: {choices}.",
    "alloc.budget_kind": "Budjetti annetaan joko mittauksina ('count') tai euroina ('euros').",
    "alloc.needs_variance": "Jokainen kosketuspiste tarvitsee NPS-varianssinsa.",
    "alloc.needs_cost": "Euromääräinen budjetti edellyttää jokaiselle kosketuspisteelle nollaa suurempaa "
                        "yksikköhintaa.",
    "alloc.budget_negative": "Budjetin on oltava nolla tai enemmän.",
    "alloc.minimums_over_budget.count": "Vähimmäismäärät vaativat {need} mittausta, enemmän kuin budjetin {budget}: "
                                        "laske vähimmäismäärää tai kasvata budjettia.",
    "alloc.minimums_over_budget.euros": "Vähimmäismäärät vaativat {need} €, enemmän kuin budjetin {budget}: "
                                        "laske vähimmäismäärää tai kasvata budjettia.",
    "alloc.needs_figures": "Ongelmakohtasääntö tarvitsee kosketuspisteiden tuoreet luvut.",
    "alloc.problem_count": "Jokaisella kosketuspisteellä on oltava yksi ongelmapistemäärä.",
    "alloc.manual_missing": "Aseta siirrettävät mittaukset jokaiselle kosketuspisteelle.",
    "alloc.manual_count": "Anna yksi käsin asetettu arvo kullekin {k} kosketuspisteelle.",
    "alloc.manual_below_minimum": "Jokainen kosketuspiste tarvitsee vähintään {minimum} siirrettävää mittausta.",
    "alloc.manual_over_budget.count": "Käsin asetettu suunnitelma käyttää {total} mittausta, enemmän kuin budjetin "
                                      "{budget}.",
    "alloc.manual_over_budget.euros": "Käsin asetettu suunnitelma käyttää {total} €, enemmän kuin budjetin {budget}.",
    "scenario.needs_name": "Anna skenaariolle nimi.",
    "scenario.missing": "Skenaariota '{name}' ei ole.",
}
