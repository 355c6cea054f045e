// 连接到单位服务器 (issue 19 item 1): the desktop app as a client of a colleague's host. The pure rules, shared by
// the 设置 form (immediate messages) and electron/main (which checks again and pins the certificate): the host's
// address, the certificate fingerprint read off the host, and the pinning verdict. Unit-tested in
// tests/unit/office-connect.test.ts; the Electron wiring that applies them cannot run where there is no runtime.

/** A connection the user entered: the host's origin (`https://IP:port`) and its certificate's SHA-256 fingerprint. */
export interface OfficeConnection {
  /** `https://host:port`, no path */
  origin: string;
  /** the URL's hostname as Chromium reports it to the certificate check (IPv6 without brackets) */
  hostname: string;
  /** `AB:CD:…`, 32 upper-case hex pairs, as the host prints it (electron/server/host.ts certFingerprint) */
  fingerprint: string;
}

/**
 * The fingerprint as the host prints it (`AB:CD:…`), from what a person types or pastes: any case, with colons,
 * spaces or dashes between the pairs or none. Anything that is not exactly 32 bytes of hex gives null.
 */
export function normalizeFingerprint(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const hex = raw
    .trim()
    .replace(/^sha-?256\s*[:/]?\s*/i, '')
    .replace(/[\s:-]/g, '');
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/**
 * The host's address: `https://IP:port` (the scheme may be left out; `/` or `/login` after it is ignored). Only
 * https — the host serves nothing else, and the pin is a TLS pin; no user name or password in the address.
 */
export function parseHostAddress(raw: unknown): { ok: true; origin: string; hostname: string } | { ok: false; error: string } {
  if (typeof raw !== 'string' || !raw.trim()) return { ok: false, error: '请填写单位服务器的地址，例如 https://192.168.1.20:8443' };
  let text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: `地址“${raw.trim()}”无法识别，应为 https://IP地址:端口，例如 https://192.168.1.20:8443` };
  }
  if (u.protocol !== 'https:') return { ok: false, error: '单位服务器只用 HTTPS：地址应以 https:// 开头' };
  if (u.username || u.password) return { ok: false, error: '地址中不能包含用户名或密码' };
  if (!u.hostname) return { ok: false, error: '地址中缺少主机的 IP 地址或名称' };
  return { ok: true, origin: u.origin, hostname: u.hostname.replace(/^\[|\]$/g, '') };
}

/** The form's (or the remembered file's) address and fingerprint, checked: a connection or the first problem, in Chinese. */
export function parseOfficeConnection(raw: unknown): { ok: true; value: OfficeConnection } | { ok: false; error: string } {
  const o = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const addr = parseHostAddress(o.address ?? o.origin);
  if (!addr.ok) return addr;
  const fingerprint = normalizeFingerprint(o.fingerprint);
  if (!fingerprint) {
    return { ok: false, error: '证书指纹应为 64 位十六进制（SHA-256，形如 AB:CD:…，共 32 组），请照主机窗口或其“设置 · 单位服务器”中显示的核对填写' };
  }
  return { ok: true, value: { origin: addr.origin, hostname: addr.hostname, fingerprint } };
}

/** Is this URL on the connected host (same scheme, host and port)? Navigation and redirects are limited to it. */
export function isOnHost(url: string | undefined | null, conn: Pick<OfficeConnection, 'origin'> | null): boolean {
  if (!url || !conn) return false;
  try {
    return new URL(url).origin === conn.origin;
  } catch {
    return false;
  }
}

/** Is this hostname (as Chromium reports it to the certificate check; IPv6 with or without brackets) the host's? */
export function isHostName(hostname: string, conn: Pick<OfficeConnection, 'hostname'> | null): boolean {
  return !!conn && hostname.replace(/^\[|\]$/g, '').toLowerCase() === conn.hostname.toLowerCase();
}

/** Chromium's answers to a certificate check (session.setCertificateVerifyProc): accept, refuse. */
export const CERT_ACCEPT = 0;
export const CERT_REFUSE = -2;

/**
 * The pin: a certificate is accepted only for the connected host's name and only when its SHA-256 fingerprint is
 * the one entered. Everything else — another host, another certificate (a host that made a new one, or someone in
 * between), no connection — is refused; the client window talks to nobody else.
 */
export function pinnedCertificateVerdict(req: { hostname: string; fingerprint: string | null }, conn: OfficeConnection | null): number {
  if (!conn || !req.fingerprint || !isHostName(req.hostname, conn)) return CERT_REFUSE;
  return normalizeFingerprint(req.fingerprint) === conn.fingerprint ? CERT_ACCEPT : CERT_REFUSE;
}
