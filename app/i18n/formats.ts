/**
 * What the formats mean (#12): one line per format (the catalog cards and the formats
 * page show the same line), a longer explanation for the formats page, the duration of
 * an offering in words (app/modules/catalog/duration.ts) and the offering's details
 * (programme, audience, trainers).
 */
export const formats = {
  nl: {
    "formats.title": "Vormen van aanbod",
    "formats.intro":
      "Het aanbod van de expertenpool bestaat uit verschillende vormen. Hieronder leest u wat elke vorm inhoudt, zodat u weet wat u kunt verwachten als u inschrijft of een aanvraag doet.",
    "formats.link": "Wat betekenen de vormen?",
    "formats.more": "Meer over deze vorm",
    "formats.sessionsLink": "Geplande sessies: {name}",
    "formats.name.helpdesk": "Helpdesk",
    "formats.line.full_day": "Een opleiding van een volledige dag: verdiepende kennis en concrete tools.",
    "formats.line.half_day": "Een opleiding van een halve dag, een voor- of namiddag, over één thema.",
    "formats.line.lecture": "Een informatieve sessie van een expert, met ruimte voor vragen.",
    "formats.line.webinar": "Een lezing of vorming online: u volgt ze vanaf uw eigen computer.",
    "formats.line.intervision": "U bespreekt met collega’s casussen uit uw praktijk, begeleid door een expert.",
    "formats.line.consultation": "Een gesprek met een expert over een concrete vraag of casus.",
    "formats.line.trajectory": "Een reeks sessies rond één persoon of vraag, gespreid over weken of maanden.",
    "formats.line.helpdesk": "U stelt een vertrouwelijke vraag via een formulier; een expert antwoordt u.",
    "formats.long.full_day":
      "Een opleidingsdag versterkt de kennis en inzichten van medewerkers van lokale besturen en geeft hun een breder referentiekader, met concrete tools voor de praktijk. Een volledige dag loopt meestal van de ochtend tot het eind van de namiddag, op locatie. Aanbieders stemmen de inhoud af op de noden en vragen van de deelnemers.",
    "formats.long.half_day":
      "Een halve opleidingsdag behandelt één thema in een voor- of namiddag. Ze is geschikt als kennismaking of om een specifiek onderwerp uit te diepen.",
    "formats.long.lecture":
      "Bij een lezing of vorming licht een expert een onderwerp toe, bijvoorbeeld de dynamieken achter radicaliseringsprocessen of nieuwe trends en preventiestrategieën. Er is ruimte voor vragen van de deelnemers.",
    "formats.long.webinar":
      "Een webinar is een lezing of vorming die u online bijwoont. Zodra uw lokaal bestuur een bevestigde plaats heeft, ziet u de link om deel te nemen op de pagina van de sessie.",
    "formats.long.intervision":
      "In een intervisie bespreekt u samen met andere professionals casuïstiek uit de praktijk; deelnemers kunnen casussen uit hun eigen ervaring inbrengen. Een expert begeleidt het gesprek. Sommige aanbieders organiseren intervisies op vaste momenten, andere op aanvraag; ook supervisie op casusniveau is mogelijk.",
    "formats.long.consultation":
      "Een consultatie is een gesprek met een expert over een concrete vraag of casus van uw lokaal bestuur: advies, casusanalyse of deelname aan een casusbespreking. U vraagt een consultatie aan; de aanbieder stelt u een of meer momenten voor.",
    "formats.long.trajectory":
      "Een traject is een reeks sessies rond één persoon of één vraag, bijvoorbeeld een begeleidingstraject, een coachingtraject of een anti-radicaliseringstraject. Het begint vaak met een intakegesprek, en de sessies zijn gespreid over enkele weken of maanden. Op de pagina van het aanbod leest u hoeveel sessies het traject telt.",
    "formats.long.helpdesk":
      "De helpdesk is geen bijeenkomst: u stelt uw vraag vertrouwelijk via het aanvraagformulier en een expert antwoordt u, op de uren die bij het aanbod staan.",
    "duration.minutes.one": "{n} minuut",
    "duration.minutes.other": "{n} minuten",
    "duration.hours.one": "{n} uur",
    "duration.hours.other": "{n} uur",
    "duration.hoursMinutes": "{hours} {minutes}",
    "duration.sessions.one": "{n} sessie",
    "duration.sessions.other": "{n} sessies",
    "duration.sessionsOf": "{sessions} van {length}",
    "duration.intake": "intake + {rest}",
    "duration.months.one": "{n} maand",
    "duration.months.other": "{n} maanden",
    "duration.over": "{what}, over {months}",
    "duration.openCount": "sessies van {length}, het aantal in onderling overleg",
    "details.programme": "Programma",
    "details.audience": "Voor wie",
    "details.trainers": "Trainers",
    "details.trainer": "Trainer",
    "details.trainersUnknown": "Wordt later bekendgemaakt",
    "details.usualTrainers": "Trainers van de geplande sessies",
    "details.course": "Verloop",
    "details.thisSession": "Duur van deze sessie",
    "details.form.programme": "Programma",
    "details.form.programmeHint": "Het verloop van de sessie of het traject. Laat een lege regel tussen alinea’s; begin regels met een streepje (-) voor een opsomming.",
    "details.form.audience": "Voor wie",
    "details.form.audienceHint": "De doelgroep, bijvoorbeeld: medewerkers van lokale besturen, eerstelijnswerkers, communicatiemedewerkers.",
    "details.form.course": "Meerdere sessies",
    "details.form.courseHint": "Voor een traject of een reeks. Laat leeg voor één sessie; voor een traject betekent leeg: het aantal sessies in onderling overleg.",
    "details.form.sessionCount": "Aantal sessies",
    "details.form.intake": "Begint met een intakegesprek",
    "details.form.spanMonths": "Gespreid over (maanden)",
    "details.error.programme": "Het programma mag hoogstens 5000 tekens lang zijn, zonder stuurtekens.",
    "details.error.audience": "‘Voor wie’ mag hoogstens 1000 tekens lang zijn, zonder stuurtekens.",
    "details.error.sessionCount": "Geef een aantal sessies van 1 tot 100, of laat het veld leeg.",
    "details.error.intake": "Vink het intakegesprek aan of laat het uit.",
    "details.error.spanMonths": "Geef een aantal maanden van 1 tot 60, of laat het veld leeg.",
  },
  en: {
    "formats.title": "Formats of the offer",
    "formats.intro":
      "The expert pool offers help in several formats. Below you read what each format means, so that you know what to expect when you book or send a request.",
    "formats.link": "What do the formats mean?",
    "formats.more": "More about this format",
    "formats.sessionsLink": "Scheduled sessions: {name}",
    "formats.name.helpdesk": "Helpdesk",
    "formats.line.full_day": "A training of a full day: in-depth knowledge and practical tools.",
    "formats.line.half_day": "A training of half a day, a morning or an afternoon, on one topic.",
    "formats.line.lecture": "An informative session by an expert, with time for questions.",
    "formats.line.webinar": "A lecture or training online: you follow it from your own computer.",
    "formats.line.intervision": "You discuss cases from your practice with colleagues, guided by an expert.",
    "formats.line.consultation": "A conversation with an expert about a concrete question or case.",
    "formats.line.trajectory": "A series of sessions around one person or question, spread over weeks or months.",
    "formats.line.helpdesk": "You ask a confidential question through a form; an expert answers you.",
    "formats.long.full_day":
      "A training day strengthens the knowledge and insight of local government staff and gives them a broader frame of reference, with practical tools. A full day usually runs from the morning to the end of the afternoon, on site. Providers tailor the content to the needs and questions of the participants.",
    "formats.long.half_day":
      "A half training day covers one topic in a morning or an afternoon. It suits a first introduction or a closer look at a specific subject.",
    "formats.long.lecture":
      "In a lecture an expert explains a subject, for example the dynamics behind radicalisation or new trends and prevention strategies. Participants can ask questions.",
    "formats.long.webinar":
      "A webinar is a lecture or training you attend online. Once your local government holds a confirmed seat, you see the link to join on the session's page.",
    "formats.long.intervision":
      "In an intervision you discuss cases from practice together with other professionals; participants can bring cases from their own experience. An expert guides the conversation. Some providers hold intervisions at set times, others on request; supervision at case level is possible too.",
    "formats.long.consultation":
      "A consultation is a conversation with an expert about a concrete question or case of your local government: advice, case analysis or taking part in a case meeting. You request a consultation; the provider proposes one or more times.",
    "formats.long.trajectory":
      "A trajectory is a series of sessions around one person or one question, for example a guidance, coaching or anti-radicalisation trajectory. It often starts with an intake conversation, and the sessions are spread over a few weeks or months. The offering's page says how many sessions the trajectory has.",
    "formats.long.helpdesk":
      "The helpdesk is not a meeting: you ask your question confidentially through the request form and an expert answers you, at the hours shown with the offering.",
    "duration.minutes.one": "{n} minute",
    "duration.minutes.other": "{n} minutes",
    "duration.hours.one": "{n} hour",
    "duration.hours.other": "{n} hours",
    "duration.hoursMinutes": "{hours} {minutes}",
    "duration.sessions.one": "{n} session",
    "duration.sessions.other": "{n} sessions",
    "duration.sessionsOf": "{sessions} of {length}",
    "duration.intake": "intake + {rest}",
    "duration.months.one": "{n} month",
    "duration.months.other": "{n} months",
    "duration.over": "{what}, over {months}",
    "duration.openCount": "sessions of {length}, the number agreed together",
    "details.programme": "Programme",
    "details.audience": "Who it is for",
    "details.trainers": "Trainers",
    "details.trainer": "Trainer",
    "details.trainersUnknown": "To be announced",
    "details.usualTrainers": "Trainers of the scheduled sessions",
    "details.course": "Course",
    "details.thisSession": "Length of this session",
    "details.form.programme": "Programme",
    "details.form.programmeHint": "How the session or trajectory runs. Leave an empty line between paragraphs; start lines with a dash (-) for a list.",
    "details.form.audience": "Who it is for",
    "details.form.audienceHint": "The target audience, for example: local government staff, front-line workers, communication officers.",
    "details.form.course": "Several sessions",
    "details.form.courseHint": "For a trajectory or a series. Leave empty for one session; for a trajectory, empty means the number of sessions is agreed together.",
    "details.form.sessionCount": "Number of sessions",
    "details.form.intake": "Starts with an intake conversation",
    "details.form.spanMonths": "Spread over (months)",
    "details.error.programme": "The programme may be at most 5000 characters long, without control characters.",
    "details.error.audience": "‘Who it is for’ may be at most 1000 characters long, without control characters.",
    "details.error.sessionCount": "Give a number of sessions from 1 to 100, or leave the field empty.",
    "details.error.intake": "Tick the intake conversation or leave it unticked.",
    "details.error.spanMonths": "Give a number of months from 1 to 60, or leave the field empty.",
  },
} as const;
