/**
 * Words of the attendee's page (/attend/<token>). Its language is the seat's (the one the
 * mails use), not the visitor's cookie, so it keeps its own small catalog.
 */
export type SelfServiceLocale = "nl" | "en";

const nl = {
  metaTitle: "Uw inschrijving",
  title: "Uw inschrijving",
  hello: "Beste {name}, dit is uw persoonlijke pagina voor deze sessie. U hoeft niet aan te melden.",
  session: "Sessie",
  when: "Wanneer",
  where: "Waar",
  online: "Online",
  onlineToo: "ook online te volgen",
  join: "Online deelnemen",
  brusselsTime: "Brusselse tijd",
  status: "Uw plaats",
  "status.confirmed": "Bevestigd",
  "status.waitlisted": "Op de wachtlijst",
  "status.waitlistedAt": "Op de wachtlijst (nummer {n})",
  "status.cancelled": "Geannuleerd",
  sessionCancelled: "Deze sessie gaat niet door.",
  reason: "Reden: {reason}",
  "locked.seat-cancelled": "Uw inschrijving is geannuleerd. Hier valt niets meer te wijzigen.",
  "locked.seat-substituted": "Uw plaats is doorgegeven aan een collega. Hier valt niets meer te wijzigen.",
  "locked.session-cancelled": "Deze sessie is geannuleerd. Hier valt niets meer te wijzigen.",
  "locked.started": "Deze sessie is al begonnen. Hier valt niets meer te wijzigen.",
  "locked.no-coordinator": "Wijzigingen zijn hier niet meer mogelijk. Neem contact op met de coördinator van uw gemeente.",
  cancelTitle: "Ik kan niet komen",
  cancelText: "Uw plaats gaat dan meteen naar de volgende op de wachtlijst. U krijgt een bevestiging per e-mail en de sessie verdwijnt uit uw agenda.",
  cancelTextWaitlisted: "U verdwijnt dan van de wachtlijst. U krijgt een bevestiging per e-mail.",
  cancelButton: "Ik kan niet komen",
  substituteTitle: "Een collega gaat in mijn plaats",
  substituteText: "Uw collega neemt uw plaats over en krijgt een eigen uitnodiging per e-mail. U krijgt een annulering.",
  name: "Naam van uw collega",
  email: "E-mailadres van uw collega",
  substituteButton: "Plaats doorgeven",
  "done.cancelled": "Uw inschrijving is geannuleerd. U krijgt een bevestiging per e-mail.",
  "done.substituted": "Uw plaats is doorgegeven. Uw collega krijgt een uitnodiging per e-mail.",
  errorSummary: "Er ging iets mis:",
  "error.name": "Vul de naam van uw collega in.",
  "error.email": "Vul een geldig e-mailadres in.",
  "error.taken": "Deze persoon heeft al een plaats voor deze sessie.",
  "error.closed": "Dat kan niet meer: de inschrijving of de sessie is intussen gewijzigd.",
  more: "Meer over deze sessie",
  certificate: "Attest van deelname downloaden (PDF)",
};

const en: Record<keyof typeof nl, string> = {
  metaTitle: "Your registration",
  title: "Your registration",
  hello: "Dear {name}, this is your personal page for this session. No login needed.",
  session: "Session",
  when: "When",
  where: "Where",
  online: "Online",
  onlineToo: "can also be followed online",
  join: "Join online",
  brusselsTime: "Brussels time",
  status: "Your seat",
  "status.confirmed": "Confirmed",
  "status.waitlisted": "On the waiting list",
  "status.waitlistedAt": "On the waiting list (number {n})",
  "status.cancelled": "Cancelled",
  sessionCancelled: "This session will not take place.",
  reason: "Reason: {reason}",
  "locked.seat-cancelled": "Your registration has been cancelled. Nothing can be changed here any more.",
  "locked.seat-substituted": "Your seat has been passed on to a colleague. Nothing can be changed here any more.",
  "locked.session-cancelled": "This session has been cancelled. Nothing can be changed here any more.",
  "locked.started": "This session has already started. Nothing can be changed here any more.",
  "locked.no-coordinator": "Changes are no longer possible here. Please contact your municipality's coordinator.",
  cancelTitle: "I can't come",
  cancelText: "Your seat then goes straight to the next person on the waiting list. You get a confirmation by e-mail and the session disappears from your calendar.",
  cancelTextWaitlisted: "You are then taken off the waiting list. You get a confirmation by e-mail.",
  cancelButton: "I can't come",
  substituteTitle: "A colleague goes in my place",
  substituteText: "Your colleague takes over your seat and gets their own invitation by e-mail. You get a cancellation.",
  name: "Your colleague's name",
  email: "Your colleague's e-mail address",
  substituteButton: "Pass on my seat",
  "done.cancelled": "Your registration has been cancelled. You will get a confirmation by e-mail.",
  "done.substituted": "Your seat has been passed on. Your colleague will get an invitation by e-mail.",
  errorSummary: "Something went wrong:",
  "error.name": "Enter your colleague's name.",
  "error.email": "Enter a valid e-mail address.",
  "error.taken": "This person already has a seat in this session.",
  "error.closed": "That is no longer possible: the registration or the session has changed in the meantime.",
  more: "More about this session",
  certificate: "Download your certificate of attendance (PDF)",
};

export type SelfServiceKey = keyof typeof nl;

export function selfServiceText(locale: SelfServiceLocale) {
  const messages = locale === "en" ? en : nl;
  return (key: SelfServiceKey, vars?: Record<string, string | number>) =>
    vars ? messages[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`)) : messages[key];
}
