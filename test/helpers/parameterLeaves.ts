import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodeTypeDescription,
} from 'n8n-workflow';

/** One text, number or list field of one operation, and the parameters that set it to a value. */
export interface ParameterLeaf {
	resource: string;
	operation: string;
	/** The field as the UI names it: "Options → Timeout (Seconds)". */
	path: string[];
	parameters: IDataObject;
}

const CHECKED_TYPES = ['string', 'number', 'options'];

const isChecked = (property: INodeProperties) =>
	CHECKED_TYPES.includes(property.type) && !property.noDataExpression;

function valuesOf(property: INodeProperties | undefined): string[] {
	return (property?.options ?? []).map((option) => String((option as { value: unknown }).value));
}

function shows(property: INodeProperties, key: string, value: string): boolean {
	const wanted = property.displayOptions?.show?.[key];
	return !wanted || wanted.map(String).includes(value);
}

/** A value n8n accepts for a required field that is not the one under test. */
function filler(property: INodeProperties): string | number {
	if (property.type === 'options') return valuesOf(property)[0];
	return property.type === 'number' ? 1 : 'x';
}

/** Every required field of the operation set, so n8n runs the node instead of reporting issues. */
function requiredOf(fields: INodeProperties[]): IDataObject {
	const required = fields.filter((field) => field.required && isChecked(field));
	return Object.fromEntries(required.map((field) => [field.name, filler(field)]));
}

/** The other parameters a field needs to be shown: the first value each of its conditions lists. */
function conditionsOf(property: INodeProperties): IDataObject {
	const conditions: IDataObject = {};
	for (const [key, values] of Object.entries(property.displayOptions?.show ?? {})) {
		if (key === 'resource' || key === 'operation' || !values?.length) continue;
		conditions[key] = values[0] as string;
	}
	return conditions;
}

function leavesOf(property: INodeProperties, value: string): Array<[string[], IDataObject]> {
	const base = conditionsOf(property);
	if (isChecked(property)) return [[[property.displayName], { ...base, [property.name]: value }]];
	if (property.type === 'collection') {
		return (property.options as INodeProperties[]).filter(isChecked).map((field) => [
			[property.displayName, field.displayName],
			{ ...base, [property.name]: { [field.name]: value } },
		]);
	}
	if (property.type !== 'fixedCollection') return [];
	const multiple = property.typeOptions?.multipleValues === true;
	return (property.options as INodePropertyCollection[]).flatMap((group) =>
		group.values.filter(isChecked).map((field): [string[], IDataObject] => {
			const entry = { ...conditionsOf(field), [field.name]: value };
			return [
				[property.displayName, group.displayName, field.displayName],
				{ ...base, [property.name]: { [group.name]: multiple ? [entry] : entry } },
			];
		}),
	);
}

/**
 * Every text, number and list field of every operation of a node, from its description: a field
 * added later is enumerated without touching the test.
 */
export function parameterLeaves(
	description: INodeTypeDescription,
	value: string,
): ParameterLeaf[] {
	const properties = description.properties;
	const resourceField = properties.find((property) => property.name === 'resource');
	const leaves: ParameterLeaf[] = [];
	for (const resource of valuesOf(resourceField)) {
		const operationField = properties.find(
			(property) => property.name === 'operation' && shows(property, 'resource', resource),
		);
		for (const operation of valuesOf(operationField)) {
			const fields = properties.filter(
				(property) =>
					!['resource', 'operation'].includes(property.name) &&
					shows(property, 'resource', resource) &&
					shows(property, 'operation', operation),
			);
			const required = requiredOf(fields);
			for (const field of fields) {
				for (const [path, parameters] of leavesOf(field, value)) {
					leaves.push({ resource, operation, path, parameters: { ...required, ...parameters } });
				}
			}
		}
	}
	return leaves;
}
