import type { BrandClock, Database, PageRequest } from '@laoke/platform';
import { DateTime } from 'luxon';
import {
  staffTasksRepository as tasks,
  type StaffTask,
  type TaskView,
} from '../../data/staff-tasks.repository';

export interface StoreTasksDeps {
  db: Database;
  clock: BrandClock;
  timeZone: string;
}

/** `today`: open tasks due before the coming local midnight; `overdue`: due before today began. */
export type StoreTasksView = 'today' | 'overdue' | 'open';

function viewAt(view: StoreTasksView, now: Date, timeZone: string): TaskView {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  if (view === 'today') return { kind: 'due-by', until: today.plus({ days: 1 }).toJSDate() };
  if (view === 'overdue') return { kind: 'overdue', before: today.toJSDate() };
  return { kind: 'open' };
}

/** One page of a store's (or one associate's) open tasks, in due order. */
export async function storeTasks(
  deps: StoreTasksDeps,
  query: { brandId: string; storeId: string; assigneeId?: string; view: StoreTasksView },
  page: PageRequest,
): Promise<StaffTask[]> {
  const view = viewAt(query.view, deps.clock.nowFor(query.brandId), deps.timeZone);
  return tasks.listForStore(deps.db, query, view, page);
}
