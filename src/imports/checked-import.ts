import type { Message } from '../common/messages';

/** A problem with the file as a whole (a missing column, no known sheet): nothing can be imported from it. */
export class FileRefused extends Error {
  constructor(readonly said: Message) {
    super(said.key);
  }
}

/**
 * A file staged and checked inside the import's transaction, row by row, by the API's rules. Checking
 * an onboarding set writes its records as it goes (later rows need the earlier ones); what becomes of
 * those writes is decided afterwards, the outcomes of the rows being kept either way.
 */
export interface CheckedImport {
  /** How many rows are refused. */
  refused(): Promise<number>;
  /** Undoes the records written while checking and keeps the rows' outcomes: a dry run, or an all-or-nothing import refused. */
  discardWrites(): Promise<void>;
  /** Keeps the records written while checking: the confirmed import. */
  keepWrites(): Promise<void>;
}

/** Progress shown to the user while the job runs, 0..100. */
export type Progress = (percent: number) => void;
