"""Customers vs employees page strings."""

EN = {
    "linkage.intro": "Do units whose staff rate their work highly also serve customers better? "
                     "One point per unit; a link across units, not proof that one causes the other.",
    "linkage.quarter": "Q{q} {year}",
    "linkage.windows.lag0": "Customers {start} – {end}; employees {q_start} – {q_end} (the same quarters).",
    "linkage.windows.lag1": "Customers {start} – {end}; employees {q_start} – {q_end} "
                            "(one quarter earlier: employee quarter q against customer quarter q + 1).",
    "linkage.windows.lag2": "Customers {start} – {end}; employees {q_start} – {q_end} "
                            "(two quarters earlier: employee quarter q against customer quarter q + 2).",
    "linkage.control.customer": "Customer figure",
    "linkage.control.employee": "Employee figure",
    "linkage.control.lag": "Employee survey leads by",
    "linkage.lag.0": "Same quarter",
    "linkage.lag.1": "1 quarter",
    "linkage.lag.2": "2 quarters",
    "linkage.tab.across": "Across units",
    "linkage.tab.side": "Side by side",
    "linkage.tab.chain": "From vision to customer",
    "linkage.tab.time": "Over time",
    "linkage.tab.drivers": "Which driver weighs more",
    "linkage.drivers.intro": "What drives relationship NPS in this period: each driver's share of the explained "
                             "variance (relative weights, n = {n} complete answers: the Journey explorer's "
                             "\"What drives it\"). Two shares' intervals overlapping says little, because the shares move "
                             "together; the difference of two shares, with its 95% interval from the same "
                             "{resamples} resamples, says whether one driver clearly weighs more.",
    "linkage.drivers.too_few": "Too few complete relationship answers for a driver analysis (n = {n}).",
    "linkage.drivers.points": "{diff} points (95% {low} … {high})",
    "linkage.drivers.more": "{first} weighs more than {second}: {figures}.",
    "linkage.drivers.cannot_tell": "{first} or {second}: the data cannot tell which weighs more, "
                                   "{first} ahead by {figures}.",
    "linkage.drivers.pair": "Pair",
    "linkage.drivers.difference": "Difference of shares (points)",
    "linkage.drivers.share": "Share of explained variance",
    "linkage.no_employee_data": "This workspace has no employee survey answers yet, so there is nothing to "
                                "compare customers with.",
    "linkage.no_employee_next": "Next step: load the employee survey (one row per answer, with its unit) on "
                                "the Data page.",
    "linkage.no_employee_window": "No employee survey round in {q_start} – {q_end} (a round counts in the "
                                  "quarter that holds its middle answer). Choose a longer period in the sidebar "
                                  "or a shorter lead.",
    "linkage.go_data": "Data and imports",
    "linkage.verdict.too_few_units": "The data cannot tell: only {n} units can be compared, and at least "
                                     "{min} are needed before a pattern across units means anything.",
    "linkage.verdict.cannot_tell": "The data cannot tell whether {x} and {y} move together across these "
                                   "{n} units: Pearson {r}, Spearman {rs}; the intervals include no link at all.",
    "linkage.verdict.fragile": "The data cannot tell for sure. Across these {n} units one correlation points "
                               "to a link between {x} and {y} and the other includes no link at all (Pearson "
                               "{r}, Spearman {rs}): one or two units may carry the pattern. A lead to check, "
                               "not a finding.",
    "linkage.verdict.positive": "Across these {n} units, higher {x} goes with higher {y}: Pearson {r}, "
                                "Spearman {rs}. A link across units, not proof that one causes the other.",
    "linkage.verdict.negative": "Across these {n} units, higher {x} goes with lower {y}: Pearson {r}, "
                                "Spearman {rs}. A link across units, not proof that one causes the other.",
    "linkage.r": "r = {r} (95% {low} … {high})",
    "linkage.r_only": "r = {r} (too few units for an interval)",
    "linkage.r_permutation": "r = {r}: the rank order of {n} units, too few for an honest interval; "
                             "exact permutation test p = {p}",
    "linkage.pearson": "Pearson (straight-line)",
    "linkage.spearman": "Spearman (rank order)",
    "linkage.units_compared": "Units compared",
    "linkage.left_out.confidential": "Left out to protect employee confidentiality (a group under {minimum} "
                                     "answers, or pooled with one so that it cannot be worked out): {count} units.",
    "linkage.left_out.no_employee": "Left out for having no employee answers in these quarters: {count} units.",
    "linkage.left_out.no_customer": "Left out for having no customer answers in this period: {count} units.",
    "linkage.left_out.too_few_customers": "Left out for having fewer than {min_n} customer answers: "
                                          "{count} units.",
    "linkage.how_split": "Quadrants split at the middle unit (the median) of each side. A unit whose 95% "
                         "interval crosses a middle line is \"unclear\": it could be on either side. Each point "
                         "shows its unit; hover for its figures, 95% intervals and n. The line is a "
                         "least-squares fit.",
    "linkage.quadrant.both_strong": "Both strong",
    "linkage.quadrant.staff_only": "Staff strong, customers not",
    "linkage.quadrant.customers_only": "Customers strong, staff not",
    "linkage.quadrant.both_weak": "Both weak",
    "linkage.quadrant.unclear": "Unclear (interval crosses a middle line)",
    "linkage.quadrant": "Quadrant",
    "linkage.fit": "Fitted line",
    "linkage.side.staff": "Employees (1–5)",
    "linkage.side.customers": "Customers (1–5)",
    "linkage.side.gap": "Gap",
    "linkage.side.caption": "Mean scores on the common 1–5 scale. Gap = mean of the four employee scores "
                            "minus mean of the three customer scores: positive when staff rate their work "
                            "higher than customers rate the service. Grey cells: hidden to protect "
                            "confidentiality, or too few answers (hover for which).",
    "linkage.sort": "Order units by",
    "linkage.sort.gap_desc": "Gap: staff ahead of customers first",
    "linkage.sort.gap_asc": "Gap: customers ahead of staff first",
    "linkage.sort.employee": "Employee scores, lowest first",
    "linkage.sort.customer": "Customer scores, lowest first",
    "linkage.sort.name": "Name",
    "linkage.download": "Download the per-unit table (CSV)",
    "linkage.chain.caption": "Four steps: staff understand the CX vision, know what it means in their own "
                             "role, were trained for it, and customers notice. A step is weak below {threshold} "
                             "or when the unit is clearly and materially below the middle of the other units "
                             "(its 95% interval wholly below, and by at least 0.3 on a 1–5 scale, 10 NPS "
                             "points or 5 percentage points).",
    "linkage.step.vision": "1 Understands vision",
    "linkage.step.role_clarity": "2 Knows own role",
    "linkage.step.training": "3 Trained",
    "linkage.step.customers": "4 Customers notice",
    "linkage.state.ok": "holds",
    "linkage.state.weak": "weak",
    "linkage.state.hidden": "hidden (confidential)",
    "linkage.state.unknown": "not known",
    "linkage.where_breaks": "Where the chain breaks",
    "linkage.chain.holds": "Holds: every staff step is at least {threshold} and customers are not clearly "
                           "behind the other units.",
    "linkage.chain.holds_staff": "Staff steps hold; too few customer answers to tell whether customers notice.",
    "linkage.chain.hidden": "Employee figures hidden (confidential).",
    "linkage.chain.unknown": "Not enough employee answers to follow the chain.",
    "linkage.chain.break1": "Breaks at the start: staff do not clearly understand the CX vision ({why}).",
    "linkage.chain.break2": "Breaks at step 2: staff understand the vision but not what it means in their "
                            "own role ({why}).",
    "linkage.chain.break3": "Breaks at step 3: staff know what the vision asks of them but lack training "
                            "for it ({why}).",
    "linkage.chain.break4": "Breaks at the customer: the staff steps hold, but customers do not notice "
                            "({metrics} clearly below the other units).",
    "linkage.why.threshold": "below {threshold}",
    "linkage.why.below_others": "clearly below the other units",
    "linkage.time.unit": "Unit",
    "linkage.time.caption1": "Quarters on a shared time axis. Compare each employee quarter with the "
                             "customer quarter after it. Hidden quarters are confidential.",
    "linkage.time.caption2": "Quarters on a shared time axis. Compare each employee quarter with the "
                             "customer quarter two later. Hidden quarters are confidential.",
    "linkage.time.caption0": "Quarters on a shared time axis. Hidden quarters are confidential.",
    "linkage.time.employees": "Employees: {metric}",
    "linkage.time.customers": "Customers: {metric}",
    "linkage.points_table": "Figures per unit, with 95% intervals and n",
    "linkage.short.culture": "Culture",
    "linkage.short.technology": "Technology",
    "linkage.short.physical": "Physical",
    "linkage.short.wellbeing": "Wellbeing",
    "linkage.short.efficiency": "Efficiency",
    "linkage.short.ease": "Ease",
    "linkage.short.emotion": "Emotion",
    "linkage.short.nps": "NPS",
    "linkage.short.ces": "CES",
    "linkage.short.fcr": "FCR",
    "linkage.col.customer_n": "Customer answers (n)",
    "linkage.col.employee_n": "Employee answers (n)",
    "linkage.col.quadrant": "Quadrant",
    "linkage.col.chain": "Vision to customer",
}

FI = {
    "linkage.intro": "Palvelevatko yksiköt, joiden henkilöstö arvioi työnsä hyväksi, myös asiakkaita "
                     "paremmin? Yksi piste yksikköä kohden; yhteys yksiköiden välillä, ei todiste syy-seuraussuhteesta.",
    "linkage.quarter": "Q{q}/{year}",
    "linkage.windows.lag0": "Asiakkaat {start} – {end}; henkilöstö {q_start} – {q_end} (samat neljännekset).",
    "linkage.windows.lag1": "Asiakkaat {start} – {end}; henkilöstö {q_start} – {q_end} "
                            "(neljännestä aiemmin: henkilöstön neljännes q asiakkaiden neljännestä q + 1 vasten).",
    "linkage.windows.lag2": "Asiakkaat {start} – {end}; henkilöstö {q_start} – {q_end} "
                            "(kaksi neljännestä aiemmin: henkilöstön neljännes q asiakkaiden neljännestä q + 2 "
                            "vasten).",
    "linkage.control.customer": "Asiakasmittari",
    "linkage.control.employee": "Henkilöstömittari",
    "linkage.control.lag": "Henkilöstökysely edeltää",
    "linkage.lag.0": "Sama neljännes",
    "linkage.lag.1": "1 neljännes",
    "linkage.lag.2": "2 neljännestä",
    "linkage.tab.across": "Yksiköiden välillä",
    "linkage.tab.side": "Rinnakkain",
    "linkage.tab.chain": "Visiosta asiakkaaseen",
    "linkage.tab.time": "Ajan myötä",
    "linkage.tab.drivers": "Mikä selittäjä painaa enemmän",
    "linkage.drivers.intro": "Mikä selittää asiakassuhteen NPS:ää tällä jaksolla: kunkin selittäjän osuus "
                             "selitetystä vaihtelusta (suhteelliset painot, n = {n} täydellistä vastausta: "
                             "Asiakaspolku-sivun ”Mikä selittää”). Kahden osuuden välien päällekkäisyys kertoo vähän, koska "
                             "osuudet liikkuvat yhdessä; kahden osuuden erotus ja sen 95 %:n väli samoista "
                             "{resamples} uudelleenotoksesta kertoo, painaako toinen selvästi enemmän.",
    "linkage.drivers.too_few": "Liian vähän täydellisiä asiakassuhdevastauksia selittäjäanalyysiin (n = {n}).",
    "linkage.drivers.points": "{diff} pistettä (95 % {low} … {high})",
    "linkage.drivers.more": "{first} painaa enemmän kuin {second}: {figures}.",
    "linkage.drivers.cannot_tell": "{first} vai {second}: aineistosta ei voi päätellä, kumpi painaa enemmän; "
                                   "{first} edellä {figures}.",
    "linkage.drivers.pair": "Pari",
    "linkage.drivers.difference": "Osuuksien erotus (pistettä)",
    "linkage.drivers.share": "Osuus selitetystä vaihtelusta",
    "linkage.no_employee_data": "Tässä työtilassa ei ole vielä henkilöstökyselyn vastauksia, joten asiakkaita "
                                "ei ole mihin verrata.",
    "linkage.no_employee_next": "Seuraava askel: tuo henkilöstökysely (yksi rivi vastausta kohden, yksikön "
                                "kanssa) Aineisto-sivulla.",
    "linkage.no_employee_window": "Jaksolla {q_start} – {q_end} ei ole henkilöstökyselyn kierrosta (kierros "
                                  "lasketaan neljännekselle, jolle sen keskimmäinen vastaus osuu). Valitse "
                                  "sivupalkista pidempi ajanjakso tai lyhyempi edeltävyys.",
    "linkage.go_data": "Aineisto ja tuonnit",
    "linkage.verdict.too_few_units": "Aineistosta ei voi päätellä: vertailtavia yksiköitä on vain {n}, ja "
                                     "yksiköiden välisestä kuviosta voi sanoa jotain vasta, kun niitä on "
                                     "vähintään {min}.",
    "linkage.verdict.cannot_tell": "Aineistosta ei voi päätellä, kulkevatko {x} ja {y} yhdessä näissä {n} "
                                   "yksikössä: Pearson {r}, Spearman {rs}; välit sisältävät myös sen, ettei "
                                   "yhteyttä ole.",
    "linkage.verdict.fragile": "Aineistosta ei voi päätellä varmasti. Näissä {n} yksikössä toinen korrelaatio "
                               "viittaa yhteyteen mittareiden ”{x}” ja ”{y}” välillä, toisen väli sisältää myös "
                               "sen, ettei yhteyttä ole (Pearson {r}, Spearman {rs}): kuvio voi nojata yhteen "
                               "tai kahteen yksikköön. Johtolanka tarkistettavaksi, ei löydös.",
    "linkage.verdict.positive": "Näissä {n} yksikössä mitä korkeampi ”{x}”, sitä korkeampi ”{y}”: Pearson {r}, "
                                "Spearman {rs}. Yhteys yksiköiden välillä, ei todiste syy-seuraussuhteesta.",
    "linkage.verdict.negative": "Näissä {n} yksikössä mitä korkeampi ”{x}”, sitä matalampi ”{y}”: Pearson {r}, "
                                "Spearman {rs}. Yhteys yksiköiden välillä, ei todiste syy-seuraussuhteesta.",
    "linkage.r": "r = {r} (95 % {low} … {high})",
    "linkage.r_only": "r = {r} (liian vähän yksiköitä välin laskemiseen)",
    "linkage.r_permutation": "r = {r}: {n} yksikön järjestys, liian vähän rehelliseen luottamusväliin; "
                             "tarkka permutaatiotesti p = {p}",
    "linkage.pearson": "Pearson (suoraviivainen)",
    "linkage.spearman": "Spearman (järjestys)",
    "linkage.units_compared": "Vertailtuja yksiköitä",
    "linkage.left_out.confidential": "Jätetty pois henkilöstön luottamuksellisuuden vuoksi (ryhmässä alle "
                                     "{minimum} vastausta, tai yhdistetty sellaiseen, jottei sitä voi päätellä): {count} yksikköä.",
    "linkage.left_out.no_employee": "Jätetty pois, koska henkilöstön vastauksia ei ole näiltä neljänneksiltä: "
                                    "{count} yksikköä.",
    "linkage.left_out.no_customer": "Jätetty pois, koska asiakasvastauksia ei ole tältä jaksolta: {count} "
                                    "yksikköä.",
    "linkage.left_out.too_few_customers": "Jätetty pois, koska asiakasvastauksia on alle {min_n}: "
                                          "{count} yksikköä.",
    "linkage.how_split": "Nelikentän rajat kulkevat kummankin puolen keskimmäisen yksikön (mediaanin) "
                         "kohdalla. Yksikkö, jonka 95 %:n väli ylittää keskiviivan, on ”epäselvä”: se voi olla "
                         "kummalla puolella tahansa. Vie osoitin pisteen päälle nähdäksesi luvut, 95 %:n välit "
                         "ja n:n. Viiva on pienimmän neliösumman sovite.",
    "linkage.quadrant.both_strong": "Molemmat vahvoja",
    "linkage.quadrant.staff_only": "Henkilöstö vahva, asiakkaat eivät",
    "linkage.quadrant.customers_only": "Asiakkaat vahvoja, henkilöstö ei",
    "linkage.quadrant.both_weak": "Molemmat heikkoja",
    "linkage.quadrant.unclear": "Epäselvä (väli ylittää keskiviivan)",
    "linkage.quadrant": "Nelikenttä",
    "linkage.fit": "Sovitettu viiva",
    "linkage.side.staff": "Henkilöstö (1–5)",
    "linkage.side.customers": "Asiakkaat (1–5)",
    "linkage.side.gap": "Ero",
    "linkage.side.caption": "Keskiarvot yhteisellä asteikolla 1–5. Ero = neljän henkilöstöarvion keskiarvo "
                            "miinus kolmen asiakasarvion keskiarvo: positiivinen, kun henkilöstö arvioi työnsä "
                            "paremmaksi kuin asiakkaat palvelun. Harmaat solut: piilotettu luottamuksellisuuden "
                            "vuoksi tai liian vähän vastauksia (vie osoitin solun päälle).",
    "linkage.sort": "Järjestä yksiköt",
    "linkage.sort.gap_desc": "Ero: henkilöstö asiakkaita edellä ensin",
    "linkage.sort.gap_asc": "Ero: asiakkaat henkilöstöä edellä ensin",
    "linkage.sort.employee": "Henkilöstön arviot, matalin ensin",
    "linkage.sort.customer": "Asiakkaiden arviot, matalin ensin",
    "linkage.sort.name": "Nimi",
    "linkage.download": "Lataa yksikkötaulukko (CSV)",
    "linkage.chain.caption": "Neljä askelta: henkilöstö ymmärtää asiakaskokemusvision, tietää mitä se "
                             "tarkoittaa omassa työssä, on saanut siihen koulutusta, ja asiakkaat huomaavat sen. "
                             "Askel on heikko alle arvon {threshold} tai kun yksikkö on selvästi ja olennaisesti "
                             "muiden yksiköiden keskikohdan alapuolella (95 %:n väli kokonaan alapuolella ja ero "
                             "vähintään 0,3 asteikolla 1–5, 10 NPS-pistettä tai 5 prosenttiyksikköä).",
    "linkage.step.vision": "1 Ymmärtää vision",
    "linkage.step.role_clarity": "2 Tietää oman roolinsa",
    "linkage.step.training": "3 Koulutettu",
    "linkage.step.customers": "4 Asiakkaat huomaavat",
    "linkage.state.ok": "kunnossa",
    "linkage.state.weak": "heikko",
    "linkage.state.hidden": "piilotettu (luottamuksellinen)",
    "linkage.state.unknown": "ei tiedossa",
    "linkage.where_breaks": "Missä ketju katkeaa",
    "linkage.chain.holds": "Kestää: jokainen henkilöstön askel on vähintään {threshold}, eivätkä asiakkaat "
                           "ole selvästi muita yksiköitä jäljessä.",
    "linkage.chain.holds_staff": "Henkilöstön askeleet kestävät; asiakasvastauksia on liian vähän, jotta "
                                 "näkisi, huomaavatko asiakkaat.",
    "linkage.chain.hidden": "Henkilöstön luvut piilotettu (luottamuksellinen).",
    "linkage.chain.unknown": "Henkilöstön vastauksia ei ole tarpeeksi ketjun seuraamiseen.",
    "linkage.chain.break1": "Katkeaa heti alussa: henkilöstö ei selvästi ymmärrä asiakaskokemusvisiota ({why}).",
    "linkage.chain.break2": "Katkeaa askeleella 2: henkilöstö ymmärtää vision, mutta ei sitä, mitä se "
                            "tarkoittaa omassa työssä ({why}).",
    "linkage.chain.break3": "Katkeaa askeleella 3: henkilöstö tietää, mitä visio heiltä vaatii, mutta "
                            "koulutus puuttuu ({why}).",
    "linkage.chain.break4": "Katkeaa asiakkaan kohdalla: henkilöstön askeleet kestävät, mutta asiakkaat "
                            "eivät huomaa ({metrics} selvästi muita yksiköitä heikompi).",
    "linkage.why.threshold": "alle {threshold}",
    "linkage.why.below_others": "selvästi muita yksiköitä heikompi",
    "linkage.time.unit": "Yksikkö",
    "linkage.time.caption1": "Neljännekset yhteisellä aika-akselilla. Vertaa kutakin henkilöstön "
                             "neljännestä sitä seuraavaan asiakasneljännekseen. Piilotetut neljännekset ovat "
                             "luottamuksellisia.",
    "linkage.time.caption2": "Neljännekset yhteisellä aika-akselilla. Vertaa kutakin henkilöstön "
                             "neljännestä kaksi neljännestä myöhempään asiakasneljännekseen. Piilotetut "
                             "neljännekset ovat luottamuksellisia.",
    "linkage.time.caption0": "Neljännekset yhteisellä aika-akselilla. Piilotetut neljännekset ovat "
                             "luottamuksellisia.",
    "linkage.time.employees": "Henkilöstö: {metric}",
    "linkage.time.customers": "Asiakkaat: {metric}",
    "linkage.points_table": "Luvut yksiköittäin, 95 %:n välit ja n",
    "linkage.short.culture": "Kulttuuri",
    "linkage.short.technology": "Teknologia",
    "linkage.short.physical": "Fyysinen",
    "linkage.short.wellbeing": "Hyvinvointi",
    "linkage.short.efficiency": "Tehokkuus",
    "linkage.short.ease": "Helppous",
    "linkage.short.emotion": "Tunne",
    "linkage.short.nps": "NPS",
    "linkage.short.ces": "CES",
    "linkage.short.fcr": "FCR",
    "linkage.col.customer_n": "Asiakasvastauksia (n)",
    "linkage.col.employee_n": "Henkilöstövastauksia (n)",
    "linkage.col.quadrant": "Nelikenttä",
    "linkage.col.chain": "Visiosta asiakkaaseen",
}
