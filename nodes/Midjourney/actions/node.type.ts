import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	account: 'configure' | 'delete' | 'get' | 'list' | 'reset';
	job: 'cancel' | 'get' | 'imagine' | 'listRunning';
};

export type MidjourneyType = AllEntities<NodeMap>;
