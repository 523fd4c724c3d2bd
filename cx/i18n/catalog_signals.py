"""Signals: the page, the overview's section and the `signals` command."""

EN = {
    "page.signals": "Early signals",
    "signals.intro": "Every touchpoint at every unit with enough answers is watched month by month for a fall, "
                     "against its own normal range, so a problem shows before customers complain. Effort and "
                     "first-contact resolution often worsen before NPS does: they are marked as early indicators. "
                     "Mystery shopping and third-party interviews are watched as their own series.",
    "signals.rule": "{watched} series watched, {window}; {not_watched} more have too few answers or months to "
                    "watch. Each is an EWMA chart (λ {lam}) on its own normal range, estimated from the up to "
                    "{reference} months before. Together they allow {budget} false alarm a year across the whole "
                    "map: each series one in {arl0} months (limit {limit}).",
    "signals.none": "No signals in {window}: every watched series stayed within its own normal range.",
    "signals.nothing": "Nothing to watch yet: a series needs at least {months} months of answers, with a median "
                       "of {answers} or more a month.",
    "signals.col.what": "What moved",
    "signals.col.where": "Where",
    "signals.col.method": "Measured by",
    "signals.col.since": "Since",
    "signals.col.since_n": "Since (answers)",
    "signals.col.latest": "Latest signal",
    "signals.col.sure": "How sure",
    "signals.col.sure_change": "How sure: change (95%)",
    "signals.col.now": "Since then",
    "signals.col.normal": "Normal",
    "signals.col.change": "Change (95% interval)",
    "signals.col.n": "n since",
    "signals.col.early": "Early?",
    "signals.col.link": "Look",
    "signals.open": "open",
    "signals.sure.clear": "clear",
    "signals.sure.watch": "watch",
    "signals.early_help": "Early?: effort and first-contact resolution often fall before NPS does; the column says "
                          "when NPS at the same place signalled too.",
    "signals.sure_help": "Clear: the change from the normal level to the months since the signal has a 95% "
                         "interval that excludes zero. Watch: the chart signalled, but that interval still "
                         "includes zero.",
    "signals.early.none": "–",
    "signals.early.not_yet": "NPS not yet",
    "signals.early.before": "NPS {month}",
    "signals.early.same": "with NPS",
    "signals.early.after": "after NPS ({month})",
    "signals.all_units": "all units",
    "signals.pick": "Signal",
    "signals.chart_y": "{metric} a month",
    "signals.chart_normal": "normal level",
    "signals.chart_signal": "signal",
    "signals.chart_help": "The series month by month; the line is its normal level from the months before the "
                          "watch window, red points are the months the chart signalled.",
    "signals.evidence": "Evidence",
    "signals.months": "Months since the signal",
    "signals.comments": "Newest comments since the signal",
    "signals.overview": "Signals: what moved lately",
    "signals.overview_none": "No signals in {window}: every watched series stayed within its normal range.",
    "signals.overview_more": "All signals, the evidence and the backtest",
    "signals.backtest": "Backtest on this workspace's history",
    "signals.backtest_scope": "The same rule walked over the history: each series' normal range from {ref_start} – "
                              "{ref_end}, then watched {start} – {end} ({series} series).",
    "signals.backtest_short": "Too little history for a backtest: it needs more than {months} months.",
    "signals.changes": "Series whose level changed (contract test, Benjamini–Hochberg across series), and when "
                       "the rule first signalled",
    "signals.changes_none": "No series changed its level in the watched months.",
    "signals.col.first": "First signalled",
    "signals.never": "not signalled",
    "signals.false": "False alarms on the {stable} series that stayed stable: {alarms} in {months} series-months, "
                     "about {per_year} a year across the map. The rule allows {allowed} a year ({expected} "
                     "expected in that many series-months; chance alone gives 0 to {high} in 95% of histories).",
    "signals.assumes": "What the figures assume: months independent of each other around a steady level; the "
                       "stated rate is exact for normally distributed months, and simulations of NPS months with "
                       "5 to 40 answers give 0.7 to 1.25 times it, depending on the share of promoters.",
    "signals.cli.header": "Signals as of {month}:",
}

FI = {
    "page.signals": "Varhaiset signaalit",
    "signals.intro": "Jokaista kosketuspistettä jokaisessa yksikössä, jossa on riittävästi vastauksia, seurataan "
                     "kuukausittain pudotuksen varalta sen omaa normaalivaihtelua vasten, jotta ongelma näkyy "
                     "ennen kuin asiakkaat valittavat. Vaivattomuus ja asian hoituminen kerralla heikkenevät usein "
                     "ennen NPS:ää: ne on merkitty ennakoiviksi mittareiksi. Haamuasioinnit ja ulkopuoliset "
                     "haastattelut seurataan omina sarjoinaan.",
    "signals.rule": "Seurannassa {watched} sarjaa, {window}; {not_watched} muuta sarjaa on liian vähillä "
                    "vastauksilla tai kuukausilla seurattavaksi. Kukin on EWMA-kortti (λ {lam}) oman "
                    "normaalivaihtelunsa mukaan, joka arvioidaan enintään {reference} edeltävästä kuukaudesta. "
                    "Yhdessä ne sallivat {budget} väärän hälytyksen vuodessa koko kartalla: kukin sarja yhden "
                    "{arl0} kuukaudessa (raja {limit}).",
    "signals.none": "Ei signaaleja jaksolla {window}: jokainen seurattu sarja pysyi normaalivaihtelunsa sisällä.",
    "signals.nothing": "Seurattavaa ei vielä ole: sarja tarvitsee vähintään {months} kuukautta vastauksia ja "
                       "mediaanina vähintään {answers} vastausta kuukaudessa.",
    "signals.col.what": "Mikä muuttui",
    "signals.col.where": "Missä",
    "signals.col.method": "Mittaustapa",
    "signals.col.since": "Alkaen",
    "signals.col.since_n": "Alkaen (vastauksia)",
    "signals.col.latest": "Viimeisin signaali",
    "signals.col.sure": "Kuinka varma",
    "signals.col.sure_change": "Kuinka varma: muutos (95 %)",
    "signals.col.now": "Sen jälkeen",
    "signals.col.normal": "Normaali",
    "signals.col.change": "Muutos (95 %:n väli)",
    "signals.col.n": "n sen jälkeen",
    "signals.col.early": "Ennakoiva?",
    "signals.col.link": "Katso",
    "signals.open": "avaa",
    "signals.sure.clear": "selvä",
    "signals.sure.watch": "seuraa",
    "signals.early_help": "Ennakoiva?: vaivattomuus ja asian hoituminen kerralla heikkenevät usein ennen NPS:ää; "
                          "sarake kertoo, milloin NPS samassa paikassa antoi signaalin.",
    "signals.sure_help": "Selvä: muutoksella normaalitasosta signaalin jälkeisiin kuukausiin on 95 %:n väli, joka "
                         "ei sisällä nollaa. Seuraa: kortti antoi signaalin, mutta väli sisältää vielä nollan.",
    "signals.early.none": "–",
    "signals.early.not_yet": "NPS ei vielä",
    "signals.early.before": "NPS {month}",
    "signals.early.same": "NPS:n kanssa",
    "signals.early.after": "NPS:n jälkeen ({month})",
    "signals.all_units": "kaikki yksiköt",
    "signals.pick": "Signaali",
    "signals.chart_y": "{metric} kuukaudessa",
    "signals.chart_normal": "normaalitaso",
    "signals.chart_signal": "signaali",
    "signals.chart_help": "Sarja kuukausittain; viiva on sen normaalitaso seurantajaksoa edeltäviltä kuukausilta, "
                          "punaiset pisteet ovat kuukausia, joina kortti antoi signaalin.",
    "signals.evidence": "Näyttö",
    "signals.months": "Kuukaudet signaalista lähtien",
    "signals.comments": "Tuoreimmat kommentit signaalin jälkeen",
    "signals.overview": "Signaalit: mikä on muuttunut viime aikoina",
    "signals.overview_none": "Ei signaaleja jaksolla {window}: jokainen seurattu sarja pysyi normaalivaihtelunsa "
                             "sisällä.",
    "signals.overview_more": "Kaikki signaalit, näyttö ja jälkitesti",
    "signals.backtest": "Jälkitesti tämän työtilan historialla",
    "signals.backtest_scope": "Sama sääntö ajettuna historian yli: kunkin sarjan normaalivaihtelu jaksolta "
                              "{ref_start} – {ref_end}, seuranta {start} – {end} ({series} sarjaa).",
    "signals.backtest_short": "Historiaa on liian vähän jälkitestiin: tarvitaan yli {months} kuukautta.",
    "signals.changes": "Sarjat, joiden taso muuttui (sopimuksen testi, Benjamini–Hochberg sarjojen kesken), ja "
                       "milloin sääntö antoi ensimmäisen signaalin",
    "signals.changes_none": "Yhdenkään sarjan taso ei muuttunut seurantajaksolla.",
    "signals.col.first": "Ensimmäinen signaali",
    "signals.never": "ei signaalia",
    "signals.false": "Vääriä hälytyksiä {stable} vakaana pysyneessä sarjassa: {alarms} / {months} "
                     "sarjakuukautta, noin {per_year} vuodessa koko kartalla. Sääntö sallii {allowed} vuodessa "
                     "(odotusarvo {expected} näin monessa sarjakuukaudessa; pelkkä sattuma antaa 0–{high} 95 "
                     "%:ssa historioista).",
    "signals.assumes": "Mitä luvut olettavat: kuukaudet ovat toisistaan riippumattomia vakaan tason ympärillä; "
                       "ilmoitettu taso on tarkka normaalijakautuneille kuukausille, ja simuloiduilla NPS-"
                       "kuukausilla, joissa on 5–40 vastausta, toteutuva taso on 0,7–1,25-kertainen suosittelijoiden "
                       "osuudesta riippuen.",
    "signals.cli.header": "Signaalit {month}:",
}
