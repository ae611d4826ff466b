import { settingsCommand } from './settingsCommand';

export const { description, jobOperation, execute } = settingsCommand('remix', 'remix');
