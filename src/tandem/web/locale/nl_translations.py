# ruff: noqa: E501  (translation data: one message per line reads best)
"""Dutch translations of the facilitator side, applied to django.po by fill_po.py.

Kept as data so that a re-run of makemessages never loses a translation: run
``python src/tandem/web/locale/fill_po.py`` after ``makemessages`` (docs/deployment.md).
"""

NL: dict[str, str] = {
    "Personal info": "Persoonlijke gegevens",
    "Permissions": "Rechten",
    "Important dates": "Belangrijke data",
    "Accounts": "Accounts",
    "E-mail address": "E-mailadres",
    "That e-mail address and password do not match an account.":
        "Dit e-mailadres en wachtwoord horen niet bij een account.",
    "Too many failed attempts. Please wait a quarter of an hour and try again.":
        "Te veel mislukte pogingen. Wacht een kwartier en probeer het dan opnieuw.",
    "e-mail address": "e-mailadres",
    "name": "naam",
    "operator": "beheerder",
    "May log in to the Django admin.": "Mag inloggen op de Django-beheeromgeving.",
    "active": "actief",
    "date joined": "aangemaakt op",
    "user": "gebruiker",
    "users": "gebruikers",
    "Someone asked to reset the password of your Tandem account. If that was you, choose a new password here (the link works for one day):":
        "Iemand heeft gevraagd het wachtwoord van uw Tandem-account opnieuw in te stellen. Was u dat, kies dan hier een nieuw wachtwoord (de link werkt één dag):",
    "If you did not ask for this, you can ignore this e-mail.":
        "Hebt u hier niet om gevraagd, dan kunt u deze e-mail negeren.",
    "Tandem: choose a new password": "Tandem: kies een nieuw wachtwoord",
    "%(invited_by)s added you to %(organisation)s in Tandem, the tool for the Tandem Scan.":
        "%(invited_by)s heeft u toegevoegd aan %(organisation)s in Tandem, het hulpmiddel voor de Tandem Scan.",
    "Choose your password here (the link works for one day):":
        "Kies hier uw wachtwoord (de link werkt één dag):",
    "Later you can always ask for a new link on the login page (Forgot your password?).":
        "Later kunt u altijd een nieuwe link vragen op de inlogpagina (Wachtwoord vergeten?).",
    "You have been added to %(organisation)s in Tandem":
        "U bent toegevoegd aan %(organisation)s in Tandem",
    "Log in": "Inloggen",
    "Forgot your password?": "Wachtwoord vergeten?",
    "Password saved": "Wachtwoord opgeslagen",
    "Back to my organisations": "Terug naar mijn organisaties",
    "Change your password": "Wachtwoord wijzigen",
    "Save password": "Wachtwoord opslaan",
    "Choose a new password": "Kies een nieuw wachtwoord",
    "This link is no longer valid: it was used already or is too old.":
        "Deze link is niet meer geldig: hij is al gebruikt of te oud.",
    "Ask for a new link.": "Vraag een nieuwe link aan.",
    "Check your e-mail": "Kijk in uw e-mail",
    "If an account exists for that address, an e-mail with a link is on its way. The link works for one day.":
        "Als er een account bij dit adres hoort, is er een e-mail met een link onderweg. De link werkt één dag.",
    "Reset your password": "Wachtwoord opnieuw instellen",
    "Give the e-mail address of your account; we will send a link to choose a new password.":
        "Geef het e-mailadres van uw account; we sturen een link om een nieuw wachtwoord te kiezen.",
    "Send the link": "Stuur de link",
    "Organisations": "Organisaties",
    "Role": "Rol",
    "Business to business (B2B)": "Zakelijke markt (B2B)",
    "Business to consumer (B2C)": "Consumentenmarkt (B2C)",
    "Both B2B and B2C": "Zowel B2B als B2C",
    "Shrinking": "Krimpend",
    "Stable": "Stabiel",
    "Moderate growth": "Matige groei",
    "Strong growth": "Sterke groei",
    "Supports sales with leads": "Ondersteunt sales met leads",
    "Brand and strategy": "Merk en strategie",
    "Both": "Beide",
    "created": "aangemaakt",
    "number of employees": "aantal medewerkers",
    "people in Sales": "mensen in Sales",
    "people in Marketing": "mensen in Marketing",
    "people in Customer Service": "mensen in Customer Service",
    "market": "markt",
    "number of markets or segments": "aantal markten of segmenten",
    "growth over the last two years": "groei in de afgelopen twee jaar",
    "main role of Marketing": "belangrijkste rol van Marketing",
    "works with key accounts": "werkt met key accounts",
    "one commercial leader (e.g. a CCO)": "één commercieel eindverantwoordelijke (bijv. een CCO)",
    "written sales-marketing agreement (SLA)": "schriftelijke afspraak tussen sales en marketing (SLA)",
    "organisation": "organisatie",
    "organisations": "organisaties",
    "Owner": "Eigenaar",
    "Facilitator": "Begeleider",
    "Viewer": "Lezer",
    "role": "rol",
    "membership": "lidmaatschap",
    "memberships": "lidmaatschappen",
    "New scan": "Nieuwe scan",
    "Edit organisation": "Organisatie bewerken",
    "Members": "Leden",
    "Scans": "Scans",
    "Scan": "Scan",
    "Status": "Status",
    "Form": "Vorm",
    "Results": "Resultaten",
    "Quick": "Snel",
    "Full": "Volledig",
    "after closing": "na het sluiten",
    "No scans yet.": "Nog geen scans.",
    "Context": "Context",
    "New organisation": "Nieuwe organisatie",
    "Edit %(name)s": "%(name)s bewerken",
    "The context questions help Tandem choose a sensible target: leave a question unknown if you are not sure.":
        "De contextvragen helpen Tandem een zinvol doel te kiezen: laat een vraag op onbekend staan als u het niet zeker weet.",
    "Save": "Opslaan",
    "Cancel": "Annuleren",
    "Owners may do everything; facilitators set up scans and invitations; viewers see results only.":
        "Eigenaren mogen alles; begeleiders zetten scans en uitnodigingen klaar; lezers zien alleen resultaten.",
    "Actions": "Acties",
    "Change": "Wijzigen",
    "Remove": "Verwijderen",
    "Add a member": "Lid toevoegen",
    "Someone without an account gets an e-mail to choose a password.":
        "Iemand zonder account krijgt een e-mail om een wachtwoord te kiezen.",
    "Add": "Toevoegen",
    "Organisation created. You are its owner.": "Organisatie aangemaakt. U bent de eigenaar.",
    "unknown": "onbekend",
    "yes": "ja",
    "no": "nee",
    "Saved.": "Opgeslagen.",
    "Member added.": "Lid toegevoegd.",
    "That person is already a member; change the role below.":
        "Deze persoon is al lid; wijzig de rol hieronder.",
    "Role changed.": "Rol gewijzigd.",
    "An organisation needs at least one owner.": "Een organisatie heeft minstens één eigenaar nodig.",
    "Choose a role.": "Kies een rol.",
    "Member removed.": "Lid verwijderd.",
    "Responses": "Antwoorden",
    "In progress": "Bezig",
    "Submitted": "Ingediend",
    "response": "antwoordset",
    "responses": "antwoordsets",
    "draft": "concept",
    "drafts": "concepten",
    "Results appear once the scan is closed, so that nobody can follow answers as they come in.":
        "Resultaten verschijnen zodra de scan gesloten is, zodat niemand antwoorden kan volgen terwijl ze binnenkomen.",
    "The results could not be computed from the stored answers. The operators have been told.":
        "De resultaten konden niet uit de opgeslagen antwoorden worden berekend. De beheerders zijn ingelicht.",
    "The full result as JSON": "Het volledige resultaat als JSON",
    "Title": "Titel",
    "Questionnaire": "Vragenlijst",
    "Languages": "Talen",
    "Default language": "Standaardtaal",
    "Anonymity threshold (k)": "Anonimiteitsdrempel (k)",
    "No figure is shown for a group of fewer respondents. At least 3; fixed once the scan opens.":
        "Voor een groep met minder respondenten wordt geen enkel cijfer getoond. Minimaal 3; ligt vast zodra de scan opent.",
    "Also ask who should decide": "Ook vragen wie zou moeten beslissen",
    "Adds the question 'who should decide?' to each decision area.":
        "Voegt bij elk beslisgebied de vraag 'wie zou moeten beslissen?' toe.",
    "Ask for the part of the organisation": "Vragen naar het organisatieonderdeel",
    "Off by default: every extra profile question makes people easier to recognise.":
        "Standaard uit: elke extra profielvraag maakt mensen makkelijker herkenbaar.",
    "Opens on": "Opent op",
    "Closes on": "Sluit op",
    "The default language must be one of the scan's languages.":
        "De standaardtaal moet een van de talen van de scan zijn.",
    "The scan cannot close before it opens.": "De scan kan niet sluiten voordat hij opent.",
    "E-mail addresses": "E-mailadressen",
    "One per line: an address, optionally followed by a comma and the department (sales, marketing, service, management, other).":
        "Eén per regel: een adres, eventueel gevolgd door een komma en de afdeling (sales, marketing, service, management, other).",
    "Or upload a file (.csv or .txt)": "Of upload een bestand (.csv of .txt)",
    "Paste addresses or upload a file, not both.": "Plak adressen of upload een bestand, niet allebei.",
    "The file is larger than 1 MB.": "Het bestand is groter dan 1 MB.",
    "Paste some addresses or choose a file.": "Plak adressen of kies een bestand.",
    "Draft": "Concept",
    "Open": "Open",
    "Closed": "Gesloten",
    "Full scan (about 15 minutes)": "Volledige scan (ongeveer 15 minuten)",
    "Quick scan (about 4 minutes)": "Snelle scan (ongeveer 4 minuten)",
    "title": "titel",
    "instrument": "vragenlijst",
    "form": "vorm",
    "languages": "talen",
    "default language": "standaardtaal",
    "anonymity threshold": "anonimiteitsdrempel",
    "No figure is shown for fewer respondents than this (at least 3).":
        "Voor minder respondenten dan dit wordt geen cijfer getoond (minimaal 3).",
    "also ask who should decide": "ook vragen wie zou moeten beslissen",
    "ask for the part of the organisation": "vragen naar het organisatieonderdeel",
    "An open profile question; each extra question makes people easier to recognise.":
        "Een open profielvraag; elke extra vraag maakt mensen makkelijker herkenbaar.",
    "opens on": "opent op",
    "closes on": "sluit op",
    "status": "status",
    "scan": "scan",
    "scans": "scans",
    "opened": "geopend",
    "closed": "gesloten",
    "reopened": "heropend",
    "department": "afdeling",
    "invitation": "uitnodiging",
    "invitations": "uitnodigingen",
    "k must be at least %(min)d": "k moet minstens %(min)d zijn",
    "Choose at least one language.": "Kies minstens één taal.",
    "Fixed once the scan has opened: %(fields)s": "Ligt vast sinds de scan geopend is: %(fields)s",
    "This scan is %(status)s; it cannot be %(action)s now.":
        "Deze scan heeft de status %(status)s; hij kan nu niet worden %(action)s.",
    "line %(line)d: expected 'email' or 'email,department', got %(count)d fields":
        "regel %(line)d: verwacht 'e-mail' of 'e-mail,afdeling', maar er staan %(count)d velden",
    "line %(line)d: “%(value)s” is not an e-mail address":
        "regel %(line)d: “%(value)s” is geen e-mailadres",
    "line %(line)d: unknown department “%(value)s” (use one of %(known)s)":
        "regel %(line)d: onbekende afdeling “%(value)s” (gebruik een van %(known)s)",
    "line %(line)d: %(email)s is already on line %(first)d":
        "regel %(line)d: %(email)s staat al op regel %(first)d",
    "at most %(max)d addresses at a time": "hoogstens %(max)d adressen tegelijk",
    "A closed scan takes no new invitations.": "Een gesloten scan krijgt geen nieuwe uitnodigingen.",
    "An answered invitation stays, so that response rates stay right.":
        "Een beantwoorde uitnodiging blijft staan, zodat de respons klopt.",
    "E-mails go out only while the scan is open.": "E-mails gaan alleen uit zolang de scan open is.",
    "Responses received": "Ontvangen antwoorden",
    "fewer than %(k)s": "minder dan %(k)s",
    "Response rate per department": "Respons per afdeling",
    "Department": "Afdeling",
    "Invited": "Uitgenodigd",
    "Finished": "Afgerond",
    "Rate": "Respons",
    "&lt; %(k)s": "&lt; %(k)s",
    "All invited": "Alle uitgenodigden",
    "To protect anonymity, no count below %(k)s is shown; small departments are taken together.":
        "Om de anonimiteit te beschermen wordt geen aantal onder %(k)s getoond; kleine afdelingen worden samengenomen.",
    "Settings": "Instellingen",
    "Invitations": "Uitnodigingen",
    "Open the scan": "Scan openen",
    "Close the scan": "Scan sluiten",
    "Reopen": "Heropenen",
    "default": "standaard",
    "Anonymity threshold": "Anonimiteitsdrempel",
    "Who should decide": "Wie zou moeten beslissen",
    "asked": "gevraagd",
    "not asked": "niet gevraagd",
    "Part of the organisation": "Organisatieonderdeel",
    "Dates": "Data",
    "Progress": "Voortgang",
    "%(invited)s invited, %(sent)s e-mailed.": "%(invited)s uitgenodigd, %(sent)s gemaild.",
    "Open link and access code": "Open link en toegangscode",
    "For organisations that share the survey themselves (intranet, poster). Anyone with the link or code can answer, so response rates per department are not known.":
        "Voor organisaties die de vragenlijst zelf verspreiden (intranet, poster). Iedereen met de link of code kan antwoorden, dus de respons per afdeling is niet bekend.",
    "Open link": "Open link",
    "Access code": "Toegangscode",
    "(to type in at %(url)s)": "(in te typen op %(url)s)",
    "Switch off": "Uitzetten",
    "Create an open link and access code": "Open link en toegangscode maken",
    "History": "Geschiedenis",
    "A friendly reminder: you have not finished the survey yet.":
        "Een vriendelijke herinnering: u hebt de vragenlijst nog niet afgerond.",
    "%(org)s wants to know how Sales, Marketing and Customer Service work together, and asks for your view. The survey takes about %(minutes)s minutes.":
        "%(org)s wil weten hoe Sales, Marketing en Customer Service samenwerken en vraagt uw mening. De vragenlijst duurt ongeveer %(minutes)s minuten.",
    "Your personal link (please do not forward it):": "Uw persoonlijke link (stuur hem niet door):",
    "Your answers are anonymous: they are stored without your name or e-mail address, and results are shown only for groups of at least %(k)s people. You can stop at any time and continue later with the same link.":
        "Uw antwoorden zijn anoniem: ze worden bewaard zonder uw naam of e-mailadres, en resultaten worden alleen getoond voor groepen van minstens %(k)s mensen. U kunt op elk moment stoppen en later verdergaan met dezelfde link.",
    "The survey closes on %(date)s.": "De vragenlijst sluit op %(date)s.",
    "Reminder: the Tandem Scan of %(org)s": "Herinnering: de Tandem Scan van %(org)s",
    "Invitation: the Tandem Scan of %(org)s": "Uitnodiging: de Tandem Scan van %(org)s",
    "Settings of %(title)s": "Instellingen van %(title)s",
    "This scan has opened: the questions, languages and anonymity threshold are fixed. You can still change the title and dates.":
        "Deze scan is geopend: de vragen, talen en anonimiteitsdrempel liggen vast. De titel en data kunt u nog wijzigen.",
    "%(invited)s invited; %(sent)s e-mailed, %(unsent)s not yet.":
        "%(invited)s uitgenodigd; %(sent)s gemaild, %(unsent)s nog niet.",
    "E-mail the invitations not yet sent": "Mail de uitnodigingen die nog niet verstuurd zijn",
    "Remind those who have not finished": "Herinner wie nog niet klaar is",
    "E-mails can be sent once the scan is open.": "E-mails kunnen worden verstuurd zodra de scan open is.",
    "Download personal links (CSV)": "Persoonlijke links downloaden (CSV)",
    "How personal links work": "Hoe persoonlijke links werken",
    "Each link is a long random code. Tandem stores only a fingerprint (hash) of it, so nobody, not even an operator, can read a link back later. A link is therefore shown once: in the e-mail Tandem sends, or in the CSV you download for your own mail merge. Each download makes new links; links given out earlier keep working. A link stops working once its person has submitted.":
        "Elke link is een lange willekeurige code. Tandem bewaart er alleen een vingerafdruk (hash) van, zodat niemand, ook geen beheerder, een link later kan teruglezen. Een link wordt dus één keer getoond: in de e-mail die Tandem verstuurt, of in de CSV die u downloadt voor uw eigen mailing. Elke download maakt nieuwe links; eerder uitgegeven links blijven werken. Een link werkt niet meer zodra de persoon zijn antwoorden heeft ingediend.",
    "Tandem does not show who has finished: the reminder goes only to those who have not, and the figures per department appear only from the anonymity threshold up.":
        "Tandem laat niet zien wie klaar is: de herinnering gaat alleen naar wie nog niet klaar is, en de cijfers per afdeling verschijnen pas vanaf de anonimiteitsdrempel.",
    "Add people": "Mensen toevoegen",
    "Nothing was added; please correct these lines:": "Er is niets toegevoegd; verbeter deze regels:",
    "E-mailed": "Gemaild",
    "Reminded": "Herinnerd",
    "Withdraw": "Intrekken",
    "Nobody invited yet.": "Nog niemand uitgenodigd.",
    "Scan created. Add invitations, then open it.": "Scan aangemaakt. Voeg uitnodigingen toe en open hem dan.",
    "Other departments together": "Overige afdelingen samen",
    "not given": "niet opgegeven",
    "Department not given": "Afdeling niet opgegeven",
    "The scan is open. Send the invitations now.": "De scan is open. Verstuur nu de uitnodigingen.",
    "The scan is closed; the results are ready.": "De scan is gesloten; de resultaten staan klaar.",
    "The scan is open again; this has been recorded.": "De scan is weer open; dit is vastgelegd.",
    "The open link and access code are ready to share.": "De open link en toegangscode zijn klaar om te delen.",
    "The open link and access code no longer work.": "De open link en toegangscode werken niet meer.",
    "%(count)d invitation(s) added.": "%(count)d uitnodiging(en) toegevoegd.",
    "Already invited, left as they were: %(emails)s": "Al uitgenodigd, ongewijzigd gelaten: %(emails)s",
    "The reminders are being sent.": "De herinneringen worden verstuurd.",
    "The invitations are being sent.": "De uitnodigingen worden verstuurd.",
    "Invitation withdrawn.": "Uitnodiging ingetrokken.",
    "Dutch": "Nederlands",
    "English": "Engels",
    "Not allowed": "Niet toegestaan",
    "Your role in this organisation does not allow this. Ask an owner if you need it.":
        "Uw rol in deze organisatie staat dit niet toe. Vraag het een eigenaar als u het nodig hebt.",
    "Not found": "Niet gevonden",
    "This page does not exist, or you do not have access to it.":
        "Deze pagina bestaat niet, of u hebt er geen toegang toe.",
    "Skip to content": "Naar de inhoud",
    "Main": "Hoofdmenu",
    "My organisations": "Mijn organisaties",
    "Language": "Taal",
    "Switch": "Wissel",
    "Password": "Wachtwoord",
    "Log out": "Uitloggen",
    "Tandem: how Sales, Marketing and Customer Service work together.":
        "Tandem: hoe Sales, Marketing en Customer Service samenwerken.",
    "Organisation": "Organisatie",
    "Your role": "Uw rol",
    "You are not a member of any organisation yet.": "U bent nog geen lid van een organisatie.",
    'Or upload a file (.csv, .txt or .xlsx)':
        'Of upload een bestand (.csv, .txt of .xlsx)',
    'Excel: the first sheet, the address in column A and the department in column B. At most 1 MB.':
        'Excel: het eerste werkblad, het adres in kolom A en de afdeling in kolom B. Hoogstens 1 MB.',
    '“%(name)s” is not a .csv, .txt or .xlsx file.':
        '“%(name)s” is geen .csv-, .txt- of .xlsx-bestand.',
    '“%(name)s” is larger than %(limit_mb)s MB.':
        '“%(name)s” is groter dan %(limit_mb)s MB.',
    '“%(name)s” is not a readable Excel file (.xlsx): save it again in Excel, or as CSV UTF-8.':
        '“%(name)s” is geen leesbaar Excel-bestand (.xlsx): sla het opnieuw op in Excel, of als CSV UTF-8.',
    '“%(name)s” is a zip archive, not an Excel file (.xlsx).':
        '“%(name)s” is een zip-archief, geen Excel-bestand (.xlsx).',
    '“%(name)s” holds too many parts (%(count)d; at most %(limit)d) for an address list.':
        '“%(name)s” bevat te veel onderdelen (%(count)d; hoogstens %(limit)d) voor een adreslijst.',
    '“%(name)s” would unpack to %(size_mb)s MB; at most %(limit_mb)s MB is accepted.':
        '“%(name)s” zou uitgepakt %(size_mb)s MB worden; hoogstens %(limit_mb)s MB wordt geaccepteerd.',
    '“%(name)s” is refused: it is compressed %(ratio)d:1, as only a zip bomb is.':
        '“%(name)s” is geweigerd: het is %(ratio)d:1 gecomprimeerd, zoals alleen een zipbom.',
    '“%(name)s” is protected with a password: remove the password and save it again.':
        '“%(name)s” is beveiligd met een wachtwoord: verwijder het wachtwoord en sla het opnieuw op.',
    '“%(name)s” uses a compression Excel does not write: save it again in Excel.':
        '“%(name)s” gebruikt een compressie die Excel niet schrijft: sla het opnieuw op in Excel.',
    '“%(name)s” is an old Excel file (.xls) or one with a password: save it as .xlsx without a password, or as CSV UTF-8.':
        '“%(name)s” is een oud Excel-bestand (.xls) of een bestand met een wachtwoord: sla het op als .xlsx zonder wachtwoord, of als CSV UTF-8.',
    '“%(name)s”: the first sheet has more than %(limit)d rows.':
        '“%(name)s”: het eerste werkblad heeft meer dan %(limit)d rijen.',
    '“%(name)s”: the first sheet has more than %(limit)d filled cells.':
        '“%(name)s”: het eerste werkblad heeft meer dan %(limit)d gevulde cellen.',
    '“%(name)s”, line %(line)d: binary data, not text. Save the list as CSV UTF-8 or as .xlsx.':
        '“%(name)s”, regel %(line)d: binaire gegevens, geen tekst. Sla de lijst op als CSV UTF-8 of als .xlsx.',
    '“%(name)s”, line %(line)d: the text is not in a known encoding (byte 0x%(byte)02X). Save the list as CSV UTF-8.':
        '“%(name)s”, regel %(line)d: de tekst staat niet in een bekende codering (byte 0x%(byte)02X). Sla de lijst op als CSV UTF-8.',
    'The answers of this scan were deleted after its retention period, so it cannot be reopened. Start a new scan instead.':
        'De antwoorden van deze scan zijn na de bewaartermijn verwijderd, dus hij kan niet opnieuw worden geopend. Start in plaats daarvan een nieuwe scan.',
    'Too large':
        'Te groot',
    'What you sent is larger than %(limit_mb)s MB, more than Tandem accepts. An invitation list may be at most 1 MB: split it, or save it as CSV.':
        'Wat u verstuurde is groter dan %(limit_mb)s MB, meer dan Tandem accepteert. Een uitnodigingslijst mag hoogstens 1 MB zijn: splits hem, of sla hem op als CSV.',
    'Data protection':
        'Gegevensbescherming',
    'retention period (months)':
        'bewaartermijn (maanden)',
    'Raw answers of a closed scan are deleted after this many months; the results are kept.':
        'Ruwe antwoorden van een gesloten scan worden na dit aantal maanden verwijderd; de resultaten blijven bewaard.',
}
