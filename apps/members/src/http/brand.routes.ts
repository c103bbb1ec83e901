import { Type } from 'typebox';
import {
  BrandScopeHeaders,
  IdempotencyKeyHeader,
  problemResponses,
  replyIdempotent,
  type BrandAwareClock,
  type BrandClock,
  type Database,
  type HttpApp,
} from '@laoke/platform';
import {
  advanceBrandClock,
  getBrandClock,
  setBrandClock,
  type BrandClockView,
} from '../domain/organisation/brand-clock.use-case';
import { getBrand, putBrand } from '../domain/organisation/brand-settings.use-case';
import type { Brand } from '../domain/organisation/organisation';
import {
  AdvanceBrandClockBody,
  BrandClockResponse,
  BrandResponse,
  PutBrandBody,
  SetBrandClockBody,
} from './organisation.schemas';

const toBrandResponse = (brand: Brand) => ({
  brandId: brand.id,
  name: brand.name,
  timeZone: brand.timeZone,
  defaultLocale: brand.defaultLocale,
  smsSignature: brand.smsSignature,
  programmeSettings: brand.programmeSettings,
  sandbox: brand.sandbox,
  createdAt: brand.createdAt.toISOString(),
  updatedAt: brand.updatedAt.toISOString(),
});

const toClockResponse = (clock: BrandClockView) => ({ ...clock, now: clock.now.toISOString() });

export function registerBrandRoutes(
  app: HttpApp,
  deps: { db: Database; clock: BrandClock; brandClock: BrandAwareClock },
): void {
  app.put(
    '/v1/brand',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'putBrand',
        summary: "Set the caller's brand: time zone, locale, SMS signature, programme (R12)",
        headers: BrandScopeHeaders,
        body: PutBrandBody,
        response: { 200: BrandResponse, 201: BrandResponse, ...problemResponses(400, 422) },
      },
    },
    async (request, reply) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const { brand, created } = await putBrand(deps, brandId, request.body, request.id);
      return reply.status(created ? 201 : 200).send(toBrandResponse(brand));
    },
  );

  app.get(
    '/v1/brand',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'getBrand',
        summary: "The caller's brand settings",
        headers: BrandScopeHeaders,
        response: { 200: BrandResponse, ...problemResponses(404) },
      },
    },
    async (request) => toBrandResponse(await getBrand(deps, request.headers['x-laoke-brand-id'])),
  );

  app.get(
    '/v1/brand/clock',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'getBrandClock',
        summary: "The brand's now: real time, or a sandbox brand's set clock",
        headers: BrandScopeHeaders,
        response: { 200: BrandClockResponse, ...problemResponses(404) },
      },
    },
    async (request) =>
      toClockResponse(await getBrandClock(deps, request.headers['x-laoke-brand-id'])),
  );

  app.put(
    '/v1/brand/clock',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'setBrandClock',
        summary: "Set a sandbox brand's clock; it never moves backwards (422)",
        headers: BrandScopeHeaders,
        body: SetBrandClockBody,
        response: { 200: BrandClockResponse, ...problemResponses(404, 422) },
      },
    },
    async (request) =>
      toClockResponse(
        await setBrandClock(
          deps,
          request.headers['x-laoke-brand-id'],
          new Date(request.body.frozenAt),
          request.id,
        ),
      ),
  );

  app.post(
    '/v1/brand/clock/advance',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'advanceBrandClock',
        summary: "Move a sandbox brand's clock forward by seconds or an ISO-8601 duration",
        headers: Type.Object({ ...BrandScopeHeaders.properties, ...IdempotencyKeyHeader }),
        body: AdvanceBrandClockBody,
        response: { 200: BrandClockResponse, ...problemResponses(404, 422) },
      },
    },
    async (request, reply) => {
      const outcome = await advanceBrandClock(deps, {
        brandId: request.headers['x-laoke-brand-id'],
        by: request.body.by,
        idempotencyKey: request.headers['idempotency-key'],
        correlationId: request.id,
      });
      return replyIdempotent(reply, 200, {
        ...outcome,
        result: toClockResponse(outcome.result),
      });
    },
  );
}
