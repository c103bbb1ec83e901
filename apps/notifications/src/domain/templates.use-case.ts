import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import { brandPoliciesRepository as brandPolicies } from '../data/brand-policies.repository';
import {
  templatesRepository as templates,
  type Template,
  type TemplateId,
} from '../data/templates.repository';
import { BUILT_IN_VARIABLES, variablesOf } from './message-composition';
import { effectivePolicy, type BrandPolicy, type PolicyDefaults } from './notification-policy';

export interface TemplatesDeps {
  db: Database;
  clock: BrandClock;
  policyDefaults: PolicyDefaults;
}

export type TemplateInput = Pick<Template, 'category' | 'body' | 'variables'>;

function readVariables(body: string): string[] {
  try {
    return variablesOf(body);
  } catch (error) {
    throw new DomainError(
      'TEMPLATE_INVALID',
      `body is not a valid template: ${(error as Error).message}`,
      {
        kind: 'invalid',
        field: 'body',
      },
    );
  }
}

/**
 * R5: holiday, season and other care messages must not promote. A care template is refused when
 * it reads or declares a variable the brand calls promotional, or its text matches one of the
 * brand's promotional patterns (prices, coupon codes, links).
 */
function promotionIn(policy: BrandPolicy, input: TemplateInput, used: string[]) {
  const promotional = new Set(policy.promotional.variables.map((v) => v.toLowerCase()));
  const variable = [...used, ...input.variables.map((v) => v.name)].find((name) =>
    promotional.has(name.toLowerCase()),
  );
  if (variable) return { field: 'body', what: `the promotional variable "${variable}"` };
  const pattern = policy.promotional.patterns.find((p) => new RegExp(p, 'iu').test(input.body));
  return pattern
    ? { field: 'body', what: `text matching the promotional pattern /${pattern}/` }
    : undefined;
}

/** Creates or replaces a brand's template; true when it is new. */
export async function saveTemplate(
  deps: TemplatesDeps,
  brandId: string,
  id: TemplateId,
  input: TemplateInput,
): Promise<{ template: Template; created: boolean }> {
  const used = readVariables(input.body);
  const declared = new Set([...BUILT_IN_VARIABLES, ...input.variables.map((v) => v.name)]);
  const undeclared = used.filter((name) => !declared.has(name));
  if (undeclared.length > 0)
    throw new DomainError(
      'TEMPLATE_VARIABLE_UNDECLARED',
      `body uses variables not declared in variables: ${undeclared.join(', ')}`,
      { kind: 'invalid', field: 'body' },
    );
  const policy = effectivePolicy(deps.policyDefaults, await brandPolicies.find(deps.db, brandId));
  const promotion = input.category === 'care' ? promotionIn(policy, input, used) : undefined;
  if (promotion)
    throw new DomainError(
      'CARE_TEMPLATE_PROMOTES',
      `a care template must not promote (R5), but it uses ${promotion.what}`,
      { kind: 'rule', field: promotion.field },
    );
  const template: Template = {
    brandId,
    ...id,
    ...input,
    updatedAt: deps.clock.nowFor(brandId),
  };
  const created = await templates.save(deps.db, template);
  return { template, created };
}

const notFound = () =>
  new DomainError(
    'TEMPLATE_NOT_FOUND',
    'the brand has no template with this key, channel and locale',
    {
      kind: 'not-found',
      field: 'key',
    },
  );

export async function findTemplate(deps: TemplatesDeps, brandId: string, id: TemplateId) {
  const template = await templates.find(deps.db, brandId, id);
  if (!template) throw notFound();
  return template;
}

export async function removeTemplate(deps: TemplatesDeps, brandId: string, id: TemplateId) {
  const template = await findTemplate(deps, brandId, id);
  if (!(await templates.remove(deps.db, brandId, id))) throw notFound();
  return template;
}
