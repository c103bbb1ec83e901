import {
  BrandScopeHeaders,
  Closed,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import type { Staff } from '../domain/organisation/organisation';
import {
  getStaff,
  listStaff,
  saveStaff,
  staffLeaves,
  type StaffDeps,
} from '../domain/organisation/staff.use-case';
import {
  HireStaffBody,
  StaffListQuery,
  StaffResponse,
  UpdateStaffBody,
} from './organisation.schemas';

const StaffParams = Closed({ staffId: Uuid() });

const present = (staff: Staff) => ({
  staffId: staff.id,
  name: staff.name,
  role: staff.role,
  storeId: staff.storeId,
  regionId: staff.regionId,
  mobile: staff.mobileMasked,
  status: staff.status,
  leftAt: staff.leftAt?.toISOString() ?? null,
  createdAt: staff.createdAt.toISOString(),
  updatedAt: staff.updatedAt.toISOString(),
});

/** R12/R2: the brand's staff, their roles and stores, and their departure. */
export function registerStaffRoutes(app: HttpApp, deps: StaffDeps): void {
  app.post(
    '/v1/staff',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'hireStaff',
        summary: 'Add a staff member: brand admin, region or store manager, associate, officer',
        headers: BrandScopeHeaders,
        body: HireStaffBody,
        response: { 201: StaffResponse, ...problemResponses(422) },
      },
    },
    async (request, reply) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const { staff } = await saveStaff(deps, brandId, request.body, request.id);
      return reply.status(201).send(present(staff));
    },
  );

  app.put(
    '/v1/staff/:staffId',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'updateStaff',
        summary: "Change a staff member's name, role, store or region (or mobile)",
        headers: BrandScopeHeaders,
        params: StaffParams,
        body: UpdateStaffBody,
        response: { 200: StaffResponse, ...problemResponses(404, 422) },
      },
    },
    async (request) => {
      const brandId = request.headers['x-laoke-brand-id'];
      const { staffId } = request.params;
      return present((await saveStaff(deps, brandId, request.body, request.id, staffId)).staff);
    },
  );

  app.post(
    '/v1/staff/:staffId/leave',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'staffLeaves',
        summary:
          'Mark a staff member as left (R2); emits staff.left once, a repeat changes nothing',
        headers: BrandScopeHeaders,
        params: StaffParams,
        response: { 200: StaffResponse, ...problemResponses(404) },
      },
    },
    async (request) =>
      present(
        (
          await staffLeaves(
            deps,
            request.headers['x-laoke-brand-id'],
            request.params.staffId,
            request.id,
          )
        ).staff,
      ),
  );

  app.get(
    '/v1/staff/:staffId',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'getStaff',
        summary: 'A staff member of the brand, mobile masked',
        headers: BrandScopeHeaders,
        params: StaffParams,
        response: { 200: StaffResponse, ...problemResponses(404) },
      },
    },
    async (request) =>
      present(await getStaff(deps, request.headers['x-laoke-brand-id'], request.params.staffId)),
  );

  app.get(
    '/v1/staff',
    {
      schema: {
        tags: ['organisation'],
        operationId: 'listStaff',
        summary: "The brand's staff, oldest first, by store, role or status",
        headers: BrandScopeHeaders,
        querystring: StaffListQuery,
        response: { 200: pageOf(StaffResponse) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = pageRequest({ limit, cursor });
      const staff = await listStaff(deps, request.headers['x-laoke-brand-id'], filter, page);
      return toPage(
        staff,
        page.limit,
        (s) => ({ key: s.createdAt.toISOString(), id: s.id }),
        present,
      );
    },
  );
}
