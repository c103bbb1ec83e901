import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type IdempotentOutcome,
} from '@laoke/platform';
import {
  cardsRepository as cards,
  type Card,
  type CardReportReason,
} from '../data/cards.repository';
import { membersRepository as members } from '../data/members.repository';
import { formatCardNumber, type Member } from './member';
import type { RegisterMemberDeps } from './register-member.use-case';

const memberNotFound = () =>
  new DomainError('MEMBER_NOT_FOUND', 'no member has this id', {
    kind: 'not-found',
    field: 'memberId',
  });

/**
 * R3: the member's card is reported lost or damaged. From then on its number resolves to
 * nobody, so a found card cannot be used by someone else. Reporting again changes nothing.
 */
export async function reportCard(
  deps: RegisterMemberDeps,
  command: { brandId: string; memberId: string; reason: CardReportReason; correlationId: string },
): Promise<Card> {
  const { brandId, memberId } = command;
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    const member = await members.lockById(trx, brandId, memberId);
    if (!member) throw memberNotFound();
    const card = await cards.find(trx, brandId, member.cardNumber);
    if (!card) throw new Error(`member ${memberId} has no card row`);
    if (card.status !== 'active') return card;

    await cards.markReported(trx, card.number, command.reason, now);
    await appendToOutbox(trx, [
      createEvent({
        type: 'member.card-reported',
        brandId,
        storeId: member.homeStoreId,
        memberId,
        correlationId: command.correlationId,
        occurredAt: now,
        data: {
          memberId,
          cardNumber: card.number,
          reason: command.reason,
          reportedAt: now.toISOString(),
        },
      }),
    ]);
    return { ...card, status: 'reported', reportedReason: command.reason, reportedAt: now };
  });
}

export interface CardReplacement {
  memberId: string;
  cardNumber: string;
  previousCardNumber: string;
  issuedAt: string;
}

/** The ID number given at the counter must be the one on file (compared by keyed hash). */
function verifyIdentity(member: Member, idNumberFingerprint: string): void {
  if (member.idNumberFingerprint === null) {
    throw new DomainError(
      'IDENTITY_NOT_ON_FILE',
      'no ID number is on file for this member; add it to the profile first',
      { kind: 'rule', field: 'idNumber' },
    );
  }
  if (member.idNumberFingerprint !== idNumberFingerprint) {
    throw new DomainError('IDENTITY_NOT_VERIFIED', 'the ID number does not match the member', {
      kind: 'rule',
      field: 'idNumber',
    });
  }
}

/**
 * R3: a reported card is replaced only after the member's identity is verified against the
 * stored ID number; the new number is issued and the old one blocked for good. Idempotent per
 * Idempotency-Key, so a retried replacement does not issue a second card.
 */
export async function replaceCard(
  deps: RegisterMemberDeps,
  command: {
    brandId: string;
    memberId: string;
    idNumber: string;
    idempotencyKey: string;
    correlationId: string;
  },
): Promise<IdempotentOutcome<CardReplacement>> {
  const { brandId, memberId } = command;
  const idFingerprint = deps.pii.fingerprint(command.idNumber);
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      // The ID number itself never goes into the stored fingerprint text.
      fingerprint: fingerprintOf('replace-card', { memberId, idFingerprint }),
    },
    {
      work: async (trx) => {
        const now = deps.clock.nowFor(brandId);
        const member = await members.lockById(trx, brandId, memberId);
        if (!member) throw memberNotFound();
        verifyIdentity(member, idFingerprint);
        const card = await cards.find(trx, brandId, member.cardNumber);
        if (card?.status !== 'reported') {
          throw new DomainError(
            'CARD_NOT_REPORTED',
            'report the card lost or damaged before replacing it',
            { kind: 'rule' },
          );
        }
        const cardNumber = formatCardNumber(await members.nextCardSequence(trx));
        await cards.issue(trx, { number: cardNumber, brandId, memberId, issuedAt: now });
        await cards.block(trx, card.number, cardNumber, now);
        await members.update(trx, {
          ...member,
          cardNumber,
          version: member.version + 1,
          updatedAt: now,
        });
        await appendToOutbox(trx, [
          createEvent({
            type: 'member.card-replaced',
            brandId,
            storeId: member.homeStoreId,
            memberId,
            correlationId: command.correlationId,
            occurredAt: now,
            data: {
              memberId,
              previousCardNumber: card.number,
              cardNumber,
              replacedAt: now.toISOString(),
            },
          }),
        ]);
        return {
          memberId,
          cardNumber,
          previousCardNumber: card.number,
          issuedAt: now.toISOString(),
        };
      },
    },
  );
}

/** R3: the POS reads a card; only an active one names a member. */
export async function findMemberByCard(
  deps: Pick<RegisterMemberDeps, 'db'>,
  brandId: string,
  cardNumber: string,
): Promise<Member> {
  const member = await members.findByCardNumber(deps.db, brandId, cardNumber);
  if (!member) {
    throw new DomainError('CARD_NOT_FOUND', 'no active card has this number', {
      kind: 'not-found',
      field: 'cardNumber',
    });
  }
  return member;
}
