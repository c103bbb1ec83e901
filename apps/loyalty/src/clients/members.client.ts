import { DomainError } from '@laoke/platform';

export interface MemberSummary {
  memberId: string;
  homeStoreId: string;
  registeredAt: string;
}

/** Asks the members service over HTTP; used only when the local projection has not caught up. */
export function createMembersClient(baseUrl: string) {
  return {
    async find(
      brandId: string,
      memberId: string,
      requestId: string,
    ): Promise<MemberSummary | undefined> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/v1/members/${encodeURIComponent(memberId)}`, {
          headers: { 'x-laoke-brand-id': brandId, 'x-request-id': requestId },
          signal: AbortSignal.timeout(5_000),
        });
      } catch {
        throw new DomainError('MEMBERS_UNAVAILABLE', 'members cannot be checked now; retry later', {
          kind: 'unavailable',
        });
      }
      if (response.status === 404) return undefined;
      if (!response.ok) {
        throw new DomainError('MEMBERS_UNAVAILABLE', 'members cannot be checked now; retry later', {
          kind: 'unavailable',
        });
      }
      return (await response.json()) as MemberSummary;
    },
  };
}

export type MembersClient = ReturnType<typeof createMembersClient>;
