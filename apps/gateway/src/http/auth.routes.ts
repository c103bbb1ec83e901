import { ProblemError, problemResponses, type HttpApp } from '@laoke/platform';
import { Type } from 'typebox';
import type { StaffAccount } from '../data/staff-accounts.repository';
import { createStaffAccount } from '../domain/staff-accounts.use-case';
import {
  logIn,
  logOut,
  refresh,
  type StaffLoginDeps,
  type Tokens,
} from '../domain/staff-login.use-case';
import { MANAGE_CREDENTIALS, callerOf } from './api-clients.routes';
import {
  CreateStaffAccountBody,
  LoginBody,
  RefreshBody,
  StaffAccountResponse,
  TokensResponse,
} from './credentials.schemas';

const tags = ['credentials'];
/** Log-in, refresh and log-out carry their own proof (a password, a refresh token). */
const config = { public: true };

const tokensView = (tokens: Tokens) => ({ ...tokens, tokenType: 'Bearer' as const });

const present = (account: StaffAccount) => ({
  staffAccountId: account.id,
  username: account.username,
  role: account.role,
  storeId: account.storeId,
  createdAt: account.createdAt.toISOString(),
});

/** Staff log-in: accounts, access and refresh tokens, lockout after repeated wrong passwords. */
export function registerAuthRoutes(app: HttpApp, deps: StaffLoginDeps): void {
  app.post(
    '/v1/auth/login',
    {
      config,
      schema: {
        tags,
        operationId: 'logIn',
        summary: 'Log a staff member in: a short-lived access token and a refresh token',
        security: [],
        body: LoginBody,
        response: { 200: TokensResponse, ...problemResponses(401, 423) },
      },
    },
    async (request, reply) => {
      const result = await logIn(deps, request.body.username, request.body.password);
      if (result.outcome === 'logged-in') return tokensView(result.tokens);
      if (result.outcome === 'refused')
        throw new ProblemError(401, 'INVALID_CREDENTIALS', 'the username or password is wrong');
      const seconds = Math.ceil((result.until.getTime() - deps.clock.now().getTime()) / 1000);
      reply.header('retry-after', String(Math.max(seconds, 1)));
      throw new ProblemError(
        423,
        'ACCOUNT_LOCKED',
        `too many wrong passwords: the account is locked until ${result.until.toISOString()}`,
      );
    },
  );

  app.post(
    '/v1/auth/refresh',
    {
      config,
      schema: {
        tags,
        operationId: 'refreshTokens',
        summary: 'New tokens for a refresh token; each refresh token works once',
        security: [],
        body: RefreshBody,
        response: { 200: TokensResponse, ...problemResponses(401) },
      },
    },
    async (request) => {
      const tokens = await refresh(deps, request.body.refreshToken);
      if (!tokens)
        throw new ProblemError(401, 'INVALID_REFRESH_TOKEN', 'the refresh token is not valid');
      return tokensView(tokens);
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      config,
      schema: {
        tags,
        operationId: 'logOut',
        summary: 'End the log-in the refresh token belongs to (its access tokens expire soon)',
        security: [],
        body: RefreshBody,
        response: { 204: Type.Null({ $id: 'LoggedOut', description: 'Logged out: no body' }) },
      },
    },
    async (request, reply) => {
      await logOut(deps, request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/staff-accounts',
    {
      config: { access: MANAGE_CREDENTIALS },
      schema: {
        tags,
        operationId: 'createStaffAccount',
        summary: 'A log-in for a staff member of the brand, with one role',
        body: CreateStaffAccountBody,
        response: { 201: StaffAccountResponse, ...problemResponses(403, 409) },
      },
    },
    async (request, reply) => {
      const account = await createStaffAccount(deps, callerOf(request), request.body);
      return reply.status(201).send(present(account));
    },
  );
}
