// The office-mode session as api.ts needs it (issue 19): the CSRF token every API POST carries and the event
// that says whether the host answers. Kept apart from office.ts, which calls the API, so the two do not import
// each other.

export const CSRF_HEADER = 'X-Fazhi-CSRF';

/** The session's CSRF token from its cookie, or null outside office mode. */
export function csrfToken(): string | null {
  if (typeof document === 'undefined') return null;
  const name = `__Host-fazhi_csrf_${window.location.port || '443'}=`;
  for (const part of document.cookie.split(';')) {
    const p = part.trim();
    if (p.startsWith(name)) return p.slice(name.length) || null;
  }
  return null;
}

export const CONNECTION = 'fazhi:connection';

/** api.ts: a call could not reach the host (false), or did again (true). */
export function reportConnection(connected: boolean): void {
  window.dispatchEvent(new CustomEvent(CONNECTION, { detail: connected }));
}
