import type { JsonObject } from 'n8n-workflow';

export interface Guidance {
	/** What happened, in the user's words. */
	message: string;
	/** What the user should do about it. */
	action: string;
}

/** How one API's errors are explained: what happened and what to do, per HTTP status. */
export interface ErrorGuidance {
	byStatus: Record<number, Guidance>;
	/** A status the table does not know. */
	otherStatus(statusCode: number): Guidance;
	/** Refusals whose cause is known better than the status says, recognised by the API's words. */
	knownRefusals: Array<{ pattern: RegExp; action: string }>;
	/** The API's own words in an error body. */
	apiMessage(body: JsonObject): { message?: string; details?: string };
	/** Sharpens the guidance with what the body says (e.g. which channel is locked). */
	refine?(guidance: Guidance, statusCode: number, body: JsonObject): Guidance | undefined;
	/** No HTTP answer at all. */
	unreachable: Guidance;
	/** Where to see whether a job exists (after a lost answer): "Job → List Running or your Midjourney DM". */
	whereToLook: string;
	/** What to do when a job outlives the Timeout. */
	afterTimeout: string;
	/** What to do about a failed job whose channel is locked (code 596), where the API has channels. */
	lockedChannel?: string;
}
