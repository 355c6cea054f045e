// The accounts of office mode (issue 19; table `users`, migration 14). Passwords are hashed with scrypt, a random
// 16-byte salt each, and compared in constant time; the stored text names its parameters, so they can be raised
// later without making old hashes unreadable. A password is never returned, logged (errlog writes only the
// input's shape) or audited (the audit says 重设密码, not what to).
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { UserRole, UserView } from '../domain/api';
import type { LedgerKind } from '../domain/fields';
import { isLedgerKind } from '../domain/ledgers';
import type { Core } from './core';
import { isoNow } from './core';
import type { Db } from './db/connection';
import { AppError } from './errors';
import { appendAudit } from './safety/audit';

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;

/** N = 2^15, r = 8, p = 1: ~50–100 ms per try on an office PC, 32 MB of memory (maxmem raised to allow it). */
const PARAMS = { N: 32768, r: 8, p: 1 };
const KEY_LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` matches the stored hash (constant-time over the derived keys). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [tag, n, r, p, salt, hash] = stored.split('$');
  if (tag !== 'scrypt' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = await scrypt(password, Buffer.from(salt, 'base64'), want.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

/** A hash of a random password: compared against when the login name is unknown, so both cost the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(18).toString('base64'));
  return dummyHash;
}

interface UserRow {
  id: number;
  login: string;
  name: string;
  role: UserRole;
  ledgers: string;
  password: string;
  disabled: number;
}

export interface StoredUser extends UserView {
  passwordHash: string;
}

function toUser(r: UserRow): StoredUser {
  let ledgers: LedgerKind[] = [];
  try {
    ledgers = (JSON.parse(r.ledgers) as unknown[]).filter(isLedgerKind);
  } catch {
    // an unreadable grant list grants nothing
  }
  return { id: r.id, login: r.login, name: r.name, role: r.role, ledgers, disabled: r.disabled === 1, passwordHash: r.password };
}

export const publicUser = ({ passwordHash: _, ...u }: StoredUser): UserView => u;

export function countUsers(db: Db): number {
  return db.prepare('SELECT count(*) FROM users').pluck().get() as number;
}

export function findUserByLogin(db: Db, login: string): StoredUser | undefined {
  const r = db.prepare('SELECT * FROM users WHERE login = ?').get(login) as UserRow | undefined;
  return r && toUser(r);
}

export function findUser(db: Db, id: number): StoredUser | undefined {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r && toUser(r);
}

export function listUsers(db: Db): UserView[] {
  return (db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map((r) => publicUser(toUser(r)));
}

const described = (u: Pick<UserView, 'login' | 'name' | 'role' | 'ledgers' | 'disabled'>) => ({
  登录名: u.login,
  姓名: u.name,
  角色: u.role,
  可修改的台账: u.ledgers,
  停用: u.disabled,
});

export async function createUser(
  core: Core,
  input: { login: string; name: string; role: UserRole; ledgers: LedgerKind[]; password: string },
): Promise<UserView> {
  if (findUserByLogin(core.db, input.login)) throw new AppError('DUPLICATE', `登录名“${input.login}”已被使用，请换一个`);
  const hash = await hashPassword(input.password);
  const at = isoNow(core.now());
  const ledgers = [...new Set(input.ledgers)];
  const id = core.db.transaction(() => {
    // checked again inside the transaction: two administrators creating the same login at once
    if (findUserByLogin(core.db, input.login)) throw new AppError('DUPLICATE', `登录名“${input.login}”已被使用，请换一个`);
    const rid = Number(
      core.db
        .prepare('INSERT INTO users (login, name, role, ledgers, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.login, input.name, input.role, JSON.stringify(ledgers), hash, at, at).lastInsertRowid,
    );
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '账号',
      after: described({ ...input, ledgers, disabled: false }),
      summary: `新建账号“${input.name}”（${input.login}，${input.role}）`,
    });
    return rid;
  })();
  return publicUser(findUser(core.db, id)!);
}

export async function updateUser(
  core: Core,
  input: { id: number; name?: string; role?: UserRole; ledgers?: LedgerKind[]; disabled?: boolean; password?: string },
): Promise<UserView> {
  const hash = input.password === undefined ? undefined : await hashPassword(input.password);
  const at = isoNow(core.now());
  core.db.transaction(() => {
    const before = findUser(core.db, input.id);
    if (!before) throw new AppError('NOT_FOUND', `找不到该账号（编号 ${input.id}）`);
    const after = {
      ...before,
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.ledgers === undefined ? {} : { ledgers: [...new Set(input.ledgers)] }),
      ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
    };
    // the office must keep one administrator who can sign in
    if (before.role === '管理员' && !before.disabled && (after.role !== '管理员' || after.disabled)) {
      const admins = core.db.prepare("SELECT count(*) FROM users WHERE role = '管理员' AND disabled = 0").pluck().get() as number;
      if (admins <= 1) throw new AppError('VALIDATION', '这是唯一可用的管理员账号，不能停用或改为其他角色；请先另设一位管理员');
    }
    core.db
      .prepare('UPDATE users SET name = ?, role = ?, ledgers = ?, disabled = ?, password = coalesce(?, password), updated_at = ? WHERE id = ?')
      .run(after.name, after.role, JSON.stringify(after.ledgers), after.disabled ? 1 : 0, hash ?? null, at, input.id);
    const changed = hash === undefined ? '' : '，重设密码';
    appendAudit(core.db, {
      at,
      actor: core.actor,
      action: '账号',
      before: described(before),
      after: described(after),
      summary: `修改账号“${after.name}”（${after.login}）${changed}`,
    });
  })();
  return publicUser(findUser(core.db, input.id)!);
}
