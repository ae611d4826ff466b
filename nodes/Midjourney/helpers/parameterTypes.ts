import type { IExecuteFunctions, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { inputError } from './validate';

type Expected = 'text' | 'number' | 'choice';

const WHAT_TO_PASS: Record<Expected, string> = {
	text: 'Make its expression return text: pick the text inside the object (e.g. {{ $json.prompt.text }}), or wrap it in JSON.stringify() to send the JSON itself as text.',
	number:
		'Make its expression return a number (e.g. 600) or a numeric string ("600"): pick the number inside the object, or convert the text with Number().',
	choice: "Make its expression return one of the list's values, as text.",
};

const EXPECTED_WORDS: Record<Expected, string> = {
	text: 'text',
	number: 'a number',
	choice: 'one of its list values',
};

const EXPECTED_BY_TYPE: Partial<Record<INodeProperties['type'], Expected>> = {
	string: 'text',
	number: 'number',
	options: 'choice',
};

function isNumeric(value: unknown): boolean {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

/** Whether a value fits its field; empty values are left to the field's own checks. */
function fits(expected: Expected, value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	if (expected === 'number') return isNumeric(value);
	return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** The value as the message shows it: its kind, then a short excerpt. */
function shown(value: unknown): string {
	if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
	if (typeof value === 'object') return `an object (${JSON.stringify(value).slice(0, 60)})`;
	if (typeof value === 'boolean') return `the boolean ${String(value)}`;
	if (typeof value === 'number') return `${String(value)}, which is not a usable number`;
	return `the text "${String(value).slice(0, 60)}"`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks one parameter's value against its description; `path` is what the UI shows. */
class ParameterWalk {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly itemIndex: number,
	) {}

	property(property: INodeProperties, value: unknown, path: string[]): void {
		if (property.type === 'collection') return this.collection(property, value, path);
		if (property.type === 'fixedCollection') return this.fixedCollection(property, value, path);
		const expected = EXPECTED_BY_TYPE[property.type];
		if (expected && !fits(expected, value)) this.fail(path, expected, value);
	}

	private collection(property: INodeProperties, value: unknown, path: string[]): void {
		if (!isRecord(value)) return;
		const fields = (property.options ?? []) as INodeProperties[];
		this.fields(fields, value, path);
	}

	private fixedCollection(property: INodeProperties, value: unknown, path: string[]): void {
		if (!isRecord(value)) return;
		for (const [name, entries] of Object.entries(value)) {
			const group = (property.options ?? []).find(
				(option): option is INodePropertyCollection => option.name === name && 'values' in option,
			);
			if (!group) continue;
			const list = Array.isArray(entries) ? entries : [entries];
			list.forEach((entry, index) => {
				const label = list.length > 1 ? `${group.displayName} ${index + 1}` : group.displayName;
				if (isRecord(entry)) this.fields(group.values, entry, [...path, label]);
			});
		}
	}

	private fields(fields: INodeProperties[], values: Record<string, unknown>, path: string[]) {
		for (const [name, value] of Object.entries(values)) {
			const field = fields.find((candidate) => candidate.name === name);
			if (field) this.property(field, value, [...path, field.displayName]);
		}
	}

	private fail(path: string[], expected: Expected, value: unknown): never {
		throw inputError(
			this.context,
			this.itemIndex,
			`${path.join(' → ')} [item ${this.itemIndex}] must be ${EXPECTED_WORDS[expected]}, but its value is ${shown(value)}`,
			`${WHAT_TO_PASS[expected]} Nothing was sent for this item.`,
		);
	}
}

/** The field a stored parameter belongs to: the first one of that name whose kind is known. */
function fieldOf(properties: INodeProperties[], name: string): INodeProperties | undefined {
	return properties.find((property) => property.name === name);
}

/**
 * Checks that every parameter of the operation holds what its field expects (text, a number, a
 * value of its list), after expressions are resolved: an expression that returns an object, a
 * list or a boolean fails the item before any request, instead of sending "[object Object]".
 * n8n stores only the parameters the node shows, so those are the ones checked.
 */
export function checkParameterTypes(
	context: IExecuteFunctions,
	properties: INodeProperties[],
	itemIndex: number,
): void {
	const walk = new ParameterWalk(context, itemIndex);
	for (const name of Object.keys(context.getNode().parameters)) {
		const property = fieldOf(properties, name);
		if (!property) continue;
		walk.property(property, context.getNodeParameter(name, itemIndex), [property.displayName]);
	}
}
