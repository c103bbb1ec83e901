import { createServiceClient, type ServiceCall } from '@laoke/platform';

export interface MemberSummary {
  memberId: string;
  homeStoreId: string;
  registeredAt: string;
  birthday?: string | null;
}

/** Asks the members service over HTTP; used only when the local projection has not caught up. */
export function createMembersClient(
  baseUrl: string,
  caller: { service: string; internalTokenSecret: string },
) {
  const members = createServiceClient({ service: 'members', baseUrl, caller });
  return {
    find: async (memberId: string, call: ServiceCall) =>
      (await members.find(`/v1/members/${encodeURIComponent(memberId)}`, call)) as
        MemberSummary | undefined,
    /** The member with this card number or mobile, as the POS knows them; undefined if none. */
    findBy: async (criteria: { cardNumber: string } | { mobile: string }, call: ServiceCall) =>
      (await members.search('/v1/members/search', criteria, call)) as MemberSummary | undefined,
    /** Whether the brand has this store (its id or code). */
    storeExists: async (store: string, call: ServiceCall) =>
      (await members.find(`/v1/stores/${encodeURIComponent(store)}`, call)) !== undefined,
  };
}

export type MembersClient = ReturnType<typeof createMembersClient>;
