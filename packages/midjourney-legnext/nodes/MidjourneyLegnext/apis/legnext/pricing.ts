import type { IDataObject } from 'n8n-workflow';

/**
 * Points a task costs where a source names a figure (facts sheet §9): diffusion 80 fast (seen
 * live), the rest from one third party's list, "actual price varies". `--turbo` doubles.
 * Undefined where no source gives a number.
 */
export function knownPrice(verb: string, body: IDataObject): number | undefined {
	const text = [body.text, body.prompt, body.remixPrompt].filter((v) => typeof v === 'string');
	const turbo = text.some((value) => /(^|\s)--turbo\b/.test(value as string)) ? 2 : 1;
	switch (verb) {
		case 'diffusion':
			return 80 * turbo;
		case 'variation':
			return 120 * turbo;
		case 'upscale':
			return body.type === 1 ? 160 : body.type === 0 ? 120 : undefined;
		case 'describe':
		case 'shorten':
			return 20;
		case 'video-diffusion':
			return body.videoType === 1 ? 1536 : 480;
		default:
			return undefined;
	}
}

/** What a 402 adds: how many points this job needs, where known. */
export function balanceAdvice(verb: string, body: IDataObject): string {
	const price = knownPrice(verb, body);
	return price === undefined
		? `Legnext publishes no price for ${verb}; check the price list on legnext.ai.`
		: `This ${verb} costs about ${price} points (Legnext's figures; the real charge is in meta.usage of each job).`;
}
