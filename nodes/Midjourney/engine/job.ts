import type { IDataObject } from 'n8n-workflow';

export type JobStatus = 'created' | 'started' | 'progress' | 'completed' | 'failed' | 'moderated';

export interface MediaLink {
	id: number;
	url: string;
}

export interface JobResponse extends IDataObject {
	content?: string;
	progress_percent?: number;
	buttons?: string[];
	imageUx?: MediaLink[];
	videoUx?: MediaLink[];
	attachments?: IDataObject[];
	settings?: IDataObject;
}

/** A job as GET /jobs/{jobid}, SSE events and callbacks carry it. */
export interface Job extends IDataObject {
	jobid: string;
	verb?: string;
	jobType?: 'image' | 'video';
	status: JobStatus;
	created?: string;
	updated?: string;
	request?: IDataObject;
	response?: JobResponse;
	error?: string;
	errorDetails?: string;
	code?: number;
	/** The job in the API's own words, when they are not the engine's (output as the full job). */
	source?: IDataObject;
}

const FINAL_STATUSES: JobStatus[] = ['completed', 'failed', 'moderated'];

export function isFinal(status: string | undefined): boolean {
	return FINAL_STATUSES.includes(status as JobStatus);
}

export function isJob(value: unknown): value is Job {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as Job).jobid === 'string' &&
		typeof (value as Job).status === 'string'
	);
}
