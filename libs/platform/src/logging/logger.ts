import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/**
 * Personal data never reaches the logs: these paths are censored wherever they appear in
 * a logged object, including request bodies and headers.
 */
export const REDACTED_PATHS = [
  'mobile',
  '*.mobile',
  '*.*.mobile',
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'address',
  '*.address',
  '*.*.address',
  'email',
  '*.email',
  '*.*.email',
  'to',
  '*.to',
  'req.headers["x-api-key"]',
  'req.headers.authorization',
  'headers["x-api-key"]',
  'headers.authorization',
  'req.headers["x-laoke-internal-token"]',
  'headers["x-laoke-internal-token"]',
];

/** A URL as logged: the path only, since a query string may carry personal data. */
export const withoutQuery = (url: string | undefined) => url?.split('?')[0];

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** Fastify's request log line, without the query string. */
const requestSerializer = (req: LoggedRequest) => ({
  method: req.method,
  url: withoutQuery(req.url),
  remoteAddress: req.ip,
});

export function loggerOptions(service: string, level: string): LoggerOptions {
  return {
    name: service,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
}

/** Standard output unless given another destination (a test that reads every line written). */
export const createLogger = (
  service: string,
  level = 'info',
  destination?: DestinationStream,
): Logger =>
  destination
    ? pino(loggerOptions(service, level), destination)
    : pino(loggerOptions(service, level));

export type { DestinationStream, Logger };
