// API handlers for the accounts of office mode (issue 19): core/accounts.ts. Who may call them: domain/access.ts.
import { createUser, listUsers, updateUser } from '../../accounts';
import type { AreaHandlers } from './area';

export const usersHandlers: AreaHandlers<'users'> = {
  'users.list': (core) => ({ users: listUsers(core.db) }),
  'users.create': (core, input) => createUser(core, input),
  'users.update': (core, input) => updateUser(core, input),
};
