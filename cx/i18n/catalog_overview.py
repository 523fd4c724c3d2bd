"""Overview page strings."""

EN = {
    "tile.relationship_nps": "Relationship NPS",
    "tile.transaction_nps": "Transaction NPS",
    "overview.period": "{start} – {end}, compared with the previous period of equal length (whole calendar "
                       "months when the period is whole months).",
    "overview.how_to_read": "Each figure shows its 95% interval and n. A change is called significant only "
                            "when it passes the correction for many comparisons over the tiles (its own "
                            "interval excluding zero is not enough when several are read at once); figures "
                            "from fewer answers than the workspace minimum read 'too few answers'.",
    "pooled.weighted": "weighted by contact volume",
    "pooled.plain": "not weighted by contact volume: no volume on the journey map for {touchpoints}",
    "pooled.left_out": "{metric}: left out, no answers: {touchpoints}",
    "pooled.tiles": "Transaction figures pool the touchpoints weighted by their contacts a month (the journey "
                    "map's volume), so moving measurement between touchpoints does not move them.",
    "many.count": "{n} comparisons; flagged after correcting for many comparisons (Benjamini–Hochberg, "
                  "false discovery rate 5%).",
    "many.one": "1 comparison; flagged when its own interval excludes zero (nothing to correct for).",
    "many.none": "No changes to compare against the comparison period.",
    "overview.holds": "What this workspace holds",
    "overview.table": "Table",
    "overview.rows": "Rows",
    "overview.span": "Answers from {first} to {last}. Last import {imported}.",
    "overview.where_next": "Where to look next",
    "overview.go_journey": "Where along the journey do customers struggle, and what drives NPS?",
    "overview.go_linkage": "Do units with better employee experience serve customers better?",
    "overview.go_simulator": "Move the movable measurement pool to where problems are",
    "overview.go_data": "Upload your own survey export",
    "table.customer_responses": "Customer answers",
    "table.employee_responses": "Employee answers",
    "table.touchpoints": "Touchpoints (journey map)",
    "table.measurement_plan": "Measurement plan",
    "table.outcomes": "Business outcomes",
}

FI = {
    "tile.relationship_nps": "Asiakassuhteen NPS",
    "tile.transaction_nps": "Asioinnin NPS",
    "overview.period": "{start} – {end}, verrattuna edelliseen yhtä pitkään jaksoon (kokonaisina "
                       "kalenterikuukausina, kun jakso on kokonaisia kuukausia).",
    "overview.how_to_read": "Jokaisen luvun yhteydessä näkyy 95 %:n luottamusväli ja vastausten määrä n. "
                            "Muutos on merkitsevä vain, kun se läpäisee monen vertailun korjauksen korttien "
                            "kesken (oman välin nollan poissulkeminen ei riitä, kun useaa luetaan yhtä aikaa); "
                            "jos vastauksia on alle työtilan minimin, luvun sijaan lukee 'liian vähän vastauksia'.",
    "pooled.weighted": "painotettu kontaktimäärillä",
    "pooled.plain": "ei painotettu kontaktimäärillä: polkukartalla ei ole volyymia kohteille {touchpoints}",
    "pooled.left_out": "{metric}: jätetty pois, ei vastauksia: {touchpoints}",
    "pooled.tiles": "Asioinnin luvut yhdistävät kosketuspisteet painotettuina niiden kuukausittaisilla "
                    "kontakteilla (polkukartan volyymi), joten mittausten siirtäminen kosketuspisteestä toiseen "
                    "ei liikuta niitä.",
    "many.count": "{n} vertailua; merkitsevät korjattu monen vertailun varalta (Benjamini–Hochberg, "
                  "väärien löydösten osuus 5 %).",
    "many.one": "1 vertailu; merkitsevä, kun sen oma väli ei sisällä nollaa (ei korjattavaa).",
    "many.none": "Ei muutoksia verrattavana vertailujaksoon.",
    "overview.holds": "Mitä työtilassa on",
    "overview.table": "Taulu",
    "overview.rows": "Rivejä",
    "overview.span": "Vastauksia {first} – {last}. Viimeisin tuonti {imported}.",
    "overview.where_next": "Mihin katsoa seuraavaksi",
    "overview.go_journey": "Missä kohtaa polkua asiakkaat takkuavat ja mikä selittää NPS:ää?",
    "overview.go_linkage": "Palvelevatko yksiköt, joiden henkilöstökokemus on parempi, "
                           "asiakkaita paremmin?",
    "overview.go_simulator": "Siirrä siirrettävät mittaukset ongelmakohtiin",
    "overview.go_data": "Tuo oma kyselyaineistosi",
    "table.customer_responses": "Asiakasvastaukset",
    "table.employee_responses": "Henkilöstövastaukset",
    "table.touchpoints": "Kosketuspisteet (polkukartta)",
    "table.measurement_plan": "Mittaussuunnitelma",
    "table.outcomes": "Liiketoiminnan tulokset",
}
