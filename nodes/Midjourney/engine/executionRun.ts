import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Which run of this node in this execution the context belongs to: a node inside a loop runs
 * several times per execution, while n8n's Retry On Fail repeats the same run.
 */
export function runIndexOf(context: IExecuteFunctions): number {
	const proxy = context.getWorkflowDataProxy(0);
	return typeof proxy.$thisRunIndex === 'number' ? proxy.$thisRunIndex : 0;
}
