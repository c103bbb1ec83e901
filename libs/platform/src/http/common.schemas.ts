import { Type } from 'typebox';

/** Set by the gateway from the caller's API key; services scope every query by it. */
export const BrandScopeHeaders = Type.Object({
  'x-laoke-brand-id': Type.String({ minLength: 1, maxLength: 64 }),
});

export const ProblemResponse = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    ),
  },
  { additionalProperties: true },
);

/** The error responses every route may give, for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ProblemResponse]));
