import { Closed, Identifier, Text, Uuid } from '@laoke/platform';
import { Type } from 'typebox';
import { SCOPES, STAFF_ROLES } from '../domain/roles';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Instant = () => Type.String({ format: 'date-time' });

export const ApiClientParams = Closed({ apiClientId: Uuid() });

const Scope = Type.Union(
  SCOPES.map((scope) => Type.Literal(scope)),
  { description: 'What an integration key may do' },
);

export const CreateApiClientBody = Type.Union(
  [
    Closed({
      kind: Type.Literal('pos-device'),
      name: Text({ maxLength: 100 }),
      storeId: Identifier({ description: 'The one store of the brand this POS stands for' }),
    }),
    Closed({
      kind: Type.Literal('integration'),
      name: Text({ maxLength: 100 }),
      scopes: Type.Array(Scope, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    }),
  ],
  {
    $id: 'NewApiClient',
    description: 'A POS device key bound to one store, or an integration key with scopes',
  },
);

const apiClientProperties = {
  apiClientId: Type.String({ format: 'uuid' }),
  kind: Type.Union([Type.Literal('pos-device'), Type.Literal('integration')]),
  name: Type.String(),
  storeId: Nullable(Type.String()),
  scopes: Type.Array(Type.String()),
  createdBy: Type.String({ description: 'The credential that created it' }),
  createdAt: Instant(),
  rotatedAt: Nullable(Instant()),
  revokedAt: Nullable(Instant()),
};

export const ApiClientResponse = Type.Object(apiClientProperties, { $id: 'ApiClient' });

export const IssuedApiKeyResponse = Type.Object(
  {
    ...apiClientProperties,
    key: Type.String({ description: 'The API key (x-api-key): shown this once, never again' }),
  },
  { $id: 'IssuedApiKey' },
);

export const LoginBody = Closed(
  { username: Identifier({ maxLength: 64 }), password: Text({ maxLength: 200 }) },
  { $id: 'LoginRequest' },
);

export const RefreshBody = Closed(
  { refreshToken: Identifier({ maxLength: 100 }) },
  { $id: 'RefreshTokenRequest' },
);

export const TokensResponse = Type.Object(
  {
    accessToken: Type.String({ description: 'Send as `authorization: Bearer <accessToken>`' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'Seconds the access token is valid' }),
    refreshToken: Type.String({ description: 'Works once, for new tokens' }),
    refreshExpiresIn: Type.Integer(),
  },
  { $id: 'StaffTokens' },
);

export const CreateStaffAccountBody = Closed(
  {
    username: Identifier({ maxLength: 64 }),
    password: Text({ minLength: 12, maxLength: 200 }),
    role: Type.Union(STAFF_ROLES.map((role) => Type.Literal(role))),
    storeId: Type.Optional(Identifier({ description: 'Required for store-manager and associate' })),
  },
  { $id: 'NewStaffAccount' },
);

export const StaffAccountResponse = Type.Object(
  {
    staffAccountId: Type.String({ format: 'uuid' }),
    username: Type.String(),
    role: Type.String(),
    storeId: Nullable(Type.String()),
    createdAt: Instant(),
  },
  { $id: 'StaffAccount' },
);
