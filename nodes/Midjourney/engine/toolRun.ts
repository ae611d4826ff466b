import { NodeConnectionTypes } from 'n8n-workflow';

interface HasNodeOutputs {
	getNodeOutputs?: () => Array<{ type?: string } | string>;
}

/**
 * Whether this run's node is the `…Tool` variant n8n derives for an AI Agent: the variant's
 * description has one `ai_tool` output (n8n 2.x NodeTypes, `convertNodeToAiTool`), the plain
 * node a `main` one. n8n 2.x runs an agent's tool through an ExecuteContext whose
 * `isToolExecution()` is false, so the outputs are what tells. A context that cannot say
 * (no getNodeOutputs, or it throws) is the plain node: its output never changes by mistake.
 */
export function answersAModel(context: object): boolean {
	const { getNodeOutputs } = context as HasNodeOutputs;
	if (typeof getNodeOutputs !== 'function') return false;
	try {
		const outputs = getNodeOutputs.call(context);
		return (
			Array.isArray(outputs) &&
			outputs.some((output) =>
				typeof output === 'string'
					? output === NodeConnectionTypes.AiTool
					: output?.type === NodeConnectionTypes.AiTool,
			)
		);
	} catch {
		return false;
	}
}
