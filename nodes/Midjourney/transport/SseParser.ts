/**
 * Server-Sent Events parser: the "event stream interpretation" of the WHATWG HTML spec.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */

export interface SseEvent {
	/** Event type; 'message' when the event had no (or an empty) `event` field. */
	event: string;
	data: string;
	/** The stream's last event ID: kept across events until an `id` field changes it; absent while empty. */
	id?: string;
	/** The reconnection time (ms) most recently set by a `retry` field; absent until one is seen. */
	retry?: number;
}

const ASCII_DIGITS = /^[0-9]+$/;

/**
 * The most text an unterminated line plus an undispatched event may hold. A job event is a few
 * kB; a server (or proxy) that never sends a line end must not grow memory without bound.
 */
export const MAX_BUFFERED_CHARS = 1024 * 1024;

export class SseBufferOverflowError extends Error {
	constructor() {
		super(`the event stream sent over ${MAX_BUFFERED_CHARS} characters without ending an event`);
		this.name = 'SseBufferOverflowError';
	}
}

export class SseParser {
	// ignoreBOM keeps a BOM in the output, so byte and string input share one stripping rule below.
	private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

	private atStreamStart = true;

	/** Pieces of the line not yet terminated; already scanned, so they contain no CR or LF. */
	private partialLine: string[] = [];

	/** Characters held in partialLine and dataLines, checked against MAX_BUFFERED_CHARS. */
	private buffered = 0;

	/** The last text ended in CR, so an LF opening the next text completes that CRLF. */
	private skipLeadingLf = false;

	/** Values of the `data` fields of the current event (the spec's data buffer, unjoined). */
	private dataLines: string[] = [];

	private eventType = '';

	private lastEventId = '';

	private retry: number | undefined;

	constructor(
		private readonly onEvent: (event: SseEvent) => void,
		private readonly onComment?: (comment: string) => void,
	) {}

	/**
	 * Feed raw bytes or already-decoded text. Chunk boundaries may fall anywhere, including
	 * inside a multi-byte UTF-8 character and between the CR and LF of a CRLF.
	 */
	feed(chunk: Uint8Array | string): void {
		if (typeof chunk === 'string') {
			// Bytes left over from a previous byte chunk can no longer complete a character.
			this.processText(this.decoder.decode() + chunk);
		} else {
			this.processText(this.decoder.decode(chunk, { stream: true }));
		}
	}

	/**
	 * End of stream. Per the spec, pending data is discarded: an unterminated line and an event
	 * not yet closed by a blank line. The last event ID and retry value are kept, as an
	 * EventSource keeps them across reconnections; the next feed starts a new stream.
	 */
	end(): void {
		this.decoder.decode(); // resets the decoder; whatever it flushes belongs to the discarded line
		this.atStreamStart = true;
		this.partialLine = [];
		this.buffered = 0;
		this.skipLeadingLf = false;
		this.dataLines = [];
		this.eventType = '';
	}

	private processText(text: string): void {
		if (text.length === 0) return;
		let start = 0;
		if (this.atStreamStart) {
			this.atStreamStart = false;
			if (text.charCodeAt(0) === 0xfeff) start = 1;
		}
		if (this.skipLeadingLf) {
			this.skipLeadingLf = false;
			if (text.charCodeAt(start) === 0x0a) start++;
		}

		// Each search result is reused until the scan passes it, so no character is scanned twice.
		let cr = text.indexOf('\r', start);
		let lf = text.indexOf('\n', start);
		while (cr !== -1 || lf !== -1) {
			const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
			this.lineEnded(text.slice(start, end));
			start = end + 1;
			if (end === cr) {
				if (start === text.length) this.skipLeadingLf = true;
				else if (text.charCodeAt(start) === 0x0a) start++;
			}
			if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
			if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
		}
		if (start < text.length) {
			this.partialLine.push(text.slice(start));
			this.hold(text.length - start);
		}
	}

	private hold(chars: number): void {
		this.buffered += chars;
		if (this.buffered > MAX_BUFFERED_CHARS) throw new SseBufferOverflowError();
	}

	private lineEnded(lastPiece: string): void {
		if (this.partialLine.length === 0) {
			this.processLine(lastPiece);
			return;
		}
		this.partialLine.push(lastPiece);
		const line = this.partialLine.join('');
		this.partialLine = [];
		this.buffered -= line.length - lastPiece.length;
		this.processLine(line);
	}

	private processLine(line: string): void {
		if (line.length === 0) {
			this.dispatch();
			return;
		}
		const colon = line.indexOf(':');
		if (colon === 0) {
			// The spec ignores comments; like eventsource-parser we report them minus one leading space.
			this.onComment?.(line.slice(line.charCodeAt(1) === 0x20 ? 2 : 1));
			return;
		}
		let field = line;
		let value = '';
		if (colon > 0) {
			field = line.slice(0, colon);
			value = line.slice(line.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1);
		}
		switch (field) {
			case 'event':
				this.eventType = value;
				break;
			case 'data':
				this.hold(value.length);
				this.dataLines.push(value);
				break;
			case 'id':
				if (!value.includes('\0')) this.lastEventId = value;
				break;
			case 'retry':
				if (ASCII_DIGITS.test(value)) this.retry = parseInt(value, 10);
				break;
			default:
			// Unknown fields are ignored.
		}
	}

	private dispatch(): void {
		if (this.dataLines.length === 0) {
			this.eventType = '';
			return;
		}
		this.buffered = 0;
		// Joining with LF equals "append value + LF per line, then drop the final LF".
		const event: SseEvent = { event: this.eventType || 'message', data: this.dataLines.join('\n') };
		if (this.lastEventId !== '') event.id = this.lastEventId;
		if (this.retry !== undefined) event.retry = this.retry;
		this.dataLines = [];
		this.eventType = '';
		this.onEvent(event);
	}
}
