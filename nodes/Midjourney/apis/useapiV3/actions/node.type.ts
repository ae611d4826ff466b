import type { AllEntities } from 'n8n-workflow';

import type { operations as accountOperations } from './account';
import type { operations as jobOperations } from './job';
import type { operations as mediaOperations } from './media';
import type { operations as settingsOperations } from './settings';

type NodeMap = {
	account: keyof typeof accountOperations;
	job: keyof typeof jobOperations;
	media: keyof typeof mediaOperations;
	settings: keyof typeof settingsOperations;
};

export type MidjourneyType = AllEntities<NodeMap>;
