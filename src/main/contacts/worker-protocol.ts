// What the engine (run-in-worker.ts) and the import thread (worker.ts) say to each other: plain
// data, structured-cloned. A plan's rows never cross: the thread that made a plan keeps it under a
// key, and the report's pages, the report file and the commit name it by that key.
import type { PlanRowFilter } from '../../shared/api-contacts';
import type {
  ContactsResult,
  ImportMapping,
  ImportOptions,
  ImportOutcome,
  ImportPlanSummary,
  ImportPreview,
  ImportProgress,
  PlannedRowPage,
} from './types';

type Step = { storeDir: string; maxRows?: number };

/** Planning a file: what the thread is asked again when the plan it made is gone. */
export type PlanRequest = Step & {
  op: 'plan';
  file: string;
  mapping: ImportMapping;
  options: ImportOptions;
  /** How the report names the file, when not by its path (an upload's private copy). */
  label?: string;
};

/** One wizard step for the import thread, with the store folder it opens. */
export type WorkerRequest =
  | (Step & { op: 'preview'; file: string; sheetIndex?: number })
  | PlanRequest
  | (Step & { op: 'rows'; plan: ImportPlanSummary; filter: PlanRowFilter; offset: number; limit: number })
  | (Step & { op: 'report'; plan: ImportPlanSummary; target: string })
  | (Step & { op: 'commit'; plan: ImportPlanSummary });

/** What each step resolves to. */
export interface WorkerResults {
  preview: ImportPreview;
  plan: ImportPlanSummary;
  rows: PlannedRowPage;
  /** The report was written to the target. */
  report: null;
  commit: ImportOutcome;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type NamingAPlan = Extract<WorkerRequest, { plan: ImportPlanSummary }>;

/** A step as posted to the thread: the plan it is about goes by the key the thread keeps it under. */
export type WireRequest = Exclude<WorkerRequest, NamingAPlan> | (DistributiveOmit<NamingAPlan, 'plan'> & { planKey: string });

/** Messages from the thread, each about the request of that id. */
export type WorkerMessage =
  | { id: number; type: 'progress'; progress: ImportProgress }
  /** kept: for a plan, the key the thread keeps it under and what it decided (plan-digest.ts). */
  | { id: number; type: 'done'; result: ContactsResult<unknown>; kept?: { key: string; digest: string } }
  /** The thread does not hold the plan named (it was forgotten): make it again. */
  | { id: number; type: 'plan-missing' };
