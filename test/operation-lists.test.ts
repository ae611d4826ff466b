/**
 * Each action node's Operation lists come from the same operations maps it runs: every operation
 * the editor offers for a resource is one the node runs, under the name the editor sends.
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { Midjourney } from '../nodes/Midjourney/Midjourney.node';
import { MidjourneyLegacy } from '../nodes/Midjourney/MidjourneyLegacy.node';
import { MidjourneyV1Api } from '../packages/midjourney-v1-api/nodes/MidjourneyV1Api/MidjourneyV1Api.node';
import { resources } from '../nodes/Midjourney/apis/useapiV3/actions/resources';
import { operations as officialOperations } from '../packages/midjourney-v1-api/nodes/MidjourneyV1Api/apis/midjourneyV1/actions';
import { operations as legacyOperations } from '../nodes/Midjourney/apis/useapiV2/actions';
import type { OperationModule } from '../nodes/Midjourney/helpers/operationProperties';

/** The Operation list the editor shows for a resource. */
function offeredOperations(nodeType: INodeType, resource: string): string[] {
	const lists = nodeType.description.properties.filter(
		(property: INodeProperties) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.resource ?? ['job']).includes(resource),
	);
	expect(lists).toHaveLength(1);
	return (lists[0].options as INodePropertyOptions[]).map((option) => String(option.value));
}

const cases: Array<[string, INodeType, Record<string, Record<string, OperationModule>>]> = [
	['MidjourneyV3', new Midjourney(), resources],
	['Midjourney /v1 API', new MidjourneyV1Api(), { job: officialOperations }],
	['Midjourney Legacy', new MidjourneyLegacy(), { job: legacyOperations }],
];

describe.each(cases)('%s', (_name, nodeType, operationsByResource) => {
	it.each(Object.entries(operationsByResource))(
		'offers exactly the %s operations it runs, each under its own name',
		(resource, operations) => {
			expect(offeredOperations(nodeType, resource).sort()).toEqual(Object.keys(operations).sort());
			for (const [name, module] of Object.entries(operations)) {
				expect(module.option.value).toBe(name);
			}
		},
	);
});

it('MidjourneyV3 offers exactly the resources it runs', () => {
	const resourceList = new Midjourney().description.properties.find(
		(property) => property.name === 'resource',
	);
	const offered = (resourceList?.options as INodePropertyOptions[]).map((option) => option.value);
	expect(offered.sort()).toEqual(Object.keys(resources).sort());
});
