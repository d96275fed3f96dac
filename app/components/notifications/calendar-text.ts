/** Words of the "my calendar feed" page (/account/calendar). */
const nl = {
  title: "Mijn agenda-abonnement",
  intro: "Abonneer uw agenda op deze persoonlijke link: de sessies verschijnen en blijven bijgewerkt in Outlook, Google Agenda of Apple Agenda. Wijzigingen komen binnen zodra uw agenda de link opnieuw ophaalt (meestal binnen enkele uren).",
  coordinator: "U ziet de sessies waarvoor uw gemeente collega's heeft ingeschreven.",
  provider: "U ziet de gepubliceerde en geannuleerde sessies van uw organisatie.",
  admin: "Deze agenda is leeg: operatoren boeken noch geven zelf sessies.",
  urlLabel: "Uw persoonlijke agendalink",
  secretNote: "Wie deze link kent, ziet uw sessies (titels, tijden en plaatsen, geen deelnemers). Deel hem niet. Is hij toch bekend geraakt? Vraag dan hieronder een nieuwe link aan.",
  addTitle: "Toevoegen aan uw agenda",
  webcal: "Openen in uw agenda-app (webcal)",
  google: "Toevoegen aan Google Agenda",
  outlook: "Toevoegen aan Outlook.com",
  renewTitle: "Nieuwe link",
  renewText: "Met een nieuwe link werkt de oude niet meer: agenda's die op de oude link geabonneerd zijn, moet u opnieuw toevoegen.",
  renewButton: "Nieuwe link aanmaken",
  renewed: "Er is een nieuwe link aangemaakt. De oude werkt niet meer.",
};
const en: Record<keyof typeof nl, string> = {
  title: "My calendar subscription",
  intro: "Subscribe your calendar to this personal link: the sessions appear and stay up to date in Outlook, Google Calendar or Apple Calendar. Changes arrive when your calendar fetches the link again (usually within a few hours).",
  coordinator: "You see the sessions your municipality has registered colleagues for.",
  provider: "You see your organisation's published and cancelled sessions.",
  admin: "This calendar is empty: operators neither book nor give sessions.",
  urlLabel: "Your personal calendar link",
  secretNote: "Anyone who knows this link sees your sessions (titles, times and places, no attendees). Don't share it. Has it become known anyway? Request a new link below.",
  addTitle: "Add to your calendar",
  webcal: "Open in your calendar app (webcal)",
  google: "Add to Google Calendar",
  outlook: "Add to Outlook.com",
  renewTitle: "New link",
  renewText: "With a new link the old one stops working: calendars subscribed to the old link must be added again.",
  renewButton: "Create a new link",
  renewed: "A new link has been created. The old one no longer works.",
};

export type CalendarPageKey = keyof typeof nl;
export function calendarPageText(locale: "nl" | "en") {
  const messages = locale === "en" ? en : nl;
  return (key: CalendarPageKey) => messages[key];
}
