'use strict';
// Server-Sent Events writer: `data: {json}\n\n` per event, seq from 0, plus the SSE fault knobs
// (chunking, line endings, comments/fields, BOM, garbage events, padding, server-side drops).
const { clockTime } = require('./util');
const { takeDrop } = require('./faults');

const EOL = { lf: '\n', crlf: '\r\n', cr: '\r' };

class SseStream {
	constructor(sim, res, record) {
		this.sim = sim;
		this.res = res;
		this.record = record;
		const f = sim.faults;
		this.opts = {
			chunking: f.sseChunking,
			eol: EOL[f.sseLineEnding],
			comments: f.sseComments,
			garbage: f.sseGarbage,
			pad: f.ssePadBytes,
			bom: f.sseBom,
		};
		this.dropAfter = takeDrop(f);
		this.seq = 0;
		this.eventsWritten = 0;
		this.queue = [];
		this.busy = false;
		this.finalQueued = false;
		this.ended = false; // final event written and response ended
		this.dropped = false;
		this.closed = false;
		this.closeHooks = [];
		this.immediate = null;

		record.stream = true;
		record.status = 200;
		res.writeHead(200, {
			'content-type': 'text/event-stream',
			'cache-control': 'no-cache',
			connection: 'keep-alive',
			'x-accel-buffering': 'no',
		});
		res.flushHeaders();
		if (this.opts.bom) this.queue.push({ buf: Buffer.from('\uFEFF', 'utf8') });
		res.on('close', () => this.onClose());
		sim.streams.add(this);
	}

	onClose() {
		if (this.closed) return;
		this.closed = true;
		if (!this.ended && !this.dropped) this.record.disconnectedEarly = true;
		if (this.immediate) clearImmediate(this.immediate);
		this.sim.streams.delete(this);
		for (const hook of this.closeHooks) hook();
	}

	onceClosed(hook) {
		if (this.closed) hook();
		else this.closeHooks.push(hook);
	}

	/** Queues one event; `final` ends the response once it is written. */
	send(payload, final = false) {
		if (this.closed || this.finalQueued) return;
		const seq = this.seq++;
		const event = { ...payload, seq, ts: clockTime() };
		if (this.opts.pad && payload.job) event.padding = 'x'.repeat(this.opts.pad);
		const nl = this.opts.eol;
		let text = '';
		if (this.opts.comments) {
			// Still valid SSE: comments, a retry field, and id/event fields on some events.
			text += `: keep-alive${nl}`;
			if (seq === 1) text += `retry: 3000${nl}${nl}`;
			if (seq % 2 === 1) text += `id: ${seq}${nl}`;
			if (seq % 3 === 2) text += `event: message${nl}`;
		}
		text += `data: ${JSON.stringify(event)}${nl}${nl}`;
		this.queue.push({ buf: Buffer.from(text, 'utf8'), event: true, final });
		if (this.opts.garbage && !final)
			this.queue.push({ buf: Buffer.from(`data: ping${nl}${nl}`, 'utf8') });
		if (final) this.finalQueued = true;
		this.pump();
	}

	/** Writes queued items one at a time; chunked modes write one piece per event-loop turn. */
	pump() {
		if (this.busy || this.closed) return;
		const item = this.queue.shift();
		if (!item) return;
		this.busy = true;
		const pieces = this.split(item.buf);
		const writeNext = () => {
			this.immediate = null;
			if (this.closed) return;
			const piece = pieces.shift();
			const last = pieces.length === 0;
			const ok = this.res.write(piece, last ? () => this.afterItem(item) : undefined);
			if (last) return;
			if (ok) this.immediate = setImmediate(writeNext);
			else this.res.once('drain', writeNext);
		};
		writeNext();
	}

	afterItem(item) {
		if (this.closed) return;
		if (item.event) {
			this.eventsWritten++;
			this.record.sseEvents = this.eventsWritten;
			if (this.dropAfter !== null && this.eventsWritten >= this.dropAfter && !item.final) {
				// Fault: the connection dies without the terminating chunk; the job keeps running.
				this.dropped = true;
				this.record.dropped = true;
				this.res.socket?.destroy();
				return;
			}
		}
		if (item.final) {
			this.ended = true;
			this.res.end();
			return;
		}
		this.busy = false;
		this.pump();
	}

	split(buf) {
		const mode = this.opts.chunking;
		if (mode === 'whole' || buf.length <= 1) return [buf];
		const pieces = [];
		for (let i = 0; i < buf.length; ) {
			const n =
				mode === 'bytes'
					? 1 + Math.floor(Math.random() * 3)
					: 1 + Math.floor(Math.random() * Math.min(256, buf.length));
			pieces.push(buf.subarray(i, i + n));
			i += n;
		}
		return pieces;
	}

	/** Server shutdown / reset: cut the connection. */
	destroy() {
		this.res.socket?.destroy();
		this.onClose();
	}
}

module.exports = { SseStream };
