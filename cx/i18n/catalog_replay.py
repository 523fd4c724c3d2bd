"""The simulator's alarm replay."""

EN = {
    "replay.title": "Replay: how soon would an alarm catch a fall, and how often would it cry wolf?",
    "replay.rule": "Alarm rule",
    "replay.rule.ewma": "EWMA (λ 0.3)",
    "replay.rule.cusum": "CUSUM (k 0.5)",
    "replay.drop": "Fall to replay (NPS points)",
    "replay.run": "Replay",
    "replay.help": "Builds a model of the touchpoint's history and replays it 400 times under each plan: quiet "
                   "months for the false alarms, and a fall of the chosen size for the delay.",
    "replay.too_short": "Too little history for this touchpoint: the model needs at least {months} months with "
                        "answers before the latest three.",
    "replay.model": "Model of {touchpoint}, from {months} months ({first} – {last}): NPS {level}, months vary by "
                    "±{wobble} points beyond sampling.",
    "replay.recent": "The latest three months sit {drop} points below that level: the slider starts there.",
    "replay.recent_none": "The latest three months are not below that level.",
    "replay.plan": "Figure",
    "replay.today": "Today",
    "replay.new_plan": "New plan",
    "replay.n": "Answers a month",
    "replay.spread": "± a month (1 SD)",
    "replay.false": "False alarms a month (replay)",
    "replay.false_stated": "stated",
    "replay.months_to_false": "Months to a false alarm",
    "replay.flag_1": "Caught in month 1",
    "replay.flag_2": "Caught by month 2",
    "replay.flag_3": "Caught by month 3",
    "replay.delay": "Months to the signal",
    "replay.assumes": "What the replay assumes: each month's true NPS wobbles around a steady level by the "
                      "variation seen in the history, independently from month to month (no season, no trend); "
                      "answers are a random sample of the touchpoint's customers; the fall starts with the chart "
                      "at rest and stays; each replay fits its own model to {months} simulated months as the app "
                      "does with the real ones. The rule is tuned to one false alarm in {arl0} months at this "
                      "touchpoint (limit {limit}); 'stated' is that figure from a Markov chain, and 'replay' what "
                      "400 replays saw (± {se} percentage points, Monte Carlo). Delays count months from the fall's start "
                      "(1 = caught in its first month); a replay not caught within 12 months counts as 12.",
}

FI = {
    "replay.title": "Toisto: kuinka nopeasti hälytys huomaisi pudotuksen, ja kuinka usein se hälyttäisi turhaan?",
    "replay.rule": "Hälytyssääntö",
    "replay.rule.ewma": "EWMA (λ 0,3)",
    "replay.rule.cusum": "CUSUM (k 0,5)",
    "replay.drop": "Toistettava pudotus (NPS-pistettä)",
    "replay.run": "Toista",
    "replay.help": "Rakentaa kosketuspisteen historiasta mallin ja toistaa sen 400 kertaa kummallakin "
                   "suunnitelmalla: rauhalliset kuukaudet turhia hälytyksiä varten ja valitun kokoinen pudotus "
                   "viivettä varten.",
    "replay.too_short": "Tällä kosketuspisteellä on liian vähän historiaa: malli tarvitsee vähintään {months} "
                        "vastauksellista kuukautta ennen kolmea viimeisintä.",
    "replay.model": "Kosketuspisteen {touchpoint} malli {months} kuukaudesta ({first} – {last}): NPS {level}, "
                    "kuukaudet vaihtelevat otantavaihtelun lisäksi ±{wobble} pistettä.",
    "replay.recent": "Kolme viimeisintä kuukautta ovat {drop} pistettä tämän tason alapuolella: liukusäädin "
                     "alkaa siitä.",
    "replay.recent_none": "Kolme viimeisintä kuukautta eivät ole tämän tason alapuolella.",
    "replay.plan": "Luku",
    "replay.today": "Nyt",
    "replay.new_plan": "Uusi suunnitelma",
    "replay.n": "Vastauksia kuukaudessa",
    "replay.spread": "± kuukaudessa (1 keskihajonta)",
    "replay.false": "Turhia hälytyksiä kuukaudessa (toisto)",
    "replay.false_stated": "ilmoitettu",
    "replay.months_to_false": "Kuukausia turhaan hälytykseen",
    "replay.flag_1": "Havaittu 1. kuukautena",
    "replay.flag_2": "Havaittu 2. kuukauteen mennessä",
    "replay.flag_3": "Havaittu 3. kuukauteen mennessä",
    "replay.delay": "Kuukausia hälytykseen",
    "replay.assumes": "Mitä toisto olettaa: kunkin kuukauden todellinen NPS vaihtelee vakaan tason ympärillä "
                      "historiassa nähdyn verran, kuukaudesta toiseen toisistaan riippumatta (ei kausivaihtelua, "
                      "ei trendiä); vastaajat ovat satunnaisotos kosketuspisteen asiakkaista; pudotus alkaa, kun "
                      "valvontakortti on levossa, ja jää pysyväksi; jokainen toisto sovittaa oman mallinsa {months} "
                      "simuloituun kuukauteen, kuten sovellus tekee oikeille kuukausille. Sääntö on viritetty "
                      "yhteen turhaan hälytykseen {arl0} kuukaudessa tässä kosketuspisteessä (raja {limit}); "
                      "'ilmoitettu' on sama luku Markovin ketjusta laskettuna ja 'toisto' se, mitä 400 toistoa "
                      "näki (± {se} prosenttiyksikköä, Monte Carlo). Viiveet lasketaan kuukausina pudotuksen "
                      "alusta (1 = havaittu ensimmäisenä kuukautena); toisto, jota ei havaita 12 kuukaudessa, "
                      "lasketaan 12:ksi.",
}
