import { readUntilFinal } from './pollWaiting';
import type { Waiting } from './Waiting';

/**
 * Stream Progress: the submit asks for the job's live events (runJob follows them); a job known
 * only by id, or whose stream ended early, is read until final by the Poll reader.
 */
export const streamWaiting: Waiting = {
	streams: true,
	holdsJobs: true,
	pausesExecution: false,
	followJob: readUntilFinal,
};
