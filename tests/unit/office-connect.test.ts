// 连接到单位服务器 (issue 19 item 1): the pure rules the desktop app applies as a client — address, fingerprint,
// the certificate pin, navigation limited to the host — and the remembered choice. The Electron wiring
// (electron/main/index.ts createClientWindow) cannot run here; these are the decisions it delegates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CERT_ACCEPT,
  CERT_REFUSE,
  isHostName,
  isOnHost,
  normalizeFingerprint,
  parseHostAddress,
  parseOfficeConnection,
  pinnedCertificateVerdict,
} from '../../electron/domain/office-connect';
import { clientWebPreferences, OFFICE_CLIENT_PARTITION } from '../../electron/main/security';
import { pemFingerprint, readSavedConnection, verifyHostCertificate, writeSavedConnection } from '../../electron/main/office-client';
import { ensureCertificate } from '../../electron/server/host';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-connect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEX = 'ab'.repeat(32);
const CANON = Array(32).fill('AB').join(':');

describe('证书指纹', () => {
  it('takes the forms a person types or pastes and gives the host’s AB:CD:… form', () => {
    expect(normalizeFingerprint(CANON)).toBe(CANON);
    expect(normalizeFingerprint(HEX)).toBe(CANON);
    expect(normalizeFingerprint(` ${CANON.toLowerCase().replace(/:/g, ' ')} `)).toBe(CANON);
    expect(normalizeFingerprint(`SHA256: ${CANON.replace(/:/g, '-')}`)).toBe(CANON);
  });
  it('refuses anything that is not 32 bytes of hex', () => {
    for (const bad of ['', HEX.slice(2), `${HEX}ab`, HEX.replace('a', 'g'), 'sha1/abc', null, 42]) expect(normalizeFingerprint(bad)).toBeNull();
  });
});

describe('单位服务器地址', () => {
  it('takes https://IP:port, with or without the scheme or a path, as its origin', () => {
    expect(parseHostAddress('https://192.168.1.20:8443')).toEqual({ ok: true, origin: 'https://192.168.1.20:8443', hostname: '192.168.1.20' });
    expect(parseHostAddress(' 192.168.1.20:8443/login ')).toEqual({ ok: true, origin: 'https://192.168.1.20:8443', hostname: '192.168.1.20' });
    expect(parseHostAddress('https://[fe80::1]:8443')).toMatchObject({ ok: true, hostname: 'fe80::1' });
  });
  it('refuses http, credentials, and what is not an address, in Chinese', () => {
    expect(parseHostAddress('http://192.168.1.20:8443')).toEqual({ ok: false, error: expect.stringContaining('HTTPS') });
    expect(parseHostAddress('https://a:b@192.168.1.20:8443')).toEqual({ ok: false, error: expect.stringContaining('用户名或密码') });
    expect(parseHostAddress('https://192.168.1.20:99999')).toEqual({ ok: false, error: expect.stringContaining('无法识别') });
    expect(parseHostAddress('  ')).toEqual({ ok: false, error: expect.stringContaining('请填写') });
  });
  it('a connection needs both, and names what is wrong', () => {
    expect(parseOfficeConnection({ address: '10.0.0.5:8443', fingerprint: HEX })).toEqual({
      ok: true,
      value: { origin: 'https://10.0.0.5:8443', hostname: '10.0.0.5', fingerprint: CANON },
    });
    expect(parseOfficeConnection({ address: '10.0.0.5:8443', fingerprint: 'abc' })).toEqual({ ok: false, error: expect.stringContaining('证书指纹') });
    expect(parseOfficeConnection(null)).toEqual({ ok: false, error: expect.stringContaining('地址') });
  });
});

describe('导航只限该主机', () => {
  const conn = { origin: 'https://10.0.0.5:8443' };
  it('same scheme, host and port only', () => {
    expect(isOnHost('https://10.0.0.5:8443/login', conn)).toBe(true);
    expect(isOnHost('https://10.0.0.5:8443/#/desk', conn)).toBe(true);
    expect(isOnHost('https://10.0.0.5:9443/', conn)).toBe(false);
    expect(isOnHost('http://10.0.0.5:8443/', conn)).toBe(false);
    expect(isOnHost('https://10.0.0.6:8443/', conn)).toBe(false);
    expect(isOnHost('https://10.0.0.5:8443/', null)).toBe(false);
    expect(isOnHost('not a url', conn)).toBe(false);
  });
  it('the certificate check’s host name: the host’s only (IPv6 with or without brackets, any case)', () => {
    expect(isHostName('10.0.0.5', { hostname: '10.0.0.5' })).toBe(true);
    expect(isHostName('[FE80::1]', { hostname: 'fe80::1' })).toBe(true);
    expect(isHostName('10.0.0.50', { hostname: '10.0.0.5' })).toBe(false);
    expect(isHostName('10.0.0.5', null)).toBe(false);
  });
  it('the client window has no preload and its own session', () => {
    const w = clientWebPreferences();
    expect('preload' in w).toBe(false);
    expect(w).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, partition: OFFICE_CLIENT_PARTITION });
  });
});

/** The certificate a TLS server really presents, as PEM (Chromium hands setCertificateVerifyProc the same). */
async function presented(cert: string, key: string): Promise<string> {
  const server = tls.createServer({ cert, key }, (s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
        const der = s.getPeerCertificate().raw;
        s.end();
        resolve(`-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`);
      });
      s.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('证书固定（pin）', () => {
  it('accepts the host’s own certificate only when its fingerprint is the one entered, for that host only', async () => {
    const a = await ensureCertificate(path.join(dir, 'a.db'));
    const b = await ensureCertificate(path.join(dir, 'b.db'));
    expect(a.fingerprint).not.toBe(b.fingerprint);
    const pemA = await presented(a.cert, a.key);
    const pemB = await presented(b.cert, b.key);
    expect(pemFingerprint(pemA)).toBe(a.fingerprint);

    // the colleague typed the printed fingerprint in lower case without colons
    const c = parseOfficeConnection({ address: '127.0.0.1:8443', fingerprint: a.fingerprint.replace(/:/g, '').toLowerCase() });
    if (!c.ok) throw new Error(c.error);
    const conn = c.value;
    expect(verifyHostCertificate({ hostname: '127.0.0.1', certificate: { data: pemA } }, conn)).toBe(CERT_ACCEPT);
    // another certificate on the same address (a new host, or someone in between): refused
    expect(verifyHostCertificate({ hostname: '127.0.0.1', certificate: { data: pemB } }, conn)).toBe(CERT_REFUSE);
    // the right certificate for another host name: refused (the window talks to nobody else)
    expect(verifyHostCertificate({ hostname: 'example.org', certificate: { data: pemA } }, conn)).toBe(CERT_REFUSE);
    // no connection, or an unreadable certificate: refused
    expect(verifyHostCertificate({ hostname: '127.0.0.1', certificate: { data: pemA } }, null)).toBe(CERT_REFUSE);
    expect(verifyHostCertificate({ hostname: '127.0.0.1', certificate: { data: 'garbage' } }, conn)).toBe(CERT_REFUSE);
    expect(pinnedCertificateVerdict({ hostname: '127.0.0.1', fingerprint: null }, conn)).toBe(CERT_REFUSE);
  });
});

describe('记住的选择', () => {
  it('round-trips; a missing or altered file means 本机数据', () => {
    const file = path.join(dir, 'office-connection.json');
    expect(readSavedConnection(file)).toBeNull();
    const c = parseOfficeConnection({ address: 'https://10.0.0.5:8443', fingerprint: HEX });
    if (!c.ok) throw new Error(c.error);
    writeSavedConnection(file, { connection: c.value, active: true });
    expect(readSavedConnection(file)).toEqual({ connection: c.value, active: true });
    writeSavedConnection(file, { connection: c.value, active: false });
    expect(readSavedConnection(file)?.active).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ address: 'http://10.0.0.5:8443', fingerprint: HEX, active: true }));
    expect(readSavedConnection(file)).toBeNull();
    fs.writeFileSync(file, '{not json');
    expect(readSavedConnection(file)).toBeNull();
  });
});
