import type { ScheduledJob } from '@laoke/platform';
import {
  selectTopMembers,
  type TopMembersDeps,
} from '../domain/top-members/select-top-members.use-case';

/** R10: checks as often as `pollMs` whether a brand's day to choose last year's top members came. */
export const topMembersJob = (deps: TopMembersDeps & { pollMs: number }): ScheduledJob => ({
  name: 'top-members-selection',
  intervalMs: deps.pollMs,
  run: () => selectTopMembers(deps),
});
