import { createServiceClient, DomainError, type ServiceCall } from '@laoke/platform';

/** Asks the members service whether a member exists in the caller's brand. */
export function createMembersClient(baseUrl: string) {
  const members = createServiceClient({ service: 'members', baseUrl });
  return {
    async exists(memberId: string, call: ServiceCall): Promise<boolean> {
      const answer = await members.get(`/v1/members/${encodeURIComponent(memberId)}`, call);
      if (answer.status === 200) return true;
      if (answer.status === 404) return false;
      throw new DomainError('MEMBERS_UNAVAILABLE', 'members cannot be checked now; retry later', {
        kind: 'unavailable',
      });
    },
  };
}

export type MembersClient = ReturnType<typeof createMembersClient>;
