/**
 * Events this n8n process is starting or has just started an execution for. n8n loads and saves
 * workflow static data per webhook request, so two copies of one callback handled at the same
 * moment both find the delivery log without their event; this claim, taken synchronously after
 * that check, lets exactly one of them start. It holds within one process; across several
 * webhook processes only the (slower) static-data log applies, as the README says.
 */
const CLAIM_TTL_MS = 15 * 60_000;
const MAX_CLAIMS = 10_000;

const claims = new Map<string, number>();

function forgetExpired(now: number): void {
	for (const [key, at] of claims) {
		if (now - at < CLAIM_TTL_MS && claims.size <= MAX_CLAIMS) break;
		claims.delete(key);
	}
}

/** True for the first caller with this key (per workflow, node and event); false afterwards. */
export function claimEvent(key: string): boolean {
	const now = Date.now();
	forgetExpired(now);
	if (claims.has(key)) return false;
	claims.set(key, now);
	return true;
}
