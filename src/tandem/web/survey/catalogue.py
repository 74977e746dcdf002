"""The survey's Dutch texts as a table, and the tool that writes its gettext catalogue.

The table is the source, so a change is one edit here; then
``python -m tandem.web.survey.catalogue`` writes ``locale/nl/LC_MESSAGES/django.po`` and
compiles the ``.mo`` with msgfmt (both are committed: a fresh machine may lack gettext).
``tests/web/test_survey_i18n.py`` checks every msgid of the templates is in the table.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent / "locale"
PO = HERE / "nl" / "LC_MESSAGES" / "django.po"

SINGULAR: dict[str, str] = {
    "Survey": "Vragenlijst",
    "Continue later or on another device": "Later of op een ander apparaat verdergaan",
    "This browser remembers your answers. To continue on another device, keep this link. "
    "Anyone with the link can see and change your answers until you submit them, so do not "
    "share it.":
        "Deze browser onthoudt uw antwoorden. Wilt u op een ander apparaat verder, bewaar dan "
        "deze link. Iedereen met de link kan uw antwoorden zien en wijzigen tot u ze verstuurt, "
        "dus deel hem niet.",
    "To continue later, open the link in your invitation e-mail again.":
        "Wilt u later verder, open dan opnieuw de link in uw uitnodiging.",
    "Not saved: please choose one of the options given.":
        "Niet opgeslagen: kies een van de gegeven antwoorden.",
    "Your answers are saved.": "Uw antwoorden zijn opgeslagen.",
    "Skip to content": "Naar de inhoud",
    "Language": "Taal",
    "Tandem Scan: how Sales, Marketing and Customer Service work together. Your answers are "
    "never linked to your name.":
        "Tandem Scan: hoe Sales, Marketing en Customer Service samenwerken. Uw antwoorden "
        "worden nooit aan uw naam gekoppeld.",
    "Access code": "Toegangscode",
    "Enter your access code": "Vul uw toegangscode in",
    "Your organisation gave you a code of eight letters and digits. It leads to the survey; "
    "your answers are never linked to you.":
        "Uw organisatie heeft u een code van acht letters en cijfers gegeven. Die brengt u "
        "naar de vragenlijst; uw antwoorden worden nooit aan u gekoppeld.",
    "Continue": "Verder",
    "Thank you": "Bedankt",
    "Thank you!": "Hartelijk dank!",
    "Your answers have been received. They are stored without your name, e-mail address or "
    "link.":
        "Uw antwoorden zijn ontvangen. Ze worden bewaard zonder uw naam, e-mailadres of link.",
    "The results are shown only for groups that are large enough. You can close this page "
    "now.":
        "De resultaten worden alleen getoond voor groepen die groot genoeg zijn. U kunt deze "
        "pagina nu sluiten.",
    "Welcome": "Welkom",
    "How do Sales, Marketing and Customer Service work together at %(organisation)s?":
        "Hoe werken Sales, Marketing en Customer Service samen bij %(organisation)s?",
    "%(organisation)s asks you to take part in the Tandem Scan: a short survey about how the "
    "commercial departments work together. The combined answers show where collaboration "
    "runs smoothly, where it rubs, and which step would help most.":
        "%(organisation)s vraagt u mee te doen aan de Tandem Scan: een korte vragenlijst over "
        "hoe de commerciële afdelingen samenwerken. De antwoorden samen laten zien waar de "
        "samenwerking soepel loopt, waar het schuurt en welke stap het meest zou helpen.",
    "How long it takes": "Hoe lang het duurt",
    "About 4 minutes.": "Ongeveer 4 minuten.",
    "About 12 to 15 minutes.": "Ongeveer 12 tot 15 minuten.",
    "Your answers are saved as you go: you can stop at any moment and continue later with "
    "the same link.":
        "Uw antwoorden worden onderweg opgeslagen: u kunt op elk moment stoppen en later "
        "verdergaan met dezelfde link.",
    "How your anonymity is protected": "Hoe uw anonimiteit wordt beschermd",
    "Your answers are not linked to your name or e-mail address. When you submit, they are "
    "stored without your link, e-mail address, IP address or time of day; only the date is "
    "kept.":
        "Uw antwoorden worden niet gekoppeld aan uw naam of e-mailadres. Als u ze verstuurt, "
        "worden ze bewaard zonder uw link, e-mailadres, IP-adres of tijdstip; alleen de datum "
        "blijft bewaard.",
    "Results are shown only for groups of at least %(k)s people. For a smaller group nothing "
    "is shown at all, not even how many people answered.":
        "Resultaten worden alleen getoond voor groepen van minstens %(k)s mensen. Voor een "
        "kleinere groep wordt helemaal niets getoond, zelfs niet hoeveel mensen hebben "
        "geantwoord.",
    "Written comments are shown only when enough people in a group wrote one, in random "
    "order and without any profile.":
        "Geschreven opmerkingen worden alleen getoond als genoeg mensen in een groep iets "
        "schreven, in willekeurige volgorde en zonder profiel.",
    "Who sees what": "Wie wat ziet",
    "The people who run this scan for %(organisation)s, and the management team they share "
    "it with, see combined results of groups only. Nobody sees the answers of one person.":
        "De mensen die deze scan voor %(organisation)s uitvoeren, en het managementteam met "
        "wie zij hem delen, zien alleen samengevoegde resultaten van groepen. Niemand ziet de "
        "antwoorden van één persoon.",
    "Answering": "Antwoorden",
    "Most questions are statements you can agree or disagree with. “Don't know” is always "
    "an option, and you may skip any question. Taking part is voluntary.":
        "De meeste vragen zijn uitspraken waarmee u het eens of oneens kunt zijn. “Weet ik "
        "niet” kunt u altijd kiezen, en u mag elke vraag overslaan. Meedoen is vrijwillig.",
    "Please tick the box if you want to take part.":
        "Vink het vakje aan als u wilt meedoen.",
    "I have read this and I agree to take part.":
        "Ik heb dit gelezen en ik doe mee.",
    "Start the survey": "Start de vragenlijst",
    "Check and submit": "Controleren en versturen",
    "Last step": "Laatste stap",
    "This is how many questions you answered in each section. You can still change your "
    "answers; once you submit, they are final.":
        "Zoveel vragen hebt u per onderdeel beantwoord. U kunt uw antwoorden nog wijzigen; "
        "na het versturen liggen ze vast.",
    "%(answered)s of %(total)s answered": "%(answered)s van %(total)s beantwoord",
    "Change": "Wijzigen",
    "When you submit, your answers are stored without your link, e-mail address, IP address "
    "or time of day, and can no longer be changed.":
        "Na het versturen worden uw antwoorden bewaard zonder uw link, e-mailadres, IP-adres "
        "of tijdstip, en kunnen ze niet meer worden gewijzigd.",
    "Submit my answers": "Mijn antwoorden versturen",
    "Back": "Terug",
    "Section %(n)s of %(total)s": "Onderdeel %(n)s van %(total)s",
    "Nothing on this page was saved": "Niets op deze pagina is opgeslagen",
    "Some answers are not among the options given. Please choose an option for:":
        "Sommige antwoorden horen niet bij de gegeven keuzes. Kies een antwoord bij:",
    "Next: check and submit": "Volgende: controleren en versturen",
    "Next": "Volgende",
    "Save and continue later": "Opslaan en later verdergaan",
    # The one page for every link that cannot be used (it says nothing about the scan).
    "Link not valid": "Link niet geldig",
    "This link does not work": "Deze link werkt niet",
    "The link may be incomplete or mistyped, or the survey may not be open (not yet, or no "
    "longer). A personal link also stops working once answers have been submitted with it: "
    "every person counts once.":
        "De link is misschien onvolledig of verkeerd overgenomen, of de vragenlijst is niet "
        "open (nog niet, of niet meer). Een persoonlijke link werkt ook niet meer zodra er "
        "antwoorden mee zijn verstuurd: iedereen telt één keer mee.",
    "If you were invited by e-mail, open the link in the most recent e-mail. If you have "
    "already submitted your answers: thank you for taking part!":
        "Bent u per e-mail uitgenodigd, open dan de link in de meest recente e-mail. Hebt u "
        "uw antwoorden al verstuurd: bedankt voor uw deelname!",
    "I have an access code": "Ik heb een toegangscode",
    "Welcome back": "Welkom terug",
    "Your answers so far are saved. You can go on where you left off.":
        "Uw antwoorden tot nu toe zijn opgeslagen. U kunt verdergaan waar u gebleven was.",
    "Continue the survey": "Verder met de vragenlijst",
    "Your answers are not linked to your name or e-mail address, and results are shown only "
    "for groups of at least %(k)s people.":
        "Uw antwoorden worden niet aan uw naam of e-mailadres gekoppeld, en resultaten worden "
        "alleen getoond voor groepen van minstens %(k)s mensen.",
    "Not you? Start a new set of answers on this device":
        "Bent u iemand anders? Begin op dit apparaat een nieuwe vragenlijst",
    "Too many attempts. Please wait a few minutes and try again.":
        "Te veel pogingen. Wacht een paar minuten en probeer het opnieuw.",
    "This code is not valid. Check it and try again.":
        "Deze code is niet geldig. Controleer hem en probeer het opnieuw.",
    "Choose one of the options given.": "Kies een van de gegeven antwoorden.",
}

PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("There is %(pages)s page of questions.", "There are %(pages)s pages of questions."): (
        "Er is %(pages)s pagina met vragen.", "Er zijn %(pages)s pagina's met vragen."),
    ("You left %(n)s question unanswered. That is fine; you can also go back and answer it.",
     "You left %(n)s questions unanswered. That is fine; you can also go back and answer "
     "them."): (
        "U hebt %(n)s vraag niet beantwoord. Dat is goed; u kunt ook teruggaan en hem "
        "beantwoorden.",
        "U hebt %(n)s vragen niet beantwoord. Dat is goed; u kunt ook teruggaan en ze "
        "beantwoorden."),
}

HEADER = """\
# Dutch translations of the respondent's survey (tandem.web.survey).
# Generated by tandem/web/survey/catalogue.py from its table; edit the table, not this file.
msgid ""
msgstr ""
"Project-Id-Version: tandem-survey\\n"
"PO-Revision-Date: 2026-11-27 00:00+0100\\n"
"Last-Translator: Tandem <tandem@localhost>\\n"
"Language-Team: Dutch\\n"
"Language: nl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render() -> str:
    parts = [HEADER]
    for msgid, msgstr in SINGULAR.items():
        parts.append(f"msgid {_q(msgid)}\nmsgstr {_q(msgstr)}\n")
    for (one, many), (nl_one, nl_many) in PLURAL.items():
        parts.append(f"msgid {_q(one)}\nmsgid_plural {_q(many)}\n"
                     f"msgstr[0] {_q(nl_one)}\nmsgstr[1] {_q(nl_many)}\n")
    return "\n".join(parts)


def main() -> None:
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(render(), encoding="utf-8")
    command = ["msgfmt", "--check", "-o", str(PO.with_suffix(".mo")), str(PO)]
    subprocess.run(command, check=True)  # noqa: S603 # nosec B603 # fixed command, own file


if __name__ == "__main__":
    main()
