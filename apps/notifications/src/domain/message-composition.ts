import type { NotificationCategory } from '@laoke/contracts';
import { PermanentEventError } from '@laoke/platform';

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** The request lacks a value its template needs; asking again brings the same request. */
export class MissingVariableError extends PermanentEventError {}

/** Fills `{{name}}` placeholders; a missing value is an error, never an empty gap in a message. */
export function renderTemplate(body: string, variables: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new MissingVariableError(`template needs variable "${name}"`);
    return value;
  });
}

/**
 * Messages in China carry the brand signature; marketing also carries the opt-out line
 * (domain brief, rules of the trade).
 */
export function composeSms(
  text: string,
  category: NotificationCategory,
  signature: string,
): string {
  const optOut = category === 'marketing' ? ' 回T退订' : '';
  return `${signature}${text}${optOut}`;
}
