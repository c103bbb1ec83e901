/**
 * Why a use case refused: the HTTP edge turns each kind into one status (see
 * docs/api-conventions.md), so the domain never speaks HTTP.
 * - invalid: a value that can never be right (a birthday in the future)
 * - not-found: the resource the request is about does not exist
 * - unknown-reference: the request names another resource that does not exist
 * - conflict: the request clashes with an existing resource
 * - rule: well-formed, but a business rule refuses it now
 * - unavailable: a dependency cannot answer; the same request may succeed later
 * - stale: the caller changed a version of the resource that is no longer the current one
 */
export type DomainErrorKind =
  'invalid' | 'not-found' | 'unknown-reference' | 'conflict' | 'rule' | 'unavailable' | 'stale';

/** The resource a conflict is with, so the caller can go on with it. */
export interface ExistingResource {
  /** Singular noun, e.g. `member`; its collection is the plural under /v1. */
  type: string;
  id: string;
}

export interface DomainErrorDetails {
  kind: DomainErrorKind;
  /** The input at fault, as a JSON property path (`lines[0].sku`) or a lower-case header name. */
  field?: string;
  existing?: ExistingResource;
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly field?: string;
  readonly existing?: ExistingResource;

  /** `code` is stable (UPPER_SNAKE); `message` is for a person and carries no personal data. */
  constructor(
    readonly code: string,
    message: string,
    details: DomainErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = details.kind;
    if (details.field !== undefined) this.field = details.field;
    if (details.existing !== undefined) this.existing = details.existing;
  }
}
