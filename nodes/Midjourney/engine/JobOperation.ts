import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { JobApi } from '../apis/JobApi';
import type { PromptCheck } from '../prompt/promptNotes';
import type { Job } from './job';
import type { SubmitsInFlight } from './submitsInFlight';
import type { BatchPace } from './waiting/batchPace';
import type { JobSettings } from './jobSettings';
import type { Waiting } from './waiting/Waiting';

/**
 * An input image or mask, checked but not read: its bytes are loaded when its job is submitted,
 * so a batch holds at most its concurrency's worth of files in memory.
 */
export interface JobFile {
	/** The multipart field it is sent as, unless it goes into the JSON body (`inlineAt`). */
	field: string;
	fileName: string;
	mimeType: string;
	/** Names the file's content without reading it (for telling a changed item apart). */
	identity: string;
	/** Where in the JSON body its base64 goes, for APIs that take files inside the JSON. */
	inlineAt?: Array<string | number>;
	load(): Promise<Buffer>;
}

/** The verb-specific part of a job request; the engine adds routing fields and `stream`. */
export interface JobRequest {
	body: IDataObject;
	files?: JobFile[];
	/** Which concurrency limit the job counts against (maxImageJobs or maxVideoJobs). */
	jobType?: 'image' | 'video';
	/** The prompt as checked and sent, with its warnings (verbs whose prompt is checked). */
	promptCheck?: PromptCheck;
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
	/** Its prompt is checked (preparePrompt): after a pause the warnings come from the job's prompt. */
	checksPrompt?: boolean;
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
	/** The API of the node that runs the job (the node is built with it). */
	api: JobApi;
	operation: JobOperation;
	request: JobRequest;
	settings: JobSettings;
	/** How the job is waited for, chosen once from the settings' Wait for Completion. */
	waiting: Waiting;
	/** The submits of this item's run still waiting for their answer (shared by the run's items). */
	submits: SubmitsInFlight;
	/** The run's pacing model, when the node follows its jobs to their end (shared by the run's items). */
	pace?: BatchPace;
	/** Fields its output item carries whatever becomes of the job (promptWarnings). */
	notes: IDataObject;
}
