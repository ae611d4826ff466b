import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Job } from './job';
import type { JobSettings } from './jobSettings';
import type { Waiting } from './waiting/Waiting';

/** An image or mask sent as a multipart file part. */
export interface JobFile {
	field: string;
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** The verb-specific part of a job request; the engine adds routing fields and `stream`. */
export interface JobRequest {
	body: IDataObject;
	files?: JobFile[];
	/** Which concurrency limit the job counts against (maxImageJobs or maxVideoJobs). */
	jobType?: 'image' | 'video';
}

/**
 * A job verb (imagine, button, describe, ...). It only describes how to build its request
 * from an item; submitting, waiting, concurrency, cancelling and output are the engine's.
 */
export interface JobOperation {
	/** Path segment after /jobs/. */
	verb: string;
	/** Settings-type verbs read or change account state: run them one at a time. */
	serial?: boolean;
	buildRequest(this: IExecuteFunctions, itemIndex: number): Promise<JobRequest> | JobRequest;
	/** Added to the API's 400 message: what usually causes it for this verb. */
	rejectionHint?: string;
	/** Verb-specific fields worth lifting out of the job (seed, suggested prompts, settings, ...). */
	summarize?(job: Job): IDataObject;
	/**
	 * For execute-once verbs: the job a previous identical request already created, if any,
	 * so it is followed instead of pressing again.
	 */
	findExisting?(this: IExecuteFunctions, prepared: PreparedJob): Promise<string | undefined>;
}

/** One item's job, validated and ready to submit. */
export interface PreparedJob {
	itemIndex: number;
	operation: JobOperation;
	request: JobRequest;
	settings: JobSettings;
	/** How the job is waited for, chosen once from the settings' Wait for Completion. */
	waiting: Waiting;
}
