import { createServiceClient, DomainError, type ServiceCall } from '@laoke/platform';

export interface MemberSummary {
  memberId: string;
  homeStoreId: string;
  registeredAt: string;
}

/** Asks the members service over HTTP; used only when the local projection has not caught up. */
export function createMembersClient(baseUrl: string) {
  const members = createServiceClient({ service: 'members', baseUrl });
  return {
    async find(memberId: string, call: ServiceCall): Promise<MemberSummary | undefined> {
      const answer = await members.get(`/v1/members/${encodeURIComponent(memberId)}`, call);
      if (answer.status === 404) return undefined;
      if (answer.status !== 200) {
        throw new DomainError('MEMBERS_UNAVAILABLE', 'members cannot be checked now; retry later', {
          kind: 'unavailable',
        });
      }
      return answer.body as MemberSummary;
    },
  };
}

export type MembersClient = ReturnType<typeof createMembersClient>;
