/**
 * The demo offerings' programme, target audience and multi-session shape (#12), drawn from
 * the page the platform was created from (docs: expertenpool-seed.txt). Nothing here adds
 * a fact the page doesn't give: where the page leaves the number of sessions open, so does
 * the seed (a trajectory without a count reads "het aantal in onderling overleg").
 *
 * Pure data, keyed by "<provider slug>/<offering slug>"; db/seed.ts writes it with the offerings.
 */
export type OfferingDetailsSeed = {
  programme: string;
  audience: string;
  sessionCount?: number;
  intake?: boolean;
  spanMonths?: number;
};

const lokaleBesturen = "Medewerkers van lokale besturen";

export const offeringDetails: Record<string, OfferingDetailsSeed> = {
  // ---------------------------------------------------------------- Ceapire
  "ceapire/opleidingsdag": {
    programme:
      "- Radicaliserende en extremistische ideologieën: een breder referentiekader\n" +
      "- Complotisme en andere problematische ideologieën\n" +
      "- Oorzaken en gevolgen van radicalisering\n" +
      "- Concrete tools om ermee om te gaan\n\n" +
      "De inhoud wordt afgestemd op de noden en vragen van de deelnemende lokale besturen.",
    audience: `${lokaleBesturen} die de kennis en inzichten over radicalisering en extremisme van hun organisatie willen versterken.`,
  },
  "ceapire/halve-opleidingsdag": {
    programme:
      "- Kennis en inzichten over radicalisering en extremisme\n" +
      "- Complotisme en problematische ideologieën herkennen\n" +
      "- Concrete tools om om te gaan met oorzaken en gevolgen van radicalisering\n\n" +
      "De inhoud wordt afgestemd op de noden en vragen van de deelnemende lokale besturen.",
    audience: `${lokaleBesturen}.`,
  },
  "ceapire/opleiding-op-maat": {
    programme:
      "Een voldaagse of halfdaagse opleidingsdag, volledig op maat van de noden en vragen van uw lokaal bestuur:\n\n" +
      "- Een breder referentiekader over radicaliserende en extremistische ideologieën\n" +
      "- Concrete tools om om te gaan met oorzaken en gevolgen van radicalisering",
    audience: "De medewerkers van uw eigen lokaal bestuur.",
  },
  "ceapire/in-house-expert": {
    programme:
      "- Telefonisch contact met de expert voor dringende vragen over radicalisme en extremisme\n" +
      "- Deelname van de expert aan uw vergaderingen, op uitnodiging",
    audience: "Lokale besturen met dringende of acute vragen over radicalisme en extremisme.",
  },
  "ceapire/risicotaxatietraject": {
    programme:
      "- Vijf intensieve sessies met een begeleider van het Ceapire-team\n" +
      "- Tijdens de gesprekken stelt de begeleider vast welke mogelijke tekenen van radicalisering of extremisme aanwezig zijn (risicotaxatie)\n" +
      "- Een eindverslag om te bekijken welke verdere opvolging noodzakelijk is",
    audience:
      "Lokale besturen die in samenspraak met Ceapire tot de conclusie komen dat een begeleidingstraject voor een geradicaliseerd individu noodzakelijk is.",
    sessionCount: 5,
  },
  // ---------------------------------------------------------------- Textgain
  "textgain/deduider": {
    programme:
      "- Een dashboard dat socialemediaberichten rond specifieke thema’s structureert en samenvat, zonder ze bij te houden\n" +
      "- Snel inzicht in acute en/of escalerende, problematische trends, topics en narratieven\n" +
      "- De perspectieven en standpunten die geuit worden, in kaart gebracht\n" +
      "- Inspiratie en invalshoeken om met eigen communicatiestandpunten te reageren",
    audience: "Communicatiemedewerkers van lokale besturen.",
  },
  "textgain/crisisincidententeam": {
    programme:
      "- Het crisisincidententeam identificeert nieuwe trends en volgt ze op\n" +
      "- Specifieke signalen worden zo spoedig mogelijk in een overzicht voor het lokale bestuur gecapteerd",
    audience: "Lokale besturen met specifieke en urgente vragen over zorgwekkende online fenomenen in hun gemeente.",
  },
  // ---------------------------------------------------------------- Solentra
  "solentra/helpdesk": {
    programme:
      "- U legt de casus voor via het online formulier\n" +
      "- Casusbespreking met een senior transcultureel psycholoog\n" +
      "- Advies voor verdere opvolging of actie, indien nodig",
    audience: "Professionals van lokale besturen en eerstelijnsactoren.",
  },
  "solentra/opleiding-op-maat": {
    programme:
      "- De kenmerken van psychische aandoeningen\n" +
      "- Hoe psychische aandoeningen interageren met de (de)radicalisering van een individu\n" +
      "- Signalen herkennen en inschatten of een psycholoog of psychiater nodig is\n\n" +
      "Online of op locatie, op maat van uw lokaal bestuur.",
    audience: `${lokaleBesturen} en eerstelijnswerkers.`,
  },
  "solentra/community-based-consultatie": {
    programme:
      "Een consultatie met de vraagsteller, de betrokkene en een senior psycholoog van Solentra (en een tolk indien nodig) " +
      "om in te schatten of en hoe een aanbod van geestelijke gezondheidszorg relevant kan zijn.",
    audience: "Lokale besturen en eerstelijnsactoren die een betrokkene begeleiden.",
  },
  "solentra/intervisie-supervisie": {
    programme: "Intervisie of supervisie op casusniveau, op basis van de concrete noden bij uw lokaal bestuur.",
    audience: `${lokaleBesturen} en eerstelijnsactoren.`,
  },
  "solentra/coachingtraject": {
    programme:
      "- Gesprekstechnieken\n" +
      "- Hoe reageren in moeilijke situaties\n" +
      "- Psychische aandoeningen en (de)radicalisering: signalen herkennen\n" +
      "- Geestelijke gezondheid duurzaam integreren in de preventie\n\n" +
      "Theoretische kennis en inzichten worden gecombineerd met praktijkgerichte handvatten; vaardigheden worden " +
      "versterkt door training tijdens intervisies en met online tools.",
    audience: `${lokaleBesturen} en eerstelijnsactoren die hun vaardigheden willen versterken.`,
    // The demo plan: four meetings, two weeks apart.
    sessionCount: 4,
    spanMonths: 2,
  },
  "solentra/doorverwijzing-therapie": {
    programme: "Waar nodig verwijst Solentra door voor therapie: transculturele psychische zorg vanuit een outreachende, aanklampende en cultuursensitieve aanpak.",
    audience: "Personen met een vluchtelingen- of migratieachtergrond, via de professional die hen begeleidt.",
  },
  // ---------------------------------------------------------------- CAW Limburg
  "caw-limburg/consult-casusanalyse": {
    programme:
      "- Analyse van een individuele casus\n" +
      "- Consult vanuit de expertise met individuele disengagementtrajecten, CVE-methodieken en een multi-agency aanpak",
    audience: "Lokale besturen en hulp- en dienstverleners met een individuele casus.",
  },
  "caw-limburg/deelname-casusbespreking": {
    programme:
      "- Deelname aan casusbesprekingen met direct betrokken actoren\n" +
      "- Deelname aan overlegmomenten van lokale besturen, bv. netwerkmomenten of de LIVC-R",
    audience: "Direct betrokken actoren in een lokale context: politie, justitie, medewerkers van lokale besturen, hulp- en dienstverleners.",
  },
  "caw-limburg/methodiekenoverdracht": {
    programme:
      "- Methodieken voor het uitwerken en realiseren van een hulpverleningstraject\n" +
      "- Identiteitsgebonden problematieken\n" +
      "- Cultureel-sensitief werken\n" +
      "- Actief burgerschap",
    audience: "Hulpverleners die een hulpverleningstraject uitwerken en realiseren.",
  },
  "caw-limburg/vorming-toelichting": {
    programme: "De aanpak van individuele disengagementtrajecten:\n\n- Houding\n- Methodieken\n- Relatieopbouw",
    audience: "Lokale besturen, op hun vraag of in samenwerking met de VVSG.",
  },
  "caw-limburg/begeleidingstraject": {
    programme: "CAW Limburg neemt het begeleidingstraject zelf op met het individu en de direct betrokkenen (ultimum remedium).",
    audience: "Individuen en direct betrokkenen, wanneer er in de lokale context geen regulier aanbod beschikbaar is.",
  },
  // ---------------------------------------------------------------- Netwerk islamexperten
  "netwerk-islamexperten/lezing": {
    programme:
      "- De dynamieken die aan de basis van radicaliseringsprocessen liggen\n" +
      "- Een theologisch en een maatschappelijk perspectief\n" +
      "- Nieuwe trends, risico’s en preventiestrategieën",
    audience: `${lokaleBesturen}.`,
  },
  "netwerk-islamexperten/webinar": {
    programme:
      "- Radicalisering en extremisme vanuit verschillende perspectieven\n" +
      "- Nieuwe inzichten over diverse gerelateerde thema’s\n\n" +
      "U sluit online aan vanuit uw eigen omgeving.",
    audience: `${lokaleBesturen}.`,
  },
  "netwerk-islamexperten/intervisie": {
    programme: "- Bespreking van casuïstiek uit de praktijk\n- Deelnemers brengen casussen uit hun eigen ervaring in",
    audience: "Professionals van lokale besturen die casussen uit hun praktijk willen bespreken.",
  },
  "netwerk-islamexperten/intervisie-op-aanvraag": {
    programme: "- Bespreking van casuïstiek uit de praktijk\n- Deelnemers brengen casussen uit hun eigen ervaring in",
    audience: "De medewerkers van uw eigen lokaal bestuur.",
  },
  "netwerk-islamexperten/dringende-interventie": {
    programme: "- Advies om met de situatie om te gaan\n- Ondersteuning om in gesprek te gaan met betrokkenen",
    audience: "Lokale besturen met dringende vragen over verontrustende situaties met betrekking tot radicalisering en extremisme.",
  },
  "netwerk-islamexperten/anti-radicaliseringstraject": {
    programme:
      "- Een intakegesprek, met een advies of een anti-radicaliseringstraject al dan niet zinvol is\n" +
      "- Zes sessies van het anti-radicaliseringstraject",
    audience: "Lokale besturen die radicaliserende profielen opmerken.",
    sessionCount: 6,
    intake: true,
  },
  "netwerk-islamexperten/beleidsondersteuning": {
    programme:
      "- Een interne visie op radicalisering en extremisme\n" +
      "- Een beleidsplan\n\n" +
      "De aard en duur van de begeleiding worden in onderlinge overeenstemming bepaald.",
    audience: "Lokale besturen die hun werknemers willen professionaliseren en een op maat gemaakte aanpak willen ontwikkelen.",
  },
};
