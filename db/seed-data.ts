/**
 * The demo catalog: the pool's five providers with their real offerings (taken from
 * the page the platform was created from, docs: expertenpool-seed.txt), the operator,
 * a few municipalities, and a plan of upcoming public sessions relative to `now`.
 *
 * Pure data and pure functions only: db/seed.ts writes it, tests check it without a database.
 */
import { DateTime } from "luxon";
import { wallToInstant, ZONE } from "../app/modules/time/brussels";
import type { BookingMode, DeliveryMode, Format, RequestKind } from "./schema/catalog";
import type { Contact } from "./schema/organisations";

export const DEMO_PASSWORD = "expertenpool-demo";

export type OrganisationSeed = { slug: string; name: string; description: string; contact: Contact };

export type OfferingSeed = {
  slug: string;
  title: string;
  description: string;
  format: Format;
  deliveryMode: DeliveryMode;
  /** Default duration of one session. */
  durationMinutes: number;
  bookingMode: BookingMode;
  defaultCapacity: number;
  hoursNote?: string;
  /** The kind a request for this on-request offering gets (default: from the format). */
  requestKind?: RequestKind;
};

export type ProviderSeed = OrganisationSeed & { offerings: OfferingSeed[] };

export const operator: OrganisationSeed = {
  slug: "expertenpool",
  name: "Vlaamse overheid — Expertenpool",
  description:
    "Gemeenten en steden zijn de eerste partners in de aanpak van gewelddadige radicalisering en extremisme, " +
    "omdat ze het dichtst bij de burger staan. Wanneer lokale besturen op het terrein geconfronteerd worden met " +
    "acute of escalerende, problematische situaties, biedt de expertenpool gewelddadige radicalisering/extremisme " +
    "hen een gratis, bijkomend ondersteuningsaanbod van vijf organisaties.",
  contact: {},
};

export const providers: ProviderSeed[] = [
  {
    slug: "ceapire",
    name: "Ceapire",
    description:
      "R3-expertise. Ceapire biedt lokale besturen in Vlaanderen professionele ondersteuning in het kader van " +
      "radicalisering, extremisme, complotisme en andere problematische ideologieën. Het aanbod bestaat uit drie " +
      "luiken: een breed en verdiepend opleidingsaanbod (voldaagse of halfdaagse opleidingsdagen, altijd op maat " +
      "van de noden en vragen van de lokale besturen), een in-house expert die op permanente basis beschikbaar is " +
      "voor dringende vragen, en begeleidingstrajecten met risicotaxatie voor geradicaliseerde individuen.",
    contact: {
      email: "info@ceapire.be",
      phone: "03 349 34 70",
      website: "https://www.ceapire.be",
      note: "Ook telefonisch bereikbaar op 0489 33 58 36, of via het contactformulier op www.ceapire.be.",
    },
    offerings: [
      {
        slug: "opleidingsdag",
        title: "Voldaagse opleiding radicalisering en extremisme",
        description:
          "Een breed en verdiepend opleidingsaanbod dat de kennis en inzichten van lokale besturen versterkt en hun " +
          "een breder referentiekader verschaft over radicaliserende en extremistische ideologieën, met concrete " +
          "tools om om te gaan met de oorzaken en gevolgen van radicalisering. De opleidingsdag wordt afgestemd op " +
          "de noden en vragen van de deelnemende lokale besturen.",
        format: "full_day",
        deliveryMode: "on_site",
        durationMinutes: 450,
        bookingMode: "open",
        defaultCapacity: 25,
      },
      {
        slug: "halve-opleidingsdag",
        title: "Halfdaagse opleiding radicalisering en extremisme",
        description:
          "Een halfdaagse opleiding die de kennis en inzichten van lokale besturen versterkt over radicalisering, " +
          "extremisme, complotisme en andere problematische ideologieën, met concrete tools om om te gaan met de " +
          "oorzaken en gevolgen van radicalisering. De inhoud wordt afgestemd op de noden en vragen van de " +
          "deelnemende lokale besturen.",
        format: "half_day",
        deliveryMode: "on_site",
        durationMinutes: 210,
        bookingMode: "open",
        defaultCapacity: 25,
      },
      {
        slug: "opleiding-op-maat",
        title: "Opleiding op maat van uw lokaal bestuur",
        description:
          "Een voldaagse of halfdaagse opleidingsdag voor uw eigen medewerkers, volledig op maat gemaakt van de " +
          "noden en vragen van uw lokaal bestuur: een breder referentiekader over radicaliserende en extremistische " +
          "ideologieën en concrete tools om om te gaan met oorzaken en gevolgen van radicalisering.",
        format: "full_day",
        deliveryMode: "on_site",
        durationMinutes: 450,
        bookingMode: "on_request",
        defaultCapacity: 25,
      },
      {
        slug: "in-house-expert",
        title: "In-house expert radicalisering en extremisme",
        description:
          "Een in-house expert van Ceapire is op permanente basis beschikbaar om alle dringende vragen van lokale " +
          "besturen over radicalisme en extremisme te beantwoorden. U kunt de expert uitnodigen om deel te nemen aan " +
          "vergaderingen, of telefonisch contacteren met uw vragen. Doordat het team van Ceapire ter beschikking " +
          "staat, kunnen ook de meest acute vragen beantwoord worden.",
        format: "consultation",
        deliveryMode: "hybrid",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 6,
        hoursNote: "Op permanente basis beschikbaar: telefonisch of op uitnodiging voor een vergadering.",
      },
      {
        slug: "risicotaxatietraject",
        title: "Begeleidingstraject met risicotaxatie (5 sessies)",
        description:
          "Wanneer een lokaal bestuur in samenspraak met Ceapire tot de conclusie komt dat een begeleidingstraject " +
          "voor een geradicaliseerd individu noodzakelijk is, neemt een lid van het Ceapire-team de casus op zich " +
          "om een risicotaxatie op te maken. Het traject bevat vijf intensieve sessies. Tijdens de gesprekken stelt " +
          "de begeleider vast welke mogelijke tekenen van radicalisering of extremisme aanwezig zijn. Het traject " +
          "wordt afgerond met een eindverslag om te bekijken welke verdere opvolging noodzakelijk is.",
        format: "trajectory",
        deliveryMode: "on_site",
        durationMinutes: 90,
        bookingMode: "on_request",
        defaultCapacity: 2,
      },
    ],
  },
  {
    slug: "textgain",
    name: "Textgain",
    description:
      "deDuider. Lokale besturen hebben het vaak moeilijk om zicht te houden op het constant evoluerende landschap " +
      "van sociale media, waar zorgwekkende fenomenen zoals diverse extremistische stromingen, haatspraak en " +
      "desinformatie de orde van de dag zijn. deDuider biedt een snelle en directe aanpak om zorgwekkende nieuwe " +
      "online trends, narratieven en thema’s tijdig te signaleren en erop te reageren: een social media monitoring " +
      "tool die de privacy van de burger niet in het gedrang brengt, en een crisisincidententeam voor specifieke " +
      "en urgente vragen.",
    contact: { email: "info@textgain.com" },
    offerings: [
      {
        slug: "deduider",
        title: "deDuider: monitoring van sociale media",
        description:
          "Een social media monitoring tool die extremistische incidenten op sociale media detecteert zonder dat de " +
          "privacy van de burger in het gedrang komt: socialemediaberichten worden niet bijgehouden, maar " +
          "gestructureerd en samengevat rond specifieke thema’s in een dashboard. Zo krijgen communicatiemedewerkers " +
          "van het lokaal bestuur snel inzicht in acute en/of escalerende, problematische trends, topics en " +
          "narratieven. De verschillende perspectieven en standpunten worden in kaart gebracht, zodat " +
          "communicatiemedewerkers inspiratie en invalshoeken krijgen om met eigen communicatiestandpunten te " +
          "reageren, met burgers in gesprek te gaan over online extremisme en/of direct in te grijpen waar nodig.",
        format: "consultation",
        deliveryMode: "online",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 6,
      },
      {
        slug: "crisisincidententeam",
        title: "Crisisincidententeam voor urgente online fenomenen",
        description:
          "deDuider ondersteunt lokale besturen ook direct bij specifieke en urgente vragen over zorgwekkende online " +
          "fenomenen die ze in hun gemeente tegenkomen. Naast het dashboard is er een crisisincidententeam dat " +
          "nieuwe trends identificeert, opvolgt en specifieke signalen zo spoedig mogelijk capteert in een overzicht " +
          "voor het lokale bestuur.",
        format: "consultation",
        deliveryMode: "online",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 6,
      },
    ],
  },
  {
    slug: "solentra",
    name: "Solentra",
    description:
      "Solentra vzw is een expertisecentrum voor de diagnostiek en behandeling van oorlogs- en migratietrauma. Het " +
      "biedt transculturele psychische zorg aan personen met een vluchtelingen- of migratieachtergrond en " +
      "ondersteunt professionals door expertise en onderzoek uit de kliniek te vertalen naar praktijkgerichte " +
      "opleidingen, tools en innovatie. Psychiatrische en/of psychologische problemen kunnen een rol spelen in het " +
      "proces van radicalisering, maar ook bij de re-integratie van voormalige geradicaliseerde personen. Solentra " +
      "ondersteunt lokale besturen en eerstelijnsactoren met een aanpak op maat: sensibiliseren, kennis delen, het " +
      "zelfvertrouwen van medewerkers versterken en best practices inzake geestelijke gezondheid duurzaam " +
      "integreren in de preventie.",
    contact: {
      email: "SolentraAcademy@uzbrussel.be",
      note: "De helpdesk voor professionals werkt via een online formulier; vragen worden behandeld op weekdagen tussen 9 en 13 uur.",
    },
    offerings: [
      {
        slug: "helpdesk",
        title: "Helpdesk voor professionals",
        description:
          "Casusbespreking met een senior transcultureel psycholoog en advies voor verdere opvolging of actie " +
          "indien nodig.",
        format: "consultation",
        deliveryMode: "online",
        durationMinutes: 60,
        // A confidential intake (#12), not bookable seats: a coordinator asks, Solentra answers
        // on the next working day between 9 and 13 h.
        bookingMode: "on_request",
        requestKind: "helpdesk",
        defaultCapacity: 3,
        hoursNote: "Vragen worden behandeld op weekdagen tussen 9 en 13 uur.",
      },
      {
        slug: "opleiding-op-maat",
        title: "Opleiding en vorming op maat",
        description:
          "Opleiding en vorming op maat, online of op locatie. Een betere kennis van de kenmerken van psychische " +
          "aandoeningen en hoe die interageren met de (de)radicalisering van een individu helpt eerstelijnswerkers " +
          "om signalen te herkennen en beter in te schatten of een psycholoog of psychiater nodig is.",
        format: "half_day",
        deliveryMode: "hybrid",
        durationMinutes: 210,
        bookingMode: "on_request",
        defaultCapacity: 25,
      },
      {
        slug: "community-based-consultatie",
        title: "Community-based consultatie",
        description:
          "Een consultatie met de vraagsteller, de betrokkene en een senior psycholoog van Solentra (en een tolk " +
          "indien nodig) om in te schatten of en hoe een aanbod van geestelijke gezondheidszorg relevant kan zijn.",
        format: "consultation",
        deliveryMode: "on_site",
        durationMinutes: 90,
        bookingMode: "on_request",
        defaultCapacity: 4,
      },
      {
        slug: "intervisie-supervisie",
        title: "Intervisie en supervisie",
        description: "Intervisie of supervisie op casusniveau en op basis van de concrete noden bij uw lokaal bestuur.",
        format: "intervision",
        deliveryMode: "hybrid",
        durationMinutes: 120,
        bookingMode: "on_request",
        defaultCapacity: 12,
      },
      {
        slug: "coachingtraject",
        title: "Coachingtraject",
        description:
          "Een traject waarin theoretische kennis en inzichten gecombineerd worden met praktijkgerichte handvatten " +
          "en het versterken van vaardigheden door training tijdens intervisies en met online tools, onder meer " +
          "gesprekstechnieken en hoe te reageren in moeilijke situaties.",
        format: "trajectory",
        deliveryMode: "hybrid",
        durationMinutes: 180,
        bookingMode: "open",
        defaultCapacity: 15,
      },
      {
        slug: "doorverwijzing-therapie",
        title: "Doorverwijzing voor therapie",
        description:
          "Waar nodig kan Solentra doorverwijzen voor therapie. Solentra biedt transculturele psychische zorg aan " +
          "personen met een vluchtelingen- of migratieachtergrond, vanuit een outreachende, aanklampende en " +
          "cultuursensitieve aanpak.",
        format: "consultation",
        deliveryMode: "on_site",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 2,
      },
    ],
  },
  {
    slug: "caw-limburg",
    name: "CAW Limburg",
    description:
      "‘Van analyse tot traject: individuele disengagement, maatgerichte lokale aanpak’. Het Centrum Algemeen " +
      "Welzijnswerk (CAW) Limburg is als referentie-CAW met het team Extremisme expertisedrager van intensieve " +
      "disengagementtrajecten met (ex-)gedetineerden, beklaagd of veroordeeld voor misdrijven in het kader van " +
      "gewelddadige radicalisering en extremisme, in de Vlaamse en Brusselse gevangenissen. Vanuit die ervaring " +
      "ondersteunt CAW Limburg lokale besturen in de preventie van gewelddadige radicalisering en extremisme binnen " +
      "de context van een lokale gemeenschap, met expertise in individuele disengagementtrajecten, CVE-methodieken " +
      "(Countering Violent Extremism), een multi-agency aanpak en casusoverleg vanuit verschillende deontologische " +
      "kaders binnen een forensisch kader.",
    contact: {
      email: "teamextremisme@cawlimburg.be",
      phone: "089 33 99 37",
      note: "Team Extremisme. Een aanmeldformulier op de website van CAW Limburg is nog in ontwikkeling.",
    },
    offerings: [
      {
        slug: "consult-casusanalyse",
        title: "Consult en casusanalyse",
        description:
          "Consult en analyse van individuele casussen, vanuit de expertise van het team Extremisme met individuele " +
          "disengagementtrajecten, CVE-methodieken (Countering Violent Extremism) en een multi-agency aanpak.",
        format: "consultation",
        deliveryMode: "hybrid",
        durationMinutes: 90,
        bookingMode: "on_request",
        defaultCapacity: 6,
      },
      {
        slug: "deelname-casusbespreking",
        title: "Deelname aan casusbesprekingen en overlegmomenten",
        description:
          "Deelname aan casusbesprekingen met direct betrokken actoren in een lokale context (politie, justitie, " +
          "medewerkers van lokale besturen, hulp- en dienstverleners, …) en aan overlegmomenten van lokale besturen " +
          "waar expertise-inbreng rond casuïstiek een meerwaarde kan zijn (bv. netwerkmomenten, LIVC-R, …).",
        format: "consultation",
        deliveryMode: "on_site",
        durationMinutes: 120,
        bookingMode: "on_request",
        defaultCapacity: 15,
      },
      {
        slug: "methodiekenoverdracht",
        title: "Methodiekenoverdracht aan hulpverleners",
        description:
          "Methodiekenoverdracht aan andere hulpverleners bij het uitwerken en realiseren van een " +
          "hulpverleningstraject, met aandacht voor identiteitsgebonden problematieken, cultureel-sensitief werken " +
          "en actief burgerschap.",
        format: "consultation",
        deliveryMode: "hybrid",
        durationMinutes: 120,
        bookingMode: "on_request",
        defaultCapacity: 10,
      },
      {
        slug: "vorming-toelichting",
        title: "Vorming en toelichting over individuele disengagementtrajecten",
        description:
          "Vorming en toelichting op vraag van of in samenwerking met lokale besturen of de VVSG over de aanpak van " +
          "individuele disengagementtrajecten: houding, methodieken, relatieopbouw, …",
        format: "lecture",
        deliveryMode: "on_site",
        durationMinutes: 120,
        bookingMode: "on_request",
        defaultCapacity: 40,
      },
      {
        slug: "begeleidingstraject",
        title: "Begeleidingstraject (ultimum remedium)",
        description:
          "CAW Limburg neemt zelf begeleidingstrajecten op met individuen en direct betrokkenen wanneer er in de " +
          "lokale context geen regulier aanbod beschikbaar is (ultimum remedium).",
        format: "trajectory",
        deliveryMode: "on_site",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 2,
      },
    ],
  },
  {
    slug: "netwerk-islamexperten",
    name: "Netwerk islamexperten",
    description:
      "Het Netwerk islamexperten ondersteunt lokale besturen in hun inspanningen om radicalisering en extremisme " +
      "te bestrijden. Het uitgebreide en veelzijdige aanbod biedt een antwoord op de diverse vragen die vaak uit " +
      "lokale gemeenschappen komen: vormingen en lezingen, webinars, intervisies, dringende interventies, " +
      "anti-radicaliseringstrajecten en ondersteuning bij het ontwikkelen van een interne visie en beleidsplan.",
    contact: { email: "lokalebesturen@netwerkislamexperten.be" },
    offerings: [
      {
        slug: "lezing",
        title: "Vorming of lezing over radicalisering en extremisme",
        description:
          "Een informatieve sessie van 2 uur over radicalisering en extremisme. Experts behandelen de dynamieken die " +
          "aan de basis van radicaliseringsprocessen liggen en belichten die vanuit zowel theologisch als " +
          "maatschappelijk perspectief. Leer over nieuwe trends, risico’s en preventiestrategieën.",
        format: "lecture",
        deliveryMode: "on_site",
        durationMinutes: 120,
        bookingMode: "open",
        defaultCapacity: 40,
      },
      {
        slug: "webinar",
        title: "Webinar over radicalisering en extremisme",
        description:
          "Lezingen en vormingen online bijwonen, met inzicht in radicalisering en extremisme vanuit verschillende " +
          "perspectieven. Sluit online aan vanuit het comfort van uw eigen omgeving en krijg toegang tot nieuwe " +
          "inzichten over diverse gerelateerde thema’s.",
        format: "webinar",
        deliveryMode: "online",
        durationMinutes: 120,
        bookingMode: "open",
        defaultCapacity: 100,
      },
      {
        slug: "intervisie",
        title: "Intervisie casuïstiek radicalisering en extremisme",
        description:
          "Periodieke intervisie waarin casuïstiek uit de praktijk besproken wordt; deelnemers kunnen casussen uit " +
          "hun eigen ervaring inbrengen. De intervisies vinden meerdere keren per jaar plaats.",
        format: "intervision",
        deliveryMode: "on_site",
        durationMinutes: 150,
        bookingMode: "open",
        defaultCapacity: 12,
      },
      {
        slug: "intervisie-op-aanvraag",
        title: "Intervisie op aanvraag",
        description:
          "Een intervisie die op aanvraag van uw lokaal bestuur georganiseerd wordt, waarin deelnemers casussen uit " +
          "hun eigen ervaring inbrengen en casuïstiek uit de praktijk besproken wordt.",
        format: "intervision",
        deliveryMode: "on_site",
        durationMinutes: 150,
        bookingMode: "on_request",
        defaultCapacity: 12,
      },
      {
        slug: "dringende-interventie",
        title: "Dringende interventie",
        description:
          "Voor lokale besturen met dringende vragen over verontrustende situaties met betrekking tot radicalisering " +
          "en extremisme: advies en ondersteuning om met de situatie om te gaan en in gesprek te gaan met " +
          "betrokkenen.",
        format: "consultation",
        deliveryMode: "hybrid",
        durationMinutes: 90,
        bookingMode: "on_request",
        defaultCapacity: 6,
      },
      {
        slug: "anti-radicaliseringstraject",
        title: "Anti-radicaliseringstraject (intake + 6 sessies)",
        description:
          "Als een lokaal bestuur radicaliserende profielen opmerkt, kan het een aanvraag indienen om een " +
          "anti-radicaliseringstraject te starten. Het traject omvat 6 sessies en begint met een intakegesprek " +
          "waarin een advies geformuleerd wordt of een anti-radicaliseringstraject al dan niet zinvol is.",
        format: "trajectory",
        deliveryMode: "on_site",
        durationMinutes: 60,
        bookingMode: "on_request",
        defaultCapacity: 2,
      },
      {
        slug: "beleidsondersteuning",
        title: "Ondersteuning bij een interne visie en beleidsplan",
        description:
          "Begeleiding voor lokale besturen die hun werknemers willen professionaliseren en een op maat gemaakte " +
          "aanpak willen ontwikkelen: ondersteuning bij het ontwikkelen van een interne visie en beleidsplan met " +
          "betrekking tot radicalisering en extremisme. De aard en duur van de begeleiding worden in onderlinge " +
          "overeenstemming bepaald.",
        format: "trajectory",
        deliveryMode: "hybrid",
        durationMinutes: 120,
        bookingMode: "on_request",
        defaultCapacity: 10,
      },
    ],
  },
];

export const municipalities: OrganisationSeed[] = [
  { slug: "antwerpen", name: "Stad Antwerpen", description: "Lokaal bestuur (demo-account)", contact: {} },
  { slug: "gent", name: "Stad Gent", description: "Lokaal bestuur (demo-account)", contact: {} },
  { slug: "mechelen", name: "Stad Mechelen", description: "Lokaal bestuur (demo-account)", contact: {} },
  { slug: "leuven", name: "Stad Leuven", description: "Lokaal bestuur (demo-account)", contact: {} },
  { slug: "genk", name: "Stad Genk", description: "Lokaal bestuur (demo-account)", contact: {} },
  { slug: "vilvoorde", name: "Stad Vilvoorde", description: "Lokaal bestuur (demo-account)", contact: {} },
];

export type AccountSeed = {
  email: string;
  name: string;
  organisation: string;
  role: "admin" | "provider" | "coordinator";
};

/** Role names rather than invented people: nobody mistakes a demo account for a real employee. */
export const accounts: AccountSeed[] = [
  { email: "admin@expertenpool.test", name: "Beheerder Expertenpool", organisation: operator.slug, role: "admin" },
  ...providers.map((p): AccountSeed => ({
    email: `planner@${p.slug}.test`,
    name: `Planner ${p.name}`,
    organisation: p.slug,
    role: "provider",
  })),
  ...municipalities.map((m): AccountSeed => ({
    email: `coordinator@${m.slug}.test`,
    name: `Coördinator ${m.name}`,
    organisation: m.slug,
    role: "coordinator",
  })),
];

// ---------------------------------------------------------------------------
// Upcoming sessions, relative to `now`
// ---------------------------------------------------------------------------

export type Venue = { name: string; address: string };

export const venues = {
  antwerpen: { name: "Provinciehuis Antwerpen", address: "Koningin Elisabethlei 22, 2018 Antwerpen" },
  gent: { name: "Het Pand (Universiteit Gent)", address: "Onderbergen 1, 9000 Gent" },
  gentProvincie: { name: "Provinciehuis Oost-Vlaanderen", address: "Gouvernementstraat 1, 9000 Gent" },
  mechelen: { name: "Lamot Congres- en Erfgoedcentrum", address: "Van Beethovenstraat 8, 2800 Mechelen" },
  leuven: { name: "Provinciehuis Vlaams-Brabant", address: "Provincieplein 1, 3010 Leuven" },
  genk: { name: "C-mine", address: "C-mine 10, 3600 Genk" },
  hasselt: { name: "Provinciehuis Limburg", address: "Universiteitslaan 1, 3500 Hasselt" },
  vilvoorde: { name: "Cultuurcentrum Het Bolwerk", address: "Fazantendreef 13, 1800 Vilvoorde" },
  brugge: { name: "Provinciehuis West-Vlaanderen", address: "Koning Albert I-laan 120, 8200 Brugge" },
  brussel: { name: "Herman Teirlinckgebouw", address: "Havenlaan 88, 1000 Brussel" },
} satisfies Record<string, Venue>;

/** ISO weekday: 1 = Monday … 5 = Friday. */
type Weekday = 1 | 2 | 3 | 4 | 5;

export type SessionPlan = {
  provider: string;
  offering: string;
  title: string;
  /** Weeks after the Brussels week (Monday–Sunday) that contains `now`: 1 = next week. */
  week: number;
  weekday: Weekday;
  /** Brussels wall-clock times, "HH:mm". */
  start: string;
  end: string;
  capacity: number;
  venue?: Venue;
  onlineUrl?: string;
  /** A private session of this municipality (created from its accepted request). */
  municipality?: string;
};

/** A monthly series: the same nth weekday of three consecutive months, first one around `week`. */
export type SeriesPlan = Omit<SessionPlan, "week"> & { count: number };

const onlineBase = "https://online.expertenpool.test";
const online = (provider: string, room: string) => `${onlineBase}/${provider}/${room}`;

const ceapire = "ceapire";
const solentra = "solentra";
const netwerk = "netwerk-islamexperten";

const fullDayTopics = [
  "Radicaliserende en extremistische ideologieën: een breder referentiekader",
  "Complotisme en andere problematische ideologieën",
  "Omgaan met oorzaken en gevolgen van radicalisering: concrete tools",
];
const halfDayTopics = [
  "Radicalisering en extremisme: kennis en inzichten voor lokale besturen",
  "Complotisme en problematische ideologieën herkennen",
];
const lectureTopics = [
  "De dynamieken achter radicaliseringsprocessen: een theologisch en maatschappelijk perspectief",
  "Nieuwe trends, risico’s en preventiestrategieën",
];
const webinarTopics = [
  "Radicalisering en extremisme vanuit verschillende perspectieven",
  "Nieuwe trends in radicalisering en extremisme",
];

/**
 * One offering's sessions at venues, one per row (week, weekday, start, end, venue); the
 * titles take turns from `topics`.
 */
const onSite = (
  offering: Pick<SessionPlan, "provider" | "offering" | "capacity">,
  topics: readonly string[],
  days: readonly (readonly [week: number, weekday: Weekday, start: string, end: string, venue: Venue])[],
): SessionPlan[] =>
  days.map(([week, weekday, start, end, venue], i) => ({
    provider: offering.provider,
    offering: offering.offering,
    title: topics[i % topics.length]!,
    week,
    weekday,
    start,
    end,
    capacity: offering.capacity,
    venue,
  }));

/**
 * Weeks 1–11 and weekdays only, so that even a session moved past a public holiday
 * stays within three months of `now`. In week 1 only Wednesday or later, so the
 * booking deadline (two working days before) is still ahead of `now`.
 */
export const sessionPlans: SessionPlan[] = [
  // Ceapire — full days, 09:00–16:30
  ...onSite({ provider: ceapire, offering: "opleidingsdag", capacity: 25 }, fullDayTopics, [
    [2, 2, "09:00", "16:30", venues.antwerpen],
    [4, 4, "09:00", "16:30", venues.gent],
    [7, 2, "09:00", "16:30", venues.leuven],
    [10, 4, "09:00", "16:30", venues.hasselt],
  ]),
  // Ceapire — half days, mornings 09:00–12:30 and afternoons 13:30–17:00
  ...onSite({ provider: ceapire, offering: "halve-opleidingsdag", capacity: 25 }, halfDayTopics, [
    [1, 5, "09:00", "12:30", venues.mechelen],
    [3, 3, "13:30", "17:00", venues.vilvoorde],
    [6, 5, "09:00", "12:30", venues.brugge],
    [9, 3, "13:30", "17:00", venues.genk],
  ]),
  // Netwerk islamexperten — 2-hour lectures
  ...onSite({ provider: netwerk, offering: "lezing", capacity: 40 }, lectureTopics, [
    [2, 4, "10:00", "12:00", venues.mechelen],
    [4, 2, "14:00", "16:00", venues.vilvoorde],
    [6, 3, "10:00", "12:00", venues.gentProvincie],
    [8, 2, "14:00", "16:00", venues.antwerpen],
    [11, 4, "10:00", "12:00", venues.genk],
  ]),
  // Netwerk islamexperten — webinars
  ...(
    [
      [1, 4, "10:00", "12:00"],
      [3, 2, "13:30", "15:30"],
      [6, 4, "10:00", "12:00"],
      [9, 2, "13:30", "15:30"],
    ] as const
  ).map(([week, weekday, start, end], i): SessionPlan => ({
    provider: netwerk,
    offering: "webinar",
    title: webinarTopics[i % webinarTopics.length]!,
    week,
    weekday,
    start,
    end,
    capacity: 100,
    onlineUrl: online(netwerk, `webinar-${i + 1}`),
  })),
  // Solentra — a community-based consultation Stad Antwerpen asked for and accepted: a private session
  {
    provider: solentra,
    offering: "community-based-consultatie",
    title: "Community-based consultatie",
    week: 3,
    weekday: 2,
    start: "10:00",
    end: "11:30",
    capacity: 4,
    venue: venues.antwerpen,
    municipality: "antwerpen",
  },
  // Solentra — one coaching trajectory in four meetings, on site and online
  ...(
    [
      [2, 4, "Gesprekstechnieken"],
      [4, 4, "Hoe reageren in moeilijke situaties"],
      [6, 4, "Psychische aandoeningen en (de)radicalisering: signalen herkennen"],
      [8, 4, "Geestelijke gezondheid duurzaam integreren in de preventie"],
    ] as const
  ).map(([week, weekday, topic], i): SessionPlan => ({
    provider: solentra,
    offering: "coachingtraject",
    title: `Coachingtraject, bijeenkomst ${i + 1} van 4: ${topic}`,
    week,
    weekday,
    start: "13:30",
    end: "16:30",
    capacity: 15,
    venue: venues.brussel,
    onlineUrl: online(solentra, "coachingtraject"),
  })),
];

export const seriesPlans: SeriesPlan[] = [
  {
    provider: netwerk,
    offering: "intervisie",
    title: "Intervisie: casuïstiek uit de praktijk",
    weekday: 4,
    start: "14:00",
    end: "16:30",
    capacity: 12,
    venue: venues.mechelen,
    count: 3,
  },
];

export type PlannedSession = {
  provider: string;
  offering: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  bookingDeadline: Date;
  capacity: number;
  locationName: string | null;
  locationAddress: string | null;
  onlineUrl: string | null;
  /** The municipality of a private session; null: public. */
  municipality: string | null;
  /** Index into `series` of planSessions' result, for sessions that belong to one. */
  series?: number;
};

export type PlannedSeries = {
  provider: string;
  offering: string;
  /** Without DTSTART: the first occurrence is `wallStart`, as the sessions module expects. */
  rrule: string;
  /** Brussels wall-clock start of the first occurrence, "2027-01-14T14:00". */
  wallStart: string;
  durationMinutes: number;
};

const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: ZONE });
}

const holidaysByYear = new Map<number, Set<string>>();

/** Belgian public holidays (wettelijke feestdagen), by Brussels calendar date. */
export function isPublicHoliday(date: DateTime): boolean {
  let holidays = holidaysByYear.get(date.year);
  if (!holidays) {
    const fixed = ["01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25"].map((md) => `${date.year}-${md}`);
    // Easter Monday, Ascension Day, Whit Monday.
    const movable = [1, 39, 50].map((offset) => easter(date.year).plus({ days: offset }).toFormat("yyyy-LL-dd"));
    holidays = new Set([...fixed, ...movable]);
    holidaysByYear.set(date.year, holidays);
  }
  return holidays.has(date.toFormat("yyyy-LL-dd"));
}

function isWorkingDay(date: DateTime): boolean {
  return date.weekday <= 5 && !isPublicHoliday(date);
}

function nextWorkingDay(date: DateTime): DateTime {
  let d = date;
  while (!isWorkingDay(d)) d = d.plus({ days: 1 });
  return d;
}

/** The instant of `time` on the Brussels calendar `date`. */
function at(date: DateTime, time: string): Date {
  return wallToInstant(`${date.toFormat("yyyy-LL-dd")}T${time}`, ZONE);
}

/** Same wall-clock time, two working days before the session's day. */
function deadlineFor(day: DateTime, start: string): Date {
  let d = day;
  let counted = 0;
  while (counted < 2) {
    d = d.minus({ days: 1 });
    if (isWorkingDay(d)) counted++;
  }
  return at(d, start);
}

/** "14:00", "16:30" → 150 */
function minutesBetween(start: string, end: string): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return minutes(end) - minutes(start);
}

/** The nth (1–5) given weekday of the month that contains `month`. */
function nthWeekday(month: DateTime, weekday: number, n: number): DateTime {
  const first = month.startOf("month");
  const offset = (weekday - first.weekday + 7) % 7;
  return first.plus({ days: offset + (n - 1) * 7 });
}

/** The Brussels calendar day that starts `now`'s week (Monday). */
export function weekStart(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: ZONE }).startOf("day").startOf("week");
}

/**
 * Concrete sessions for the plans above: Brussels calendar dates from `now`, wall-clock
 * times turned into instants in Europe/Brussels (so 09:00 stays 09:00 across a
 * daylight-saving change), sessions on a public holiday moved to the next working day.
 */
export function planSessions(now: Date): { sessions: PlannedSession[]; series: PlannedSeries[] } {
  const monday = weekStart(now);
  const limit = DateTime.fromJSDate(now, { zone: ZONE }).plus({ months: 3 });
  const sessions: PlannedSession[] = [];
  const series: PlannedSeries[] = [];

  const push = (plan: Omit<SessionPlan, "week">, planned: DateTime, seriesIndex?: number) => {
    // Early in the plan, a holiday can pull the deadline back before `now`: start a working day later.
    let day = planned;
    while (deadlineFor(day, plan.start) <= now) day = nextWorkingDay(day.plus({ days: 1 }));
    sessions.push({
      provider: plan.provider,
      offering: plan.offering,
      title: plan.title,
      startsAt: at(day, plan.start),
      endsAt: at(day, plan.end),
      bookingDeadline: deadlineFor(day, plan.start),
      capacity: plan.capacity,
      locationName: plan.venue?.name ?? null,
      locationAddress: plan.venue?.address ?? null,
      onlineUrl: plan.onlineUrl ?? null,
      municipality: plan.municipality ?? null,
      ...(seriesIndex === undefined ? {} : { series: seriesIndex }),
    });
  };

  for (const plan of sessionPlans) {
    push(plan, nextWorkingDay(monday.plus({ weeks: plan.week, days: plan.weekday - 1 })));
  }

  for (const plan of seriesPlans) {
    // Monthly on the nth weekday (e.g. every 2nd Thursday). Try a first date in week 2,
    // then 1, then 3: the nth weekday must exist in every month (n ≤ 4), no occurrence
    // may fall on a public holiday, the first must still be bookable and the last must
    // fall within three months.
    const candidates = [2, 1, 3].map((week) => {
      const first = monday.plus({ weeks: week, days: plan.weekday - 1 });
      const n = Math.ceil(first.day / 7);
      const days = Array.from({ length: plan.count }, (_, i) => nthWeekday(first.plus({ months: i }), plan.weekday, n));
      return { n, days };
    });
    const fits = (c: (typeof candidates)[number]) =>
      c.n <= 4 &&
      c.days.at(-1)!.set({ hour: 23 }) < limit &&
      c.days.every((d) => !isPublicHoliday(d)) &&
      deadlineFor(c.days[0]!, plan.start) > now;
    const chosen = candidates.find(fits) ?? candidates.find((c) => c.n <= 4)!;
    const index = series.length;
    series.push({
      provider: plan.provider,
      offering: plan.offering,
      rrule: `FREQ=MONTHLY;BYDAY=${chosen.n}${weekdayCodes[plan.weekday - 1]};COUNT=${plan.count}`,
      wallStart: `${chosen.days[0]!.toFormat("yyyy-LL-dd")}T${plan.start}`,
      durationMinutes: minutesBetween(plan.start, plan.end),
    });
    for (const day of chosen.days) push(plan, day, index);
  }

  sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { sessions, series };
}
