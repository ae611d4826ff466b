import type { IExecuteFunctions } from 'n8n-workflow';

import type { Deadline } from '../Deadline';
import type { Job } from '../job';
import type { PreparedJob } from '../JobOperation';

/** A job the engine follows: whose it is, and how long it may be waited for. */
export interface Following {
	context: IExecuteFunctions;
	prepared: PreparedJob;
	deadline: Deadline;
	/** When the submit left (the reader times its early reads from it). */
	submittedAt?: number;
}

/**
 * How a job is waited for, chosen once per execution from Wait for Completion: the submit asks
 * for what the strategy needs, and the strategy alone decides how far a job is followed.
 */
export interface Waiting {
	/** The submit asks for the job's live events (SSE). */
	readonly streams: boolean;
	/** The node stays with its jobs until they end, so a stop must cancel them. */
	readonly holdsJobs: boolean;
	/** The execution pauses until the API calls back, instead of the node waiting. */
	readonly pausesExecution: boolean;
	/** Follows a job known by id (just submitted, found again, an earlier try's) as far as this way of waiting goes. */
	followJob(following: Following, jobid: string, lastKnown?: Job): Promise<Job>;
}
