"""Team use: workspaces' refusals, sign-in, roles, the access list and the audit trail."""

EN = {
    # workspace refusals (cx/store.py)
    "ws.invalid_name": "'{name}' is not a valid workspace name: use 1 to 40 lower-case letters, digits, '-' or '_'.",
    "ws.missing": "There is no workspace called '{name}'.",
    "ws.already_exists": "A workspace called '{name}' already exists.",
    "ws.busy": "The workspace '{name}' is open in another cx process (the app or a command) or is being changed "
               "right now; nothing was changed. Try again when that has finished, or stop that process.",
    "ws.working": "An import or a build is running in the workspace '{name}'; nothing was changed. Try again when "
                  "it has finished.",
    "ws.exists_use_replace": "A workspace called '{name}' already exists; nothing was changed. Add --replace to "
                             "replace it (it is kept in the data folder's deleted/ folder).",
    "ws.open_here": "The workspace '{name}' is open in this process; nothing was changed. Close it first.",
    "ws.gone": "The workspace '{name}' was renamed, deleted or closed while this ran; nothing was changed by this "
               "step. Choose a workspace in the sidebar and try again.",
    "ws.disk_full": "The disk is full (or the workspace file may not grow), so nothing was changed in '{name}'. "
                    "Free some space and try again: the workspace is intact.",
    "ws.bad_start_name": "The server's CX_WORKSPACE setting '{name}' is not a valid workspace name (1 to 40 "
                         "lower-case letters, digits, '-' or '_'); cx opens another workspace instead. Ask "
                         "whoever runs the server to correct it.",
    "ws.demo_building": "The demo workspace is being built ({percent} %). This page shows it when it is ready.",
    "ws.demo_failed": "The demo workspace could not be built: {reason}",
    # sign-in and roles (cx/access.py, cx/ui/auth.py)
    "auth.local_mode": "Single-user mode: no sign-in is configured, so everyone who opens this address can do "
                       "everything. For a team, configure sign-in (README: Running it for a team).",
    "auth.sign_in_title": "Sign in to cx",
    "auth.sign_in_intro": "This cx server is for a team: sign in with your organisation's account.",
    "auth.sign_in": "Sign in",
    "auth.sign_out": "Sign out",
    "auth.signed_in_as": "Signed in as {user}",
    "auth.role": "Your role in this workspace: {role}",
    "auth.no_workspaces": "You are signed in as {user}, but you are on no workspace of this server. Ask a "
                          "workspace's admin to add you.",
    "auth.access_file_broken": "The server's access list ({path}) cannot be read: {reason}. Nobody is let in "
                               "until it is fixed.",
    "role.viewer": "viewer",
    "role.analyst": "analyst",
    "role.admin": "admin",
    "access.denied": "As {role} of '{workspace}' you cannot {action}; nothing was changed. Ask an admin of the "
                     "workspace if you need to.",
    "access.not_member": "You are not on the workspace '{workspace}'.",
    "access.not_own_import": "Import {id} was made by {owner}: as analyst you can undo only your own imports; "
                             "nothing was changed.",
    "access.action.read": "open it",
    "access.action.export": "download its data",
    "access.action.import": "import files",
    "access.action.undo": "undo imports",
    "access.action.save_scenario": "save scenarios",
    "access.action.save_promise": "save promises",
    "access.action.save_profile": "save import profiles",
    "access.action.settings": "change its settings",
    "access.action.rename": "rename it",
    "access.action.delete": "delete it",
    "access.action.manage_access": "manage who is on it",
    "access.action.audit": "read its audit trail",
    "access.action.create": "create workspaces",
    # access management on the Data page
    "access.title": "Who is on this workspace",
    "access.intro": "The access list lives in the server's configuration ({path}), not in the workspace.",
    "access.member": "User (e-mail)",
    "access.role": "Role",
    "access.grant": "Add or change",
    "access.revoke": "Remove",
    "access.granted": "{user} is now {role} of this workspace.",
    "access.revoked": "{user} is no longer on this workspace.",
    "access.bad_user": "Write the user's e-mail address as their sign-in gives it (no spaces).",
    "access.last_admin": "A workspace keeps at least one admin; nothing was changed.",
    # audit trail
    "data.tab.audit": "Audit trail",
    "audit.title": "Audit trail",
    "audit.intro": "Who did what in this workspace, newest first. Only admins see this.",
    "audit.empty": "Nothing recorded yet.",
    "audit.when": "When",
    "audit.who": "Who",
    "audit.action": "Action",
    "audit.what": "What",
    "audit.action.import": "import",
    "audit.action.undo": "undo",
    "audit.action.settings": "settings",
    "audit.action.rename": "rename",
    "audit.action.delete": "delete",
    "audit.action.export": "export",
    "audit.action.create": "create",
    "audit.action.access": "access",
    "audit.action.demo": "demo built",
    "audit.action.save_scenario": "scenario saved",
    "audit.action.save_profile": "profile saved",
    "audit.action.save_promise": "promise saved",
}

FI = {
    "ws.invalid_name": "'{name}' ei kelpaa työtilan nimeksi: käytä 1–40 pientä kirjainta, numeroa, '-' tai '_'.",
    "ws.missing": "Työtilaa '{name}' ei ole.",
    "ws.already_exists": "Työtila '{name}' on jo olemassa.",
    "ws.busy": "Työtila '{name}' on auki toisessa cx-prosessissa (sovellus tai komento) tai sitä muutetaan juuri "
               "nyt; mitään ei muutettu. Yritä uudelleen, kun se on valmis, tai pysäytä se prosessi.",
    "ws.working": "Työtilassa '{name}' on tuonti tai rakennus käynnissä; mitään ei muutettu. Yritä uudelleen, kun "
                  "se on valmis.",
    "ws.exists_use_replace": "Työtila '{name}' on jo olemassa; mitään ei muutettu. Lisää --replace korvataksesi "
                             "sen (vanha säilyy datakansion deleted/-kansiossa).",
    "ws.open_here": "Työtila '{name}' on auki tässä prosessissa; mitään ei muutettu. Sulje se ensin.",
    "ws.gone": "Työtila '{name}' nimettiin uudelleen, poistettiin tai suljettiin kesken tämän; tämä vaihe ei "
               "muuttanut mitään. Valitse työtila sivupalkista ja yritä uudelleen.",
    "ws.disk_full": "Levy on täynnä (tai työtilan tiedosto ei saa kasvaa), joten työtilaan '{name}' ei muutettu "
                    "mitään. Vapauta tilaa ja yritä uudelleen: työtila on ehjä.",
    "ws.bad_start_name": "Palvelimen CX_WORKSPACE-asetus '{name}' ei kelpaa työtilan nimeksi (1–40 pientä "
                         "kirjainta, numeroa, '-' tai '_'); cx avaa toisen työtilan. Pyydä palvelimen ylläpitäjää "
                         "korjaamaan se.",
    "ws.demo_building": "Esittelytyötilaa rakennetaan ({percent} %). Sivu näyttää sen, kun se on valmis.",
    "ws.demo_failed": "Esittelytyötilaa ei voitu rakentaa: {reason}",
    "auth.local_mode": "Yhden käyttäjän tila: kirjautumista ei ole määritetty, joten jokainen tämän osoitteen "
                       "avaaja voi tehdä kaiken. Tiimikäyttöön määritä kirjautuminen (README: Running it for a team).",
    "auth.sign_in_title": "Kirjaudu cx:ään",
    "auth.sign_in_intro": "Tämä cx-palvelin on tiimin käytössä: kirjaudu organisaatiosi tunnuksella.",
    "auth.sign_in": "Kirjaudu",
    "auth.sign_out": "Kirjaudu ulos",
    "auth.signed_in_as": "Kirjautuneena: {user}",
    "auth.role": "Roolisi tässä työtilassa: {role}",
    "auth.no_workspaces": "Olet kirjautunut käyttäjänä {user}, mutta et ole tämän palvelimen yhdessäkään "
                          "työtilassa. Pyydä työtilan ylläpitäjää lisäämään sinut.",
    "auth.access_file_broken": "Palvelimen käyttöoikeuslistaa ({path}) ei voi lukea: {reason}. Ketään ei päästetä "
                               "sisään ennen kuin se on korjattu.",
    "role.viewer": "katselija",
    "role.analyst": "analyytikko",
    "role.admin": "ylläpitäjä",
    "access.denied": "Työtilan '{workspace}' roolilla {role} et voi {action}; mitään ei muutettu. Pyydä työtilan "
                     "ylläpitäjää, jos tarvitset sitä.",
    "access.not_member": "Et ole työtilassa '{workspace}'.",
    "access.not_own_import": "Tuonnin {id} teki {owner}: analyytikkona voit perua vain omia tuontejasi; mitään ei "
                             "muutettu.",
    "access.action.read": "avata sitä",
    "access.action.export": "ladata sen aineistoa",
    "access.action.import": "tuoda tiedostoja",
    "access.action.undo": "perua tuonteja",
    "access.action.save_scenario": "tallentaa skenaarioita",
    "access.action.save_promise": "tallentaa lupauksia",
    "access.action.save_profile": "tallentaa tuontiprofiileja",
    "access.action.settings": "muuttaa sen asetuksia",
    "access.action.rename": "nimetä sitä uudelleen",
    "access.action.delete": "poistaa sitä",
    "access.action.manage_access": "hallita sen käyttäjiä",
    "access.action.audit": "lukea sen tapahtumalokia",
    "access.action.create": "luoda työtiloja",
    "access.title": "Kuka on tässä työtilassa",
    "access.intro": "Käyttöoikeuslista on palvelimen asetuksissa ({path}), ei työtilassa.",
    "access.member": "Käyttäjä (sähköposti)",
    "access.role": "Rooli",
    "access.grant": "Lisää tai muuta",
    "access.revoke": "Poista",
    "access.granted": "{user} on nyt tämän työtilan {role}.",
    "access.revoked": "{user} ei ole enää tässä työtilassa.",
    "access.bad_user": "Kirjoita käyttäjän sähköpostiosoite niin kuin kirjautuminen sen antaa (ei välilyöntejä).",
    "access.last_admin": "Työtilalla on aina vähintään yksi ylläpitäjä; mitään ei muutettu.",
    "data.tab.audit": "Tapahtumaloki",
    "audit.title": "Tapahtumaloki",
    "audit.intro": "Kuka teki mitä tässä työtilassa, uusin ensin. Vain ylläpitäjät näkevät tämän.",
    "audit.empty": "Mitään ei ole vielä kirjattu.",
    "audit.when": "Milloin",
    "audit.who": "Kuka",
    "audit.action": "Toiminto",
    "audit.what": "Mitä",
    "audit.action.import": "tuonti",
    "audit.action.undo": "peruminen",
    "audit.action.settings": "asetukset",
    "audit.action.rename": "uudelleennimeäminen",
    "audit.action.delete": "poisto",
    "audit.action.export": "vienti",
    "audit.action.create": "luonti",
    "audit.action.access": "käyttöoikeudet",
    "audit.action.demo": "esittely rakennettu",
    "audit.action.save_scenario": "skenaario tallennettu",
    "audit.action.save_profile": "profiili tallennettu",
    "audit.action.save_promise": "lupaus tallennettu",
}
