// 连接到单位服务器 (issue 19 item 1): the Node side of the desktop app as a client — the certificate's fingerprint
// from the PEM Chromium hands over, and the remembered choice in userData. No 'electron' import, so it is
// unit-tested (tests/unit/office-connect.test.ts); electron/main/index.ts applies it.

import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseOfficeConnection, pinnedCertificateVerdict, type OfficeConnection } from '../domain/office-connect';

/** The SHA-256 fingerprint (`AB:CD:…`) of a PEM certificate; null when it cannot be read. */
export function pemFingerprint(pem: string | undefined): string | null {
  if (!pem) return null;
  try {
    return new crypto.X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}

/** setCertificateVerifyProc's answer for the client window's session: the pin of ../domain/office-connect.ts. */
export function verifyHostCertificate(req: { hostname: string; certificate: { data: string } }, conn: OfficeConnection | null): number {
  return pinnedCertificateVerdict({ hostname: req.hostname, fingerprint: pemFingerprint(req.certificate?.data) }, conn);
}

/**
 * The remembered choice (`office-connection.json` in userData): the last host entered, and whether the app opens
 * on it (`active`) or on this computer's own data file. A missing, unreadable or altered file means 本机数据.
 */
export interface SavedConnection {
  connection: OfficeConnection;
  active: boolean;
}

export function readSavedConnection(file: string): SavedConnection | null {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const c = parseOfficeConnection(raw);
    return c.ok ? { connection: c.value, active: raw.active === true } : null;
  } catch {
    return null;
  }
}

export function writeSavedConnection(file: string, saved: SavedConnection): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ address: saved.connection.origin, fingerprint: saved.connection.fingerprint, active: saved.active }));
  fs.renameSync(tmp, file);
}
