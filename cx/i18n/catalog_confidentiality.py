"""Employee confidentiality strings: survey rounds, the minimum, comments, exports."""

EN = {
    "conf.none": "no answers",
    "conf.round": "{first} – {last}",
    "conf.rounds": "Employee figures count whole survey rounds: {rounds}.",
    "conf.no_round": "No employee survey round in this period.",
    "conf.rounds_rule": "A survey round counts in the period that holds its middle answer, and always whole, "
                        "so that no two periods can be subtracted to read a few people's answers.",
    "conf.setting.range_app": "In the app the confidentiality minimum can be set from {low} to {high} "
                              "(got {value}); only the command line may go down to 3.",
    "conf.setting.range_cli": "The confidentiality minimum must be from {low} to {high} (the contract's floor "
                              "is 3); got {value}.",
    "conf.setting.low_warning": "Warning: with a confidentiality minimum of {value}, employee figures are shown "
                                "for groups of {value} people, in which a colleague may guess who answered "
                                "what. The app never sets it below 5.",
    "conf.setting.set": "Confidentiality minimum of workspace '{workspace}': {value}.",
    "conf.setting.cli_value": "Set from the command line to {value}; the app can only raise it, to 5 or more.",
    "conf.comments.title": "What staff wrote",
    "conf.comments.caption": "{unit}, survey rounds {rounds}: {count} comments, in alphabetical order (no "
                             "dates or roles). Comments are shown only for groups of at least {minimum} "
                             "answers, because text identifies people more easily than numbers.",
    "conf.comments.none": "No comments from {unit} in these survey rounds.",
    "conf.comments.withheld": "Staff comments are shown only for groups of at least {minimum} answers whose "
                              "figures are shown; {unit} in these survey rounds is not such a group, so its "
                              "comments stay confidential.",
    "conf.comments.column": "Comment",
    "conf.export.note": "Employee answers never leave the app row by row: the export holds the protected "
                        "employee figures per survey round and unit (employee_figures) instead.",
    "conf.export.personal": "Note: employee_responses holds personal data (each employee's answers with unit, "
                            "role and time). Keep these files as safe as the workspace itself; share employee "
                            "figures from the app or `summary` instead.",
}

FI = {
    "conf.none": "ei vastauksia",
    "conf.round": "{first} – {last}",
    "conf.rounds": "Henkilöstöluvut lasketaan kokonaisista kyselykierroksista: {rounds}.",
    "conf.no_round": "Tällä jaksolla ei ole henkilöstökyselyn kierrosta.",
    "conf.rounds_rule": "Kyselykierros lasketaan sille jaksolle, jolle sen keskimmäinen vastaus osuu, ja aina "
                        "kokonaisena, jotta kahta jaksoa vähentämällä ei voi lukea muutaman ihmisen vastauksia.",
    "conf.setting.range_app": "Sovelluksessa luottamuksellisuuden vähimmäismäärä voi olla {low}–{high} "
                              "(annettu {value}); vain komentorivillä sen voi laskea kolmeen.",
    "conf.setting.range_cli": "Luottamuksellisuuden vähimmäismäärän on oltava {low}–{high} (sopimuksen alaraja "
                              "on 3); annettu {value}.",
    "conf.setting.low_warning": "Varoitus: kun luottamuksellisuuden vähimmäismäärä on {value}, henkilöstöluvut "
                                "näytetään jo {value} hengen ryhmistä, joissa kollega voi arvata, kuka vastasi "
                                "mitäkin. Sovellus ei koskaan aseta sitä alle viiden.",
    "conf.setting.set": "Työtilan '{workspace}' luottamuksellisuuden vähimmäismäärä: {value}.",
    "conf.setting.cli_value": "Asetettu komentoriviltä arvoon {value}; sovelluksessa sitä voi vain nostaa "
                              "vähintään viiteen.",
    "conf.comments.title": "Mitä henkilöstö kirjoitti",
    "conf.comments.caption": "{unit}, kyselykierrokset {rounds}: {count} kommenttia aakkosjärjestyksessä "
                             "(ilman päivämääriä ja rooleja). Kommentit näytetään vain vähintään {minimum} "
                             "vastauksen ryhmistä, koska teksti paljastaa vastaajan helpommin kuin luvut.",
    "conf.comments.none": "Yksiköstä {unit} ei ole kommentteja näillä kyselykierroksilla.",
    "conf.comments.withheld": "Henkilöstön kommentit näytetään vain vähintään {minimum} vastauksen ryhmistä, "
                              "joiden luvut näytetään; {unit} näillä kyselykierroksilla ei ole sellainen ryhmä, "
                              "joten sen kommentit pysyvät luottamuksellisina.",
    "conf.comments.column": "Kommentti",
    "conf.export.note": "Henkilöstön vastauksia ei viedä sovelluksesta rivi riviltä: vienti sisältää niiden "
                        "sijaan suojatut henkilöstöluvut kyselykierroksittain ja yksiköittäin "
                        "(employee_figures).",
    "conf.export.personal": "Huom: employee_responses sisältää henkilötietoja (jokaisen työntekijän vastaukset "
                            "yksikön, roolin ja ajan kanssa). Säilytä tiedostot yhtä turvallisesti kuin "
                            "työtila; jaa henkilöstöluvut sovelluksesta tai summary-komennolla.",
}
