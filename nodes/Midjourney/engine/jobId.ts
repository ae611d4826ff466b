/**
 * The one shape of a useapi.net v3 job id, e.g.
 *   j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney
 * (a time-based number with the job type letter, the useapi.net user, the Discord channel).
 * Job ids a user enters are checked against it before any request; the pause ledger uses its
 * parts to store ids compactly. The trigger deliberately does not (see trigger/readCallback.ts).
 */
const JOB_ID = /^(j\d+[a-z]?)-u(\d+)-c(\d+)-bot:midjourney$/;

export const EXAMPLE_JOB_ID = 'j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney';

export function isJobId(value: string): boolean {
	return JOB_ID.test(value);
}

export interface JobIdParts {
	head: string;
	user: string;
	channel: string;
}

export function jobIdParts(jobId: string): JobIdParts | undefined {
	const parts = JOB_ID.exec(jobId);
	return parts ? { head: parts[1], user: parts[2], channel: parts[3] } : undefined;
}
