/**
 * How an API's job ids are written into the pause ledger, whose values n8n limits to 255
 * characters. Every id of the API's documented format packs to at most as many characters as
 * `longest` does: that is what the ledger reserves per item before any job is submitted.
 */
export interface JobIdFormat {
	/** The longest id of the API's documented format. */
	longest: string;
	/** The id in fewer characters (never `|`, `=` or `!`), or undefined when it is not of the format. */
	pack(jobId: string): string | undefined;
	unpack(packed: string): string;
}
