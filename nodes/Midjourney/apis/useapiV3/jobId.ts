/**
 * The one shape of a useapi.net v3 job id, e.g.
 *   j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney
 * (a time-based number with the job type letter, the useapi.net user, the Discord channel).
 * Job ids a user enters are checked against it before any request (the pause ledger packs them
 * with apis/useapiJobIds.ts). The trigger deliberately does not (see trigger/readCallback.ts).
 */
const JOB_ID = /^(j\d+[a-z]?)-u(\d+)-c(\d+)-bot:midjourney$/;

export const EXAMPLE_JOB_ID = 'j1024181105489769750i-u12345-c1234567890987654321-bot:midjourney';

export function isJobId(value: string): boolean {
	return JOB_ID.test(value);
}
