// The type every area module of handlers implements: one function per API method of its area(s), named by the
// method's prefix (`ledger.list` belongs to 'ledger'). ../handlers.ts spreads the areas into the one map, and the
// compiler checks that every method of domain/api.ts has exactly one handler.

import type { ApiInput, ApiMethod, ApiOutput } from '../../../domain/api';
import type { Core } from '../../core';

export type Handler<M extends ApiMethod> = (core: Core, input: ApiInput<M>) => ApiOutput<M> | Promise<ApiOutput<M>>;

/** The handlers of every method whose name starts with one of the prefixes `P`. */
export type AreaHandlers<P extends string> = { [M in Extract<ApiMethod, `${P}.${string}`>]: Handler<M> };

export type Handlers = { [M in ApiMethod]: Handler<M> };
