// Who is making the current API call, in host mode (issue 19). The host serves many colleagues through ONE core,
// so "who" cannot be a property of the core: it travels with the call (AsyncLocalStorage), set by the server
// around dispatch and read by core.actor and appendAudit. On the desktop and in loopback browser mode nothing is
// set and everything behaves as before (core.actor = the OS user and 经办人).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallUser {
  id: number;
  login: string;
  name: string;
}

const store = new AsyncLocalStorage<CallUser>();

/** Run `fn` as `user`: every audit entry written inside names them. */
export function runAs<T>(user: CallUser, fn: () => T): T {
  return store.run(user, fn);
}

/** The account making the current call, or undefined outside host mode. */
export function callUser(): CallUser | undefined {
  return store.getStore();
}
