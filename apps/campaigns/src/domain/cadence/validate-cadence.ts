import { DomainError } from '@laoke/platform';
import { FALLBACK_SUFFIX, type CadenceDefinition } from './cadence-definition';

const invalid = (code: string, message: string, field: string) =>
  new DomainError(code, message, { kind: 'invalid', field });

/** Rules a definition must keep beyond its schema; the first broken one names its field. */
export function validateCadence(definition: CadenceDefinition): void {
  const seen = new Set<string>();
  definition.steps.forEach((step, i) => {
    if (seen.has(step.step) || step.step.endsWith(FALLBACK_SUFFIX)) {
      throw invalid(
        'INVALID_STEP_NAME',
        `step names are unique and do not end in ${FALLBACK_SUFFIX}`,
        `steps[${i}].step`,
      );
    }
    seen.add(step.step);
    if (step.repeat && step.repeat.count === undefined && step.repeat.endAfter === undefined) {
      throw invalid('OPEN_ENDED_REPEAT', 'a repeat needs a count or an end', `steps[${i}].repeat`);
    }
    if (step.onNotReached && step.action.kind !== 'task') {
      throw invalid(
        'BRANCH_WITHOUT_TASK',
        'only a task step has an outcome to branch on',
        `steps[${i}].onNotReached`,
      );
    }
  });
}
