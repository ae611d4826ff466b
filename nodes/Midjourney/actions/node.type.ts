import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	account: 'configure' | 'delete' | 'get' | 'list' | 'reset';
	job: 'blend' | 'button' | 'cancel' | 'describe' | 'get' | 'imagine' | 'listRunning' | 'seed';
	media: 'download';
	settings: 'fast' | 'getSettings' | 'info' | 'relax' | 'remix' | 'turbo' | 'variability';
};

export type MidjourneyType = AllEntities<NodeMap>;
