import { readUntilFinal } from './pollWaiting';
import { followEachJob } from './followEachJob';
import type { Waiting } from './Waiting';

/**
 * Stream Progress: the submit asks for the job's live events (runJob follows them); a job known
 * only by id, or whose stream ended early, is read until final by the Poll reader.
 */
export const streamWaiting: Waiting = {
	streams: true,
	runBatch: async (batch) => await followEachJob(batch, { holdsJobs: true }),
	followJob: readUntilFinal,
};
