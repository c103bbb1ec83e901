import type { NotificationCategory } from '@laoke/contracts';
import { PermanentEventError } from '@laoke/platform';
import { Liquid } from 'liquidjs';

/** The request lacks a value its template needs; asking again brings the same request. */
export class MissingVariableError extends PermanentEventError {}

// Strict: a missing variable or an unknown filter is an error, never a blank in a message.
const liquid = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });

/** Variables every template may use without declaring them: the projection knows them. */
export const BUILT_IN_VARIABLES = ['memberName'];

/** Renders a LiquidJS template; a variable the request does not give is an error. */
export function renderTemplate(body: string, variables: Record<string, string>): string {
  try {
    return liquid.parseAndRenderSync(body, variables) as string;
  } catch (error) {
    throw new MissingVariableError(`template cannot be rendered: ${(error as Error).message}`);
  }
}

/** The variables a template reads; throws when it is not valid Liquid. */
export const variablesOf = (body: string): string[] => liquid.globalVariablesSync(body);

const ONE_SEGMENT = 70;
const PER_PART = 67;

export interface ComposedSms {
  text: string;
  /** Characters as the operator counts them (code points); 70 fit one SMS, 67 per part beyond. */
  length: number;
  segments: number;
}

export const smsSegments = (length: number) =>
  length <= ONE_SEGMENT ? 1 : Math.ceil(length / PER_PART);

/**
 * Messages in China carry the brand signature; marketing also ends with the provider's opt-out
 * text (domain brief, rules of the trade).
 */
export function composeSms(
  text: string,
  category: NotificationCategory,
  sms: { signature: string; optOutText: string },
): ComposedSms {
  const optOut = category === 'marketing' ? sms.optOutText : '';
  const full = `${sms.signature}${text}${optOut}`;
  const length = [...full].length;
  return { text: full, length, segments: smsSegments(length) };
}
