import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobApi } from '../../apis/JobApi';
import type { Deadline } from '../Deadline';
import type { Job } from '../job';
import type { JobOperation, PreparedJob } from '../JobOperation';
import type { JobSettings } from '../jobSettings';

/** A job the engine follows: whose it is, and how long it may be waited for. */
export interface Following {
	context: IExecuteFunctions;
	prepared: PreparedJob;
	deadline: Deadline;
	/** When the accepted submit's answer came (the reader times its early reads from it). */
	submittedAt?: number;
}

/** The items of one node run, validated and ready to submit. */
export interface Batch {
	context: IExecuteFunctions;
	api: JobApi;
	operation: JobOperation;
	jobs: PreparedJob[];
	/** Each input item's output so far (items that failed validation under Continue On Fail). */
	results: INodeExecutionData[][];
	/** How many jobs may run at once. */
	concurrency: number;
}

/**
 * How jobs are waited for, chosen once per execution from Wait for Completion: it runs the
 * batch (submits, waits, outputs), the submit asks for what it needs, and it alone decides how
 * far a job is followed.
 */
export interface Waiting {
	/** The submit asks for the job's live events (SSE). */
	readonly streams: boolean;
	/**
	 * Refuses settings this way of waiting cannot honour; `fail` makes the item's error.
	 * `forModel`: the node runs as an AI Agent's tool.
	 */
	checkSettings?(
		settings: JobSettings,
		fail: (message: string, fix: string) => Error,
		run: { forModel: boolean },
	): void;
	/** Runs every item's job and returns the node's output items, in input order. */
	runBatch(batch: Batch): Promise<INodeExecutionData[]>;
	/** Follows a job known by id (just submitted, found again, an earlier try's) as far as this way of waiting goes. */
	followJob(following: Following, jobid: string, lastKnown?: Job): Promise<Job>;
}
