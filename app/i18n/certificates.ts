/** The public check of a certificate of attendance (/verify/<code>, ADR 0032). */
export const certificates = {
  nl: {
    "certificates.verify.title": "Attest controleren",
    "certificates.verify.notFound": "Geen geldig attest gevonden met de code",
    "certificates.verify.notFoundHint": ". Kijk de code na (12 tekens, bv. ABCD-EFGH-JKMN).",
    "certificates.verify.genuine": "Dit attest is echt: het werd uitgereikt door de expertenpool.",
    "certificates.verify.attendee": "Deelnemer",
    "certificates.verify.session": "Sessie",
    "certificates.verify.provider": "Aanbieder",
    "certificates.verify.date": "Datum",
    "certificates.verify.duration": "Duur",
    "certificates.verify.hours": "{hours} uur",
    "certificates.verify.code": "Verificatiecode",
    "certificates.verify.revokedBefore": "Dit attest (",
    "certificates.verify.revokedAfter":
      ") werd uitgereikt, maar is ingetrokken: de aanwezigheid werd nadien gecorrigeerd of de sessie werd geannuleerd.",
  },
  en: {
    "certificates.verify.title": "Check a certificate",
    "certificates.verify.notFound": "No valid certificate found with the code",
    "certificates.verify.notFoundHint": ". Please check the code (12 characters, e.g. ABCD-EFGH-JKMN).",
    "certificates.verify.genuine": "This certificate is genuine: it was issued by the expertenpool.",
    "certificates.verify.attendee": "Attendee",
    "certificates.verify.session": "Session",
    "certificates.verify.provider": "Provider",
    "certificates.verify.date": "Date",
    "certificates.verify.duration": "Duration",
    "certificates.verify.hours": "{hours} hours",
    "certificates.verify.code": "Verification code",
    "certificates.verify.revokedBefore": "This certificate (",
    "certificates.verify.revokedAfter":
      ") was issued but has been revoked: the attendance was corrected afterwards or the session was cancelled.",
  },
};
