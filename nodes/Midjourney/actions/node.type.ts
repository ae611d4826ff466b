import type { AllEntities } from 'n8n-workflow';

import type { operations as jobOperations } from './job';

type NodeMap = {
	account: 'configure' | 'delete' | 'get' | 'list' | 'reset';
	job: keyof typeof jobOperations;
	media: 'download';
	settings: 'fast' | 'getSettings' | 'info' | 'relax' | 'remix' | 'turbo' | 'variability';
};

export type MidjourneyType = AllEntities<NodeMap>;
