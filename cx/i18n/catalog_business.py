"""The business case page."""

EN = {
    "page.business": "Business case",
    "business.intro": "Does a unit lose fewer customers and earn more in the months after its customers rate it "
                      "higher? Churn and revenue per customer from the outcomes table, against the unit's NPS (or "
                      "detractor share) some months before, and what a better score at one touchpoint would be "
                      "worth a year.",
    "business.driver": "Customer figure",
    "business.driver.nps": "NPS",
    "business.driver.detractors": "Detractor share",
    "business.lag": "Months before the outcome",
    "business.touchpoint": "A 10-point gain at",
    "business.not_proof": "This is an association, not proof: units and months that score better also lose fewer "
                          "customers, but something else may drive both. Use it to size a fix, not to promise its "
                          "return.",
    "business.cannot_tell.too_few": "Cannot tell: only {rows} unit-months have both outcomes and a customer figure "
                                    "from at least {min_n} answers; the business case needs {needed}.",
    "business.cannot_tell.no_variation": "Cannot tell: the customer figure does not vary within the units, so "
                                         "nothing can be learned about what follows it.",
    "business.model.panel": "Panel model with unit effects: {units} units, {rows} unit-months ({first} – {last}). "
                            "Each unit's better and worse months are compared with its own average, so differences "
                            "between units (size, region, customer mix) are not read as the effect.",
    "business.model.pooled": "Simpler model, one line through all {rows} unit-months of {units} units ({first} – "
                             "{last}): too few units with {months} months each for unit effects, so differences "
                             "between units are part of the association.",
    "business.method": "Least squares with HC3 standard errors and t intervals; a unit's months are taken as "
                       "independent of each other. Unit-months whose customer figure rests on fewer than {min_n} "
                       "answers are left out.",
    "business.churn": "Churn: {slope} percentage points a month per {driver} point (95% {low} … {high}); 10 points "
                      "go with {ten} points.",
    "business.revenue": "Revenue per customer: {slope} € a month per {driver} point (95% {low} … {high}); 10 points "
                        "go with {ten} €.",
    "business.worth_title": "What a 10-point gain at the chosen touchpoint would be worth a year",
    "business.worth_help": "A 10-point gain at the touchpoint moves a unit's figure by 10 × the touchpoint's share "
                           "of the unit's answers. Customers kept: 12 months × customers × the churn association. "
                           "Euros: each kept customer's year of revenue plus the revenue-per-customer association "
                           "over a year; both intervals carry the slopes' 95% intervals and their covariance.",
    "business.worth_help_detractors": "For the detractor share, the gain is 10 points fewer detractors.",
    "business.col.unit": "Unit",
    "business.col.share": "Touchpoint's share of the unit's answers",
    "business.col.customers": "Customers",
    "business.col.kept": "Customers kept a year (95%)",
    "business.col.euros": "Worth a year, € (95%)",
    "business.not_there": "no answers there",
    "business.pick_touchpoint": "Choose a touchpoint to see what a gain there would be worth.",
    "business.chart_x": "{driver} {lag} month(s) before, against the unit's average",
    "business.chart_y": "Churn %, against the unit's average",
    "business.chart_help": "Each point is a unit-month, both sides taken from that unit's own average: the slope "
                           "of this cloud is the churn association above.",
}

FI = {
    "page.business": "Liiketoimintavaikutus",
    "business.intro": "Menettääkö yksikkö vähemmän asiakkaita ja tuottaako se enemmän niinä kuukausina, jotka "
                      "seuraavat asiakkaiden parempia arvioita? Asiakaspoistuma ja liikevaihto asiakasta kohden "
                      "tulostaulusta yksikön NPS:ää (tai arvostelijoiden osuutta) vasten muutama kuukausi "
                      "aiemmin, sekä mitä parempi tulos yhdessä kosketuspisteessä olisi vuodessa arvoltaan.",
    "business.driver": "Asiakasluku",
    "business.driver.nps": "NPS",
    "business.driver.detractors": "Arvostelijoiden osuus",
    "business.lag": "Kuukautta ennen tulosta",
    "business.touchpoint": "10 pisteen parannus kosketuspisteessä",
    "business.not_proof": "Tämä on yhteys, ei todiste: yksiköt ja kuukaudet, joissa arviot ovat parempia, "
                          "menettävät vähemmän asiakkaita, mutta jokin muu voi vaikuttaa molempiin. Käytä sitä "
                          "korjauksen mitoittamiseen, älä sen tuoton lupaamiseen.",
    "business.cannot_tell.too_few": "Ei voida sanoa: vain {rows} yksikkökuukaudella on sekä tulokset että "
                                    "asiakasluku vähintään {min_n} vastauksesta; tarvitaan {needed}.",
    "business.cannot_tell.no_variation": "Ei voida sanoa: asiakasluku ei vaihtele yksiköiden sisällä, joten siitä "
                                         "ei voi oppia, mitä sitä seuraa.",
    "business.model.panel": "Paneelimalli yksikkövaikutuksin: {units} yksikköä, {rows} yksikkökuukautta ({first} – "
                            "{last}). Kunkin yksikön parempia ja huonompia kuukausia verrataan sen omaan "
                            "keskiarvoon, joten yksiköiden väliset erot (koko, alue, asiakaskunta) eivät näy "
                            "vaikutuksena.",
    "business.model.pooled": "Yksinkertaisempi malli, yksi suora kaikkien {units} yksikön {rows} "
                             "yksikkökuukauden läpi ({first} – {last}): liian vähän yksiköitä, joilla on {months} "
                             "kuukautta, yksikkövaikutuksiin, joten yksiköiden väliset erot sisältyvät yhteyteen.",
    "business.method": "Pienimmän neliösumman menetelmä, HC3-keskivirheet ja t-välit; yksikön kuukaudet "
                       "oletetaan toisistaan riippumattomiksi. Yksikkökuukaudet, joiden asiakasluku perustuu alle "
                       "{min_n} vastaukseen, on jätetty pois.",
    "business.churn": "Asiakaspoistuma: {slope} prosenttiyksikköä kuukaudessa yhtä {driver}-pistettä kohden "
                      "(95 % {low} … {high}); 10 pistettä vastaa {ten} prosenttiyksikköä.",
    "business.revenue": "Liikevaihto asiakasta kohden: {slope} € kuukaudessa yhtä {driver}-pistettä kohden (95 % "
                        "{low} … {high}); 10 pistettä vastaa {ten} €.",
    "business.worth_title": "Mitä 10 pisteen parannus valitussa kosketuspisteessä olisi vuodessa arvoltaan",
    "business.worth_help": "10 pisteen parannus kosketuspisteessä siirtää yksikön lukua 10 × kosketuspisteen "
                           "osuus yksikön vastauksista. Säilytetyt asiakkaat: 12 kuukautta × asiakkaat × "
                           "poistumayhteys. Eurot: kunkin säilytetyn asiakkaan vuoden liikevaihto sekä "
                           "asiakaskohtaisen liikevaihdon yhteys vuoden ajalta; molemmat välit kantavat "
                           "kulmakertoimien 95 %:n välit ja niiden kovarianssin.",
    "business.worth_help_detractors": "Arvostelijoiden osuudella parannus tarkoittaa 10 prosenttiyksikköä vähemmän "
                                      "arvostelijoita.",
    "business.col.unit": "Yksikkö",
    "business.col.share": "Kosketuspisteen osuus yksikön vastauksista",
    "business.col.customers": "Asiakkaat",
    "business.col.kept": "Säilytetyt asiakkaat vuodessa (95 %)",
    "business.col.euros": "Arvo vuodessa, € (95 %)",
    "business.not_there": "ei vastauksia siellä",
    "business.pick_touchpoint": "Valitse kosketuspiste nähdäksesi, mitä parannus siellä olisi arvoltaan.",
    "business.chart_x": "{driver} {lag} kk aiemmin, ero yksikön keskiarvoon",
    "business.chart_y": "Poistuma-%, ero yksikön keskiarvoon",
    "business.chart_help": "Kukin piste on yksikkökuukausi, molemmat puolet yksikön omasta keskiarvosta "
                           "laskettuina: pistejoukon kulmakerroin on yllä oleva poistumayhteys.",
}
