"""Strings of the import pipeline (cx/imports): what it recognised and decided, what it asks,
why it stops. Values such as headers, questions and cell texts come from the file and are shown
as given; the wizard renders them as plain text."""

EN = {
    # recognise
    "imports.evidence.qualtrics_import_id": "an ImportId header row",
    "imports.evidence.qualtrics_columns": "the columns StartDate, EndDate, Status and ResponseId",
    "imports.evidence.surveymonkey": "the columns Respondent ID and Collector ID",
    "imports.evidence.typeform": "a first column '#' and Submit Date (UTC)",
    "imports.evidence.google_forms": "a first column 'Timestamp'",
    "imports.evidence.microsoft_forms": "the columns ID, Start time and Completion time",
    "imports.evidence.limesurvey_codes": "the columns id, submitdate and lastpage",
    "imports.evidence.limesurvey_text": "the columns Response ID, Date submitted and Last page",
    "imports.evidence.questback": "the columns lfdn and dispcode",
    "imports.evidence.zendesk": "the columns ticket_id, score and created_at",
    "imports.evidence.peakon": "the columns answerScore and answerId",
    "imports.evidence.culture_amp": "an Employee Id column and Culture Amp's standard questions",
    "imports.evidence.webropol": "Webropol's Finnish respondent columns (a guess: Webropol's export is not documented)",
    "imports.tool.recognised": "Recognised a {tool} export (from {evidence}).",
    "imports.tool.preview_rows": "Rows whose {column} is a preview, test or spam response ({values}) are left out.",
    "imports.tool.time_zone": "The times in the file are in the {zone} time zone; they are converted to the "
                              "workspace's time zone.",
    "imports.tool.us_dates": "{tool} writes dates month first (MM/DD/YYYY); they are read that way.",
    "imports.tool.incomplete_left_out": "Rows with an empty {column} are unfinished responses: left out.",
    "imports.tool.missing_codes": "The codes {codes} mean 'not seen' or 'not answered': read as not answered.",
    "imports.tool.incomplete_codes": "Rows whose {column} is {values} are not completed (31 and 32 are): left out.",
    "imports.tool.zendesk_scores": "Ratings 'good' and 'bad' in {column} are read as CSAT 5 and 1; 'offered' "
                                   "and 'unoffered' (no answer) rows are left out.",
    "imports.tool.eos_guess": "Webropol's layout is a guess: check that 'En osaa sanoa' is not your scale's "
                              "midpoint before importing.",
    # map
    "imports.profile.followed": "The columns are mapped as the profile says.",
    "imports.note.as_written": "{text}",
    "imports.map.column": "Column '{header}' is read as {column} ({how}).",
    "imports.map.column_question": "Column '{header}' ('{question}') is read as {column} ({how}).",
    "imports.how.exact": "its name is the column's name",
    "imports.how.known_name": "a known name for it",
    "imports.how.question": "words of the question",
    "imports.how.extra_row": "the question text in the header rows",
    "imports.how.tool": "the tool's layout",
    "imports.how.long": "the question picked for it",
    "imports.map.labels": "The answers in '{header}' are text labels, read as numbers: {labels}.",
    "imports.map.dont_know": "In '{header}', {labels} is read as not answered (if it is your scale's midpoint, "
                             "map it to 3 instead).",
    "imports.map.rescale": "'{header}' is on a {low}–{high} scale; it is put onto {column}'s {to_low}–{to_high} "
                           "scale by the rule {to_low} + (answer − {low}) × ({to_high} − {to_low}) / ({high} − {low}), "
                           "rounded to the nearest whole number (halves up).",
    "imports.map.multi_select": "'{header}' holds several choices per answer (a multi-select question); it is "
                                "not a score and is left out.",
    "imports.long.found": "The file has one row per person and question: '{person}' is the person, "
                          "'{question}' the question and '{value}' the answer ({count} questions).",
    "imports.long.no_columns": "The file looks like one row per person and question, but the person, question "
                               "or answer column was not found; map them by hand.",
    "imports.long.pivoted": "Turned into one row per person and round: {people} rows, {questions} questions used.",
    "imports.long.comments_left_out": "The comments in '{column}' belong to single answers; they are not loaded.",
    "imports.long.new_question": "The question '{question}' is new (not in the profile): it is reported and "
                                 "not loaded, never counted as eNPS or an item.",
    # ask
    "imports.ask.touchpoint": "Which touchpoint are these answers about? Pick one from the journey map or name "
                              "a new one.",
    "imports.ask.level": "Are these transaction answers (about one contact) or relationship answers (about the "
                         "customer relationship as a whole)?",
    "imports.ask.unit": "Which unit or team do all these answers belong to (if one does)?",
    "imports.ask.channel": "Which channel were all these answers given about (if one)?",
    "imports.ask.date_format": "The dates could be day first or month first; which is it?",
    "imports.ask.long_questions": "Which question is the eNPS question, and which questions are the items?",
    "imports.ask.values": "cx cannot read the values of '{header}' in {rows} of {of} rows; map them to numbers or "
                          "to 'not answered'.",
    # refused
    "imports.refused.unreadable_values": "Nothing was imported: the values of '{header}' ({column}) cannot be read in "
                                  "{rows} of {of} rows: {values}. Map them with the profile's \"values\" (or in the "
                                  "upload page), or set them as not answered.",
    "imports.refused.unterminated_quote": "Line {line} opens a quote that never closes, so every later line would "
                                          "become one cell; nothing from line {line} on was read. Close the quote "
                                          "and import again.",
    "imports.note.mixed_encoding": "The file mixes UTF-8 and Windows-1252 text: lines {lines} were read as "
                                   "Windows-1252, the rest as UTF-8.",
    "imports.note.overlap": "{rows} rows were imported before (the same response ids): skipped, not loaded twice.",
    "imports.note.required_empty": "{rows} rows with an empty '{column}' are left out, as the profile says.",
    # the steps' English sentences (cx.imports.notes.translate): EN as written, FI below
    "imports.x.delimiter_point": "Detected delimiter {delimiter} and decimal point.",
    "imports.x.delimiter_comma": "Detected delimiter {delimiter} and decimal comma.",
    "imports.x.point": "Detected decimal point.",
    "imports.x.json": "Read {n} JSON records as rows, one column per field.",
    "imports.x.comma": "Detected decimal comma.",
    "imports.x.header_row": "The header is on row {row}; the rows above it were skipped.",
    "imports.x.skip_rows": "Skipped {rows} rows after the header that belong to the header (question text, ids "
                           "or answer labels), not to the answers.",
    "imports.x.not_utf8": "The file is not UTF-8; read it as {codec}.",
    "imports.x.named_columns": "Named {n} columns from the second header row, where the first is blank: {names}.",
    "imports.x.empty_lines": "{n} data lines are empty ({lines}).",
    "imports.x.empty_columns": "Ignored {n} empty columns without a name at the right edge.",
    "imports.x.date_format": "Dates in {column} read as {format}.",
    "imports.x.overlap": "{rows} rows were imported before (the same response ids; lines {lines}): skipped, not "
                         "loaded twice.",
    "imports.x.column": "Column '{header}' is read as {column} ({how}).",
    "imports.x.whole_number": "{label} must be a whole number {range}, got {value}",
    "imports.x.number": "{label} must be a number {range}, got {value}",
    "imports.x.yes_no": "{label} must be yes or no (1/0), got {value}",
    "imports.x.choice": "{label} must be {choices}, got {value}",
    "imports.x.not_a_date_in": "{label} {value} is not a date in the column's format ({format})",
    "imports.x.not_a_date": "{label} {value} is not a date",
    "imports.x.before_1990": "{label} {day} is before 1990",
    "imports.x.future": "{label} {day} is in the future",
    "imports.x.no_touchpoint": "The touchpoint is missing (needed for transaction answers)",
    "imports.x.no_score": "has no score (needs at least one of {names})",
    "imports.x.twice": "{label} {value} appears twice in the file (first on line {line})",
    "imports.x.exists": "{label} {value} already exists in the workspace (import {import_id})",
    "imports.x.missing": "{label} is missing",
    "imports.x.cells": "has {n} cells where the header has {m}",
    "imports.x.unclosed_quote": "opens a quote that never closes; this line was read on its own and the lines "
                                "after it as their own rows",
    "imports.x.nul": "contains a NUL (zero) byte",
    "imports.x.long_cell": "a cell is longer than {n} characters",
    "imports.x.no_touchpoint_file": "The file has no touchpoint column, and every transaction answer needs one: say "
                                    "which touchpoint the answers are about, or import them as relationship answers.",
    "imports.x.no_score_file": "The file has no score column ({names}); map one.",
    "imports.x.no_column": "No column of the file could be matched to cx's columns; map them.",
    "imports.x.no_required": "The file has no column for {names}, which {table} needs; map one or give it for "
                             "the whole file.",
    "imports.x.duplicate_columns": "The column name '{name}' appears twice in the file; rename one and upload again.",
    "imports.x.profile_column": "The profile maps the column '{name}', which is not in the file.",
    "imports.x.ambiguous_dates": "The dates in column {column} could be day-first or month-first (for example "
                                 "{example}); say which.",
    "imports.x.mixed_dates": "The dates in column {column} mix day-first ({a}) and month-first ({b}) values; fix "
                             "the file or split it.",
    "imports.x.duplicate_file": "This file was already imported on {day} as import {import_id}; confirm to import "
                                "it again.",
}

FI = {
    "imports.evidence.qualtrics_import_id": "ImportId-otsikkorivi",
    "imports.evidence.qualtrics_columns": "sarakkeet StartDate, EndDate, Status ja ResponseId",
    "imports.evidence.surveymonkey": "sarakkeet Respondent ID ja Collector ID",
    "imports.evidence.typeform": "ensimmäinen sarake '#' ja Submit Date (UTC)",
    "imports.evidence.google_forms": "ensimmäinen sarake 'Timestamp'",
    "imports.evidence.microsoft_forms": "sarakkeet ID, Start time ja Completion time",
    "imports.evidence.limesurvey_codes": "sarakkeet id, submitdate ja lastpage",
    "imports.evidence.limesurvey_text": "sarakkeet Response ID, Date submitted ja Last page",
    "imports.evidence.questback": "sarakkeet lfdn ja dispcode",
    "imports.evidence.zendesk": "sarakkeet ticket_id, score ja created_at",
    "imports.evidence.peakon": "sarakkeet answerScore ja answerId",
    "imports.evidence.culture_amp": "Employee Id -sarake ja Culture Ampin vakiokysymykset",
    "imports.evidence.webropol": "Webropolin suomenkieliset vastaajasarakkeet (arvaus: Webropolin vientimuotoa ei ole dokumentoitu)",
    "imports.tool.recognised": "Tunnistettu {tool}-vienti (tunnusmerkki: {evidence}).",
    "imports.tool.preview_rows": "Rivit, joiden {column} on esikatselu-, testi- tai roskavastaus ({values}), "
                                 "jätetään pois.",
    "imports.tool.time_zone": "Tiedoston ajat ovat aikavyöhykkeellä {zone}; ne muunnetaan työtilan aikavyöhykkeelle.",
    "imports.tool.us_dates": "{tool} kirjoittaa päivämäärät kuukausi ensin (KK/PP/VVVV); ne luetaan niin.",
    "imports.tool.incomplete_left_out": "Rivit, joilla {column} on tyhjä, ovat keskeneräisiä vastauksia: "
                                        "jätetään pois.",
    "imports.tool.missing_codes": "Koodit {codes} tarkoittavat 'ei nähty' tai 'ei vastattu': luetaan "
                                  "vastaamattomiksi.",
    "imports.tool.incomplete_codes": "Rivit, joiden {column} on {values}, eivät ole valmiita (31 ja 32 ovat): "
                                     "jätetään pois.",
    "imports.tool.zendesk_scores": "Sarakkeen {column} arviot 'good' ja 'bad' luetaan CSAT-arvoiksi 5 ja 1; "
                                   "rivit 'offered' ja 'unoffered' (ei vastausta) jätetään pois.",
    "imports.tool.eos_guess": "Webropolin asettelu on arvaus: tarkista ennen tuontia, ettei 'En osaa sanoa' ole "
                              "asteikkosi keskikohta.",
    "imports.profile.followed": "Sarakkeet yhdistetään profiilin mukaan.",
    "imports.note.as_written": "{text}",
    "imports.map.column": "Sarake '{header}' luetaan sarakkeeksi {column} ({how}).",
    "imports.map.column_question": "Sarake '{header}' ('{question}') luetaan sarakkeeksi {column} ({how}).",
    "imports.how.exact": "nimi on sarakkeen nimi",
    "imports.how.known_name": "tunnettu nimi sille",
    "imports.how.question": "kysymyksen sanat",
    "imports.how.extra_row": "kysymysteksti otsikkoriveillä",
    "imports.how.tool": "kyselytyökalun asettelu",
    "imports.how.long": "sille valittu kysymys",
    "imports.map.labels": "Sarakkeen '{header}' vastaukset ovat tekstejä, jotka luetaan lukuina: {labels}.",
    "imports.map.dont_know": "Sarakkeessa '{header}' {labels} luetaan vastaamattomaksi (jos se on asteikkosi "
                             "keskikohta, yhdistä se arvoon 3).",
    "imports.map.rescale": "'{header}' on asteikolla {low}–{high}; se muunnetaan sarakkeen {column} asteikolle "
                           "{to_low}–{to_high} säännöllä {to_low} + (vastaus − {low}) × ({to_high} − {to_low}) / "
                           "({high} − {low}), pyöristettynä lähimpään kokonaislukuun (puolikkaat ylöspäin).",
    "imports.map.multi_select": "'{header}' sisältää useita valintoja vastausta kohden (monivalintakysymys); se ei "
                                "ole pistemäärä, ja se jätetään pois.",
    "imports.long.found": "Tiedostossa on rivi jokaista henkilöä ja kysymystä kohden: '{person}' on henkilö, "
                          "'{question}' kysymys ja '{value}' vastaus ({count} kysymystä).",
    "imports.long.no_columns": "Tiedostossa näyttää olevan rivi henkilöä ja kysymystä kohden, mutta henkilön, "
                               "kysymyksen tai vastauksen saraketta ei löytynyt; yhdistä ne käsin.",
    "imports.long.pivoted": "Muutettu yhdeksi riviksi henkilöä ja kierrosta kohden: {people} riviä, "
                            "{questions} kysymystä käytössä.",
    "imports.long.comments_left_out": "Sarakkeen '{column}' kommentit kuuluvat yksittäisiin vastauksiin; niitä ei "
                                      "tuoda.",
    "imports.long.new_question": "Kysymys '{question}' on uusi (ei profiilissa): se raportoidaan eikä sitä tuoda, "
                                 "eikä sitä koskaan lasketa eNPS:ksi tai osioksi.",
    "imports.ask.touchpoint": "Mitä kosketuspistettä nämä vastaukset koskevat? Valitse asiakaspolulta tai anna "
                              "uuden nimi.",
    "imports.ask.level": "Ovatko nämä asiointikohtaisia vastauksia (yksi asiointi) vai asiakassuhdevastauksia "
                         "(koko asiakassuhde)?",
    "imports.ask.unit": "Mihin yksikköön tai tiimiin kaikki nämä vastaukset kuuluvat (jos yhteen)?",
    "imports.ask.channel": "Mitä kanavaa kaikki nämä vastaukset koskevat (jos yhtä)?",
    "imports.ask.date_format": "Päivämäärät voivat olla päivä ensin tai kuukausi ensin; kumpi on oikein?",
    "imports.ask.long_questions": "Mikä kysymys on eNPS-kysymys ja mitkä kysymykset ovat osioita?",
    "imports.ask.values": "cx ei osaa lukea sarakkeen '{header}' arvoja {rows} rivillä {of} rivistä; yhdistä ne "
                          "lukuihin tai vastaamattomiksi.",
    "imports.refused.unreadable_values": "Mitään ei tuotu: sarakkeen '{header}' ({column}) arvoja ei voi lukea {rows} "
                                  "rivillä {of} rivistä: {values}. Yhdistä ne profiilin kohdassa \"values\" (tai "
                                  "lataussivulla), tai merkitse ne vastaamattomiksi.",
    "imports.refused.unterminated_quote": "Rivillä {line} alkava lainaus ei pääty koskaan, joten kaikki myöhemmät "
                                          "rivit muuttuisivat yhdeksi soluksi; riviltä {line} alkaen mitään ei "
                                          "luettu. Sulje lainaus ja tuo uudelleen.",
    "imports.note.mixed_encoding": "Tiedostossa on sekaisin UTF-8- ja Windows-1252-tekstiä: rivit {lines} "
                                   "luettiin Windows-1252-merkistönä, muut UTF-8:na.",
    "imports.note.overlap": "{rows} riviä on tuotu aiemmin (samat vastaustunnukset): ohitettu, ei tuoda kahdesti.",
    "imports.note.required_empty": "{rows} riviä, joilla '{column}' on tyhjä, jätetään pois profiilin mukaan.",
    "imports.x.delimiter_point": "Erottimeksi tunnistettiin {delimiter} ja desimaalipiste.",
    "imports.x.delimiter_comma": "Erottimeksi tunnistettiin {delimiter} ja desimaalipilkku.",
    "imports.x.point": "Tunnistettiin desimaalipiste.",
    "imports.x.json": "{n} JSON-tietuetta luettiin riveiksi, yksi sarake kenttää kohden.",
    "imports.x.comma": "Tunnistettiin desimaalipilkku.",
    "imports.x.header_row": "Otsikkorivi on rivillä {row}; sen yläpuoliset rivit ohitettiin.",
    "imports.x.skip_rows": "Otsikon jälkeen ohitettiin {rows} riviä, jotka kuuluvat otsikkoon (kysymysteksti, "
                           "tunnukset tai vastausvaihtoehdot), eivät vastauksiin.",
    "imports.x.not_utf8": "Tiedosto ei ole UTF-8-muotoinen; se luettiin merkistönä {codec}.",
    "imports.x.named_columns": "{n} saraketta nimettiin toiselta otsikkoriviltä, koska ensimmäinen on tyhjä: "
                               "{names}.",
    "imports.x.empty_lines": "{n} datariviä on tyhjiä ({lines}).",
    "imports.x.empty_columns": "Oikean reunan {n} tyhjää nimetöntä saraketta ohitettiin.",
    "imports.x.date_format": "Sarakkeen {column} päivämäärät luettiin muodossa {format}.",
    "imports.x.overlap": "{rows} riviä on tuotu aiemmin (samat vastaustunnukset; rivit {lines}): ohitettu, ei "
                         "tuoda kahdesti.",
    "imports.x.column": "Sarake '{header}' luetaan sarakkeeksi {column} ({how}).",
    "imports.x.whole_number": "{label} pitää olla kokonaisluku {range}, nyt {value}",
    "imports.x.number": "{label} pitää olla luku {range}, nyt {value}",
    "imports.x.yes_no": "{label} pitää olla kyllä tai ei (1/0), nyt {value}",
    "imports.x.choice": "{label} pitää olla {choices}, nyt {value}",
    "imports.x.not_a_date_in": "{label} {value} ei ole päivämäärä sarakkeen muodossa ({format})",
    "imports.x.not_a_date": "{label} {value} ei ole päivämäärä",
    "imports.x.before_1990": "{label} {day} on ennen vuotta 1990",
    "imports.x.future": "{label} {day} on tulevaisuudessa",
    "imports.x.no_touchpoint": "Kosketuspiste puuttuu (tarvitaan asiointikohtaisille vastauksille)",
    "imports.x.no_score": "rivillä ei ole yhtään pistemäärää (tarvitaan vähintään yksi: {names})",
    "imports.x.twice": "{label} {value} on tiedostossa kahdesti (ensin rivillä {line})",
    "imports.x.exists": "{label} {value} on jo työtilassa (tuonti {import_id})",
    "imports.x.missing": "{label} puuttuu",
    "imports.x.cells": "rivillä on {n} solua, otsikkorivillä {m}",
    "imports.x.unclosed_quote": "rivillä alkaa lainaus, joka ei pääty koskaan; rivi luettiin yksinään ja sitä "
                                "seuraavat rivit omina riveinään",
    "imports.x.nul": "rivillä on NUL-merkki (nollatavu)",
    "imports.x.long_cell": "solu on pidempi kuin {n} merkkiä",
    "imports.x.no_touchpoint_file": "Tiedostossa ei ole kosketuspistesaraketta, ja jokainen asiointikohtainen "
                                    "vastaus tarvitsee sen: kerro, mitä kosketuspistettä vastaukset koskevat, tai "
                                    "tuo ne asiakassuhdevastauksina.",
    "imports.x.no_score_file": "Tiedostossa ei ole pistemääräsaraketta ({names}); yhdistä jokin.",
    "imports.x.no_column": "Yhtään tiedoston saraketta ei voitu yhdistää cx:n sarakkeisiin; yhdistä ne.",
    "imports.x.no_required": "Tiedostossa ei ole saraketta {names}, jota {table} tarvitsee; yhdistä jokin tai anna "
                             "arvo koko tiedostolle.",
    "imports.x.duplicate_columns": "Sarakkeen nimi '{name}' on tiedostossa kahdesti; nimeä toinen uudelleen ja lataa "
                                   "uudelleen.",
    "imports.x.profile_column": "Profiili yhdistää sarakkeen '{name}', jota tiedostossa ei ole.",
    "imports.x.ambiguous_dates": "Sarakkeen {column} päivämäärät voivat olla päivä ensin tai kuukausi ensin (esimerkiksi "
                                 "{example}); kerro kumpi.",
    "imports.x.mixed_dates": "Sarakkeen {column} päivämäärissä on sekaisin päivä ensin ({a}) ja kuukausi ensin ({b}) "
                             "-arvoja; korjaa tiedosto tai jaa se.",
    "imports.x.duplicate_file": "Tämä tiedosto tuotiin jo {day} tuontina {import_id}; vahvista, jos haluat tuoda sen "
                                "uudelleen.",
}
