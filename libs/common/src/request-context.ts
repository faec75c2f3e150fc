import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting, carried through async calls so the audit trail needs no extra arguments. */
export interface RequestContext {
  requestId?: string;
  actorUserId?: string;
  actorName?: string;
  actorCityId?: string | null;
  /** Reason given for the change being made, copied into its audit entries. */
  reason?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  /** Runs `fn` with a change reason recorded on every audit entry it causes. */
  withReason<T>(reason: string | undefined, fn: () => T): T {
    const store = storage.getStore();
    return reason ? storage.run({ ...store, reason }, fn) : fn();
  },
  /**
   * Runs `fn` with its audit entries filed under this city: a platform operator acting on a city
   * has no city of their own, and the city's administrators should find the change in their log.
   */
  withCity<T>(cityId: string, fn: () => T): T {
    return storage.run({ ...storage.getStore(), actorCityId: cityId }, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Fills in the actor once authentication has identified them. */
  setActor(userId: string, name: string, cityId: string | null): void {
    const store = storage.getStore();
    if (store) {
      store.actorUserId = userId;
      store.actorName = name;
      store.actorCityId = cityId;
    }
  },
};
