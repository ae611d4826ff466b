import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../helpers/validate';

export function scaleField(max: number, description: string): INodeProperties {
	return {
		displayName: 'Scale',
		name: 'scale',
		type: 'number',
		typeOptions: { minValue: 1.1, maxValue: max, numberPrecision: 2 },
		default: Math.min(1.5, max),
		description: `${description} (1.1–${max})`,
	};
}

/** Scale is required by Legnext (a pan without it answers 400, S4) and must be in range. */
export function readScale(context: IExecuteFunctions, itemIndex: number, max: number): number {
	const raw = context.getNodeParameter('scale', itemIndex, 1.5);
	const scale = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isFinite(scale) || scale < 1.1 || scale > max) {
		throw inputError(
			context,
			itemIndex,
			`Scale must be a number from 1.1 to ${max} (got ${String(raw)})`,
			`Set Scale between 1.1 and ${max}; nothing was sent.`,
		);
	}
	return scale;
}
