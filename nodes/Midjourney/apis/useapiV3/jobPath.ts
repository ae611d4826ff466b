/** The API path of one job (GET to read it, DELETE to cancel it). */
export function jobPath(jobid: string): string {
	return `/jobs/${encodeURIComponent(jobid)}`;
}
