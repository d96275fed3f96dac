/**
 * The public privacy notice (/privacy), per language: what is stored, why, for how long, who
 * sees it and how to ask for access or erasure. Long prose in sections, so it is one document
 * per language rather than flat keys. Lifetimes are the defaults (README, docs/privacy.md).
 */
import type { Locale } from "./index";

export type Section = { title: string; paragraphs: string[]; items?: string[] };
export type Policy = { title: string; intro: string; sections: Section[] };

const nl: Policy = {
  title: "Privacy",
  intro:
    "Expertenpool is een ondersteuningsaanbod voor Vlaamse gemeenten en steden rond gewelddadige radicalisering en extremisme. Hieronder staat welke persoonsgegevens we bewaren, waarom, hoe lang, wie ze ziet en hoe u inzage of wissing vraagt.",
  sections: [
    {
      title: "Wat we bewaren en waarom",
      paragraphs: [],
      items: [
        "Accounts van coördinatoren, planners en beheerders: naam, e-mailadres, organisatie en rol — om in te loggen en te weten wie wat deed.",
        "Deelnemers aan een sessie: naam en e-mailadres, status van de plaats en aanwezigheid — om uitnodigingen, herinneringen en wijzigingen te sturen en de opkomst te tellen.",
        "Aanvragen voor ondersteuning op maat: onderwerp, beschrijving, plaats en de berichten tussen gemeente en aanbieder — om de vraag te beantwoorden. Deze casusgegevens komen nooit in e-mails, agenda's of logbestanden.",
        "Verstuurde e-mails (adres, onderwerp, tijdstip) — om te weten wat verstuurd is en fouten op te volgen.",
        "Een auditlog (wie deed wat, wanneer) en aanmeldgegevens (tijdstip, IP-adres) — voor de veiligheid en om misbruik op te sporen.",
      ],
    },
    {
      title: "Hoe lang",
      paragraphs: [],
      items: [
        "Namen en e-mailadressen van deelnemers: 12 maanden na de sessie; daarna geanonimiseerd. Aantallen en aanwezigheid blijven voor rapporten.",
        "Teksten van aanvragen en de berichten erbij: 24 maanden nadat de aanvraag is afgesloten; daarna gewist. De aanvraag blijft als telling (soort, status, data).",
        "Verstuurde e-mails: 30 dagen na verzending.",
        "Aanmeldgegevens in het auditlog: 6 maanden; andere auditregels: 24 maanden; mislukte aanmeldpogingen: 1 dag.",
        "Accounts: zolang ze in gebruik zijn; op vraag gewist (zie hieronder).",
      ],
    },
    {
      title: "Wie het ziet",
      paragraphs: [
        "Een gemeente ziet haar eigen boekingen en aanvragen; een aanbieder de deelnemers van haar sessies en de aanvragen aan haar gericht. De beheerder (het agentschap dat de pool organiseert) kan alles zien; het lezen van een aanvraag door de beheerder wordt gelogd. Agenda-uitnodigingen voor trajecten en consultaties dragen een neutrale titel (‘Afspraak Expertenpool’), zodat wie uw agenda ziet niet leert waarover het gaat.",
      ],
    },
    {
      title: "Inzage en wissing",
      paragraphs: [
        "U kunt vragen welke gegevens we over uw e-mailadres bewaren, een kopie krijgen (JSON) of ze laten wissen. Vraag het aan de coördinator van uw gemeente of rechtstreeks aan de beheerder van Expertenpool. De beheerder zoekt uw adres op, bezorgt u de export en wist het op vraag overal in één stap; aantallen voor rapporten blijven, zonder uw naam of adres.",
      ],
    },
  ],
};

const en: Policy = {
  title: "Privacy",
  intro:
    "Expertenpool is a support programme for Flemish municipalities and cities on violent radicalisation and extremism. Below: which personal data we keep, why, for how long, who sees it and how to ask for access or erasure.",
  sections: [
    {
      title: "What we keep and why",
      paragraphs: [],
      items: [
        "Accounts of coordinators, planners and operators: name, e-mail address, organisation and role — to sign in and to know who did what.",
        "Session attendees: name and e-mail address, seat status and attendance — to send invitations, reminders and changes, and to count attendance.",
        "Requests for tailor-made support: subject, description, place and the messages between municipality and provider — to answer the request. These case details never go into e-mails, calendars or log files.",
        "E-mails sent (address, subject, time) — to know what was sent and follow up failures.",
        "An audit log (who did what, when) and sign-in records (time, IP address) — for security and to detect abuse.",
      ],
    },
    {
      title: "For how long",
      paragraphs: [],
      items: [
        "Attendees' names and e-mail addresses: 12 months after the session; then anonymised. Counts and attendance stay for reports.",
        "Request texts and their messages: 24 months after the request is closed; then erased. The request stays as a count (kind, status, dates).",
        "E-mails sent: 30 days after sending.",
        "Sign-in records in the audit log: 6 months; other audit entries: 24 months; failed sign-in attempts: 1 day.",
        "Accounts: as long as they are in use; erased on request (see below).",
      ],
    },
    {
      title: "Who sees it",
      paragraphs: [
        "A municipality sees its own bookings and requests; a provider the attendees of its sessions and the requests addressed to it. The operator (the agency running the pool) can see everything; the operator reading a request is logged. Calendar invitations for trajectories and consultations carry a neutral title (“Afspraak Expertenpool”), so that whoever sees your calendar does not learn what it is about.",
      ],
    },
    {
      title: "Access and erasure",
      paragraphs: [
        "You can ask which data we keep about your e-mail address, get a copy (JSON) or have it erased. Ask your municipality's coordinator or the Expertenpool operator directly. The operator looks up your address, sends you the export and, on request, erases it everywhere in one step; counts for reports remain, without your name or address.",
      ],
    },
  ],
};

export const privacyPolicy: Record<Locale, Policy> = { nl, en };
