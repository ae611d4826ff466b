import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Deadline } from '../engine/Deadline';
import type { JobIdFormat } from '../engine/JobIdFormat';
import type { Job } from '../engine/job';
import type { PreparedJob } from '../engine/JobOperation';
import type { ByteStream, HttpMethod } from '../transport/types';
import type { ApiEndpoint } from '../transport/ApiEndpoint';

/** What a job's live stream told before it ended, for whatever reason it ended. */
export interface StreamOutcome {
	jobid?: string;
	/** The newest job state the stream carried. */
	job?: Job;
	final: boolean;
	timedOut: boolean;
	/** Why the stream ended before a final event (dropped connection, `error` event, ...). */
	interruption?: string;
}

/** One request of an API: method and path below its prefix. */
export interface ApiTarget {
	method: HttpMethod;
	path: string;
	qs?: IDataObject;
}

/**
 * What the engine needs to know of one Midjourney API. The engine submits, waits (stream, poll,
 * pause, none), cancels what it abandons, shapes and downloads; an API says where and in which
 * words. Optional parts are abilities some APIs lack: the engine does without them.
 */
export interface JobApi {
	endpoint: ApiEndpoint;
	/** Who answers, as messages name it: "useapi.net", "Midjourney API". */
	name: string;
	/**
	 * Jobs run on the user's own Discord accounts (useapi.net): its account-safety notices
	 * (--p codes, near-identical prompts) join the prompt warnings.
	 */
	discordAccounts: boolean;
	/**
	 * Reads the live events (SSE) a submit can ask for, until the job's final event, the
	 * deadline or the stream's end; absent when the API has no stream.
	 */
	followStream?(
		stream: ByteStream,
		deadline: Deadline,
		onJobId?: (jobid: string) => void,
	): Promise<StreamOutcome>;
	submit(verb: string): ApiTarget;
	/**
	 * Fields a submit carries beside the verb's own, in the API's words: the routing the user
	 * chose (neutral names, see JobSettings.routing; Pause Until Callback sets replyUrl to the
	 * resume URL with replyLevel 'minimal'), the node's reference, whether to stream.
	 */
	submitFields(options: { stream: boolean; replyRef: string; routing: IDataObject }): IDataObject;
	read(jobid: string): ApiTarget;
	/** How a running job is cancelled; absent when the API cannot cancel. */
	cancel?(jobid: string): ApiTarget;
	/**
	 * The job a successful submit answer describes (some APIs answer with its id only), and
	 * whether the API returned a job that already existed instead of creating one.
	 */
	acceptedJob(body: unknown, statusCode: number): { job: Job; reusedExisting: boolean } | undefined;
	/** The API's job, as a read, a callback or a refused submit carries it, in the engine's shape. */
	toJob(body: unknown): Job | undefined;
	/** The field of its job that holds the job's id (a callback claims it before anything is trusted). */
	jobIdField: string;
	/** The shape and longest length of its job ids: how many a pause ledger holds (callbackLedger). */
	jobIds: JobIdFormat;
	/**
	 * What a refused submit adds to the status's advice, knowing the request (e.g. the price of
	 * this job when the balance is too low); undefined for nothing to add.
	 */
	refusalAdvice?(statusCode: number, verb: string, body: IDataObject): string | undefined;
	/** How many of these jobs the account can run at once, when the API can tell. */
	capacity?(context: IExecuteFunctions, jobs: PreparedJob[]): Promise<number>;
	/** The job a submit whose answer was lost created, when the API lets it be found. */
	findSubmitted?(
		context: IExecuteFunctions,
		prepared: PreparedJob,
		replyRef: string,
		submittedAt: number,
		deadline: Deadline,
	): Promise<Job | undefined>;
	/** A 429 naming a busy slot: wait until it frees (true), or not at all (false). */
	waitForSlot?(
		context: IExecuteFunctions,
		prepared: PreparedJob,
		busyBody: unknown,
		remainingMs: () => number,
	): Promise<boolean>;
}
